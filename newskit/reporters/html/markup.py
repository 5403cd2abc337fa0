"""Overlapping spans on a text as well-nested HTML elements.

Findings and duplicate marks overlap freely (a repeated paragraph that also holds a punctuation error), but
HTML elements must nest. ``render`` opens the longer span outside the shorter one; where a span crosses the end
of one it sits inside, it is closed there and reopened as a *part* (an element with the part attributes and
no id), so every span is one element carrying its attributes plus, rarely, continuation parts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

Attrs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Tag:
    """An element's opening tag, rendered once however many spans share it: as itself and as a part."""

    name: str
    open: str
    part: str

    @classmethod
    def of(cls, name: str, attrs: Attrs, part_attrs: Attrs = ()) -> Tag:
        return cls(name, f"<{name}{attributes(attrs)}>", f"<{name}{attributes(part_attrs)}>")


@dataclass(frozen=True, slots=True)
class Span:
    """Text indices [start, end) to wrap in ``tag``; an empty span is an empty element at ``start``. Where
    another span's end cuts it, it continues in ``tag.part`` (no id, a pointer to the element instead)."""

    start: int
    end: int
    tag: Tag
    rank: int = 0  # among spans with the same extent, the lower rank is the outer element


@dataclass(frozen=True, slots=True)
class Point:
    """Ready HTML (an empty element, such as a rejoined-break marker) inserted at text index ``at``."""

    at: int
    html: Markup


_SPECIAL = re.compile("[&<>\"']")


def escape_text(text: str, quote: bool = True) -> str:
    """html.escape, skipped for the usual text that holds nothing to escape (a third of a report's build)."""
    return escape(text, quote) if _SPECIAL.search(text) else text


def attributes(attrs: Attrs) -> str:
    return "".join(f' {name}="{escape_text(value)}"' for name, value in attrs)


def render(text: str, spans: list[Span], points: list[Point] = ()) -> Markup:
    """``text`` escaped, with every span as an element (cut into parts only where spans cross)."""
    n = len(text)
    opening: dict[int, list[Span]] = defaultdict(list)
    empty: dict[int, list[Span]] = defaultdict(list)
    at: dict[int, list[Point]] = defaultdict(list)
    cuts = {0, n}
    for s in spans:
        start, end = max(0, min(s.start, n)), max(0, min(s.end, n))
        if end <= start:
            empty[start].append(s)
            cuts.add(start)
        else:
            opening[start].append(Span(start, end, s.tag, s.rank))
            cuts.update((start, end))
    for p in points:
        at[max(0, min(p.at, n))].append(p)
        cuts.add(max(0, min(p.at, n)))
    positions = sorted(cuts)
    out: list[str] = []
    stack: list[Span] = []
    for k, pos in enumerate(positions):
        if any(s.end == pos for s in stack):
            cut: list[Span] = []
            while any(s.end == pos for s in stack):
                s = stack.pop()
                out.append(f"</{s.tag.name}>")
                if s.end != pos:
                    cut.append(s)
            for s in reversed(cut):  # reopen outermost first
                out.append(s.tag.part)
                stack.append(s)
        for p in at.get(pos, ()):
            out.append(str(p.html))
        for s in empty.get(pos, ()):
            out.append(f"{s.tag.open}</{s.tag.name}>")
        for s in sorted(opening.get(pos, ()), key=lambda s: (-s.end, s.rank)):
            out.append(s.tag.open)
            stack.append(s)
        if k + 1 < len(positions):
            out.append(escape_text(text[pos:positions[k + 1]], quote=False))
    for s in reversed(stack):
        out.append(f"</{s.tag.name}>")
    return Markup("".join(out))
