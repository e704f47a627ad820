"""generator.scrape.clean: character repair and the named furniture rules."""

from __future__ import annotations


import pytest

from generator.scrape.clean import build_steps, clean, repair_entities
from generator.model import Line, Page, SourceDocument
from sitebuild import TESTS

FIXTURES = TESTS / "fixtures"


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
    "如果觉得有帮助，请点个赞！",
    "觉得有收获就顺手三连一下",
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
    "这个方法很有用，关注点在于召回的粒度。",  # 有用 and 关注 that is no plea
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


def test_a_breadcrumb_first_line_is_no_title():
    text = "您的位置：首页 > 面试 > 正文\n阿里云大模型应用岗二面复盘\n" + QUESTION
    page = clean(page_of(text, title="您的位置：首页 > 面试 > 正文"))
    assert page.title == "阿里云大模型应用岗二面复盘"


def test_a_paragraph_taken_for_the_title_gives_its_first_sentence():
    intro = ("本文整理了一位同学投递推理加速岗位时被问到的问题，" * 3).rstrip("，") + "。希望对大家有帮助，欢迎补充。"
    page = clean(page_of(intro + "\n" + QUESTION, title=intro))
    assert page.title.startswith("本文整理了一位同学投递推理加速岗位时被问到的问题")
    assert len(page.title) <= 61 and "希望对大家有帮助" not in page.title


def test_a_title_loses_the_emoji_it_starts_with():
    page = clean(page_of("# 💡 LLM 基础知识详解\n" + QUESTION, title="# 💡 LLM 基础知识详解"))
    assert page.title == "LLM 基础知识详解"


def test_a_long_title_of_keywords_is_kept():
    title = "大模型算法岗面试题汇总 LoRA P-Tuning RLHF DPO RAG Agent 量化 推理加速 分布式训练 八股文大全 附参考答案"
    assert len(title) > 60
    assert clean(page_of(title + "\n" + QUESTION, title=title)).title == title


def test_a_feeds_recommended_posts_end_the_article():
    text = QUESTION + "\n全部评论\n同问，二面也问了这个\n相关推荐\n1. 讲讲 PPO 和 DPO 的区别？\n2. 手撕 LRU 缓存\n"
    assert kept(clean(page_of(text))) == QUESTION.split("\n")


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
    "![结构图](https://example.com/images/kv.png)"
)


