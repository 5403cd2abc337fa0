"""bench/split_rotation.py: its report of whole articles per dev month, and its argument checks (the
rotation itself trains three taggers on the corpus: a bench run, not a test)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bench" / "split_rotation.py"
_spec = importlib.util.spec_from_file_location("bench_split_rotation", _PATH)
rotation = importlib.util.module_from_spec(_spec)
sys.modules["bench_split_rotation"] = rotation
_spec.loader.exec_module(rotation)

SAVED = {"2019-02": {"plain": 0.86, "block": 0.91, "markdown": 0.97},
         "2019-10": {"plain": 0.88, "block": 0.92, "markdown": 0.98}}


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("  ") if c.strip()]


def test_each_month_and_style_is_held_to_the_target_and_the_worst_month_is_shown():
    lines = rotation.report(SAVED, None)
    assert "target ≥0.93" in lines[0]
    assert cells(lines[2]) == ["2019-02", "86.0% NOT met", "91.0% NOT met", "97.0% met"]
    assert cells(lines[-1]) == ["worst", "86.0% NOT met", "91.0% NOT met", "97.0% met"]


def test_a_gain_holds_only_when_a_style_is_better_on_every_month():
    changed = {"2019-02": {"plain": 0.87, "block": 0.93, "markdown": 0.96},
               "2019-10": {"plain": 0.89, "block": 0.91, "markdown": 0.99}}
    lines = rotation.report(changed, SAVED)
    assert cells(lines[2]) == ["2019-02", "87.0% (+1.0) NOT met", "93.0% (+2.0) met", "96.0% (-1.0) met"]
    held = next(line for line in lines if line.strip().startswith("gain held"))
    assert cells(held) == ["gain held", "every month", "no", "no"]


def test_the_rotation_sets_months_and_out_itself(capsys):
    with pytest.raises(SystemExit) as exc:
        rotation.main(["--", "--months", "2019-02"])
    assert exc.value.code == 2
    assert "set per rotation" in capsys.readouterr().err
