"""The ``newskit`` command: typer wiring only. Each command lives in its own thin module."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from newskit.cli.help import HelpCommand, HelpGroup

app = typer.Typer(
    cls=HelpGroup,
    name="newskit",
    help="Split, lint and dedupe Chinese newspaper text dumps.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

def _version(value: bool) -> None:
    if value:
        from newskit import __version__

        print(f"newskit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option(
        "--version", help="Print the version and exit.", callback=_version, is_eager=True)] = False) -> None:
    """Split, lint and dedupe Chinese newspaper text dumps."""


#: command name -> module under newskit.cli exposing a function ``<name>_command`` (or a typer ``<name>_app``)
COMMANDS = ("split", "lint", "rules", "dedupe", "report", "archive")

for _name in COMMANDS:
    try:
        _module = importlib.import_module(f"newskit.cli.{_name}")
    except ModuleNotFoundError as exc:  # a command module not written yet must not break the others
        if exc.name != f"newskit.cli.{_name}":
            raise
        continue
    if hasattr(_module, f"{_name}_app"):  # a command with subcommands (newskit archive export)
        app.add_typer(getattr(_module, f"{_name}_app"), name=_name)
    else:
        app.command(_name, cls=HelpCommand)(getattr(_module, f"{_name}_command"))


def main() -> None:
    from newskit.cli.common import run_app

    run_app(app)
