"""newskit/cli/params.py converts command-line values without pydantic: the same values, and the same errors,
as typer's own conversion, for every parameter of every command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer._click import Context
from typer._coercion import build_runtime_param
from typer.main import get_command

from newskit.cli import app, params

#: Values a user may type: numerals plain and odd, words in any case, paths plain and odd, and the empty string.
TYPED = ["0", "7", "007", "+3", "-2", "-0", "1.5", ".5", "5.", "1e-3", "2E+2", "1e400", " 4", "4 ", "1_000",
         "inf", "nan", "0x10", "１２", "99999999999999999999", "table", "TABLE", "Json", "zh", "ZH", "error", "auto",
         "nope", "", "-", "seeds", "seeds/", "./seeds", "a//b", "/nonexistent/x.txt", "文件.txt", "x y"]
#: Values a parameter's default may hold.
DEFAULTS = [None, 1, 0.9, 0.2, True, False, Path("seeds"), ("a", "b"), ["c"]]


def _parameters():
    def walk(cmd, prefix):
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk(sub, f"{prefix}{name} ")
        for p in getattr(cmd, "params", []):
            yield f"{prefix}{p.name}", cmd, p

    return list(walk(get_command(app), ""))


def _outcome(runtime, value, param, ctx):
    try:
        got = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error a user sees: its class and its message
        return ("error", type(exc).__name__, str(exc))
    return ("value", type(got).__name__, repr(got))  # repr: nan equals nan


@pytest.mark.parametrize(("where", "command", "param"), _parameters(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_parameter_converts_every_value_as_typer_does(where, command, param) -> None:
    ctx = Context(command)
    ours = param.get_runtime_param()
    typers = build_runtime_param(param.type_descriptor)
    if param.nargs == -1 or getattr(param, "multiple", False):  # click hands these a tuple
        values = [(v,) for v in TYPED] + [tuple(TYPED), (), None, ["c"]]
    else:
        values = TYPED + DEFAULTS
    for value in values:
        assert _outcome(ours, value, param, ctx) == _outcome(typers, value, param, ctx), (where, value)


def test_the_plain_annotations_are_converted_here() -> None:
    """The comparison above means something only if most parameters do take the plain path."""
    plain = [p for _, _, p in _parameters() if isinstance(p.get_runtime_param(), params.PlainRuntimeParam)]
    assert len(plain) >= 60


def test_linting_a_page_imports_no_pydantic() -> None:
    probe = ("import sys\nfrom newskit.cli import app\n"
             "try:\n    app(['lint', '--select', 'P101', '--max-error-rate', '0.5', '--format', 'JSON', '-j', '1',"
             " 'seeds/000_5aba1ba51e5b42c7.txt'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
             "print('pydantic' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert res.stdout.strip().splitlines()[-1] == "False", res.stderr
