"""``newskit lint``: check page dumps; exit 0 clean, 1 findings at or above --fail-on (or a page over
--max-error-rate), 2 bad input/config/usage."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from newskit.cli.common import ExitCode, Flag, Paths, fail, stdout_is_terminal, with_progress, write_bytes
from newskit.cli.plan import (
    ConfigFile, ExtendSelect, Ignore, Isolated, IssueDate, Jobs, Lang, ProfileOption, Select, StdinFilename,
    lang_option, lint_plan, workers,
)
from newskit.model import Severity
from newskit.reporters.base import STREAMS, OutputFormat, get_stream_reporter


class Color(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def lint_command(
    paths: Paths,
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    fail_on: Annotated[Optional[Severity], typer.Option(
        "--fail-on", metavar="SEVERITY", help="Lowest severity that makes the exit code 1 (default: error).",
        case_sensitive=False)] = None,
    fmt: Annotated[Optional[OutputFormat], typer.Option(
        "--format", "-f", help="Output format (default: table on a terminal, else concise).",
        case_sensitive=False)] = None,
    statistics: Annotated[bool, Flag(
        "--statistics", help="Count findings per rule and show error rates instead of listing findings.")] = False,
    fix: Annotated[bool, Flag("--fix", help="Apply safe fixes to the files (atomically).")] = False,
    unsafe_fixes: Annotated[bool, Flag(
        "--unsafe-fixes", help="Include unsafe fixes with --fix or --diff.")] = False,
    diff: Annotated[bool, Flag(
        "--diff", help="Print the fixes as a unified diff; write nothing.")] = False,
    profile: ProfileOption = None,
    issue_date: IssueDate = None,
    config: ConfigFile = None,
    isolated: Isolated = False,
    stdin_filename: StdinFilename = None,
    jobs: Jobs = 1,
    exit_zero: Annotated[bool, Flag(
        "--exit-zero", help="Exit 0 even with findings (bad input still exits 2).")] = False,
    add_ignore: Annotated[bool, Flag(
        "--add-ignore",
        help="Print config ignores (file + rule + fingerprint) for every current finding.")] = False,
    max_error_rate: Annotated[Optional[float], typer.Option(
        "--max-error-rate", min=0, metavar="R",
        help="Page gate: exit 1 when any page has more than R errors per 10,000 characters (差错率), "
             "else 0, whatever the severities (config: max-error-rate).")] = None,
    lang: Annotated[Optional[Lang], lang_option("the locale")] = None,
    output_file: Annotated[Optional[Path], typer.Option(
        "--output-file", "-o", help="Write the report to FILE instead of standard output.",
        metavar="FILE")] = None,
    quiet: Annotated[bool, Flag(
        "--quiet", "-q", help="Print the findings only: no summary, progress or notes.")] = False,
    color: Annotated[Color, typer.Option(
        "--color", metavar="WHEN", help="Colour the terminal report.", case_sensitive=False)] = Color.AUTO,
    exclude: Annotated[Optional[list[str]], typer.Option(
        "--exclude", help="Globs of files to skip, replacing the config's 'exclude'.", metavar="GLOB")] = None,
    extend_exclude: Annotated[Optional[list[str]], typer.Option(
        "--extend-exclude", help="Globs of files to skip, besides 'exclude'.", metavar="GLOB")] = None,
    show_settings: Annotated[bool, Flag(
        "--show-settings", help="Print the config file, the settings and the selected rules, then exit.")] = False,
) -> None:
    """Check page dumps for punctuation, spacing, byline and other house-style errors.

    \b
    Exit codes:
      0  no findings at or above --fail-on (--max-error-rate R: no page over R)
      1  findings at or above --fail-on (--max-error-rate R: a page over R)
      2  bad input, flags or config, or a crashed rule (one line each on stderr)

    The fixable mark [*] (table, concise and statistics alike) means --fix repairs that finding in this run:
    a safe fix, or an unsafe one when --unsafe-fixes is given.
    """
    from newskit.io import InputError, dump_ids, input_files

    cfg, classes, plan = lint_plan(select, ignore, extend_select, profile, issue_date, config, isolated, lang)
    excludes = [*(cfg.exclude if exclude is None else exclude), *cfg.extend_exclude, *(extend_exclude or ())]
    gate = max_error_rate if max_error_rate is not None else cfg.max_error_rate
    if show_settings:
        _show_settings(cfg, classes, plan, excludes, gate)
        raise typer.Exit(ExitCode.OK)
    try:
        found = input_files(paths, excludes)
    except InputError as exc:
        fail(str(exc))
    if [f.path for f in found].count("-") > 1:
        fail("'-' (standard input) can be given only once")
    ids = dump_ids(found, stdin_filename)  # article uris as split names its records
    files = list(ids)
    if not files:
        fail("every input file is excluded (--exclude / --extend-exclude / config 'exclude')")
    if color != Color.AUTO:  # rich reads these when each reporter makes its console
        os.environ.pop("NO_COLOR" if color == Color.ALWAYS else "FORCE_COLOR", None)
        os.environ["FORCE_COLOR" if color == Color.ALWAYS else "NO_COLOR"] = "1"

    sink = open(output_file, "w", encoding="utf-8") if output_file else sys.stdout  # noqa: SIM115
    try:
        code = _run(files, plan, classes, cfg, sink, ids=ids, fmt=fmt, statistics=statistics, fix=fix, diff=diff,
                    unsafe_fixes=unsafe_fixes, stdin_filename=stdin_filename, jobs=jobs, exit_zero=exit_zero,
                    add_ignore=add_ignore, fail_on=fail_on, gate=gate, quiet=quiet,
                    to_terminal=sink is sys.stdout and stdout_is_terminal())
    finally:
        if sink is not sys.stdout:
            sink.close()
    raise typer.Exit(code)


def _run(files, plan, classes, cfg, out, *, ids, fmt, statistics, fix, diff, unsafe_fixes, stdin_filename, jobs,
         exit_zero, add_ignore, fail_on, gate, quiet, to_terminal) -> int:
    from newskit.lint.engine import error_rates
    from newskit.lint.runner import FileError, Mode, iter_results, slim, unified_diff
    from newskit.reporters.base import LintRun, get_reporter, get_statistics_reporter, summary_line
    from newskit.reporters.ignores import write_ignores

    def note(text: str) -> None:
        if not quiet:
            print(f"newskit: {text}", file=sys.stderr)

    mode = Mode.DIFF if diff else Mode.FIX if fix else Mode.CHECK
    threshold = fail_on or cfg.fail_on
    chosen = fmt or (OutputFormat.TABLE if to_terminal else OutputFormat.CONCISE)
    stdin_fix = mode == Mode.FIX and "-" in files
    # line formats print each file as soon as it is linted and keep only its findings (bounded memory)
    streaming = (chosen in STREAMS and not statistics and not add_ignore and mode != Mode.DIFF
                 and not stdin_fix)
    write_file = get_stream_reporter(chosen) if streaming else None

    results, pages, failed, stdin_result = [], {}, 0, None
    stream = iter_results(files, plan, mode, unsafe_fixes, stdin_filename, workers(jobs), ids=ids)
    shown = not quiet and not (streaming and to_terminal)
    for path, item in zip(with_progress(files, "linting", show=shown), stream):
        if isinstance(item, FileError):
            print(f"newskit: error: {item.message}", file=sys.stderr)
            failed += 1
            continue
        if path == "-":
            stdin_result = item
        pages[item.doc.path] = error_rates(item).page  # before slim() drops the text it counts
        if write_file is not None:
            write_file(item, out, unsafe_fixes)
            out.flush()
            item = slim(item)
        results.append(item)

    run = LintRun(results=tuple(results), rules=tuple(classes), fail_on=threshold, fixing=mode == Mode.FIX,
                  unsafe=unsafe_fixes, lang=plan.settings.lang, max_error_rate=gate, page_rates=pages,
                  extra={"quiet": quiet})
    write = get_statistics_reporter(chosen) if statistics else get_reporter(chosen)
    n_changed = sum(1 for r in results if r.fixed_text is not None)
    if add_ignore:
        write_ignores(run, out, config_path=cfg.path)
    elif mode == Mode.DIFF:
        for r in results:
            write_bytes(out, unified_diff(r))
            if r.fixed_text is not None and r.doc.encoding != "utf-8":  # say why the terminal shows no text
                kind = "a git binary patch" if r.doc.encoding.startswith("utf-16") else "in its own encoding"
                note(f"{r.doc.path}: {r.doc.encoding}: the diff is {kind}, as git apply needs it")
        note(f"{sum(len(r.fixed) for r in results)} fixes would change {n_changed} file(s)")
    elif stdin_fix and stdin_result is not None:
        # stdin: the fixed text is the data; the report goes to stderr
        r = stdin_result
        out.write(r.fixed_text if r.fixed_text is not None else r.doc.text)
        if not quiet:
            write(run, sys.stderr)
    elif streaming:
        if chosen == OutputFormat.CONCISE and not quiet:
            print(summary_line(run), file=out)
        else:
            note(summary_line(run))
    else:
        write(run, out)
        if chosen in (OutputFormat.JSON, OutputFormat.SARIF) and mode != Mode.FIX:
            note(summary_line(run))
    if mode == Mode.FIX:
        note(f"fixed {run.fixed()} finding(s) in {n_changed} file(s)")
    if chosen == OutputFormat.GITHUB and os.environ.get("GITHUB_STEP_SUMMARY"):
        from newskit.reporters.github import write_step_summary

        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            write_step_summary(run, summary)
    if not add_ignore:
        _warn_unused_ignores(plan, results, quiet)

    if failed:
        return ExitCode.ERROR
    if add_ignore or exit_zero:
        return ExitCode.OK
    if gate is not None:  # the page gate decides alone
        over = any(rate.rate > gate for rate in run.page_rates.values())
        return ExitCode.FINDINGS if over else ExitCode.OK
    failing = any(f.severity.rank >= threshold.rank for f in run.findings())
    return ExitCode.FINDINGS if failing else ExitCode.OK


def _warn_unused_ignores(plan, results, quiet: bool) -> None:
    """Stale ignores (ruff's RUF100): an ignore with a fingerprint that silenced nothing in the files it names
    — the text was fixed or rewritten, and the entry now only hides a future finding by accident."""
    if quiet or not plan.ignores:
        return
    from newskit.lint.engine import _path_matches

    used = set().union(*(r.used_ignores for r in results)) if results else set()
    for k, ign in enumerate(plan.ignores):
        if k in used or not ign.fingerprint:
            continue
        if not any(_path_matches(ign.path, r.doc.path, plan.root) for r in results):
            continue  # its file was not linted in this run
        print(f"newskit: warning: unused ignore #{k + 1} (path {ign.path!r}, code {ign.code}, fingerprint "
              f"{ign.fingerprint}) matched no finding; remove it", file=sys.stderr)


def _show_settings(cfg, classes, plan, excludes, gate) -> None:
    s = plan.settings
    print(f"config file: {cfg.path or '(none: defaults)'}")
    print(f"profile: {s.profile}")
    print(f"lang: {s.lang}")
    print(f"fail-on: {cfg.fail_on.value}")
    print(f"max-error-rate: {gate if gate is not None else '(none)'}")
    print(f"issue-date: {s.issue_date or '(none)'}")
    print(f"exclude: {', '.join(excludes) or '(none)'}")
    print(f"roster: {len(s.roster)} name(s)")
    print(f"ignores: {len(plan.ignores)}")
    print(f"severity overrides: {', '.join(f'{c}={v.value}' for c, v in plan.severities) or '(none)'}")
    print(f"rules ({len(classes)}): {' '.join(c.code for c in classes)}")
