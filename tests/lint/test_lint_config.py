"""Config discovery and parsing (the CLI-level errors are in test_lint_cli.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from newskit.config import Config, ConfigError, find_config, load_config
from newskit.model import Severity


def test_no_config_means_defaults(tmp_path) -> None:
    assert find_config(tmp_path) is None or not str(find_config(tmp_path)).startswith(str(tmp_path))
    assert Config().settings().profile == "newspaper"


def test_newskit_toml_wins_over_pyproject_in_the_same_directory(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.newskit]\nprofile = 'web'\n", encoding="utf-8")
    assert find_config(tmp_path) == (tmp_path / "pyproject.toml").resolve()
    (tmp_path / "newskit.toml").write_text("profile = 'newspaper'\n", encoding="utf-8")
    assert find_config(tmp_path) == (tmp_path / "newskit.toml").resolve()


def test_pyproject_without_a_newskit_table_is_passed_over(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.newskit]\nprofile = 'web'\n", encoding="utf-8")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (inner / "pyproject.toml").write_text("this is not toml [", encoding="utf-8")
    assert find_config(inner) == (tmp_path / "pyproject.toml").resolve()
    assert load_config(start=inner).profile == "web"


def test_full_config(tmp_path) -> None:
    (tmp_path / "staff.txt").write_text("# 编辑部\n许珂\n李奇\n\n", encoding="utf-8")
    (tmp_path / "newskit.toml").write_text(
        """
profile = "newspaper"
select = ["P", "S"]
extend-select = ["B101"]
ignore = ["S101"]
fail-on = "warning"
issue-date = 2020-03-18
roster = "staff.txt"

[terms]
preferred = { "笔划" = "笔画" }
banned = { "某词" = "不用" }

[rules.halfwidth-punctuation]
severity = "warning"

[rules.B101]
severity = "off"

[[ignores]]
path = "pages/*.txt"
code = "P101"
fingerprint = "abc123"
reason = "quoted as printed"
""", encoding="utf-8")
    cfg = load_config(start=tmp_path)
    assert cfg.select == ("P", "S") and cfg.extend_select == ("B101",)
    assert cfg.ignore == ("S101", "B101")  # severity "off" ignores the rule
    assert cfg.fail_on == Severity.WARNING and cfg.severities == {"P101": Severity.WARNING}
    assert cfg.roster == ("许珂", "李奇")
    settings = cfg.settings()
    assert settings.issue_date == dt.date(2020, 3, 18) and settings.preferred_terms == {"笔划": "笔画"}
    assert settings.banned_terms == {"某词": "不用"}
    (ignore,) = cfg.ignores
    assert (ignore.path, ignore.code, ignore.fingerprint, ignore.reason) == (
        "pages/*.txt", "P101", "abc123", "quoted as printed")
    assert cfg.root == tmp_path.resolve()
    assert cfg.settings(profile="web", issue_date=dt.date(2021, 1, 1)).profile == "web"


@pytest.mark.parametrize("text, message", [
    ("roster = [1, 2]\n", "'roster' must be a list of strings"),
    ("issue-date = 'March'\n", "'issue-date' must be YYYY-MM-DD"),
    ("[terms]\nbanned = ['x']\n", "'terms.banned' must be a table of strings"),
    ("[terms]\nfavoured = {}\n", "unknown key(s) in [terms]: favoured"),
    ("rules = 3\n", "'rules' must be a table"),
    ("ignores = {path = 'x'}\n", "'ignores' must be an array of tables"),
    ("[[ignores]]\ncode = 'Q1'\n", "ignores #1: unknown rule selector"),
    ("[[ignores]]\ncode = 'P101'\nline = 3\n", "ignores #1: unknown key(s) line"),
])
def test_errors_name_the_file_and_the_problem(tmp_path, text, message) -> None:
    path = tmp_path / "newskit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_pyproject_errors_name_the_table(tmp_path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.newskit]\nprofile = 'radio'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml \[tool.newskit\]: 'profile'"):
        load_config(start=tmp_path)
