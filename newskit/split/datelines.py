"""Datelines (``3月18日``, ``3月17日下午``, ``2月29日 星期六``, vague ``近日``/``日前``) and the page's year."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from newskit.model import Dateline

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
DATE = re.compile(
    r"(?:(?P<y>(?:19|20)\d\d)年)?(?<!\d)(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"(?:\s*(?:星期|周)(?P<wd>[一二三四五六日天]))?"
    r"(?P<tod>上午|下午|晚上|晚间|凌晨|中午|早上|清晨|傍晚|夜间|晚|早)?"
)
#: Vague datelines count only where they open a clause (``近日，``), not inside a quote (``近期水泥硬化``).
VAGUE = re.compile(r"(?P<v>近日|日前|近期|连日来|前不久|近来|日来)(?=[，,])")

#: A year named as the current one: ``2020年是…``, ``做好2020年公安工作``, ``2020年，全市…``. A year followed
#: by a month (``2018年12月创建的``) or 度 is history, not the page's year.
#: (The "no digit before" test sits after the century digits — ``(?<!\d..)`` looks three characters back — so
#: the pattern starts with a literal and the regex engine skips ahead to each ``19``/``20`` instead of trying
#: every position: 7x faster over a page.)
_PRESENT_YEAR = re.compile(r"(?:19|20)(?<!\d..)\d\d年(?=是|，|,|全|党的|创建|工作|冲刺|将|要|的?目标|重点|春|两会|新年)")


def infer_year(text: str) -> int | None:
    """The page's year when the dump names it as the current year; None when it only names past years."""
    years = Counter(int(m.group()[:4]) for m in _PRESENT_YEAR.finditer(text))
    if not years:
        return None
    top = max(years.values())
    return max(y for y, n in years.items() if n == top)


def find_dateline(text: str, year: int | None) -> Dateline | None:
    """The first date or vague dateline in ``text`` (a lead paragraph or a 电头); offsets index ``text``."""
    dm = DATE.search(text)
    vm = VAGUE.search(text)
    if vm and (not dm or vm.start() < dm.start()):
        return Dateline(text=vm.group("v"), vague=True, start=vm.start(), end=vm.end())
    if not dm:
        return None
    month, day = int(dm.group("m")), int(dm.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    explicit = dm.group("y")
    y = int(explicit) if explicit else year
    wd = dm.group("wd")
    return Dateline(
        text=dm.group(0), month=month, day=day, year=y,
        year_inferred=bool(y and not explicit), weekday=_WEEKDAYS[wd] if wd else None,
        start=dm.start(), end=dm.end(),
    )


def dateline_record(d: Dateline) -> dict:
    date = None
    if d.year and d.month and d.day:
        try:
            date = dt.date(d.year, d.month, d.day).isoformat()
        except ValueError:  # 2月30日: kept as printed, no calendar date (lint reports it)
            date = None
    rec = {"text": d.text, "month": d.month, "day": d.day, "date": date, "year_inferred": d.year_inferred}
    if d.vague:
        rec["vague"] = True
    if d.weekday is not None:
        rec["weekday"] = d.weekday
    return rec
