"""XSS vectors for tests/browser/test_xss.py, grouped by family.

Each vector is a template: `XSSID` stands for the number of one placement
(one vector in one context of one file), so that whatever runs or survives
names the vector and the context it came from. Every vector, if it ever
becomes live, calls the marker `kbXss(XSSID)` (a few call `alert`, `confirm`
or `prompt`, which the test hooks too). The marker has no underscore: the
generator cuts page titles at `_` (an SEO separator), and a vector should
fail because the site defends itself, not because its marker was cut.

Multi-line vectors (fences, reference definitions, HTML blocks) go only where
a newline can go; see `fits_one_line` and `fits_file_name`.
"""

from __future__ import annotations

PLACEHOLDER = "XSSID"
MARKER = "kbXss"

SCRIPT_TAG = [
    "<script>kbXss(XSSID)</script>",
    "<SCRIPT>kbXss(XSSID)</SCRIPT>",
    "<ScRiPt>kbXss(XSSID)</sCrIpT>",
    "<script >kbXss(XSSID)</script >",
    "<script\t>kbXss(XSSID)</script\n>",
    "<script/random>kbXss(XSSID)</script>",
    '<script type="text/javascript">kbXss(XSSID)</script>',
    "<script type=module>kbXss(XSSID)</script>",
    "<script><!--\nkbXss(XSSID)//--></script>",
    "<<script>kbXss(XSSID);//<</script>",
    "<script src=data:text/javascript,kbXss(XSSID)></script>",
    '<script src="data:,kbXss(XSSID)"></script>',
    "<script>eval('kbX'+'ss(XSSID)')</script>",
    r"<script>\u006bbXss(XSSID)</script>",
    "<script>window['kbXss'](XSSID)</script>",
    "<script>setTimeout('kbXss(XSSID)')</script>",
    "<scr<script>ipt>kbXss(XSSID)</scr</script>ipt>",
    "<script>alert(XSSID)</script>",
    "<script>confirm(XSSID)</script>",
    "<script>eval(atob('a2JYc3M=')+'(XSSID)')</script>",
    "<script\n>kbXss(XSSID)</script>",
    "%3Cscript%3EkbXss(XSSID)%3C%2Fscript%3E",
]

EVENT_HANDLER = [
    "<img src=x onerror=kbXss(XSSID)>",
    "<IMG SRC=x ONERROR=kbXss(XSSID)>",
    '<img src="x" onerror="kbXss(XSSID)">',
    "<img src=x onerror='kbXss(XSSID)'>",
    "<img src onerror=kbXss(XSSID)>",
    "<img/src=x/onerror=kbXss(XSSID)>",
    "<img src=x\tonerror=kbXss(XSSID)>",
    "<img src=x\nonerror=kbXss(XSSID)>",
    "<img src=`x` onerror=kbXss(XSSID)>",
    "<img src=x onerror=&#107;bXss(XSSID)>",
    "<img src=x onerror=&#x6B;&#x62;&#x58;&#x73;&#x73;&#x28;XSSID&#x29;>",
    "<img src=x onerror=kbXss&lpar;XSSID&rpar;>",
    "<img src=x onerror=window.onerror=kbXss;throw+XSSID>",
    "<img srcset=x onerror=kbXss(XSSID)>",
    "<picture><img src=x onerror=kbXss(XSSID)></picture>",
    "<image src=x onerror=kbXss(XSSID)>",
    "<img src=x onerror=kbXss(XSSID)",
    "<svg onload=kbXss(XSSID)>",
    "<svg/onload=kbXss(XSSID)>",
    "<body onload=kbXss(XSSID)>",
    "<body onpageshow=kbXss(XSSID)>",
    "<iframe onload=kbXss(XSSID)></iframe>",
    "<video><source onerror=kbXss(XSSID)></video>",
    "<video src=x onerror=kbXss(XSSID)></video>",
    "<audio src=x onerror=kbXss(XSSID)></audio>",
    "<details open ontoggle=kbXss(XSSID)><summary>x</summary></details>",
    "<marquee onstart=kbXss(XSSID)>x</marquee>",
    "<input autofocus onfocus=kbXss(XSSID)>",
    "<select autofocus onfocus=kbXss(XSSID)></select>",
    "<textarea autofocus onfocus=kbXss(XSSID)></textarea>",
    "<div contenteditable autofocus onfocus=kbXss(XSSID)>x</div>",
    "<link rel=stylesheet href=x onerror=kbXss(XSSID)>",
    "<style onload=kbXss(XSSID)></style>",
    "<object data=x onerror=kbXss(XSSID)></object>",
    '<div onmouseover="kbXss(XSSID)">悬停这里</div>',
    '<a onclick="kbXss(XSSID)">点这里</a>',
    "<p onpointerenter=prompt(XSSID)>x</p>",
    '<style>@keyframes kbspin{}</style><b style="animation-name:kbspin" onanimationstart=kbXss(XSSID)>x</b>',
]

