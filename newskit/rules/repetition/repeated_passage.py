"""R201 repeated-passage."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.dedupe import Passage, find_duplicates
from newskit.model import Article, Finding, Severity
from newskit.rules.base import LintContext, Rule

#: Sentence ends (with any closing marks after them).
_SENTENCE_RE = re.compile("[^。！？!?]+[。！？!?]+[”’）」』]*")
#: Shorter sentences repeat legitimately (`会议指出。`); paragraphs use dedupe's own 15-character floor.
MIN_SENTENCE_CHARS = 15


class RepeatedPassage(Rule):
    """A sentence or paragraph printed twice inside one article.

    ## What it does
    Finds paragraphs of an article printed again in the same article — whole, inside a longer paragraph,
    or as a left-over fragment — and sentences repeated in two different paragraphs. Matching is the
    `newskit dedupe` engine's (width, punctuation, spaces and line breaks ignored; near copies found);
    this rule reports the later copy.

    ## Why it matters
    Layout and OCR print a paragraph twice when a text frame is duplicated or a column overflows
    (seed `000`: a paragraph, then the same paragraph inside a longer one, then a fragment of it). Readers
    notice at once.

    ## Example
    ```text
    据了解，建行衡阳分行近两年来累计投放贷款超过5.6亿元。市农业农村局相关负责人介绍，协议签订后……

    据了解，建行衡阳分行近两年来累计投放贷款超过5.6亿元。
    ```

    ## Use instead
    ```text
    据了解，建行衡阳分行近两年来累计投放贷款超过5.6亿元。市农业农村局相关负责人介绍，协议签订后……
    ```

    ## Fix safety
    No fix: which copy is the intended one (and whether the fragment completes another paragraph) needs
    an editor.
    """

    code = "R201"
    name = "repeated-passage"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        paragraphs: list[Passage] = []
        sentences: list[Passage] = []
        owner: dict[int, tuple[Article, int]] = {}
        for article in ctx.articles:
            for k, p in enumerate(article.body):
                if p.section:
                    continue
                paragraphs.append(Passage(text=p.text, path=ctx.path, article=article.uri, source=p.source,
                                          document=ctx.doc, ref=(article, k, 0)))
                for m in _SENTENCE_RE.finditer(p.text):
                    if len(m.group()) >= MIN_SENTENCE_CHARS and m.end() - m.start() < len(p.text):
                        sentences.append(Passage(text=m.group(), path=ctx.path, article=article.uri,
                                                 source=p.source, document=ctx.doc, ref=(article, k, m.start())))
        reported: set[tuple[str, int]] = set()
        for passages, unit, min_chars in ((paragraphs, "paragraph", 15), (sentences, "sentence", 12)):
            if len(passages) < 2:
                continue
            for dup in find_duplicates(passages, min_chars=min_chars):
                first, again = sorted((dup.a, dup.b), key=lambda loc: loc.passage)
                pa, pb = passages[first.passage], passages[again.passage]
                (art_a, k_a, off_a), (art_b, k_b, off_b) = pa.ref, pb.ref
                if art_a is not art_b or (unit == "sentence" and k_a == k_b):
                    continue
                key = (art_b.uri, k_b)
                if key in reported:
                    continue
                reported.add(key)
                if dup.relation != "contained":
                    what = "printed twice in this article"
                elif dup.a is again:
                    what = "repeats text printed earlier in this article"
                else:
                    what = "repeats an earlier one inside a longer text"
                line = ctx.doc.position(pa.source.to_source(off_a + first.start))[0]
                yield ctx.finding_in(self, pb.source, off_b + again.start, off_b + again.end,
                                     f"{unit} {what} (first at line {line})", article=art_b)
