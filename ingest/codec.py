"""Plain-data converters for dataclass records, compiled once per class from its fields.

The facts cache of a large build converts millions of values, so the
converters are not generic walks (``dataclasses.asdict`` deep-copies every
value; a walk asks every value what it is). Instead :func:`record_codec`
reads a record class's field types once and compiles, with ``exec``, the
function a person would write by hand: one dict literal per record, one
comprehension per list. A field added to a record is converted with no
further code.

What a field's type says:

- a dataclass, optional or not, or a ``list``/``tuple`` of them: converted
  by that class's own converters, compiled alongside;
- ``tuple[...]`` of plain values: written as a list, read back as a tuple;
- anything else (``str``, ``int``, ``None`` …): taken as it is.

A field with a default may be missing when reading. A field whose metadata
holds ``{"written_if": "other"}`` is written only when the field ``other``
is truthy (a region's ``candidates`` and ``scope`` exist only for an
ambiguous place).

:func:`nested_paths` finds where records of one type (the evidence) sit in a
record's plain form, for code that rewrites them in place. The readers of
field types (:func:`field_types`, :func:`optional_of`, :func:`item_of`,
:func:`is_record`) serve other compilers of the same kind
(:mod:`govkg.ingest.tables`).

Examples
--------
>>> from govkg.ingest.records import AgencyFact, Evidence, RegionRef, ReportFacts
>>> to_dict, from_dict = record_codec(AgencyFact)
>>> a = AgencyFact("郏县司法局", "justice_bureau", RegionRef("郏县", "county", "410425"), Evidence("r1", "郏县司法局报告", 0, 5))
>>> d = to_dict(a)
>>> d["region"], d["evidence"]["end"]
({'name': '郏县', 'level': 'county', 'adcode': '410425', 'parents': []}, 5)
>>> from_dict(d) == a
True
>>> nested_paths(ReportFacts, Evidence)[:3]
(('issuer', 'optional', (('evidence', 'one', ()),)), ('agencies', 'many', (('evidence', 'one', ()),)), ('programs', 'many', (('evidence', 'one', ()),)))
>>> walk = paths_walker(nested_paths(AgencyFact, Evidence))
>>> [e["sentence"] for e in walk(d)]
['郏县司法局报告']
"""
from __future__ import annotations

import dataclasses
import sys
import types
import typing
from typing import Any, Callable, Iterator

__all__ = ["record_codec", "nested_paths", "paths_walker", "field_types", "optional_of", "item_of", "is_record"]

_NONE = type(None)


def field_types(cls: type) -> dict[str, Any]:
    """The resolved type of each field of the dataclass ``cls``, by name.

    >>> from govkg.ingest.records import Evidence
    >>> field_types(Evidence)["start"]
    <class 'int'>
    """
    return typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))


def optional_of(t: Any) -> Any | None:
    """``X`` for ``X | None`` (or ``Optional[X]``), else ``None``."""
    if typing.get_origin(t) in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(t) if a is not _NONE]
        if len(args) == 1 and len(typing.get_args(t)) == 2:
            return args[0]
    return None


def item_of(t: Any) -> Any | None:
    """``X`` for ``list[X]`` and ``tuple[X, ...]``, else ``None``."""
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin is list and len(args) == 1:
        return args[0]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def is_record(t: Any) -> bool:
    """Whether ``t`` is a dataclass (a record class, not an instance)."""
    return isinstance(t, type) and dataclasses.is_dataclass(t)


def _holds_records(t: Any) -> bool:
    """Whether values of type ``t`` contain records (and so need converting)."""
    if is_record(t):
        return True
    inner = optional_of(t) or item_of(t)
    return inner is not None and _holds_records(inner)