JAVASCRIPT_URL = [
    '<a href="javascript:kbXss(XSSID)">x</a>',
    '<a href="JaVaScRiPt:kbXss(XSSID)">x</a>',
    '<a href=" javascript:kbXss(XSSID)">x</a>',
    '<a href="\tjavascript:kbXss(XSSID)">x</a>',
    '<a href="jav\tascript:kbXss(XSSID)">x</a>',
    '<a href="jav\nascript:kbXss(XSSID)">x</a>',
    '<a href="jav&#x09;ascript:kbXss(XSSID)">x</a>',
    '<a href="jav&#9;ascript:kbXss(XSSID)">x</a>',
    '<a href="jav&#x0A;ascript:kbXss(XSSID)">x</a>',
    '<a href="jav&NewLine;ascript:kbXss(XSSID)">x</a>',
    '<a href="jav&Tab;ascript:kbXss(XSSID)">x</a>',
    '<a href="&#x6A;avascript:kbXss(XSSID)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;kbXss(XSSID)">x</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A kbXss(XSSID)">x</a>',
    '<a href="&#0000106;avascript:kbXss(XSSID)">x</a>',
    '<a href="javascript&colon;kbXss(XSSID)">x</a>',
    '<a href="javascript&#58;kbXss(XSSID)">x</a>',
    '<a href="&#1;javascript:kbXss(XSSID)">x</a>',
    '<a href="javascript://%0AkbXss(XSSID)">x</a>',
    '<a href="javascript:%6BbXss(XSSID)">x</a>',
    "<a href=javascript:kbXss(XSSID)>x</a>",
    '<iframe src="javascript:kbXss(XSSID)"></iframe>',
    '<object data="javascript:kbXss(XSSID)"></object>',
    '<embed src="javascript:kbXss(XSSID)">',
    '<form action="javascript:kbXss(XSSID)"><input type=submit></form>',
    '<form><button formaction="javascript:kbXss(XSSID)">x</button></form>',
    '<base href="javascript:kbXss(XSSID)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:kbXss(XSSID)">',
    "javascript:kbXss(XSSID)",
]

DATA_AND_VBSCRIPT_URL = [
    '<iframe src="data:text/html,<script>kbXss(XSSID)</script>"></iframe>',
    '<iframe src="data:text/html;charset=utf-8,%3Cscript%3EkbXss(XSSID)%3C%2Fscript%3E"></iframe>',
    '<object data="data:text/html,<script>kbXss(XSSID)</script>"></object>',
    '<embed src="data:text/html,<script>kbXss(XSSID)</script>">',
    '<a href="data:text/html,<script>kbXss(XSSID)</script>">x</a>',
    '<a href="DATA:text/html,<script>kbXss(XSSID)</script>">x</a>',
    '<iframe srcdoc="<script>kbXss(XSSID)</script>"></iframe>',
    '<iframe srcdoc="&lt;img src=x onerror=kbXss(XSSID)&gt;"></iframe>',
    '<a href="vbscript:kbXss(XSSID)">x</a>',
    '<a href="VBScript:kbXss(XSSID)">x</a>',
    '<img src="vbscript:kbXss(XSSID)">',
    '<meta http-equiv="refresh" content="0;url=data:text/html,<script>kbXss(XSSID)</script>">',
    "data:text/html,<script>kbXss(XSSID)</script>",
]

