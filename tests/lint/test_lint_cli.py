"""``newskit lint`` and ``newskit rules`` from the outside: every format, every exit code, stdin, fixes, config."""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS, SHARED, seed_path

FORMATS = ["table", "concise", "json", "jsonl", "sarif", "github"]
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]")
CLEAN = "会议召开\n\n本报讯（记者 张三）3月2日，市委召开会议，部署工作。\n"


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskit", *args], input=stdin, capture_output=True,
                          timeout=120, cwd=cwd)


def out(res: subprocess.CompletedProcess) -> str:
    return res.stdout.decode("utf-8")


def err(res: subprocess.CompletedProcess) -> str:
    return res.stderr.decode("utf-8")


@pytest.fixture
def pages(tmp_path) -> Path:
    """The seeds, copied (writable) into a directory without any config above it that matters."""
    work = tmp_path / "pages"
    work.mkdir()
    for p in SEEDS.glob("*.txt"):
        target = work / p.name
        target.write_bytes(p.read_bytes())
    return work


@pytest.fixture
def clean(tmp_path) -> Path:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


# --- formats -----------------------------------------------------------------------------------------------


def test_json_fields_and_positions(tmp_path) -> None:
    res = run("lint", str(seed_path("001")), "--format", "json", "--select", "S101,B101", cwd=tmp_path)
    assert res.returncode == 1, err(res)
    findings = json.loads(out(res))
    assert {tuple(sorted(f)) for f in findings} == {tuple(sorted([
        "code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "article",
        "excerpt", "fix", "fingerprint"]))}
    s101 = [f for f in findings if f["code"] == "S101"]
    assert (s101[0]["line"], s101[0]["column"], s101[0]["end_column"]) == (3, 15, 16)  # `问题 94 个`
    lines = seed_path("001").read_text(encoding="utf-8").splitlines()
    for f in s101:  # the reported span is the space, in code points of the original line
        assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1].strip() == ""
        assert f["fix"]["applicability"] == "safe" and f["fix"]["edits"][0]["replacement"] == ""
    (b101,) = [f for f in findings if f["code"] == "B101"]
    assert (b101["line"], b101["end_line"], b101["severity"]) == (55, 57, "warning")
    assert b101["fix"]["applicability"] == "unsafe" and b101["article"].startswith("newskit:001_")


def test_jsonl_matches_json(tmp_path) -> None:
    as_json = json.loads(out(run("lint", str(seed_path("002")), "-f", "json", cwd=tmp_path)))
    as_lines = [json.loads(line) for line in out(run("lint", str(seed_path("002")), "-f", "jsonl",
                                                      cwd=tmp_path)).splitlines()]
    assert as_lines == as_json and len(as_json) > 100


def test_concise_lines(tmp_path) -> None:
    res = run("lint", str(seed_path("001")), "--select", "S101", cwd=tmp_path)  # piped: concise by default
    lines = out(res).splitlines()
    assert lines[0] == (f"{seed_path('001')}:3:15: S101 [*] [error] "
                        "space between Chinese and a digit; print them unspaced")
    assert lines[-1].startswith("Found 15 errors in 1 file.")


def test_table_groups_by_article_and_reports_error_rates(tmp_path) -> None:
    res = run("lint", str(seed_path("001")), "-f", "table", cwd=tmp_path)
    text = out(res)
    assert res.returncode == 1
    assert "衡山289个监督服务微信群挺管用" in text or "衡山 289 个监督服务微信群挺管用" in text
    assert "留守（困境）儿童有了关爱档案" in text  # the B101 article's headline titles its table
    assert "errors per 10,000 characters" in text and "page" in text and "over" in text


def test_github_annotations(tmp_path) -> None:
    res = run("lint", str(seed_path("001")), "-f", "github", "--select", "B101,S101", cwd=tmp_path)
    lines = out(res).splitlines()
    assert lines[0].startswith(f"::error file={seed_path('001')},line=3,col=15,endLine=3,endColumn=16,"
                               "title=S101 space-between-han-and-digit::S101 ")
    assert any(line.startswith("::warning ") and ",line=55," in line for line in lines)
    assert all(re.fullmatch(r"::(error|warning|notice) [^:]+::.+", line) for line in lines)


