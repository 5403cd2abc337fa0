"""B101 broken-byline."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Applicability, Article, Edit, Finding, Fix, Severity
from newskit.rules.base import LintContext, Rule
from newskit.text.cjk import HAN

#: A blank line (possibly holding spaces) between two printed pieces of the byline.
_BLANK_LINE_RE = re.compile(r"\n[ \t\u3000]*\n")
_WHITESPACE_RE = re.compile(r"\s+")
_HAN_RE = re.compile(f"[{HAN}]")
#: Names in the byline separated by a space (`记者 张三 李四`): the break most likely replaced such a space.
_SPACED_NAMES_RE = re.compile(f"[{HAN}] +[{HAN}]")


class BrokenByline(Rule):
    """Byline broken across paragraphs.

    ## What it does
    Flags a byline whose text is printed in two or more paragraphs of the dump, with a blank line in the
    middle (`本报讯（邹红辉 通讯员 陆意` / blank line / `刘紫星）11月30日，…`). The splitter rejoins it into one
    byline; this rule reports the break so the page can be corrected.

    ## Why it matters
    A byline split by a column or page break reads as two paragraphs: the second half of the credit list
    opens a paragraph of body text, and archive search, roster checks and credit extraction miss the names
    after the break.

    ## Example
    ```text
    本报讯（邹红辉 通讯员 陆意

    刘紫星）11月30日，年逾七旬的刘奶奶一大早赶到学校。
    ```

    ## Use instead
    ```text
    本报讯（邹红辉 通讯员 陆意 刘紫星）11月30日，年逾七旬的刘奶奶一大早赶到学校。
    ```

    ## Fix safety
    Unsafe: the fix replaces the blank line(s) inside the byline with one space when the byline separates
    names with spaces and the break falls between two Chinese characters, and with nothing otherwise.
    Whether the break replaced a space (between two names) or nothing (inside one name, `阳` / `诗华`) is a
    guess, so the fix is applied only with `--unsafe-fixes`. A break with printed text inside it (a caption
    set between the two halves) gets no fix.
    """

    code = "B101"
    messages = {
        "broken": ("byline broken across paragraphs (lines {first}–{last}); join it into one paragraph",
                   "署名被拆成几段（第 {first}–{last} 行），应合为一段"),
    }
    name = "broken-byline"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        byline = article.byline
        if byline is None or len(byline.source.pieces) < 2:
            return
        text = ctx.doc.text
        pieces = byline.source.pieces
        gaps = [
            (p.end, q.start) for p, q in zip(pieces, pieces[1:])
            if _BLANK_LINE_RE.search(text, p.end, q.start)
        ]
        if not gaps:
            return
        spaced = _SPACED_NAMES_RE.search(byline.text) is not None
        edits = []
        for start, end in gaps:
            if _WHITESPACE_RE.fullmatch(text, start, end) is None:
                edits = []  # printed text inside the break: joining would have to move it
                break
            between_han = (start > 0 and end < len(text)
                           and _HAN_RE.match(text[start - 1]) and _HAN_RE.match(text[end]))
            edits.append(Edit(start, end, " " if spaced and between_han else ""))
        fix = Fix(tuple(edits), Applicability.UNSAFE, "Join the byline into one paragraph") if edits else None
        first, last = ctx.doc.line_of(pieces[0].start), ctx.doc.line_of(max(pieces[-1].end - 1, pieces[-1].start))
        yield ctx.finding(
            self, pieces[0].start, pieces[-1].end,
            ctx.say(self, "broken", first=first, last=last),
            fix=fix, article=article,
        )
