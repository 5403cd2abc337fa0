"""Run rules over one dump and apply their fixes.

- ``select_rules`` picks rule classes by code, code prefix or name (ruff's selector model);
- ``lint_document`` splits a dump into records, runs the rules over them and returns sorted findings;
  ``lint_documents`` does the same for many dumps, a batch at a time;
- ``apply_fixes`` applies non-overlapping fixes (safe ones, unsafe ones only when asked) in one pass;
- ``fix_document`` re-lints and re-applies until nothing changes, so ``--fix`` twice equals ``--fix`` once;
- ``error_rates`` estimates the editors' 差错率: errors per 10,000 characters, per article and per page.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import operator
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from newskit.model import Applicability, Article, Document, Edit, Finding, Severity
from newskit.rules.base import LintContext, LintSettings, Rule
from newskit.runtime import batched, paused_gc
from newskit.text.cjk import non_space

#: The national pass line for newspapers: at most 3 errors per 10,000 characters (《报纸期刊质量管理规定》, 2020).
NEWSPAPER_THRESHOLD = 3.0
RATE_UNIT = 10_000
#: A fix loop that has not converged after this many passes is stopped (sqlfluff's runaway limit).
MAX_FIX_PASSES = 10

_PREFIX_RE = re.compile(r"[PNSRBDXTW]\d{0,3}")
_CODE_RE = re.compile(r"[PNSRBDXTW]\d{3}")


class SelectorError(ValueError):
    """An unknown rule selector (``--select``, ``--ignore``, config); the CLI exits with code 2."""


class RuleError(RuntimeError):
    """A rule raised while checking a dump. The CLI reports it as one line and exits 2, never 1: a crash
    must not look like findings to CI."""


# --- selection --------------------------------------------------------------------------------------------


def selects(token: str, code: str, name: str) -> bool:
    """Whether a selector (code, prefix such as ``P`` or ``P1``, name, or ``ALL``) picks the rule ``code``."""
    upper = token.upper()
    return (upper in ("ALL", code) or token.lower() == name
            or (_PREFIX_RE.fullmatch(upper) is not None and code.startswith(upper)))


def _check_token(token: str, classes: Sequence[type[Rule]]) -> None:
    upper = token.upper()
    if upper == "ALL" or any(selects(token, c.code, c.name) for c in classes):
        return
    if _PREFIX_RE.fullmatch(upper) and not _CODE_RE.fullmatch(upper):
        return  # a valid family or group prefix that no registered rule uses yet
    raise SelectorError(
        f"unknown rule selector {token!r} (use a code such as P101, a prefix such as P or P1, a rule name, or ALL)"
    )


def select_rules(classes: Iterable[type[Rule]], select: Sequence[str] | None = None,
                 ignore: Sequence[str] = (), *, extend_select: Sequence[str] = (),
                 profile: str = "newspaper") -> list[type[Rule]]:
    """The rule classes a run uses, in code order.

    Without ``select`` the default rules run; a code, prefix (``P``, ``P1``), name or ``ALL`` picks rules
    whether default or not; ``ignore`` removes whatever it matches. A rule outside ``profile`` never runs
    (``S101`` is a newspaper convention; the web profile wants the opposite).
    """
    classes = list(classes)
    for token in [*(select or ()), *extend_select, *ignore]:
        _check_token(token, classes)
    chosen = []
    for cls in classes:
        if profile not in cls.profiles:
            continue
        on = cls.default if select is None else any(selects(t, cls.code, cls.name) for t in select)
        on = on or any(selects(t, cls.code, cls.name) for t in extend_select)
        if on and not any(selects(t, cls.code, cls.name) for t in ignore):
            chosen.append(cls)
    return sorted(chosen, key=lambda c: c.code)


def resolve_rules(classes: Iterable[type[Rule]], options: dict[str, dict] | None = None) -> list[Rule]:
    """Instantiate rules with their options (keyed by code); bad options raise ValueError."""
    options = options or {}
    return [cls(cls.make_options(options[cls.code])) if cls.code in options else cls() for cls in classes]


# --- ignores ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ignore:
    """Silence findings by file glob + rule selector + (optionally) the fingerprint of the flagged text.

    Dumps have no comment syntax, so an ignore lives in config and follows the text, not the line number:
    the fingerprint hashes the rule code, the flagged text and a little context before it.
    """

    path: str = "*"
    code: str = "ALL"
    fingerprint: str = ""
    reason: str = ""

    def matches(self, finding: Finding, root: str | None = None) -> bool:
        if self.fingerprint and self.fingerprint != finding.fingerprint:
            return False
        if not selects(self.code, finding.code, finding.name):
            return False
        return _path_matches(self.path, finding.path, root)


def _path_matches(pattern: str, path: str, root: str | None) -> bool:
    if pattern in ("*", "**", ""):
        return True
    posix = path.replace("\\", "/")
    candidates = {posix, PurePosixPath(posix).name}
    if root and posix != "-":
        absolute = os.path.abspath(path).replace("\\", "/")
        root_posix = root.replace("\\", "/").rstrip("/") + "/"
        if absolute.startswith(root_posix):
            candidates.add(absolute[len(root_posix):])
    if posix.startswith("./"):
        candidates.add(posix[2:])
    return any(fnmatch.fnmatchcase(c, pattern) for c in candidates)


# --- linting ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LintPlan:
    """Everything a run needs besides the dumps: rule instances, settings, severity overrides, ignores."""

    rules: tuple[Rule, ...]
    settings: LintSettings = field(default_factory=LintSettings)
    severities: tuple[tuple[str, Severity], ...] = ()  # (code, severity) overrides from config
    ignores: tuple[Ignore, ...] = ()
    root: str | None = None  # directory of the config file (ignore paths are relative to it)


@dataclass(frozen=True)
class FileResult:
    """One dump after linting (and maybe fixing)."""

    doc: Document
    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]  # what remains to report (after ignores; after fixes when fixing)
    ignored: int = 0
    fixed: tuple[Finding, ...] = ()  # findings whose fixes were applied (``--fix``) or would be (``--diff``)
    fixed_text: str | None = None  # the text after fixes, when fixing or diffing and something changed
    used_ignores: frozenset[int] = frozenset()  # indices into plan.ignores that silenced a finding here


#: Findings sort by position, then code and message; two with the same code, span and message are one.
#: (attrgetter: read in C, tens of thousands of findings a run)
_sort_key = operator.attrgetter("start", "end", "code", "message")
_repeat_key = operator.attrgetter("code", "start", "end", "message")


def lint_articles(doc: Document, articles: Sequence[Article], rules: Iterable[Rule],
                  settings: LintSettings = LintSettings(), year: int | None = None) -> list[Finding]:
    """Run ``rules`` over already split ``articles``; findings sorted by position, exact repeats dropped.

    Rules outside ``settings.profile`` are skipped here too, so a plan and a case file agree.
    """
    ctx = LintContext(doc=doc, articles=list(articles), settings=settings, year=year)
    seen: set[tuple] = set()
    out: list[Finding] = []
    repeat_key = _repeat_key
    for rule in rules:
        if settings.profile not in rule.profiles:
            continue
        try:
            for f in rule.check(ctx):
                key = repeat_key(f)
                if key not in seen:
                    seen.add(key)
                    out.append(f)
        except Exception as exc:  # noqa: BLE001 - re-raised with the rule named
            message = f"{doc.path}: rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}"
            raise RuleError(message) from exc
    out.sort(key=_sort_key)
    return out


def split(doc: Document, settings: LintSettings = LintSettings()) -> tuple[list[Article], int | None]:
    """The dump's records and the page's year (from the issue date, else inferred from the dump)."""
    return split_batch([doc], settings)[0]


def split_batch(docs: Sequence[Document], settings: LintSettings = LintSettings(),
                threads: int | None = None) -> list[tuple[list[Article], int | None]]:
    """``split`` of each dump, the compiled part of all of them at once on up to ``threads`` threads
    (``newskit.split.split_many``; default: one per CPU, at most two)."""
    from newskit.split import split_many  # the splitter is imported on first use only

    out = split_many(docs, threads=threads)
    if settings.issue_date:
        return [(articles, settings.issue_date.year) for articles, _ in out]
    return out


def lint_document(doc: Document, rules: Iterable[Rule],
                  settings: LintSettings = LintSettings()) -> list[Finding]:
    """Split ``doc`` into records, run ``rules`` over them and return the findings sorted by position."""
    articles, year = split(doc, settings)
    return lint_articles(doc, articles, rules, settings, year)


def lint_documents(docs: Iterable[Document], rules: Iterable[Rule], settings: LintSettings = LintSettings(),
                   threads: int | None = None) -> Iterator[list[Finding]]:
    """``lint_document`` over many dumps, one list of findings per dump in order: a batch of dumps is split
    (``split_batch``, on up to ``threads`` threads), then the rules run over its records (``runtime.batched``), the
    garbage collector paused meanwhile (``runtime.paused_gc``; never across a ``yield``, so the caller's code
    runs with it as it was)."""
    rules = list(rules)
    for batch in batched(docs, _chars):
        with paused_gc():
            splits = split_batch(batch, settings, threads)
            found = [lint_articles(doc, articles, rules, settings, year)
                     for doc, (articles, year) in zip(batch, splits)]
        yield from found


def _chars(doc: Document) -> int:
    return len(doc.text)


def _override(findings: Iterable[Finding], severities: dict[str, Severity]) -> list[Finding]:
    if not severities:
        return list(findings)
    return [dataclasses.replace(f, severity=severities[f.code]) if f.code in severities else f for f in findings]


def lint_file(doc: Document, plan: LintPlan,
              records: tuple[list[Article], int | None] | None = None) -> FileResult:
    """Lint one document with a plan: severities overridden, ignored findings dropped. ``records``: what
    ``split(doc, plan.settings)`` returned, when it has been split already."""
    articles, year = split(doc, plan.settings) if records is None else records
    found = _override(lint_articles(doc, articles, plan.rules, plan.settings, year), dict(plan.severities))
    kept, used = [], set()
    for f in found:
        hits = [k for k, i in enumerate(plan.ignores) if i.matches(f, plan.root)]
        if hits:
            used.update(hits)
        else:
            kept.append(f)
    return FileResult(doc, tuple(articles), tuple(kept), ignored=len(found) - len(kept),
                      used_ignores=frozenset(used))


# --- fixing -----------------------------------------------------------------------------------------------


def _conflict(a: Edit, b: Edit) -> bool:
    """Edits conflict when their ranges overlap; an insertion touching another edit conflicts too
    (the order of the two would be ambiguous)."""
    if a.start == a.end or b.start == b.end:
        return b.start <= a.start <= b.end if a.start == a.end else a.start <= b.start <= a.end
    return a.start < b.end and b.start < a.end


def _fix_is_sound(f: Finding, text_len: int) -> bool:
    """A fix applies only inside the span its finding reports, and its own edits do not overlap."""
    edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
    if not edits:
        return False
    for k, e in enumerate(edits):
        if not (f.start <= e.start <= e.end <= f.end <= text_len):
            return False
        if k and _conflict(edits[k - 1], e):
            return False
    return True


def apply_fixes(doc: Document, findings: Iterable[Finding], unsafe: bool = False) -> tuple[str, list[Finding]]:
    """Apply the fixes of ``findings`` to ``doc.text`` in one pass.

    Safe fixes only unless ``unsafe``. A fix whose edits overlap an earlier accepted fix is skipped (the next
    pass of ``fix_document`` picks it up if it still applies). Returns the new text and the applied findings.
    """
    text = doc.text
    wanted = [
        f for f in findings
        if f.fix is not None and (unsafe or f.fix.applicability == Applicability.SAFE)
        and _fix_is_sound(f, len(text))
    ]
    wanted.sort(key=lambda f: (min(e.start for e in f.fix.edits), _sort_key(f)))
    accepted: list[Edit] = []
    applied: list[Finding] = []
    for f in wanted:
        if any(_conflict(e, a) for e in f.fix.edits for a in accepted):
            continue
        if all(text[e.start:e.end] == e.replacement for e in f.fix.edits):
            continue  # a no-op fix changes nothing; applying it would make --fix report work it did not do
        accepted.extend(f.fix.edits)
        applied.append(f)
    parts: list[str] = []
    pos = len(text)
    for e in sorted(accepted, key=lambda e: (e.start, e.end), reverse=True):
        parts.append(text[e.end:pos])
        parts.append(e.replacement)
        pos = e.start
    parts.append(text[:pos])
    return "".join(reversed(parts)), applied


def replace_text(doc: Document, text: str) -> Document:
    """A document with new text, keeping how the original was encoded (encoding, BOM, line ends)."""
    return Document.from_text(text, path=doc.path, encoding=doc.encoding, bom=doc.bom, newline=doc.newline)


def fix_document(doc: Document, plan: LintPlan, unsafe: bool = False,
                 first: FileResult | None = None) -> FileResult:
    """Lint and fix until nothing changes; the result holds the findings that remain and those fixed.

    ``first`` is a lint of ``doc`` already made with ``plan`` (saves the first pass).
    """
    applied_all: list[Finding] = []
    current = doc
    result = first if first is not None else lint_file(current, plan)
    used = set(result.used_ignores)  # an ignore that silenced a finding before a fix still did its job
    for _ in range(MAX_FIX_PASSES):
        text, applied = apply_fixes(current, result.findings, unsafe=unsafe)
        if not applied:
            break
        applied_all.extend(applied)
        current = replace_text(current, text)
        result = lint_file(current, plan)
        used |= result.used_ignores
    changed = current.text != doc.text
    return dataclasses.replace(result, fixed=tuple(applied_all), fixed_text=current.text if changed else None,
                               used_ignores=frozenset(used))


# --- error rates ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """Errors per 10,000 characters of one article (``uri``) or of the whole page (``uri`` None).

    Characters are every non-whitespace character of the text (Han and everything else printed: digits,
    Latin, punctuation), the nearest a dump gets to the layout count the national check uses.
    """

    uri: str | None
    headline: str
    kind: str
    chars: int
    errors: int

    @property
    def rate(self) -> float:
        return self.errors * RATE_UNIT / self.chars if self.chars else 0.0

    def passes(self, threshold: float = NEWSPAPER_THRESHOLD) -> bool:
        return self.rate <= threshold


@dataclass(frozen=True)
class RateSummary:
    page: Rate
    articles: tuple[Rate, ...]
    threshold: float = NEWSPAPER_THRESHOLD


def error_rates(result: FileResult, threshold: float = NEWSPAPER_THRESHOLD) -> RateSummary:
    """Estimated error rate per article and for the page, counting findings of severity ``error``."""
    errors_by_article: dict[str | None, int] = {}
    for f in result.findings:
        if f.severity == Severity.ERROR:
            errors_by_article[f.article] = errors_by_article.get(f.article, 0) + 1
    rates = []
    for a in result.articles:
        chars = sum(len(non_space(t.text)) for t in a.texts())
        rates.append(Rate(a.uri, a.headline, str(a.kind), chars, errors_by_article.get(a.uri, 0)))
    page_errors = sum(errors_by_article.values())
    page = Rate(None, result.doc.path, "page", len(non_space(result.doc.text)), page_errors)
    return RateSummary(page, tuple(rates), threshold)
