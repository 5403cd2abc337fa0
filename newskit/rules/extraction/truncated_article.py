"""X104 truncated-article."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Article, Finding, Kind, Paragraph, Severity
from newskit.rules.base import LintContext, Rule
from newskit.text.cjk import HAN, PARAGRAPH_END

#: A credit or sign-off that legitimately ends an article without a full stop.
_CREDIT_END_RE = re.compile(
    f"(?:摄|供图|制图|整理|编译|报道|[（(][^（）()]{{1,30}}[）)]|[{HAN}]{{1,10}}(?:记者|通讯员)[ \u3000]?[{HAN}、 ]{{2,20}})$"
)
#: Shorter than this, a paragraph without a sentence end is a heading, a list line or a sign-off.
MIN_SENTENCE = 20


def _unfinished(p: Paragraph) -> bool:
    text = p.text.rstrip()
    if p.section or len(text) < MIN_SENTENCE:
        return False
    return not text.endswith(tuple(PARAGRAPH_END)) and not _CREDIT_END_RE.search(text)


class TruncatedArticle(Rule):
    """An article that ends mid-sentence, or a paragraph cut off before a section title.

    ## What it does
    Flags an article whose last paragraph stops without a sentence end (`。！？…”）` and the like), and a
    paragraph that stops mid-sentence right before an in-article section title. Short lines (headings,
    list items), credits (`新华社记者 X 摄`) and sign-offs are left alone.

    ## Why it matters
    The rest of the text was lost at a column or page break, or continues on another page without a jump
    line (`下转第3版`). Published that way, the article just stops.

    ## Example
    ```text
    会议要求，要以习近平总书记的讲话为根本遵循，以党的政治建设为统领，以
    ```

    ## Use instead
    ```text
    会议要求，要以习近平总书记的讲话为根本遵循，以党的政治建设为统领，以……为抓手。（下转第2版）
    ```

    ## Fix safety
    No fix: the missing text is not in the dump.
    """

    code = "X104"
    name = "truncated-article"
    severity = Severity.WARNING

    def check_article(self, article: Article, ctx: LintContext) -> Iterator[Finding]:
        if article.kind != Kind.ARTICLE or not article.body:
            return
        body = article.body
        for k, p in enumerate(body):
            last = k == len(body) - 1
            if not _unfinished(p) or not (last or body[k + 1].section):
                continue
            text = p.text.rstrip()
            tail = text[-12:]
            where = "the article ends" if last else "the paragraph stops before a section title"
            yield ctx.finding_in(self, p.source, len(text) - 1, len(text),
                                 f"{where} mid-sentence: '…{tail}'", article=article)
