"""The rule registry: an explicit list, imported lazily so start-up stays fast."""

from __future__ import annotations


def all_rules() -> tuple[type, ...]:
    """Every rule class, in code order."""
    return ()
