"""Small helpers shared by the rule modules: which texts of a record a rule reads, and which record holds
a document offset.

(Rules whose trigger is rare — markup, U+FFFD, full-width digits, straight quotes — first search the whole
dump once with a compiled pattern or a substring test: one pass in C, and the per-article walk is skipped on
clean pages.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Article, Join, Kind, MappedText
from newskit.rules.base import LintContext

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


def texts_containing(ctx: LintContext, trigger: re.Pattern[str], **parts) -> Iterator[tuple[Article, MappedText]]:
    """(record, text) for every text that ``trigger`` occurs in; one search of the whole dump first, so a
    clean page costs one pass in C. ``parts`` are the keyword arguments of ``texts``.

    The dump is searched as printed, so a trigger must not need to span a rejoined break: a single character
    class is always safe (a pattern that does span one, like S101's spaces, passes a one-character trigger)."""
    if trigger.search(ctx.doc.text) is None:
        return
    for article in ctx.articles:
        for mapped in texts(article, **parts):
            if trigger.search(mapped.text) is not None:
                yield article, mapped


def matches(ctx: LintContext, pattern: re.Pattern[str], *, trigger: re.Pattern[str] | None = None,
            **parts) -> Iterator[tuple[Article, MappedText, re.Match[str]]]:
    """(record, text, match) for every match of ``pattern``; ``trigger`` is a cheaper pattern that occurs in
    every text holding a match (default: the pattern itself)."""
    for article, mapped in texts_containing(ctx, trigger or pattern, **parts):
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
