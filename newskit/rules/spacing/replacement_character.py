"""S105 replacement-character."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import article_at

_FFFD_RE = re.compile("\ufffd+")


class ReplacementCharacter(Rule):
    """U+FFFD `�` in the text: characters lost in a decoding error.

    ## What it does
    Flags every run of the replacement character U+FFFD anywhere in the dump.

    ## Why it matters
    `�` stands where a converter met bytes it could not decode (a GBK file read as UTF-8, a truncated
    multi-byte character). The original characters are gone: the text must be restored from the source.

    ## Example
    ```text
    市委书记��出席会议
    ```

    ## Use instead
    ```text
    市委书记张三出席会议
    ```

    ## Fix safety
    No fix: the lost characters cannot be recovered from the dump.
    """

    code = "S105"
    messages = {
        "one": ("1 replacement character U+FFFD: text lost in decoding", "1 个替换字符 U+FFFD：解码时丢了文字"),
        "many": ("{n} replacement characters U+FFFD: text lost in decoding", "{n} 个替换字符 U+FFFD：解码时丢了文字"),
    }
    name = "replacement-character"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        text = ctx.doc.text
        if "\ufffd" not in text:
            return
        for m in _FFFD_RE.finditer(text):
            n = m.end() - m.start()
            yield ctx.finding(self, m.start(), m.end(),
                              ctx.say(self, "many", n=n) if n > 1 else ctx.say(self, "one"),
                              article=article_at(ctx, m.start()))
