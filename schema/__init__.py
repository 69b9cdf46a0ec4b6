"""What the graph may contain: labels, relationship types, properties, lexicons.

The data lives in YAML files beside this module; code reads them here and
never restates them.

Examples
--------
>>> s = graph_schema()
>>> "Program" in s.nodes and s.nodes["Program"]["aliases"]
'STRING[]'
>>> ("Region", "Program") in s.relationships["IMPLEMENTS"].pairs
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["SCHEMA_DIR", "GraphSchema", "RelType", "graph_schema", "load_yaml"]

SCHEMA_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class RelType:
    """A relationship type: the (from, to) label pairs it joins and its properties."""

    name: str
    pairs: tuple[tuple[str, str], ...]
    props: dict[str, str]


@dataclass(frozen=True)
class GraphSchema:
    """Node labels with their typed properties, and relationship types."""

    nodes: dict[str, dict[str, str]]
    relationships: dict[str, RelType]

    def check_label(self, label: str) -> str:
        """Return ``label`` if the schema allows it; raise ``ValueError`` otherwise."""
        if label not in self.nodes:
            raise ValueError(f"unknown node label {label!r}; the schema allows {sorted(self.nodes)}")
        return label

    def check_type(self, rel_type: str) -> str:
        """Return ``rel_type`` if the schema allows it; raise ``ValueError`` otherwise."""
        if rel_type not in self.relationships:
            raise ValueError(f"unknown relationship type {rel_type!r}; the schema allows {sorted(self.relationships)}")
        return rel_type


#: libyaml's safe loader when PyYAML was built with it (its wheels are): the same data as
#: ``yaml.safe_load``, 20 times faster; the lexicon's files took a quarter second of start-up.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str) -> Any:
    """Read one of the schema's YAML files by name (``"programs.yaml"``)."""
    with open(SCHEMA_DIR / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_SAFE_LOADER)


@lru_cache(maxsize=1)
def graph_schema() -> GraphSchema:
    """The graph schema from ``graph.yaml``."""
    raw = load_yaml("graph.yaml")
    rels = {
        name: RelType(name, tuple((a, b) for a, b in spec["pairs"]), dict(spec.get("props") or {}))
        for name, spec in raw["relationships"].items()
    }
    return GraphSchema(nodes={k: dict(v) for k, v in raw["nodes"].items()}, relationships=rels)
