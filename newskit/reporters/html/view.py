"""The report's view model: lint results and dedupe pairs turned into what the templates print.

Pure data in, pure data out: per dump, its records in order, each record's texts as HTML with every finding
and duplicate as an element on its span (``markup.render``), and the tables the index shows.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from markupsafe import Markup

from newskit.dedupe import DedupeResult, Location, Passage
from newskit.lint.engine import FileResult, Rate, error_rates
from newskit.model import Article, Document, Finding, MappedText, Severity
from newskit.reporters.html.markup import Point, Span, Tag, attributes, escape_text, render
from newskit.reporters.html.place import Hit, TextIndex

LANGS = ("zh", "en")
PREVIEW_CHARS = 24
#: A finding this short (a half-width comma) gets a stronger mark: an underline under one glyph is easy to miss.
SHORT_SPAN = 2
MAX_EDITS_SHOWN = 3


@cache
def _all_labels() -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("labels.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Labels:
    """The report's words in one language; ``labels("rate")``, ``labels.family("P")``."""

    lang: str

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"unknown language {self.lang!r} (use {' or '.join(LANGS)})")

    @property
    def table(self) -> dict:
        return _all_labels()[self.lang]

    def __call__(self, key: str, **values: object) -> str:
        text = self.table.get(key, key)
        return text.format(**values) if values else text

    def _in(self, group: str, key: str) -> str:
        return self.table[group].get(key, key)

    def family(self, letter: str) -> str:
        return self._in("families", letter)

    def severity(self, severity: str) -> str:
        return self._in("severities", severity)

    def kind(self, kind: str) -> str:
        return self._in("kinds", kind)

    def relation(self, relation: str) -> str:
        return self._in("relations", relation)

    def role(self, role: str) -> str:
        return self._in("roles", role)

    def reason(self, reason: str) -> str:
        return self.table.get(f"reason_{reason}", reason or self.table["reason_"])


# --- the view model ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FindingView:
    id: str
    finding: Finding
    fix: str  # the fix in words ('' when there is none)
    approx: bool = False  # no printed text holds the span: marked at the nearest printed position
    severity: str = ""  # the finding's severity, and its label in the report's language
    severity_label: str = ""
    where: str = ""  # path:line:column
    element: Markup = Markup()  # the empty element of a finding no printed text can hold
    item: Markup = Markup()  # its entry in the record's list of findings

    @classmethod
    def of(cls, id: str, f: Finding, fix: str, labels: Labels, approx: bool = False) -> FindingView:
        severity = f.severity.value
        view = cls(id, f, fix, approx, severity, labels.severity(severity), f"{f.path}:{f.line}:{f.column}")
        object.__setattr__(view, "item", _finding_item(view, labels))  # frozen; built once, here
        return view

    @property
    def family(self) -> str:
        return self.finding.code[:1]


@dataclass(frozen=True)
class Side:
    """One printing of a duplicated passage, as printed in the report."""

    dump: int  # index of the dump in the run
    start: int  # document offsets
    end: int
    record: str | None  # record uri
    where: str  # path:line:column


@dataclass(frozen=True)
class DupMark:
    """One side of a duplicate pair (or one occurrence of boilerplate): an element that links to the other."""

    id: str
    target_id: str
    relation: str  # exact | near | contained | boilerplate
    role: str  # "first" (printed first) | "again"
    score: float
    here: Side
    other: Side
    href: str = ""  # data-dup value, filled once pages are known: "#id" or "page.html#id"
    other_headline: str = ""


@dataclass(frozen=True)
class Block:
    role: str  # kicker | main | subhead | column | byline | paragraph | section | extra
    html: Markup
    line: int
    level: int = 0


@dataclass(frozen=True)
class RecordView:
    id: str
    article: Article
    rate: Rate
    blocks: tuple[Block, ...]
    findings: tuple[FindingView, ...]
    dups: tuple[DupMark, ...]

    @property
    def kind(self) -> str:
        return str(self.article.kind)

    @property
    def line(self) -> int:
        return self.article.line_start

    @property
    def preview(self) -> str:
        """The start of a record without a headline (a caption, a fragment), for the index."""
        texts = self.article.texts()
        text = texts[0].text if texts else ""
        return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…"


