"""P106 unbalanced-pairs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from newskit import _core
from newskit.model import Article, Finding, MappedText, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts, unbalanced_texts
from newskit.text.cjk import PARAGRAPH_END

#: Closing mark -> opening mark. ASCII and full-width parentheses pair with each other (their width is P101's).
_OPENER_OF = {"”": "“", "’": "‘", "）": "（", ")": "（", "》": "《", "〉": "〈", "】": "【", "〕": "〔", "」": "「", "』": "『"}
_NORMAL = {"(": "（"}
_MARKS_RE = re.compile("[“”‘’（）()《》〈〉【】〔〕「」『』]")
_CLOSER_OF = {"“": "”", "‘": "’", "（": "）", "《": "》", "〈": "〉", "【": "】", "〔": "〕", "「": "」", "『": "』"}
#: A list number closed by a bracket at the start of a paragraph: `1）`, `a)`, `一）`.
_LIST_ITEM_RE = re.compile(r"\s*[0-9a-zA-Z一二三四五六七八九十]{1,3}[)）]")
_LATIN = re.compile("[A-Za-z]")


#: True when every paired mark closes in order (a ``’`` between ASCII letters is an apostrophe, ``Xi’an``, as in the
#: walk): most paragraphs, settled in one compiled pass (rust/newskit-core/src/lint/pairs.rs) instead of the
#: per-mark walk.
_balanced = _core.balanced_pairs


def problems(text: str) -> list[tuple[int, str, dict]]:
    """(index, message key, message values) for every unmatched or misnested paired mark in one paragraph."""
    if _balanced(text):
        return []
    stack: list[tuple[int, str]] = []
    open_count: Counter[str] = Counter()  # openers on the stack, for a constant-time membership test
    found: list[tuple[int, str]] = []
    skip = _LIST_ITEM_RE.match(text)
    skip_at = skip.end() - 1 if skip else -1
    for m in _MARKS_RE.finditer(text):
        i, ch = m.start(), m.group()
        ch = _NORMAL.get(ch, ch)
        if ch in _CLOSER_OF:
            stack.append((i, ch))
            open_count[ch] += 1
            continue
        if i == skip_at:
            continue
        if ch == "’" and 0 < i < len(text) - 1 and _LATIN.match(text[i - 1]) and _LATIN.match(text[i + 1]):
            continue  # an apostrophe: Xi’an, China’s
        opener = _OPENER_OF[ch]
        if open_count[opener]:
            while stack and stack[-1][1] != opener:
                j, inner = stack.pop()
                open_count[inner] -= 1
                found.append((j, "misnested", {"inner": inner, "closer": ch, "own": _CLOSER_OF[inner]}))
            stack.pop()
            open_count[opener] -= 1
        else:
            found.append((i, "no_opening", {"closer": ch, "opener": opener}))
    found.extend((j, "never_closed", {"opener": o, "closer": _CLOSER_OF[o]}) for j, o in stack)
    return sorted(found, key=lambda problem: problem[:2])


#: Paragraphs a quotation may run over (verse, a letter quoted line by line).
QUOTE_SPAN = 12


def _is_open_quote(problem: tuple[int, str, dict]) -> bool:
    return problem[1] == "never_closed" and problem[2]["opener"] == "“"


def _is_unopened_close(problem: tuple[int, str, dict]) -> bool:
    return problem[1] == "no_opening" and problem[2]["closer"] == "”"


def _pair_across_paragraphs(found: list[list[tuple[int, str, dict]]]) -> None:
    """Drop an unclosed `“` and a later paragraph's unopened `”` that close each other (a quoted poem or
    letter set as several paragraphs). ``found`` holds each paragraph's ``problems``."""
    for k in range(len(found)):
        open_at = [f for f in found[k] if _is_open_quote(f)]
        if not open_at:
            continue
        for m in range(k + 1, min(len(found), k + 1 + QUOTE_SPAN)):
            close_at = [f for f in found[m] if _is_unopened_close(f)]
            if close_at:
                found[k].remove(open_at[-1])
                found[m].remove(close_at[0])
                break
            if any(_is_open_quote(f) for f in found[m]):
                break


