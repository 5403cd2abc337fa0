"""B104 byline-name-shape."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.bylines.common import byline_span, bylines, is_dispatch
from newskit.text.cjk import HAN

_HAN_NAME_RE = re.compile(f"[{HAN}]+")
#: What a photo or report credit appends to a name: 张三摄, 李四摄影报道.
_CREDIT_TAIL_RE = re.compile("(?:摄影报道|报道|摄影|摄)$")
#: Roles whose "name" is an organisation (``供图/醴陵市民政局``) or a title (``…主任 滕思``): not checked.
_ORG_ROLES = frozenset({"供图", "图", "来源", "制图", "整理"})


def name_problem(name: str) -> tuple[str, dict] | None:
    """Why ``name`` is not the shape of a personal name (2–4 Han characters, or a ·-joined name): a message
    key and its values."""
    plain = name.replace(" ", "").replace("\u3000", "")
    if not _HAN_NAME_RE.fullmatch(plain.replace("·", "").replace("•", "")):
        return None  # Latin or mixed names follow other conventions
    if "·" in plain or "•" in plain:
        return None
    if len(plain) == 1:
        return "one_char", {"name": plain}
    if len(plain) > 4:
        return "too_long", {"name": plain, "n": len(plain)}
    return None


class BylineNameShape(Rule):
    """A byline name that is not 2–4 characters: `张`, `陈斯夜线报道组`.

    ## What it does
    Checks each name in a byline or photo credit: Chinese personal names have two to four characters
    (padding spaces, `矫 月`, are ignored); names joined with `·` (`阿不都热依木·卡德尔`) and Latin names are
    accepted as written. Organisations after `供图/`, titles before a name and stand-alone lines without a
    role (a bare `津文` could as well be a subhead) are not checked.

    ## Why it matters
    A one-character "name" is a name cut by a break; a seven-character one is a desk or role glued to a
    name (`本报讯（记者陈斯夜线报道组实习生柯竞）`). Either way the credit is wrong in print and in the archive.

    ## Example
    ```text
    本报讯（记者陈斯夜线报道组 实习生 柯）
    ```

    ## Use instead
    ```text
    本报讯（记者 陈斯 实习生 柯竞）
    ```

    ## Fix safety
    No fix.
    """

    code = "B104"
    messages = {
        "one_char": ("name '{name}' has one character: '{byline}'", "姓名“{name}”只有一个字：“{byline}”"),
        "too_long": ("name '{name}' has {n} characters (a role or desk name glued to it?): '{byline}'",
                     "姓名“{name}”有 {n} 个字（粘上了职务或部门名？）：“{byline}”"),
    }
    name = "byline-name-shape"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, byline in bylines(ctx.articles) + bylines(ctx.articles, captions=True):
            dispatch = is_dispatch(byline)
            credits = byline.credits
            for k, credit in enumerate(credits):
                if credit.role in _ORG_ROLES or (credit.role is None and not dispatch):
                    continue  # a bare line may be a subhead or an organisation, not surely a name
                name = _CREDIT_TAIL_RE.sub("", credit.name)
                neighbours = credits[max(0, k - 1):k] + credits[k + 1:k + 2]
                if len(name) == 1 and any(len(_CREDIT_TAIL_RE.sub("", c.name)) == 1 for c in neighbours):
                    continue  # a two-character name padded to three cells: 张 枨
                problem = name_problem(name)
                if problem:
                    start, end = byline_span(byline)
                    yield ctx.finding(self, start, end, ctx.say(self, problem[0], byline=byline.text, **problem[1]), article=article)
