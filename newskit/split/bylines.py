"""Bylines and credits (patterns; applied by the compiled core, rust/newskit-core/src/split): ``本报讯（记者 X 实习生 Y）``, 电头 ``新华社北京3月18日电（记者 X）``, ``■本报记者 X``,
``记者 X 通讯员 Y``, ``文/X Y 供图/ORG``, ``■title NAME``, a bare name, photo credits ``■通讯员 X 摄``."""

from __future__ import annotations

import re

from newskit.text.cjk import HAN

#: Role words, longest first so ``本报记者`` wins over ``记者``.
ROLES = (
    "本报特约记者", "本报见习记者", "本报实习生", "本报通讯员", "本报记者", "特约记者", "见习记者", "摄影记者",
    "特约通讯员", "通讯员", "实习生", "记者", "摄影", "编辑", "供图", "文图", "图文", "撰文", "文", "图", "摄",
)
_ROLE_ALT = "|".join(ROLES)
_NAME = rf"[{HAN}][{HAN}·•]{{0,6}}"

#: 电头: an agency/paper, a place, a date and 电 (``新华社北京3月18日电``, ``本报北京1月31日电``).
_WIRE = rf"(?:本报|新华社|中新社|中新网|人民日报|央视网|中国日报)[{HAN}]{{0,12}}?\d{{1,2}}月\d{{1,2}}日电"
#: ``本报讯`` / 电头, then an optional bracketed credit list in full- or half-width brackets.
BYLINE_PREFIX = re.compile(
    rf"^(?:■\s*)?(?P<source>本报讯|{_WIRE}|(?:本报|本刊)(?:综合)?(?:消息|讯))"
    r"(?:\s*(?P<open>[（(])(?P<credits>[^（()）\n]{1,60})(?P<close>[）)])?)?"
)
#: An opening bracket left open at the end of a block: a byline broken across paragraphs (001:55–57).
BROKEN_BYLINE = re.compile(rf"^(?:■\s*)?(?:本报讯|{_WIRE})\s*[（(][^（()）\n]{{0,60}}$")
_CLOSE_PREFIX = re.compile(r"^[^（()）\n]{0,60}[）)]")

#: A whole block that is a byline line.
_ROLE_LINE = re.compile(rf"^(?:■\s*)?(?:{_ROLE_ALT})\s*[/／:：]?\s*{_NAME}(?:[\s、，,/／]+(?:(?:{_ROLE_ALT})\s*[/／:：]?\s*)?[{HAN}·•]{{2,12}})*$")
_MARKED_LINE = re.compile(r"^■[^。！？\n]{2,50}$")
_BARE_NAME = re.compile(rf"^[{HAN}][{HAN}·•]{{1,4}}$")

#: Credits are split on white space, enumeration commas and slashes; a role word opens a credit (longest first,
#: followed by a slash, colon, white space, a Han character or the end: the compiled ``parse_credits``).
_SPLIT = re.compile(r"[\s、，,;；/／]+")


#: ``市纪委监委驻…主任 滕思``: a long title then a name — the title is the role.
_TITLE_NAME = re.compile(rf"^(?P<title>[^\s]{{5,}})\s+(?P<name>[{HAN}·•]{{2,5}})$")
