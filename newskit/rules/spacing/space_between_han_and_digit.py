"""S101 space-between-han-and-digit."""

from __future__ import annotations

from collections.abc import Iterator

from newskit import _core
from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import NON_AD_KINDS, texts_containing, trigger

#: Every space S101 reports holds one; a single character, so it is found in the dump even when the space
#: sits at a rejoined break (``已建立 ⏎⏎ 289个``).
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
        # The texts holding a space (the one trigger scan per dump names them), their spaces between Han and
        # a digit found in one compiled call (rust/newskit-core/src/lint/spaces.rs).
        message = ctx.say(self, "space")
        read = list(texts_containing(ctx, _SPACE_CHAR_RE, byline=True, kinds=NON_AD_KINDS))
        by_text: dict[int, list] = {}  # text -> rows, built text by text
        for k, i, j in _core.han_digit_spaces_in([mapped.text for _, mapped in read]):
            by_text.setdefault(k, []).append((i, j, message, self.severity, read[k][0].uri, "", Applicability.SAFE,
                                              "Remove the space"))
        for k, rows in by_text.items():
            yield from ctx.findings_in(self, read[k][1], rows)
