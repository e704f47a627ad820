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
