"""R201 repeated-passage."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit import _core
from newskit.dedupe import Passage, find_duplicates
from newskit.model import Article, Finding, Kind, Paragraph, Severity
from newskit.rules.base import LintContext, Rule

#: Sentence ends (with any closing marks after them).
_SENTENCE_RE = re.compile("[^。！？!?]+[。！？!?]+[”’）」』]*")


#: One paragraph of a run: (record, index in its body, paragraph).
Slot = tuple[Article, int, Paragraph]


def runs(articles: list[Article]) -> list[list[Slot]]:
    """Body paragraphs grouped by article; a fragment record (text the split could not attach, such as a
    paragraph's second printing) continues the record before it."""
    out: list[list[Slot]] = []
    for article in articles:
        slots = [(article, k, p) for k, p in enumerate(article.body) if not p.section]
        if out and article.kind == Kind.FRAGMENT:
            out[-1].extend(slots)
        else:
            out.append(slots)
    return out


def shared_clauses(runs: list[list[Slot]]) -> dict[int, tuple[list[int], set[str]]]:
    """For each run (by index, in order) where paragraphs at most MAX_GAP apart share a clause of 8+
    characters: their positions in the run (sorted) and those clauses. A clause long enough that two copies of
    it are worth a look — a run between the marks ``，。！？；：,.!?;:、“”‘’（）()《》`` and whitespace — is the
    cheap test that picks the articles the dedupe engine then compares (most articles share no clause at all
    and never reach it); compiled, every run of the dump in one call: rust/newskit-core/src/lint/clauses.rs."""
    found = _core.shared_clauses_in([p.text for run in runs for _, _, p in run], [len(run) for run in runs], MAX_GAP)
    return {r: (involved, set(clauses)) for r, involved, clauses in found}


#: Display text quotes the body by design: summary bullets (■…), pull quotes and quoted subheads.
_BULLETS = "■□●◆▲◇★☆"
_QUOTE_END = "”’」』"


def is_display(text: str) -> bool:
    """A summary bullet, a pull quote ending in a closing quote, or a short subhead without a comma."""
    text = text.strip()
    if not text:
        return True
    if text[0] in _BULLETS:
        return True
    if text[-1] in _QUOTE_END and len(text) > 1 and text[-2] not in "。！？!?…":
        return True
    return len(text) <= 30 and "，" not in text and "," not in text and text[-1] not in "。！？!?"


#: Labels of a summary box printed above the article: the paragraphs under it quote the body.
SUMMARY_LABELS = frozenset({"核心阅读", "核心提示", "阅读提示", "内容提要", "提要", "导读", "摘要", "编者按"})
SUMMARY_BOX = 3  # paragraphs under the label


def _summary_box(article: Article, doc_text: str) -> set[int]:
    """Indices of the paragraphs printed in a summary box (`核心阅读` and the few paragraphs under it)."""
    box: set[int] = set()
    if article.body:
        # The label may sit in the headline stack or between it and the body, wherever the split put it.
        head_end = max((h.source.end for h in article.headlines), default=article.body[0].source.start)
        between = doc_text[min(head_end, article.body[0].source.start):article.body[0].source.start]
        if any(h.value.strip().rstrip("：:") in SUMMARY_LABELS for h in article.headlines) or \
                any(label in between for label in SUMMARY_LABELS):
            box.update(range(SUMMARY_BOX))
    for k, p in enumerate(article.body):
        label = p.text.strip().rstrip("：:")
        if label in SUMMARY_LABELS:
            box.update(range(k + 1, k + 1 + SUMMARY_BOX))
    return box


#: A 电头 or 本报讯 opening a paragraph.
_DISPATCH_RE = re.compile(r"[ \u3000]*(?:据|另据)?[^\s，。]{2,16}?(?:[0-9]{1,2}月[0-9]{1,2}日)?(?:专电|电|讯)[ \u3000（(]")


def _opens_with_byline(article: Article) -> bool:
    """Whether the first body paragraph is the news lead: the byline / 电头 is printed in it or just before."""
    if not article.body:
        return False
    if _DISPATCH_RE.match(article.body[0].text):
        return True  # 新华社北京1月31日电 …, even when the split kept it in the paragraph
    if article.byline is None:
        return False
    return 0 <= article.body[0].source.start - article.byline.source.end <= 2


#: Paragraphs between two copies: a layout or paste duplicate lands next to its original, while a quote
#: restated pages later (a callout, a recap) is the writer's choice.
MAX_GAP = 3
#: Shorter sentences repeat legitimately (`会议指出。`); paragraphs use dedupe's own 15-character floor.
MIN_SENTENCE_CHARS = 20


class RepeatedPassage(Rule):
    """A sentence or paragraph printed twice inside one article.

    ## What it does
    Finds paragraphs of an article printed again in the same article — whole, inside a longer paragraph, or as
    a left-over fragment — and sentences repeated in two different paragraphs. Matching is the `newskit
    dedupe` engine's (width, punctuation, spaces and line breaks ignored); exact and contained copies count,
    near copies (formulaic clauses) do not; a sentence (20+ characters) counts only when it is printed whole
    twice. Only articles where two nearby paragraphs share a clause of eight or more characters are handed to
    the engine (a cheap exact test that keeps lint fast). Display text that quotes the body by design —
    summary bullets (`■…`), pull quotes, quoted subheads, a deck paragraph before the lead that restates the
    article's conclusion, the paragraphs of a `核心阅读` box — is left alone, and so is a copy more than three
    paragraphs from its original (a quote restated in a recap is the writer's choice; a layout or paste
    duplicate lands next to the original). The later copy is reported.

    ## Why it matters
    Layout and OCR print a paragraph twice when a text frame is duplicated or a column overflows (seed `000`:
    a paragraph, then the same paragraph inside a longer one, then a fragment of it). Readers notice at once.

    ## Example
    ```text
    本报讯（记者 许珂）3月17日，市农业农村局与建行签订合作协议。

    据了解，建行近两年来累计为涉农企业投放贷款超过5.6亿元。相关负责人介绍，协议签订后，双方将展开务实合作。

    据了解，建行近两年来累计为涉农企业投放贷款超过5.6亿元。
    ```

    ## Use instead
    ```text
    本报讯（记者 许珂）3月17日，市农业农村局与建行签订合作协议。

    据了解，建行近两年来累计为涉农企业投放贷款超过5.6亿元。相关负责人介绍，协议签订后，双方将展开务实合作。
    ```

    ## Fix safety
    No fix: which copy is the intended one (and whether the fragment completes another paragraph) needs an
    editor.
    """

    code = "R201"
    messages = {
        "paragraph_twice": ("paragraph printed twice in this article (first at line {line})",
                            "段落在本文中重复印了两次（首次在第 {line} 行）"),
        "paragraph_earlier": ("paragraph repeats text printed earlier in this article (first at line {line})",
                              "段落重复了本文前面已印的文字（首次在第 {line} 行）"),
        "paragraph_inside": ("paragraph repeats an earlier one inside a longer text (first at line {line})",
                             "段落在一段更长的文字里重复了前面的一段（首次在第 {line} 行）"),
        "sentence_twice": ("sentence printed twice in this article (first at line {line})",
                           "句子在本文中重复印了两次（首次在第 {line} 行）"),
        "sentence_earlier": ("sentence repeats text printed earlier in this article (first at line {line})",
                             "句子重复了本文前面已印的文字（首次在第 {line} 行）"),
        "sentence_inside": ("sentence repeats an earlier one inside a longer text (first at line {line})",
                            "句子在一段更长的文字里重复了前面的一句（首次在第 {line} 行）"),
    }
    name = "repeated-passage"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        paragraphs: list[Passage] = []
        sentences: list[Passage] = []
        all_runs = runs(ctx.articles)
        for r, (involved, clauses) in shared_clauses(all_runs).items():
            run = all_runs[r]
            for pos in involved:
                article, k, p = run[pos]
                paragraphs.append(Passage(text=p.text, path=ctx.path, article=article.uri, source=p.source,
                                          document=ctx.doc, ref=(article, k, 0, pos)))
                for m in _SENTENCE_RE.finditer(p.text):
                    if len(m.group()) >= MIN_SENTENCE_CHARS and m.end() - m.start() < len(p.text) \
                            and any(c in m.group() for c in clauses):
                        sentences.append(Passage(text=m.group(), path=ctx.path, article=article.uri,
                                                 source=p.source, document=ctx.doc, ref=(article, k, m.start(), pos)))
        reported: set[tuple[str, int]] = set()
        for passages, unit, min_chars in ((paragraphs, "paragraph", 15), (sentences, "sentence", 12)):
            if len(passages) < 2:
                continue
            # A sentence counts only printed whole twice: with no two alike the engine stops before comparing.
            for dup in find_duplicates(passages, min_chars=min_chars, need_exact=unit == "sentence"):
                if dup.relation in ("near", "overlap") or (unit == "sentence" and dup.relation != "exact"):
                    continue  # similar is not the same (第八条… / 第九条…); a sentence counts only printed whole twice
                first, again = sorted((dup.a, dup.b), key=lambda loc: loc.passage)
                pa, pb = passages[first.passage], passages[again.passage]
                (art_a, k_a, off_a, pos_a), (art_b, k_b, off_b, pos_b) = pa.ref, pb.ref
                same_run = art_a is art_b or (art_b.kind == Kind.FRAGMENT and 0 < pos_b - pos_a)
                if not same_run or (unit == "sentence" and pos_a == pos_b) or pos_b - pos_a > MAX_GAP:
                    continue
                if is_display(art_a.body[k_a].text) or is_display(art_b.body[k_b].text):
                    continue
                if (k_a == 0 and not _opens_with_byline(art_a)) or k_a in _summary_box(art_a, ctx.doc.text):
                    continue  # a deck (提要) or a 核心阅读 box restates later paragraphs by design
                key = (art_b.uri, k_b)
                if key in reported:
                    continue
                reported.add(key)
                if dup.relation != "contained":
                    what = "twice"
                elif dup.a is again:
                    what = "earlier"
                else:
                    what = "inside"
                line = ctx.doc.position(pa.source.to_source(off_a + first.start))[0]
                yield ctx.finding_in(self, pb.source, off_b + again.start, off_b + again.end,
                                     ctx.say(self, f"{unit}_{what}", line=line), article=art_b)
