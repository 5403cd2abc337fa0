"""D101 invalid-date."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts_containing, trigger
from newskit.text.dates import days_in_month, find_dates

_TRIGGER_RE = trigger("(?:3[01]|29|30|三十一?|二十九)[日号]", "日号")


class InvalidDate(Rule):
    """A date that does not exist: `2月30日`, `4月31日`, `2021年2月29日`.

    ## What it does
    Checks every `M月D日` date in headlines, bylines and body text (Arabic or Chinese numerals): the day must
    exist in that month. `2月29日` needs a leap year: the date's own year, else the page's year; with no
    year known it is accepted.

    ## Why it matters
    A date that cannot exist is a knowledge error (知识性差错, weighted double in the 差错 count), usually a
    slip of one digit — the reader cannot tell which one.

    ## Example
    ```text
    4月31日，全市召开会议；2021年2月29日起实施。
    ```

    ## Use instead
    ```text
    4月30日，全市召开会议；2021年3月1日起实施。
    ```

    ## Fix safety
    No fix: the intended date is not knowable.
    """

    code = "D101"
    messages = {
        "invalid": ("'{written}' does not exist: {where} has {limit} days",
                    "“{written}”不存在：{where}只有 {limit} 天"),
    }
    name = "invalid-date"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped in texts_containing(ctx, _TRIGGER_RE, byline=True):
            for d in find_dates(mapped.text):
                if d.day <= 28:
                    continue
                year = d.year or (ctx.year if (d.month, d.day) == (2, 29) else None)
                limit = days_in_month(d.month, year)
                if d.day <= limit:
                    continue
                written = mapped.text[d.start:d.end]
                where = f"{year}年{d.month}月" if year and d.month == 2 else f"{d.month}月"
                yield ctx.finding_in(self, mapped, d.start, d.end,
                                     ctx.say(self, "invalid", written=written, where=where, limit=limit), article=article)
