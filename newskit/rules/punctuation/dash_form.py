"""P108 dash-form."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts_containing, trigger
from newskit.text.cjk import HAN

#: Dash runs that are not the standard `——`: `--`, `－－`, `――` (U+2015), `— —`, three or more `—`.
_DASH_RE = re.compile(r"-{2,}|－{2,}|―{1,}|—[ \u3000]+—|—{3,}|—－|－—")
#: Every text holding a dash run to report holds one of these (registered: the one trigger scan per dump).
_TRIGGER_RE = trigger("--|－－|―|— |—\u3000|———|—－|－—", "-－―—")
_CJK_RE = re.compile(f"[{HAN}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’…]")


class DashForm(Rule):
    """A dash written as `--`, `――`, `— —` or `———`.

    ## What it does
    Flags dash runs next to Chinese text that are not the standard two-em dash `——` (two U+2014): ASCII
    `--`, full-width hyphens `－－`, horizontal bars `――` (U+2015, a GBK round-trip), a dash broken by a
    space, and three or more `—`. A single `—` is left alone: it is the 一字线 of ranges (`2013—2015年`,
    `北京—上海`).

    ## Why it matters
    GB/T 15834-2011 (4.9) prints the 破折号 as `——`, two character cells, never split. Other forms are
    keyboard substitutes or encoding damage.

    ## Example
    ```text
    他说--这是关键
    ```

    ## Use instead
    ```text
    他说——这是关键
    ```

    ## Fix safety
    Safe: the run is replaced by `——`.
    """

    code = "P108"
    messages = {
        "dash": ("dash written '{dash}'; use '——'", "破折号写成“{dash}”，应为“——”"),
    }
    name = "dash-form"
    severity = Severity.WARNING
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped in texts_containing(ctx, _TRIGGER_RE):
            text = mapped.text
            for m in _DASH_RE.finditer(text):
                i, j = m.span()
                if m.group() == "―" or m.group().startswith("-"):
                    before = text[i - 1] if i else " "
                    after = text[j] if j < len(text) else " "
                    if not (_CJK_RE.match(before) or _CJK_RE.match(after)):
                        continue
                yield ctx.finding_in(self, mapped, i, j, ctx.say(self, "dash", dash=m.group()),
                                     replacement="——", title="Replace with '——'", article=article)