@dataclass(frozen=True)
class DumpView:
    index: int
    slug: str  # the dump's element id (nk-<name>), the prefix of its records' and findings' ids
    path: str
    page: str  # file name of its own page in a folder report; '' in a single-file report
    rate: Rate
    records: tuple[RecordView, ...]
    unplaced: tuple[FindingView, ...] = ()  # findings on a dump with no printed text at all
    counts: dict[str, int] = field(default_factory=dict)  # findings per severity

    @property
    def findings(self) -> list[FindingView]:
        return [f for r in self.records for f in r.findings] + list(self.unplaced)


def rule_counts(dumps: Sequence[DumpView]) -> list[tuple[str, str, int]]:
    """(code, name, count) of every rule with findings in ``dumps``, in code order (the rule filter)."""
    counts: Counter[tuple[str, str]] = Counter(
        (f.finding.code, f.finding.name) for d in dumps for f in d.findings)
    return [(code, name, n) for (code, name), n in sorted(counts.items())]


# --- building ---------------------------------------------------------------------------------------------

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")


def html_id(text: str) -> str:
    return _UNSAFE_ID.sub("-", text).strip("-") or "x"


def slugs(results: Sequence[FileResult]) -> list[str]:
    """A unique, URL-safe name per dump, from its file name (``000_5aba…``), numbered on a clash."""
    seen: Counter[str] = Counter()
    out = []
    for r in results:
        base = html_id(r.doc.name if r.doc.path != "-" else "stdin")
        seen[base] += 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def fix_words(finding: Finding, doc: Document, labels: Labels) -> str:
    """``'(' → '（'; ')' → '）' (safe fix)``: what the fix would change, as an editor reads it."""
    fix = finding.fix
    if fix is None:
        return ""

    def shown(text: str) -> str:  # a space is invisible between quotes: name it
        return f"‘{text}’" if text.strip() else labels("spaces", n=len(text))

    parts = []
    for e in fix.edits:
        before = doc.text[e.start:e.end]
        if not before:
            parts.append(f"{labels('insert')} {shown(e.replacement)}")
        elif not e.replacement:
            parts.append(f"{labels('delete')} {shown(before)}")
        else:
            parts.append(f"{shown(before)} → {shown(e.replacement)}")
    # the edits say exactly what changes; a long list of them is better summed up by the rule's title
    words = fix.title if fix.title and (len(parts) > MAX_EDITS_SHOWN or not parts) else "; ".join(parts)
    return f"{words} ({labels(str(fix.applicability))})"


def printed_texts(article: Article) -> list[tuple[str, MappedText, int]]:
    """(role, text, markdown level) of everything the record prints, in reading order; a text that repeats
    one already printed (a caption's credit is inside its own text) is printed once."""
    out: list[tuple[str, MappedText, int]] = [(h.role, h.source, h.level) for h in article.headlines]
    if article.byline is not None:
        out.append(("byline", article.byline.source, 0))
    out.extend(("section" if p.section else "paragraph", p.source, p.level) for p in article.body)
    out.extend(("extra", t, 0) for t in article.extra)
    covered = sorted((p.start, p.end) for _, t, _ in out for p in t.pieces)
    if all(a[1] <= b[0] for a, b in zip(covered, covered[1:])):
        return [item for item in out if item[1].pieces]  # the usual case: nothing printed twice
    # the printed text wins over a byline that is a part of it (a caption's credit): bylines go last
    order = sorted(range(len(out)), key=lambda k: out[k][0] == "byline")
    kept: list[int] = []
    for k in order:
        text = out[k][1]
        if text.pieces and not TextIndex([out[j][1] for j in kept]).overlaps(text):
            kept.append(k)
    return [out[k] for k in sorted(kept)]


def _finding_tag(view: FindingView, length: int) -> Tag:
    """The finding's element. Written out rather than through ``attributes``: ids, codes, names and numbers
    need no escaping, and a page holds thousands of these."""
    f = view.finding
    cls = f"nk-f nk-{view.severity}" + (" nk-approx" if view.approx else "") + \
        (" nk-short" if 0 < length <= SHORT_SPAN else "")
    opening = (
        f'<mark class="{cls}" id="{view.id}" data-code="{f.code}" data-name="{f.name}" '
        f'data-severity="{view.severity}" data-family="{view.family}" data-line="{f.line}" '
        f'data-column="{f.column}" data-end-line="{f.end_line}" data-end-column="{f.end_column}" '
        f'data-where="{escape_text(view.where)}" data-message="{escape_text(f.message)}" '
        f'data-fix="{escape_text(view.fix)}" tabindex="-1">'
    )
    part = f'<mark class="{cls} nk-part" data-of="{view.id}" data-severity="{view.severity}">'
    return Tag("mark", opening, part)


