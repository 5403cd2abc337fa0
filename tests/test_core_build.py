"""The compiled core is built and current: a stale ``_core`` from an older checkout would give old answers."""

import tomllib
from pathlib import Path

from newskit import _core

ROOT = Path(__file__).resolve().parents[1]


def test_core_is_the_checkout_version():
    cargo = tomllib.loads((ROOT / "rust" / "Cargo.toml").read_text())
    assert _core.__version__ == cargo["workspace"]["package"]["version"]
