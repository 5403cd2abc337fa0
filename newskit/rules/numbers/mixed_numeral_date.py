"""N103 mixed-numeral-date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import texts_containing, trigger
from newskit.text.dates import find_dates

#: Year and month in different systems, with no day: `二〇二〇年3月`, `2020年三月`.
_YEAR_MONTH_RE = re.compile(
    "(?<![〇一二三四五六七八九])[〇零○一二三四五六七八九]{4}年(?:1[0-2]|[1-9])月"
    "|(?<![0-9])(?:19|20)[0-9]{2}年(?:十[一二]?|[一二三四五六七八九])月(?![一二三四五六七八九十])"
)
#: A Chinese-numeral year, month or day (registered: confirmed in the one trigger scan per dump).
_TRIGGER_RE = trigger("[〇零○一二三四五六七八九]{4}年|[〇零○一二三四五六七八九十][月日号]", "年月日号")


class MixedNumeralDate(Rule):
    """Arabic and Chinese numerals mixed in one date: `二〇二〇年3月5日`, `2020年三月`.

    ## What it does
    Flags a date whose year, month and day are not all written in the same system — Arabic digits
    throughout (`2020年3月5日`) or Chinese numerals throughout (`二〇二〇年三月五日`).

    ## Why it matters
    GB/T 15835-2011 (同类别同形式): a date is written in one numeral system. Mixed forms usually come from
    an edit that changed part of a date.

    ## Example
    ```text
    二〇二〇年3月5日，会议召开。
    ```

    ## Use instead
    ```text
    2020年3月5日，会议召开。
    ```

    ## Fix safety
    No fix: which system the page wants is the editor's choice.
    """

    code = "N103"
    messages = {
        "mixed": ("date '{date}' mixes Arabic and Chinese numerals", "日期“{date}”混用阿拉伯数字和汉字数字"),
    }
    name = "mixed-numeral-date"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped in texts_containing(ctx, _TRIGGER_RE):
            text = mapped.text
            seen: set[int] = set()
            for d in find_dates(text):
                if d.mixed_numerals:
                    seen.add(d.start)
                    yield ctx.finding_in(self, mapped, d.start, d.end,
                                         ctx.say(self, "mixed", date=text[d.start:d.end]),
                                         article=article)
            for m in _YEAR_MONTH_RE.finditer(text):
                if m.start() not in seen:
                    yield ctx.finding_in(self, mapped, m.start(), m.end(),
                                         ctx.say(self, "mixed", date=m.group()), article=article)
