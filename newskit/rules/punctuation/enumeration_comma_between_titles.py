"""P109 enumeration-comma-between-titles."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import matches, trigger

_COMMA_RE = trigger("》、《", "》")


class EnumerationCommaBetweenTitles(Rule):
    """A 顿号 between book titles: `《宪法》、《刑法》`.

    ## What it does
    Flags `、` directly between a closing `》` and an opening `《`.

    ## Why it matters
    GB/T 15834-2011 (4.5.3.5): juxtaposed items each marked with book-title marks are not separated by
    `、` — the marks already separate them. (A note or bracket after a title, `《甲》（修订版）、《乙》`,
    still takes the `、`; that case is not flagged.)

    ## Example
    ```text
    学习《宪法》、《民法典》、《刑法》。
    ```

    ## Use instead
    ```text
    学习《宪法》《民法典》《刑法》。
    ```

    ## Fix safety
    Safe: the `、` is deleted.
    """

    code = "P109"
    messages = {
        "comma": ("'、' between book titles; the marks already separate them", "书名号之间不用顿号“、”"),
    }
    name = "enumeration-comma-between-titles"
    severity = Severity.WARNING
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped, m in matches(ctx, _COMMA_RE):
            i = m.start() + 1
            yield ctx.finding_in(self, mapped, i, i + 1, ctx.say(self, "comma"),
                                 replacement="", title="Delete '、'", article=article)