def test_sarif_structure(tmp_path) -> None:
    res = run("lint", str(seed_path("001")), "-f", "sarif", cwd=tmp_path)
    assert res.returncode == 1
    sarif = json.loads(out(res))
    (run_,) = sarif["runs"]
    assert sarif["version"] == "2.1.0" and run_["columnKind"] == "unicodeCodePoints"
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert {"P101", "S101", "B101"} <= set(rule_ids)
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    first = run_["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (first["startLine"], first["startColumn"]) == (3, 15)


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason="../shared/schemas/sarif-schema-2.1.0.json not present")
def test_sarif_validates_against_the_schema(tmp_path) -> None:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    for seed in ("001", "002"):
        res = run("lint", str(seed_path(seed)), "-f", "sarif", "--select", "ALL", cwd=tmp_path)
        jsonschema.validate(json.loads(out(res)), schema)
    clean_run = run("lint", "-", "-f", "sarif", cwd=tmp_path, stdin=CLEAN.encode())
    jsonschema.validate(json.loads(out(clean_run)), schema)


# --- exit codes: identical in every format -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_codes_in_every_format(fmt, tmp_path, clean) -> None:
    assert run("lint", str(seed_path("001")), "-f", fmt, cwd=tmp_path).returncode == 1
    assert run("lint", str(clean), "-f", fmt, cwd=tmp_path).returncode == 0
    # warnings only: below the default --fail-on error, at or above --fail-on warning
    assert run("lint", str(seed_path("001")), "-f", fmt, "--select", "B101", cwd=tmp_path).returncode == 0
    assert run("lint", str(seed_path("001")), "-f", fmt, "--select", "B101", "--fail-on", "warning",
               cwd=tmp_path).returncode == 1
    missing = run("lint", str(tmp_path / "nope.txt"), "-f", fmt, cwd=tmp_path)
    assert missing.returncode == 2 and err(missing).count("\n") == 1 and "Traceback" not in err(missing)


@pytest.mark.parametrize("args, message", [
    (["--select", "Q9"], "unknown rule selector 'Q9'"),
    (["--ignore", "no-such-rule"], "unknown rule selector 'no-such-rule'"),
    (["--format", "xml"], "xml"),
    (["--fail-on", "fatal"], "fatal"),
    (["--issue-date", "2020-02-30"], "YYYY-MM-DD"),
    (["--config", "missing.toml"], "config file not found"),
])
def test_bad_flags_exit_2_with_one_line(args, message, tmp_path, clean) -> None:
    res = run("lint", str(clean), *args, cwd=tmp_path)
    assert res.returncode == 2
    assert message in err(res) and err(res).count("\n") == 1 and "Traceback" not in err(res)
    assert out(res) == ""


def test_bad_input_files_exit_2_but_the_others_are_still_reported(tmp_path, clean) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    res = run("lint", str(seed_path("001")), str(empty), str(binary), "-f", "json", cwd=tmp_path)
    assert res.returncode == 2
    assert "file is empty" in err(res) and "binary" in err(res) and "Traceback" not in err(res)
    assert json.loads(out(res))  # the readable file's findings are still printed


def test_exit_zero(tmp_path) -> None:
    assert run("lint", str(seed_path("001")), "--exit-zero", cwd=tmp_path).returncode == 0


# --- selection, statistics, stdin ---------------------------------------------------------------------------


def test_select_and_ignore(tmp_path) -> None:
    codes = lambda res: {f["code"] for f in json.loads(out(res))}  # noqa: E731
    assert codes(run("lint", str(seed_path("001")), "-f", "json", "--select", "S", cwd=tmp_path)) == {"S101"}
    assert "S101" not in codes(run("lint", str(seed_path("001")), "-f", "json", "--ignore",
                                   "space-between-han-and-digit", cwd=tmp_path))
    web = codes(run("lint", str(seed_path("001")), "-f", "json", "--profile", "web", cwd=tmp_path))
    assert "S101" not in web and "B101" in web


