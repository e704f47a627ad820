"""generator.clean: character repair and the named furniture rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.clean import build_steps, clean, repair_entities
from generator.models import Line, Page, SourceDocument

FIXTURES = Path(__file__).parent / "fixtures"


def page_of(text: str, title: str = "") -> Page:
    doc = SourceDocument(id="t", path="t.txt", kind="scraped", format="text", text=text)
    lines = tuple(Line(i, t) for i, t in enumerate(text.split("\n"), 1))
    return Page(source=doc, title=title, lines=lines)


def kept(page: Page) -> list[str]:
    return [l.text for l in page.lines]


def rules_of(page: Page) -> dict[int, str]:
    return {d.line.number: d.rule for d in page.dropped}


@pytest.fixture(scope="module")
def furniture() -> Page:
    return clean(page_of((FIXTURES / "furniture_page.txt").read_text(encoding="utf-8")))


# --- characters ------------------------------------------------------------------


@pytest.mark.parametrize("broken, fixed", [
    ("结束了#xff0c;校招", "结束了，校招"),
    ("结束了#xff0c校招", "结束了，校招"),
    ("结束了&#xff0c;校招", "结束了，校招"),
    ("结束了&#65292;校招", "结束了，校招"),
    ("模型&amp;数据", "模型&数据"),
    ("真的吗&amp;#xff1f;", "真的吗？"),
    ("HC#x3001岗位", "HC、岗位"),
    ("a &lt; b", "a < b"),
    ("don#39;t", "don't"),
    ("#x27;hello#x27;", "'hello'"),
    ("#34;引号#34;", '"引号"'),
    ("A#x26;B", "A&B"),
])
def test_entities_are_repaired(broken, fixed):
    assert repair_entities(broken) == fixed


@pytest.mark.parametrize("text", [
    "color: #fff;", "第#1题", "编号#xff", "x = 1 # xff0c 注释",
    "color: #333;", "color:#333;", "issue #12;", "编号#39", "#x1;",
])
def test_text_that_only_looks_like_an_entity_is_left_alone(text):
    assert repair_entities(text) == text


def test_full_width_letters_and_digits_become_ascii_but_chinese_punctuation_stays():
    page = clean(page_of("１、ＢＥＲＴ和ＧＰＴ的区别？答：ＢＥＲＴ＋ＭＬＭ，用（掩码）训练"))
    assert kept(page) == ["1、BERT和GPT的区别？答：BERT+MLM，用（掩码）训练"]


def test_whitespace_is_normalised_without_touching_code_indentation():
    text = "问题1、\u00a0什么是\u200bLoRA？\t原理\n    for i in range(3):\n        print(i)\t# 注释"
    page = clean(page_of(text))
    assert kept(page) == ["问题1、 什么是LoRA？ 原理", "    for i in range(3):", "        print(i)    # 注释"]


def test_blank_lines_go_without_being_recorded():
    page = clean(page_of("第一行问题？\n\n   \n第二行回答。"))
    assert kept(page) == ["第一行问题？", "第二行回答。"]
    assert page.dropped == ()


# --- furniture rules, on an invented page with all of them --------------------------


def test_seo_junk_prefix_is_cut_and_the_sentence_kept(furniture):
    assert kept(furniture)[0] == "美团算法岗一面凉经，记录一下被问到的问题。"
    junk = [d for d in furniture.dropped if d.rule == "seo_junk"]
    assert [d.line.text for d in junk] == ["大厂面试真题,程序员副业接单,杭州seo关键词排名,服务器租用价格"]


def test_every_furniture_line_is_dropped_by_its_rule(furniture):
    assert rules_of(furniture) == {
        1: "seo_junk",  # the prefix only
        2: "repeated",  # an unpunctuated copy of line 1
        3: "intro_outro",
        8: "watermark",  # the author's name again, mid-dialogue
        12: "placeholder",
        13: "block",  # between two furniture lines
        14: "block",
        15: "promotion",
        16: "widget", 17: "widget", 18: "widget", 19: "widget", 20: "widget",
        21: "prev_next", 22: "prev_next",
        23: "copyright",
    }


def test_interview_lines_survive(furniture):
    texts = kept(furniture)
    assert "面试官：先说一下 Transformer 里 FFN 的作用？" in texts
    assert "面试官：讲一下什么是梯度消失？" in texts
    assert texts.count("应聘者：是的") == 2  # same short answer twice, not adjacent: both kept


def test_a_question_is_not_dropped_because_its_answer_repeats_it():
    text = (
        "1、Transformer 里 FFN 的作用是什么？\n"
        "Transformer 里 FFN 的作用是什么？简单说，FFN 对每个位置独立做两层线性变换，提供非线性。"
    )
    assert len(kept(clean(page_of(text)))) == 2


def test_a_summary_blob_goes_and_the_dialogue_it_repeats_stays():
    text = (
        "面试现场 面试官 你了解 Adam 优化器吗 应聘者 了解 它结合了动量和自适应学习率 面试官 那它的偏差修正是做什么的 应聘者 修正初期一阶二阶矩估计偏小的问题\n"
        "面试官：你了解 Adam 优化器吗？\n"
        "应聘者：了解，它结合了动量和自适应学习率。\n"
        "面试官：那它的偏差修正是做什么的？\n"
        "应聘者：修正初期一阶、二阶矩估计偏小的问题。"
    )
    page = clean(page_of(text))
    assert rules_of(page) == {1: "repeated"}
    assert len(page.lines) == 4


def test_a_title_printed_twice_keeps_the_first_copy():
    page = clean(page_of("大模型算法岗面试真题解析：从 Transformer 到 RLHF\n大模型算法岗面试真题解析：从 Transformer 到 RLHF\n1、什么是 RLHF？"))
    assert rules_of(page) == {2: "repeated"}


def test_widget_run_stops_at_a_long_line():
    text = "评论\n写评论\n还没有人评论\n" + "这是一段很长的正文，" * 6
    page = clean(page_of(text))
    assert rules_of(page) == {1: "widget", 2: "widget", 3: "widget"}
    assert len(page.lines) == 1


def test_related_widget_does_not_eat_a_question():
    page = clean(page_of("相关推荐\n美团面经\n3、什么是 KV Cache？"))
    assert kept(page) == ["3、什么是 KV Cache？"]


@pytest.mark.parametrize("line", [
    "关注公众号【算法小站】，后台回复“面经”领取资料",
    "扫码回复【888】免费领电子书",
    "想进群的同学加我微信",
    "喜欢的话记得点赞收藏哦",
    "《大模型面试宝典》(2025版) 正式发布！",
    "《从零实现一个大模型》",
    "技术交流&资料",
    "大模型入门系列",
])
def test_promotions_are_dropped(line):
    assert rules_of(clean(page_of(line))) == {1: "promotion"}


@pytest.mark.parametrize("line", [
    "RAG 里检索器从资料库中获取相关文档片段。",  # one weak word is not enough
    "Self-Attention 让模型关注不同位置的信息。",
    "GPT系列由OpenAI开发的生成式预训练模型。",
])
def test_answers_with_a_promotion_word_are_kept(line):
    assert kept(clean(page_of(line))) == [line]


def test_code_is_never_dropped():
    text = "def f():\n    qrcode = '扫码'  # 公众号\n    return qrcode"
    page = clean(page_of(text))
    assert page.dropped == () and len(page.lines) == 3


def test_steps_are_a_registry_that_can_be_changed():
    steps = build_steps()
    assert steps.names()[:4] == ["entities", "width", "whitespace", "blank"]
    steps.deregister("promotion")
    page = clean(page_of("关注公众号领取资料"), steps)
    assert kept(page) == ["关注公众号领取资料"]


def test_title_is_repaired_and_loses_seo_junk(furniture):
    text = (FIXTURES / "furniture_page.txt").read_text(encoding="utf-8")
    page = clean(page_of(text, title=text.split("\n")[0]))
    assert page.title == "美团算法岗一面凉经，记录一下被问到的问题。"


def test_title_that_is_an_ad_is_emptied():
    page = clean(page_of("关注公众号领取100道面试题\n1、什么是 LoRA？", title="关注公众号领取100道面试题"))
    assert page.title == ""


# --- the end of the article ---------------------------------------------------------

QUESTION = "1、什么是 LoRA？\n低秩分解近似权重更新。"


@pytest.mark.parametrize("footer, dropped", [
    ("END\n作者：算法小屋\n链接：https://example.com/post/1\n来源：某技术社区", 4),
    ("- END -\n往期推荐\n大模型面试：Attention 的 10 个变体", 3),
    ("(完)\n喜欢作者", 2),
    ("往期推荐\n一文搞懂 RLHF 全流程", 2),
    ("作者：算法小屋\n链接：https://example.com/post/1\n来源：某技术社区\n著作权归作者所有。", 4),
    ("编辑于 2024-10-08 14:32・IP 属地北京\n赞同 1024 条评论\n相关问题\n京公网安备 11010802020088 号", 4),
    ("发布于 10-11・IP 属地上海\n56 人赞同了该回答", 2),
    ("全部回复（3）\n网友1号：楼主二面问了多久？\n楼主：大概 40 分钟", 3),
    ("---\n**参考资料**\n1. Attention Is All You Need\n觉得有用的话点个赞再走吧", 4),
    ("## 参考文献\n1. LoRA: Low-Rank Adaptation of Large Language Models", 2),
    ("文章知识点与官方知识档案匹配，可进一步学习相关知识\n立减 ¥\n您还未登录，请先\n一键收藏", 4),
])
def test_everything_after_an_end_marker_is_dropped(footer, dropped):
    page = clean(page_of(QUESTION + "\n" + footer))
    assert kept(page) == ["1、什么是 LoRA？", "低秩分解近似权重更新。"]
    assert rules_of(page) == {n: "article_end" for n in range(3, 3 + dropped)}


def test_an_end_marker_before_any_question_ends_nothing():
    page = clean(page_of("往期推荐\n" + QUESTION))
    assert kept(page) == ["往期推荐", "1、什么是 LoRA？", "低秩分解近似权重更新。"]


def test_an_end_marker_with_code_after_it_is_not_the_end():
    text = QUESTION + "\nEND\n2、手写 softmax\n```python\ndef softmax(x):\n    return x\n```"
    page = clean(page_of(text))
    assert rules_of(page) == {3: "intro_outro"}  # the END line alone
    assert kept(page)[2:] == ["2、手写 softmax", "```python", "def softmax(x):", "    return x", "```"]


@pytest.mark.parametrize("after", ["2、QLoRA 改进了什么？\n4-bit 量化。", "## 二、量化\n### GPTQ 的原理\n逐列量化。"])
def test_references_are_not_the_end_when_the_questions_go_on(after):
    page = clean(page_of(QUESTION + "\n参考资料：\n1. LoRA 论文\n" + after))
    assert "article_end" not in rules_of(page).values()


def test_a_link_line_alone_is_not_an_attribution():
    text = QUESTION + "\n链接：https://leetcode.cn/problems/two-sum\n2、两数之和怎么做？\n哈希表。"
    page = clean(page_of(text))
    assert rules_of(page) == {}


def test_answer_page_footer_other_answers_and_site_footer_go():
    text = (FIXTURES / "answer_page_footer.txt").read_text(encoding="utf-8")
    page = clean(page_of(text, title=text.split("\n")[0]))
    assert kept(page)[-4:] == [
        "1. KV Cache 为什么能加速推理？", "生成时前面 token 的 K、V 不会变，缓存下来就不用重复计算。",
        "2. LoRA 的秩怎么选？", "一般从 8 开始试，任务越难可以适当调大。",
    ]
    assert rules_of(page) == {n: "article_end" for n in range(17, 27)}
    assert [d.line.text for d in page.dropped][0] == "编辑于 2025-03-02 10:20・IP 属地浙江"


def test_outro_that_closes_the_notes_is_dropped():
    page = clean(page_of(QUESTION + "\n以上就是我的整理，后面有时间再补充。"))
    assert rules_of(page) == {3: "intro_outro"}


# --- the title ---------------------------------------------------------------------------


def test_title_after_a_navigation_bar_is_the_first_line_that_reads_as_a_title():
    text = (FIXTURES / "answer_page_footer.txt").read_text(encoding="utf-8")
    page = clean(page_of(text, title="首页"))
    assert page.title == "大模型岗位面试一般问哪些八股？"


def test_title_after_a_dropped_promotion_is_the_next_title_line():
    text = "点击上方蓝字关注我们\n美团大模型算法岗三面面经#xff08;已oc#xff09;\n原创 小屋 2024年09月03日\n" + QUESTION
    page = clean(page_of(text, title="点击上方蓝字关注我们"))
    assert page.title == "美团大模型算法岗三面面经（已oc）"


def test_title_loses_its_markdown_heading_mark():
    page = clean(page_of("# 推理加速面试题汇总\n" + QUESTION, title="# 推理加速面试题汇总"))
    assert page.title == "推理加速面试题汇总"


def test_a_short_title_that_is_not_navigation_is_kept():
    page = clean(page_of("字节面经\n今天面了字节的大模型岗位\n" + QUESTION, title="字节面经"))
    assert page.title == "字节面经"


def test_title_is_not_taken_from_a_sentence_or_the_body():
    text = "关注公众号领取资料\n今天给大家分享一篇面经。\n" + QUESTION
    page = clean(page_of(text, title="关注公众号领取资料"))
    assert page.title == ""


# --- markup of a text page, social posts, traditional characters -------------------------


def html_page_of(text: str) -> Page:
    doc = SourceDocument(id="t", path="t.html", kind="scraped", format="html", text="")
    return Page(source=doc, title="", lines=tuple(Line(i, t) for i, t in enumerate(text.split("\n"), 1)))


README = (
    "# 大模型面试题整理\n"
    "![ci](https://img.shields.io/badge/build-passing-green) [![stars](https://img.shields.io/github/stars/x/y)](https://github.com/x/y)\n"
    "### 1. 为什么需要 KV Cache？\n"
    "<details>\n"
    "<summary>点击展开</summary>\n"
    "<p align=\"center\"><b>避免</b>重复计算历史 token 的 K、V。</p>\n"
    "<!-- TODO -->\n"
    "特殊 token 如 <s> 和 </s> 不是标签，`<div>` 也不是。\n"
    "</details>\n"
    "![结构图](images/kv.png)"
)


def test_html_tags_of_a_text_page_are_cut_and_tag_only_lines_dropped():
    page = clean(page_of(README))
    assert kept(page) == [
        "# 大模型面试题整理",
        "### 1. 为什么需要 KV Cache？",
        "避免重复计算历史 token 的 K、V。",
        "特殊 token 如 <s> 和 </s> 不是标签，`<div>` 也不是。",
        "![结构图](images/kv.png)",  # an image that is not a badge
    ]
    assert rules_of(page) == {2: "markup", 4: "markup", 5: "markup", 6: "markup", 7: "markup", 9: "markup"}
    assert [d.line.text for d in page.dropped if d.line.number == 6] == ['<p align="center"> <b> </b> </p>']


def test_a_summary_with_words_of_its_own_keeps_them():
    page = clean(page_of("1、什么是 GQA？\n<summary>GQA 与 MQA 的区别</summary>\n分组共享 K/V。"))
    assert kept(page) == ["1、什么是 GQA？", "GQA 与 MQA 的区别", "分组共享 K/V。"]


def test_tags_written_as_text_in_an_html_page_are_kept():
    page = clean(html_page_of("1、<details> 标签有什么用？\n<details>\n折叠内容。"))
    assert kept(page) == ["1、<details> 标签有什么用？", "<details>", "折叠内容。"]


@pytest.mark.parametrize("line", ["赞 1.2万", "收藏 3456", "点赞 12", "赞同 2.3k", "转发 99+", "在看"])
def test_counters_of_a_post_are_widgets(line):
    assert rules_of(clean(page_of(QUESTION + "\n" + line))) == {3: "widget"}


@pytest.mark.parametrize("line", ["#面经# #大模型# #秋招#", "#面经[话题]# #实习[话题]#", "#LLM #面试", "#面经#"])
def test_a_line_of_hashtags_is_dropped(line):
    assert rules_of(clean(page_of(QUESTION + "\n" + line))) == {3: "hashtags"}


@pytest.mark.parametrize("line", ["# 二、微调", "#微调相关", "C 语言里 #include 和 #define 的区别？"])
def test_headings_and_text_with_a_hash_are_not_hashtags(line):
    assert kept(clean(page_of(QUESTION + "\n" + line)))[2] == line


@pytest.mark.parametrize("line, rule", [
    ("（本文禁止轉載）", "copyright"),
    ("（本文禁止转载）", "copyright"),
    ("版權聲明：本文為博主原創文章", "copyright"),
    ("關注公眾號領取資料", "promotion"),
    ("篇幅有限，此處省略", "placeholder"),
])
def test_rules_match_traditional_characters_too(line, rule):
    assert rules_of(clean(page_of(QUESTION + "\n" + line))) == {3: rule}


# --- the title: a site name before the real title ------------------------------------------


@pytest.mark.parametrize("site", ["牛客网", "知乎", "CSDN"])
def test_a_site_name_gives_way_to_a_title_line_that_names_an_interview(site):
    text = site + "\n首页 > 讨论区 > 面经\n美团 大模型算法 一面 面经\n作者小王\n" + QUESTION
    assert clean(page_of(text, title=site)).title == "美团 大模型算法 一面 面经"


def test_a_short_title_stays_when_no_interview_title_follows():
    page = clean(page_of("LoRA\n今天讲讲低秩适配的原理\n" + QUESTION, title="LoRA"))
    assert page.title == "LoRA"
