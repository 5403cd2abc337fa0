"""Pure calendar helpers for Chinese dates: validity, weekdays, candidate years, numeral styles.

Everything here is stdlib ``datetime``/``calendar``; no text is ever parsed with a general date parser
(dateparser and JioNLP both accept a wrong weekday silently — see split_anchors.md §e).

Weekdays are ``datetime.date.weekday()`` numbers: 0 = Monday … 6 = Sunday.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

#: The weekday character after 星期/周/礼拜; 日 and 天 are both Sunday.
WEEKDAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

_DIGIT = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "Ｏ": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

#: Years a year-less date is resolved against when nothing else is known.
DEFAULT_YEAR_RANGE = (1949, 2100)

_WEEKDAY_RE = re.compile(r"(?:星期|礼拜|周)([一二三四五六日天])")
_CN_YEAR_CHARS = "〇零○OoＯ一二三四五六七八九"
_AR_MONTH = r"1[0-2]|0?[1-9]"
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_AR_DAY = r"3[01]|[12][0-9]|0?[1-9]"
_CN_DAY = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_SP = "[ \u3000]?"

#: ``[YEAR年]M月D日 [（星期X）]`` with Arabic or Chinese numerals in each part. Bounded, no nesting.
DATE_RE = re.compile(
    rf"(?<![0-9０-９.．〇零○一二三四五六七八九十])"
    rf"(?:(?P<year>(?:1[89]|20)[0-9]{{2}}|[{_CN_YEAR_CHARS}]{{4}})年{_SP})?"
    rf"(?P<month>{_AR_MONTH}|{_CN_MONTH})月{_SP}"
    rf"(?P<day>{_AR_DAY}|{_CN_DAY})(?P<suffix>[日号])"
    rf"(?![0-9])"
    rf"(?:{_SP}[（(]?{_SP}(?P<weekday>(?:星期|礼拜|周)[一二三四五六日天])[）)]?)?"
)


def is_valid_date(month: int, day: int, year: int | None = None) -> bool:
    """Whether ``month/day`` exists (in ``year`` when given; 2月29日 is valid when the year is unknown)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    return day <= calendar.monthrange(year, month)[1]


def days_in_month(month: int, year: int | None = None) -> int:
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def parse_weekday(text: str) -> int | None:
    """``星期六`` / ``周六`` / ``礼拜天`` → 5 / 5 / 6; None when the text names no weekday."""
    m = _WEEKDAY_RE.search(text)
    return WEEKDAY_CHARS[m.group(1)] if m else None


def weekday_name(weekday: int) -> str:
    return WEEKDAY_NAMES[weekday]


def weekday_of(year: int, month: int, day: int) -> int | None:
    """The weekday of a date, or None when the date does not exist."""
    if not is_valid_date(month, day, year):
        return None
    return dt.date(year, month, day).weekday()


def years_with_weekday(month: int, day: int, weekday: int,
                       lo: int = DEFAULT_YEAR_RANGE[0], hi: int = DEFAULT_YEAR_RANGE[1]) -> tuple[int, ...]:
    """Every year in ``[lo, hi]`` in which ``month/day`` exists and falls on ``weekday``.

    ``years_with_weekday(2, 29, 5, 1950, 2050)`` → ``(1964, 1992, 2020, 2048)``.
    """
    return tuple(y for y in range(lo, hi + 1) if weekday_of(y, month, day) == weekday)


def nearest_years(years: tuple[int, ...], around: int, count: int = 3) -> tuple[int, ...]:
    """The ``count`` years of ``years`` nearest to ``around``, in ascending order (for messages)."""
    return tuple(sorted(sorted(years, key=lambda y: (abs(y - around), y))[:count]))


def chinese_number(text: str) -> int | None:
    """A small Chinese numeral as used in dates: ``十二`` → 12, ``二十九`` → 29, ``三十一`` → 31, ``五`` → 5.

    Digit strings written digit by digit (``二〇二〇``) go through ``chinese_digits``.
    """
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if "十" not in text:
        return _DIGIT.get(text) if len(text) == 1 else None
    head, _, tail = text.partition("十")
    tens = _DIGIT.get(head, None) if head else 1
    ones = _DIGIT.get(tail, None) if tail else 0
    if tens is None or ones is None:
        return None
    return tens * 10 + ones


def chinese_digits(text: str) -> int | None:
    """Digit-by-digit numerals: ``二〇二〇`` / ``二零二〇`` / ``二O二〇`` → 2020."""
    value = 0
    for ch in text:
        d = _DIGIT.get(ch)
        if d is None:
            return None
        value = value * 10 + d
    return value


def _part(text: str | None) -> tuple[int | None, str]:
    """Parse one date part; the style is "arabic" or "chinese" ("" when absent)."""
    if not text:
        return None, ""
    if text.isascii():
        return int(text), "arabic"
    if "十" in text or len(text) <= 2:
        return chinese_number(text), "chinese"
    return chinese_digits(text), "chinese"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in text: ``2020年2月29日（星期六）``. Offsets are indices into the scanned string."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    weekday: int | None  # the printed weekday, if any
    year_style: str  # "arabic" | "chinese" | ""
    month_style: str
    day_style: str
    year_text: str = ""
    weekday_start: int = -1  # span of the printed weekday
    weekday_end: int = -1

    @property
    def mixed_numerals(self) -> bool:
        """Arabic and Chinese numerals in one date (GB/T 15835: one system per date)."""
        styles = {s for s in (self.year_style, self.month_style, self.day_style) if s}
        return len(styles) > 1

    @property
    def valid(self) -> bool:
        return is_valid_date(self.month, self.day, self.year)


def find_dates(text: str) -> Iterator[DateMention]:
    """Every ``[Y年]M月D日`` date in ``text`` (month 1–12, day 1–31 as written; validity is checked later)."""
    for m in DATE_RE.finditer(text):
        year, ystyle = _part(m.group("year"))
        month, mstyle = _part(m.group("month"))
        day, dstyle = _part(m.group("day"))
        if month is None or day is None:
            continue
        wd_text = m.group("weekday")
        yield DateMention(
            start=m.start(), end=m.end(), year=year, month=month, day=day,
            weekday=WEEKDAY_CHARS[wd_text[-1]] if wd_text else None,
            year_style=ystyle, month_style=mstyle, day_style=dstyle, year_text=m.group("year") or "",
            weekday_start=m.start("weekday") if wd_text else -1,
            weekday_end=m.end("weekday") if wd_text else -1,
        )



def resolve_year(month: int, day: int, reference: dt.date, ahead_days: int = 7) -> int | None:
    """The year that puts ``month/day`` nearest before ``reference`` (+ ``ahead_days``).

    A December dateline on a January page is last year's; 2月29日 resolves to the latest leap year.
    """
    for year in (reference.year + 1, reference.year, reference.year - 1, reference.year - 2,
                 reference.year - 3, reference.year - 4):
        if is_valid_date(month, day, year) and dt.date(year, month, day) <= reference + dt.timedelta(ahead_days):
            return year
    return None
