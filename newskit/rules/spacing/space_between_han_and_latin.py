"""S103 space-between-han-and-latin."""

from __future__ import annotations

from collections.abc import Iterator

from newskit import _core
from newskit.model import Applicability, Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import PROSE_KINDS, texts_containing, trigger
from newskit.rules.extraction.stray_latin_word import is_stray_word

_ANY_SPACE_RE = trigger("[ \t\u00a0]", " \t\u00a0")  # every match holds one: the cheap test
_URL_STARTS = frozenset({"http", "https", "www", "ftp"})


class SpaceBetweenHanAndLatin(Rule):
    """Space between a Chinese character and a Latin letter (newspaper profile).

    ## What it does
    Flags spaces between a Chinese character and a Latin letter, in either order (`使用 APP 办理`). Runs in
    the `newspaper` profile only. A lone English word inside Chinese (`平台 and 手机`) is X102's finding,
    not this rule's; advertisements and notices are skipped.

    ## Why it matters
    Chinese newspapers set Latin abbreviations and names flush with the Chinese text (`5G网络`, `APP客户端`);
    the web convention of spacing them (中文文案排版指北, autocorrect) is not the print convention. In a
    dump the space is an extraction artefact.

    ## Example
    ```text
    本报讯（记者 张三）3月18日，群众可下载 APP 办理业务。
    ```

    ## Use instead
    ```text
    本报讯（记者 张三）3月18日，群众可下载APP办理业务。
    ```

    ## Fix safety
    Safe: only the spaces are deleted.
    """

    code = "S103"
    messages = {
        "space": ("space between Chinese and '{word}'", "中文与“{word}”之间有空格"),
    }
    name = "space-between-han-and-latin"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    profiles = frozenset({"newspaper"})

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        # The texts holding a space (the one trigger scan per dump names them), their runs of spaces between
        # Han and an ASCII letter, with the Latin word beside each, found in one compiled call
        # (rust/newskit-core/src/lint/spaces.rs): spaces are common in dumps, these are rare.
        read = list(texts_containing(ctx, _ANY_SPACE_RE, extra=False, kinds=PROSE_KINDS))
        for t, i, j, word_start, word_end in _core.han_latin_spaces_in([mapped.text for _, mapped in read]):
            article, mapped = read[t]
            word = mapped.text[word_start:word_end]
            if is_stray_word(word) or j - i > 1 or word.lower() in _URL_STARTS:
                continue  # X102's word; a wide space set on purpose; a web address
            yield ctx.finding_in(self, mapped, i, j, ctx.say(self, "space", word=word),
                                 replacement="", title="Delete the space", article=article)
