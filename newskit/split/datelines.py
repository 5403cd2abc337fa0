"""Datelines as records. Finding them (``3月18日``, ``3月17日下午``, ``2月29日 星期六``, vague ``近日``/``日前``) and the
page's year is compiled: rust/newskit-core/src/split/dates.rs."""

from __future__ import annotations

import datetime as dt

from newskit.model import Dateline


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