def _finding_item(view: FindingView, labels: Labels) -> Markup:
    """The finding's entry under its record: code (a link to its mark), severity, where, message and fix.
    Built here rather than in the template: a page holds thousands, and Jinja's escaping per field doubled
    the time a report took to render."""
    f = view.finding
    parts = [f'<li class="nk-fitem nk-{view.severity}" data-for="{view.id}"><a href="#{view.id}" class="nk-code">'
             f'{f.code}</a> <span class="nk-sev">{escape_text(view.severity_label)}</span> <span class="nk-where">'
             f'{escape_text(view.where)}</span> <span class="nk-msg">{escape_text(f.message)}</span>']
    if view.fix:
        parts.append(f' <span class="nk-fixtext">{escape_text(labels("fix"))}: {escape_text(view.fix)}</span>')
    if view.approx:
        parts.append(f' <span class="nk-dim">{escape_text(labels("near_span"))}</span>')
    parts.append("</li>")
    return Markup("".join(parts))


def _dup_tag(mark: DupMark) -> Tag:
    cls = f"nk-dup nk-dup-{mark.role} nk-rel-{mark.relation}"
    attrs = (
        ("class", cls), ("id", mark.id), ("data-dup", mark.href), ("data-dup-kind", mark.relation),
        ("data-dup-role", mark.role), ("data-score", f"{mark.score:.2f}"),
        ("data-where", mark.here.where), ("data-other", mark.other.where), ("tabindex", "-1"),
    )
    return Tag.of("span", attrs, (("class", cls + " nk-part"), ("data-of", mark.id)))


def _as_part(tag: Tag) -> Tag:
    return Tag(tag.name, tag.part, tag.part)


def _join_points(article: Article, text: MappedText, doc: Document, labels: Labels) -> list[Point]:
    """A marker where the text jumps in the document: a rejoined break (its reason from the split's joins), or
    a jump of more than one line the split did not name. A wrap inside one printed paragraph is no join."""
    reasons = {(j.before_line, j.after_line): j.reason for j in article.joins}
    points = []
    for prev, piece in zip(text.pieces, text.pieces[1:]):
        line, to_line = doc.line_of(max(prev.end - 1, prev.start)), doc.line_of(piece.start)
        reason = reasons.get((line, to_line))
        if reason is None and to_line - line < 2:
            continue
        reason = reason or ""
        title = f"{labels('join', line=line, to_line=to_line)} · {labels.reason(reason)}"
        attrs = (("class", "nk-join"), ("data-line", str(line)), ("data-to-line", str(to_line)),
                 ("data-reason", reason), ("title", title))
        points.append(Point(piece.offset, Markup(f"<span{attributes(attrs)}></span>")))
    return points


