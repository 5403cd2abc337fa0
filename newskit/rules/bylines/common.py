"""Shared byline helpers for the B rules: the byline's span, its bracket style, its marker, its tokens."""

from __future__ import annotations

import re

from newskit.model import Article, Byline, Kind
from newskit.split.bylines import BYLINE_PREFIX, ROLES

_ROLE_TOKEN_RE = re.compile(f"(?:{'|'.join(ROLES)})[/／:：]?")
_TOKEN_SPLIT_RE = re.compile(r"[\s、，,;；]+")
#: Roles written with a slash take another role after them: ``文/记者 X``.
SLASH_ROLES = frozenset({"文", "图", "摄影", "供图", "文图", "图文"})


def byline_span(byline: Byline) -> tuple[int, int]:
    return byline.source.source_span(0, len(byline.source.text))


def bracket_style(text: str) -> str | None:
    """``full`` for ``（…）``, ``half`` for ``(…)``, ``mixed`` for ``（…)`` / ``(…）``, None without brackets."""
    opens = {c for c in text if c in "（("}
    closes = {c for c in text if c in "）)"}
    found = opens | closes
    if not found:
        return None
    if found <= {"（", "）"}:
        return "full"
    if found <= {"(", ")"}:
        return "half"
    return "mixed"


def is_dispatch(byline: Byline) -> bool:
    """``本报讯（…）`` or a 电头: the byline opens the first paragraph."""
    return BYLINE_PREFIX.match(byline.text.lstrip("■□ \u3000")) is not None


def marker(byline: Byline) -> str:
    """The typographic marker before a stand-alone byline: ``■``, ``□``, or "" for none."""
    head = byline.text.lstrip(" \u3000")[:1]
    return head if head in "■□●▲◆" else ""


def credit_body(text: str) -> str:
    """The credit list of a byline: inside the brackets of ``本报讯（…）``, else the line without its marker."""
    body = text.strip().lstrip("■□●▲◆").strip()
    m = BYLINE_PREFIX.match(body)
    if m:
        return m.group("credits") or ""
    return body


def tokens(text: str) -> list[tuple[str, bool]]:
    """Split a credit list into (token, is_role) pairs; a role glued to a name (``记者张三``) yields both."""
    out: list[tuple[str, bool]] = []
    for raw in _TOKEN_SPLIT_RE.split(credit_body(text).replace("／", "/").replace("/", "/ ")):
        token = raw.strip("（）() ")
        while token:
            m = _ROLE_TOKEN_RE.match(token)
            if m is None:
                out.append((token, False))
                break
            out.append((m.group().rstrip("/／:："), True))
            token = token[m.end():]
    return out


def bylines(articles: list[Article], *, captions: bool = False) -> list[tuple[Article, Byline]]:
    """(record, byline) pairs; captions' photo credits only when asked."""
    out = []
    for a in articles:
        if a.byline is None or (a.kind == Kind.CAPTION) != captions:
            continue
        out.append((a, a.byline))
    return out
