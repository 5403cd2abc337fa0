"""Bylines and credits: ``本报讯（记者 X 实习生 Y）``, 电头 ``新华社北京3月18日电（记者 X）``, ``■本报记者 X``,
``记者 X 通讯员 Y``, ``文/X Y 供图/ORG``, ``■title NAME``, a bare name, photo credits ``■通讯员 X 摄``."""

from __future__ import annotations

import re

from newskit.model import Credit
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

_SPLIT = re.compile(r"[\s、，,;；/／]+")
_ROLE_START = re.compile(rf"^(?:{_ROLE_ALT})(?=[/／:：]|\s|[{HAN}]|$)")


def byline_prefix(text: str) -> re.Match | None:
    """The byline at the start of a paragraph (``本报讯（…）`` or a 电头), or None."""
    return BYLINE_PREFIX.match(text)


def is_byline_line(text: str) -> bool:
    """True when a whole block is a byline (``■本报记者 周琪``, ``记者 X 通讯员 Y``, ``文/X 供图/Y``)."""
    if "\n" in text or len(text) > 60:
        return False
    if any(c in text for c in "。！？，"):
        return False
    return bool(_ROLE_LINE.match(text) or _MARKED_LINE.match(text))


def is_bare_name(text: str) -> bool:
    """A 2–5 character name standing alone (``津文``, ``巨正措``): a byline only in context."""
    return bool(_BARE_NAME.match(text))


def closes_broken_byline(text: str) -> re.Match | None:
    return _CLOSE_PREFIX.match(text)


def parse_credits(byline: str) -> tuple[Credit, ...]:
    """Names and roles of a byline. A name before any role word gets role None (``本报讯(周钊梁 梁敏婷)``)."""
    body = byline.strip().lstrip("■").strip()
    m = BYLINE_PREFIX.match(body)
    if m:
        body = m.group("credits") or ""
    credits: list[Credit] = []
    role: str | None = None
    # ``文/X Y 供图/ORG``: a slash binds a role to what follows it, so split on it after the role.
    for token in _SPLIT.split(body.replace("／", "/").replace("/", " / ")):
        if not token or token == "/":
            continue
        rm = _ROLE_START.match(token)
        if rm:
            role = rm.group(0)
            token = token[len(role):].lstrip(":：")
            if not token:
                continue
        if token.endswith("摄") and len(token) > 2:  # ``刘丽强摄``
            credits.append(Credit(token[:-1], role or "摄"))
            continue
        if token == "摄":
            if credits:
                credits[-1] = Credit(credits[-1].name, credits[-1].role or "摄")
            continue
        credits.append(Credit(token, role))
    return _title_credit(body) or tuple(credits)


_TITLE_NAME = re.compile(rf"^(?P<title>[^\s]{{5,}})\s+(?P<name>[{HAN}·•]{{2,5}})$")


def _title_credit(body: str) -> tuple[Credit, ...] | None:
    """``市纪委监委驻…主任 滕思``: a long title then a name — the title is the role."""
    m = _TITLE_NAME.match(body)
    if not m:
        return None
    title = m.group("title")
    if _ROLE_START.match(title) and len(title) <= 6:
        return None
    return (Credit(m.group("name"), title),)
