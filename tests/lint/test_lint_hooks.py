"""The pre-commit hooks run commands the CLI accepts."""

from __future__ import annotations

import shlex

import pytest

from tests.conftest import REPO


def test_pre_commit_hooks_call_valid_lint_commands(tmp_path) -> None:
    yaml = pytest.importorskip("yaml")
    from typer.testing import CliRunner

    from newskit.cli import app

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"newskit-lint", "newskit-lint-fix"}
    page = tmp_path / "page.txt"
    page.write_text("会议召开\n\n本报讯(记者 张三)今年 9 月,市委召开会议。\n", encoding="utf-8")
    for hook in hooks:
        assert hook["language"] == "python" and hook["files"]
        argv = shlex.split(hook["entry"])
        assert argv[:2] == ["newskit", "lint"]
        result = CliRunner().invoke(app, [*argv[1:], "--select", "P101,S101", str(page)])
        assert result.exit_code in (0, 1), result.output
    assert page.read_text(encoding="utf-8") == "会议召开\n\n本报讯（记者 张三）今年9月，市委召开会议。\n"