MUTATION_XSS = [
    '<noscript><p title="</noscript><img src=x onerror=kbXss(XSSID)>">',
    "<noscript><style></noscript><img src=x onerror=kbXss(XSSID)>",
    '<title><a title="</title><img src=x onerror=kbXss(XSSID)>">',
    '<textarea><a title="</textarea><img src=x onerror=kbXss(XSSID)>">',
    '<style><a title="</style><img src=x onerror=kbXss(XSSID)>">',
    "<style>/*</style><img src=x onerror=kbXss(XSSID)>*/</style>",
    '<noembed><a title="</noembed><img src=x onerror=kbXss(XSSID)>">',
    '<xmp><a title="</xmp><img src=x onerror=kbXss(XSSID)>">',
    '<iframe><a title="</iframe><img src=x onerror=kbXss(XSSID)>">',
    '<noframes><a title="</noframes><img src=x onerror=kbXss(XSSID)>">',
    "<template><img src=x onerror=kbXss(XSSID)></template>",
    '<svg></p><style><a id="</style><img src=x onerror=kbXss(XSSID)>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=kbXss(XSSID)>",
    "<table><img src=x onerror=kbXss(XSSID)></table>",
    "<table><tr><td><img src=x onerror=kbXss(XSSID)></td></tr></table>",
    "<select><template><img src=x onerror=kbXss(XSSID)></template></select>",
    "<a><table><a><img src=x onerror=kbXss(XSSID)></a></table></a>",
    "<!--><img src=x onerror=kbXss(XSSID)>-->",
    "<!---><img src=x onerror=kbXss(XSSID)>-->",
    "<!-- x --!><img src=x onerror=kbXss(XSSID)>-->",
    '<!--<img src="--><img src=x onerror=kbXss(XSSID)//">',
    "<![CDATA[><img src=x onerror=kbXss(XSSID)>]]>",
    "<!foo><img src=x onerror=kbXss(XSSID)>",
    "<?xml x><img src=x onerror=kbXss(XSSID)>",
    '</ x="><img src=x onerror=kbXss(XSSID)>">',
    "</br><img src=x onerror=kbXss(XSSID)>",
    "<![foo <img src=x onerror=kbXss(XSSID)>",
    '<div title="&lt;/div&gt;&lt;img src=x onerror=kbXss(XSSID)&gt;">x</div>',
]

SVG_AND_MATHML = [
    "<svg><a><animate attributeName=href values=javascript:kbXss(XSSID) /><text x=20 y=20>点</text></a></svg>",
    "<svg><a><set attributeName=href to=javascript:kbXss(XSSID) /><text x=20 y=20>点</text></a></svg>",
    "<svg><a><animate attributeName=xlink:href values=javascript:kbXss(XSSID) /><text x=20 y=20>点</text></a></svg>",
    '<svg><a xlink:href="javascript:kbXss(XSSID)"><text x=20 y=20>点</text></a></svg>',
    '<svg><a href="javascript:kbXss(XSSID)"><text x=20 y=20>点</text></a></svg>',
    "<svg><animate onbegin=kbXss(XSSID) attributeName=x dur=1s />",
    "<svg><set onbegin=kbXss(XSSID) attributeName=x to=1 />",
    "<svg><script>kbXss(XSSID)</script></svg>",
    '<svg><script xlink:href="data:,kbXss(XSSID)"></script></svg>',
    '<svg><script href="data:,kbXss(XSSID)" /></svg>',
    "<svg><foreignObject><img src=x onerror=kbXss(XSSID)></foreignObject></svg>",
    "<svg><style><img src=x onerror=kbXss(XSSID)></style></svg>",
    "<svg><title><img src=x onerror=kbXss(XSSID)></title></svg>",
    "<svg><desc><img src=x onerror=kbXss(XSSID)></desc></svg>",
    "<svg><image href=x onerror=kbXss(XSSID) /></svg>",
    "<svg><p><style><img src=x onerror=kbXss(XSSID)>",
    "<svg><![CDATA[><img src=x onerror=kbXss(XSSID)>]]></svg>",
    '<svg xmlns="http://www.w3.org/2000/svg" onload="kbXss(XSSID)"/>',
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
    "<image href='x' onerror='kbXss(XSSID)'/></svg>#x\" /></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=kbXss(XSSID)>",
    '<math><mi xlink:href="javascript:kbXss(XSSID)">点</mi></math>',
    '<math href="javascript:kbXss(XSSID)">点</math>',
    '<math><maction actiontype="statusline#" xlink:href="javascript:kbXss(XSSID)">点</maction></math>',
    "<math><mtext><img src=x onerror=kbXss(XSSID)></mtext></math>",
    '<math><annotation-xml encoding="text/html"><img src=x onerror=kbXss(XSSID)></annotation-xml></math>',
]

