"""N104 number-split-by-break."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Article, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts

_DIGITS = frozenset("0123456789")
_NUMBER_INNER = frozenset("0123456789.,%")


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
    营收达12
    500万元。
    ```

    ## Use instead
    ```text
    营收达12500万元。
    ```

    ## Fix safety
    No fix here: `newskit split` already rejoins the text; the printed break is the layout's to fix.
    """

    code = "N104"
    name = "number-split-by-break"
    severity = Severity.WARNING

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        for mapped in texts(article):
            text = mapped.text
            for prev, piece in zip(mapped.pieces, mapped.pieces[1:]):
                k = piece.offset
                if piece.start == prev.end:
                    continue  # adjacent slices: no break between them
                if 0 < k < len(text) and text[k - 1] in _NUMBER_INNER and text[k] in _NUMBER_INNER \
                        and (text[k - 1] in _DIGITS or text[k] in _DIGITS):
                    i, j = k, k
                    while i > 0 and text[i - 1] in _NUMBER_INNER:
                        i -= 1
                    while j < len(text) and text[j] in _NUMBER_INNER:
                        j += 1
                    if sum(c in _DIGITS for c in text[i:j]) < 2:
                        continue
                    yield ctx.finding_in(self, mapped, i, j, f"number '{text[i:j]}' is split by a line break",
                                         article=article)
