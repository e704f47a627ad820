"""generator/site/scripts.py: the site's own scripts reach the browser as one file."""

from __future__ import annotations

import re

from generator.site import scripts


def test_plain_scripts_of_docs_become_one_bundle_where_the_first_was(tmp_path):
    (tmp_path / "assets").mkdir()
    for name in ("a.js", "b.js", "m.js"):
        (tmp_path / "assets" / name).write_text(f"(function () {{ var x = '{name}'; }})();\n", encoding="utf-8")
    module = type("Script", (), {"path": "assets/m.js", "type": "module"})()
    listed = ["vendor/outside.js", "assets/a.js", module, "assets/b.js"]
    kept, files = scripts.bundled(listed, tmp_path)
    assert kept == ["vendor/outside.js", scripts.BUNDLE, module]  # not in docs/, or with attributes: left alone
    assert files == ["assets/a.js", "assets/b.js"]
    text = scripts.bundle_text(files, tmp_path)
    assert text.index("'a.js'") < text.index("'b.js'") and "m.js" not in text


def test_the_built_pages_load_the_bundle_of_the_listed_scripts_in_order(built_site):
    page = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    loaded = re.findall(r'<script src="\.\./(assets/[^"]+)"', page)
    assert "assets/kb.js" in loaded and not any(re.fullmatch(r"assets/kb-(common|topic|redirect)\.js", s) for s in loaded)
    assert loaded.index("assets/kb-cells/kb-cells.js") < loaded.index("assets/kb.js")
    bundle = (built_site / "assets" / "kb.js").read_text(encoding="utf-8")
    names = re.findall(r"^/\* (assets/kb-[\w-]+\.js) \*/$", bundle, re.M)
    assert names[0] == "assets/kb-common.js" and "assets/kb-redirect.js" in names and len(names) == len(set(names)) >= 9
