"""Readable titles: an entry's title is its wording without the fillers of
speech (generator/text/spoken.py, generator/data/titles.yml), while the
wording itself stays as written under 问法, and ids do not move."""

from __future__ import annotations

import re

import pytest

from corpora import knowledge_bases
from generator import rules
from generator.merge.dedupe import dedupe, entry_id, readable_title, strip_label
from generator.model import Question
from generator.site.render import asked_wordings
from generator.text.normalize import key, meaning
from generator.text.spoken import Meaning, readable

LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9@+#._\-]*")


def title_of(*texts: str) -> str:
    """The title of the one entry the wordings (each from its own document) make."""
    entries, _ = dedupe([Question(source=f"doc{i}", position=0, text=t) for i, t in enumerate(texts)])
    assert len(entries) == 1
    return entries[0].title


# ---- spoken wordings, in the shapes a transcript gives ------------------------

@pytest.mark.parametrize("spoken, title", [
    # a chatty lead-in: announcing the question, naming the subject, taking it as known, "你们讲一下"
    ("然后我问一个简单的啊,就是LoRA啊,应该都听过吧,你们讲一下LoRA背后的一个核心的思想是什么?",
     "讲一下LoRA背后的核心的思想是什么?"),
    ("然后我问一个基础的啊,就是chatGPT啊,应该都听过吧,你们讲一下chatGPT背后的一个基本的原理是什么?",
     "讲一下chatGPT背后的基本原理是什么?"),
    # "那你…就是<term>": the term and its numbers stay
    ("那你有没有用过就是vLLM和TGI这两个框架?", "你有没有用过vLLM和TGI这两个框架?"),
    ("那你有没有算过就是MRR@10和NDCG@10这两个指标?", "你有没有算过MRR@10和NDCG@10这两个指标?"),
    # "哈," and "这个" as "the"
    ("然后这个里面你因为是top-k的召回哈,有这个重排,有没有做去重?", "这个里面你因为是top-k的召回,有重排,有没有做去重?"),
    # broken off and said again
    ("你这个里面怎么样把啊,怎么样把用户的问题改写成这个query。", "你这个里面怎么样把用户的问题改写成query。"),
    # "的一个…的一个"; "就是" meaning "is" stays
    ("然后这里面向量库能说一下这里面的一个索引的一个选择吗?还是每一个文档就是一个chunk。",
     "这里面向量库能说一下这里面的索引的选择吗?还是每一个文档就是一个chunk。"),
    ("然后你刚才讲的这个过拟合问题哈,就是在这些任务里面,你怎么样去做到一个泛化的一个提升的一个问题。",
     "你刚才讲的过拟合问题,在这些任务里面,你怎么样去做到泛化的提升的问题。"),
    # "呢" after an ask of its own
    ("那一般怎么样去缓解模型的幻觉呢?", "一般怎么样去缓解模型的幻觉?"),
    ("有没有试过DeepSpeed呢?", "有没有试过DeepSpeed?"),
    # "嗯," "啊" "在那在"
    ("嗯,那你讲一下beam search的一个基本的流程?", "讲一下beam search的基本流程?"),
    ("有没有考虑过对于模型去做一些蒸馏啊,或者是reranker去做一些蒸馏。",
     "有没有考虑过对于模型去做一些蒸馏,或者是reranker去做一些蒸馏。"),
    ("在那在训练过程中,这个分布式训练过程中,你有考虑过显存和这个通信吗?",
     "在训练过程中,这个分布式训练过程中,你有考虑过显存和通信吗?"),
    ("你简历上写的那个Agent系统是自己写的,是不是?", "你简历上写的Agent系统是自己写的,是不是?"),
])
def test_a_spoken_wording_becomes_a_clean_title(spoken, title):
    assert readable_title(spoken) == title
    assert title_of(spoken) == title


@pytest.mark.parametrize("spoken, title", [
    ("那 top-p 采样怎么截断?", "top-p 采样怎么截断?"),  # not "Top-p"
    ("然后Transformer的一个结构是什么样的?", "Transformer的结构是什么样的?"),
])
def test_the_first_word_keeps_its_case(spoken, title):
    assert readable_title(spoken) == title


