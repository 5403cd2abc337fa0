"""Articles as JSON records (IPTC ninjs names) and as readable text files."""

from __future__ import annotations

import re

from newskit.model import Article
from newskit.split.datelines import dateline_record


def article_to_record(article: Article) -> dict:
    """The JSONL record of ``newskit split``. Section titles stay in ``body`` in order; ``sections`` lists their
    indices (and markdown level, 0 when printed plain)."""
    return {
        "uri": article.uri,
        "type": "text",
        "kind": article.kind.value,
        "headlines": [_headline(h) for h in article.headlines],
        "by": article.byline.text if article.byline else None,
        "credits": [{"name": c.name, "role": c.role} for c in article.byline.credits] if article.byline else [],
        "dateline": dateline_record(article.dateline) if article.dateline else None,
        "body": [p.text for p in article.body],
        "sections": [{"index": k, "level": p.level} for k, p in enumerate(article.body) if p.section],
        "source": {"path": article.path, "line_start": article.line_start, "line_end": article.line_end},
        "continued": article.continued,
        "joins": [{"line": j.before_line, "to_line": j.after_line, "reason": j.reason} for j in article.joins],
    }


def _headline(h) -> dict:
    rec = {"role": h.role, "value": h.value}
    if h.level:
        rec["level"] = h.level
    return rec


def record_text(record: dict) -> str:
    """All the input text a record holds, markdown markers restored from their levels (for losslessness)."""
    parts = ["#" * h.get("level", 0) + h["value"] for h in record["headlines"]]
    if record["kind"] != "caption" and record["by"]:
        parts.append(record["by"])
    levels = {s["index"]: s["level"] for s in record["sections"]}
    parts.extend("#" * levels.get(k, 0) + p for k, p in enumerate(record["body"]))
    return "\n".join(parts)


def render_text(record: dict) -> str:
    """A readable plain-text rendering for ``--out`` files."""
    lines = []
    for h in record["headlines"]:
        prefix = {"main": "# ", "subhead": "## "}.get(h["role"], "")
        lines.append(f"【{h['value']}】" if h["role"] == "column" else prefix + h["value"])
    if record["by"] and record["kind"] != "caption":
        lines.append(record["by"])
    lines.append("")
    sections = {s["index"]: s["level"] for s in record["sections"]}
    for k, para in enumerate(record["body"]):
        lines.append(("#" * (sections[k] or 2) + " " + para) if k in sections else para)
        lines.append("")
    src = record["source"]
    lines.append(f"（来源：{src['path']}:{src['line_start']}-{src['line_end']}）")
    return "\n".join(lines).rstrip() + "\n"


_UNSAFE = re.compile(r"[^0-9A-Za-z_.-]+")


def safe_filename(record: dict) -> str:
    """A file name from the record id only (never from headline text): ``000_5aba…-0021-article.txt``."""
    stem = record["uri"].split(":", 1)[-1].rsplit(":", 1)[0]
    stem = _UNSAFE.sub("_", stem).strip("._") or "dump"
    return f"{stem[:80]}-{record['source']['line_start']:05d}-{record['kind']}.txt"