MARKDOWN = [
    # links and images
    "[点我](javascript:kbXss(XSSID))",
    "[点我](JavaScript:kbXss(XSSID))",
    "[点我]( javascript:kbXss(XSSID))",
    "[点我](<javascript:kbXss(XSSID)>)",
    "[点我](javascript&#58;kbXss(XSSID))",
    "[点我](&#x6A;avascript:kbXss(XSSID))",
    "[点我](jav&#x09;ascript:kbXss(XSSID))",
    '[点我](javascript:kbXss(XSSID) "标题")',
    "[点我](javascript:window['kbXss'](XSSID))",
    "[点我](vbscript:kbXss(XSSID))",
    "[点我](data:text/html,<script>kbXss(XSSID)</script>)",
    "![图](javascript:kbXss(XSSID))",
    '![图](x" onerror="kbXss(XSSID))',
    '![图](https://evil.example/x.png" onerror="kbXss(XSSID))',
    '[点我](https://evil.example/ "\\" onmouseover=\\"kbXss(XSSID)")',
    "[<img src=x onerror=kbXss(XSSID)>](https://evil.example/)",
    "[点我](https://evil.example/(<img src=x onerror=kbXss(XSSID)>))",
    # reference definitions
    "[点我][r]\n\n[r]: javascript:kbXss(XSSID)",
    '[点我][r]\n\n[r]: <javascript:kbXss(XSSID)> "标题"',
    "[点我][r]\n\n[r]:\n  javascript:kbXss(XSSID)",
    "![图][r]\n\n[r]: javascript:kbXss(XSSID)",
    # autolinks
    "<javascript:kbXss(XSSID)>",
    "<JAVASCRIPT:kbXss(XSSID)>",
    '<https://evil.example/"onmouseover="kbXss(XSSID)>',
    '<mailto:a@evil.example"onmouseover="kbXss(XSSID)>',
    # attribute lists
    '点这段文字\n{: onclick="kbXss(XSSID)" }',
    '[链接](https://evil.example/){: onclick="kbXss(XSSID)" }',
    '![图](x.png){: onerror="kbXss(XSSID)" }',
    "![图](x.png){ onerror=kbXss(XSSID) }",
    '*强调*{: onmouseover="kbXss(XSSID)" }',
    "## 标题 { #h onclick=kbXss(XSSID) }",
    "[点我](javascript:kbXss(XSSID)){ .md-button }",
    '点这里\\\\{: onclick="kbXss(XSSID)" }',
    # fences and code
    "```\n代码\n````\n<img src=x onerror=kbXss(XSSID)>\n```",
    "````\n代码\n```\n<img src=x onerror=kbXss(XSSID)>\n````",
    "~~~\n代码\n~~~~\n<img src=x onerror=kbXss(XSSID)>",
    "``` <img src=x onerror=kbXss(XSSID)>\n代码\n```",
    '```python { onclick="kbXss(XSSID)" }\nprint(1)\n```',
    "```\n<img src=x onerror=kbXss(XSSID)>",
    "    ```\n<img src=x onerror=kbXss(XSSID)>\n    ```",
    "   ```\n<img src=x onerror=kbXss(XSSID)>\n```",
    "```\n<img src=x onerror=kbXss(XSSID)>\n   ```",
    "> ```\n> x\n<img src=x onerror=kbXss(XSSID)>\n```",
    "- ```\n  x\n<img src=x onerror=kbXss(XSSID)>\n  ```",
    '!!! note "x"\n    ```\n    x\n<img src=x onerror=kbXss(XSSID)>\n    ```',
    "`` ` ``<img src=x onerror=kbXss(XSSID)>`` ` ``",
    "\\`<img src=x onerror=kbXss(XSSID)>`",
    "``<img src=x onerror=kbXss(XSSID)>`",
    # math
    "$$\n<img src=x onerror=kbXss(XSSID)>\n$$",
    "$$\nx\n\n<img src=x onerror=kbXss(XSSID)>\n$$",
    "$<img src=x onerror=kbXss(XSSID)>$",
    "$x$<img src=x onerror=kbXss(XSSID)>$y$",
    "$$<img src=x onerror=kbXss(XSSID)>$$",
    "$\\href{javascript:kbXss(XSSID)}{点}$",
    "$$\n\\href{javascript:kbXss(XSSID)}{点}\n$$",
    # HTML blocks, admonitions, tabs, abbreviations, tables
    "<div>\n<img src=x onerror=kbXss(XSSID)>\n</div>",
    '<div markdown="1">\n[点我](javascript:kbXss(XSSID))\n</div>',
    "<details open ontoggle=kbXss(XSSID)><summary>展开</summary>\n\n内容\n\n</details>",
    '??? note "<img src=x onerror=kbXss(XSSID)>"\n    内容',
    '!!! note "<img src=x onerror=kbXss(XSSID)>"\n    内容',
    '=== "<img src=x onerror=kbXss(XSSID)>"\n    内容',
    "<small onclick=kbXss(XSSID)>小字</small>",
    "<kbd><img src=x onerror=kbXss(XSSID)></kbd>",
    "*[HTML]: <img src=x onerror=kbXss(XSSID)>\n\nHTML 缩写",
    '*[HTML]: " onmouseover="kbXss(XSSID)\n\nHTML 缩写',
    "| 列 |\n|---|\n| <img src=x onerror=kbXss(XSSID)> |",
    "**<img src=x onerror=kbXss(XSSID)>**",
    "<!-- <img src=x onerror=kbXss(XSSID)> -->",
    "<b>粗</b><img src=x onerror=kbXss(XSSID)>",
]

