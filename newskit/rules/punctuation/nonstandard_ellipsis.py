"""P103 nonstandard-ellipsis."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts_containing, trigger
from newskit.text.cjk import HAN

#: `...`, `。。。`, `···`, `⋯` runs, or a lone `…` (GB/T 15834: six dots, two `…`).
_ELLIPSIS_RE = re.compile(r"\.{3,}|。{3,}|[·・]{3,}|⋯+|(?<!…)…(?!…)")
_CJK_RE = re.compile(f"[{HAN}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’]")


#: Every text holding an ellipsis to report holds one of these (a lone `…` written without look-around, so
#: that the standard `……` alone does not wake the rule): the one trigger scan per dump skips the others.
_TRIGGER_RE = trigger(r"(?:^|[^…])…(?:$|[^…])|\.\.\.|。。。|⋯|···|・・・", "….。⋯·・")


class NonstandardEllipsis(Rule):
    """Ellipsis written as `...`, `。。。` or a single `…`.

    ## What it does
    Flags runs of ASCII dots, of `。`, of middle dots, `⋯`, and a single `…`, next to Chinese text.
    Dots inside English or numbers (`v1...v2`) are left alone.

    ## Why it matters
    GB/T 15834-2011 (foreword, 4.11) fixes the Chinese ellipsis as six dots in two character cells, `……`.
    Three ASCII dots or a lone `…` sit on the baseline at half the length and read as an English ellipsis
    or an extraction error.

    ## Example
    ```text
    他犹豫了...又说。。。
    ```

    ## Use instead
    ```text
    他犹豫了……又说……
    ```

    ## Fix safety
    Safe: the run is replaced by `……`; nothing else changes.
    """

    code = "P103"
    messages = {
        "ellipsis": ("ellipsis '{dots}'; use '……'", "省略号写成“{dots}”，应为“……”"),
    }
    name = "nonstandard-ellipsis"
    severity = Severity.WARNING
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped in texts_containing(ctx, _TRIGGER_RE):
            text = mapped.text
            for m in _ELLIPSIS_RE.finditer(text):
                i, j = m.span()
                before = text[i - 1] if i else ""
                after = text[j] if j < len(text) else ""
                if not (_CJK_RE.match(before or " ") or _CJK_RE.match(after or " ")):
                    continue
                yield ctx.finding_in(self, mapped, i, j, ctx.say(self, "ellipsis", dots=m.group()),
                                     replacement="……", title="Replace with '……'", article=article)
