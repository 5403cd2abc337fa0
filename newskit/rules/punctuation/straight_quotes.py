"""P102 straight-quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Article, Edit, Finding, Fix, MappedText, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts
from newskit.text.cjk import HAN

_QUOTE_RE = re.compile("[\"＂]")
_CJK_RE = re.compile(f"[{HAN}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’…—]")
#: A straight single-quoted span with Chinese inside: `'三农'` (an apostrophe in English never encloses Han).
_SINGLE_RE = re.compile(f"'([^'\\n]{{0,30}}[{HAN}][^'\\n]{{0,30}})'")


def _chinese_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _CJK_RE.match(text[i]) is not None


class StraightQuotes(Rule):
    """Straight quotes `"…"` in Chinese text.

    ## What it does
    Flags ASCII double quotes (and full-width `＂`) next to Chinese text, and ASCII single quotes around
    Chinese text. Quotes inside English or around code are left alone.

    ## Why it matters
    GB/T 15834-2011 (4.8) uses curly quotes `“ ”` (inner `‘ ’`) in horizontal simplified Chinese. Straight
    quotes come from English keyboards and web copy; in print they stand out and they hide which mark opens
    and which closes.

    ## Example
    ```text
    他说"我们要坚持"。
    ```

    ## Use instead
    ```text
    他说“我们要坚持”。
    ```

    ## Fix safety
    Safe when the paragraph holds an even number of straight double quotes, all in Chinese context: they
    are paired in order (open, close, open, close). With an odd number, the pairing is ambiguous and no fix
    is offered. Single quotes are replaced by `‘’` as the pair they form.
    """

    code = "P102"
    messages = {
        "double": ("straight quote in Chinese text; use '{curly}'", "中文里用了直引号，应为“{curly}”"),
        "double_unpaired": ("straight quote in Chinese text; use curly quotes '“”'", "中文里用了直引号，应为弯引号“”"),
        "single": ("straight single quotes around Chinese text; use '‘’'", "中文外用了直单引号，应为“‘’”"),
    }
    name = "straight-quotes"
    severity = Severity.ERROR
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if "\"" not in ctx.doc.text and "＂" not in ctx.doc.text and "'" not in ctx.doc.text:
            return
        for article in ctx.articles:
            for mapped in texts(article, byline=True):
                yield from self._double(mapped, article, ctx)
                yield from self._single(mapped, article, ctx)

    def _double(self, mapped: MappedText, article: Article, ctx: LintContext) -> Iterator[Finding]:
        text = mapped.text
        quotes = [m.start() for m in _QUOTE_RE.finditer(text)]
        chinese = [i for i in quotes if _chinese_at(text, i - 1) or _chinese_at(text, i + 1)]
        if not chinese:
            return
        pairable = len(chinese) == len(quotes) and len(quotes) % 2 == 0
        for k, i in enumerate(chinese):
            curly = "“" if k % 2 == 0 else "”"
            if pairable:
                yield ctx.finding_in(self, mapped, i, i + 1, ctx.say(self, "double", curly=curly),
                                     replacement=curly, title=f"Replace with '{curly}'", article=article)
            else:
                yield ctx.finding_in(self, mapped, i, i + 1,
                                     ctx.say(self, "double_unpaired"), article=article)

    def _single(self, mapped: MappedText, article: Article, ctx: LintContext) -> Iterator[Finding]:
        text = mapped.text
        if "'" not in text:
            return
        for m in _SINGLE_RE.finditer(text):
            i, j = m.start(), m.end() - 1
            opening, closing = mapped.contiguous_span(i, i + 1), mapped.contiguous_span(j, j + 1)
            start, end = mapped.source_span(i, j + 1)
            fix = None
            if opening and closing:
                fix = Fix((Edit(*opening, "‘"), Edit(*closing, "’")), Applicability.SAFE, "Replace with '‘’'")
            yield ctx.finding(self, start, end, ctx.say(self, "single"),
                              fix=fix, article=article)
