"""The data model: frozen dataclasses shared by split, lint, dedupe and the reporters.

Offsets are Python string indices (code points) into ``Document.text`` — the decoded dump with line
ends normalised to ``\\n``. Reflowed text (a paragraph rejoined across a column break, a headline
broken over several lines) is a ``MappedText``: its ``pieces`` say which slice of the document each
part of the text came from, so every finding and duplicate points back to ``path:line:column``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self.value]


_SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


class Applicability(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Kind(StrEnum):
    """What a split record is."""

    ARTICLE = "article"
    CAPTION = "caption"
    ADVERTISEMENT = "advertisement"
    NOTICE = "notice"
    FRAGMENT = "fragment"


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded dump. ``text`` uses ``\\n`` line ends; ``line_starts[i]`` is where line i+1 starts."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    line_starts: tuple[int, ...] = ()
    #: the stem of its records' ids, unique within a run (``newskit.io.dump_ids``); '' -> from the file name
    dump_id: str = ""

    @classmethod
    def from_text(cls, text: str, path: str = "-", **kw) -> Document:
        from newskit import _core  # compiled: a page's newlines in one pass (the str.find loop was 1% of a lint)

        return cls(path=path, text=text, line_starts=tuple(_core.line_starts(text)), **kw)

    @property
    def name(self) -> str:
        """The file's stem: ``seeds/000_x.txt`` -> ``000_x`` (used in record ids)."""
        base = self.path.replace("\\", "/").rsplit("/", 1)[-1]
        return base.rsplit(".", 1)[0] if "." in base else base

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a document offset, columns in code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)


@dataclass(frozen=True, slots=True)
class Piece:
    """``text[offset : offset + (end - start)] == document.text[start:end]``."""

    offset: int
    start: int
    end: int


def _piece_offset(piece: Piece) -> int:
    return piece.offset


@dataclass(frozen=True, slots=True)
class MappedText:
    """Text assembled from slices of the document, with the map back to it."""

    text: str
    pieces: tuple[Piece, ...]

    @classmethod
    def from_slices(cls, doc_text: str, slices: list[tuple[int, int]], sep: str = "") -> MappedText:
        """Join document slices; ``sep`` (for example ``""``) is inserted between them and maps nowhere."""
        parts: list[str] = []
        pieces: list[Piece] = []
        offset = 0
        for k, (start, end) in enumerate(slices):
            if k and sep:
                parts.append(sep)
                offset += len(sep)
            parts.append(doc_text[start:end])
            pieces.append(Piece(offset, start, end))
            offset += end - start
        return cls("".join(parts), tuple(pieces))

    def _piece_index(self, i: int) -> int:
        k = bisect.bisect_right(self.pieces, i, key=_piece_offset) - 1
        return max(k, 0)

    def to_source(self, i: int) -> int:
        """Document offset of text index ``i`` (an index at the very end maps to the end of the last piece)."""
        pieces = self.pieces
        if not pieces:
            return 0
        if i >= len(self.text):
            return pieces[-1].end
        p = pieces[0] if len(pieces) == 1 else pieces[self._piece_index(i)]
        return min(p.start + (i - p.offset), p.end)

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Document span covering text[i:j] (it may cross a rejoined break)."""
        pieces = self.pieces
        if len(pieces) == 1:  # most texts are one printed slice
            p = pieces[0]
            if p.offset == 0 and 0 <= i < j <= min(len(self.text), p.end - p.start):
                return p.start + i, p.start + j
        if j <= i:
            s = self.to_source(i)
            return s, s
        return self.to_source(i), self.to_source(j - 1) + 1

    def contiguous_span(self, i: int, j: int) -> tuple[int, int] | None:
        """Document span of text[i:j] if it lies inside one piece, else None (a fix must not cross a break)."""
        pieces = self.pieces
        if not pieces:
            return None
        p = pieces[0] if len(pieces) == 1 else pieces[self._piece_index(i)]
        if i < p.offset or j > p.offset + (p.end - p.start):
            return None
        return p.start + (i - p.offset), p.start + (j - p.offset)

    @property
    def start(self) -> int:
        return self.pieces[0].start if self.pieces else 0

    @property
    def end(self) -> int:
        return self.pieces[-1].end if self.pieces else 0


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the dump as printed: non-blank lines between blank lines."""

    index: int
    start: int
    end: int
    line_start: int
    line_end: int
    text: str  # document.text[start:end], may contain single "\n"


