"""The rule base class and the context a rule checks.

A rule is one module holding one ``Rule`` subclass: class attributes (``code``, ``name``, ``severity``,
``fixable``, ``Options``) and ``check_article`` (or ``check`` for whole-dump rules) yielding Findings.
Rules see the split model — headlines, byline, dateline, reflowed body paragraphs — each as
``MappedText`` so a finding at text index ``i`` lands on the right ``path:line:column``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from newskit.model import (
    Applicability, Article, Document, Edit, Finding, Fix, MappedText, Severity,
)

EXCERPT_CONTEXT = 12  # characters of context either side of a flagged span


@dataclass(frozen=True)
class LintSettings:
    """Settings every rule may read (filled from config and CLI)."""

    profile: str = "newspaper"  # "newspaper" | "web"
    roster: tuple[str, ...] = ()  # staff names for the byline roster rule
    preferred_terms: dict[str, str] = field(default_factory=dict)  # wrong -> right
    banned_terms: dict[str, str] = field(default_factory=dict)  # term -> reason
    issue_date: dt.date | None = None
    lang: str = "en"  # "en" | "zh": the language rule messages are written in


@dataclass
class LintContext:
    """One dump being linted: the document, its split records and page-level facts."""

    doc: Document
    articles: list[Article]
    settings: LintSettings = field(default_factory=LintSettings)
    year: int | None = None  # the page's year, when the dump names it (or the issue date gives it)

    @property
    def path(self) -> str:
        return self.doc.path

    def say(self, rule: Rule, key: str, **values: object) -> str:
        """The rule's message ``key`` in ``settings.lang``, filled with ``values``."""
        english, chinese = rule.messages[key]
        return (chinese if self.settings.lang == "zh" else english).format(**values)

    def finding(self, rule: Rule, start: int, end: int, message: str, *,
                fix: Fix | None = None, article: Article | None = None,
                severity: Severity | None = None) -> Finding:
        """A finding at document offsets [start, end)."""
        text = self.doc.text
        end = max(end, start)
        line, col = self.doc.position(start)
        line_start = start - col + 1
        line_end = text.find("\n", start)
        if line_end == -1 or end <= line_end:  # the usual case: the span ends on the line it starts on
            end_line, end_col = line, end - line_start + 1
        else:
            end_line, end_col = self.doc.position(end)
        lo = max(line_start, start - EXCERPT_CONTEXT)
        hi = min(len(text) if line_end == -1 else line_end, end + EXCERPT_CONTEXT)
        if hi < end:  # the span crosses a line end: keep the excerpt on one line
            hi = end
        excerpt = text[lo:hi].replace("\n", "⏎")
        flagged = text[start:end]
        digest = hashlib.sha1(f"{rule.code}\x00{flagged}\x00{text[lo:start]}".encode()).hexdigest()[:12]
        return Finding(
            code=rule.code, name=rule.name, severity=severity or rule.severity, message=message,
            path=self.doc.path, line=line, column=col, end_line=end_line, end_column=end_col,
            start=start, end=end, article=article.uri if article else None,
            excerpt=excerpt, excerpt_offset=start - lo, fix=fix, fingerprint=digest,
        )

    def finding_in(self, rule: Rule, mapped: MappedText, i: int, j: int, message: str, *,
                   replacement: str | None = None, applicability: Applicability = Applicability.SAFE,
                   title: str = "", article: Article | None = None,
                   severity: Severity | None = None) -> Finding:
        """A finding at text indices [i, j) of ``mapped``; with ``replacement`` it carries a fix.

        A fix is only offered when the span lies inside one printed piece: never across a rejoined break,
        where an edit would silently delete the break too.
        """
        start, end = mapped.source_span(i, j)
        fix = None
        if replacement is not None:
            span = mapped.contiguous_span(i, j)
            if span is not None:
                fix = Fix((Edit(span[0], span[1], replacement),), applicability, title)
        return self.finding(rule, start, end, message, fix=fix, article=article, severity=severity)


class Rule:
    """Base class: subclasses set the class attributes and override ``check_article`` or ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[Applicability | None] = None
    default: ClassVar[bool] = True  # in the default selection
    profiles: ClassVar[frozenset[str]] = frozenset({"newspaper", "web"})
    needs_lexicon: ClassVar[bool] = False  # looks words up in the word lexicon (opened on first use)
    #: message key -> (English template, 中文模板), rendered by ``LintContext.say``
    messages: ClassVar[dict[str, tuple[str, str]]] = {}

    @dataclass(frozen=True)
    class Options:
        """Tunables filled from ``[tool.newskit.rules.<name>]``; none by default."""

    def __init__(self, options: object | None = None) -> None:
        self.options = options if options is not None else self.Options()

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0].strip() if doc else cls.name

    @classmethod
    def make_options(cls, values: dict) -> object:
        """Build Options from a config table; unknown keys raise ValueError (config errors exit 2)."""
        known = {f.name for f in dataclasses.fields(cls.Options)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"rule {cls.code} ({cls.name}) has no option {', '.join(unknown)}")
        return cls.Options(**values)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article in ctx.articles:
            yield from self.check_article(article, ctx)

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        return iter(())