class _Compiler:
    """Writes the source of the converters of a record class and the classes it holds."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}
        self.lines: list[str] = []
        self.done: set[type] = set()
        self.depth = 0

    def _fresh(self) -> str:
        self.depth += 1
        return f"x{self.depth}"

    def to_expr(self, t: Any, e: str) -> str:
        if is_record(t):
            self.add(t)
            return f"_to_{t.__name__}({e})"
        inner = optional_of(t)
        if inner is not None:
            return f"(None if {e} is None else {self.to_expr(inner, e)})" if _holds_records(inner) else e
        inner = item_of(t)
        if inner is not None:
            if not _holds_records(inner) and typing.get_origin(inner) is not tuple:
                return f"list({e})"
            x = self._fresh()
            return f"[{self.to_expr(inner, x)} for {x} in {e}]"
        if typing.get_origin(t) is tuple:
            return f"list({e})"
        return e

    def from_expr(self, t: Any, e: str) -> str:
        if is_record(t):
            self.add(t)
            return f"_from_{t.__name__}({e})"
        inner = optional_of(t)
        if inner is not None:
            if not _holds_records(inner):
                return e
            x = self._fresh()
            return f"(None if ({x} := {e}) is None else {self.from_expr(inner, x)})"
        inner = item_of(t)
        if inner is not None:
            as_tuple = typing.get_origin(t) is tuple
            if not _holds_records(inner) and typing.get_origin(inner) is not tuple:
                return f"{'tuple' if as_tuple else 'list'}({e})"
            x = self._fresh()
            items = f"[{self.from_expr(inner, x)} for {x} in {e}]"
            return f"tuple({items})" if as_tuple else items
        if typing.get_origin(t) is tuple:
            return f"tuple({e})"
        return e

    def add(self, cls: type) -> None:
        if cls in self.done:
            return
        self.done.add(cls)
        name = cls.__name__
        self.names[name] = cls
        hints = field_types(cls)
        fields = dataclasses.fields(cls)
        always = [f for f in fields if "written_if" not in f.metadata]
        written_if: dict[str, list[dataclasses.Field]] = {}
        for f in fields:
            if "written_if" in f.metadata:
                written_if.setdefault(f.metadata["written_if"], []).append(f)
        body = ", ".join(f"{f.name!r}: {self.to_expr(hints[f.name], 'o.' + f.name)}" for f in always)
        to = [f"def _to_{name}(o):", f"    d = {{{body}}}"]
        for cond, fs in written_if.items():
            to.append(f"    if o.{cond}:")
            to += [f"        d[{f.name!r}] = {self.to_expr(hints[f.name], 'o.' + f.name)}" for f in fs]
        to.append("    return d")
        args = []
        for f in fields:
            if f.default is not dataclasses.MISSING:
                self.names[f"_default_{name}_{f.name}"] = f.default
                value = f"d.get({f.name!r}, _default_{name}_{f.name})"
            elif f.default_factory is not dataclasses.MISSING:
                value = f"(d[{f.name!r}] if {f.name!r} in d else _factory_{name}_{f.name}())"
                self.names[f"_factory_{name}_{f.name}"] = f.default_factory
            else:
                value = f"d[{f.name!r}]"
            args.append(self.from_expr(hints[f.name], value))
        frm = [f"def _from_{name}(d):", f"    return {name}({', '.join(args)})"]
        self.lines += to + frm


def record_codec(cls: type) -> tuple[Callable[[Any], dict[str, Any]], Callable[[dict[str, Any]], Any]]:
    """``(to_dict, from_dict)`` for the dataclass ``cls``, compiled from its fields.

    ``from_dict(to_dict(r)) == r`` for every record ``r``; ``to_dict(r)``
    holds only dicts, lists and the plain values of the fields.

    Raises
    ------
    TypeError
        If ``cls`` is not a dataclass.
    """
    if not is_record(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    c = _Compiler()
    c.add(cls)
    namespace = dict(c.names)
    exec(compile("\n".join(c.lines), f"<record_codec {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 - our own source
    return namespace[f"_to_{cls.__name__}"], namespace[f"_from_{cls.__name__}"]


def nested_paths(cls: type, target: type) -> tuple[tuple[str, str, tuple], ...]:
    """Where records of type ``target`` sit inside records of ``cls``, field by field.

    Each path step is ``(field, how, rest)``: ``how`` is ``one``, ``optional``
    or ``many`` (a list or tuple), and ``rest`` the steps below that field
    (empty: the field's value is a ``target``). Fields that hold no
    ``target`` are left out; field order is kept.
    """
    hints = field_types(cls)
    out = []
    for f in dataclasses.fields(cls):
        t, how = hints[f.name], "one"
        if optional_of(t) is not None:
            t, how = optional_of(t), "optional"
        elif item_of(t) is not None:
            t, how = item_of(t), "many"
        if t is target:
            out.append((f.name, how, ()))
        elif is_record(t):
            rest = nested_paths(t, target)
            if rest:
                out.append((f.name, how, rest))
    return tuple(out)


def paths_walker(paths: tuple[tuple[str, str, tuple], ...]) -> Callable[[dict[str, Any]], Iterator[dict[str, Any]]]:
    """A generator function giving the values at ``paths`` (from :func:`nested_paths`) in a plain record.

    Compiled like the converters: a record of a cache is walked once per read
    and write, for every report. A field that is missing or ``None`` holds nothing.
    """
    lines = ["def walk(d0):"]

    def emit(paths: tuple, var: str, depth: int) -> None:
        pad = "    " * depth
        for i, (key, how, rest) in enumerate(paths):
            v = f"v{depth}_{i}"
            if how == "many":
                lines.append(f"{pad}for {v} in {var}.get({key!r}) or ():")
            else:
                lines.append(f"{pad}{v} = {var}.get({key!r})")
                lines.append(f"{pad}if {v} is not None:")
            if rest:
                emit(rest, v, depth + 1)
            else:
                lines.append(f"{pad}    yield {v}")

    emit(paths, "d0", 1)
    lines.append("    return")
    yield_none = "    yield from ()"  # a generator even when ``paths`` is empty
    lines.append(yield_none)
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<paths_walker>", "exec"), namespace)  # noqa: S102 - our own source
    return namespace["walk"]