@dataclass(frozen=True, slots=True)
class Headline:
    role: str  # "kicker" | "main" | "subhead" | "column"
    value: str  # the headline with line breaks and markdown markers removed
    source: MappedText  # value as mapped text (value == source.text)
    level: int = 0  # markdown heading level (number of '#'), 0 when plain


@dataclass(frozen=True, slots=True)
class Credit:
    name: str
    role: str | None


@dataclass(frozen=True, slots=True)
class Byline:
    text: str  # verbatim, as printed (breaks removed)
    credits: tuple[Credit, ...]
    source: MappedText


@dataclass(frozen=True, slots=True)
class Dateline:
    text: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    year_inferred: bool = False
    vague: bool = False
    weekday: int | None = None  # 0 = Monday … 6 = Sunday, when printed
    start: int = 0  # document offsets of ``text``
    end: int = 0

    @property
    def date(self) -> str | None:
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph after reflow. ``section`` marks an in-article section title."""

    source: MappedText
    section: bool = False
    level: int = 0  # markdown level of a section title

    @property
    def text(self) -> str:
        return self.source.text


@dataclass(frozen=True, slots=True)
class Join:
    """A rejoined break: the paragraph ending at ``before_line`` continues at ``after_line``."""

    before_line: int
    after_line: int
    reason: str  # "mid-sentence", "mid-word", "across-caption", …


@dataclass(frozen=True, slots=True)
class Article:
    """One record of ``newskit split``: an article, or a caption / ad / notice / fragment."""

    uri: str
    kind: Kind
    path: str
    line_start: int
    line_end: int
    headlines: tuple[Headline, ...] = ()
    byline: Byline | None = None
    dateline: Dateline | None = None
    body: tuple[Paragraph, ...] = ()
    continued: bool = False
    joins: tuple[Join, ...] = ()
    blocks: tuple[int, ...] = ()  # indices of the dump blocks this record owns
    extra: tuple[MappedText, ...] = field(default=())  # owned text that is neither head, byline nor body

    @property
    def headline(self) -> str:
        for h in self.headlines:
            if h.role == "main":
                return h.value
        return self.headlines[0].value if self.headlines else ""

    @property
    def id(self) -> str:
        return self.uri.split(":", 1)[-1]

    def texts(self) -> list[MappedText]:
        """Every piece of text the record owns, in reading order."""
        out = [h.source for h in self.headlines]
        if self.byline:
            out.append(self.byline.source)
        out.extend(p.source for p in self.body)
        out.extend(self.extra)
        return out


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``document.text[start:end]`` with ``replacement`` ("" deletes)."""

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    title: str = ""

    @classmethod
    def replace(cls, start: int, end: int, text: str, *, title: str = "",
                applicability: Applicability = Applicability.SAFE) -> Fix:
        return cls((Edit(start, end, text),), applicability, title)

    def to_dict(self) -> dict:
        return {
            "applicability": self.applicability.value,
            "title": self.title,
            "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int  # document offsets, half-open
    end: int
    article: str | None = None
    excerpt: str = ""
    excerpt_offset: int = 0  # where the flagged span starts inside ``excerpt`` (for highlighting)
    fix: Fix | None = None
    fingerprint: str = ""

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "article": self.article,
            "excerpt": self.excerpt,
            "fix": self.fix.to_dict() if self.fix else None,
            "fingerprint": self.fingerprint,
        }


def _fast_init(cls: type) -> type:
    """Give a frozen slotted dataclass an ``__init__`` that fills its slots through their descriptors.

    The generated one goes through ``object.__setattr__`` once per field, which made building the model (a
    Block, a Piece, a Finding of 16 fields) a visible share of lint time; this one is about twice as fast.
    Everything else — immutability, equality, hashing, ``dataclasses.replace`` — is the dataclass's own.
    """
    import dataclasses as dc

    fields = [f for f in dc.fields(cls) if f.init]
    params, body, env = [], [], {}
    for f in fields:
        env[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not dc.MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dc.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory needs the generated __init__")
        else:
            params.append(f.name)
        body.append(f"    _set_{f.name}(self, {f.name})")
    source = (f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or ["    pass"]) + "\n")
    exec(source, env)  # noqa: S102 - the source is built from the class's own field names only
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init
    return cls


for _cls in (Document, Piece, MappedText, Block, Headline, Credit, Byline, Dateline, Paragraph, Join, Article,
             Edit, Fix, Finding):
    _fast_init(_cls)
del _cls
