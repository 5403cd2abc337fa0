"""SARIF 2.1.0 (GitHub code scanning, IDE viewers).

Columns are code points (``columnKind: unicodeCodePoints``): newskit columns are Python string indices,
while SARIF's default is UTF-16 code units, which would shift every column after an astral character.
The tool section lists every selected rule with its summary and full documentation.
"""

from __future__ import annotations

import json
from typing import TextIO
from urllib.parse import quote

from newskit import __version__
from newskit.model import Document, Finding, Severity
from newskit.reporters.base import LintRun

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FAMILIES = {
    "P": "punctuation", "N": "numbers", "S": "spacing", "R": "repetition",
    "B": "bylines", "D": "datelines", "X": "extraction", "T": "terms", "W": "wrong-words",
}


def _uri(path: str) -> str:
    """A relative path stays a relative URI reference (GitHub code scanning wants that); an absolute one
    becomes a ``file://`` URI. Everything but ``/`` and unreserved characters is percent-encoded."""
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    if len(posix) > 2 and posix[1] == ":" and posix[2] == "/":  # C:/…
        return "file:///" + posix[:2] + quote(posix[2:], safe="/")
    return quote(posix, safe="/")


def _region(doc: Document, start: int, end: int) -> dict:
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _rule(cls) -> dict:
    doc = (cls.__doc__ or "").strip()
    body = "\n".join(line[4:] if line.startswith("    ") else line for line in doc.splitlines())
    return {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {"text": cls.summary()},
        "help": {"text": body, "markdown": body},
        "defaultConfiguration": {"level": LEVELS[cls.severity]},
        "properties": {
            "tags": [FAMILIES.get(cls.code[0], "other")],
            "fixable": cls.fixable.value if cls.fixable else "none",
        },
    }


def _result(f: Finding, doc: Document, index: dict[str, int]) -> dict:
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    if f.excerpt:
        region["snippet"] = {"text": f.excerpt}
    result: dict = {
        "ruleId": f.code,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}],
        "partialFingerprints": {"newskit/v1": f.fingerprint},
        "properties": {"name": f.name, "article": f.article},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if f.fix is not None:
        result["fixes"] = [{
            "description": {"text": f"{f.fix.title or 'Fix'} ({f.fix.applicability.value})"},
            "artifactChanges": [{
                "artifactLocation": {"uri": _uri(f.path)},
                "replacements": [
                    {"deletedRegion": _region(doc, e.start, e.end), "insertedContent": {"text": e.replacement}}
                    for e in f.fix.edits
                ],
            }],
        }]
    return result


def build(run: LintRun) -> dict:
    rules = sorted({cls.code: cls for cls in run.rules}.values(), key=lambda c: c.code)
    index = {cls.code: k for k, cls in enumerate(rules)}
    results = [_result(f, r.doc, index) for r in run.results for f in r.findings]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "newskit",
                "version": __version__,
                "rules": [_rule(cls) for cls in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": _uri(r.doc.path)}, "encoding": r.doc.encoding}
                          for r in run.results],
            "results": results,
            "invocations": [{"executionSuccessful": True}],
            "properties": _statistics(run),
        }],
    }


def _statistics(run: LintRun) -> dict:
    """Run properties: findings per rule and each page's error rate (差错率), so a SARIF consumer sees the gate."""
    from newskit.reporters.base import rule_statistics
    from newskit.reporters.statistics import page_rates

    return {"newskit": {"threshold": run.threshold, "maxErrorRate": run.max_error_rate,
                        "unit": "errors per 10,000 non-space characters",
                        "rules": rule_statistics(run), "files": page_rates(run)}}


def write(run: LintRun, out: TextIO) -> None:
    json.dump(build(run), out, ensure_ascii=False, indent=2)
    out.write("\n")
