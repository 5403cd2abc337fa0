"""Stage 2: winnowed n-gram fingerprints of many units at once (compiled: rust/newskit-core/src/dedupe.rs).

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

from newskit import _core

#: Names the hash scheme; stored in the archive, which is only read with the same scheme.
FINGERPRINT = "poly61-splitmix64-v2"


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


def codes_of(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The texts' code points concatenated (uint32) and where each text starts (len(texts) + 1 offsets)."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return codes, starts


def winnow(codes: np.ndarray, ranges: np.ndarray, n: int, window: int) -> Postings:
    """Fingerprints of every unit ``ranges[u] = (start, end)`` of ``codes`` (code points, any integer
    array): per unit, the smallest hash of every ``window`` consecutive n-grams inside it (the smallest
    of all when it has fewer), unique and sorted."""
    codes = np.ascontiguousarray(codes, dtype=np.uint32)
    ranges = np.ascontiguousarray(ranges, dtype=np.int64).reshape(-1, 2)
    unit, hashes, counts = _core.dedupe_winnow(codes, ranges, n, window)
    return Postings(np.frombuffer(unit, np.uint32), np.frombuffer(hashes, np.uint64),
                    np.frombuffer(counts, np.int64))


def signed(h: np.ndarray) -> np.ndarray:
    """uint64 hashes as int64 (SQLite integers are signed)."""
    return h.view(np.int64)