class UnbalancedPairs(Rule):
    """Paired marks left open, closed without opening, or misnested.

    ## What it does
    Checks each headline and paragraph for quotes `“”` `‘’`, brackets `（）` `【】` `〔〕`, book-title marks
    `《》` `〈〉` and corner quotes: every opening mark needs its closing mark in the same paragraph, in
    the right order (`“…（…）…”`, not `“…（…”…）`). Allowed: a quotation running over several paragraphs
    (GB/T 15834 4.8: each paragraph opens with `“`, only the last one closes), or set over several
    paragraphs as verse is (opened in one, closed a few paragraphs later); list numbers like `1）`;
    apostrophes (`Xi’an`); an opening mark in a paragraph cut off mid-sentence (X104 reports the cut).

    ## Why it matters
    An unclosed quote or bracket is a plain error in print, and in a dump it often marks text lost at a
    column break or a paragraph pasted into the wrong place.

    ## Example
    ```text
    他说：“我们要坚持（这是关键。
    ```

    ## Use instead
    ```text
    他说：“我们要坚持（这是关键）。”
    ```

    ## Fix safety
    No fix: where the missing mark belongs is a matter of meaning.
    """

    code = "P106"
    messages = {
        "misnested": ("'{inner}' is closed by '{closer}' before its own '{own}'",
                      "“{inner}”未用“{own}”收尾便被“{closer}”关闭"),
        "no_opening": ("'{closer}' has no opening '{opener}'", "“{closer}”前没有对应的“{opener}”"),
        "never_closed": ("'{opener}' is never closed with '{closer}'", "“{opener}”没有用“{closer}”收尾"),
    }
    name = "unbalanced-pairs"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        # `_balanced` of every text of the dump in one compiled pass over the texts the trigger scan already
        # holds; only the texts it does not settle are walked (most articles have none), an article's in the
        # order of its headlines, extra text, then body.
        current: Article | None = None
        mine: list[int] = []
        for article, part, k in unbalanced_texts(ctx):
            if part == "byline":
                continue
            if article is not current:
                if mine:
                    yield from self._check_article(current, list(texts(current, body=False)), sorted(mine), ctx)
                current, mine = article, []
            heads = len(article.headlines)
            mine.append(k if part == "headlines" else heads + k if part == "extra" else heads + len(article.extra) + k)
        if mine:
            yield from self._check_article(current, list(texts(current, body=False)), sorted(mine), ctx)

    def _check_article(self, article: Article, heads: list[MappedText], unsettled: list[int],
                       ctx: LintContext) -> Iterator[Finding]:
        """The problems of an article whose texts ``unsettled`` (indices into its headlines, then its body)
        ``_balanced`` did not settle."""
        body = article.body
        found_by_paragraph: list[list[tuple[int, str, dict]]] = [[] for _ in body]
        for k in unsettled:
            if k < len(heads):
                yield from self._report(heads[k], problems(heads[k].text), article, ctx)
            else:
                found_by_paragraph[k - len(heads)] = problems(body[k - len(heads)].text)
        _pair_across_paragraphs(found_by_paragraph)
        for k, para in enumerate(body):
            text = para.text
            found = found_by_paragraph[k]
            if not found:
                continue
            last = k == len(body) - 1
            # A paragraph cut off mid-sentence lost its closing marks with its text (X104 reports the cut).
            truncated = not text.rstrip().endswith(tuple(PARAGRAPH_END))
            following = body[k + 1].text.lstrip() if not last else ""
            kept = []
            for i, key, values in found:
                opener = text[i]
                if key == "never_closed" and (truncated or (opener == "“" and following.startswith("“"))):
                    continue
                kept.append((i, key, values))
            yield from self._report(para.source, kept, article, ctx)

    def _report(self, mapped: MappedText, found: list[tuple[int, str]], article: Article,
                ctx: LintContext) -> Iterator[Finding]:
        for i, key, values in found:
            yield ctx.finding_in(self, mapped, i, i + 1, ctx.say(self, key, **values), article=article)
