"""The Jinja2 environment of the report: templates from package data, the stylesheet and script inlined."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from markupsafe import Markup

ASSETS = ("report.css", "report.js")
#: A record's list of findings starts unfolded up to this length.
OPEN_LIST = 10


@cache
def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newskit.reporters.html", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    from newskit.reporters.html.view import rule_counts

    env.globals["asset"] = asset
    env.globals["rule_counts"] = rule_counts
    env.globals["open_list"] = OPEN_LIST
    env.filters["rate"] = lambda value: f"{value:.2f}"
    return env


@cache
def asset(name: str) -> Markup:
    """A stylesheet or script, inlined verbatim (not parsed as a template: ``{{`` in JS stays JS)."""
    if name not in ASSETS:
        raise KeyError(name)
    text = resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")
    if "</" in text and ("</script" in text.lower() or "</style" in text.lower()):
        raise ValueError(f"{name} must not close its own element")
    return Markup(text)


def render(template: str, report, dumps: Sequence) -> str:
    from newskit import __version__

    return environment().get_template(template).render(
        report=report, dumps=dumps, L=report.labels, version=__version__, threshold=report.threshold,
    )
