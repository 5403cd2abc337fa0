"""P104 doubled-punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts_containing, trigger

#: The same point mark twice or more (`！！`, `，，`); `。。。` is an ellipsis (P103), `？！` is allowed.
_DOUBLED_RE = re.compile(r"([，、；：！？])\1+|(?<!。)。。(?!。)")
#: Every text holding a doubled mark holds one of these (registered: the one trigger scan per dump).
_TRIGGER_RE = trigger("，，|、、|；；|：：|！！|？？|。。", "，、；：！？。")


class DoubledPunctuation(Rule):
    """A point mark doubled: `！！`, `，，`, `。。`.

    ## What it does
    Flags the same full-width point mark written twice or more in a row (`！！！`, `？？`, `，，`, `、、`,
    `；；`, `：：`, `。。`). The combination `？！` (one mark of each, GB/T 15834 allows it) and three or more
    `。` (an ellipsis, see P103) are left alone.

    ## Why it matters
    Newspapers do not stack marks for emphasis, and a doubled comma or full stop is a keying or OCR slip.

    ## Example
    ```text
    德国队竟然赢了！！！比赛，，结束了。
    ```

    ## Use instead
    ```text
    德国队竟然赢了！比赛，结束了。
    ```

    ## Fix safety
    Safe: the run is reduced to one mark.
    """

    code = "P104"
    messages = {
        "doubled": ("'{marks}' doubled; use one '{mark}'", "“{marks}”重复，只用一个“{mark}”"),
    }
    name = "doubled-punctuation"
    severity = Severity.WARNING
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped in texts_containing(ctx, _TRIGGER_RE, byline=True):
            for m in _DOUBLED_RE.finditer(mapped.text):
                mark = m.group()[0]
                yield ctx.finding_in(self, mapped, m.start(), m.end(), ctx.say(self, "doubled", marks=m.group(), mark=mark),
                                     replacement=mark, title=f"Replace with '{mark}'", article=article)
