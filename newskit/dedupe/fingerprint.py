"""Stage 2: winnowed n-gram fingerprints of many units at once (NumPy, one pass over all their text).

Units are ranges of one concatenated matching text, so a printed paragraph (a part) and the reflowed
passage it belongs to (the whole) share one array: every window inside a part is also a window of its
whole, with the same hash, so a part's fingerprints are a subset of its whole's.

Hash: a polynomial over the n code points modulo 2**64, finished with splitmix64's mixer so the low bits
are as random as the high ones (winnowing keeps the minimum). Pure integer arithmetic: the same value in
every process, on every platform — the archive stores these, and ``FINGERPRINT`` names the scheme.

Winnowing (Schleimer et al., MOSS) keeps the smallest hash of every ``window`` consecutive n-grams, so two
units sharing a run of ``ngram + window - 1`` characters share a fingerprint, while only about
``2 / (window + 1)`` of the n-grams are kept. A unit with fewer than ``window`` n-grams keeps its smallest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newskit.dedupe.keys import BASE, MIX1, MIX2

#: Names the hash scheme; stored in the archive, which is only read with the same scheme.
FINGERPRINT = "poly61-splitmix64-v2"
_BASE = np.uint64(BASE)


@dataclass(frozen=True, slots=True)
class Postings:
    """``(unit, hash)`` rows, unique, sorted by unit then hash; ``counts[u]`` fingerprints of unit u."""

    unit: np.ndarray  # uint32
    hash: np.ndarray  # uint64
    counts: np.ndarray  # int64, one per unit


def expand(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices of every range ``[starts[i], starts[i] + lengths[i])``, concatenated."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(np.asarray(starts, dtype=np.int64), lengths) + within


def _mix(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(MIX1)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(MIX2)
    return h ^ (h >> np.uint64(31))


def codes_of(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The texts' code points concatenated (uint64) and where each text starts (len(texts) + 1 offsets)."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    joined = "".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    return codes, starts


def ngram_hashes(codes: np.ndarray, n: int) -> np.ndarray:
    """Hash of every n-gram of ``codes`` (len(codes) - n + 1 values; n-grams may cross unit ends)."""
    if len(codes) < n:
        return np.zeros(0, dtype=np.uint64)
    m = len(codes) - n + 1
    h = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = h * _BASE + codes[k:k + m] + np.uint64(1)
        return _mix(h)


def winnow(codes: np.ndarray, ranges: np.ndarray, n: int, window: int) -> Postings:
    """Fingerprints of every unit ``ranges[u] = (start, end)`` of ``codes``."""
    units = len(ranges)
    if units == 0:
        return Postings(np.zeros(0, np.uint32), np.zeros(0, np.uint64), np.zeros(0, np.int64))
    hashes = ngram_hashes(codes, n)
    starts = ranges[:, 0].astype(np.int64)
    grams = np.maximum(ranges[:, 1].astype(np.int64) - starts - n + 1, 0)  # n-grams inside each unit
    w = max(1, window)
    mins = hashes
    if w > 1 and len(hashes) >= w:
        m = len(hashes) - w + 1
        mins = hashes[:m].copy()
        for k in range(1, w):
            np.minimum(mins, hashes[k:k + m], out=mins)
    full = np.where(grams >= w, grams - w + 1, 0)  # windows of w n-grams inside each unit
    unit_ids = np.repeat(np.arange(units, dtype=np.uint32), full)
    values = mins[expand(starts, full)] if len(unit_ids) else np.zeros(0, np.uint64)
    short = np.flatnonzero((grams > 0) & (grams < w))  # too few n-grams for one window: keep the smallest
    if len(short):
        extra = np.array([hashes[starts[u]:starts[u] + grams[u]].min() for u in short], dtype=np.uint64)
        unit_ids = np.concatenate([unit_ids, short.astype(np.uint32)])
        values = np.concatenate([values, extra])
    if len(values) > 1:  # consecutive windows often keep the same n-gram: drop those repeats before sorting
        keep = np.empty(len(values), dtype=bool)
        keep[0] = True
        keep[1:] = (values[1:] != values[:-1]) | (unit_ids[1:] != unit_ids[:-1])
        unit_ids, values = unit_ids[keep], values[keep]
    order = np.lexsort((values, unit_ids))
    unit_ids, values = unit_ids[order], values[order]
    if len(values):
        keep = np.empty(len(values), dtype=bool)
        keep[0] = True
        keep[1:] = (values[1:] != values[:-1]) | (unit_ids[1:] != unit_ids[:-1])
        unit_ids, values = unit_ids[keep], values[keep]
    counts = np.bincount(unit_ids, minlength=units).astype(np.int64)
    return Postings(unit_ids, values, counts)


def signed(h: np.ndarray) -> np.ndarray:
    """uint64 hashes as int64 (SQLite integers are signed)."""
    return h.view(np.int64)
