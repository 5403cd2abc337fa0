"""N102 chinese-year-zero."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import matches, trigger

#: A four-digit Chinese-numeral year with a wrong zero: 零, ○ (U+25CB), Latin O/o, full-width Ｏ, digit 0.
_YEAR_RE = re.compile("(?<![一二三四五六七八九〇零○OoＯ0])[一二三四五六七八九〇零○OoＯ0]{4}(?=年)")
_WRONG_ZERO = re.compile("[零○OoＯ0]")
#: A Chinese digit touching a wrong zero: the cheap test run on the whole dump first.
#: A zero-like character beside a Chinese numeral (registered: confirmed in the one trigger scan per dump).
_TRIGGER_RE = trigger("[一二三四五六七八九〇][零○OoＯ0]|[零○OoＯ0][一二三四五六七八九〇]", "零○OoＯ0")
_HAN_DIGIT = re.compile("[一二三四五六七八九]")


class ChineseYearZero(Rule):
    """A Chinese-numeral year written with `零` or a letter `O`: `二零二〇年`, `二O二〇年`.

    ## What it does
    Flags four-character Chinese-numeral years whose zero is `零`, a white circle `○`, a Latin `O`, a
    full-width `Ｏ` or a digit `0` instead of `〇` (U+3007).

    ## Why it matters
    GB/T 15835-2011 writes the zero of a Chinese-numeral year as `〇` (`二〇〇八年`). `零` is the number word,
    and a letter or a circle is a lookalike that the 差错 scheme counts as an error (字母与符号混用).

    ## Example
    ```text
    二零二〇年新年贺词；二O二〇年工作计划
    ```

    ## Use instead
    ```text
    二〇二〇年新年贺词；二〇二〇年工作计划
    ```

    ## Fix safety
    Safe: only the zero characters of the year are replaced by `〇`.
    """

    code = "N102"
    messages = {
        "zero": ("year '{year}年' uses a wrong zero; write '{fixed}年'", "年份“{year}年”的零写错了，应为“{fixed}年”"),
    }
    name = "chinese-year-zero"
    severity = Severity.ERROR
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped, m in matches(ctx, _YEAR_RE, trigger=_TRIGGER_RE):
            year = m.group()
            if not _WRONG_ZERO.search(year) or len(_HAN_DIGIT.findall(year)) < 2:
                continue  # plain digits (2020年) or not a numeral year at all
            fixed = _WRONG_ZERO.sub("〇", year)
            yield ctx.finding_in(self, mapped, m.start(), m.end(),
                                 ctx.say(self, "zero", year=year, fixed=fixed),
                                 replacement=fixed, title=f"Replace with '{fixed}'", article=article)
