"""``--help`` that names every value the way a Unix user reads it: ``PATH...``, ``FILE``, ``N``.

typer's rich help prints each parameter's Python annotation as its type (``<list[str]>`` next to an argument
even when it has a metavar, ``<bool>`` after every flag and ``--help``, ``<int range> [x>=0]``, a long
``<a|b|c|…>`` that an 80-column panel truncates together with the option names), and the usage line reads
``{paths}...``. The command and group classes here relabel their parameters once, when typer builds them:

- an argument shows its metavar (``PATH...``; an optional one ``[RULE]`` in the usage line) and no type;
- a flag shows nothing after its name (it takes no value);
- an option shows its metavar, else ``N`` (integers), ``X`` (numbers) or ``TEXT``; a choice's values and a
  number's range move into the help text (``[one of: a, b]``, ``[x>=0]``), where they wrap instead of
  squeezing the names;
- help texts are plain text, not rich markup (``[default: 7]`` in a help string vanished as an unknown tag);
- values are converted by ``params`` (without pydantic) where typer's conversion would give the same;
- help paragraphs are reflowed: a single line break inside a docstring paragraph is not a break on screen
  (typer keeps it, so 80 columns showed ragged half-lines); blank lines still separate paragraphs.
"""

from __future__ import annotations

from rich.markup import escape
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from newskit.cli import params


class _Argument(TyperArgument):
    def display_type_rich(self, ctx) -> None:  # the metavar, in the name column, says it
        return None

    def get_usage_pieces(self, ctx) -> list[str]:
        return [self.metavar if self.required else f"[{self.metavar}]"]

    def get_runtime_param(self):
        if self._runtime_param is None:
            self._runtime_param = params.runtime_param(self.type_descriptor)
        return self._runtime_param


class _Option(TyperOption):
    def display_type_rich(self, ctx) -> str | None:
        return self.metavar or None

    def _get_number_range_help_str(self) -> None:  # moved into the help text by _relabel
        return None

    get_runtime_param = _Argument.get_runtime_param


def _value_name(param: TyperOption) -> str:
    desc = param.type_descriptor
    if desc.is_choice:  # --format -> FORMAT
        return max(param.opts, key=len).lstrip("-").upper()
    annotation = desc.annotation
    if annotation is int:
        return "N"
    if annotation is float:
        return "X"
    return "TEXT"


def _relabel(param) -> None:
    """Give ``param`` (built by typer) the display rules above; idempotent."""
    if isinstance(param, (_Argument, _Option)):
        return
    if type(param) is TyperArgument:
        name = param.metavar or param.name.upper()
        if param.nargs != 1 and not name.endswith("..."):
            name += "..."
        param.metavar = name
        param.__class__ = _Argument  # same fields, other display methods
    elif type(param) is TyperOption:
        extra = []
        if param.is_flag or param.count:
            param.metavar = ""
        else:
            desc = param.type_descriptor
            if desc.is_choice and desc.choices is not None:
                values = [getattr(c, "value", c) for c in desc.choices]
                extra.append(f"[one of: {', '.join(map(str, values))}]")
            if param.metavar is None:
                param.metavar = _value_name(param)
            span = TyperOption._get_number_range_help_str(param)
            if span:
                extra.append(f"[{span}]")
        param.help = " ".join([param.help or "", *extra]).strip()
        param.__class__ = _Option
    param.help = escape(param.help or "")


def _reflow(text: str | None) -> str | None:
    """Join the lines of each paragraph; a paragraph starting with click's ``\\b`` keeps its line breaks (and
    loses the marker, which typer's rich help would print)."""
    if not text:
        return text
    import inspect

    paragraphs = inspect.cleandoc(text).split("\n\n")
    kept = (p.removeprefix("\b").strip("\n") if p.startswith("\b") else " ".join(p.split()) for p in paragraphs)
    return escape("\n\n".join(kept))


class _Relabelled:
    def _relabel_all(self) -> None:
        self.help = _reflow(self.help)
        for param in self.params:
            _relabel(param)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            _relabel(option)
        return option


class HelpCommand(_Relabelled, TyperCommand):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._relabel_all()


class HelpGroup(_Relabelled, TyperGroup):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._relabel_all()
