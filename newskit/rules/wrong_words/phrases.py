"""Phrase lists (wrong form -> standard form) read from ``newskit/data``, matched in one pass.

W101 and T103 each hold a few thousand literal forms; ``newskit._core.PhraseSet`` (the forms indexed by their
first two characters, in Rust) finds every one of them in every text of a page in one call, where an
alternation regex of the same size costs a backtracking attempt per position and seconds to compile. Each form found is then checked against
the lexicon: it counts only where the segmenter reads it as standing on its own — a word boundary at its first
and after its last character — so the characters of a wrong form spread over two right words (`按装修` is
按 + 装修, `不能自已` is one word) are not flagged.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newskit.model import Finding
    from newskit.rules.base import LintContext, Rule

#: characters of context either side that the segmenter sees around a candidate
_WINDOW = 8


@dataclass(frozen=True, slots=True)
class Entry:
    wrong: str
    right: str
    group: str  # the group's name in the data file; "house" for config entries


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    source: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class PhraseList:
    """A data file's groups and the words the file says the lexicon lists although they are wrong."""

    groups: tuple[Group, ...]
    lexicon_misspellings: frozenset[str]

    def entries(self) -> Iterator[Entry]:
        for group in self.groups:
            yield from group.entries

    def table(self) -> dict[str, Entry]:
        return {e.wrong: e for e in self.entries()}


class PhraseListError(ValueError):
    """A malformed data file (a packaging bug, so it is raised, not reported)."""


def parse_pairs(text: str, where: str) -> Iterator[tuple[str, str]]:
    """``wrong right`` pairs, one a line; ``#`` starts a comment; blank lines are skipped."""
    for lineno, line in enumerate(text.splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) != 2:
            raise PhraseListError(f"{where} line {lineno}: expected 'wrong right', got {line!r}")
        yield fields[0], fields[1]


def parse(text: str, name: str) -> PhraseList:
    data = tomllib.loads(text)
    groups = []
    for raw in data.get("group", []):
        where = f"{name} group {raw.get('name', '?')}"
        if not {"name", "source", "entries"} <= set(raw):
            raise PhraseListError(f"{where}: needs name, source and entries")
        entries = tuple(Entry(w, r, raw["name"]) for w, r in parse_pairs(raw["entries"], where))
        groups.append(Group(raw["name"], raw["source"], entries))
    misspellings = frozenset(data.get("lexicon_misspellings", "").split())
    return PhraseList(tuple(groups), misspellings)


@functools.cache
def load(name: str) -> PhraseList:
    """The phrase list ``newskit/data/<name>`` (read once per process)."""
    return parse(resources.files("newskit.data").joinpath(name).read_text(encoding="utf-8"), name)


class Matcher:
    """Every entry of a table found in a text, leftmost-longest, at word boundaries. The search is
    compiled (rust/newskit-core/src/lint/phrases.rs) and takes a page's texts in one call (``find_many``)."""

    def __init__(self, table: dict[str, Entry]) -> None:
        from newskit import _core

        self.table = table
        self._entries = list(table.values())
        self._automaton = _core.PhraseSet(list(table))

    def candidates_in(self, texts: list[str]) -> dict[int, list[tuple[int, int, Entry]]]:
        """For each text holding a form, by index, (start, end, entry) of every form in it, overlapping ones
        included, before the boundary check (most texts of a page hold none, and get no entry)."""
        out: dict[int, list[tuple[int, int, Entry]]] = {}
        entries = self._entries
        for k, start, end, form in self._automaton.find(texts):
            found = out.get(k)
            if found is None:
                found = out[k] = []
            found.append((start, end, entries[form]))
        return out

    def candidates_on_page(self, ctx) -> dict[int, list[tuple[int, int, Entry]]]:
        """``candidates_in`` for the texts of a dump the rules read by default (headlines, body, extra), by
        index into ``scan.text_entries(ctx)``: read where the trigger scan holds them."""
        from newskit.rules.scan import phrases_in

        entries = self._entries
        return {t: [(i, j, entries[form]) for i, j, form in found]
                for t, found in phrases_in(ctx, self._automaton).items()}

    def candidates(self, text: str) -> list[tuple[int, int, Entry]]:
        return self.candidates_in([text]).get(0, [])

    def find_in(self, texts: list[str]) -> dict[int, list[tuple[int, int, Entry]]]:
        """``find`` for each of ``texts`` that holds a form standing on its own, by index, in text order;
        one pass of the automaton over them all."""
        found = ((k, _leftmost_longest(texts[k], c)) for k, c in sorted(self.candidates_in(texts).items()))
        return {k: f for k, f in found if f}

    def find_many(self, texts: list[str]) -> list[list[tuple[int, int, Entry]]]:
        """``find`` for each of ``texts``, in one pass of the automaton."""
        found = self.find_in(texts)
        return [found.get(k, []) for k in range(len(texts))]

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """(start, end, entry) of the forms standing on their own in ``text``: of overlapping ones the
        leftmost, then the longest. The boundary check comes first, so a form that fails it (`对帐` in
        `核对帐户`) does not hide one that passes (`帐户`)."""
        return self.find_in([text]).get(0, [])


