"""D103 dateline-out-of-range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from newskit.model import Article, Dateline, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.datelines.common import issue_date, opening_dateline
from newskit.text.dates import is_valid_date

_LEAP = 2020  # day-of-year arithmetic for year-less dates: a leap year holds every month/day


def _date_in(year: int, d: Dateline) -> dt.date | None:
    return dt.date(year, d.month, d.day) if is_valid_date(d.month, d.day, year) else None


class DatelineOutOfRange(Rule):
    """A dateline after the issue date, long before it, or far from the page's other datelines.

    ## What it does
    With an issue date (`--issue-date`, `issue_date` in config, or a masthead line `2020年3月19日 星期四` at
    the top of the dump), flags an article whose dateline falls after the issue date or more than
    `max_days_before` days before it (a year-less December dateline on a January page is last year's).
    Without one, compares the datelines of the page with each other and flags one more than
    `max_days_apart` days from the page's central date (at least three datelines needed). Only a date that
    opens the lead (`本报讯（…）3月18日，`) or sits in a 电头 counts as a dateline, and only without a year
    (`2018年2月11日上午，…` opening a lead is a story's date, not the filing date).

    ## Why it matters
    A dateline later than the paper is impossible, and one weeks away from the page's news is usually a
    typo (`12月1日` for `3月1日`) or a stale item rerun without its date changed.

    ## Example
    ```text
    (issue date 2020-03-19)
    本报讯（记者 张三）3月21日，……
    ```

    ## Use instead
    ```text
    本报讯（记者 张三）3月18日，……
    ```

    ## Fix safety
    No fix.
    """

    code = "D103"
    messages = {
        "after_issue": ("dateline '{dateline}' is after the issue date {issue}",
                        "电头日期“{dateline}”晚于出版日期 {issue}"),
        "before_issue": ("dateline '{dateline}' is {days} days before the issue date {issue}",
                         "电头日期“{dateline}”比出版日期 {issue} 早 {days} 天"),
        "far_from_page": ("dateline '{dateline}' is {days} days from the page's other datelines (around {month}月{day}日)",
                          "电头日期“{dateline}”与本版其他电头日期（{month}月{day}日前后）相差 {days} 天"),
    }
    name = "dateline-out-of-range"
    severity = Severity.WARNING

    @dataclass(frozen=True)
    class Options:
        max_days_before: int = 31
        max_days_apart: int = 31

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        # A lead that opens with a full date (2018年2月11日上午，…) tells a story; datelines carry no year.
        datelines = [(a, d) for a in ctx.articles
                     if (d := opening_dateline(a)) is not None and d.month and d.day
                     and not (d.year and not d.year_inferred)]
        issue = issue_date(ctx)
        if issue is not None:
            for article, d in datelines:
                yield from self._against_issue(ctx, article, d, issue)
        elif len(datelines) >= 3:
            yield from self._against_page(ctx, datelines)

    def _against_issue(self, ctx: LintContext, article: Article, d: Dateline, issue: dt.date) -> Iterator[Finding]:
        when = _date_in(issue.year, d)
        if when is None:
            return  # an impossible date is D101's
        if when > issue + dt.timedelta(days=60):
            when = _date_in(issue.year - 1, d) or when
        if when > issue:
            yield ctx.finding(self, d.start, d.end,
                              ctx.say(self, "after_issue", dateline=d.text, issue=issue.isoformat()), article=article)
        elif (issue - when).days > self.options.max_days_before:
            yield ctx.finding(self, d.start, d.end,
                              ctx.say(self, "before_issue", dateline=d.text, days=(issue - when).days,
                                      issue=issue.isoformat()), article=article)

    def _against_page(self, ctx: LintContext, datelines: list[tuple[Article, Dateline]]) -> Iterator[Finding]:
        days = [dt.date(_LEAP, d.month, d.day).timetuple().tm_yday for _, d in datelines]

        def apart(x: int, y: int) -> int:
            gap = abs(x - y)
            return min(gap, 366 - gap)

        centre = min(days, key=lambda x: (sum(apart(x, y) for y in days), x))
        limit = self.options.max_days_apart
        close = sum(apart(x, centre) <= limit for x in days)
        if close < 2 or close == len(days):
            return
        ref = dt.date(_LEAP, 1, 1) + dt.timedelta(days=centre - 1)
        for (article, d), x in zip(datelines, days):
            if apart(x, centre) > limit:
                yield ctx.finding(self, d.start, d.end,
                                  ctx.say(self, "far_from_page", dateline=d.text, days=apart(x, centre),
                                          month=ref.month, day=ref.day), article=article)
