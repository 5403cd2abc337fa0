"""The compiled fingerprints and candidate counting against the NumPy implementation they replaced (as it
was at the commit bench/reference.py names, loaded from git): the same postings, the same counted pairs,
the same live counts, and the same dedupe output on the seeds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.dedupe import candidates, engine, fingerprint
from newskit.dedupe.keys import fingerprints
from tests.conftest import from_reference

@pytest.fixture(scope="module")
def old():
    return from_reference(lambda reference: reference.numpy_dedupe_stages())


TEXT = st.text(alphabet="天地人和中国新闻社区工作的了在是有一二三abc12", max_size=60)


def _same(old, norms: list[str], n: int, w: int, parts: bool) -> None:
    old_fp, old_cand, old_keys = old
    codes, starts = fingerprint.codes_of(norms)
    ranges = np.stack([starts[:-1], starts[1:]], axis=1)
    if parts:  # a part inside each text, as units.make_units makes them
        ranges = np.concatenate([ranges, np.stack([starts[:-1] + 2, np.maximum(starts[1:] - 3, starts[:-1] + 2)],
                                                  axis=1)])
    old_codes, _ = old_fp.codes_of(norms)
    want = old_fp.winnow(old_codes, ranges, n, w)
    got = fingerprint.winnow(codes, ranges, n, w)
    for field in ("unit", "hash", "counts"):
        assert getattr(got, field).tolist() == getattr(want, field).tolist(), field
    for u, norm in enumerate(norms):
        assert fingerprints(norm, n, w) == old_keys.fingerprints(norm, n, w)
    group = np.arange(len(ranges), dtype=np.int64) % max(1, len(norms))
    for max_df in (1, 2, 50):
        want_c, want_live = old_cand.self_join(want, group, max_df)
        got_c, got_live = candidates.self_join(got, group, max_df)
        assert got_live.tolist() == want_live.tolist()
        for field in ("a", "b", "shared"):
            assert getattr(got_c, field).tolist() == getattr(want_c, field).tolist(), field


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, max_size=12), st.integers(1, 8), st.integers(1, 5), st.booleans())
def test_random_units_have_the_numpy_postings_and_pairs(old, norms, n, w, parts):
    # texts share pieces so that pairs exist: each one repeats a slice of the one before
    norms = [t + norms[k - 1][: len(t)] if k else t for k, t in enumerate(norms)]
    _same(old, norms, n, w, parts)


def _seed_passages():
    from newskit.dedupe.passage import article_passages
    from newskit.io import read_document
    from newskit.split import split_document

    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    out = []
    for path in seeds:
        doc = read_document(str(path))
        out += article_passages(doc, split_document(doc))
    return out


def _output(result) -> tuple:
    return [d.to_dict() for d in result.duplicates], [c.to_dict() for c in result.clusters]


def test_seed_dedupe_output_is_the_numpy_engines(old, monkeypatch):
    from newskit.dedupe import DedupeSettings, run

    old_fp, old_cand, _ = old
    passages = _seed_passages()
    monkeypatch.setattr(engine, "SMALL_UNITS", 0)  # the vectorised path, which the compiled kernels replace
    for settings_ in (DedupeSettings(), DedupeSettings(min_chars=8, boilerplate_min_dumps=0)):
        got = _output(run(passages, settings_))
        with monkeypatch.context() as m:
            m.setattr(fingerprint, "codes_of", old_fp.codes_of)
            m.setattr(fingerprint, "winnow", old_fp.winnow)
            m.setattr(candidates, "self_join", old_cand.self_join)
            want = _output(run(passages, settings_))
        assert got == want and got[0]


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=8), max_df=st.integers(2, 4), data=st.data())
def test_small_candidates_as_the_python_dicts_counted_them(texts, max_df, data):
    """engine.small_candidates (the compiled small join) against the Python dicts it replaced."""
    import dataclasses

    from newskit.dedupe import Passage
    from newskit.dedupe.engine import DedupeSettings, small_candidates
    from newskit.dedupe.units import make_units

    old_small = from_reference(lambda reference: reference.python_small_candidates())
    texts = [t * data.draw(st.integers(1, 3)) for t in texts] + texts[:data.draw(st.integers(0, len(texts)))]
    passages = [Passage(text=t, path=f"p{k}.txt") for k, t in enumerate(texts)]
    settings_ = dataclasses.replace(DedupeSettings(), max_df=max_df, min_chars=6, ngram=3, window=2)
    units = make_units(passages, settings_.min_chars)
    assert small_candidates(units, settings_) == old_small(units, settings_)
