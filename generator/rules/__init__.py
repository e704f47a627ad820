"""The rules that are data: the YAML files in generator/data/, each read once
into the dataclass that describes it (generator/rules/schema.py).

Boilerplate patterns, segmentation words, the numbering grammar, the
vocabulary of asking, synonyms, entities, the LeetCode catalog, thresholds and
the topic taxonomy live there, so that a maintainer changes behaviour by
editing data, not code. A file that does not fit its dataclass (a misspelt
or missing key, a list where a number belongs, a regular expression that does
not compile) stops the build with a `RuleError` naming the file and the key.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import yaml
from generator import paths
from generator.rules.schema import FILES, Pattern

DATA_DIR = paths.DATA

class RuleError(ValueError):
    """A data file that does not fit its schema: which file, which key, what is wrong."""


def load(name: str) -> Any:
    """generator/data/<name>, checked against and read into its dataclass."""
    if name not in FILES:
        raise RuleError(f"{name}: no schema for this data file; add it to generator/rules/schema.py FILES")
    return _load(name, FILES[name])


def check_all() -> None:
    """Read every data file: the first that does not fit raises its RuleError."""
    for name in FILES:
        load(name)


@cache
def _load(name: str, schema: Any) -> Any:
    return read_as(schema, _parse(name), name)


def _parse(name: str) -> Any:
    # libyaml's loader when PyYAML has it: the data files are read on every build.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        try:
            return yaml.load(handle, Loader=loader)
        except yaml.YAMLError as error:
            raise RuleError(f"{name}: not valid YAML: {error}") from None


def read_as(kind: Any, value: Any, where: str) -> Any:
    """`value` (parsed YAML) as `kind`: a dataclass, list[...], tuple[..., ...], dict[str, ...],
    a union with None, Pattern, str, int, float or bool. `where` names the
    place for the error ("segment.yml: headings.max_chars")."""
    origin = get_origin(kind)
    if dataclasses.is_dataclass(kind):
        return _read_dataclass(kind, value, where)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in get_args(kind):
            return None
        (inner,) = [k for k in get_args(kind) if k is not type(None)]
        return read_as(inner, value, where)
    if origin in (list, tuple):  # tuple[T, ...]: a list that must not change (a hashable record)
        item = get_args(kind)[0]
        _expect(isinstance(value, list), where, "a list", value)
        return origin(read_as(item, v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        _, item = get_args(kind)
        _expect(isinstance(value, dict), where, "a mapping", value)
        for key in value:
            _expect(isinstance(key, str), f"{where} key {key!r}", "text (quote it)", key)
        return {k: read_as(item, v, _key(where, k)) for k, v in value.items()}
    if origin is Literal:
        _expect(value in get_args(kind), where, " or ".join(map(str, get_args(kind))), value)
        return value
    if kind is Pattern:
        _expect(isinstance(value, str), where, "a regular expression (text)", value)
        try:
            re.compile(value)
        except re.error as error:
            raise RuleError(f"{where}: not a valid regular expression: {error}") from None
        return value
    if kind is float:
        _expect(isinstance(value, (int, float)) and not isinstance(value, bool), where, "a number", value)
        return float(value)
    _expect(isinstance(value, kind) and (kind is bool or not isinstance(value, bool)), where,
            {str: "text", int: "a whole number", bool: "true or false"}.get(kind, kind.__name__), value)
    return value


def _read_dataclass(kind: Any, value: Any, where: str) -> Any:
    _expect(isinstance(value, dict), where, "a mapping", value)
    fields = {f.name: f for f in dataclasses.fields(kind)}
    hints = get_type_hints(kind)
    for key in value:
        if key not in fields:
            close = difflib.get_close_matches(str(key), list(fields), n=1)
            hint = f"did you mean {close[0]}?" if close else "the keys here are: " + ", ".join(fields)
            raise RuleError(f"{_key(where, key)}: unknown key; {hint}")
    missing = [name for name, f in fields.items() if name not in value
               and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if missing:
        raise RuleError(f"{_key(where, missing[0])}: missing")
    return kind(**{name: read_as(hints[name], value[name], _key(where, name)) for name in fields if name in value})


def _key(where: str, key: Any) -> str:
    return f"{where}: {key}" if ": " not in where else f"{where}.{key}"


def _expect(ok: bool, where: str, wanted: str, value: Any) -> None:
    if not ok:
        raise RuleError(f"{where}: should be {wanted}, not {type(value).__name__} {value!r:.60}")
