"""S102 stray-space."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Article, Finding, Kind, MappedText, Severity
from newskit.rules.base import LintContext, Rule
from newskit.text.cjk import HAN

_CJK = HAN + "，。、；：？！“”‘’（）《》"
#: ASCII or ideographic spaces between two Chinese characters (or Chinese punctuation).
_SPACE_RE = re.compile(f"(?<=[{_CJK}])[ \u3000\u00a0]+(?=[{_CJK}])")
_HAN_SPACE_HAN_RE = re.compile(f"(?<=[{HAN}])[ \u3000\u00a0]+(?=[{HAN}])")
#: A credit inside body copy: `新华社记者 张三摄`, `通讯员 李四 摄`, `文/ 王五`.
_CREDIT_BEFORE_RE = re.compile("(?:记者|通讯员|实习生|摄影|供图|制图|编辑|作者|文|图)[/／]?$")
_CREDIT_AFTER_RE = re.compile(f"^摄(?:影)?(?:$|[^{HAN}])|^[{HAN}]{{2,4}}[ \u3000]?摄(?:$|[^{HAN}])")
#: Where a headline clause starts or ends: punctuation or a space.
_CLAUSE_BREAK_RE = re.compile(f"[^{HAN}A-Za-z0-9]")
_OPENERS, _CLOSERS = "“‘《（", "”’》）"


def _inside_pair(text: str, i: int) -> bool:
    """Whether index ``i`` lies inside an open quote or book-title mark (a slogan or title keeps its spaces)."""
    depth = 0
    for ch in text[:i]:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depth > 0


def _clause_around(text: str, i: int, j: int) -> tuple[str, str]:
    """The clause that ends at ``i`` and the one that starts at ``j`` (split at punctuation and spaces)."""
    left_start = max((m.end() for m in _CLAUSE_BREAK_RE.finditer(text, 0, i)), default=0)
    right = _CLAUSE_BREAK_RE.search(text, j)
    return text[left_start:i], text[j:right.start() if right else len(text)]


class StraySpace(Rule):
    """A stray space inside Chinese text or inside a headline.

    ## What it does
    In body paragraphs and captions, flags spaces (ASCII, U+3000, no-break) between two Chinese characters
    or Chinese punctuation. Spaces inside quotes or book-title marks (slogans such as `“齐心防疫 在家学习”`)
    and around credits (`新华社记者 张三摄`) are left alone.

    In headlines a space is also the print convention for separating parallel clauses (`建平台 启服务 助治理
    重党建`, `你们逆行 有我护航`), so a headline space is flagged only when it looks accidental: the same
    words appear unspaced in the article's body, or a single space cuts a short head (2–5 characters) off a
    clause at least 2.5 times as long (`全力推进 农业现代化和城乡一体化建设`). Advertisements and notices are
    skipped: their spaces lay out tables and slogans.

    ## Why it matters
    Chinese text is set without spaces; a space inside a phrase is an OCR or column-join artefact and shows
    as a visible gap in print.

    ## Example
    ```text
    全力推进 农业现代化和城乡一体化建设
    今天 上午，会议　指出
    ```

    ## Use instead
    ```text
    全力推进农业现代化和城乡一体化建设
    今天上午，会议指出
    ```

    ## Fix safety
    Unsafe: deleting the space is almost always right, but a space can be a deliberate separator the rule
    cannot see (a name padded to three cells, a clause break).
    """

    code = "S102"
    name = "stray-space"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        if article.kind in (Kind.ADVERTISEMENT, Kind.NOTICE):
            return
        body_text = "".join(p.text for p in article.body)
        for h in article.headlines:
            yield from self._headline(h.source, body_text, article, ctx)
        for p in article.body:
            if p.section:
                yield from self._headline(p.source, body_text, article, ctx)
            else:
                yield from self._body(p.source, article, ctx)

    def _report(self, mapped: MappedText, i: int, j: int, message: str, article: Article,
                ctx: LintContext) -> Finding:
        return ctx.finding_in(self, mapped, i, j, message, replacement="", applicability=Applicability.UNSAFE,
                              title="Delete the space", article=article)

    def _body(self, mapped: MappedText, article: Article, ctx: LintContext) -> Iterator[Finding]:
        text = mapped.text
        if " " not in text and "\u3000" not in text and "\u00a0" not in text:
            return
        for m in _SPACE_RE.finditer(text):
            i, j = m.span()
            if _CREDIT_BEFORE_RE.search(text, max(0, i - 4), i) or _CREDIT_AFTER_RE.match(text[j:j + 8]):
                continue
            if _inside_pair(text, i):
                continue
            yield self._report(mapped, i, j, "stray space inside Chinese text", article, ctx)

    def _headline(self, mapped: MappedText, body_text: str, article: Article,
                  ctx: LintContext) -> Iterator[Finding]:
        text = mapped.text
        spaces = list(_HAN_SPACE_HAN_RE.finditer(text))
        for m in spaces:
            i, j = m.span()
            left, right = _clause_around(text, i, j)
            joined = left[-4:] + right[:4]
            if len(joined) >= 6 and joined in body_text:
                yield self._report(mapped, i, j, f"stray space in a headline: the body writes '{joined}' unspaced",
                                   article, ctx)
                continue
            if len(spaces) != 1:
                continue  # several spaces: parallel clauses
            short, long_ = sorted((left, right), key=len)
            if 2 <= len(short) <= 5 and len(long_) >= 2.5 * len(short):
                yield self._report(mapped, i, j, "stray space in a headline: it cuts a phrase, not parallel clauses",
                                   article, ctx)
