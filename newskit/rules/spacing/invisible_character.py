"""S104 invisible-character."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from newskit.model import Applicability, Finding, Fix, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import article_at, dump_holds, trigger

#: C0/C1 controls except tab and newline, zero-width and direction marks, word joiner, BOM inside text, soft
#: hyphen, line/paragraph separators. U+200D (zero-width joiner) is left to emoji sequences.
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e\u2028\u2029"
    "\u2060-\u2064\ufeff]"
)
#: The same class as a registered trigger: whether the dump holds one is answered by the one scan per dump.
_INVISIBLE_CHARS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xAD,
                                     0x200B, 0x200C, 0x200E, 0x200F, *range(0x202A, 0x202F), 0x2028, 0x2029,
                                     *range(0x2060, 0x2065), 0xFEFF]))
_INVISIBLE_TRIGGER = trigger(_INVISIBLE_RE.pattern, _INVISIBLE_CHARS)


class InvisibleCharacter(Rule):
    """Control or invisible characters in the text: U+200B, U+FEFF, U+00AD, C0 controls.

    ## What it does
    Flags control characters (other than tab and line end), zero-width spaces and non-joiners, direction
    marks and embeddings, the word joiner, a byte-order mark inside the text, the soft hyphen and Unicode
    line/paragraph separators — anywhere in the dump, including text no record claims.

    ## Why it matters
    They are invisible on screen but break search, counting and typesetting; they come from web copy,
    Word documents and broken conversions (lint-md `no-special-characters`, textlint
    `no-invalid-control-character`).

    ## Example
    ```text
    会议​指出（a zero-width space between 议 and 指）
    ```

    ## Use instead
    ```text
    会议指出
    ```

    ## Fix safety
    Safe: the character is deleted; it has no visible form to lose.
    """

    code = "S104"
    messages = {
        "invisible": ("invisible character U+{code} ({label})", "不可见字符 U+{code}（{label}）"),
    }
    name = "invisible-character"
    severity = Severity.ERROR
    fixable = Applicability.SAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if not dump_holds(ctx, _INVISIBLE_TRIGGER):
            return
        text = ctx.doc.text
        for m in _INVISIBLE_RE.finditer(text):
            ch = m.group()
            label = unicodedata.name(ch, "control character")
            yield ctx.finding(self, m.start(), m.end(), ctx.say(self, "invisible", code=f"{ord(ch):04X}", label=label),
                              fix=Fix.replace(m.start(), m.end(), "", title=f"Delete U+{ord(ch):04X}"),
                              article=article_at(ctx, m.start()))

