"""``newskit report``: one self-contained HTML page (or a folder of pages) an editor opens in a browser.

Each dump's records as split, every finding an element on its span, duplicated passages linked to their other
printing. Rendering only: the CLI hands over lint results and the dedupe result. Templates, styles and the
script are package data (``templates/``); everything is inlined, nothing is fetched when the page opens.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newskit.dedupe import DedupeResult, Passage
from newskit.lint.engine import NEWSPAPER_THRESHOLD, FileResult
from newskit.reporters.html.view import (
    DumpView, Labels, build_dump, duplicate_marks, link_marks, slugs,
)

__all__ = ["Labels", "Report", "build", "render_folder", "render_page"]

INDEX_PAGE = "index.html"


@dataclass(frozen=True)
class Report:
    dumps: tuple[DumpView, ...]
    labels: Labels
    threshold: float = NEWSPAPER_THRESHOLD
    folder: bool = False  # one page per dump plus an index page



def build(results: Sequence[FileResult], labels: Labels, dedupe: DedupeResult | None = None,
          passages: Sequence[Passage] = (), *, folder: bool = False) -> Report:
    """The report's view of a run: per dump its records, findings and duplicate links (``folder``: links
    across dumps point at the other dump's page)."""
    names = slugs(results)
    pages = [f"{name}.html" for name in names] if folder else None
    dump_of = {r.doc.path: k for k, r in enumerate(results)}
    headlines = {a.uri: a.headline for r in results for a in r.articles}
    marks = link_marks(duplicate_marks(dedupe, passages, dump_of), pages, headlines) if dedupe else []
    by_dump: dict[int, list] = {}
    for m in marks:
        by_dump.setdefault(m.here.dump, []).append(m)
    dumps = tuple(
        build_dump(k, names[k], r, by_dump.get(k, ()), labels, pages[k] if pages else "")
        for k, r in enumerate(results)
    )
    return Report(dumps, labels, folder=folder)


def render_page(report: Report) -> str:
    """The whole report as one HTML document."""
    from newskit.reporters.html.render import render

    return render("report.html.j2", report, report.dumps)


def render_folder(report: Report) -> dict[str, str]:
    """File name -> HTML: ``index.html`` listing the dumps, and one page per dump."""
    from newskit.reporters.html.render import render

    pages = {INDEX_PAGE: render("index.html.j2", report, ())}
    for dump in report.dumps:
        pages[dump.page] = render("report.html.j2", report, (dump,))
    return pages


def write(report: Report, target: Path) -> list[Path]:
    """Write the report (atomically, file by file); returns the files written."""
    if not report.folder:
        _write(target, render_page(report))
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, html in render_folder(report).items():
        _write(target / name, html)
        written.append(target / name)
    return written


def _write(path: Path, html: str) -> None:
    from newskit.io import write_atomic

    new = not path.exists()
    write_atomic(path, html.encode("utf-8"), durable=False)  # a page is regenerable: no fsync per page
    if new:  # a temp file is private (0600); a new report is readable like any file the user creates
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(path, 0o666 & ~umask)