def test_html_tags_of_a_text_page_are_cut_and_tag_only_lines_dropped():
    page = clean(page_of(README))
    assert kept(page) == [
        "# 大模型面试题整理",
        "### 1. 为什么需要 KV Cache？",
        "避免重复计算历史 token 的 K、V。",
        "特殊 token 如 <s> 和 </s> 不是标签，`<div>` 也不是。",
        "![结构图](https://example.com/images/kv.png)",  # an image that is not a badge
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


def test_an_seo_sites_keyword_title_is_no_title():
    junk = "某市网站建设_网站制作公司_关键词排名_seo优化"
    assert clean(page_of(junk + "\n2026/1/1 10:00:00 网站建设\n" + QUESTION, title=junk)).title == ""
    better = clean(page_of(junk + "\n快手 大模型算法 一面 面经\n" + QUESTION, title=junk)).title
    assert better == "快手 大模型算法 一面 面经"
    named = "大模型面经_字节跳动_一面"  # keywords that name an interview are its title
    assert clean(page_of(named + "\n" + QUESTION, title=named)).title == named


# --- page chrome of many sites: each rule drops a made-up line and keeps a similar real one ---


def dropped_line(line: str) -> dict[int, str]:
    """The rules that drop `line`, put after a question and its answer."""
    return rules_of(clean(page_of(QUESTION + "\n" + line)))


def keeps(line: str) -> bool:
    """Is `line`, after a question and its answer, kept as it is?"""
    return kept(clean(page_of(QUESTION + "\n" + line)))[2:] == [line]


@pytest.mark.parametrize("line, rule, similar", [
    # buttons copied out of a code block (copy_button)
    ("AI写代码", "buttons", "AI 写代码的能力怎么评估？"),
    ("复制代码", "buttons", "复制机制（copy mechanism）在摘要里有什么用？"),
    ("python运行", "buttons", "运行时显存主要被什么占用？"),
    ("Copy code", "buttons", "Copy-on-write 在 KV cache 里怎么用？"),
    # BBS chrome (bbs_push, bbs_header, bbs_footer), traditional characters as written
    ("推 abc123: 感谢分享 04/08 22:50", "chrome", "推导一下 attention 的复杂度"),
    ("噓 nightowl: 職缺是哪一家都不講？ 04/09 00:02", "chrome", "推 A: B 的关系怎么理解？"),
    ("→ quietkoala: 沒有，二面主要聊專案 04/08 22:53", "chrome", "→ 用 PagedAttention 管理显存。"),
    ("作者 someone (某人) 看板 Soft_Job", "chrome", "作者提出的方法和 LoRA 有什么不同？"),
    ("時間 Tue Apr 8 22:41:07 2025", "chrome", "时间复杂度是多少？"),
    ("文章網址: https://www.ptt.cc/bbs/Board/M.1.A.2.html", "chrome", "文章里的 RoPE 公式怎么推？"),
    # document-sharing sites (field_code, page_counter, file_name, doc_fields, vip_badge)
    ("PAGE \\* MERGEFORMAT 3", "chrome", "PAGE 表示页面，分页怎么做？"),
    ("第 1 页 共 5 页", "chrome", "第 1 页的内容讲了什么？"),
    ("大模型面试题汇总（含答案）.docx", "chrome", "docx 文档怎么解析成 RAG 的语料？"),
    ("上传人：ab***12 | 文档编号：123456", "chrome", "上传人脸图片后怎么做检测？"),
    ("VIP专享", "chrome", "VIP 用户的召回策略怎么设计？"),
    # author widgets (user_level, counters, published, reading_time, about, byline)
    ("某某的算法笔记 LV.4", "chrome", "LV 是什么的缩写？"),
    ("2025-02-11 09:30 · 阅读 4,812 · 点赞 96 · 评论 12", "chrome", "点赞率预估模型用什么特征？"),
    ("粉丝 1234 获赞 5678 关注 12", "chrome", "阅读 100 篇论文后你有什么体会？"),
    ("posted @ 2025-03-01 12:00 作者 阅读(123) 评论(4) 编辑 收藏 举报", "chrome", "posted 的数据怎么清洗？"),
    ("Posted by Someone · Mar 6, 2025 · 5 min read · 2,317 views", "chrome", "Posted metrics: what do views tell you?"),
    ("发布时间：2025-05-12 08:31 | 浏览次数：1032", "chrome", "发布时间对推荐排序有什么影响？"),
    ("閱讀時間約 38 分鐘", "chrome", "阅读时间和点击率的关系怎么建模？"),
    ("About the author", "chrome", "About 70% of tokens go to one expert. Why?"),
    ("Modified on 2024-01-01", "chrome", "Modified Adam: what does AdamW change?"),
    # static sites and copied blogs (template_tag, missing_image, tag_line, seo_keywords, updated, generated)
    ("{% include comments.html %}", "chrome", "{{ question }} 这样的 prompt 模板怎么写？"),
    ("![img](../images/x.png)", "chrome", "![结构图](https://example.com/kv.png)"),
    ("在这里插入图片描述", "chrome", "在这里插入一个 LayerNorm 会怎样？"),
    ("标签：大模型, 面试", "chrome", "标签：one-hot 向量"),
    ("關鍵詞：大模型面經、秋招、LoRA", "chrome", "关键词提取有哪些方法？TF-IDF、TextRank。"),
    ("最后更新：2024-10-30", "chrome", "最后更新参数时要注意什么？"),
    ("以下内容由 AI 生成", "chrome", "AI 生成的内容怎么检测？"),
    # widgets (ad label, followers, read counter, IP location, buttons)
    ("Sponsored", "widget", "Sponsored search 的 CTR 预估怎么做？"),
    ("广告", "widget", "广告推荐里的多任务学习怎么做？"),
    ("1.2K Followers", "widget", "1.2K Followers 是什么量级？"),
    ("阅读 4,812", "widget", "阅读理解任务里 BERT 怎么做？"),
    ("IP属地：北京", "widget", "IP 地址能作为推荐特征吗？"),
    ("下载", "widget", "下载模型权重后如何校验？"),
    ("我要提问 · 举报 · 收藏", "widget", "举报内容的分类模型怎么做？"),
    # promotions (star / issue pleas, newsletter, share, paywall, VIP, mock interview, sign up)
    ("如果对你有帮助，欢迎 star ⭐ 本仓库", "promotion", "给个 star 数最多的开源 RAG 框架？"),
    ("有问题直接提 Issue～", "promotion", "PR 曲线和 ROC 曲线的区别？"),
    ("PRs welcome!", "promotion", "Issue 分类模型怎么做？"),
    ("If this helped, subscribe to my newsletter — no spam.", "promotion", "How do you subscribe a consumer to a Kafka topic?"),
    ("Share this: Twitter · LinkedIn", "promotion", "Share this insight with the team?"),
    ("Join 18,000+ readers.", "promotion", "Join two tables: what does a hash join cost?"),
    ("最低0.47元/天 解锁文章", "promotion", "文章的摘要怎么生成？"),
    ("开通VIP，免费下载本文档", "promotion", "会员等级预测怎么做？"),
    ("AI 模拟面试：AI 面试官陪你练", "promotion", "模拟退火和梯度下降有什么区别？"),
    ("Sign up to discover more stories.", "promotion", "Sign up flow: how would you A/B test it?"),
    # licence lines
    ("本作品采用知识共享署名 4.0 国际许可协议进行许可。", "copyright", "Llama 的许可协议允许商用吗？"),
    # intro: what follows is my notes
    ("面试官说今天主要考代码，下面是题目和我整理的写法。", "intro_outro", "下面是我整理的 PPO 核心代码："),
    # the author's asides (wish, karma, mood, waiting, ask_readers)
    ("许愿 offer！！！🙏", "moods", "LoRA 的秩怎么选？"),
    ("面完当天流程就推进了，攒人品，希望 offer 快来！", "moods", "攒 batch 做推理有什么好处？"),
    ("求个好结果吧", "moods", "求一个数组的最大子数组和"),
    ("心态崩了，一面就被问懵……", "moods", "心态怎么调整？"),
    ("估计凉了", "moods", "一面凉了还能捞吗？"),
    ("整体体验不错，等通知中~", "moods", "等通知的时候可以做什么准备？"),
    ("有大佬知道 MLA 推理时的矩阵吸收怎么做吗？评论区求教。", "moods", "评论区的情感分析怎么做？"),
])
def test_chrome_goes_and_a_similar_line_stays(line, rule, similar):
    assert dropped_line(line) == {3: rule}
    assert keeps(similar)


def test_a_generated_answer_loses_its_label_only():
    page = clean(page_of("Q1：LayerNorm 和 RMSNorm 的区别？\nAI 解答：RMSNorm 去掉了减均值这一步。"))
    assert kept(page) == ["Q1：LayerNorm 和 RMSNorm 的区别？", "RMSNorm 去掉了减均值这一步。"]
    assert [(d.rule, d.line.text) for d in page.dropped] == [("labels", "AI 解答：")]
    page = clean(page_of("1、什么是幻觉？\nChatGPT 的回答：模型生成了与事实不符的内容。"))
    assert kept(page)[1] == "模型生成了与事实不符的内容。"


def test_a_label_that_starts_a_question_is_not_cut():
    assert keeps("ChatGPT 的回答：为什么会出现幻觉？")


def test_a_bbs_title_loses_its_label():
    page = clean(page_of("標題 [心得] 某廠 LLM 演算法 一面\n" + QUESTION))
    assert kept(page)[0] == "[心得] 某廠 LLM 演算法 一面"


def test_a_copy_button_inside_code_goes_and_one_glued_to_a_line_is_cut():
    page = clean(page_of(QUESTION + "\n```python\n复制\ndef f(x):\n    return x  AI写代码\n```"))
    assert kept(page)[2:] == ["```python", "def f(x):", "    return x", "```"]
    assert {d.rule for d in page.dropped} == {"buttons"}


def test_an_aside_after_a_question_is_cut_and_the_question_stays():
    page = clean(page_of("1、为什么 Adam 比 SGD 收敛快？许愿 offer"))
    assert kept(page) == ["1、为什么 Adam 比 SGD 收敛快？"]
    assert [(d.rule, d.line.text) for d in page.dropped] == [("moods", "许愿 offer")]
    # a run of questions goes on after the question mark: only the aside's own clause is cut
    run = clean(page_of("1.GQA 省了什么？2.失败怎么兜底 表明做过降级，攒攒人品"))
    assert kept(run) == ["1.GQA 省了什么？2.失败怎么兜底 表明做过降级，"]
    assert [(d.rule, d.line.text) for d in run.dropped] == [("moods", "攒攒人品")]


@pytest.mark.parametrize("line", ["模型基本凉了，怎么排查？", "哪位大佬知道 MoE 负载均衡怎么做？",
                                  "面试官问我压力大时怎么办，我说先把任务拆小、排好优先级、和组里同步进度，"
                                  "必要时申请延期；又补了一句心态崩了的时候会去跑步，面试官听完接着问了项目里数据清洗的细节。"])
def test_an_aside_inside_a_question_or_a_long_line_stays(line):
    assert keeps(line)


def test_an_unclosed_fence_before_prose_goes_and_code_fences_stay():
    page = clean(page_of(QUESTION + "\n```\n2、QLoRA 改进了什么？\n4-bit 量化，许愿 offer 的那种。"))
    assert rules_of(page)[3] == "fences"
    assert "2、QLoRA 改进了什么？" in kept(page)
    page = clean(page_of(QUESTION + "\n```python\ndef f(x):\n    return x"))
    assert "fences" not in rules_of(page).values()
    assert rules_of(clean(page_of(QUESTION + "\n```\n```"))) == {3: "fences", 4: "fences"}


@pytest.mark.parametrize("footer, dropped", [
    # a BBS post: the `--` signature line, ※ 發信站 (sent from), the pushes after it
    ("--\n※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 1.2.3.4\n推 abc: 推分享 04/08 22:50", 3),
    # an English blog platform: reply count, "More from <author>", the author box
    ("Responses (9)\nWhat are your thoughts?\nGreat post!", 3),
    ("More from Some Author\nAnother post of theirs", 2),
    ("Written by Some Author\n1.2K Followers\nML engineer.", 3),
    # a marker in bold or as a heading
    ("**往期回顾**\n- 为什么 Attention 要除以根号 d？", 2),
])
def test_more_end_markers(footer, dropped):
    page = clean(page_of(QUESTION + "\n" + footer))
    assert kept(page) == ["1、什么是 LoRA？", "低秩分解近似权重更新。"]
    assert rules_of(page) == {n: "article_end" for n in range(3, 3 + dropped)}


@pytest.mark.parametrize("line", ["More from the data: loss keeps decreasing.", "Written by hand, the kernel is 2x faster."])
def test_sentences_that_start_like_an_end_marker_are_not_the_end(line):
    assert keeps(line)


def test_an_end_marker_late_in_a_page_that_asks_nothing_ends_it():
    body = "\n".join([
        "KV cache 把历史 token 的 K、V 存下来，解码时只算新位置。",
        "显存占用和层数、KV 头数、头维度、序列长度成正比。",
        "GQA 让几组 query 头共享一份 K、V，缓存按组数缩小。",
        "MQA 更激进，所有头只用一份 K、V。",
        "PagedAttention 按块分配缓存，减少碎片。",
        "prefill 阶段一次算完整个 prompt 的 K、V。",
        "decode 阶段每步只追加一个位置。",
        "量化缓存到 INT8 或 FP8 也能省一半显存。",
        "投机解码验证草稿 token 时同样复用缓存。",
    ])
    page = clean(page_of(body + "\n往期回顾\n- 为什么 Attention 要除以根号 d？"))
    assert [d.rule for d in page.dropped] == ["article_end", "article_end"]
    page = clean(page_of("往期回顾\n" + body))
    assert "article_end" not in rules_of(page).values()


def test_html_pages_of_a_document_viewer_are_one_body_and_a_newsletter_box_goes():
    from generator.scrape.extract import extract
    pages = "".join(
        f'<div class="page"><p>{n}、第 {n} 题：什么是 GPTQ 和 AWQ 的区别，为什么要做权重量化？</p>'
        f'<p>答：逐层量化，用二阶信息把误差补偿到还没量化的列上，使输出误差最小。</p></div>'
        for n in (1, 2, 3)
    )
    markup = (f'<html><body><div class="viewer">{pages}</div>'
              '<div class="newsletter"><p>Get one deep-dive every week, written for engineers like you.</p></div>'
              '</body></html>')
    doc = SourceDocument(id="t", path="t.html", kind="scraped", format="html", text=markup)
    texts = [l.text for l in extract(doc).lines]
    assert [t[:2] for t in texts if t.endswith("？")] == ["1、", "2、", "3、"]
    assert not any("deep-dive" in t for t in texts)


def test_a_table_header_row_is_no_seo_keyword_line():
    """`# | 问题 | 考点 | 参考回答` at the top of a page splits into short
    phrases like a keyword line, but rows with as many cells follow it."""
    page = clean(page_of("# | 问题 | 考点 | 参考回答\n一面\n1 | 什么是 RoPE？ | 位置编码 | 旋转 q 和 k\n"))
    assert "# | 问题 | 考点 | 参考回答" in kept(page)
    keywords = clean(page_of("大厂面试真题,程序员副业接单,杭州seo关键词排名,服务器租用价格\n1、什么是 RoPE？\n"))
    assert [d.rule for d in keywords.dropped] == ["seo_junk"]


def test_a_long_title_of_spaced_keywords_and_a_long_button_bar_are_read_at_once():
    # both rules once backtracked exponentially on such lines (seconds for a title, minutes for a bar)
    import time

    import machine

    title = " | ".join(["大模型推理"] * 12) + " | 一个超过十六个字的很长很长很长的部分啊啊"
    bar = "  ".join(["赞"] * 18) + "  x"
    start = time.perf_counter()
    page = clean(page_of(title + "\n" + QUESTION + "\n" + bar, title=title))
    assert time.perf_counter() - start < 1.0 * machine.slowdown()
    assert page.title == title and kept(page)[-1].endswith("赞 x")  # neither is what its rule drops
