"""Code cells: the runnable problems (snippets), the Pyodide runtime copied
into the site (runtime) and the vendored browser libraries (vendor)."""
