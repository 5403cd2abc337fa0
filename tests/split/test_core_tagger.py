"""The compiled split tagger against the pure-Python one it replaced (loaded from git history by
bench/reference.py): the same feature strings and the same first-pass labels on every seed and on random
dumps. Features added since the port (``NEWER_FEATURES``, the ``block`` page kind, and the stacked pass's)
exist in the compiled extractor only and are left out of the comparison (``features.as_ported``).
bench/split_core_diff.py runs the same comparison on corpus pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.io import read_document
from newskit.model import Document
from newskit.split import tagger
from newskit.split.blocks import make_blocks
from newskit.split.classify import classify
from newskit.split.features import as_ported, block_features, lexicon_word, settled_blocks
from tests.conftest import from_reference
from tests.split.test_lossless_property import FRAGMENTS

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def reference():
    features, old_tagger = from_reference(lambda ref: ref.python_split_tagger())
    return features, old_tagger, old_tagger.TaggerModel.from_json(_model_json())


def _model_json() -> dict:
    import json
    from importlib import resources

    return json.loads((resources.files("newskit.split") / "data" / "tagger.json").read_text(encoding="utf-8"))


def _page(text: str):
    doc = Document.from_text(text, path="t.txt")
    blocks = make_blocks(doc)
    return blocks, [classify(b.text) for b in blocks]


def _same(reference, blocks, infos, word) -> None:
    ref_features, old_tagger, old_model = reference
    model = _first_pass()
    want_settled = ref_features.settled_blocks(blocks, infos)
    assert settled_blocks(blocks, infos) == want_settled
    want = ref_features.block_features(blocks, infos, word, model.common_bigrams, want_settled)
    got = [as_ported(fs) for fs in block_features(blocks, infos, word, model.common_bigrams, want_settled)]
    for k, (w, g) in enumerate(zip(want, got, strict=True)):
        assert g == w, (k, blocks[k].text[:40], set(w) ^ set(g))
    allowed = old_tagger.block_constraints(blocks, infos, want_settled)
    # the labels are the Python's, but for the LEADS_ON flag, running text that is never a title and a
    # closing line that never opens an article, which came after it
    ported = [a - _TITLES if info.md_level == 0 and _running_text(b.text)
              else a - {tagger.HEAD, tagger.HEAD_MORE} if info.md_level == 0 and info.shape == "closing" else a
              for a, b, info in zip(allowed, blocks, infos, strict=True)]
    assert [a - {tagger.LEADS_ON} for a in tagger.block_constraints(blocks, infos, want_settled)] == ported
    assert tagger.decode(model, got, allowed) == old_tagger.decode(old_model, want, allowed)
    assert [model.emissions(f) for f in got] == [old_model.emissions(f) for f in want]


_TITLES = {tagger.HEAD, tagger.HEAD_MORE, tagger.SECTION}


def _running_text(text: str) -> bool:
    """decode.rs ``running_text``: over 40 characters (line breaks aside) with two sentence marks."""
    flat = text.replace("\n", "")
    return len(flat) > 40 and sum(flat.count(c) for c in "。！？!?") >= 2


def _first_pass():
    """The shipped model's first pass alone: what the pure-Python tagger decoded with."""
    import dataclasses

    return dataclasses.replace(tagger.default_model(), second=None)


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_features_and_labels_are_the_pythons(reference, path):
    doc = read_document(str(path))
    blocks = make_blocks(doc)
    _same(reference, blocks, [classify(b.text) for b in blocks], lexicon_word)


# Random dumps: the lossless test's fragments plus the characters where Python and Rust could read text
# differently (white space Python counts and Rust does not, digits beyond 0-9, closers, surrogate-free
# astral characters, half-width marks).
ODD = ["\x1c", "\x1f", "\x85", "\u2028", "\u3000", "²", "①", "٣", "𝟘", "🎉", "）", "”", "》", "——", "—", "…",
       "!", "?", ".", ":", ";", ")", "(", "\"", "摄", "摄影", "（新华社发）", "万元 ", "0731-1234567", "12345678",
       "一、", "第一章", "1.", "2 月 10 日", "记者", "省", "市", "强调", "（钟声）", "公告", "a", "Z", "7"]
PART = st.one_of(st.sampled_from(FRAGMENTS + ODD),
                 st.text(alphabet="天地人和中国新闻社区工作的了在是有一二三情况城市规划", max_size=14))
BLOCK = st.lists(PART, min_size=1, max_size=10).map("".join)
DUMP = st.lists(st.tuples(BLOCK, st.sampled_from(["\n", "\n\n", "\n\n\n"])), min_size=1, max_size=14).map(
    lambda parts: "".join(b + sep for b, sep in parts))
WORDS = frozenset({"情况", "城市", "规划", "中国", "新闻", "社区", "工作", "天地", "人和", "记者"})


@settings(max_examples=300, deadline=None)
@given(DUMP, st.sampled_from([None, "set", "lexicon"]))
def test_random_dumps_have_the_pythons_features_and_labels(reference, text, words):
    blocks, infos = _page(text)
    word = {None: None, "set": WORDS.__contains__, "lexicon": lexicon_word}[words]
    _same(reference, blocks, infos, word)
