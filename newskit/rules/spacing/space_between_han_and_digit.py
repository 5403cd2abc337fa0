"""S101 space-between-han-and-digit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Finding, MappedText, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import NON_AD_KINDS, matches, trigger
from newskit.text.cjk import HAN

#: ASCII space, tab or no-break space between a Han character and an ASCII digit, either order.
#: (The pattern starts with the space and looks back from it: a leading class lets the regex engine skip to
#: the next space instead of trying a lookbehind at every character — 8x faster.)
_SPACE_RE = re.compile(f"[ \\t\u00a0](?:(?<=[{HAN}].)[ \\t\u00a0]*(?=[0-9])|(?<=[0-9].)[ \\t\u00a0]*(?=[{HAN}]))")
#: Every match holds one; a single character, so it is found in the dump even when the match spans a
#: rejoined break (``已建立 ⏎⏎ 289个``).
_SPACE_CHAR_RE = trigger("[ \\t\u00a0]", " \t\u00a0")


class SpaceBetweenHanAndDigit(Rule):
    """Space between a Chinese character and a digit (newspaper profile).

    ## What it does
    Flags spaces between a Chinese character and an Arabic digit, in either order (`289 个`, `今年 9 月`).
    Runs in the `newspaper` profile only: the `web` profile follows the on-screen convention that spaces
    them. Advertisement records are skipped, since their spaces align table cells.

    ## Why it matters
    Print typesetting spaces Chinese and digits itself, and GB/T 15835-2011 writes its own examples
    unspaced (`2008年8月8日`). In a dump the space is an OCR or PDF-extraction artifact; printed, it shows
    as a gap in the middle of a number phrase.

    ## Example
    ```text
    该县已建立 289 个监督服务微信群，今年 9 月起运行。
    ```

    ## Use instead
    ```text
    该县已建立289个监督服务微信群，今年9月起运行。
    ```

    ## Fix safety
    Safe: the fix deletes only the spaces; letters, digits and punctuation stay as they are. Spaces on a
    rejoined line break are reported without a fix.
    """

    code = "S101"
    messages = {
        "space": ("space between Chinese and a digit; print them unspaced", "中文与数字之间有空格，应紧排"),
    }
    name = "space-between-han-and-digit"
    severity = Severity.ERROR
    fixable = Applicability.SAFE
    profiles = frozenset({"newspaper"})

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        message = ctx.say(self, "space")
        by_text: dict[int, tuple[MappedText, list]] = {}  # id(text) -> (text, rows): built text by text
        for article, mapped, m in matches(ctx, _SPACE_RE, trigger=_SPACE_CHAR_RE, byline=True, kinds=NON_AD_KINDS):
            rows = by_text.setdefault(id(mapped), (mapped, []))[1]
            rows.append((m.start(), m.end(), message, self.severity, article.uri, "", Applicability.SAFE,
                         "Remove the space"))
        for mapped, rows in by_text.values():
            yield from ctx.findings_in(self, mapped, rows)
