"""Where a document span lands in the texts a report prints.

The report prints each record's texts as split (reflowed ``MappedText``); findings and duplicates arrive as
document offsets. ``TextIndex`` maps a document span back to text indices of the printed texts — usually one
text, sometimes a span that crosses a rejoined break (two pieces of one text) or two texts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from newskit.model import MappedText, Piece


@dataclass(frozen=True, slots=True)
class Hit:
    """Text indices [start, end) of printed text number ``text``."""

    text: int
    start: int
    end: int


class TextIndex:
    """The pieces of the printed texts, sorted by document offset (printed texts never overlap)."""

    def __init__(self, texts: list[MappedText]) -> None:
        entries = sorted((p.start, p.end, k, p) for k, t in enumerate(texts) for p in t.pieces if p.end > p.start)
        self._starts = [e[0] for e in entries]
        self._ends = [e[1] for e in entries]
        self._entries: list[tuple[int, Piece]] = [(e[2], e[3]) for e in entries]

    def overlaps(self, text: MappedText) -> bool:
        """Whether any piece of ``text`` covers a document offset already covered here."""
        for p in text.pieces:
            k = bisect.bisect_right(self._ends, p.start)
            if k < len(self._starts) and self._starts[k] < p.end:
                return True
        return False

    def hits(self, start: int, end: int) -> list[Hit]:
        """One hit per printed text the document span [start, end) touches, in document order; an empty
        span hits the piece it sits in (or ends)."""
        found: dict[int, list[int]] = {}
        order: list[int] = []
        if end <= start:
            k = bisect.bisect_left(self._ends, start)
            if k < len(self._entries) and self._starts[k] <= start:
                text, p = self._entries[k]
                i = p.offset + start - p.start
                return [Hit(text, i, i)]
            return []
        k = bisect.bisect_right(self._ends, start)
        while k < len(self._entries) and self._starts[k] < end:
            text, p = self._entries[k]
            i = p.offset + max(start, p.start) - p.start
            j = p.offset + min(end, p.end) - p.start
            if text in found:
                span = found[text]
                span[0], span[1] = min(span[0], i), max(span[1], j)
            else:
                found[text] = [i, j]
                order.append(text)
            k += 1
        return [Hit(t, *found[t]) for t in order]

    def nearest(self, offset: int) -> Hit | None:
        """An empty hit at the printed position closest to a document offset no printed text holds
        (a span in the blank between two paragraphs, say)."""
        if not self._entries:
            return None
        k = bisect.bisect_left(self._starts, offset)
        best: tuple[int, Hit] | None = None
        for c in (k - 1, k):
            if 0 <= c < len(self._entries):
                text, p = self._entries[c]
                at = min(max(offset, p.start), p.end)
                hit = Hit(text, p.offset + at - p.start, p.offset + at - p.start)
                if best is None or abs(at - offset) < best[0]:
                    best = (abs(at - offset), hit)
        return best[1] if best else None