def build_dump(index: int, name: str, result: FileResult, marks: Sequence[DupMark], labels: Labels,
               page: str = "") -> DumpView:
    """One dump's view: every record's texts with the findings and duplicate marks placed on them. Element
    ids start with ``nk-`` and the dump's name, so they are unique in a page and valid CSS selectors too
    (a dump named 000_… would give ids starting with a digit)."""
    slug = f"nk-{name}"
    doc = result.doc
    rates = error_rates(result)
    # every printed text of the dump, in reading order, and which record it belongs to
    texts: list[tuple[int, str, MappedText, int]] = []
    for k, article in enumerate(result.articles):
        texts.extend((k, role, t, level) for role, t, level in printed_texts(article))
    where = TextIndex([t for _, _, t, _ in texts])
    by_uri = {a.uri: k for k, a in enumerate(result.articles)}
    spans: dict[int, list[Span]] = {}
    record_findings: dict[int, list[FindingView]] = {}
    unplaced: list[FindingView] = []

    def place(start: int, end: int, owner: str | None) -> tuple[list[Hit], bool]:
        hits = where.hits(start, end)
        if hits:
            own = [h for h in hits if texts[h.text][0] == by_uri.get(owner)]
            if own and own[0] is not hits[0]:  # the owner's text first: it gets the element, the rest parts
                hits = [own[0]] + [h for h in hits if h is not own[0]]
            return hits, False
        near = where.nearest(start)
        return ([near] if near else []), True

    for n, f in enumerate(result.findings):
        hits, approx = place(f.start, f.end, f.article)
        view = FindingView.of(f"{slug}-f{n}", f, fix_words(f, doc, labels), labels, approx and bool(hits))
        tag = _finding_tag(view, sum(h.end - h.start for h in hits))
        owner = by_uri.get(f.article, texts[hits[0].text][0] if hits else None)
        if owner is None:  # a dump with no printed text at all: the element goes in the page's own list
            unplaced.append(dataclasses.replace(view, element=Markup(f"{tag.open}</mark>")))
            continue
        record_findings.setdefault(owner, []).append(view)
        for k, h in enumerate(hits):  # the first hit is the element; a span over two texts goes on in a part
            spans.setdefault(h.text, []).append(Span(h.start, h.end, tag if k == 0 else _as_part(tag), 1))

    record_dups: dict[int, list[DupMark]] = {}
    for mark in marks:
        hits, _ = place(mark.here.start, mark.here.end, mark.here.record)
        if not hits:
            continue
        owner = by_uri.get(mark.here.record, texts[hits[0].text][0])
        record_dups.setdefault(owner, []).append(mark)
        tag = _dup_tag(mark)
        for k, h in enumerate(hits):
            spans.setdefault(h.text, []).append(Span(h.start, h.end, tag if k == 0 else _as_part(tag), 0))

    blocks: dict[int, list[Block]] = {}
    for t_no, (k, role, text, level) in enumerate(texts):
        article = result.articles[k]
        html = render(text.text, spans.get(t_no, []), _join_points(article, text, doc, labels))
        blocks.setdefault(k, []).append(Block(role, html, doc.line_of(text.start), level))

    records = tuple(
        RecordView(f"{slug}-r{html_id(article.uri.rsplit(':', 1)[-1])}", article, rates.articles[k],
                   tuple(blocks.get(k, ())), tuple(record_findings.get(k, ())), tuple(record_dups.get(k, ())))
        for k, article in enumerate(result.articles)
    )
    counts = Counter(f.severity.value for f in result.findings)
    return DumpView(index, slug, doc.path, page, rates.page, records, tuple(unplaced),
                    {s.value: counts.get(s.value, 0) for s in Severity})


# --- duplicates -------------------------------------------------------------------------------------------


def _side(loc: Location, passages: Sequence[Passage], dump_of: dict[str, int]) -> Side | None:
    if loc.passage is None or loc.archived:
        return None
    passage = passages[loc.passage]
    dump = dump_of.get(passage.dump_key, dump_of.get(loc.path))
    if dump is None or passage.source is None:
        return None
    start, end = passage.source.source_span(passage.offset + loc.start, passage.offset + loc.end)
    return Side(dump, start, end, loc.article, f"{loc.path}:{loc.line}:{loc.column}")


def duplicate_marks(dedupe: DedupeResult, passages: Sequence[Passage], dump_of: dict[str, int]) -> list[DupMark]:
    """Two linked marks per verified pair (the first printing and the later one, each pointing at the other)
    and one per boilerplate occurrence (later ones point at the first, the first at the second)."""
    marks: list[DupMark] = []
    for k, dup in enumerate(dedupe.duplicates):
        sides = [_side(dup.a, passages, dump_of), _side(dup.b, passages, dump_of)]
        if None in sides:
            continue  # a printing in the archive: nothing in this report to link to
        first, again = sorted(sides, key=lambda s: (s.dump, s.start))
        relation = dup.relation.value
        marks.append(DupMark(f"dup{k}-1", f"dup{k}-2", relation, "first", dup.score, first, again))
        marks.append(DupMark(f"dup{k}-2", f"dup{k}-1", relation, "again", dup.score, again, first))
    for k, boiler in enumerate(dedupe.boilerplate):
        sides = sorted((s for s in (_side(o, passages, dump_of) for o in boiler.occurrences) if s),
                       key=lambda s: (s.dump, s.start))
        for j, side in enumerate(sides if len(sides) > 1 else ()):
            other = 1 if j == 0 else 0
            marks.append(DupMark(f"bp{k}-{j}", f"bp{k}-{other}", "boilerplate", "first" if j == 0 else "again",
                                 1.0, side, sides[other]))
    return marks


def link_marks(marks: Sequence[DupMark], pages: Sequence[str] | None, headlines: dict[str, str]) -> list[DupMark]:
    """Marks with their link filled in: ``#id`` on the same page, ``page.html#id`` across a folder report."""
    out = []
    for m in marks:
        href = f"#{m.target_id}"
        if pages is not None and m.other.dump != m.here.dump:
            href = f"{pages[m.other.dump]}{href}"
        out.append(dataclasses.replace(m, href=href, other_headline=headlines.get(m.other.record or "", "")))
    return out
