"""generator.site.csp: every page of the built site carries one policy that names
the theme's inline scripts by hash and nothing else inline."""

from __future__ import annotations

import base64
import hashlib
import re

from generator.site import csp

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<script>var a = 1;</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/x.js"></script>
<script type="module">import "./y.js";</script>
</head><body><p>正文</p></body></html>
"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_scripts_a_browser_runs_inline_are_hashed():
    assert csp.inline_script_hashes(PAGE) == {sha("var a = 1;"), sha('import "./y.js";')}


def test_the_policy_forbids_inline_script_and_other_origins():
    policy = csp.policy({sha("x")})
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert script_src[:2] == ["'self'", "'wasm-unsafe-eval'"] and sha("x") in script_src
    assert "object-src 'none'" in policy and "worker-src 'self'" in policy
    with_cdn = csp.policy(set(), "https://cdn.example.org/npm/pyodide@1/")
    assert "https://cdn.example.org" in re.search(r"script-src ([^;]*)", with_cdn).group(1)
    assert "https://cdn.example.org" in re.search(r"connect-src ([^;]*)", with_cdn).group(1)


def test_every_page_gets_the_same_policy_after_its_charset(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(PAGE.replace("var a = 1;", "var a = 2;"), encoding="utf-8")
    assert csp.add_policy(tmp_path) == 2
    policies = set()
    for page in (tmp_path / "index.html", tmp_path / "a" / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert text.index('<meta charset="utf-8">') < text.index("Content-Security-Policy") < text.index("<script")
        assert text.index('<meta charset="utf-8">') < 1024
        policies.add(re.search(r'content="(default-src[^"]*)"', text).group(1))
    assert len(policies) == 1
    policy = policies.pop()
    assert sha("var a = 1;") in policy and sha("var a = 2;") in policy


def test_a_second_run_replaces_the_policy(tmp_path):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    csp.add_policy(tmp_path)
    csp.add_policy(tmp_path, "https://cdn.example.org/pyodide/")
    text = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert text.count("Content-Security-Policy") == 1 and "https://cdn.example.org" in text


def test_the_built_site_has_the_policy_on_every_page(built_site):
    pages = list(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in text, page
        policy = re.search(r'content="(default-src[^"]*)"', text).group(1)
        for digest in csp.inline_script_hashes(text):
            assert digest in policy, page


def test_hashes_the_build_saw_are_taken_as_given_and_other_pages_are_read(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(PAGE.replace("var a = 1;", "var a = 2;"), encoding="utf-8")
    seen = {str(tmp_path / "a" / "index.html"): {sha("given")}}
    assert csp.add_policy(tmp_path, known=seen) == 2
    policy = re.search(r'content="(default-src[^"]*)"', (tmp_path / "a" / "index.html").read_text()).group(1)
    assert sha("given") in policy and sha("var a = 1;") in policy  # index.html was not seen: read
    assert sha("var a = 2;") not in policy  # a/index.html was: not read again


def test_pages_at_every_depth_run_the_same_inline_scripts(built_site):
    """The theme's scope is set once (plugin on_config), not reached from each
    page: the policy every page carries names a few scripts, not a few per depth."""
    depths = {}
    for page in built_site.rglob("*.html"):
        depths.setdefault(len(page.relative_to(built_site).parts), page)
    assert len(depths) >= 4
    scripts = {depth: frozenset(csp.inline_script_hashes(page.read_text(encoding="utf-8"))) for depth, page in depths.items()}
    assert len(set(scripts.values())) == 1, scripts
