"""N104 number-split-by-break."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import text_entries

_DIGITS = frozenset("0123456789")
_NUMBER_INNER = frozenset("0123456789.,%")
_BREAK_CHARS = frozenset(" \t\n")
#: A line end kept inside a paragraph's text, with digits (or a point) right before and after it.
_NEWLINE_IN_NUMBER_RE = re.compile(r"(?<=[0-9.,])[ \t]*\n[ \t]*(?=[0-9])|(?<=[0-9])[ \t]*\n[ \t]*(?=[.,]?[0-9])")


class NumberSplitByBreak(Rule):
    """A number broken over a line or column break: `12` / `500万元`.

    ## What it does
    Flags a rejoined paragraph or headline whose line or column break falls inside a number: digits on
    both sides of the break (`营收达12` ⏎ `500万元`), or a decimal point or thousands separator against it.

    ## Why it matters
    GB/T 15835-2011: a multi-digit number is never split across lines. In a dump the break is a layout
    artefact that the split rejoins, but the page as printed broke the number, and OCR often loses or adds a
    digit exactly there — the value needs checking.

    ## Example
    ```text
    本报讯（记者 张三）3月18日，全县营收达12
    500万元，同比增长。
    ```

    ## Use instead
    ```text
    本报讯（记者 张三）3月18日，全县营收达12500万元，同比增长。
    ```

    ## Fix safety
    No fix here: `newskit split` already rejoins the text; the printed break is the layout's to fix.
    """

    code = "N104"
    messages = {
        "split": ("number '{number}' is split by a line break", "数字“{number}”被换行断开"),
    }
    name = "number-split-by-break"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, part, mapped in text_entries(ctx):  # every text of the dump in one flat list
            pieces = mapped.pieces  # most texts are one printed slice: no break between slices to look at
            if part == "byline" or (len(pieces) == 1 and "\n" not in mapped.text):
                continue
            text = mapped.text
            breaks = [piece.offset for prev, piece in zip(pieces, pieces[1:])
                      if piece.start != prev.end] if len(pieces) > 1 else []  # adjacent slices have no break
            if "\n" in text:
                breaks.extend(m.start() for m in _NEWLINE_IN_NUMBER_RE.finditer(text))  # a break kept in the text
            for k in sorted(breaks):
                span = self._number_around(text, k)
                if span is not None:
                    i, j = span
                    number = text[i:j].replace("\n", "⏎")
                    yield ctx.finding_in(self, mapped, i, j, ctx.say(self, "split", number=number),
                                         article=article)

    @staticmethod
    def _number_around(text: str, k: int) -> tuple[int, int] | None:
        """The number that a break at text index ``k`` falls inside (digits on both sides), or None."""
        before = k - 1
        after = k
        while after < len(text) and text[after] in _BREAK_CHARS:
            after += 1
        if before < 0 or after >= len(text) or text[before] not in _NUMBER_INNER or text[after] not in _NUMBER_INNER:
            return None
        if text[before] not in _DIGITS and text[after] not in _DIGITS:
            return None
        i, j = before, after
        while i > 0 and text[i - 1] in _NUMBER_INNER:
            i -= 1
        while j < len(text) and text[j] in _NUMBER_INNER:
            j += 1
        if sum(c in _DIGITS for c in text[i:j]) < 2:
            return None
        return i, j
