"""D102 weekday-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.datelines.common import issue_date
from newskit.rules.scan import texts_containing, trigger
from newskit.text.dates import find_dates, nearest_years, weekday_name, weekday_of, years_with_weekday

#: A printed weekday, as a date's weekday is read (newskit.text.dates): a text without one holds no finding
#: (registered: the one trigger scan per dump).
_WEEKDAY_RE = trigger("(?:星期|礼拜|周)[一二三四五六日天]", "星礼周")

#: How far either side of the year the message looks for years where the date has the printed weekday.
CANDIDATE_SPAN = 40


class WeekdayMismatch(Rule):
    """A date whose printed weekday is wrong for its year: `2020年3月5日 星期三`.

    ## What it does
    For each date printed with a weekday (`3月5日 星期四`, `2月29日（周六）`), takes the year — written in the date, else
    the page's year (named in the dump, or the issue date) — and checks the weekday. A date without a year is
    checked against the page's year only where it heads its line (a diary head, a dateline); inside a story it
    may refer to any year. With no year known nothing is reported: every month/day falls on every weekday in
    some year. The message names the years in which the date does fall on the printed weekday (`2月29日 星期六`:
    1992, 2020, 2048).

    ## Why it matters
    A wrong weekday is a knowledge error readers catch at once; date parsers (dateparser, JioNLP) accept it
    silently. On a 2020 page `2月29日 星期六` is right and must not be flagged.

    ## Example
    ```text
    2020年3月5日 星期三 天气晴
    ```

    ## Use instead
    ```text
    2020年3月5日 星期四 天气晴
    ```

    ## Fix safety
    No fix: the date may be the wrong part, not the weekday.
    """

    code = "D102"
    messages = {
        "mismatch": ("{month}月{day}日 was a {actual} in {year}{source}, not a {printed}; it is a {printed} in {near}",
                     "{year}年{source}{month}月{day}日是{actual}，不是{printed}；{near}年的这一天才是{printed}"),
        "page_year": (" (the page's year)", "（本版年份）"),
    }
    name = "weekday-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        # The one trigger scan per dump names the texts holding a weekday (most dumps have a few); a dump
        # with none is done before its masthead date is read.
        found = list(texts_containing(ctx, _WEEKDAY_RE, byline=True))
        if not found:
            return
        issue = issue_date(ctx)
        page_year = ctx.year or (issue.year if issue else None)
        for article, mapped in found:
            t = mapped.text
            for d in find_dates(t):
                if d.weekday is None:
                    continue
                if d.year is None and d.start > 1:
                    continue  # a year-less date inside a story may be years back: 2016年…11月28日（星期一）
                year = d.year or page_year
                if year is None:
                    continue
                actual = weekday_of(year, d.month, d.day)
                if actual is None or actual == d.weekday:
                    continue  # an impossible date is D101's
                years = years_with_weekday(d.month, d.day, d.weekday, year - CANDIDATE_SPAN, year + CANDIDATE_SPAN)
                near = "、".join(str(y) for y in nearest_years(years, year))
                source = "" if d.year else ctx.say(self, "page_year")
                yield ctx.finding_in(
                    self, mapped, d.weekday_start, d.weekday_end,
                    ctx.say(self, "mismatch", month=d.month, day=d.day, year=year, source=source, near=near,
                            actual=weekday_name(actual), printed=weekday_name(d.weekday)),
                    article=article,
                )
