"""What a block looks like on its own: heading, byline, caption, body; plus signals of ads and notices.

The patterns live here and are handed to the compiled core (``features._cue_source``), which applies them:
``classify`` below, the tagger's features and the record builder (rust/newskit-core/src/split).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from newskit.text.cjk import HAN

MD_HEADING = re.compile(r"^(#{1,6})[ \t\u3000]+")

#: Subhead of a meeting report: ``市直机关2020年党的工作会议召开。刘正兴出席并讲话``.
_WORD_CHAR = re.compile(rf"[{HAN}A-Za-z0-9０-９]")
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


_INFOS: dict[int, BlockInfo] = {}


def classify(text: str) -> BlockInfo:
    """What ``text`` (one block) looks like on its own; compiled (rust/newskit-core/src/split/classify.rs)."""
    from newskit.split.features import _featuriser  # features reads this module's patterns

    code = _featuriser(frozenset()).classify(text)
    info = _INFOS.get(code)
    if info is None:
        info = _INFOS[code] = BlockInfo(_SHAPES[code & 7], md_level=code >> 3 & 15, may_head=bool(code >> 7 & 1),
                                        broken_byline=bool(code >> 8 & 1), byline_start=bool(code >> 9 & 1))
    return info


_SHAPES = tuple(Shape)


#: An agency note after a photo credit: ``袁建兵摄（人民视觉）``, ``黄晓海摄（新华社发）``.
_AGENCY_NOTE = re.compile(rf"摄(?:影)?[（(][{HAN}]{{2,8}}[）)]$")


#: A credit line: graphics, layout and source credits (``版式设计：X``), a photo credit however its names are
#: spaced (``王  正摄（人民视觉）``, ``X  Y摄影报道``), an interview note, a contributions address. It closes or
#: sits inside an article; it never opens one.
_CREDIT_LINE = re.compile(
    r"^(?:本版)?(?:制图|责任编辑|责编|摄影|图片编辑|版式设计|图片来源|数据来源|资料整理)[:：]"
    rf"|^[^。！？，,]{{1,24}}摄(?:影)?(?:报道)?(?:[（(][{HAN}]{{2,8}}[）)])?$"
    r"|^[（(][^（）()]{2,30}采访整理[）)]$|[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[A-Za-z.]+$"
)


#: A column tag closing a headline: ``需要认清和平与发展的内在逻辑（钟声）``, ``…(新春走基层)``.
_COLUMN_TAG = re.compile(rf"[（(][{HAN}·“”]{{2,14}}[）)]$")
#: A record that goes on elsewhere: ``（未完待续）``, ``（下转第3版）``.
CONTINUED_MARK = re.compile(r"[（(]未完待续[）)]|[（(]?下转第?[\d一二三四五六七八九十]+版")
#: A photo credit closing a caption (searched in its last 40 characters).
CREDIT_TAIL = re.compile(r"(?:■\s*)?[^。！？\s■]*(?:\s+[^。！？\s■]+){0,3}\s*摄(?:影)?[）)]?$")

