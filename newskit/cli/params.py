"""Command-line values converted without pydantic where typer's conversion would give the same value.

typer (0.29) converts every parameter through a pydantic ``TypeAdapter``: the first command run imports
pydantic and builds an adapter per parameter, some 60 ms of the half second a one-page ``newskit lint`` may
take. newskit's values are plain — text, paths, whole numbers, decimals, one of a few words — and for those
the result of typer's conversion is known: the same string; ``Path(value)`` through typer's own path checks;
``int`` / ``float`` of a plain numeral inside the option's range; the choice typer's own ``coerce_cli_choice``
picks. Those are converted here. Anything else (a numeral pydantic reads its own way, a value out of range, a
word that is not a choice, a custom parser, an annotation not listed) goes to typer's conversion, so its
values, its checks and its error messages are typer's.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Callable, get_args, get_origin

from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_choice, coerce_cli_path

#: Numerals whose value Python and pydantic read alike; others (``1_000``, `` 7``, ``inf``) go to typer.
_INT = re.compile(r"[+-]?[0-9]{1,18}\Z")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]{1,2})?\Z")


class _Declined(Exception):
    """The value is not one this module converts: typer's conversion decides."""


def _number(kind: type, value: Any, info) -> Any:
    if type(value) is kind:
        number = value
    elif isinstance(value, str) and (_INT if kind is int else _FLOAT).match(value):
        number = kind(value)
    else:
        raise _Declined
    if info.clamp or (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
        raise _Declined  # typer clamps or reports the range
    return number


def _leaf(annotation: Any, value: Any, info, param, ctx) -> Any:
    """``value`` converted as typer would convert it to ``annotation``; _Declined when unsure."""
    if info.parser is not None:
        raise _Declined
    if annotation is str or annotation is bool:  # a flag's value is already a bool (or None, never converted)
        if type(value) is not annotation:
            raise _Declined
        return value
    if annotation is int or annotation is float:
        return _number(annotation, value, info)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        try:
            return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
        except ValueError:
            raise _Declined from None  # not a choice: typer words the error
    if annotation is Path and info.path_type is None:
        if isinstance(value, str) and value and str(Path(value)) == value:
            value = Path(value)  # what pydantic makes of the string; its spelling unchanged, so are the messages
        if not isinstance(value, Path):
            raise _Declined
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    raise _Declined


def converts(annotation: Any) -> bool:
    """Whether values of ``annotation`` may be converted here (the rest always go to typer)."""
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation) or (None,)
    return annotation in (str, bool, int, float, Path) or (isinstance(annotation, type) and issubclass(annotation, Enum))


@dataclass(frozen=True)
class PlainRuntimeParam(RuntimeParam):
    """typer's ``RuntimeParam`` for a plain annotation: converts here, else hands the value to ``fallback``."""

    fallback: Callable[[], RuntimeParam]

    def _coerce_value(self, value: Any, param, ctx) -> Any:
        try:
            if get_origin(self.annotation) is list:
                (item,) = get_args(self.annotation)
                items = value if isinstance(value, (list, tuple)) else [value]
                return [_leaf(item, v, self.parameter_info, param, ctx) for v in items]
            return _leaf(self.annotation, value, self.parameter_info, param, ctx)
        except _Declined:
            return self.fallback()._coerce_value(value, param=param, ctx=ctx)


def runtime_param(descriptor: TypeDescriptor) -> RuntimeParam:
    """The conversion for a parameter: plain where ``converts`` says so, typer's otherwise."""
    if descriptor.file_annotation is not None or not converts(descriptor.annotation):
        return build_runtime_param(descriptor)
    return PlainRuntimeParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                             fallback=functools.cache(lambda: build_runtime_param(descriptor)))  # built when first needed
