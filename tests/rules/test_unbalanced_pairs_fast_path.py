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
    for text in ("“他说《规划》（草案）”", "1）（a）", "（1）", "a)(b)", "‘Xi’an", "“《》", "《“》”", "Xi’an", "‘甲’", "a’’a"):
        assert unbalanced_pairs.problems(text) == walk_only(text), text
    assert unbalanced_pairs._balanced("“他说《规划》（草案）”")
    assert not unbalanced_pairs._balanced("《“》”")
    # an apostrophe is settled here too (most texts holding a ``’`` hold one), a closing ``’`` is a mark
    assert unbalanced_pairs._balanced("“China’s Xi’an”") and unbalanced_pairs._balanced("‘甲’")
    assert not unbalanced_pairs._balanced("甲’s") and not unbalanced_pairs._balanced("‘Xi’an")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="‘’“”（）aZ甲 ", max_size=16))
def test_settled_texts_have_no_problems(text: str) -> None:
    """The fast path's one promise: a text it settles is one the walk finds nothing in (apostrophes too)."""
    if unbalanced_pairs._balanced(text):
        assert walk_only(text) == []
