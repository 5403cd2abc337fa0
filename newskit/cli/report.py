"""``newskit report``: the page an editor opens — records as split, findings in place, duplicates linked.

Exit 0 when the report is written (findings are its content, not a failure); 2 on bad input, flags or config.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from newskit.cli.common import ExitCode, Paths, fail, with_progress
from newskit.cli.plan import (
    ConfigFile, ExtendSelect, Ignore, Isolated, IssueDate, Jobs, Lang, ProfileOption, Select, StdinFilename,
    lang_option, lint_plan, workers,
)

#: More dumps than this in one file makes a page too heavy to open; a folder gives a page per dump.
SINGLE_FILE_DUMPS = 50
HTML_SUFFIXES = (".html", ".htm")


def report_command(
    paths: Paths,
    output: Annotated[str, typer.Option(
        "--output", "-o", help="report.html for one page; a folder (no .html suffix) for an index page and a "
                               "page per dump; '-' writes one page to standard output.", metavar="PATH")],
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    lang: Annotated[Optional[Lang], lang_option("zh")] = None,
    dedupe: Annotated[bool, typer.Option(
        "--dedupe/--no-dedupe", help="Mark duplicated passages and link them to their other printing.")] = True,
    min_chars: Annotated[int, typer.Option(
        "--min-chars", min=1, help="Duplicates: skip paragraphs with fewer letters and digits.")] = 15,
    profile: ProfileOption = None,
    issue_date: IssueDate = None,
    config: ConfigFile = None,
    isolated: Isolated = False,
    stdin_filename: StdinFilename = None,
    jobs: Jobs = 1,
) -> None:
    """Write an HTML report: each dump's records as split, every finding marked, duplicates linked."""
    import os

    from newskit.io import InputError, input_ids
    from newskit.lint.runner import FileError, iter_results
    from newskit.reporters import html

    # an editor's page: Chinese unless --lang or the config says otherwise (the locale does not decide)
    _, _, plan = lint_plan(select, ignore, extend_select, profile, issue_date, config, isolated, lang,
                           default_lang=Lang.ZH.value)
    try:
        ids = input_ids(paths, stdin_name=stdin_filename)  # a dump named twice is reported once
        files = list(ids)
    except InputError as exc:
        fail(str(exc))
    folder = output != "-" and (output.endswith(("/", os.sep)) or Path(output).is_dir()
                                or Path(output).suffix.lower() not in HTML_SUFFIXES)
    if not folder and output != "-" and not Path(output).parent.is_dir():
        fail(f"{output}: its folder does not exist")

    results, failed = [], 0
    stream = iter_results(files, plan, stdin_name=stdin_filename, jobs=workers(jobs), ids=ids)
    for _, item in zip(with_progress(files, "linting"), stream):
        if isinstance(item, FileError):
            print(f"newskit: error: {item.message}", file=sys.stderr)
            failed += 1
        else:
            results.append(item)
    if not results:
        raise typer.Exit(ExitCode.ERROR)

    duplicates, passages = None, []
    if dedupe:
        from newskit.dedupe import DedupeSettings, article_passages, run

        for r in results:
            passages.extend(article_passages(r.doc, r.articles))
        duplicates = run(passages, DedupeSettings(min_chars=min_chars))

    report = html.build(results, html.Labels(plan.settings.lang), duplicates, passages, folder=folder)
    if output == "-":
        sys.stdout.write(html.render_page(report))
    else:
        written = html.write(report, Path(output))
        where = output if not folder else f"{Path(output) / html.INDEX_PAGE} and {len(written) - 1} page(s)"
        print(f"newskit: wrote {where}: {len(results)} dump(s), "
              f"{sum(len(r.findings) for r in results)} finding(s), "
              f"{len(duplicates.duplicates) if duplicates else 0} duplicate pair(s)", file=sys.stderr)
    if not folder and len(results) > SINGLE_FILE_DUMPS:
        print(f"newskit: {len(results)} dumps in one page is slow to open; -o DIR writes a page per dump",
              file=sys.stderr)
    raise typer.Exit(ExitCode.ERROR if failed else ExitCode.OK)
