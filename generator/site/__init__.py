"""Site: the knowledge base as Markdown pages and data (render, links,
visuals), with untrusted text kept inert (escape, sanitize, csp)."""
