"""S102 stray-space."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit import _core
from newskit.model import Applicability, Article, Finding, MappedText, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.scan import PROSE_KINDS, texts_containing, trigger
from newskit.text.cjk import HAN, is_han

#: Every text holding a stray space holds one of these (a class of its keys: free in the trigger scan).
_ANY_SPACE_RE = trigger("[ \u3000\u00a0]", " \u3000\u00a0")
#: A credit inside body copy: `新华社记者 张三摄`, `通讯员 李四 摄`, `文/ 王五`.
_CREDIT_BEFORE_RE = re.compile("(?:记者|通讯员|实习生|摄影|供图|制图|编辑|作者|文|图)[/／]?$")
_CREDIT_AFTER_RE = re.compile(f"^摄(?:影)?(?:$|[^{HAN}])|^[{HAN}]{{1,4}}[ \u3000]?摄(?:$|[^{HAN}])")
#: Where a headline clause starts or ends: punctuation or a space.
_CLAUSE_BREAK_RE = re.compile(f"[^{HAN}A-Za-z0-9]")
_OPENERS, _CLOSERS = "“‘《（", "”’》）"
#: A numbered label the text follows after a space: 第一条, 第三章, 第2节.
_LABEL_BEFORE_RE = re.compile("第[一二三四五六七八九十百零〇0-9]{1,5}[条章节款部分篇]$|[电讯]$|报道$")
#: An inline subhead: clause, space, clause, then a wide space before any punctuation
#: (`强化创新驱动 助力产业发展　　一是推动…`).
_INLINE_HEADING_RE = re.compile(f"[{HAN}]{{2,20}}(?:\u3000|  )")
#: A space this close to the start of a paragraph follows a label (a place in a round-up, a speaker).
LABEL_WIDTH = 6
_CLAUSE_MARKS = ("，", ",", "；")


def _running_text(text: str) -> bool:
    """Running text: at least one clause break, and a sentence end (before any closing marks) at the close."""
    return text.rstrip("”’」』）)")[-1:] in ("。", "！", "？", "!", "?") and any(c in text for c in _CLAUSE_MARKS)


def _piece_bounds(mapped: MappedText, i: int) -> tuple[int, int]:
    """The printed line (piece) of ``mapped`` that holds text index ``i``."""
    for p in mapped.pieces:
        if p.offset <= i < p.offset + (p.end - p.start):
            return p.offset, p.offset + (p.end - p.start)
    return 0, len(mapped.text)


def _padded(text: str, i: int, j: int) -> bool:
    """A one-character run on either side of the space: a name padded to three cells (`郭 祥`, `于 洋`)."""
    left = i >= 1 and (i == 1 or not is_han(text[i - 2]))
    right = j + 1 >= len(text) or not is_han(text[j + 1])
    return left or right


def _pair_depths(text: str) -> list[int]:
    """``depths[i]``: how many quotes / book-title marks are open before index ``i`` (one pass per text)."""
    depths, depth = [], 0
    for ch in text:
        depths.append(depth)
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depths


def _clause_around(mapped: MappedText, i: int, j: int) -> tuple[str, str]:
    """The clause that ends at ``i`` and the one that starts at ``j``: split at punctuation, spaces and
    printed line breaks (a headline set on two lines is two clauses even when the split joins them)."""
    text = mapped.text
    lo = max((p.offset for p in mapped.pieces if p.offset <= i), default=0)
    hi = min((p.offset for p in mapped.pieces if p.offset > j), default=len(text))
    left_start = max((m.end() for m in _CLAUSE_BREAK_RE.finditer(text, lo, i)), default=lo)
    right = _CLAUSE_BREAK_RE.search(text, j, hi)
    return text[left_start:i], text[j:right.start() if right else hi]


class StraySpace(Rule):
    """A stray space inside Chinese text or inside a headline.

    ## What it does
    In body paragraphs and captions, flags spaces (ASCII, U+3000, no-break) between two Chinese characters.
    Spaces inside quotes or book-title marks (slogans such as `“齐心防疫 在家学习”`), around credits (`新华社记者 张三摄`),
    inside padded names (`郭 祥`), after article labels (`第一条  …`) and runs of two or more spaces (set on
    purpose as separators) are left alone.

    Only running text counts (a paragraph with a clause break that ends in a sentence end); a space in the
    first few characters follows a label (`北京 大年初二，…`). Subheads, slogans and credit lines set as paragraphs
    keep their spaces.

    In headlines a space is also the print convention for separating parallel clauses (`建平台 启服务 助治理 重党建`,
    `你们逆行 有我护航`, `约个导游逛古城 满意`), so a headline space is flagged only with evidence that it is accidental: the
    words on both sides appear unspaced in the article's body (`全力推进 农业现代化和城乡一体化建设` over a body that says
    `全力推进农业现代化和城乡一体化建设`) — both whole clauses, since a body naturally repeats a headline's topic (`机械工业
    平稳运行有亮点`). Advertisements and notices are skipped: their spaces lay out tables and slogans.

    ## Why it matters
    Chinese text is set without spaces; a space inside a phrase is an OCR or column-join artefact and shows as
    a visible gap in print.

    ## Example
    ```text
    全力推进 农业现代化和城乡一体化建设

    本报讯（记者 许珂）3月17日，双方签订协议，全力推进农业现代化和城乡一体化建设，会议 指出要加强合作。
    ```

    ## Use instead
    ```text
    全力推进农业现代化和城乡一体化建设

    本报讯（记者 许珂）3月17日，双方签订协议，全力推进农业现代化和城乡一体化建设，会议指出要加强合作。
    ```

    ## Fix safety
    Unsafe: deleting the space is almost always right, but a space can be a deliberate separator the rule
    cannot see (a name padded to three cells, a clause break).
    """

    code = "S102"
    messages = {
        "body": ("stray space inside Chinese text", "中文中间多了空格"),
        "headline": ("stray space in a headline: the body writes '{joined}' unspaced",
                     "标题里多了空格：正文写作“{joined}”，不空格"),
    }
    name = "stray-space"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        # Only texts holding a space can hold a stray one: the one trigger scan per dump names them, and their
        # runs of spaces between two Han characters are found in one compiled call
        # (rust/newskit-core/src/lint/spaces.rs). Only the texts holding such a run are read here, in reading
        # order: each record's headlines, then its body.
        spaced = list(texts_containing(ctx, _ANY_SPACE_RE, extra=False, kinds=PROSE_KINDS))
        if not spaced:
            return
        runs_in: dict[int, list[tuple[int, int]]] = {}
        for t, i, j in _core.han_spaces_in([mapped.text for _, mapped in spaced]):
            runs_in.setdefault(t, []).append((i, j))
        current: Article | None = None
        for t, runs in runs_in.items():
            article, mapped = spaced[t]
            if article is not current:
                current = article
                body: list[str] = []  # what a headline's clauses are looked up in, joined when first needed
                headings = {id(h.source) for h in article.headlines} | {id(p.source) for p in article.body if p.section}
            if id(mapped) in headings:
                yield from self._headline(mapped, runs, body, article, ctx)
            else:
                yield from self._body(mapped, runs, article, ctx)

    def _report(self, mapped: MappedText, i: int, j: int, message: str, article: Article,
                ctx: LintContext) -> Finding:
        return ctx.finding_in(self, mapped, i, j, message, replacement="", applicability=Applicability.UNSAFE,
                              title="Delete the space", article=article)

    def _body(self, mapped: MappedText, runs: list[tuple[int, int]], article: Article,
              ctx: LintContext) -> Iterator[Finding]:
        text = mapped.text
        depths: list[int] | None = None
        for i, j in runs:
            lo, hi = _piece_bounds(mapped, i)
            if not _running_text(text[lo:hi]) or i - lo < LABEL_WIDTH:
                continue  # a subhead, slogan or credit line; or a label before the text (北京 大年初二，…)
            if j - i > 1:
                continue  # two spaces or more are set on purpose: 第一条  在…, 共建幸福院  舒心享晚年
            if _CREDIT_BEFORE_RE.search(text, max(0, i - 4), i) or _CREDIT_AFTER_RE.match(text[j:j + 8]):
                continue
            if _LABEL_BEFORE_RE.search(text, max(0, i - 8), i) or _padded(text, i, j):
                continue  # 第一条 …, 新华社北京2月5日电 …; a padded name
            if _INLINE_HEADING_RE.match(text, j):
                continue
            depths = depths or _pair_depths(text)
            if depths[i]:
                continue  # inside quotes or book-title marks: a slogan or a title keeps its spaces
            yield self._report(mapped, i, j, ctx.say(self, "body"), article, ctx)

    def _headline(self, mapped: MappedText, runs: list[tuple[int, int]], body: list[str], article: Article,
                  ctx: LintContext) -> Iterator[Finding]:
        """``body``: the record's body text joined, once per record (empty until a clause needs it)."""
        for i, j in runs:
            if j - i > 1:
                continue  # a wide space separates parallel clauses
            left, right = _clause_around(mapped, i, j)
            joined = left + right
            if len(left) < 3 or len(right) < 3 or len(joined) < 10:
                continue
            if not body:
                body.append("".join(p.text for p in article.body))
            if joined in body[0]:
                yield self._report(mapped, i, j, ctx.say(self, "headline", joined=joined),
                                   article, ctx)
