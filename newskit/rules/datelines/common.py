"""Shared helpers for the D rules: the page's issue date and which datelines really open their article."""

from __future__ import annotations

import datetime as dt
import re

from newskit.model import Article, Dateline
from newskit.rules.base import LintContext

#: A masthead / folio line: ``2020年3月19日 星期四`` alone on a line near the top of the dump.
_MASTHEAD_RE = re.compile(r"^[ \u3000]*((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日[ \u3000]*(?:星期[一二三四五六日天])?[ \u3000]*$",
                          re.MULTILINE)
#: How far into the lead a date may start and still be the article's dateline (``本报讯（…）3月18日，``).
LEAD_SLACK = 3


def issue_date(ctx: LintContext) -> dt.date | None:
    """``--issue-date`` / config, else a masthead line in the first lines of the dump."""
    if ctx.settings.issue_date is not None:
        return ctx.settings.issue_date
    return ctx.once("masthead_date", lambda: _masthead_date(ctx.doc.text))  # several rules ask


def _masthead_date(text: str) -> dt.date | None:
    m = _MASTHEAD_RE.search(text[:2000])
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def opening_dateline(article: Article) -> Dateline | None:
    """The article's dateline when it opens the lead (right after the byline) or sits in a 电头.

    A date further into the lead (`去年8月15日，…`) is an event date, not a dateline.
    """
    d = article.dateline
    if d is None or article.byline is None:
        return None
    b_start, b_end = article.byline.source.start, article.byline.source.end
    if b_start <= d.start < b_end or 0 <= d.start - b_end <= LEAD_SLACK:
        return d
    return None