# Markdown that a pattern-based sanitiser may take for code or math while the
# renderer does not (a fence info string it rejects, block math across a
# blank line), so the HTML in it reaches the page; that HTML is read
# differently by a lenient parser (Python's html.parser) and by a browser.
MARKDOWN_CARRIERS = ["``` PAYLOAD\n代码\n```", "~~~ PAYLOAD\n代码\n~~~", "$$\nx\n\nPAYLOAD\n$$"]
PARSER_DIFFERENTIALS = [
    "<!--><img src=x onerror=kbXss(XSSID)>-->",
    "<!---><img src=x onerror=kbXss(XSSID)>-->",
    "<!-- x --!><img src=x onerror=kbXss(XSSID)>-->",
    "<![CDATA[><img src=x onerror=kbXss(XSSID)>]]>",
    "<svg><a><animate attributeName=href values=javascript:kbXss(XSSID) /><text x=20 y=20>点</text></a></svg>",
]
MARKDOWN_MUTATION = [carrier.replace("PAYLOAD", payload) for carrier in MARKDOWN_CARRIERS for payload in PARSER_DIFFERENTIALS]

ENTITY_AND_WHITESPACE = [
    "&lt;img src=x onerror=kbXss(XSSID)&gt;",
    "&amp;lt;img src=x onerror=kbXss(XSSID)&amp;gt;",
    "&#60;img src=x onerror=kbXss(XSSID)&#62;",
    "&#x3C;svg onload=kbXss(XSSID)&#x3E;",
    "&#x3c;script&#x3e;kbXss(XSSID)&#x3c;/script&#x3e;",
    "&LT;img src=x onerror=kbXss(XSSID)&GT;",
    "&ltimg src=x onerror=kbXss(XSSID)&gt",
    r"\u003cimg src=x onerror=kbXss(XSSID)\u003e",
    r"\x3cimg src=x onerror=kbXss(XSSID)\x3e",
    "%3Cimg%20src%3Dx%20onerror%3DkbXss(XSSID)%3E",
    "＜ｉｍｇ ｓｒｃ＝ｘ ｏｎｅｒｒｏｒ＝kbXss(XSSID)＞",
    "﹤img src=x onerror=kbXss(XSSID)﹥",
    "<img\u00a0src=x\u00a0onerror=kbXss(XSSID)>",
    "<img\u3000src=x\u3000onerror=kbXss(XSSID)>",
    "<\u200bimg src=x onerror=kbXss(XSSID)>",
    "+ADw-script+AD4-kbXss(XSSID)+ADw-/script+AD4-",
    "#x3c;img src=x onerror=kbXss(XSSID)#x3e;",
]

