"""Group classified blocks into records: articles (head stack, byline, reflowed body) and, apart from
them, captions, ads, notices and fragments. One pass over the blocks; every block goes to one record."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from newskit.io import document_id
from newskit.model import (
    Article, Block, Byline, Dateline, Document, Headline, Join, Kind, MappedText, Paragraph,
)
from newskit.split import bylines, heads
from newskit.split.blocks import line_slices, make_blocks
from newskit.split.classify import BlockInfo, Shape, classify, ends_paragraph, is_notice_head, looks_like_ad
from newskit.split.datelines import find_dateline, infer_year
from newskit.split.tagger import (
    BODY, BYLINE, CAPTION, CLOSING, HEAD, HEAD_MORE, JOIN, SECTION, TaggerModel, label_blocks,
)

_CONTINUED_MARK = re.compile(r"[（(]未完待续[）)]|[（(]?下转第?[\d一二三四五六七八九十]+版")
_MAX_HEAD_STACK = 3  # a longer stack with no byline is a notice: first line headline, the rest its body


@dataclass
class _Para:
    slices: list[tuple[int, int]]
    blocks: list[int]
    section: bool = False
    level: int = 0
    closed: bool = False  # never extend (a section title, a stray byline line)
    joins: list[Join] = field(default_factory=list)


@dataclass
class _Draft:
    first: int
    kind: Kind | None = None  # set for captions; decided at the end otherwise
    headlines: list[Headline] = field(default_factory=list)
    byline: MappedText | None = None
    byline_blocks: list[int] = field(default_factory=list)
    head_blocks: list[int] = field(default_factory=list)
    body: list[_Para] = field(default_factory=list)
    caption_since: bool = False  # a caption was printed after the last body paragraph

    @property
    def last(self) -> int:
        return max([self.first, *self.head_blocks, *self.byline_blocks, *(k for p in self.body for k in p.blocks)])


def split_document(doc: Document) -> list[Article]:
    """Split a dump into records, in order of their first line."""
    return split_with_year(doc)[0]


def split_with_year(doc: Document, model: TaggerModel | None = None) -> tuple[list[Article], int | None]:
    """The dump's records and the year it names as current (``infer_year``), found once for both."""
    blocks = make_blocks(doc)
    infos = [classify(b.text) for b in blocks]
    labels = label_blocks(blocks, infos, model)
    drafts = _group(doc, blocks, infos, labels)
    _untangle_interleaved(doc, blocks, drafts)
    drafts = [part for d in drafts for part in _ads(doc, blocks, d)]
    year = infer_year(doc.text)
    return [_finish(doc, blocks, d, year) for d in sorted(drafts, key=lambda d: d.first)], year


