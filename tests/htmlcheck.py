"""What in HTML could run script, for the tests of untrusted content."""

from __future__ import annotations

import html as html_module
import re

from bs4 import BeautifulSoup

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "background", "data")
SCRIPT_ELEMENTS = ("script", "iframe", "frame", "object", "embed", "style", "link", "meta", "base", "form")


def scheme(url: str) -> str:
    """The scheme a browser sees: entities decoded, tabs, newlines and other
    controls dropped (the URL parser ignores them)."""
    plain = re.sub(r"[\x00-\x20]+", "", html_module.unescape(url))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", plain)
    return match.group(1).lower() if match else ""


def dangers(page_html: str) -> list[str]:
    """Everything in HTML that could run script: script-like elements,
    event-handler attributes, URLs with a scheme other than http(s)/mailto."""
    found = []
    for tag in BeautifulSoup(page_html, "html.parser").find_all(True):
        if tag.name in SCRIPT_ELEMENTS:
            found.append(f"<{tag.name}> element")
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"{name}= on <{tag.name}>")
            if name.lower() in URL_ATTRIBUTES and isinstance(value, str) and scheme(value) not in ("", "http", "https", "mailto"):
                found.append(f"{name}={value!r} on <{tag.name}>")
    return found
