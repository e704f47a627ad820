"""generator/text/normalize.py: cleaning, tokens, entities and intents."""

import pytest

from generator.text.normalize import analyze, canonical, clean, key, tokenize


@pytest.mark.parametrize("term, text", [
    ("self-attention", "你是怎么理解 Self-Attention 的?"),
    ("lora", "讲一下 LoRA 实现原理"),
    ("qlora", "QLoRA原理"),
    ("gpt-3", "GPT-3和GPT-4的区别"),
    ("gpt-4", "GPT-3和GPT-4的区别"),
    ("pre-ln", "Pre-LN 与 Post-LN 的区别?"),
    ("位置编码", "位置编码,LLM用的是什么?"),
    ("复读机", "如何缓解LLMs复读机问题?"),
])
def test_technical_terms_stay_one_token(term, text):
    assert term in tokenize(text)


def test_tokenize_is_deterministic():
    text = "说一下 transformer的模型架构和细节?"
    assert tokenize(text) == tokenize(text) == tokenize(text + "")


def test_clean_unifies_script_width_case_and_numbering():
    assert clean("自我介紹") == clean("1. 自我介绍") == "自我介绍"
    assert clean("ＬｏＲＡ原理？") == "lora原理?"
    assert key("2.1 self-attention的计算方式？") == key("self-attention的计算方式?")


def test_synonyms_and_aliases_are_canonical():
    assert canonical("自注意力") == canonical("Self Attention") == "self-attention"
    assert canonical("低秩适配") == "lora"
    assert canonical("架构") == "结构"
    assert canonical("推理效率") == canonical("推理速度")


def test_analysis_of_a_question_with_context():
    a = analyze("2.4 在 大模型任务中,你用到 LoRA,讲一下 LoRA 实现原理?")
    assert a.entities == {"lora"}
    assert a.content == {"原理"}
    assert a.intents == frozenset()
    assert a.context_dropped


@pytest.mark.parametrize("text, intent", [
    ("GPT-3 是什么时候发布的?", "what"),
    ("为什么会出现LLMs复读机问题?", "why"),
    ("如何缓解LLMs复读机问题?", "how"),
    ("你们是怎么优化模型推理速度的?", "how"),
    ("prefix LM 和 causal LM 区别是什么?", "difference"),
    ("LoRA的缺点是什么?", "disadvantages"),
])
def test_intents(text, intent):
    assert analyze(text).intents == {intent}


def test_what_is_dropped_when_the_question_names_what_it_wants():
    assert analyze("LoRA的原理是什么?").intents == analyze("LoRA原理").intents


def test_vague_wordings():
    assert analyze("它的缺点是什么?").vague
    assert analyze("有什么缺陷?").vague
    assert not analyze("自我介绍").vague


def test_unknown_english_names_are_guarded_entities():
    assert "internlm2.5" in analyze("InternLM2.5 有什么特点").entities
    assert "qwen-2.5" in analyze("Qwen2.5 有什么特点").entities  # a name of the glossary: its canonical form


def test_the_grouped_phrase_regex_finds_what_one_branch_per_alias_finds():
    """The oracle: each alias its own branch, longest first, boundaries
    checked before the first character (the plain way to write it)."""
    import re

    from generator.text.normalize import _has_latin, _phrases, clean, lexicon

    def plain(alias):
        parts = [re.escape(p) for p in re.split(r"[\s_-]+", alias) if p]
        body = r"[\s_-]*".join(parts)
        if alias[0].isascii() and alias[0].isalnum():
            body = r"(?<![a-z0-9])" + body
        if alias[-1].isascii() and alias[-1].isalnum():
            body += r"(?![a-z0-9]|\.\d)"
        return body

    aliases = sorted((a for a in lexicon().words if not a.isascii() and len(a) >= 3 or _has_latin(a)),
                     key=lambda a: (-len(a), a))
    oracle = re.compile("|".join(plain(a) for a in aliases))
    texts = [
        "qlora 和 lora 的区别? lora的秩怎么选, gpt-3.5 与 gpt-3、gpt3 有何不同",
        "self attention / self-attention / self_attention 与 multi head attention",
        "2lora x-lora lora2 lora.5 (lora) 「旋转位置编码」rope 与 alibi, kv cache 和 kv-cache",
        "讲一下多头注意力机制和分组查询注意力, 以及 flash attention 2 的实现",
        "lora",
        "",
    ]
    for text in texts + [" ".join(aliases[:400]), "，".join(aliases[400:800])]:
        text = clean(text)
        assert [(m.start(), m.group()) for m in _phrases().finditer(text)] == \
               [(m.start(), m.group()) for m in oracle.finditer(text)], text[:60]