TEMPLATE_INJECTION = [
    "{{ '<im' ~ 'g src=x onerr' ~ 'or=kbXss(XSSID)>' }}",
    "{{ 7*7 }}{{ '<sv' ~ 'g onl' ~ 'oad=kbXss(XSSID)>' | safe }}",
    "{% set p = '<sv' %}{{ p }}g onload=kbXss(XSSID)>",
    "{% raw %}<img src=x onerror=kbXss(XSSID)>{% endraw %}",
    "{% if true %}<img src=x onerror=kbXss(XSSID)>{% endif %}",
    "{{constructor.constructor('kbXss(XSSID)')()}}",
    "{{_c.constructor('kbXss(XSSID)')()}}",
    "${kbXss(XSSID)}",
    "#{kbXss(XSSID)}",
    "<%= '<im' + 'g src=x onerror=kbXss(XSSID)>' %>",
    "{{ '%c' | format(60) }}img src=x onerror=kbXss(XSSID)>",
]

ATTRIBUTE_BREAKOUT = [
    '"><img src=x onerror=kbXss(XSSID)>',
    "'><img src=x onerror=kbXss(XSSID)>",
    '"><svg onload=kbXss(XSSID)>',
    '" onmouseover="kbXss(XSSID)',
    "' onmouseover='kbXss(XSSID)",
    '" autofocus onfocus="kbXss(XSSID)',
    "x onmouseover=kbXss(XSSID)",
    '" style="animation-name:kbspin" onanimationstart="kbXss(XSSID)',
    "`\"'><img src=x onerror=kbXss(XSSID)>",
    '"/><img src=x onerror=kbXss(XSSID)>',
    '" href="javascript:kbXss(XSSID)',
    '#" onclick="kbXss(XSSID)',
    "</title><img src=x onerror=kbXss(XSSID)>",
    "</textarea><img src=x onerror=kbXss(XSSID)>",
    "</code></pre><img src=x onerror=kbXss(XSSID)>",
    "</script><script>kbXss(XSSID)</script>",
    "</style><img src=x onerror=kbXss(XSSID)>",
    "</noscript><img src=x onerror=kbXss(XSSID)>",
    "--><img src=x onerror=kbXss(XSSID)>",
    "]]><img src=x onerror=kbXss(XSSID)>",
    "';kbXss(XSSID);//",
    '\\";kbXss(XSSID);//',
    '"-kbXss(XSSID)-"',
    "</a><img src=x onerror=kbXss(XSSID)>",
    # for fields that must be an http(s) address: nothing that ends one
    ")](javascript:kbXss(XSSID))",
    "){:onclick=kbXss(XSSID)}",
    "&quot;onmouseover=kbXss(XSSID)//",
    "&#x22;&#x3E;&#x3C;svg/onload=kbXss(XSSID)&#x3E;",
    "%22%3E%3Csvg/onload=kbXss(XSSID)%3E",
]

FAMILIES = {
    "script-tag": SCRIPT_TAG,
    "event-handler": EVENT_HANDLER,
    "javascript-url": JAVASCRIPT_URL,
    "data-vbscript-url": DATA_AND_VBSCRIPT_URL,
    "mutation-xss": MUTATION_XSS,
    "svg-mathml": SVG_AND_MATHML,
    "markdown": MARKDOWN,
    "markdown-mutation": MARKDOWN_MUTATION,
    "entity-whitespace": ENTITY_AND_WHITESPACE,
    "template-injection": TEMPLATE_INJECTION,
    "attribute-breakout": ATTRIBUTE_BREAKOUT,
}

# (family, template), in a fixed order: the index is the vector's number.
VECTORS: list[tuple[str, str]] = [(family, template) for family, templates in FAMILIES.items() for template in templates]


def instantiate(template: str, placement: int) -> str:
    """The vector with its placement number in place of XSSID."""
    return template.replace(PLACEHOLDER, str(placement))


def fits_one_line(template: str) -> bool:
    return "\n" not in template and "\r" not in template


def fits_file_name(template: str, placement: int = 99999, suffix: str = ".txt") -> bool:
    """Whether the vector can be a file or folder name: no '/', one line, not
    hidden (a leading '.'), and short enough (200 bytes)."""
    name = instantiate(template, placement) + suffix
    return ("/" not in name and "\x00" not in name and fits_one_line(template) and not name.startswith(".")
            and len(name.encode("utf-8")) < 200)
