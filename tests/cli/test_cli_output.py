"""Issue 10, items 6–12: tables that read at 80 and 120 columns, folded repeats, Chinese output, CI flags,
the page error-rate gate, config traps and one meaning for the fixable mark."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS, SHARED, seed_path

SEED_002 = seed_path("002")
CLEAN = "会议召开\n\n本报讯（记者 张三）3月2日，市委召开会议，部署工作。\n"


def run(*args: str, cwd: Path | None = None, env: dict | None = None,
        columns: int | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    environ.update(env or {})
    if columns:
        environ["COLUMNS"] = str(columns)
    return subprocess.run([sys.executable, "-m", "newskit", *args], capture_output=True, timeout=120, cwd=cwd,
                          env=environ)


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


# --- 6. tables wrap, never truncate; the flagged mark is always in view ----------------------------------


@pytest.mark.parametrize("columns", [80, 120])
def test_lint_table_shows_whole_messages_and_the_flagged_mark(columns) -> None:
    res = run("lint", str(SEED_002), "--format", "table", "--select", "P101,D104", "--color", "never",
              columns=columns)
    text = res.stdout.decode()
    assert all(_cells(line) <= columns for line in text.splitlines())
    words = set(re.findall(r"[\w;'’]+", text))
    for word in "vague dateline '近日' on a 本报讯 item; give the date".split():  # wrapped, every letter kept
        assert word in words, word
    from newskit.reporters.table import excerpt_text

    from newskit.config import Config
    from newskit.lint.engine import lint_file
    from newskit.io import read_document

    _, plan = Config().plan(["P101"])
    result = lint_file(read_document(SEED_002), plan)
    for f in result.findings:  # every excerpt, cut for the narrowest column, still shows its span
        excerpt = excerpt_text(f, 16)
        spans = [s for s in excerpt.spans if "reverse" in str(s.style)]
        assert spans and excerpt.plain[spans[0].start:spans[0].end] == f.excerpt[
            f.excerpt_offset:f.excerpt_offset + max(1, f.end - f.start)]
        assert _cells(excerpt.plain) <= max(16, _cells(f.excerpt[f.excerpt_offset:f.excerpt_offset + f.end - f.start]) + 2)


@pytest.mark.parametrize("columns", [80, 120])
def test_rules_and_split_tables_keep_their_text(columns) -> None:
    res = run("rules", "--format", "table", columns=columns)
    text = res.stdout.decode()
    assert text.count("…") < 5 and all(_cells(line) <= columns for line in text.splitlines())
    assert len(text.splitlines()) < 150
    assert "enumeration-comma-between-titles" in text
    res = run("split", str(seed_path("000")), "--format", "table", columns=columns)
    text = res.stdout.decode()
    assert "农业现代化和城乡一体化" in re.sub(r"[\s│]", "", text)  # a long headline, whole


# --- 7. repeats folded in the table, listed in machine formats; one page table for many files -------------


def test_repeated_findings_fold_into_one_row(tmp_path) -> None:
    res = run("lint", str(SEED_002), "--format", "table", "--select", "P101", "--color", "never", columns=120)
    text = res.stdout.decode()
    p101_rows = [line for line in text.splitlines() if line.startswith("P101")]
    machine = run("lint", str(SEED_002), "--format", "jsonl", "--select", "P101").stdout.decode().splitlines()
    assert len(machine) > 300 and len(p101_rows) < 30
    assert re.search(r"×\d+ lines \d+, \d+", text)


def test_many_files_end_with_one_table_of_page_rates() -> None:
    res = run("lint", str(SEEDS), "--format", "table", "--color", "never", columns=120)
    text = res.stdout.decode()
    tail = text[text.index("error rate per page"):]
    assert all(p.name in tail for p in SEEDS.glob("*.txt"))


# --- 8. Chinese messages and headings -----------------------------------------------------------------------


def test_lang_zh_from_flag_config_and_locale(tmp_path) -> None:
    res = run("lint", str(SEED_002), "--format", "table", "--lang", "zh", "--select", "P101,D104", columns=120)
    text = res.stdout.decode()
    assert "说明" in text and "原文" in text and "万分之" in text and "中文里用了半角" in text
    assert "half-width" not in text
    concise = run("lint", str(SEED_002), "--format", "concise", "--select", "D104").stdout.decode()
    assert "vague dateline" in concise  # English by default (a CI log)
    zh_env = run("lint", str(SEED_002), "--format", "concise", "--select", "D104", env={"LANG": "zh_CN.UTF-8"})
    assert "模糊时间" in zh_env.stdout.decode()
    (tmp_path / "newskit.toml").write_text('lang = "zh"\n', encoding="utf-8")
    res = run("lint", str(SEED_002), "--format", "concise", "--select", "D104", cwd=tmp_path)
    assert "模糊时间" in res.stdout.decode()


# --- 9. CI flags ---------------------------------------------------------------------------------------------


def test_output_file_quiet_color_version(tmp_path) -> None:
    target = tmp_path / "report.txt"
    res = run("lint", str(SEED_002), "--format", "concise", "-o", str(target), "-q")
    assert res.stdout == b"" and res.stderr == b""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.startswith(str(SEED_002)) for line in lines)  # findings only, no summary
    colour = run("lint", str(SEED_002), "--format", "table", "--color", "always").stdout
    plain = run("lint", str(SEED_002), "--format", "table", "--color", "never").stdout
    assert b"\x1b[" in colour and b"\x1b[" not in plain
    version = run("--version")
    assert version.returncode == 0 and re.fullmatch(r"newskit \d+\.\d+\.\d+\n", version.stdout.decode())


def test_exclude_and_extend_exclude(tmp_path) -> None:
    pages = tmp_path / "pages"
    (pages / "old").mkdir(parents=True)
    (pages / "a.txt").write_text(CLEAN, encoding="utf-8")
    (pages / "b.txt").write_text(CLEAN, encoding="utf-8")
    (pages / "old" / "c.txt").write_text(CLEAN, encoding="utf-8")

    def linted(*args: str, cwd: Path = tmp_path) -> list[str]:
        res = run("lint", str(pages), "--statistics", "--format", "json", *args, cwd=cwd)
        return sorted(Path(f["path"]).name for f in json.loads(res.stdout)["files"])

    assert linted() == ["a.txt", "b.txt", "c.txt"]
    assert linted("--exclude", "old") == ["a.txt", "b.txt"]
    assert linted("--extend-exclude", "b.txt") == ["a.txt", "c.txt"]
    (tmp_path / "newskit.toml").write_text('exclude = ["old/"]\n', encoding="utf-8")
    assert linted("--extend-exclude", "a.*") == ["b.txt"]
    assert linted("--exclude", "b.txt") == ["a.txt", "c.txt"]  # the flag replaces the config's list


def test_show_settings_names_the_config_and_the_rules(tmp_path) -> None:
    (tmp_path / "newskit.toml").write_text('ignore = ["B101"]\nmax-error-rate = 4\n', encoding="utf-8")
    res = run("lint", ".", "--show-settings", cwd=tmp_path)
    text = res.stdout.decode()
    assert res.returncode == 0
    assert f"config file: {tmp_path / 'newskit.toml'}" in text and "max-error-rate: 4.0" in text
    rules = text.split("rules (", 1)[1]
    assert "P101" in rules and "B101" not in rules


# --- 10. the page error-rate gate ----------------------------------------------------------------------------


def test_max_error_rate_gate_and_its_reports(tmp_path) -> None:
    stats = json.loads(run("lint", str(SEEDS), "--statistics", "--format", "json").stdout)
    rates = {Path(f["path"]).name: f for f in stats["files"]}
    assert all({"error_rate", "errors", "characters"} <= set(f) for f in rates.values())
    worst = max(f["error_rate"] for f in rates.values())
    assert run("lint", str(SEEDS), "--max-error-rate", str(worst + 1)).returncode == 0  # errors, but under
    assert run("lint", str(SEEDS), "--max-error-rate", str(worst - 1)).returncode == 1
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run("lint", str(clean), "--select", "ALL", "--max-error-rate", "0").returncode == 0
    (tmp_path / "newskit.toml").write_text(f"max-error-rate = {worst + 1}\n", encoding="utf-8")
    assert run("lint", str(SEEDS), cwd=tmp_path).returncode == 0
    # streaming formats keep the page counts although they drop each file's text
    assert run("lint", str(SEEDS), "--format", "jsonl", "--max-error-rate", str(worst - 1)).returncode == 1

    sarif = json.loads(run("lint", str(SEEDS), "--format", "sarif").stdout)
    files = sarif["runs"][0]["properties"]["newskit"]["files"]
    assert {Path(f["path"]).name: f["error_rate"] for f in files} == {k: v["error_rate"] for k, v in rates.items()}
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    run("lint", str(SEEDS), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n") and "| page | characters | errors |" in text
    assert all(name in text for name in rates)


# --- 11. config traps ----------------------------------------------------------------------------------------


def test_readme_pyproject_example_works_in_newskit_toml(tmp_path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    assert example.startswith("[tool.newskit]")
    (tmp_path / "staff.txt").write_text("许珂\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    assert run("lint", ".", "--show-settings", cwd=tmp_path).returncode == 0, "pyproject.toml"
    (tmp_path / "pyproject.toml").unlink()
    (tmp_path / "newskit.toml").write_text(example, encoding="utf-8")
    res = run("lint", ".", "--show-settings", cwd=tmp_path)
    assert res.returncode == 0, res.stderr.decode()


def test_rule_docs_name_keys_that_work_and_errors_speak_kebab_case(tmp_path) -> None:
    doc = run("rules", "T101", "--format", "text").stdout.decode()
    assert "preferred_terms" not in doc and "[terms] preferred" in doc
    (tmp_path / "newskit.toml").write_text('[terms]\npreferred = { "惟一" = "唯一" }\n', encoding="utf-8")
    assert run("lint", ".", "--show-settings", cwd=tmp_path).returncode == 0
    (tmp_path / "newskit.toml").write_text('fail_onn = "error"\n[rules.D103]\nmax_days = 3\n', encoding="utf-8")
    err = run("lint", ".", "--show-settings", cwd=tmp_path).stderr.decode()
    assert "fail-onn" in err and "extend-select" in err and "_" not in err.split("(known:")[1]
    (tmp_path / "newskit.toml").write_text('[rules.D103]\nmax_days = 3\n', encoding="utf-8")
    err = run("lint", ".", "--show-settings", cwd=tmp_path).stderr.decode()
    assert "max-days" in err and "max_days" not in err


def test_code_only_ignore_is_refused_and_unused_ignores_warn(tmp_path) -> None:
    (tmp_path / "newskit.toml").write_text('[[ignores]]\ncode = "S101"\n', encoding="utf-8")
    res = run("lint", ".", "--show-settings", cwd=tmp_path)
    assert res.returncode == 2 and "every file" in res.stderr.decode()
    (tmp_path / "newskit.toml").unlink()
    page = tmp_path / "a.txt"
    page.write_text(CLEAN.replace("，市委", ",市委"), encoding="utf-8")
    (f,) = json.loads(run("lint", "a.txt", "--format", "json", "--select", "P101", cwd=tmp_path).stdout)
    (tmp_path / "newskit.toml").write_text(
        f'[[ignores]]\npath = "a.txt"\ncode = "P101"\nfingerprint = "{f["fingerprint"]}"\n'
        '[[ignores]]\npath = "a.txt"\ncode = "P101"\nfingerprint = "000000000000"\n', encoding="utf-8")
    res = run("lint", "a.txt", "--select", "P101", "--format", "concise", cwd=tmp_path)
    err = res.stderr.decode()
    assert res.returncode == 0 and "unused ignore #2" in err and "#1" not in err


def test_statistics_sarif_is_sarif_and_help_is_plain() -> None:
    res = run("lint", str(SEED_002), "--statistics", "--format", "sarif")
    data = json.loads(res.stdout)
    assert data["version"] == "2.1.0" and data["runs"][0]["properties"]["newskit"]["rules"]
    help_text = run("lint", "--help", columns=200).stdout.decode()
    options = [line for line in help_text.splitlines() if "--" in line and "--help" not in line]
    assert options and not [line for line in options if "<bool>" in line or "list[str]" in line]
    flat = " ".join(help_text.split())
    assert "Exit codes: 0" in flat and "1 findings" in flat and "2 bad input" in flat


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("command", ["", "lint", "split", "dedupe", "report", "rules"])
def test_help_names_every_value_and_keeps_every_name(command, columns) -> None:
    """Help shows metavars (PATH..., FILE, N), never typer's annotation text (<list[str]>, <bool>, <int range>),
    never {paths} in the usage line, and at 80 columns still prints every option's name and help in full."""
    from typer.main import get_command

    from newskit.cli import app

    res = run(*[c for c in (command,) if c], "--help", columns=columns)
    text = res.stdout.decode()
    assert res.returncode == 0 and text.strip()
    assert all(_cells(line) <= columns for line in text.splitlines())
    assert not re.search(r"<(list|bool|str|int|float|[a-z]+\|)", text), text
    assert "{" not in text and "\b" not in text
    assert not re.search(r"\w…", text)  # nothing cut short (the --boilerplate-share help opens with "…")
    usage = next(line for line in text.splitlines() if "Usage:" in line)
    group = get_command(app)
    cmd = group.commands[command] if command else group
    if command in ("lint", "split", "dedupe", "report"):
        assert usage.rstrip().endswith("[OPTIONS] PATH...") and "PATH..." in text.split("Arguments")[1]
    if command == "rules":
        assert usage.rstrip().endswith("[OPTIONS] [RULE]")
    words = set(re.findall(r"--[\w-]+", text))
    for param in cmd.params:
        assert all(opt in words for opt in param.opts if opt.startswith("--")), param.opts
    flat = " ".join(text.replace("│", " ").split())
    if command in ("lint", "split", "dedupe"):  # a choice lists its values; a bracketed default is not eaten
        assert re.search(r"--format -f FORMAT Output format \(default: table on a terminal, else \w+\)\. "
                         r"\[one of: table, ", flat), flat
    if command == "dedupe":
        assert "Characters per n-gram (default: 7)" in flat
    if command == "lint":
        assert "--fix Apply safe fixes" in flat and "--jobs -j N " in flat and "--max-error-rate R " in flat


# --- 12. one meaning for the fixable mark -------------------------------------------------------------------


def test_fixable_mark_means_the_same_in_table_and_concise(tmp_path) -> None:
    page = tmp_path / "a.txt"
    # P101 (safe fix) and R101 (unsafe fix) in one paragraph
    page.write_text("会议召开\n\n本报讯（记者 张三）3月2日,市委召开会议，部署部署工作。\n", encoding="utf-8")

    def marked(fmt: str, *extra: str) -> set[str]:
        text = run("lint", str(page), "--format", fmt, "--select", "P101,R101", "--color", "never", *extra,
                   columns=120).stdout.decode()
        return {code for code in ("P101", "R101") if re.search(code + r" \[\*\]", text)}

    assert marked("table") == marked("concise") == {"P101"}
    assert marked("table", "--unsafe-fixes") == marked("concise", "--unsafe-fixes") == {"P101", "R101"}
    table = run("lint", str(page), "--format", "table", "--color", "never", columns=120).stdout.decode()
    assert "[*] fixable: --fix repairs it" in table