def test_asking_what_a_thing_is_asks_for_its_principle():
    """The issue's pair: 什么是旋转位置编码 and RoPE 的原理 ask the same; coding it asks something else."""
    from generator.merge.dedupe import compare

    assert compare(analyze("讲一下什么是旋转位置编码"), analyze("RoPE 的原理是什么")).same
    assert not compare(analyze("手撕 RoPE"), analyze("RoPE 的原理是什么")).same
    assert "implement" in analyze("手写 RMSNorm").intents == analyze("实现 RMSNorm").intents
    what = analyze("什么是LLMs复读机问题?")
    assert what.intents == frozenset() and what.content == {"原理"}


def test_english_questions_have_intents_and_no_letter_noise():
    a = analyze("Why do we divide the scores by sqrt(d_k)?")
    assert "why" in a.intents and "explain" not in a.entities
    assert not {"d", "k", "_"} & analyze("为什么 attention 要除以 √d_k？").content


def test_in_an_english_sentence_unknown_words_are_plain_words():
    """"divide" and "scores" are words of the sentence, not names to keep apart;
    among Chinese words an unknown latin word still is a name."""
    a = analyze("Why do we divide the scores by sqrt(d_k)?")
    assert not a.entities and {"除以", "分数", "根号"} <= a.content
    assert "internlm2.5" in analyze("InternLM2.5 有什么特点").entities


def test_a_word_that_repeats_a_name_asks_nothing_more():
    """"采样" of "top-p 采样" is part of the name top-p sampling."""
    assert analyze("手撕 top-p 采样").content == analyze("实现 nucleus sampling").content


def test_comparing_words_are_one_intent():
    assert analyze("SwiGLU 比 ReLU 好在哪").intents == analyze("SwiGLU 相比 ReLU 有什么好处？").intents


def test_a_list_of_names_is_one_clause_with_what_follows():
    """"、" is a comma after `clean`; a clause that only names things is an item
    of a list, not context to drop."""
    assert analyze("MHA、MQA、GQA 三者的区别？").entities == {"multi-head-attention", "mqa", "gqa"}
    assert analyze("PPO、DPO 分别是什么思路").entities == {"ppo", "dpo"}
    assert not analyze("讲讲 GRPO、DPO、PPO 的区别").head


def test_how_is_weak_when_the_question_names_what_it_wants():
    from generator.merge.dedupe import compare

    assert compare(analyze("RAG 的流程"), analyze("检索增强生成的流程是怎样的")).same
    assert compare(analyze("DPO 的原理"), analyze("直接偏好优化是怎么做的")).same
    assert not compare(analyze("什么是 LoRA"), analyze("LoRA 怎么用")).same
    assert not compare(analyze("什么是幻觉"), analyze("如何缓解幻觉")).same


def test_two_names_alone_ask_their_difference():
    from generator.merge.dedupe import compare

    assert compare(analyze("BN 和 LN 的区别"), analyze("batch norm 与 layer norm")).same
    assert analyze("讲讲 DP 与 DDP").intents == {"difference"}
    assert analyze("LoRA 的 rank").intents != {"difference"}  # no pair word: not a comparison
