"""generator/merge/topics.py: taxonomy, topic assignment, related entries, order."""

import pytest

from generator.merge.dedupe import dedupe
from generator.model import Block, Entry, Question
from generator.merge.topics import UNCATEGORIZED, assign, load_taxonomy, order_for_topic


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def _entries(*texts, category="", kind="question"):
    qs = [Question(f"d{i}", i, t, category=category, kind=kind) for i, t in enumerate(texts)]
    return dedupe(qs)[0]


def test_taxonomy_shape(taxonomy):
    slugs = {t.slug for t in taxonomy}
    assert {"peft", "lora", "p-tuning", "transformer", "self-attention", "positional-encoding",
            "rag", "agent", "langchain", "inference", "training", "hallucination",
            "nlp-basics", "leetcode", "project", UNCATEGORIZED} <= slugs
    by = {t.slug: t for t in taxonomy}
    assert by["lora"].parent == "peft" and by["self-attention"].parent == "transformer"


@pytest.mark.parametrize("text, first", [
    ("讲一下 LoRA 实现原理", "lora"),
    ("说一下大模型高校参数微调方式 p-tuning v2?", "p-tuning"),
    ("你是怎么理解 Self-Attention 的?", "self-attention"),
    ("讲一下什么是旋转位置编码", "positional-encoding"),
    ("RAG向量召回怎么做的?", "rag"),
    ("如何使用LangChain?", "langchain"),
    ("你们是怎么优化模型推理速度的?", "inference"),
    ("PPO算法的原理", "rlhf"),
    ("如何缓解LLMs复读机问题?", "hallucination"),
    ("讲一下word2vec里面的负采样", "nlp-basics"),
    ("自我介绍", "project"),
])
def test_topic_from_wording(taxonomy, text, first):
    (entry,) = assign(_entries(text), taxonomy)
    assert entry.topics[0] == first


def test_most_specific_topic_first(taxonomy):
    (entry,) = assign(_entries("LoRA 和 P-Tuning 这类参数高效微调方法的区别"), taxonomy)
    assert entry.topics.index("lora") < entry.topics.index("peft")


def test_category_and_answer_are_weaker_evidence(taxonomy):
    (by_heading,) = assign(_entries("项目最后上线了么?", category="2.5 RAG 相关面试题"), taxonomy)
    assert "rag" in by_heading.topics
    q = Question("d", 0, "这个方法有什么好处?", answer=(Block("paragraph", "先检索知识库再用向量数据库召回"),))
    (by_answer,) = assign(dedupe([q])[0], taxonomy)
    assert by_answer.topics == ("rag",)


def test_a_heading_counts_when_the_interviews_agree(taxonomy):
    """A question asked in six interviews, one of them under a RAG heading and
    five under a heading naming no topic: RAG is one interview's filing, not
    the question's topic; two of six (a third) are enough."""
    def asked(rag_headings: int) -> tuple[str, ...]:
        qs = [Question(f"d{i}", 0, "项目最后上线了么?", category="2.5 RAG 相关面试题" if i < rag_headings else "三、综合面")
              for i in range(6)]
        (entry,) = assign(dedupe(qs)[0], taxonomy)
        return entry.topics

    assert "rag" not in asked(1)
    assert "rag" in asked(2)


def test_the_most_complete_answer_is_the_evidence(taxonomy):
    """Answers pooled from many interviews name every topic in passing: the
    most complete one speaks for the entry (two RAG keywords), the short
    ones that mention int8 and GPTQ do not make it a quantization question."""
    full = (Block("paragraph", "先检索知识库，再用向量数据库召回相关段落，最后把它们放进提示里生成答案。"),)
    passing = (Block("paragraph", "顺带用 int8 和 GPTQ 省显存"),)
    qs = [Question(f"d{i}", 0, "项目最后上线了么?", answer=full if i == 0 else passing) for i in range(4)]
    (entry,) = assign(dedupe(qs)[0], taxonomy)
    assert "rag" in entry.topics and "quantization" not in entry.topics


def test_problems_go_to_leetcode(taxonomy):
    (entry,) = assign(_entries("两数之和", kind="problem"), taxonomy)
    assert entry.topics[0] == "leetcode"


def test_uncategorized(taxonomy):
    (entry,) = assign(_entries("你平时喜欢做什么运动?"), taxonomy)
    assert entry.topics == (UNCATEGORIZED,)


