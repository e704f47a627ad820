"""Where the package's own files are, and the checkout it runs from."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"  # rules as data (YAML)
TEMPLATES = PACKAGE / "templates"  # Jinja2 templates of the generated pages
ASSETS = PACKAGE / "assets"  # the code cells' browser code
PROJECT = PACKAGE.parent  # the checkout: sources/, snippets/, docs/, mkdocs.yml
