"""B103 role-without-name."""

from __future__ import annotations

from collections.abc import Iterator

from newskit.model import Finding, Severity
from newskit.rules.base import LintContext, Rule
from newskit.rules.bylines.common import SLASH_ROLES, byline_span, bylines, tokens


def missing_names(text: str) -> list[tuple[str, dict]]:
    """Roles in a credit list with no name after them, and roles written twice in a row (message key and
    values)."""
    found = []
    toks = [t for t in tokens(text) if t[0] != "摄" or not t[1]]
    for k, (token, is_role) in enumerate(toks):
        if not is_role or token == "摄":
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is None or nxt[0] == "摄":
            found.append(("no_name", {"role": token}))
        elif nxt[1] and nxt[0] == token:
            found.append(("twice", {"role": token}))
        elif nxt[1] and token not in SLASH_ROLES:
            found.append(("no_name_before", {"role": token, "next": nxt[0]}))
    return found


class RoleWithoutName(Rule):
    """A byline role with no name after it: `（记者 ）`, `▲ 本报记者 摄`, `记者 记者 X`.

    ## What it does
    Tokenises each byline and photo credit into roles (`记者`, `通讯员`, `实习生`, `文/`, `图/` …) and names,
    and flags a role followed by nothing, by `摄`, or by another role (`文/记者 X` is fine: a slash role
    takes a role after it), and a role written twice in a row.

    ## Why it matters
    A name was lost in extraction or never filled in on the page template; credits without names cannot be
    paid, searched or checked against the roster.

    ## Example
    ```text
    本报讯（记者 通讯员 李研）3月18日，……
    ▲ 本报记者 摄
    ```

    ## Use instead
    ```text
    本报讯（记者 周健 通讯员 李研）3月18日，……
    ▲ 本报记者 张三 摄
    ```

    ## Fix safety
    No fix: the missing name is not in the text.
    """

    code = "B103"
    messages = {
        "no_name": ("role '{role}' has no name: '{byline}'", "“{role}”后面没有姓名：“{byline}”"),
        "twice": ("role '{role}' written twice: '{byline}'", "“{role}”写了两次：“{byline}”"),
        "no_name_before": ("role '{role}' has no name before '{next}': '{byline}'",
                           "“{role}”和“{next}”之间没有姓名：“{byline}”"),
    }
    name = "role-without-name"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for article, byline in bylines(ctx.articles) + bylines(ctx.articles, captions=True):
            for key, values in missing_names(byline.text):
                start, end = byline_span(byline)
                yield ctx.finding(self, start, end, ctx.say(self, key, byline=byline.text, **values), article=article)
