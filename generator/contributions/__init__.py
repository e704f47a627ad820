"""Contributions: Markdown files a contributor writes (contribution: parse
and merge), and the contributor's tools `check` and `new` (check)."""
