"""`newskit report` as a command: outputs, options shared with lint, languages, bad input."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from tests.conftest import seed_path
from tests.report.conftest import newskit

SEED = str(seed_path("000").relative_to(seed_path("000").parent.parent))


def codes_in(html: str) -> set[str]:
    return set(re.findall(r'<mark class="nk-f[^"]*" id="[^"]+" data-code="([A-Z]\d{3})"', html))


def test_one_page_to_stdout_is_self_contained():
    done = newskit("report", SEED, "-o", "-")
    assert done.returncode == 0, done.stderr
    html = done.stdout
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert '<html lang="zh-CN">' in html and "差错率" in html
    assert "<style>" in html and "<script>" in html and "Content-Security-Policy" in html
    # nothing refers to another place: no remote URL, no external stylesheet, script, font or image
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert not re.search(r"<link\b|@import|url\(", html)


def test_english_labels():
    html = newskit("report", SEED, "-o", "-", "--lang", "en").stdout
    assert '<html lang="en">' in html and "Error rate" in html and "差错率" not in html


def test_select_and_ignore_choose_the_rules_as_lint_does(tmp_path):
    everything = codes_in(newskit("report", SEED, "-o", "-").stdout)
    assert {"P101", "R201", "P109"} <= everything
    assert codes_in(newskit("report", SEED, "-o", "-", "--select", "P").stdout) == {"P101", "P109"}
    assert "P101" not in codes_in(newskit("report", SEED, "-o", "-", "--ignore", "P101").stdout)
    (tmp_path / "newskit.toml").write_text('ignore = ["R"]\n', encoding="utf-8")
    configured = codes_in(newskit("report", str(seed_path("000")), "-o", "-", cwd=tmp_path).stdout)
    assert "R201" not in configured and "P101" in configured


def test_a_file_or_a_folder(tmp_path):
    page = tmp_path / "r.html"
    done = newskit("report", SEED, "-o", str(page))
    assert done.returncode == 0 and page.is_file()
    assert done.stderr.startswith("newskit: wrote ")
    assert page.stat().st_mode & 0o044  # readable like any new file, not a private temp file
    folder = tmp_path / "site"
    assert newskit("report", SEED, str(seed_path("001")), "-o", str(folder)).returncode == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["000_5aba1ba51e5b42c7.html", "001_55b05c65cda929fe.html", "index.html"]
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="000_5aba1ba51e5b42c7.html"' in index and "nk-verdict" in index


@pytest.mark.parametrize("args, message", [
    (["missing.txt", "-o", "r.html"], "missing.txt: no such file or directory"),
    ([SEED], "Missing option"),
    ([SEED, "-o", "no/such/dir/r.html"], "its folder does not exist"),
    ([SEED, "-o", "-", "--lang", "fr"], "--lang"),
    ([SEED, "-o", "-", "--select", "Q999"], "unknown rule selector"),
])
def test_bad_input_is_one_line_and_exit_2(args, message):
    done = newskit("report", *args)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_every_language_has_every_label():
    labels = tomllib.loads(resources.files("newskit.reporters.html").joinpath("labels.toml").read_text("utf-8"))

    def keys(table: dict, prefix: str = "") -> set[str]:
        out: set[str] = set()
        for key, value in table.items():
            out |= keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
        return out

    assert set(labels) == {"zh", "en"}
    assert keys(labels["zh"]) == keys(labels["en"]) and "families.P" in keys(labels["en"])