def test_statistics_json(tmp_path) -> None:
    res = run("lint", str(seed_path("001")), str(seed_path("002")), "--statistics", "-f", "json", cwd=tmp_path)
    assert res.returncode == 1
    stats = json.loads(out(res))
    by_code = {r["code"]: r for r in stats["rules"]}
    findings = json.loads(out(run("lint", str(seed_path("001")), str(seed_path("002")), "-f", "json",
                                  cwd=tmp_path)))
    counts = collections.Counter(f["code"] for f in findings)
    assert {c: r["count"] for c, r in by_code.items()} == dict(counts)
    assert stats["threshold"] == 3.0 and [f["path"] for f in stats["files"]] == [str(seed_path("001")),
                                                                                 str(seed_path("002"))]
    page = stats["files"][0]
    errors = sum(1 for f in findings if f["path"] == str(seed_path("001")) and f["severity"] == "error")
    assert page["errors"] == errors and page["rate"] == round(errors * 10_000 / page["chars"], 2)
    assert page["passes"] is False and page["articles"]


def test_statistics_text(tmp_path) -> None:
    res = run("lint", str(seed_path("001")), "--statistics", "--select", "S101", cwd=tmp_path)
    lines = out(res).splitlines()
    assert re.fullmatch(r"\s+15\tS101\t\[\*\] space-between-han-and-digit \(error\)", lines[0])
    assert "errors per 10,000 characters" in lines[1] and "over at 3" in lines[1]


def test_stdin_with_filename(tmp_path) -> None:
    data = seed_path("001").read_bytes()
    res = run("lint", "-", "--stdin-filename", "pages/a1.txt", "-f", "json", "--select", "S101", cwd=tmp_path,
              stdin=data)
    assert res.returncode == 1
    assert {f["path"] for f in json.loads(out(res))} == {"pages/a1.txt"}
    anonymous = run("lint", "-", "-f", "jsonl", "--select", "S101", cwd=tmp_path, stdin=data)
    assert json.loads(out(anonymous).splitlines()[0])["path"] == "-"


def test_stdin_fix_prints_the_fixed_text(tmp_path) -> None:
    res = run("lint", "-", "--fix", "--select", "S101", cwd=tmp_path, stdin=seed_path("001").read_bytes())
    assert res.returncode == 0, err(res)
    assert "衡山289个监督服务微信群挺管用" in out(res) and "今年9月" in out(res)
    assert "No findings" in err(res)


# --- fixing ------------------------------------------------------------------------------------------------


def han_counts(directory: Path) -> dict[str, collections.Counter]:
    return {p.name: collections.Counter(HAN_RE.findall(p.read_text(encoding="utf-8")))
            for p in sorted(directory.glob("*.txt"))}


@pytest.mark.parametrize("unsafe, selection", [
    (False, "ALL"),
    # unsafe fixes may delete Chinese on purpose (a repeated word: 户外户外 -> 户外); the engine's own rules never do
    (True, "P101,S101,B101"),
])
def test_fix_twice_equals_fix_once_and_keeps_every_chinese_character(pages, unsafe, selection) -> None:
    before = han_counts(pages)
    extra = ["--unsafe-fixes"] if unsafe else []
    extra += ["--select", selection]
    first = run("lint", str(pages), "--fix", *extra, "-f", "json", cwd=pages)
    assert first.returncode in (0, 1), err(first)
    assert "fixed" in err(first)
    once = {p.name: p.read_bytes() for p in pages.glob("*.txt")}
    assert once != {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}
    second = run("lint", str(pages), "--fix", *extra, "-f", "json", cwd=pages)
    assert {p.name: p.read_bytes() for p in pages.glob("*.txt")} == once
    assert "fixed 0 finding(s) in 0 file(s)" in err(second)
    assert json.loads(out(second)) == json.loads(out(first))  # the same findings remain
    assert han_counts(pages) == before
    remaining = json.loads(out(second))
    assert not [f for f in remaining if f["fix"] and (unsafe or f["fix"]["applicability"] == "safe")]


def test_fix_applies_only_safe_fixes_unless_asked(pages) -> None:
    page = pages / seed_path("001").name
    run("lint", str(page), "--fix", cwd=pages)
    text = page.read_text(encoding="utf-8")
    assert "今年9月" in text and "陆意\n\n刘紫星" in text  # S101 fixed; B101 (unsafe) untouched
    run("lint", str(page), "--fix", "--unsafe-fixes", cwd=pages)
    assert "本报讯（邹红辉 通讯员 陆意 刘紫星）11月30日" in page.read_text(encoding="utf-8")


