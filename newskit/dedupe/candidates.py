"""Stage 3: candidate pairs — units that share enough fingerprints to be worth verifying.

A self-join of the postings on the hash (what passim and any Spark job do: group by n-gram, emit the pairs
in each group, count per pair), compiled. An n-gram held by more than ``max_df`` passages is
a stock phrase (习近平新时代中国特色社会主义思想…), not evidence: its postings are dropped and every unit
holding it is judged on what is left (``live``).

A pair is a candidate when it shares

- at least ``candidate`` of the smaller side's live fingerprints (a copy, an edited copy, a paragraph
  inside another: containment, which MinHash-Jaccard cannot see), or
- at least ``overlap_shares`` fingerprints, the fewest a run of ``min_overlap`` shared characters always
  leaves (two reprints cut differently share a run, not a share of either side).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # NumPy is imported where it is used: share_mode and overlap_shares run without it
    import numpy as np

    from newskit.dedupe.fingerprint import Postings


@dataclass(frozen=True, slots=True)
class Counted:
    """Unit pairs (a < b) with the number of live fingerprints they share."""

    a: np.ndarray  # int64
    b: np.ndarray
    shared: np.ndarray


#: A unit with this few live fingerprints (a paragraph of about 30 characters or less) needs only two shared:
#: one edit wipes out ``ngram`` n-grams, which is most of a short unit's fingerprints.
SHORT_FPS = 8


def needed_shares(candidate: float, smaller: np.ndarray) -> np.ndarray:
    """Fingerprints a pair must share, from the smaller side's live fingerprint count."""
    import numpy as np

    smaller = np.asarray(smaller, dtype=np.int64)
    share = np.maximum(np.maximum(1, np.minimum(2, smaller)), np.ceil(candidate * smaller).astype(np.int64))
    return np.where(smaller <= SHORT_FPS, np.maximum(1, np.minimum(2, smaller)), share)


def overlap_shares(min_overlap: int, n: int, w: int) -> int:
    """Distinct winnowed fingerprints a shared run of ``min_overlap`` characters always holds: its
    ``min_overlap - n + 1`` n-grams make that many minus ``w - 1`` windows, each selected n-gram serving at
    most ``w`` of them."""
    windows = min_overlap - n + 1 - (w - 1)
    return max(2, math.ceil(windows / w))


def group_postings(unit: np.ndarray, hashes: np.ndarray, unit_group: np.ndarray, max_df: int):
    """Postings sorted by hash, with per-hash (starts, sizes, stock) and each unit's live count.

    df counts distinct passages (a part and its whole are one printing), so units of one passage must have
    consecutive ids; the stable sort keeps them together inside each hash.
    """
    import numpy as np

    order = np.argsort(hashes, kind="stable")
    hs, us = hashes[order], unit[order]
    if len(hs) == 0:
        empty = np.zeros(0, np.int64)
        return hs, us, empty, empty, np.zeros(0, bool)
    boundary = np.empty(len(hs), dtype=bool)
    boundary[0] = True
    boundary[1:] = hs[1:] != hs[:-1]
    starts = np.flatnonzero(boundary)
    sizes = np.diff(np.append(starts, len(hs)))
    gs = unit_group[us]
    new_group = boundary.copy()
    new_group[1:] |= gs[1:] != gs[:-1]
    df = np.add.reduceat(new_group.astype(np.int64), starts)
    return hs, us, starts, sizes, df > max_df


def self_join(post: Postings, unit_group: np.ndarray, max_df: int) -> tuple[Counted, np.ndarray]:
    """Every unit pair sharing a live fingerprint, with how many they share; and each unit's live count.
    Compiled (rust/newskit-core/src/dedupe.rs): one sort of the postings by hash, the pairs of every
    live hash, one sort of the pair keys."""
    import numpy as np

    from newskit import _core

    units = len(post.counts)
    a, b, shared, live = _core.dedupe_self_join(
        np.ascontiguousarray(post.unit, dtype=np.uint32), np.ascontiguousarray(post.hash, dtype=np.uint64),
        np.ascontiguousarray(unit_group, dtype=np.int64), int(max_df), units)
    as_int64 = [np.frombuffer(x, np.uint32).astype(np.int64) for x in (a, b, shared)]
    return Counted(*as_int64), np.frombuffer(live, np.int64)


FULL, OVERLAP_ONLY = 1, 2  # what a candidate pair is verified for


def share_mode(shared: int, live_a: int, live_b: int, *, candidate: float, overlap_needed: int) -> int:
    """``worth_verifying`` for one pair, in plain Python (small runs: lint's R201)."""
    smaller = min(live_a, live_b)
    needed = max(1, min(2, smaller))
    if smaller > SHORT_FPS:
        needed = max(needed, math.ceil(candidate * smaller))
    both_short = live_a <= SHORT_FPS and live_b <= SHORT_FPS
    if (shared >= needed and (shared > 1 or both_short or live_a <= 1 or live_b <= 1)) or \
            (both_short and shared >= 1):
        return FULL
    return OVERLAP_ONLY if shared >= overlap_needed else 0


def worth_verifying(counted: Counted, live_a: np.ndarray, live_b: np.ndarray, *, candidate: float,
                    overlap_needed: int) -> np.ndarray:
    """Per counted pair: 0 no candidate, FULL (it shares enough of the smaller side to be a copy, an edited
    copy or inside the other) or OVERLAP_ONLY (it shares only enough for a run of ``min_overlap``)."""
    import numpy as np

    smaller = np.minimum(live_a, live_b)
    enough = counted.shared >= needed_shares(candidate, smaller)
    # One shared fingerprint is evidence only when both units are short (an edited copy of a 20-character
    # line may keep one fingerprint of four); a short unit inside a long one shares all of its own.
    both_short = (live_a <= SHORT_FPS) & (live_b <= SHORT_FPS)
    enough &= (counted.shared > 1) | both_short | (live_a <= 1) | (live_b <= 1)
    enough |= both_short & (counted.shared >= 1)
    mode = np.where(enough, FULL, 0)
    return np.where(~enough & (counted.shared >= overlap_needed), OVERLAP_ONLY, mode).astype(np.int8)
