"""P105 mixed-quote-styles."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import matches, trigger

_CORNER_PAIR_RE = re.compile(r"「([^「」\n]{0,80})」|『([^『』\n]{0,80})』")
_CURLY_RE = re.compile("[“”]")
_CORNER_RE = trigger("[「」『』]", "「」『』")
_TO_CURLY = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


class MixedQuoteStyles(Rule):
    """Corner quotes `「」` in a dump that uses curly quotes `“”`.

    ## What it does
    When a dump uses curly quotes `“”`, flags every pair of corner quotes `「」` / `『』` in it. A dump that
    uses corner quotes only (traditional-style copy) is left alone.

    ## Why it matters
    GB/T 15834-2011 sets simplified horizontal text with `“”` and `‘’`; `「」` is the vertical and
    traditional form. Both styles on one page means copy pasted from another source was not normalised.

    ## Example
    ```text
    筑牢抗疫「红色防线」：他们发出“让社区党员做战‘疫’先锋”的号召。
    ```

    ## Use instead
    ```text
    筑牢抗疫“红色防线”：他们发出“让社区党员做战‘疫’先锋”的号召。
    ```

    ## Fix safety
    Safe: `「」` becomes `“”` and `『』` becomes `‘’`, both marks of a pair at once; a pair that spans a
    rejoined break is reported without a fix.
    """

    code = "P105"
    messages = {
        "corner": ("corner quotes '{open}{close}' on a page set with '“”'; use '{curly_open}{curly_close}'",
                   "本版用“”引号，此处却用直角引号“{open}{close}”，应为“{curly_open}{curly_close}”"),
    }
    name = "mixed-quote-styles"
    severity = Severity.WARNING
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if _CURLY_RE.search(ctx.doc.text) is None:
            return  # corner quotes alone are a consistent house style
        for article, mapped, m in matches(ctx, _CORNER_PAIR_RE, trigger=_CORNER_RE, byline=True):
            curly = m.group().translate(_TO_CURLY)
            yield ctx.finding_in(
                self, mapped, m.start(), m.end(),
                ctx.say(self, "corner", open=m.group()[0], close=m.group()[-1], curly_open=curly[0], curly_close=curly[-1]),
                replacement=curly, title=f"Replace with '{curly}'", article=article,
            )
