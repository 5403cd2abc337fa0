"""Headline stacks: which lines are the kicker (引题), the main headline, subheads (副题) and column labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newskit.model import Block, Document, Headline, MappedText
from newskit.split.blocks import line_slices
from newskit.split.classify import MD_HEADING
from newskit.text.cjk import HAN

#: A place standing alone above a headline: ``天津市``, ``太原市万柏林区``, ``青海同仁县``.
_LOCATION = re.compile(rf"^[{HAN}]{{1,8}}(?:省|市|县|区|州|盟|旗|镇|乡|村)$")
_KICKER_END = ("——", "：", ":", "—", "强调", "指出", "表示", "提出", "要求")
_SHORT_MAIN = 8  # a main headline this short was split over two paragraphs (001:91–93)


def is_kicker_text(text: str) -> bool:
    """A line that leads into the main headline: ``…——``, ``…：``, ``…强调``, or a place standing alone."""
    return text.endswith(_KICKER_END) or is_location(text)


def is_location(text: str) -> bool:
    return bool(_LOCATION.match(text))


@dataclass
class HeadItem:
    slices: list[tuple[int, int]]
    text: str
    level: int

    @property
    def is_kicker(self) -> bool:
        return is_kicker_text(self.text)

    @property
    def is_subhead(self) -> bool:
        return self.text.startswith("——")


def head_items(doc: Document, block: Block) -> list[HeadItem]:
    """The headline lines of one block: a leading location/kicker line splits off, the rest is one item."""
    slices = line_slices(doc, block)
    level = 0
    s, e = slices[0]
    m = MD_HEADING.match(doc.text[s:e])
    if m and m.end() < e - s:
        level = len(m.group(1))
        slices[0] = (s + m.end(), e)
    texts = [doc.text[s:e] for s, e in slices]
    # Cut the block before a ``——`` subhead line and after a kicker or place line; the markdown marker
    # belongs to the first item only.
    items: list[HeadItem] = []
    start = 0
    for k in range(1, len(slices) + 1):
        if k == len(slices) or texts[k].startswith("——") or (
                k == 1 and (texts[0].endswith(_KICKER_END) or _LOCATION.match(texts[0]))):
            items.append(HeadItem(slices[start:k], "".join(texts[start:k]), level if start == 0 else 0))
            start = k
    return items


def assign_roles(doc: Document, items: list[HeadItem]) -> list[Headline]:
    """Roles for a stack: kickers end in ``——``/``：`` or are places; the main follows the last kicker;
    what comes before it unmarked is a column label; what comes after is a subhead."""
    if not items:
        return []
    kickers = [k for k, it in enumerate(items[:-1]) if it.is_kicker]
    main = kickers[-1] + 1 if kickers else 0
    merged = [items[main]]
    if (not kickers and len(items) >= 3 and len(items[main].text) <= _SHORT_MAIN and not items[main].level
            and not items[main + 1].is_subhead and items[main + 1].level == items[main].level):
        merged.append(items[main + 1])
    out: list[Headline] = []
    before: list[list[HeadItem]] = []
    for it in items[:main]:
        if it.is_subhead and before and not before[-1][-1].is_kicker:
            before[-1].append(it)  # ``百千万“艺术童伴”`` ⏎ ``——留守儿童关爱工程``: one series label
        else:
            before.append([it])
    for group in before:
        out.append(_headline(doc, "kicker" if group[-1].is_kicker else "column", group))
    out.append(_headline(doc, "main", merged))
    for it in items[main + len(merged):]:
        out.append(_headline(doc, "subhead", [it]))
    return out


def _headline(doc: Document, role: str, items: list[HeadItem]) -> Headline:
    slices = [s for it in items for s in it.slices]
    mapped = MappedText.from_slices(doc.text, slices)
    return Headline(role=role, value=mapped.text, source=mapped, level=items[0].level)


def column_headline(doc: Document, block: Block) -> Headline:
    item = head_items(doc, block)
    slices = [s for it in item for s in it.slices]
    mapped = MappedText.from_slices(doc.text, slices)
    return Headline(role="column", value=mapped.text, source=mapped, level=item[0].level)
