"""B106 unknown-staff-name."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.bylines.common import byline_span, bylines


def near_miss(name: str, roster: tuple[str, ...]) -> str | None:
    """The roster name one edit away from ``name`` (``胡建君`` for ``胡建军``), or None.

    Two-character names must keep their surname: one edit away is half the name.
    """
    if not name or name in roster:
        return None
    hit = extractOne(name, roster, scorer=Levenshtein.distance, score_cutoff=1)
    if hit is None:
        return None
    candidate = hit[0]
    if len(candidate) != len(name) or (len(name) <= 2 and candidate[0] != name[0]):
        return None
    return candidate


class UnknownStaffName(Rule):
    """A byline name one character away from a name on the staff roster: `胡建君` for `胡建军`.

    ## What it does
    When `[tool.newskit] roster` lists the staff, flags byline and photo-credit names that are not on it
    but differ from a roster name by one character (a substitution, insertion or deletion, matched with
    rapidfuzz). Names far from every roster name (contributors, guests) are not reported.

    ## Why it matters
    A reporter's name misspelt in print is a 差错 and a correction; OCR confuses similar characters
    (`军`/`君`, `己`/`已`) exactly in names, which no dictionary can check.

    ## Example
    ```text
    本报讯（记者 胡建君）        # roster: 胡建军
    ```

    ## Use instead
    ```text
    本报讯（记者 胡建军）
    ```

    ## Fix safety
    No fix: a new staff member may share all but one character with a colleague.
    """

    code = "B106"
    messages = {
        "unknown": ("'{name}' is not on the staff roster; did you mean '{candidate}'?",
                    "“{name}”不在采编人员名单上，是否应为“{candidate}”？"),
    }
    name = "unknown-staff-name"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        roster = tuple(ctx.settings.roster)
        if not roster:
            return
        for article, byline in bylines(ctx.articles) + bylines(ctx.articles, captions=True):
            for credit in byline.credits:
                name = credit.name.replace(" ", "").replace("\u3000", "")
                candidate = near_miss(name, roster)
                if candidate:
                    start, end = byline_span(byline)
                    yield ctx.finding(self, start, end,
                                      ctx.say(self, "unknown", name=name, candidate=candidate),
                                      article=article)