def test_fix_keeps_encoding_bom_and_line_ends(tmp_path) -> None:
    text = "会议召开\r\n\r\n本报讯(记者 张三)今年 9 月,市委召开会议。\r\n"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    res = run("lint", str(gbk), str(bom), "--fix", cwd=tmp_path)
    assert res.returncode == 0, out(res) + err(res)
    fixed = "会议召开\r\n\r\n本报讯（记者 张三）今年9月，市委召开会议。\r\n"
    assert gbk.read_bytes() == fixed.encode("gb18030")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + fixed.encode("utf-8")


def test_diff_shows_fixes_and_writes_nothing(pages) -> None:
    page = pages / seed_path("001").name
    before = page.read_bytes()
    res = run("lint", str(page), "--diff", cwd=pages)
    assert res.returncode == 1  # the check's findings still decide the exit code
    text = out(res)
    assert text.startswith(f"--- a/{page}\n+++ b/{page}\n")
    assert "-今年 9 月，衡山县" in text and "+今年9月，衡山县" in text
    assert "+本报讯（邹红辉 通讯员 陆意 刘紫星）" not in text  # unsafe: only with --unsafe-fixes
    assert page.read_bytes() == before
    unsafe = out(run("lint", str(page), "--diff", "--unsafe-fixes", cwd=pages))
    assert "+本报讯（邹红辉 通讯员 陆意 刘紫星）11月30日" in unsafe


def test_parallel_jobs_give_the_same_report(pages) -> None:
    serial = run("lint", str(pages), "-f", "json", cwd=pages)
    parallel = run("lint", str(pages), "-f", "json", "--jobs", "3", cwd=pages)
    assert parallel.returncode == serial.returncode == 1
    assert json.loads(out(parallel)) == json.loads(out(serial))
    assert len({f["path"] for f in json.loads(out(serial))}) == 5


# --- config ------------------------------------------------------------------------------------------------


def test_config_found_upward_sets_profile_and_severities(pages) -> None:
    (pages.parent / "newskit.toml").write_text(
        'profile = "web"\nselect = ["S101", "B101"]\n[rules.broken-byline]\nseverity = "error"\n',
        encoding="utf-8")
    sub = pages / "sub"
    sub.mkdir()
    res = run("lint", str(pages / seed_path("001").name), "-f", "json", cwd=sub)
    found = json.loads(out(res))
    assert {f["code"] for f in found} == {"B101"} and found[0]["severity"] == "error"
    assert res.returncode == 1
    assert run("lint", str(pages / seed_path("001").name), "--isolated", "-f", "json", "--select", "S101",
               cwd=sub).returncode == 1