@pytest.mark.parametrize("spoken, title", [
    ("然后价值迭代啊,有什么区别?", "价值迭代,有什么区别?"),  # a subject named once is no lead-in
    ("然后3个GPU啊,怎么切分?", "3个GPU,怎么切分?"),
    ("那你呢?", "那你呢?"),  # nothing would be left to ask
    ("然后呢?", "然后呢?"),
])
def test_a_title_never_loses_what_it_names_or_asks(spoken, title):
    assert readable_title(spoken) == title


def test_a_change_that_alters_the_terms_is_refused():
    """Whatever the rules match, a change is kept only when the text still
    names and asks the same (here: no change ever does)."""
    def every_change_loses_a_word(text: str) -> Meaning:
        return Meaning(frozenset(), frozenset({text}), frozenset())

    spoken = "然后你讲一下LoRA的一个原理啊?"
    assert readable(spoken, every_change_loses_a_word) == spoken
    assert readable(spoken, meaning) == "讲一下LoRA的原理?"


# ---- written questions stay byte for byte -------------------------------------

@pytest.mark.parametrize("written", [
    "为什么说 RoPE 就是一种相对位置编码?",  # 就是 = is
    "哈希表的查找复杂度是多少?",  # 哈 of 哈希
    "Adam和SGD哪个收敛更快?",
    "BERT和GPT那个更适合做分类?",  # 那个 written for 哪个
    "那些常见的位置编码各有什么优缺点?",  # 那些 points
    "那么大的模型怎么部署?",
    "知识更新很快的时候呢?",  # 呢 is the whole ask
    "LoRA 的一个缺点是什么?",  # no mark of speech: 一个 is one
    "Multi-Agent 如何 实现多代理协作的?",
    "KV cache 为什么只缓存 K 和 V？",
    "最后聊聊你对 MoE 的理解。",
    "Tell me about yourself and the project you are proudest of.",
    "手撕 MHA（要求带 mask）",
])
def test_a_written_question_is_shown_as_written(written):
    assert readable_title(written) == strip_label(written) == written
    assert title_of(written) == written


def test_a_written_wording_is_still_chosen_over_a_spoken_one():
    assert title_of("然后这个LoRA的原理是什么啊?", "LoRA的原理是什么?") == "LoRA的原理是什么?"


def test_ids_and_wordings_do_not_change():
    spoken = "然后我问一个基础的啊,就是BERT啊,应该都听过吧,你们讲一下BERT背后的一个基本的原理是什么?"
    entries, _ = dedupe([Question(source="doc", position=0, text=spoken)])
    (entry,) = entries
    assert entry.id == entry_id(key(spoken))
    assert entry.title == "讲一下BERT背后的基本原理是什么?"
    assert [q.text for q in entry.questions] == [spoken]


def test_the_rules_are_data_and_fit_their_schema():
    rules.check_all()
    titles = rules.load("titles.yml")
    names = [r.name for r in titles.rules]
    assert names and len(names) == len(set(names))


# ---- the real corpora ---------------------------------------------------------

@pytest.fixture(scope="module")
def kbs():
    return knowledge_bases()


def test_no_bundled_title_reads_as_speech_and_the_wording_is_still_listed(kbs):
    tidied = 0
    for e in kbs["bundled"].entries:
        assert not e.title.startswith(("然后", "那", "就是")), e.title
        assert "啊," not in e.title and "啊，" not in e.title, e.title
        shown = {strip_label(q.text) for q in e.questions}
        if e.title not in shown and not re.match(r"\d+\. ", e.title):  # a LeetCode problem has its catalogue title
            tidied += 1
            # the wording as written is still listed (问法, or 追问 for a follow-up of its own)
            listed = asked_wordings(e) or list(e.questions)
            assert any(readable_title(q.text) == e.title for q in listed), e.title
    assert tidied >= 15
    (chatgpt,) = [e for e in kbs["bundled"].entries if e.title == "讲一下chatGPT背后的基本原理是什么?"]
    assert [q.text for q in asked_wordings(chatgpt)] == [
        "然后我问一个基础的啊,就是chatGPT啊,应该都听过吧,你们讲一下chatGPT背后的一个基本的原理是什么?"]


def test_a_title_keeps_every_latin_word_and_number_of_its_wording(kbs):
    for kb in kbs.values():
        for e in kb.entries:
            for q in e.questions:
                if readable_title(q.text) == e.title and e.title != strip_label(q.text):
                    assert set(LATIN.findall(e.title)) == set(LATIN.findall(q.text)), (q.text, e.title)
                    assert meaning(e.title).names == meaning(q.text).names
