"""What a block looks like on its own: heading, byline, caption, body; plus signals of ads and notices."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from newskit.split import bylines
from newskit.text.cjk import CLOSERS, HAN, PARAGRAPH_END, SENTENCE_END

MD_HEADING = re.compile(r"^(#{1,6})[ \t\u3000]+")

#: Subhead of a meeting report: ``市直机关2020年党的工作会议召开。刘正兴出席并讲话``.
_WORD_CHAR = re.compile(rf"[{HAN}A-Za-z0-9０-９]")
#: Characters a headline never ends on (function words): a short line ending on one was cut by a break.
_NEVER_ENDS_HEAD = frozenset("的了在和与及这那把被对向从是为将也都就而并或但其之以于让给比跟同")
MAX_HEAD_LINE = 28  # a printed headline line longer than this is running text cut by a break
_MEETING_SUBHEAD = re.compile(rf"^[^。！？\n]{{4,40}}。[{HAN}、]{{2,20}}(?:出席|主持|参加)(?:并讲话|会议|并致辞)?$")
_SENTENCE_MARK = re.compile(r"[。！？!?；;]")
_CAPTION_MARK = re.compile(r"^[▲△▼▽]|^图为|^[（(]?图[/／]")
#: A photo credit closing a block: ``■通讯员 何社成 摄``, ``…除尘。刘丽强摄``, ``（新华社记者 X 摄）``.
_PHOTO_CREDIT = re.compile(
    rf"(?:^|[。！？”\s■（(])■?\s*(?:(?:本报|新华社)?(?:记者|通讯员|实习生|特约摄影|摄影记者|摄影)\s*)?"
    rf"[{HAN}][{HAN}·•]{{1,4}}(?:[\s、][{HAN}][{HAN}·•]{{1,4}}){{0,2}}\s*摄(?:影)?[）)]?$"
)
_CREDIT_ENDINGS = ("摄", "摄影", "摄）", "摄)", "摄影）", "摄影)")
#: Signals of advertising copy; three or more make a record an advertisement. Cheapest first, and each starts
#: with a literal or a narrow class so the regex engine skips ahead (a leading ``\d+`` or lookbehind makes it
#: try every position: those forms cost 5x more over a page).
_AD_SIGNALS = (
    re.compile(r"<sup>|\*\*|\t"),
    re.compile(r"地址[:：]|单位地址|主营业务|贷款|优惠|热卖|楼盘"),
    re.compile(r"(?:热线|电话|联系电话|服务热线|咨询电话)[:：\s]*\d"),
    re.compile("[\U0001F300-\U0001FAFF\u26A1]"),
    re.compile(r"^[-●]\s", re.M),
    re.compile(r"万(?<=\d万)元?\s|m(?<=\dm)\s*<sup>"),  # 5.6万元 , 120m <sup>2</sup>
    re.compile(r"-(?<=\d\d\d-)\d{7}|\d{8}(?<!\d{9})(?!\d)"),  # 0731-1234567, an 8-digit number
    re.compile(r"[wW][wW][wW]\.|[hH][tT][tT][pP][sS]?://|[aA][pP][pP]"),
)
AD_THRESHOLD = 3

#: A line that closes an article: a trailing 电头 ``（本报加德满都1月31日电）``, ``（完）``, an author note, a
#: graphics or editor credit. What follows it is a new record, never a section of this one.
_ARTICLE_END = re.compile(
    r"^[（(](?:本报|新华社|中新社|人民日报)[^（）()\n]{0,24}电[）)]$|^[（(](?:完|未完待续|待续)[）)]$"
    r"|^[（(]?下转第?[\d一二三四五六七八九十]+版[）)]?$"
    r"|^[（(]作者(?:系|为|单位|是)[^（）()\n]{2,80}[）)]$"
    r"|^(?:本版)?(?:制图|责任编辑|责编|摄影|图片编辑|版式设计)[:：][^\n]{1,30}$"
    r"|^[（(][^（）()\n]{2,20}(?:结束|完)[）)]$|^——\s*编\s*者$"
    r"|^[（(](?:本报|新华社)?(?:记者|通讯员)[^（）()\n]{2,40}[）)]$|^图片来源[:：][^\n]{1,30}$"
)
_NOTICE_HEAD = re.compile(r"问答|知识|公告|通告|启事|倡议书|须知|温馨提示|核心价值观|公益广告|声明|公示|讣告")


class Shape(StrEnum):
    HEADING = "heading"
    BYLINE = "byline"
    CAPTION = "caption"
    BODY = "body"
    CLOSING = "closing"  # a line that ends an article (trailing 电头, author note, graphics credit)


@dataclass(frozen=True, slots=True)
class BlockInfo:
    shape: Shape
    md_level: int = 0  # markdown heading level, 0 for plain text
    may_head: bool = False  # could continue a headline stack (a subhead with a comma)
    broken_byline: bool = False  # a 本报讯（… left open: the byline continues in the next block
    byline_start: bool = False  # opens with ``本报讯（…）`` or a 电头 (``bylines.byline_prefix`` matches)


#: First characters of a byline prefix (``■``, 本报讯, 新华社, 中新社/中新网/中国日报, 人民日报, 央视网), of a
#: caption mark, and the longest closing line: cheap tests that let most body paragraphs skip those patterns.
_BYLINE_FIRST = frozenset("■本新中人央")
_CAPTION_FIRST = frozenset("▲△▼▽图（(")
_MAX_CLOSING = 90
_BODY = BlockInfo(Shape.BODY)


def classify(text: str) -> BlockInfo:
    first = text[:1]
    if first == "#":
        m = MD_HEADING.match(text)
        if m and "\n" not in text.strip():
            return BlockInfo(Shape.HEADING, md_level=len(m.group(1)))
    if len(text) <= _MAX_CLOSING and ends_article(text):
        return BlockInfo(Shape.CLOSING)
    byline_start = False
    if first in _BYLINE_FIRST:
        if bylines.BROKEN_BYLINE.match(text):
            return BlockInfo(Shape.BYLINE, broken_byline=True, byline_start=True)
        byline_start = bylines.byline_prefix(text) is not None
    if bylines.is_byline_line(text) and not has_photo_credit(text):
        return BlockInfo(Shape.BYLINE)
    if byline_start:
        return BlockInfo(Shape.BODY, byline_start=True)  # ``本报讯（…）`` opens a lead paragraph (even an empty one)
    if _is_caption_unprefixed(text, first):
        return BlockInfo(Shape.CAPTION)
    if looks_like_heading(text):
        return BlockInfo(Shape.HEADING)
    return BlockInfo(Shape.BODY, may_head=True) if looks_like_subhead(text) else _BODY


def _is_caption_unprefixed(text: str, first: str) -> bool:
    if first in _CAPTION_FIRST and _CAPTION_MARK.match(text) and len(text) <= 120:
        return True
    return len(text) <= 400 and has_photo_credit(text)


#: An agency note after a photo credit: ``袁建兵摄（人民视觉）``, ``黄晓海摄（新华社发）``.
_AGENCY_NOTE = re.compile(rf"摄(?:影)?[（(][{HAN}]{{2,8}}[）)]$")


def has_photo_credit(text: str) -> bool:
    # Cheap test first: the credit closes the block, so only a block ending in 摄 needs the regex.
    tail = text[-40:]
    if text.endswith("）") or text.endswith(")"):
        note = _AGENCY_NOTE.search(tail)
        if note:
            tail = tail[:note.start() + 1]  # judge the credit without the agency note
    return tail.endswith(_CREDIT_ENDINGS) and bool(_PHOTO_CREDIT.search(tail))


def looks_like_heading(text: str) -> bool:
    """Short lines with no sentence punctuation (or a meeting subhead), at most four lines."""
    lines = text.split("\n")
    if len(lines) > 4 or len(text) > 80:
        return False
    if any(len(line.strip()) > MAX_HEAD_LINE for line in lines):
        return False
    flat = "".join(line.strip() for line in lines)
    if _MEETING_SUBHEAD.match(flat):
        return True
    if _SENTENCE_MARK.search(flat) or _unbalanced(flat) or not _WORD_CHAR.search(flat):
        return False
    # A comma is running text in a one-line block; a headline stack printed as one block of short lines may
    # carry one (``北方老人去南方“越冬”，期待公共服务跟上`` ⏎ ``为“候鸟老人”搭好安乐窝``).
    if ("，" in flat or "," in flat) and (len(lines) < 2 or any(line.rstrip().endswith(("，", ",", "、"))
                                                               for line in lines)):
        return False
    if flat[-1] in _NEVER_ENDS_HEAD and not MD_HEADING.match(text):
        return False  # ``我们又一次来到这``: a paragraph cut by a break, not a title
    return not flat.endswith(("、", "—")) or flat.endswith("——")


def looks_like_subhead(text: str) -> bool:
    """A one-liner with a comma, or a long one: a headline only when a byline follows it (001:95)."""
    return ("\n" not in text and len(text) <= 40 and not _SENTENCE_MARK.search(text)
            and text[-1] not in "，、," and not _unbalanced(text))


def _unbalanced(text: str) -> bool:
    """An opening mark with no closing one: the text was cut off mid-title or mid-quote."""
    return any(text.count(a) > text.count(b) for a, b in (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")")))


def ends_paragraph(text: str) -> bool:
    """Does the text end where a paragraph may end: a sentence end, a colon or semicolon, a dash leading into
    the next paragraph, or a closing quote/bracket right after one of those (``…了。”``)? A closing mark after
    a word (``…暨“两化”`` at 001:69) closes a quoted term, not the paragraph."""
    stripped = text.rstrip()
    if not stripped:
        return False
    if stripped.endswith("——"):
        return True
    body = stripped.rstrip(CLOSERS + ")")
    if len(body) < len(stripped):  # ends in closing marks: look at what they close
        return bool(body) and (body[-1] in SENTENCE_END + "!?.")
    return stripped[-1] in PARAGRAPH_END


#: A column tag closing a headline: ``需要认清和平与发展的内在逻辑（钟声）``, ``…(新春走基层)``.
_COLUMN_TAG = re.compile(rf"[（(][{HAN}·“”]{{2,14}}[）)]$")


def has_column_tag(text: str) -> bool:
    return bool(_COLUMN_TAG.search(text))


def ends_article(text: str) -> bool:
    return bool(_ARTICLE_END.match(text))


def looks_like_ad(text: str) -> bool:
    """At least ``AD_THRESHOLD`` kinds of ad signal (phones, prices, addresses, URLs, emoji, tables)."""
    score = 0
    for k, pattern in enumerate(_AD_SIGNALS):
        if pattern.search(text):
            score += 1
            if score >= AD_THRESHOLD:
                return True
        elif score + len(_AD_SIGNALS) - k - 1 < AD_THRESHOLD:
            return False  # too few signals left to reach the threshold
    return False


def is_notice_head(text: str) -> bool:
    return bool(_NOTICE_HEAD.search(text))
