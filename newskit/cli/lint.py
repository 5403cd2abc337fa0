"""``newskit lint``: check page dumps; exit 0 clean, 1 findings at or above --fail-on, 2 bad input/config/usage."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from newskit.cli.common import ExitCode, Paths, fail, stdout_is_terminal, with_progress
from newskit.cli.plan import (
    ConfigFile, ExtendSelect, Ignore, Isolated, IssueDate, Jobs, ProfileOption, Select, lint_plan,
)
from newskit.model import Severity
from newskit.reporters.base import STREAMS, OutputFormat, get_stream_reporter


def lint_command(
    paths: Paths,
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    fail_on: Annotated[Optional[Severity], typer.Option(
        "--fail-on", help="Lowest severity that makes the exit code 1 (default: error).",
        case_sensitive=False)] = None,
    fmt: Annotated[Optional[OutputFormat], typer.Option(
        "--format", "-f", help="Output format (default: table on a terminal, else concise).",
        case_sensitive=False)] = None,
    statistics: Annotated[bool, typer.Option(
        "--statistics", help="Count findings per rule and show error rates instead of listing findings.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to the files (atomically).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option(
        "--unsafe-fixes", help="Include unsafe fixes with --fix or --diff.")] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Print the fixes as a unified diff; write nothing.")] = False,
    profile: ProfileOption = None,
    issue_date: IssueDate = None,
    config: ConfigFile = None,
    isolated: Isolated = False,
    stdin_filename: Annotated[Optional[str], typer.Option(
        "--stdin-filename", help="Name to report (and match ignores against) for input read from '-'.")] = None,
    jobs: Jobs = 1,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even with findings (bad input still exits 2).")] = False,
    add_ignore: Annotated[bool, typer.Option(
        "--add-ignore",
        help="Print config ignores (file + rule + fingerprint) for every current finding.")] = False,
) -> None:
    """Check page dumps for punctuation, spacing, byline and other house-style errors."""
    from newskit.io import InputError, iter_input_paths
    from newskit.lint.runner import FileError, Mode, iter_results, slim, unified_diff
    from newskit.reporters.base import LintRun, get_reporter, get_statistics_reporter, summary_line
    from newskit.reporters.ignores import write_ignores

    cfg, classes, plan = lint_plan(select, ignore, extend_select, profile, issue_date, config, isolated)
    try:
        files = list(iter_input_paths(paths))
    except InputError as exc:
        fail(str(exc))
    if files.count("-") > 1:
        fail("'-' (standard input) can be given only once")

    mode = Mode.DIFF if diff else Mode.FIX if fix else Mode.CHECK
    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    threshold = fail_on or cfg.fail_on
    chosen = fmt or (OutputFormat.TABLE if stdout_is_terminal() else OutputFormat.CONCISE)
    stdin_fix = mode == Mode.FIX and "-" in files
    # line formats print each file as soon as it is linted and keep only its findings (bounded memory)
    streaming = (chosen in STREAMS and not statistics and not add_ignore and mode != Mode.DIFF
                 and not stdin_fix)
    write_file = get_stream_reporter(chosen) if streaming else None

    results, failed, stdin_result = [], 0, None
    stream = iter_results(files, plan, mode, unsafe_fixes, stdin_filename, workers)
    for path, item in zip(with_progress(files, "linting"), stream):
        if isinstance(item, FileError):
            print(f"newskit: error: {item.message}", file=sys.stderr)
            failed += 1
            continue
        if path == "-":
            stdin_result = item
        if write_file is not None:
            write_file(item, sys.stdout, unsafe_fixes)
            sys.stdout.flush()
            item = slim(item)
        results.append(item)

    run = LintRun(results=tuple(results), rules=tuple(classes), fail_on=threshold,
                  fixing=mode == Mode.FIX, unsafe=unsafe_fixes)
    write = get_statistics_reporter(chosen) if statistics else get_reporter(chosen)
    n_changed = sum(1 for r in results if r.fixed_text is not None)
    if add_ignore:
        write_ignores(run, sys.stdout, config_path=cfg.path)
    elif mode == Mode.DIFF:
        for r in results:
            sys.stdout.write(unified_diff(r))
        print(f"newskit: {sum(len(r.fixed) for r in results)} fixes would change {n_changed} file(s)",
              file=sys.stderr)
    elif stdin_fix and stdin_result is not None:
        # stdin: the fixed text is the data; the report goes to stderr
        r = stdin_result
        sys.stdout.write(r.fixed_text if r.fixed_text is not None else r.doc.text)
        write(run, sys.stderr)
    elif streaming:
        if chosen == OutputFormat.CONCISE:
            print(summary_line(run))
        else:
            print(f"newskit: {summary_line(run)}", file=sys.stderr)
    else:
        write(run, sys.stdout)
        if chosen in (OutputFormat.JSON, OutputFormat.SARIF) and mode != Mode.FIX:
            print(f"newskit: {summary_line(run)}", file=sys.stderr)
    if mode == Mode.FIX:
        print(f"newskit: fixed {run.fixed()} finding(s) in {n_changed} file(s)", file=sys.stderr)

    if failed:
        raise typer.Exit(ExitCode.ERROR)
    if add_ignore or exit_zero:
        raise typer.Exit(ExitCode.OK)
    failing = any(f.severity.rank >= threshold.rank for f in run.findings())
    raise typer.Exit(ExitCode.FINDINGS if failing else ExitCode.OK)

