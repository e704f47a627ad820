"""generator/model.py: times_asked, the "被问 N 次" count."""

from generator.model import ALIAS, CURATED, Entry, Question, SourceDocument, SourceMeta, names_interview, times_asked
from generator.merge.topics import order_for_topic

DEPLOY = SourceMeta(title="2025年模型部署工程师面试", role="模型部署工程师", site="讯享网")
XIAOMI = SourceMeta(title="面试小米大模型算法工程师,心态炸了!!!", company="小米", role="NLP 算法工程师")
SOURCES = {"scraped/002": DEPLOY, "scraped/000": XIAOMI}


def _entry(*questions: Question) -> Entry:
    return Entry("q-x", questions[0].text, tuple(questions))


def _contributed(asked_at: str, source: str = "contrib/rope") -> tuple[Question, Question]:
    return (Question(source, 0, "什么是旋转位置编码(RoPE)?", category=asked_at, kind=CURATED),
            Question(source, 1, "讲一下什么是旋转位置编码", category=asked_at, kind=ALIAS))


def test_a_contribution_asked_at_a_counted_interview_is_not_another_interview():
    entry = _entry(*_contributed("模型部署工程师面试"), Question("scraped/002", 7, "讲一下什么是旋转位置编码。"))
    assert times_asked(entry) == 2  # without the sources: as before
    assert times_asked(entry, SOURCES) == 1


def test_naming_the_company_role_or_title_is_naming_the_interview():
    assert names_interview("小米 一面", XIAOMI)  # the company
    assert names_interview("某公司 NLP算法工程师 二面", XIAOMI)  # the role, spaces aside
    assert names_interview("2025年模型部署工程师面试", DEPLOY)  # the title
    assert names_interview("模型部署工程师面试", DEPLOY)  # part of the title (and the role)
    assert not names_interview("字节跳动 大模型算法岗 一面", XIAOMI)
    assert not names_interview("", XIAOMI)
    assert not names_interview("小米 一面", SourceMeta())  # nothing known about the interview
    assert not names_interview("面试", DEPLOY) and not names_interview("工程师", DEPLOY)  # in every title


def test_a_contribution_asked_elsewhere_counts():
    entry = _entry(*_contributed("字节跳动 大模型算法岗 一面"), Question("scraped/002", 7, "讲一下什么是旋转位置编码。"))
    assert times_asked(entry, SOURCES) == 2
    # documents work as well as their metadata
    documents = {"scraped/002": SourceDocument("scraped/002", "002.txt", "scraped", "text", "", DEPLOY)}
    assert times_asked(entry, documents) == 2


def test_it_only_names_interviews_that_asked_this_entry():
    # asked_at names the Xiaomi interview, but that interview did not ask this entry
    entry = _entry(*_contributed("小米 NLP 算法工程师"), Question("scraped/002", 7, "讲一下什么是旋转位置编码。"))
    assert times_asked(entry, SOURCES) == 2


def test_two_contributions_asked_at_the_same_place_count_once():
    entry = _entry(*_contributed("字节 一面", "contrib/a"), *_contributed("字节一面", "contrib/b"))
    assert times_asked(entry) == 2
    assert times_asked(entry, SOURCES) == 1


def test_a_contribution_without_asked_at_and_follow_ups_do_not_count():
    entry = _entry(*_contributed(""), Question("scraped/002", 7, "讲一下什么是旋转位置编码。"),
                   Question("scraped/000", 9, "那它和 ALiBi 比呢?", kind="followup", parent=8))
    assert times_asked(entry) == times_asked(entry, SOURCES) == 1


def test_order_for_topic_uses_the_same_count():
    twice_in_one = _entry(*_contributed("模型部署工程师面试"), Question("scraped/002", 7, "讲一下什么是旋转位置编码。"))
    asked_twice = Entry("q-y", "LoRA 原理", (Question("scraped/000", 3, "LoRA 原理"), Question("scraped/002", 1, "LoRA 原理?")))
    assert order_for_topic([twice_in_one, asked_twice])[0] is twice_in_one  # 2 and 2, first document first
    assert order_for_topic([twice_in_one, asked_twice], SOURCES)[0] is asked_twice  # 1 and 2


def test_a_problem_never_sends_a_control_character_to_the_terminal():
    from generator.model import Problem

    said = str(Problem("a\x1b[2Jb.txt", "the file is empty; remove it or add the page's text", 3))
    assert "\x1b" not in said and said.startswith("a\\x1b[2Jb.txt:3: ")
