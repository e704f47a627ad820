"""The sanitiser against generated input (Hypothesis): whatever Markdown a
contributor writes, and whatever text a scraped page holds, the HTML a reader
gets, parsed as a browser parses it (html5lib follows the HTML5 parsing
algorithm), has nothing that can run script, also after a second parse of
its own serialisation (mutation XSS).

The input is built from pieces that each matter to some parser on the way:
fences of different lengths, backticks, `$`/`$$` math, HTML tags, comments,
CDATA and declarations, attribute lists, link and image syntax with
disguised `javascript:` targets, entities, admonition and tab markers,
indentation, and plain text."""

from __future__ import annotations

import re
from functools import cache

import html5lib
import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.site.escape import md_text
from generator.site.sanitize import clean_page_html, sanitize_markdown
from sitebuild import PROJECT

PIECES = [
    "```", "````", "~~~", "```html", "``` {: onclick=x}", "`", "``", "$", "$$", "\n", "\n\n", "    ", "  ", "> ",
    "- ", "1. ", "!!! note", '=== "x"', "???+ tip", "|", "---", "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>",
    "<!x>", "<?x?>", "<script>", "</script>", "<svg>", "</svg>", "<math>", "<style>", "</style>", "<noscript>",
    "<textarea>", "<title>", "<template>", "<iframe>", "<img", " src=x", " onerror=__xss(1)", " onload=__xss(1)",
    "<a href=", "javascript:__xss(1)", "jav&#x09;ascript:__xss(1)", "&#106;avascript:__xss(1)", "JaVaScRiPt:__xss(1)",
    "java\nscript:__xss(1)", "data:text/html,<script>__xss(1)</script>", "vbscript:__xss(1)",
    "[x](", "![x](", ")", "[x]: ", "<javascript:__xss(1)>", "{: onclick=\"__xss(1)\" }", "{#x .y}", "\"", "'",
    "&lt;", "&amp;", "&#60;", "&#x3c;", "<animate attributeName=href values=javascript:__xss(1)>", "<a xlink:href=",
    "<set attributeName=onmouseover to=__xss(1)>", "<details open ontoggle=__xss(1)>", "<base href=", "<form action=",
    "<object data=", "<embed src=", "<meta http-equiv=refresh content=", "--8<--", "\\", "*", "_", "注意力",
    "什么是 LoRA?", "text", " ",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "srcdoc", "xlink:href",
                  "codebase", "cite", "longdesc", "dynsrc", "lowsrc", "ping", "content", "values", "to", "from", "by"}
SCRIPT_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
                   "form", "style", "animate", "set", "animatetransform", "animatemotion", "foreignobject",
                   "noscript", "template", "textarea", "math", "handler", "listener"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)  # as the URL parser reads it; none: relative

markdown_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


@cache
def site_markdown() -> tuple[list, dict]:
    from mkdocs.config import load_config

    config = load_config(str(PROJECT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def render(text: str) -> str:
    extensions, configs = site_markdown()
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


def browser_dangers(page_html: str) -> list[str]:
    """What could run script in `page_html` as a browser parses it."""
    found = []
    tree = html5lib.parse(page_html, treebuilder="etree", namespaceHTMLElements=False)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        name = element.tag.rsplit("}", 1)[-1].lower()
        if name in SCRIPT_ELEMENTS:
            found.append(f"<{name}>")
        for attribute, value in element.attrib.items():
            attribute = attribute.rsplit("}", 1)[-1].lower()
            if attribute.startswith("on"):
                found.append(f"{attribute}= on <{name}>")
            scheme = SCHEME.match(re.sub(r"[\x00-\x20]+", "", value))
            if attribute in URL_ATTRIBUTES and scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
                found.append(f"{attribute}={value!r} on <{name}>")
    return found


def reserialised(page_html: str) -> str:
    tree = html5lib.parse(page_html, treebuilder="etree", namespaceHTMLElements=False)
    return html5lib.serialize(tree, tree="etree", quote_attr_values="always", omit_optional_tags=False)


def assert_inert(source: str, page_html: str) -> None:
    cleaned = clean_page_html(page_html)
    assert browser_dangers(cleaned) == [], (source, cleaned)
    assert browser_dangers(reserialised(cleaned)) == [], (source, cleaned)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_text)
def test_a_contribution_never_renders_to_script(text):
    # As _entry.md.j2 places it: inside an admonition, indented four spaces.
    body = "\n".join("    " + line if line else "" for line in sanitize_markdown(text).split("\n"))
    assert_inert(text, render('!!! success "精选回答"\n\n' + body + "\n"))
    assert_inert(text, render(sanitize_markdown(text)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_text)
def test_scraped_text_never_renders_to_script(text):
    assert_inert(text, render(md_text(text)))


@settings(max_examples=200, deadline=None)
@given(markdown_text)
def test_raw_html_is_cleaned_whatever_it_is(text):
    """The last wall alone: even HTML that reached a page unescaped is inert."""
    assert_inert(text, text)
