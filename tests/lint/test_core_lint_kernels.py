"""The compiled lint kernels against the Python they replaced (as it was at the commit bench/reference.py
names, loaded from git): the same findings, field for field."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.model import Document, Fix, Severity
from newskit.rules import all_rules
from newskit.rules.base import LintContext
from tests.conftest import from_reference


def _reference(name: str):
    return from_reference(lambda reference: getattr(reference, name)())


def _reference_function(name: str):
    """The old function ``name`` of bench/reference.py, called once on "" to load the old code (or raise
    NoReference)."""
    def load(reference):
        getattr(reference, name)("")
        return getattr(reference, name)

    return from_reference(load)


@pytest.fixture(scope="module")
def old_base():
    return _reference("python_rule_base")


RULE = next(cls() for cls in all_rules() if cls.code == "P101")
TEXT = st.text(alphabet="本报讯记者魏涛月日,（）()\n \u3000ab12⏎𠀀", max_size=80)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, spans=st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90)), max_size=6), data=st.data())
def test_findings_as_python_built_them(old_base, text, spans, data):
    doc = Document.from_text(text, path="p.txt")
    new_ctx = LintContext(doc=doc, articles=[])
    old_ctx = old_base.LintContext(doc=doc, articles=[])
    for start, end in spans:
        start = min(start, len(text))
        fix = data.draw(st.sampled_from([None, Fix.replace(start, start, "x")]))
        severity = data.draw(st.sampled_from([None, Severity.INFO]))
        want = old_ctx.finding(RULE, start, end, "m", fix=fix, severity=severity)
        assert new_ctx.finding(RULE, start, end, "m", fix=fix, severity=severity) == want
        rows = [(start, end, "m", severity or RULE.severity, None, fix)] * 2
        assert new_ctx.findings(RULE, rows) == [want, want]


@pytest.fixture(scope="module")
def old_phrases():
    pytest.importorskip("ahocorasick")  # the old automaton's C extension (no longer a dependency)
    return _reference("python_phrases")


@pytest.fixture(scope="module")
def phrase_tables():
    from newskit.rules.wrong_words import phrases

    return {name: phrases.load(name).table() for name in ("wrong_words.toml", "variant_forms.toml")}


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_phrase_candidates_and_finds_as_pyahocorasick_gave_them(old_phrases, phrase_tables, data):
    from newskit.rules.wrong_words import phrases

    name = data.draw(st.sampled_from(sorted(phrase_tables)))
    table = phrase_tables[name]
    forms = sorted(table)
    parts = data.draw(st.lists(st.one_of(st.sampled_from(forms), st.text(alphabet="的了在是装修户对核𠀀a1，。", max_size=4)),
                               max_size=12))
    text = "".join(parts)
    new, old = phrases.Matcher(table), old_phrases.Matcher(table)
    assert sorted(new.candidates(text)) == sorted(old.candidates(text))
    assert new.find(text) == old.find(text)
    assert new.find_many([text, "", text]) == [old.find(text), [], old.find(text)]


@pytest.fixture(scope="module")
def old_repeat_scan():
    return _reference_function("python_repeat_scan")


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="改革的了兵带一二哈〇㐀豈𠀀a1，。\n", max_size=40))
def test_repeated_units_as_the_backreference_regex_found_them(old_repeat_scan, text):
    from newskit import _core

    assert _core.repeated_units(text) == old_repeat_scan(text)
    page = _core.TriggerSet([("x", "x")]).scan_page(["", text, text])
    assert page.repeated_units(1) == [(k, i, n) for k in (1, 2) for i, n in old_repeat_scan(text)]


def assert_spans_in_each(scan_texts, want: list[tuple[int, int]], text: str) -> None:
    """A per-text span scan (`(text index, start, end)` rows) gives `want` for `text`, alone and as the second
    of two texts."""
    assert [(i, j) for _, i, j in scan_texts([text])] == want
    assert scan_texts(["", text]) == [(1, i, j) for i, j in want]


@pytest.fixture(scope="module")
def old_han_digit_spaces():
    return _reference_function("python_han_digit_spaces")


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="中已建〇㐀豈19 \t\u00a0\u3000\na１", max_size=30))
def test_han_digit_spaces_as_the_regex_found_them(old_han_digit_spaces, text):
    from newskit import _core

    assert_spans_in_each(_core.han_digit_spaces_in, old_han_digit_spaces(text), text)


@pytest.fixture(scope="module")
def old_s102_spaces():
    return _reference_function("python_s102_spaces")


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="中已〇㐀豈a1 \t\u00a0\u3000\n", max_size=24))
def test_s102_spaces_as_the_look_behind_pattern_found_them(old_s102_spaces, text):
    from newskit import _core

    assert_spans_in_each(_core.han_spaces_in, old_s102_spaces(text), text)


@pytest.fixture(scope="module")
def old_s103_spaces():
    return _reference_function("python_s103_spaces")


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="中已〇㐀豈aBzａ \t\u00a0\u3000\n1", max_size=20))
def test_s103_spaces_as_the_look_behind_pattern_found_them(old_s103_spaces, text):
    """The spaces and words S103 reads: what its regex matched (the run of spaces, the word after it) and, for
    a word before the space, the letters the rule walked back over."""
    from newskit import _core

    want = []
    for regs, groups in old_s103_spaces(text):
        if groups[0]:
            want.append((0, *regs[1], *regs[2]))
        else:
            i, j = regs[3]
            k = i
            while k > 0 and text[k - 1].isascii() and text[k - 1].isalpha():
                k -= 1
            want.append((0, i, j, k, i))
    assert _core.han_latin_spaces_in([text]) == want
    assert _core.han_latin_spaces_in(["", text]) == [(1, *row[1:]) for row in want]


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(st.text(alphabet="据了解建行近两年来累计投放，。、 \u3000\x1c“”()ab", max_size=40), max_size=8))
def test_shared_clauses_as_the_regex_found_them(paragraphs):
    from newskit.model import MappedText, Paragraph
    from newskit.rules.repetition.repeated_passage import shared_clauses

    old = _reference("python_shared_clauses")
    words = ["据了解建行近两年来累计投放", "两年来累计投放超过", "近两年来累计投放"]
    run = [(None, k, Paragraph(MappedText(text + words[k % 3] * (k % 2), ()))) for k, text in enumerate(paragraphs)]
    involved, clauses = old(run)
    want = {0: (sorted(involved), clauses)} if involved else {}
    assert shared_clauses([run]) == want
    assert shared_clauses([[], run, run[:1]]) == {r + 1: got for r, got in want.items()}  # one run alone shares none


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="“”‘’（）()《》〈〉【】〔〕『』甲aZ", max_size=16))
def test_balanced_pairs_as_the_pair_deletion_found_them(text):
    """The old test, which left every text holding a ``’`` to the walk, on the text with its apostrophes (``’``
    between ASCII letters) taken out and its ``‘ ’`` quotes written as ``「 」`` (the alphabet has neither)."""
    from newskit import _core

    apostrophe = {i for i, c in enumerate(text) if c == "’" and 0 < i < len(text) - 1
                  and text[i - 1] in "aZ" and text[i + 1] in "aZ"}
    relabelled = "".join({"‘": "「", "’": "」"}.get(c, c) for i, c in enumerate(text) if i not in apostrophe)
    assert _core.balanced_pairs(text) == _reference("python_balanced_pairs")(relabelled)