def test_related_entries(taxonomy):
    entries = assign(_entries("LoRA原理", "QLoRA原理", "LoRA的缺点是什么?", "什么是RAG", "自我介绍"), taxonomy)
    by = {e.title: e for e in entries}
    lora = by["LoRA原理"]
    assert lora.id not in lora.related
    assert {by["QLoRA原理"].id, by["LoRA的缺点是什么?"].id} <= set(lora.related)
    assert by["自我介绍"].id not in lora.related
    assert all(len(e.related) <= 5 for e in entries)
    assert assign(list(reversed(entries)), taxonomy)[::-1] == entries


def test_order_most_asked_first():
    def entry(id, *where):
        return Entry(id=id, title=id, questions=tuple(Question(s, p, id) for s, p in where))

    a = entry("a", ("d2", 0))
    b = entry("b", ("d1", 5), ("d3", 0))
    c = entry("c", ("d1", 1))
    assert [e.id for e in order_for_topic([a, b, c])] == ["b", "c", "a"]


def test_where_a_contribution_was_asked_is_not_a_heading(taxonomy):
    # "模型部署工程师面试" as a page heading says the question is about deployment;
    # as a contribution's asked_at it only says where it was asked.
    (scraped,) = assign(_entries("旋转位置编码的原理是什么?", category="模型部署工程师面试"), taxonomy)
    (contributed,) = assign(_entries("旋转位置编码的原理是什么?", category="模型部署工程师面试", kind="contributed"), taxonomy)
    assert "inference" in scraped.topics
    assert "inference" not in contributed.topics and "positional-encoding" in contributed.topics


def test_most_asked_means_the_count_the_site_shows():
    from generator.model import times_asked

    contributed = Question("contrib/x", 0, "贝尔曼方程是什么?", kind="contributed")  # says nowhere it was asked
    once = Question("d1", 0, "贝尔曼方程是什么?")
    twice = [Question("d2", 3, "LoRA 的原理?"), Question("d3", 5, "LoRA 原理是什么?")]
    bellman, lora = Entry("q-b", "贝尔曼方程", (contributed, once)), Entry("q-l", "LoRA", tuple(twice))
    assert [times_asked(e) for e in (bellman, lora)] == [1, 2]
    assert order_for_topic([bellman, lora]) == [lora, bellman]


@pytest.mark.parametrize("text, topic", [
    ("那你有没有看过就是precision@1和Recall@1这个指标?", "nlp-basics"),  # evaluation metrics
    ("你这里面用准召来计算是怎么算的呢?", "nlp-basics"),
    ("你这个里面怎么样把自然语言转换成这个SQL。", "nlp-basics"),  # NL2SQL, like "NL to SQL"
    ("有没有考虑过NL to SQL的一个方式啊", "nlp-basics"),
    ("然后这个问答系统有没有考虑多轮的一个情况。", "rag"),
])
def test_questions_that_used_to_be_uncategorized(taxonomy, text, topic):
    (entry,) = assign(_entries(text), taxonomy)
    assert entry.topics[0] == topic


def test_an_answer_about_peft_adds_the_peft_topic(taxonomy):
    q = Question("d", 0, "你是怎么对 LLM 进行 fine-tuning 的?",
                 answer=(Block("paragraph", "我们通常使用 LoRA 来减少参数量,提升训练效率,并使用 PEFT 库进行高效微调。"),))
    (entry,) = assign(dedupe([q])[0], taxonomy)
    assert entry.topics[0] == "training" and "peft" in entry.topics


def test_one_word_is_not_two_keywords(taxonomy):
    # "预训练" contains the training keyword "训练": one mention in an answer is
    # one keyword, and the answer alone needs two.
    q = Question("d", 0, "目前比较受欢迎的开源大模型有哪些?",
                 answer=(Block("paragraph", "GPT 系列是 OpenAI 开发的生成式预训练模型。"),))
    (entry,) = assign(dedupe([q])[0], taxonomy)
    assert entry.topics[0] == "llm-basics" and "training" not in entry.topics
    q = Question("d", 0, "这个方法有什么好处?", answer=(Block("paragraph", "先预训练,再通过训练领域数据微调。"),))
    (entry,) = assign(dedupe([q])[0], taxonomy)
    assert "training" in entry.topics  # 预训练 and a separate 训练 are two mentions