def test_pyproject_table_and_fingerprint_ignores(pages) -> None:
    page = pages / seed_path("001").name
    findings = json.loads(out(run("lint", str(page), "-f", "json", "--select", "S101", cwd=pages)))
    target = findings[4]  # `硬化 6 米`
    (pages / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.newskit]\nselect = ["S101"]\n\n[[tool.newskit.ignores]]\n'
        f'path = "{page.name}"\ncode = "S101"\nfingerprint = "{target["fingerprint"]}"\n'
        'reason = "as printed"\n', encoding="utf-8")
    after = json.loads(out(run("lint", str(page), "-f", "json", cwd=pages)))
    assert len(after) == len(findings) - 1 and target not in after
    # a fingerprint follows the text: a line added above does not revive the finding
    page.write_text("补充说明。\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(out(run("lint", str(page), "-f", "json", cwd=pages)))
    assert len(moved) == len(findings) - 1
    assert target["fingerprint"] not in {f["fingerprint"] for f in moved}


@pytest.mark.parametrize("config, message", [
    ("profile = 'print'\n", "'profile' must be one of newspaper, web"),
    ("selct = ['P']\n", "unknown key(s) selct"),
    ("select = ['P9999']\n", "unknown rule selector"),
    ("[rules.no-such-rule]\nseverity = 'error'\n", "[rules.no-such-rule]: no rule with that code or name"),
    ("[rules.P101]\nseverity = 'fatal'\n", "must be error, warning or info"),
    ("[rules.P101]\nwidth = 3\n", "has no option width"),
    ("[[ignores]]\npath = 'a.txt'\n", "needs a code, a fingerprint or both"),
    ("fail-on = 'error'\nroster = 'staff.txt'\n", "'roster' file"),
    ("profile = \n", "invalid TOML"),
])
def test_bad_config_exits_2_with_one_line(config, message, tmp_path, clean) -> None:
    (tmp_path / "newskit.toml").write_text(config, encoding="utf-8")
    res = run("lint", str(clean), cwd=tmp_path)
    assert res.returncode == 2, err(res)
    assert message in err(res) and "newskit.toml" in err(res)
    assert err(res).count("\n") == 1 and "Traceback" not in err(res)


def test_config_fail_on_and_severity_off(tmp_path) -> None:
    (tmp_path / "newskit.toml").write_text(
        'fail-on = "warning"\nselect = ["P101", "S101", "B101"]\n'
        '[rules.S101]\nseverity = "off"\n[rules.P101]\nseverity = "off"\n', encoding="utf-8")
    res = run("lint", str(seed_path("001")), "-f", "json", cwd=tmp_path)
    assert {f["code"] for f in json.loads(out(res))} == {"B101"}
    assert res.returncode == 1  # B101 is a warning and config says fail on warnings
    assert run("lint", str(seed_path("001")), "--fail-on", "error", cwd=tmp_path).returncode == 0


# --- newskit rules -----------------------------------------------------------------------------------------


def test_rules_lists_every_rule(tmp_path) -> None:
    from newskit.rules import all_rules

    res = run("rules", cwd=tmp_path)
    assert res.returncode == 0
    rows = [line.split("\t") for line in out(res).splitlines()]
    assert [r[0] for r in rows] == [r.code for r in all_rules()]
    assert ["P101", "halfwidth-punctuation", "error", "safe"] == rows[[r[0] for r in rows].index("P101")][:4]
    listed = json.loads(out(run("rules", "-f", "json", cwd=tmp_path)))
    assert {r["code"] for r in listed} == {r.code for r in all_rules()}


@pytest.mark.parametrize("name", ["B101", "broken-byline", "b101"])
def test_rules_explains_one(name, tmp_path) -> None:
    res = run("rules", name, cwd=tmp_path)
    assert res.returncode == 0
    text = out(res)
    assert text.startswith("# B101 broken-byline\n")
    for heading in ("## What it does", "## Why it matters", "## Example", "## Use instead", "## Fix safety"):
        assert heading in text
    assert "刘紫星" in text and "fix **unsafe**" in text


def test_rules_unknown_exits_2(tmp_path) -> None:
    res = run("rules", "Z123", cwd=tmp_path)
    assert res.returncode == 2 and "unknown rule selector" in err(res)


def test_lint_never_imports_jieba(tmp_path) -> None:
    # Rules that need words read them from the on-disk lexicon (newskit.text.lexicon), never from jieba's
    # one-second dictionary load — with every default rule, on seeds whose text gives those rules candidates.
    probe = (
        "import sys\nfrom newskit.cli import app\n"
        "try:\n    app(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print('JIEBA', 'jieba' in sys.modules, file=sys.stderr)\n"
    )
    for seed in ("001", "003", "004"):
        res = subprocess.run([sys.executable, "-c", probe, "lint", str(seed_path(seed))],
                             capture_output=True, timeout=60, cwd=tmp_path)
        assert "JIEBA False" in err(res), err(res)


def test_add_ignore_writes_a_baseline_that_silences_only_current_findings(pages) -> None:
    page = pages / seed_path("001").name
    res = run("lint", page.name, "--add-ignore", "--select", "S101,B101", cwd=pages)
    assert res.returncode == 0, err(res)
    baseline = out(res)
    assert baseline.startswith("# 16 ignore(s)") and baseline.count("[[ignores]]") == 16
    assert f'path = "{page.name}"' in baseline
    (pages / "newskit.toml").write_text('select = ["S101", "B101"]\n' + baseline, encoding="utf-8")
    assert run("lint", page.name, cwd=pages).returncode == 0
    page.write_text(page.read_text(encoding="utf-8") + "\n新增 3 段。\n", encoding="utf-8")
    (pages / "sub").mkdir()
    res = run("lint", str(page), "-f", "json", cwd=pages / "sub")  # absolute path, config found upward
    assert res.returncode == 1
    assert [(f["code"], f["excerpt"]) for f in json.loads(out(res))] == [("S101", "新增 3 段。"), ("S101", "新增 3 段。")]
