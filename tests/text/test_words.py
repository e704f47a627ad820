"""generator/text/words.py: jieba as one object that owns its dictionary."""

from __future__ import annotations

from generator.run.cache import Cache
from generator.text.normalize import CUTTER
from generator.text.words import WordCutter

TEXTS = ["讲一下旋转位置编码和多头注意力机制的实现原理",
         "大模型微调时显存不够怎么办？梯度累积、混合精度和参数高效微调各自省下了什么",
         "面试官问我项目里召回和重排是怎么做的，我说先用向量检索再用交叉编码器打分"]


def glossary_words():
    return ["旋转位置编码", "多头注意力", "参数高效微调", "向量检索"]


def test_the_glossary_words_stay_whole():
    cutter = WordCutter(glossary_words)
    assert "旋转位置编码" in cutter.cut(TEXTS[0]) and "参数高效微调" in cutter.cut(TEXTS[1])
    assert "旋转位置编码" not in WordCutter(lambda: []).cut(TEXTS[0])


def test_the_project_cutter_knows_the_glossary():
    assert "旋转位置编码" in CUTTER.cut(TEXTS[0])


def test_jieba_starts_from_its_kept_dictionary_and_cuts_the_same(tmp_path):
    expected = [WordCutter(glossary_words).cut(t) for t in TEXTS]
    whole = dict(WordCutter(glossary_words).tokenizer().FREQ)

    kept = Cache(tmp_path / "cache")
    first = WordCutter(glossary_words)
    first.keep_dictionary_in(kept)
    assert [first.cut(t) for t in TEXTS] == expected and kept.misses == 1  # started as jieba does, then kept
    assert list((tmp_path / "cache").rglob("jieba-*.pickle"))

    again = Cache(tmp_path / "cache")
    second = WordCutter(glossary_words)
    second.keep_dictionary_in(again)
    assert second.cut(TEXTS[0]) == expected[0] and again.hits == 1
    loaded = second.tokenizer()
    assert 0 < len(loaded.FREQ) < len(whole) / 4  # only the parts the text's characters need
    assert all(whole[word] == count for word, count in loaded.FREQ.items())
    assert [second.cut(t) for t in TEXTS] == expected  # more parts load as new characters come


def test_forget_starts_again_from_the_words():
    words = ["多头注意力"]
    cutter = WordCutter(lambda: list(words))
    assert "多头注意力" in cutter.cut("多头注意力的原理")
    words[:] = []
    cutter.forget()
    assert "多头注意力" not in cutter.cut("多头注意力的原理")
