"""The W101 / T103 phrase lists and the W102 patterns, checked as data: every wrong form is really wrong."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from newskit.rules.terms.variant_form import VariantForm
from newskit.rules.wrong_words import phrases
from newskit.rules.wrong_words.context_confusion import confusions
from newskit.rules.wrong_words.wrong_word import WrongWord
from newskit.text import lexicon

HAN_RE = re.compile(r"^[\u3400-\u9fff，]+$")
FILES = ["wrong_words.toml", "variant_forms.toml"]


@pytest.fixture(scope="module", params=FILES)
def phrase_list(request) -> phrases.PhraseList:
    return phrases.load(request.param)


def test_wrong_word_list_size() -> None:
    assert len(phrases.load("wrong_words.toml").table()) >= 1000


def test_every_group_names_a_source(phrase_list) -> None:
    for group in phrase_list.groups:
        assert group.source.strip() and group.entries, group.name


def test_entries_are_unique_han_and_differ_from_their_standard_form(phrase_list) -> None:
    wrongs = Counter(e.wrong for e in phrase_list.entries())
    assert [w for w, n in wrongs.items() if n > 1] == []
    for e in phrase_list.entries():
        assert e.wrong != e.right, e
        assert HAN_RE.match(e.wrong) and HAN_RE.match(e.right), e


def test_no_wrong_form_is_a_standard_word() -> None:
    """A wrong form the lexicon lists must be one the file names as a dictionary misspelling, reviewed."""
    data = phrases.load("wrong_words.toml")
    listed = {e.wrong for e in data.entries() if lexicon.freq(e.wrong) is not None}
    assert sorted(listed - data.lexicon_misspellings) == []
    assert sorted(data.lexicon_misspellings - listed) == [], "stale names in lexicon_misspellings"


def test_no_wrong_form_is_a_standard_form_of_another_entry() -> None:
    for name in FILES:
        table = phrases.load(name).table()
        rights = {e.right for e in table.values()}
        assert sorted(set(table) & rights) == [], name


def test_lists_do_not_overlap() -> None:
    wrong = set(phrases.load("wrong_words.toml").table())
    variants = set(phrases.load("variant_forms.toml").table())
    assert sorted(wrong & variants) == []


def test_a_standard_form_is_never_flagged_by_its_own_list(phrase_list) -> None:
    """Each standard form, alone in a sentence, raises nothing (`再接再厉` passes where `再接再励` fails)."""
    matcher = phrases.Matcher(phrase_list.table())
    for e in phrase_list.entries():
        text = f"他说：{e.right}。"
        assert matcher.find(text) == [], (e, matcher.find(text))


def test_each_wrong_form_is_found_alone() -> None:
    matcher = phrases.Matcher(phrases.load("wrong_words.toml").table())
    missed = [e.wrong for e in phrases.load("wrong_words.toml").entries() if not matcher.find(f"他说：{e.wrong}。")]
    assert missed == []


def test_docs_name_every_source() -> None:
    for rule, name in [(WrongWord, "wrong_words.toml"), (VariantForm, "variant_forms.toml")]:
        doc = rule.__doc__ or ""
        for group in phrases.load(name).groups:
            title = group.source.split("：")[0].split("（")[0]
            assert title[:12] in doc, (rule.code, group.name, title)


def test_confusion_patterns_match_only_their_wrong_word() -> None:
    for c in confusions():
        assert c.source and c.why and c.why_zh and c.right != c.wrong, c.name
        probe = c.pattern.pattern
        assert c.wrong in probe, c.name


def test_matcher_prefers_a_form_that_stands_alone_over_an_overlapping_one() -> None:
    matcher = phrases.Matcher({"对帐": phrases.Entry("对帐", "对账", "t"), "帐户": phrases.Entry("帐户", "账户", "t")})
    assert [(i, j, e.wrong) for i, j, e in matcher.find("请核对帐户余额")] == [(3, 5, "帐户")]


def test_house_entries_and_allow_list() -> None:
    m = phrases.matcher("wrong_words.toml", frozenset({("华联商厦", "华联商场")}), frozenset({"按装"}))
    assert "华联商厦" in m.table and "按装" not in m.table and "再接再励" in m.table


def test_offsets_are_characters_after_mixed_text() -> None:
    """The automaton walks UTF-8 bytes; offsets come back in characters, after ASCII, Han and astral ones."""
    matcher = phrases.Matcher({"按装": phrases.Entry("按装", "安装", "t")})
    text = "5G 😀 工人：按装空调"
    [(i, j, entry)] = matcher.candidates(text)
    assert text[i:j] == "按装" and entry.right == "安装"
