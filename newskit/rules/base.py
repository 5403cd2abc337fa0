"""The rule base class and the context a rule checks.

A rule is one module holding one ``Rule`` subclass: class attributes (``code``, ``name``, ``severity``,
``fixable``, ``Options``) and ``check_article`` (or ``check`` for whole-dump rules) yielding Findings.
Rules see the split model — headlines, byline, dateline, reflowed body paragraphs — each as
``MappedText`` so a finding at text index ``i`` lands on the right ``path:line:column``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

from newskit import _core
from newskit.model import (
    Applicability, Article, Document, Edit, Finding, Fix, MappedText, Severity,
)

EXCERPT_CONTEXT = 12  # characters of context either side of a flagged span (the Rust builder's constant too)
#: one finding to build: (start, end, message, severity, article uri, fix), document offsets [start, end)
Row = tuple[int, int, str, Severity, "str | None", "Fix | None"]
#: one finding inside a mapped text: (i, j, message, severity, article uri, replacement or None, applicability,
#: fix title), text indices [i, j)
MappedRow = tuple[int, int, str, Severity, "str | None", "str | None", Applicability, str]


@dataclass(frozen=True)
class LintSettings:
    """Settings every rule may read (filled from config and CLI)."""

    profile: str = "newspaper"  # "newspaper" | "web"
    roster: tuple[str, ...] = ()  # staff names for the byline roster rule
    preferred_terms: dict[str, str] = field(default_factory=dict)  # wrong -> right
    banned_terms: dict[str, str] = field(default_factory=dict)  # term -> reason
    issue_date: dt.date | None = None
    lang: str = "en"  # "en" | "zh": the language of finding messages
    wrong_words: dict[str, str] = field(default_factory=dict)  # house W101 entries: wrong -> right
    allowed_words: frozenset[str] = frozenset()  # built-in W101/W102/T103 forms the house switches off


#: the languages every rule message is written in, in the order of a ``messages`` tuple
LANGUAGES = ("en", "zh")

T = TypeVar("T")


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
        """The rule's message ``key`` in ``settings.lang``, its ``{placeholders}`` filled from ``values``."""
        english, chinese = rule.messages[key]
        return (chinese if self.settings.lang == "zh" else english).format(**values)

    def once(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, made once per dump under ``key``: page-level facts several rules ask for (the finding
        builder's page, the trigger index, the masthead date), kept with the dump they describe."""
        memo = self.__dict__.setdefault("_once", {})
        if key not in memo:
            memo[key] = make()
        return memo[key]

    def page(self) -> _core.Page:
        """The document as the finding builder reads it (made once per dump)."""
        return self.once("page", lambda: _core.Page(self.doc.text, self.doc.line_starts))

    def findings(self, rule: Rule, rows: list[Row]) -> list[Finding]:
        """The findings of ``rule`` at ``rows``, each ``(start, end, message, severity, article uri, fix)``
        with document offsets [start, end), built in one call: line and column of both ends, the excerpt
        (``EXCERPT_CONTEXT`` characters either side, kept on the span's line) and the fingerprint an ignore
        matches (SHA-1 of the code, the flagged text and the excerpt before it) are computed in Rust
        (rust/newskit-core/src/lint/findings.rs)."""
        return self.page().findings(Finding, rule.code, rule.name, self.doc.path, rows)

    def finding(self, rule: Rule, start: int, end: int, message: str, *,
                fix: Fix | None = None, article: Article | None = None,
                severity: Severity | None = None) -> Finding:
        """A finding at document offsets [start, end)."""
        row = (start, end, message, severity or rule.severity, article.uri if article else None, fix)
        return self.findings(rule, [row])[0]

    def findings_in(self, rule: Rule, mapped: MappedText, rows: list[MappedRow]) -> list[Finding]:
        """``findings`` for text indices of ``mapped``: every row ``(i, j, message, severity, article uri,
        replacement, applicability, fix title)`` is a finding at ``mapped.text[i:j]``, its span mapped back to
        the document as ``mapped.source_span`` does; with a ``replacement`` (not None) it carries the fix
        ``Fix((Edit(start, end, replacement),), applicability, title)``.

        A fix is only offered when the span lies inside one printed piece (``mapped.contiguous_span``): never
        across a rejoined break, where an edit would silently delete the break too. Mapping, fixes and
        findings are built in one call (rust/newskit-py/src/lint.rs).
        """
        return self.page().findings_in(Finding, Fix, Edit, rule.code, rule.name, self.doc.path, mapped.pieces,
                                       len(mapped.text), rows)

    def finding_in(self, rule: Rule, mapped: MappedText, i: int, j: int, message: str, *,
                   replacement: str | None = None, applicability: Applicability = Applicability.SAFE,
                   title: str = "", article: Article | None = None,
                   severity: Severity | None = None) -> Finding:
        """A finding at text indices [i, j) of ``mapped`` (see ``findings_in``)."""
        row = (i, j, message, severity or rule.severity, article.uri if article else None, replacement,
               applicability, title)
        return self.findings_in(rule, mapped, [row])[0]


class Rule:
    """Base class: subclasses set the class attributes and override ``check_article`` or ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[Applicability | None] = None
    default: ClassVar[bool] = True  # in the default selection
    profiles: ClassVar[frozenset[str]] = frozenset({"newspaper", "web"})
    needs_lexicon: ClassVar[bool] = False  # looks words up in the word lexicon (opened on first use)
    #: message key -> (English template, 中文模板), rendered by ``ctx.say(self, key, **values)``
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
