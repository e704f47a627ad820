"""generator/site/compact.py: the theme's indentation goes, nothing else."""

from generator.site.compact import compact


def test_indentation_between_tags_becomes_one_line_break():
    html = "<ul>\n      <li>\n        <a href='x'>  甲  </a>\n      </li>\n    </ul>"
    assert compact(html) == "<ul>\n<li>\n<a href='x'>  甲  </a>\n</li>\n</ul>"


def test_pre_textarea_script_and_style_keep_their_white_space():
    pre = "<pre><code>def f():\n    return 1\n\n</code></pre>"
    script = "<script>\n  var a = 1;\n    var b = 2;\n</script>"
    area = "<textarea>\n  x\n</textarea>"
    style = "<STYLE>\n  a { }\n</STYLE>"
    html = f"<div>\n    {pre}\n    {script}\n  {area}\n {style}\n</div>"
    assert compact(html) == f"<div>\n{pre}\n{script}\n{area}\n{style}\n</div>"


def test_text_on_one_line_is_untouched():
    assert compact("<p>a  b <b>c</b>  d</p>") == "<p>a  b <b>c</b>  d</p>"


def test_a_json_data_block_keeps_its_value_with_its_characters_as_they_are():
    import json

    value = {"translations": {"clipboard.copy": "复制"}, "x": "</script><b>&'", "n": [1, None]}
    escaped = json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    block = '<script id="__config" type="application/json">' + escaped.replace("'", "\\u0027") + "</script>"
    out = compact(f"<div>\n  {block}\n</div>")
    body = out[out.index(">", out.index("<script")) + 1:out.index("</script>")]
    assert json.loads(body) == value
    assert "复制" in body and "\\u590d" not in body and ", " not in body
    assert "<" not in body and ">" not in body and "&" not in body and "'" not in body  # still inside its <script>


def test_scripts_that_run_and_broken_json_are_untouched():
    run = '<script>var a = {"b": "\\u590d"};</script>'
    broken = '<script type="application/json">{"a": </script>'
    assert compact(run + broken) == run + broken
