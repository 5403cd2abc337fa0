"""X102 stray-latin-word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import PROSE_KINDS, matches
from newskit.text.cjk import HAN

#: English function words that never stand alone inside Chinese copy; a content word (APP, iPhone, vlog)
#: may, so only these are flagged.
STRAY_WORDS = frozenset({
    "and", "or", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is", "are", "was",
    "were", "be", "an", "as", "but", "not", "this", "that", "these", "those", "it", "its", "into", "than",
})
#: What a stray word most likely stood for, when the meaning is plain.
_REPLACEMENTS = {"and": "和", "or": "或", "with": "与"}
_LOWER_WORD_RE = re.compile(r"[a-z](?<!\w[a-z])[a-z]{1,4}\b")  # \b[a-z]{2,5}\b, letter first: fast skip
_WORD_RE = re.compile(f"(?<=[{HAN}])([ \u3000]*)([A-Za-z]{{2,5}})([ \u3000]*)(?=[{HAN}])")


def is_stray_word(word: str) -> bool:
    return word in STRAY_WORDS


class StrayLatinWord(Rule):
    """A lone English word inside Chinese text: `平台 and 手机客户端`.

    ## What it does
    Flags an English function word (`and`, `or`, `the`, `of`, `with` …), lower case, standing alone
    between Chinese characters. Content words and abbreviations (`APP`, `5G`, `iPhone`) are left alone.

    ## Why it matters
    A Chinese sentence never needs `and`: such a word comes from machine translation, a bilingual source
    or OCR of a mixed page, and printed it is an obvious error (不同文种混用 in the 差错 scheme).

    ## Example
    ```text
    单位、社区、村镇微博、微信平台 and 手机客户端等多媒介传播
    ```

    ## Use instead
    ```text
    单位、社区、村镇微博、微信平台和手机客户端等多媒介传播
    ```

    ## Fix safety
    Unsafe: `and` → `和`, `or` → `或`, `with` → `与`, spaces around it removed; the right Chinese word
    (`和`, `及`, `、`) depends on the sentence. Other words get no fix.
    """

    code = "X102"
    messages = {
        "word": ("English word '{word}' inside Chinese text", "中文里夹着英文词“{word}”"),
    }
    name = "stray-latin-word"
    severity = Severity.ERROR
    fixable = Applicability.UNSAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, mapped, m in matches(ctx, _WORD_RE, trigger=_LOWER_WORD_RE, kinds=PROSE_KINDS):
            word = m.group(2)
            if not is_stray_word(word):
                continue
            new = _REPLACEMENTS.get(word)
            yield ctx.finding_in(self, mapped, m.start(), m.end(),
                                 ctx.say(self, "word", word=word),
                                 replacement=new, applicability=Applicability.UNSAFE,
                                 title=f"Replace with '{new}'" if new else "", article=article)
