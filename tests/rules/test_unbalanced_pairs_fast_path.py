"""P106 settles balanced paragraphs in one compiled pass; it must agree with the per-mark walk everywhere."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.rules.punctuation import unbalanced_pairs

MARKS = "“”‘’（）()《》〈〉【】〔〕「」『』"


def walk_only(text: str) -> list[tuple[int, str]]:
    saved = unbalanced_pairs._balanced
    unbalanced_pairs._balanced = lambda _text: False
    try:
        return unbalanced_pairs.problems(text)
    finally:
        unbalanced_pairs._balanced = saved


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=MARKS + "汉a1 ", max_size=16))
def test_fast_path_agrees_with_the_walk(text: str) -> None:
    assert unbalanced_pairs.problems(text) == walk_only(text)


def test_fast_path_cases() -> None:
    for text in ("“他说《规划》（草案）”", "1）（a）", "（1）", "a)(b)", "‘Xi’an", "“《》", "《“》”"):
        assert unbalanced_pairs.problems(text) == walk_only(text), text
    assert unbalanced_pairs._balanced("“他说《规划》（草案）”")
    assert not unbalanced_pairs._balanced("《“》”")
