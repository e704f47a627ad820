"""The rules that are data: the YAML files in generator/data/, each read once.

Boilerplate patterns, segmentation words, synonyms, intents, entities, the
LeetCode catalog, thresholds and the topic taxonomy live there, so that a
maintainer changes behaviour by editing data, not code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from generator import paths

DATA_DIR = paths.DATA


@cache
def load(name: str) -> Any:
    """The parsed contents of generator/data/<name>."""
    # libyaml's loader when PyYAML has it: the data files are read on every build.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)
