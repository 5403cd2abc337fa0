"""The rule registry: an explicit list of ``module:Class`` paths, imported on first use so start-up stays fast.

Add a rule by adding one line to ``RULE_PATHS`` (keep code order).
"""

from __future__ import annotations

import functools
import importlib

RULE_PATHS: tuple[str, ...] = (
    "newskit.rules.bylines.broken_byline:BrokenByline",
    "newskit.rules.punctuation.halfwidth_punctuation:HalfwidthPunctuation",
    "newskit.rules.spacing.space_between_han_and_digit:SpaceBetweenHanAndDigit",
)


@functools.cache
def all_rules() -> tuple[type, ...]:
    """Every rule class, in code order."""
    classes = []
    for path in RULE_PATHS:
        module, cls = path.split(":")
        classes.append(getattr(importlib.import_module(module), cls))
    return tuple(sorted(classes, key=lambda c: c.code))


def rule_by_code(code: str) -> type | None:
    code = code.upper()
    return next((r for r in all_rules() if r.code == code), None)
