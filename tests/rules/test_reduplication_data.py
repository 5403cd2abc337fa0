"""newskit/data/reduplication.toml: every listed pattern is honoured by R101, and nothing else is."""

from __future__ import annotations

import pytest

from newskit.lint import lint_document
from newskit.model import Document
from newskit.rules.repetition.repeated_word import RepeatedWord, reduplication, reduplication_pattern

DATA = reduplication()
HEAD = "全市召开工作会议\n\n本报讯（记者 张三）3月18日，"


def r101(sentence: str) -> list[str]:
    return [f.message for f in lint_document(Document.from_text(HEAD + sentence + "\n"), [RepeatedWord()])]


@pytest.mark.parametrize("word", sorted(DATA.abab_words))
def test_every_abab_word_is_two_characters_and_passes(word) -> None:
    assert len(word) == 2 and word[0] != word[1], word
    assert reduplication_pattern(f"大家要{word}{word}这件事", 3, word) == "ABAB"


def test_lists_do_not_overlap() -> None:
    assert not DATA.slip_characters & (DATA.counting_characters | DATA.numeral_characters | DATA.measure_prefixes)


@pytest.mark.parametrize("sentence", [
    "会议提出要扩大扩大开放。", "加强人才人才队伍建设。", "质量稳步提升提升，效益明显。", "这是发展的的关键。",
    "他们了解了解情况后离开。", "景区四季四季见绿。",
])
def test_doubled_words_outside_the_list_are_slips(sentence) -> None:
    assert len(r101(sentence)) == 1, sentence


@pytest.mark.parametrize("sentence", [
    "大家研究研究再定。", "村民们一户一户做工作。", "树成片成片地种。", "“加油加油！”", "他火红火红的脸。",
    "现在强调精准精准再精准。", "该进城进城，该赶集赶集。", "我说可以可以，稀客稀客！", "小孩小孩你别馋。",
])
def test_listed_patterns_pass(sentence) -> None:
    assert r101(sentence) == [], sentence
