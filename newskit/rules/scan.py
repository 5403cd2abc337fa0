"""Small helpers shared by the rule modules: which texts of a record a rule reads, and which record holds
a document offset.

Rules whose trigger is rare — markup, full-width digits, half-width marks — name it with ``trigger(pattern,
keys)``, ``keys`` being the characters one of which every match holds. Each dump and every text the rules read
are scanned once for all registered triggers (``newskit._core.TriggerSet``: one pass over the code points
against a bitmap of every key character; a trigger whose key occurs is confirmed with Rust ``regex`` when a
rule first asks for it). ``texts_containing`` and ``matches`` then visit only the texts holding the rule's
trigger. A trigger must be a pattern both Python's ``re`` and
Rust's ``regex`` read the same way (no look-around, no backreferences); a trigger passed without registering
is searched text by text in Python, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit import _core
from newskit.model import Article, Join, Kind, MappedText
from newskit.rules.base import LintContext

#: registered trigger -> its index in the TriggerSet
_TRIGGERS: dict[re.Pattern[str], int] = {}
_TRIGGER_KEYS: dict[re.Pattern[str], str] = {}
_trigger_set: _core.TriggerSet | None = None


def trigger(pattern: str, keys: str) -> re.Pattern[str]:
    """Register ``pattern`` as a rule trigger for the one scan per dump (every match of it holds one of the
    characters ``keys``); returns it compiled for Python."""
    global _trigger_set
    compiled = re.compile(pattern)
    if compiled not in _TRIGGERS:
        _TRIGGERS[compiled] = len(_TRIGGERS)
        _TRIGGER_KEYS[compiled] = keys
        _trigger_set = None  # rebuilt with the new trigger on the next scan
    return compiled


class _TextIndex:
    """Every text the rules of one dump read, in reading order, and which of them hold which trigger: the key
    characters of all of them found in one pass (``TriggerSet.scan_page``), a trigger's regex run when a rule
    first asks for that trigger, and only when the dump itself holds it."""

    __slots__ = ("entries", "_scan", "_hits")

    def __init__(self, ctx: LintContext) -> None:
        global _trigger_set
        if _trigger_set is None:
            _trigger_set = _core.TriggerSet([(p.pattern, _TRIGGER_KEYS[p]) for p in _TRIGGERS])
        entries: list[tuple[Article, str, MappedText]] = []
        add = entries.extend
        for article in ctx.articles:  # comprehensions, not generators: tens of thousands of texts a run
            add([(article, "headlines", h.source) for h in article.headlines])
            if article.byline is not None:
                entries.append((article, "byline", article.byline.source))
            add([(article, "body", p.source) for p in article.body])
            if article.extra:
                add([(article, "extra", m) for m in article.extra])
        self._scan = _trigger_set.scan_page([ctx.doc.text, *[e[2].text for e in entries]])
        self.entries = entries
        self._hits: dict[int, list] = {}

    def holds(self, k: int) -> bool:
        """Whether the dump itself holds trigger ``k``."""
        return self._scan.holds(k, 0)

    def hits(self, k: int, gate: int | None = None) -> list[tuple[Article, str, MappedText]]:
        """The texts holding trigger ``k``, when the dump holds trigger ``gate`` (default: ``k``)."""
        if not self.holds(k if gate is None else gate):
            return []
        found = self._hits.get(k)
        if found is None:
            entries = self.entries
            found = self._hits[k] = [entries[t - 1] for t in self._scan.holding(k, 1)]
        return found

    def unbalanced(self) -> list[int]:
        """Indices into ``entries`` of the texts whose paired marks ``_core.balanced_pairs`` does not settle, in
        reading order (P106)."""
        return [t - 1 for t in self._scan.unbalanced(1)]

    def repeated_units(self) -> list[tuple[int, int, int]]:
        """(index into ``entries``, start, unit length) of every Han unit written twice in a row in the texts
        (``_core.repeated_units``), in reading order (R101)."""
        return [(t - 1, i, n) for t, i, n in self._scan.repeated_units(1)]

    def phrases(self, phrase_set: _core.PhraseSet) -> list[tuple[int, int, int, int]]:
        """(index into ``entries``, start, end, form) of every form of ``phrase_set`` in the texts, overlapping
        ones included, in reading order (the phrase-list rules)."""
        return [(t - 1, i, j, form) for t, i, j, form in phrase_set.find_on(self._scan, 1)]


def _index(ctx: LintContext) -> _TextIndex:
    return ctx.once("text_index", lambda: _TextIndex(ctx))

#: Records whose text is edited prose (ads and notices are laid out as lists, tables and slogans).
PROSE_KINDS = frozenset({Kind.ARTICLE, Kind.FRAGMENT, Kind.CAPTION})
#: Every record but advertisements (an ad's copy is the advertiser's, set as table cells).
NON_AD_KINDS = frozenset(Kind) - {Kind.ADVERTISEMENT}


def texts(article: Article, *, headlines: bool = True, byline: bool = False, body: bool = True,
          extra: bool = True, kinds: frozenset[Kind] | None = None) -> Iterator[MappedText]:
    """The record's texts in reading order, restricted to the parts (and record kinds) a rule reads."""
    if kinds is not None and article.kind not in kinds:
        return
    if headlines:
        for h in article.headlines:
            yield h.source
    if byline and article.byline is not None:
        yield article.byline.source
    if body:
        for p in article.body:
            yield p.source
    if extra:
        yield from article.extra


