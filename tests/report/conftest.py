"""Fixtures of the report tests: a real headless Chromium (Debian's), driven by Playwright, with the network
blocked; the tests skip, saying why, only when Chromium is missing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

CHROMIUM_NAMES = ("chromium", "chromium-browser")


def chromium_path() -> str | None:
    return next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)


def newskit(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskit", *args], cwd=cwd, capture_output=True, text=True)


@dataclass
class Opened:
    """A page opened with every request outside its own file blocked, and what happened while it loaded."""

    page: object
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors (a CSP violation is one) and page errors


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # it comes with the test extra: its absence is a broken set-up, not a reason to skip
        pytest.fail("Playwright is missing: pip install -e '.[test]' (its browser extra drives Chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """``open_page(path, width=1280)``: the report file in a fresh context, network blocked."""
    contexts = []

    def opener(path: Path, width: int = 1280, fragment: str = "") -> Opened:
        context = browser.new_context(viewport={"width": width, "height": 900}, offline=True)
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)
        own = path.resolve().as_uri()
        folder = path.resolve().parent.as_uri() + "/"

        def route(r):  # the report's own files load (a folder report links its pages); nothing else does
            url = r.request.url
            opened.requests.append(url)
            if url.startswith(folder) and url.split("#", 1)[0].endswith(".html"):
                r.continue_()
            else:
                opened.blocked.append(url)
                r.abort()

        context.route("**/*", route)
        page.on("requestfailed", lambda req: opened.failed.append(req.url))
        page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
        page.goto(own + fragment)
        page.wait_for_load_state("load")
        return opened

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory) -> Path:
    """One page for all five seeds, with relative paths as an editor would type them."""
    out = tmp_path_factory.mktemp("report") / "seeds.html"
    done = newskit("report", "seeds", "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
