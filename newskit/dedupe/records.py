"""What dedupe reports: verified pairs, clusters built from them, and boilerplate."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Relation(StrEnum):
    EXACT = "exact"  # the same matching text (width, punctuation, spacing and line breaks aside)
    NEAR = "near"  # the same paragraph reprinted with small edits: similar in both directions
    CONTAINED = "contained"  # ``a`` is printed inside ``b`` (a paragraph inside a longer one, a fragment)
    OVERLAP = "overlap"  # a run of text shared by both, neither inside the other (reprints cut differently)


@dataclass(frozen=True, slots=True)
class Location:
    """Where one side of a match was printed: the aligned span, 1-based, end exclusive like a Finding.

    ``start``/``end`` index the passage text; ``passage`` is the passage's position in the input list
    (``None`` for a passage from the archive); ``excerpt`` is the span with some context, the span
    starting at ``excerpt_offset``.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    article: str | None
    start: int
    end: int
    text: str
    excerpt: str = ""
    excerpt_offset: int = 0
    passage: int | None = None
    archived: bool = False
    ref: object = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "article": self.article,
            "archived": self.archived,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A verified pair. For ``contained`` ``a`` is inside ``b``; otherwise ``a`` is the one read first.

    ``score`` is 0–1: 1.0 for exact; for near the Indel similarity of the two matching texts; for
    contained the Indel similarity of the whole of ``a`` to its aligned span in ``b``; for overlap that of
    the two aligned spans (the end of one printed again as the start of the other).
    """

    relation: Relation
    score: float
    a: Location
    b: Location
    cluster: int = 0

    @property
    def kind(self) -> str:
        return self.relation.value

    def to_dict(self) -> dict:
        return {
            "kind": self.relation.value,
            "score": round(self.score, 4),
            "inside": "a_in_b" if self.relation is Relation.CONTAINED else None,
            "cluster": self.cluster,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "text": self.a.text,
        }


@dataclass(frozen=True, slots=True)
class Cluster:
    """Passages joined by verified pairs (union-find over edges that passed verification, nothing else)."""

    id: int
    members: tuple[Location, ...]  # whole passages; the first is the representative (longest, then earliest)
    pairs: int

    def to_dict(self) -> dict:
        return {"cluster": self.id, "size": len(self.members), "pairs": self.pairs,
                "members": [m.to_dict() for m in self.members]}


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A passage printed in many dumps (a standing notice or column): reported once, not as pairs."""

    text: str
    dumps: int
    occurrences: tuple[Location, ...]

    def to_dict(self) -> dict:
        return {"kind": "boilerplate", "dumps": self.dumps, "text": self.text,
                "occurrences": [o.to_dict() for o in self.occurrences]}


@dataclass(frozen=True, slots=True)
class DedupeResult:
    duplicates: tuple[Duplicate, ...]
    clusters: tuple[Cluster, ...]
    boilerplate: tuple[Boilerplate, ...]
    passages: int = 0  # passages compared (after --min-chars)
    archived: int = 0  # passages in the archive checked against

    @property
    def found(self) -> bool:
        return bool(self.duplicates)
