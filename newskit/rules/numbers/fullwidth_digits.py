"""N101 fullwidth-digits."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import matches, trigger
from newskit.text.cjk import to_halfwidth_alnum

#: A run of full-width digits and Latin letters, with a full-width point or percent inside a number.
_FULLWIDTH_RE = re.compile(r"[０-９Ａ-Ｚａ-ｚ](?:[０-９Ａ-Ｚａ-ｚ]|[．％](?=[０-９]))*[％]?")
#: every match starts with a full-width digit or letter, and each one alone is a match
_FULLWIDTH_CHAR_RE = trigger("[０-９Ａ-Ｚａ-ｚ]", "".join(map(chr, [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)])))
_SYMBOLS = str.maketrans({"．": ".", "％": "%"})


class FullwidthDigits(Rule):
    """Full-width digits and Latin letters: `１５％`, `ＧＤＰ`.

    ## What it does
    Flags runs of full-width digits `０-９` and letters `Ａ-Ｚ ａ-ｚ` (with a full-width point or percent
    inside the number).

    ## Why it matters
    GB/T 15835-2011 writes Arabic numerals half width; full-width digits come from Chinese input methods
    and old GBK copy. They are not the same characters as `0-9`, so search, sorting and number checks miss
    them, and they set at twice the width.

    ## Example
    ```text
    一季度增长１５％，ＧＤＰ达到３．２万亿元。
    ```

    ## Use instead
    ```text
    一季度增长15%，GDP达到3.2万亿元。
    ```

    ## Fix safety
    Safe: each character becomes its ASCII form; the value is unchanged.
    """

    code = "N101"
    messages = {
        "fullwidth": ("full-width characters '{chars}'; use '{half}'", "全角字符“{chars}”，应为“{half}”"),
    }
    name = "fullwidth-digits"
    severity = Severity.ERROR
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped, m in matches(ctx, _FULLWIDTH_RE, trigger=_FULLWIDTH_CHAR_RE, byline=True):
            half = to_halfwidth_alnum(m.group()).translate(_SYMBOLS)
            yield ctx.finding_in(self, mapped, m.start(), m.end(),
                                 ctx.say(self, "fullwidth", chars=m.group(), half=half),
                                 replacement=half, title=f"Replace with '{half}'", article=article)
