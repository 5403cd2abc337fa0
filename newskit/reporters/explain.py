"""``newskit split --explain``: one line per block — where it is, the label the tagger gave it, how it
starts, and the features that decided it (each with its margin over the runner-up label)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from newskit.split import BlockExplanation
from newskit.text.cjk import columns, cut_to_columns

_PREVIEW = 14  # characters of the block shown


def write_explanations(path: str, rows: Iterable[BlockExplanation], out: TextIO, width: int | None = None) -> None:
    """``width``: the terminal's columns, to show only the features that fit on one line (at least one)."""
    out.write(f"{path}\n")
    out.write(f"{'lines':>9}  {'label':<8} {'block':<{2 * _PREVIEW}}  strongest features (margin)\n")
    for row in rows:
        flat = row.text.replace("\n", "⏎")
        preview = flat if len(flat) <= _PREVIEW else flat[:_PREVIEW - 1] + "…"
        lines = f"{row.line}" if row.end_line == row.line else f"{row.line}-{row.end_line}"
        shown = [f"{name} {margin:+.1f}" for name, margin in row.features]
        if width is not None:
            # by display width: a feature naming Han characters (n:s2=衡阳) takes two columns for each
            room = width - (9 + 2 + 9 + 2 * _PREVIEW + 2)
            while len(shown) > 1 and columns("  ".join(shown)) > room:
                shown.pop()
            if shown and room > 1:  # one feature too long for the line: cut it, never wrap
                shown[0] = cut_to_columns(shown[0], room)
        features = "  ".join(shown) or "-"
        pad = 2 * _PREVIEW - columns(preview)
        out.write(f"{lines:>9}  {row.label:<8} {preview}{' ' * max(pad, 0)}  {features}\n")