def texts_containing(ctx: LintContext, trigger: re.Pattern[str], *, gate: re.Pattern[str] | None = None,
                     **parts) -> Iterator[tuple[Article, MappedText]]:
    """(record, text) for every text that ``trigger`` occurs in; one search of the whole dump first (for
    ``gate`` if given, a registered trigger the dump must hold), so a clean page costs one pass in C.
    ``parts`` are the keyword arguments of ``texts``.

    The dump is searched as printed, so a trigger must not need to span a rejoined break: a single character
    class is always safe (a pattern that does span one, like S101's spaces, passes a one-character trigger)."""
    k = _TRIGGERS.get(trigger)
    if k is not None:
        yield from _indexed(_index(ctx).hits(k, None if gate is None else _TRIGGERS[gate]), **parts)
        return
    if (gate or trigger).search(ctx.doc.text) is None:
        return
    for article in ctx.articles:
        for mapped in texts(article, **parts):
            if trigger.search(mapped.text) is not None:
                yield article, mapped


def repeated_units(ctx: LintContext) -> Iterator[tuple[Article, MappedText, int, int]]:
    """(record, text, start, unit length) of every unit of 1-4 Han characters followed by itself, the longest
    at each position, in every text ``texts`` gives by default (headlines, body, extra), in reading order: one
    compiled pass over the texts the trigger scan holds (rust/newskit-core/src/lint/repeats.rs)."""
    entries = _index(ctx).entries
    for t, i, n in _index(ctx).repeated_units():
        article, part, mapped = entries[t]
        if part != "byline":
            yield article, mapped, i, n


def phrases_in(ctx: LintContext, phrase_set: _core.PhraseSet) -> dict[int, list[tuple[int, int, int]]]:
    """The texts ``texts`` gives by default (headlines, body, extra) holding a form of ``phrase_set``, by
    index into ``text_entries(ctx)``, in reading order: each one's (start, end, form), overlapping ones
    included; one compiled pass over the texts the trigger scan holds."""
    entries = _index(ctx).entries
    out: dict[int, list[tuple[int, int, int]]] = {}
    for t, i, j, form in _index(ctx).phrases(phrase_set):
        if entries[t][1] != "byline":
            out.setdefault(t, []).append((i, j, form))
    return out


def text_entries(ctx: LintContext) -> list[tuple[Article, str, MappedText]]:
    """(record, part, text) for every text of the dump, in reading order: each record's headlines, byline,
    body and extra text (the trigger scan's texts)."""
    return _index(ctx).entries


def unbalanced_texts(ctx: LintContext) -> Iterator[tuple[Article, str, int]]:
    """(record, part, index in that part) for every text of the dump whose paired marks may not nest
    (``_TextIndex.unbalanced``), in reading order; ``part`` is ``headlines``, ``byline``, ``body`` or ``extra``,
    the record's texts in that order."""
    index = _index(ctx)
    entries = index.entries
    first, current = 0, None
    for t in index.unbalanced():
        article, part, _ = entries[t]
        if article is not current:
            first, current = t, article
            while first and entries[first - 1][0] is article:
                first -= 1
        offset = t - first  # the record's entries: headlines, byline, body, extra
        if part == "headlines":
            yield article, part, offset
            continue
        offset -= len(article.headlines) + (article.byline is not None)
        if part == "byline":
            yield article, part, 0
        elif part == "body":
            yield article, part, offset
        else:
            yield article, part, offset - len(article.body)


def dump_holds(ctx: LintContext, trigger: re.Pattern[str]) -> bool:
    """Whether the dump as printed holds the registered ``trigger`` (answered by the one scan per dump)."""
    return _index(ctx).holds(_TRIGGERS[trigger])


def _indexed(hits: list, *, headlines: bool = True, byline: bool = False, body: bool = True, extra: bool = True,
             kinds: frozenset[Kind] | None = None) -> Iterator[tuple[Article, MappedText]]:
    """``texts``' selection over the index's hits (same parts, same record kinds, same order)."""
    wanted = {"headlines": headlines, "byline": byline, "body": body, "extra": extra}
    for article, part, mapped in hits:
        if wanted[part] and (kinds is None or article.kind in kinds):
            yield article, mapped


def matches(ctx: LintContext, pattern: re.Pattern[str], *, trigger: re.Pattern[str] | None = None,
            gate: re.Pattern[str] | None = None, **parts) -> Iterator[tuple[Article, MappedText, re.Match[str]]]:
    """(record, text, match) for every match of ``pattern``; ``trigger`` is a cheaper pattern that occurs in
    every text holding a match (default: the pattern itself), ``gate`` one the dump must hold."""
    for article, mapped in texts_containing(ctx, trigger or pattern, gate=gate, **parts):
        for m in pattern.finditer(mapped.text):
            yield article, mapped, m


def article_at(ctx: LintContext, offset: int) -> Article | None:
    """The record whose lines hold document ``offset`` (None for text between records)."""
    line = ctx.doc.line_of(offset)
    return next((a for a in ctx.articles if a.line_start <= line <= a.line_end), None)


def interleaved_joins(ctx: LintContext, article: Article) -> Iterator[tuple[Join, bool, MappedText, int]]:
    """The breaks the splitter rejoined across another article's text (reason ``interleaved``).

    Yields (join, printed_elsewhere, text, index): ``printed_elsewhere`` is True when the part before the
    break stands above this article's headline (the layout put it inside another article), and ``index`` is
    where the part after the break starts in ``text``.
    """
    head_line = article.line_start if not article.headlines else ctx.doc.line_of(article.headlines[0].source.start)
    for join in article.joins:
        if join.reason != "interleaved":
            continue
        for p in article.body:
            piece = next((q for q in p.source.pieces if ctx.doc.line_of(q.start) == join.after_line), None)
            if piece is not None:
                yield join, join.before_line < head_line, p.source, piece.offset
                break
