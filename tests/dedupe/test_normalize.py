"""Matching text ignores width, punctuation, spaces and line breaks, and maps back to the printed text."""

from hypothesis import given
from hypothesis import strategies as st

from newskit.dedupe.normalize import matching_map, matching_text, original_span


def test_width_punctuation_spacing_and_breaks_do_not_matter():
    printed = "建行衡阳分行投放贷款超过５.６亿元，\n覆盖全市 2500 多个乡镇。"
    other = "建行衡阳分行投放贷款超过5.6亿元,覆盖全市2500多个乡镇."
    assert matching_text(printed) == matching_text(other) == "建行衡阳分行投放贷款超过56亿元覆盖全市2500多个乡镇"


def test_latin_is_lower_cased():
    assert matching_text("ＡＢＣ News") == "abcnews"


def test_map_points_at_the_printed_characters():
    printed = "（记者 许珂）３月１７日"
    norm, origin = matching_map(printed)
    assert norm == "记者许珂3月17日"
    start, end = original_span(origin, norm.index("许"), norm.index("珂") + 1)
    assert printed[start:end] == "许珂"
    start, end = original_span(origin, norm.index("3"), len(norm))
    assert printed[start:end] == "３月１７日"


@given(st.text(alphabet=st.sampled_from("衡阳市，。 \n\u3000ＡaB１2（）“”—…"), max_size=60))
def test_map_is_consistent_with_matching_text(text):
    norm, origin = matching_map(text)
    assert norm == matching_text(text)
    assert len(origin) == len(norm)
    assert origin == sorted(origin)
    assert all(0 <= i < len(text) for i in origin)


@given(st.lists(st.text(alphabet=st.sampled_from("衡阳市，。 \n\u3000ＡaB１2（）“”—…ﬁ㎞"), max_size=30), min_size=64, max_size=90))
def test_the_vectorised_pass_agrees_with_one_text_at_a_time(texts):
    from newskit.dedupe.normalize import matching_texts

    assert matching_texts(texts) == [matching_text(t) for t in texts]
    for text in texts:
        norm, origin = matching_map(text)
        assert norm == matching_text(text) and len(origin) == len(norm)


@given(st.text(alphabet=st.sampled_from("衡阳市，。 \n\u3000ＡaB１2（）“”—…ﬁ㎞"), min_size=512, max_size=700))
def test_the_numpy_table_and_the_count_marks_map_alike(text):
    import sys

    import numpy  # noqa: F401 - loaded: long texts take the code table
    from newskit.dedupe import normalize

    with_numpy = normalize.matching_map(text)
    saved = sys.modules.pop("numpy")
    try:
        assert normalize.matching_map(text) == with_numpy
    finally:
        sys.modules["numpy"] = saved


@given(st.text(max_size=40) | st.text(alphabet=st.sampled_from("衡阳市，。 \n\u3000ＡaB１2（）“”—…ﬁ㎞Ⅻ½\U00020000\ud800ÄÅ"),
                                      max_size=40))
def test_the_compiled_fold_is_the_fold_table(text):
    """The compiled fold (learnt from ``_FOLD`` as texts need it) answers what ``str.translate`` over the table
    and the count marks answer, characters that fold to several or lie past the BMP included."""
    from newskit.dedupe import normalize

    want = text.translate(normalize._FOLD)
    counts = text.translate(normalize._COUNT).encode("latin-1")
    assert matching_text(text) == want
    assert matching_map(text) == (want, [i for i, n in enumerate(counts) for _ in range(n)])
