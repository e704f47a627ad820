"""generator/text/normalize.py: cleaning, tokens, entities and intents."""

import pytest

from generator.text.normalize import analyze, canonical, clean, key, strip_numbering, tokenize


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


@pytest.mark.parametrize("raw, stripped", [
    ("2.1 self-attention的计算方式?", "self-attention的计算方式?"),
    ("问题3、self-attention原理", "self-attention原理"),
    ("7、LangChain 如何使用?", "LangChain 如何使用?"),
    ("追问: 它的缺点是什么?", "它的缺点是什么?"),
    ("(2) 什么是RAG", "什么是RAG"),
    ("三、大模型 LangChain", "大模型 LangChain"),
    ("GPT-3.5 是什么", "GPT-3.5 是什么"),
])
def test_strip_numbering(raw, stripped):
    assert strip_numbering(raw) == stripped


@pytest.mark.parametrize("raw, stripped", [
    ("第二个问题就是你这里面我看是查返回的是k条的一个数据,是怎么算的呢?", "你这里面我看是查返回的是k条的一个数据,是怎么算的呢?"),
    ("第三个问题是LoRA的原理?", "LoRA的原理?"),
    ("下一个问题,讲一下RAG的链路", "讲一下RAG的链路"),
    ("下一个问题。为什么要用 RoPE?", "为什么要用 RoPE?"),
    ("最后一个问题就是,你有什么想问的?", "你有什么想问的?"),
    ("然后还有一个问题,就是你这里面的查询用的是embedding吗?", "你这里面的查询用的是embedding吗?"),
    ("首先第一个问题就是你这里面的准入模型是怎么做的?", "你这里面的准入模型是怎么做的?"),
    ("第2个问题:什么是RAG", "什么是RAG"),
    ("第二个问题是不是过拟合?", "是不是过拟合?"),
    ("第三题:两数之和", "两数之和"),
    ("第二个:LoRA 的秩怎么选", "LoRA 的秩怎么选"),
])
def test_an_ordinal_lead_in_is_stripped_whole(raw, stripped):
    assert strip_numbering(raw) == stripped


@pytest.mark.parametrize("text", [
    "第二个 token 的注意力怎么算?",  # "第二个" is part of the question
    "第二个参数是什么意思?",
    "为什么第二个问题更难?",  # not at the start
    "下一个问题",  # a label with nothing after it is left as it is
    "下一个 token 预测的问题是什么?",
    "问题就是模型会过拟合吗?",
    # the noun of a lead-in begins a longer word: no label
    "还有一个问答系统是怎么评估的？",
    "另一个问法是什么",
    "下一个题库怎么建",
    "第3个题解的复杂度？",
])
def test_ordinal_words_inside_a_question_are_kept(text):
    assert strip_numbering(text) == text


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
    ("什么是LLMs复读机问题?", "what"),
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
    assert "qwen2.5" in analyze("Qwen2.5 有什么特点").entities


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