def _group(doc: Document, blocks: list[Block], infos: list[BlockInfo], labels: list[int]) -> list[_Draft]:
    """Records from the tagger's labels: a ``head`` opens an article with its stack, the byline after it is
    its byline, paragraphs (and ``join``ed parts) its body; a 电头 paragraph the tagger calls ``byline`` opens
    a news item of its own (one it calls ``body`` stays in the article); captions become records of their own."""
    drafts: list[_Draft] = []
    cur: _Draft | None = None
    n = len(blocks)
    i = 0
    while i < n:
        block, info, label = blocks[i], infos[i], labels[i]
        if label == CAPTION:
            cap = _Draft(first=i, kind=Kind.CAPTION)
            cap.body.append(_Para(line_slices(doc, block), [i], closed=True))
            drafts.append(cap)
            if cur is not None:
                cur.caption_since = True
            i += 1
            continue
        if label == HEAD:
            j = i + 1
            while j < n and labels[j] == HEAD_MORE:
                j += 1
            cur = _Draft(first=i)
            drafts.append(cur)
            has_byline = j < n and (labels[j] == BYLINE or infos[j].byline_start)
            _set_heads(doc, blocks, cur, list(range(i, j)), has_byline)
            if has_byline:
                j = _take_byline(doc, blocks, infos, cur, j)
                j = _take_column(doc, blocks, labels, cur, j)
            i = j
            continue
        wire = info.byline_start or info.broken_byline
        if label == BYLINE or wire:
            head_only = cur is not None and cur.headlines and cur.byline is None and not cur.body
            # A headline and its byline line (``■本报记者 王昊男``) with no paragraph yet: the 电头 paragraph
            # that follows (``本报北京1月1日电 日前，…``) is the article's lead, not a news item of its own.
            lead_of_opened = wire and cur is not None and cur.headlines and cur.byline is not None and not cur.body
            if head_only:
                i = _take_column(doc, blocks, labels, cur, _take_byline(doc, blocks, infos, cur, i))
            elif lead_of_opened:
                _add_body(doc, block, i, cur, join=False)
                i += 1
            elif wire and label == BODY and cur is not None:
                # a dated paragraph the tagger keeps in the article (a bundle of wire reports under one head)
                _add_body(doc, block, i, cur, join=False)
                i += 1
            elif wire or cur is None:
                cur = _Draft(first=i)  # a news item with no headline printed
                drafts.append(cur)
                i = _take_byline(doc, blocks, infos, cur, i)
            else:
                cur.body.append(_Para(line_slices(doc, block), [i], closed=True))  # a stray credit line
                i += 1
            continue
        if cur is None:
            cur = _Draft(first=i)  # text before any headline: the tail of an article on another page
            drafts.append(cur)
        if label == CLOSING:
            cur.body.append(_Para([(block.start, block.end)], [i], closed=True))
        elif label in (SECTION, HEAD_MORE):
            _add_section(doc, block, info, cur)
        else:
            _add_body(doc, block, i, cur, join=label == JOIN)
        i += 1
    return drafts


def _set_heads(doc: Document, blocks: list[Block], cur: _Draft, stack: list[int], has_byline: bool) -> None:
    cur.head_blocks.extend(stack)
    if not has_byline and len(stack) > _MAX_HEAD_STACK:
        head, rest = stack[:1], stack[1:]
    else:
        head, rest = stack, []
    items = [it for k in head for it in heads.head_items(doc, blocks[k])]
    cur.headlines.extend(heads.assign_roles(doc, items))
    for k in rest:
        cur.body.append(_Para(line_slices(doc, blocks[k]), [k], closed=True))


def _take_byline(doc: Document, blocks: list[Block], infos: list[BlockInfo], cur: _Draft, j: int) -> int:
    """Attach the byline at block ``j``; returns the index of the next unconsumed block."""
    block = blocks[j]
    info = infos[j]
    if info.broken_byline and j + 1 < len(blocks):
        close = bylines.closes_broken_byline(blocks[j + 1].text)
        if close:
            nxt = blocks[j + 1]
            # The break stood between two names: join with a space so credits stay apart.
            cur.byline = MappedText.from_slices(doc.text, [(block.start, block.end),
                                                           (nxt.start, nxt.start + close.end())], sep=" ")
            cur.byline_blocks.extend([j, j + 1])
            rest = nxt.start + close.end()
            _add_body_slice(doc, cur, rest, nxt.end, j + 1)
            if cur.body:
                cur.body[0].joins.append(Join(block.line_end, nxt.line_start, "byline"))
            return j + 2
    if info.shape is Shape.BYLINE and not info.broken_byline:
        cur.byline = MappedText.from_slices(doc.text, [(block.start, block.end)])
        cur.byline_blocks.append(j)
        return j + 1
    m = bylines.byline_prefix(block.text)
    if m:
        cut = block.start + m.end()
        cur.byline = MappedText.from_slices(doc.text, [(block.start, cut)])
        cur.byline_blocks.append(j)
        cur.wire = True
        _add_body_slice(doc, cur, cut, block.end, j)
        return j + 1
    # A bare name (``津文``).
    cur.byline = MappedText.from_slices(doc.text, [(block.start, block.end)])
    cur.byline_blocks.append(j)
    return j + 1


def _take_column(doc: Document, blocks: list[Block], labels: list[int], cur: _Draft, j: int) -> int:
    """A column label printed under the byline (``一线抗疫群英谱``), before the body."""
    if j < len(blocks) and labels[j] == HEAD_MORE:
        cur.headlines.append(heads.column_headline(doc, blocks[j]))
        cur.head_blocks.append(j)
        return j + 1
    return j


