"""Stage 1: units — the texts dedupe indexes and compares, two per rejoined passage.

Every passage (a reflowed paragraph) is one unit, its *whole*; a passage split rejoined across a soft
boundary (``Passage.soft_breaks``: a column break, a byline, a caption) also gives one unit per printed
paragraph inside it, its *parts*. A reflow that glued a truncated fragment onto the next headline and
paragraph then still has the fragment as a part, contained in its original; a reflow that missed a join
still has both halves as wholes. Pairs are found between any two units and reported once per pair of
passages, on the units that explain it best (select.py).

Units are plain data (ranges into their passage's matching text), so the later stages — fingerprints,
candidates, verification, selection — are pure functions over them, on one machine or in Spark.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from newskit.dedupe.keys import text_key
from newskit.dedupe.normalize import matching_map, matching_texts
from newskit.dedupe.passage import Passage

WHOLE = 0  # part number of a passage's whole unit; its printed paragraphs are 1, 2, …
MAX_PARTS = 255  # parts per passage an archive can address (unit code = passage id * 256 + part)


@dataclass(frozen=True, slots=True)
class Units:
    """All units of a list of passages, as parallel lists (unit ids are list indices, grouped by passage).

    ``group[u]`` is the passage index, ``part[u]`` 0 for the whole, ``start[u]:end[u]`` the unit's range in
    ``norms[group[u]]`` (the passage's matching text), ``key[u]`` the exact key of that range's text.
    """

    norms: list[str]  # per passage ("" when it is shorter than min_chars: no units)
    group: list[int]
    part: list[int]
    start: list[int]
    end: list[int]
    key: list[int]

    def __len__(self) -> int:
        return len(self.group)

    def text(self, u: int) -> str:
        return self.norms[self.group[u]][self.start[u]:self.end[u]]


def part_ranges(text: str, norm: str, breaks: Sequence[int], min_chars: int) -> list[tuple[int, int]]:
    """Matching-text ranges of the printed paragraphs between soft ``breaks`` (text indices), each at
    least ``min_chars`` long; empty when there is only one (the whole is then the only unit)."""
    if not breaks:
        return []
    origin = matching_map(text)[1]
    cuts = [0, *(bisect.bisect_left(origin, b) for b in sorted(breaks)), len(norm)]
    ranges = [(a, b) for a, b in zip(cuts, cuts[1:]) if b - a >= min_chars]
    if len(ranges) == 1 and ranges[0] == (0, len(norm)):
        return []
    return ranges[:MAX_PARTS]


def make_units(passages: Sequence[Passage], min_chars: int, *, parts: bool = True) -> Units:
    """Stage 1: the whole of every passage with at least ``min_chars`` matching characters, and its parts."""
    norms: list[str] = []
    ranges: list[list[tuple[int, int]]] = []
    for passage, norm in zip(passages, matching_texts([p.text for p in passages])):
        if len(norm) < min_chars:
            norms.append("")
            ranges.append([])
            continue
        norms.append(norm)
        own = [(0, len(norm))]
        if parts:
            own += part_ranges(passage.text, norm, passage.soft_breaks(), min_chars)
        ranges.append(own)
    return units_from_ranges(norms, ranges)


def units_from_ranges(norms: list[str], ranges: Sequence[Sequence[Sequence[int]]]) -> Units:
    """Units of passages whose matching texts and unit ranges (``(start, end, …)``, the whole first) are
    known: what ``make_units`` found, as the archives and the Spark engine keep it."""
    group: list[int] = []
    part: list[int] = []
    start: list[int] = []
    end: list[int] = []
    key: list[int] = []
    for g, (norm, own) in enumerate(zip(norms, ranges)):
        for k, (a, b, *_) in enumerate(own):
            group.append(g)
            part.append(k)
            start.append(a)
            end.append(b)
            key.append(text_key(norm[a:b]))
    return Units(norms, group, part, start, end, key)
