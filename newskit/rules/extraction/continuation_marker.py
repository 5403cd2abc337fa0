"""X106 continuation-marker."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import matches, trigger

#: A bracketed jump line or continuation note.
_MARKER_RE = trigger(
    r"[（(][ \u3000]*(?:未完待续|待续|未完|下转[^（）()\n]{0,20}|转第[^（）()\n]{0,20}|上接[^（）()\n]{0,20})[ \u3000]*[）)]",
    "（(",
)


class ContinuationMarker(Rule):
    """A continuation marker: `（未完待续）`, `（下转第3版）`, `（上接第1版）`.

    ## What it does
    Reports continuation and jump markers, at info level: the record is one part of a longer text.

    ## Why it matters
    A record with `（未完待续）` is not the whole article: the archive and the web desk need the other
    parts, and the marker itself must go when the parts are joined. A jump line with no page number
    (`（下转第 版）`) is an OCR loss to fix.

    ## Example
    ```text
    宏观层面：指组织和社区社会工作。

    (未完待续)
    ```

    ## Use instead
    Join the parts, or keep the marker knowingly in print.

    ## Fix safety
    No fix.
    """

    code = "X106"
    messages = {
        "marker": ("continuation marker '{marker}': this record is part of a longer text",
                   "转版标记“{marker}”：本篇是一篇更长文字的一部分"),
    }
    name = "continuation-marker"
    severity = Severity.INFO

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        # The pattern starts with a bracket, so one fast pass over the dump clears a clean page.
        for article, mapped, m in matches(ctx, _MARKER_RE):
            yield ctx.finding_in(self, mapped, m.start(), m.end(),
                                 ctx.say(self, "marker", marker=m.group()),
                                 article=article)