def _add_section(doc: Document, block: Block, info: BlockInfo, cur: _Draft) -> None:
    items = heads.head_items(doc, block)
    slices = [s for it in items for s in it.slices]
    cur.body.append(_Para(slices, [block.index], section=True, level=items[0].level, closed=True))
    cur.caption_since = False


def _add_body_slice(doc: Document, cur: _Draft, start: int, end: int, block_index: int) -> None:
    while start < end and doc.text[start] in " \t\u3000\u00a0\n":
        start += 1
    if start >= end:
        return
    cur.body.append(_Para([(start, end)], [block_index]))


def _add_body(doc: Document, block: Block, index: int, cur: _Draft, *, join: bool) -> None:
    prev = cur.body[-1] if cur.body else None
    if join and prev is not None and not prev.closed:
        before_line = doc.line_of(prev.slices[-1][1] - 1)
        reason = "across-caption" if cur.caption_since else "mid-sentence"
        prev.slices.append((block.start, block.end))
        prev.blocks.append(index)
        prev.joins.append(Join(before_line, block.line_start, reason))
    else:
        cur.body.append(_Para([(block.start, block.end)], [index]))
    cur.caption_since = False


_ORPHAN_MAX = 30  # a left-over sentence tail is short


def _untangle_interleaved(doc: Document, blocks: list[Block], drafts: list[_Draft]) -> None:
    """Undo a layout that printed a section of one article inside another (002:63–85).

    The shape: in article A a paragraph stops mid-sentence right before a section title, and that section's
    only paragraph also stops mid-sentence (so reflow glued it to A's next paragraph); later, article B opens,
    right under its byline, with a short tail that starts no sentence of its own. The section belongs to B:
    its paragraph continues in B's tail, and A's cut paragraph continues where the glued one went on.
    """
    for b_index, b in enumerate(drafts):
        if not b.byline_blocks or not b.body or b.body[0].section or b.body[0].joins:
            continue
        tail = b.body[0]
        s, e = tail.slices[0]
        if e - s > _ORPHAN_MAX or not ends_paragraph(doc.text[s:e]):
            continue
        for a in reversed(drafts[:b_index]):
            k = _inserted_section(doc, a)
            if k is None:
                continue
            cut, section, glued = a.body[k - 1], a.body[k], a.body[k + 1]
            # A's cut paragraph goes on where the glued one went on; the section and its first block move to B.
            cut.joins.append(Join(blocks[cut.blocks[-1]].line_end, blocks[glued.blocks[1]].line_start,
                                  "interleaved"))
            cut.joins.extend(glued.joins[1:])
            cut.slices.extend(glued.slices[1:])
            cut.blocks.extend(glued.blocks[1:])
            moved = _Para(glued.slices[:1] + tail.slices, glued.blocks[:1] + tail.blocks,
                          joins=[Join(blocks[glued.blocks[0]].line_end, blocks[tail.blocks[0]].line_start,
                                      "interleaved")])
            del a.body[k:k + 2]
            b.body[0:1] = [section, moved]
            break


def _inserted_section(doc: Document, a: _Draft) -> int | None:
    """Index of a section title in ``a`` between a cut paragraph and a glued one, or None."""
    for k in range(1, len(a.body) - 1):
        cut, section, glued = a.body[k - 1], a.body[k], a.body[k + 1]
        if not section.section or cut.section or glued.section or len(glued.slices) < 2:
            continue
        s, e = cut.slices[-1]
        g0, g1 = glued.slices[0]
        if not ends_paragraph(doc.text[s:e]) and not ends_paragraph(doc.text[g0:g1]):
            return k
    return None


def _ads(doc: Document, blocks: list[Block], d: _Draft) -> list[_Draft]:
    """An ad page as advertisement records, one per markdown-headed ad (003:63–150 holds four); else ``[d]``."""
    if d.kind is not None or d.byline is not None or not looks_like_ad(doc.text[blocks[d.first].start:blocks[d.last].end]):
        return [d]
    # Ads are laid out, not written: a line ending in a phone number is not a sentence cut by a break.
    d.kind = Kind.ADVERTISEMENT
    body = [q for p in d.body for q in _unjoin(p)]
    parts = [d]
    d.body = []
    for p in body:
        if p.section and p.level:
            nxt = _Draft(first=p.blocks[0], kind=Kind.ADVERTISEMENT, head_blocks=list(p.blocks))
            nxt.headlines.append(heads.assign_roles(doc, heads.head_items(doc, blocks[p.blocks[0]]))[-1])
            parts.append(nxt)
        else:
            parts[-1].body.append(p)
    return parts