def _leftmost_longest(text: str, candidates: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    found = sorted(((i, j, e) for i, j, e in candidates if stands_alone(text, i, j)), key=lambda c: (c[0], -c[1]))
    out, reach = [], 0
    for i, j, entry in found:
        if i >= reach:
            out.append((i, j, entry))
            reach = j
    return out


def stands_alone(text: str, i: int, j: int) -> bool:
    """Whether the segmenter puts a word boundary at ``i`` and at ``j`` of ``text`` (read in a window)."""
    from newskit.text.segment import words  # opens the lexicon: only once a candidate exists

    lo, hi = max(0, i - _WINDOW), min(len(text), j + _WINDOW)
    cuts, at = set(), lo
    for w in words(text[lo:hi]):
        cuts.add(at)
        at += len(w)
    cuts.add(at)
    return i in cuts and j in cuts


@functools.lru_cache(maxsize=16)
def matcher(name: str, house: frozenset[tuple[str, str]] = frozenset(),
            allowed: frozenset[str] = frozenset()) -> Matcher:
    """The matcher of data file ``name`` plus the house entries, minus the forms the house allows."""
    table = {w: e for w, e in load(name).table().items() if w not in allowed}
    for wrong, right in house:
        if wrong not in allowed:
            table[wrong] = Entry(wrong, right, "house")
    return Matcher(table)


def phrase_findings(rule: Rule, ctx: LintContext, matcher: Matcher, key: str,
                    yield_to: Matcher | None = None) -> Iterator[Finding]:
    """The findings of a phrase-list rule: every entry of ``matcher`` standing alone in a record's texts,
    with message ``key`` of ``rule.messages`` and the standard form as the fix (message ``fix``).

    ``yield_to`` is a more specific rule's matcher: a form overlapping one of its forms that is at least as
    long is left to that rule, so one span gets one finding (T103's `狼籍` inside W101's `杯盘狼籍`, or a house
    W101 entry that names a 异形词 form)."""
    from newskit.rules.scan import text_entries

    entries = text_entries(ctx)
    found = {}
    for t, candidates in sorted(matcher.candidates_on_page(ctx).items()):
        standing = _leftmost_longest(entries[t][2].text, candidates)
        if standing:
            found[t] = standing
    hit = list(found)
    stronger_of = ({hit[x]: f for x, f in yield_to.find_in([entries[t][2].text for t in hit]).items()}
                   if yield_to is not None and hit else {})
    for k in hit:
        article, _, mapped = entries[k]
        stronger = stronger_of.get(k, ())
        for i, j, entry in found[k]:
            if any(a < j and i < b and b - a >= j - i for a, b, _ in stronger):
                continue
            yield ctx.finding_in(
                rule, mapped, i, j, ctx.say(rule, key, wrong=entry.wrong, right=entry.right),
                replacement=entry.right, title=ctx.say(rule, "fix", right=entry.right), article=article)