def _finish(doc: Document, blocks: list[Block], d: _Draft, year: int | None) -> Article:
    body = tuple(Paragraph(MappedText.from_slices(doc.text, p.slices), section=p.section, level=p.level)
                 for p in d.body)
    byline = None
    if d.byline is not None:
        text = d.byline.text.replace("\n", "")
        byline = Byline(text=text, credits=bylines.parse_credits(text), source=d.byline)
    owned = sorted(set(d.head_blocks + d.byline_blocks + [k for p in d.body for k in p.blocks]) | {d.first})
    kind = d.kind or _decide_kind(d, body, byline)
    if kind is Kind.CAPTION and body:
        credit = _caption_credit(body[0].text)
        if credit:
            byline = Byline(text=credit, credits=bylines.parse_credits(credit), source=body[0].source)
    dateline = _dateline(d, body, year) if kind is Kind.ARTICLE else None
    last_text = next((p.text for p in reversed(body) if not p.section), "")
    continued = bool(last_text) and kind is not Kind.CAPTION and (
        bool(_CONTINUED_MARK.search(last_text))
        or (kind in (Kind.ARTICLE, Kind.FRAGMENT) and not ends_paragraph(last_text)))
    first_block = blocks[owned[0]]
    last_block = blocks[owned[-1]]
    return Article(
        # The id names the record's first own line (its headline); the source range covers every line it
        # owns, which for an untangled interleave starts earlier (002: 你们逆行 owns 65–67 and 81–99).
        uri=f"newskit:{document_id(doc)}:{blocks[d.first].line_start}", kind=kind, path=doc.path,
        line_start=first_block.line_start, line_end=last_block.line_end,
        headlines=tuple(d.headlines), byline=byline, dateline=dateline, body=body,
        continued=continued, joins=tuple(j for p in d.body for j in p.joins), blocks=tuple(owned),
    )


def _unjoin(p: _Para) -> list[_Para]:
    if not p.joins:
        return [p]
    return [_Para([s], [k], closed=True) for s, k in zip(p.slices, p.blocks, strict=True)]


def _decide_kind(d: _Draft, body: tuple[Paragraph, ...], byline: Byline | None) -> Kind:
    if not d.headlines and byline is None:
        return Kind.FRAGMENT
    if byline is not None:
        return Kind.ARTICLE
    running = [p for p in body if not p.section and len(p.text) >= 40 and ends_paragraph(p.text)]
    if not running or any(is_notice_head(h.value) for h in d.headlines):
        return Kind.NOTICE
    return Kind.ARTICLE


_CREDIT_TAIL = re.compile(r"(?:■\s*)?[^。！？\s■]*(?:\s+[^。！？\s■]+){0,3}\s*摄(?:影)?[）)]?$")


def _caption_credit(text: str) -> str | None:
    m = _CREDIT_TAIL.search(text[-40:])  # the credit closes the caption; searching the tail keeps it linear
    if not m:
        return None
    credit = m.group(0).strip()
    return credit if len(credit) <= 30 else None


def _dateline(d: _Draft, body: tuple[Paragraph, ...], year: int | None) -> Dateline | None:
    """The 电头's date (``新华社北京3月18日电``), else the lead paragraph's (or a diary head's before it)."""
    if d.byline is not None:
        found = _located_dateline(d.byline, year)
        if found:
            return found
    for p in body:
        found = _located_dateline(p.source, year)
        if found or not p.section:
            return found  # only the lead paragraph (and a diary head before it) carries the dateline
    return None


def _located_dateline(mapped: MappedText, year: int | None) -> Dateline | None:
    found = find_dateline(mapped.text, year)
    if found is None:
        return None
    start, end = mapped.source_span(found.start, found.end)
    return dataclasses.replace(found, start=start, end=end)  # text offsets -> document offsets
