"""spaCy pipeline components: one module each, matching logic in plain functions.

Each component is registered with :func:`component`, which passes spaCy's
``requires``/``assigns`` to ``Language.factory`` and also records which span
groups and ``doc.user_data`` keys it reads and writes: spaCy's declarations
stop at the attribute (``doc.spans``, ``doc.user_data``) and cannot name the
key inside it. :func:`pipeline_order` orders the components from these
declarations (each after the components that write what it reads), and
:func:`requirements` names what one needs to run on its own, so no code
relies on an order written by hand.

What a component reads and writes (``spans:`` a span group, ``user_data:``
a key of ``doc.user_data``) is declared where it is registered, and
:func:`describe` lists it:

>>> from govkg.ingest.components import describe, pipeline_order, requirements
>>> print(describe("govkg_honors", "govkg_sections"))
govkg_honors     reads spans:sections, spans:places, spans:people, spans:agencies, user_data:govkg_sentences
                 writes spans:honors, spans:honor_recipients
govkg_sections   writes spans:sections, user_data:govkg_sentences, token.is_sent_start

The other keys of ``doc.user_data`` come from govkg's tokenizer and the span
helpers (:mod:`govkg.ingest.components._spans`), not from a component:

``govkg_text``
    the document's text (set by govkg's tokenizer; ``doc.text`` rebuilds it
    token by token on every access)
``govkg_original``
    the text as written, when the tokenizer matched on its simplified form
    (a report in traditional characters)
``("govkg_views", group)``
    the span group ``group`` as plain :class:`~govkg.ingest.components._spans.SpanView` tuples

>>> order = pipeline_order()
>>> order.index("govkg_sections") < order.index("govkg_honors")
True
>>> requirements("govkg_honors")
('govkg_lexicon', 'govkg_people', 'govkg_places', 'govkg_sections')
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from spacy.language import Language

__all__ = ["Contract", "CONTRACTS", "component", "load_components", "pipeline_order", "requirements", "describe"]


@dataclass(frozen=True)
class Contract:
    """What a component reads from a ``Doc`` and writes to it.

    Each item is ``spans:<group>``, ``user_data:<key>`` or a spaCy attribute
    such as ``token.is_sent_start``.
    """

    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()


#: The contract of every component registered with :func:`component`, by factory name.
CONTRACTS: dict[str, Contract] = {}


def _spacy_attr(item: str) -> str:
    """The spaCy attribute an item of a :class:`Contract` lives in (``spans:places`` -> ``doc.spans``)."""
    kind, sep, _ = item.partition(":")
    if not sep:
        return item
    if kind not in ("spans", "user_data"):
        raise ValueError(f"{item!r}: expected spans:<group>, user_data:<key> or a spaCy attribute")
    return f"doc.{kind}"


def component(name: str, *, reads: Iterable[str] = (), writes: Iterable[str] = (),
              default_config: dict[str, Any] | None = None) -> Callable[[Callable], Callable]:
    """Register a component factory as ``@Language.factory(name, ...)`` does, declaring its contract.

    ``reads`` and ``writes`` become spaCy's ``requires`` and ``assigns`` (the
    attributes) and :data:`CONTRACTS` (the keys).

    Raises
    ------
    ValueError
        If an item is neither ``spans:…``, ``user_data:…`` nor a spaCy attribute.
    """
    contract = Contract(tuple(reads), tuple(writes))
    requires = list(dict.fromkeys(map(_spacy_attr, contract.reads)))
    assigns = list(dict.fromkeys(map(_spacy_attr, contract.writes)))
    register = Language.factory(name, default_config=default_config or {}, requires=requires, assigns=assigns)

    def wrap(factory: Callable) -> Callable:
        CONTRACTS[name] = contract
        return register(factory)

    return wrap


def load_components() -> dict[str, Contract]:
    """Import every component module of this package (which registers its factory); return :data:`CONTRACTS`."""
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return CONTRACTS


def pipeline_order(names: Iterable[str] | None = None) -> tuple[str, ...]:
    """``names`` (default: every component) in an order where each runs after those that write what it reads.

    Among components that may run, the first by name goes first, so the order
    is always the same.

    Raises
    ------
    ValueError
        If a component reads what none of ``names`` writes, or components read each other's output.
    """
    contracts = load_components()
    todo = sorted(contracts if names is None else names)
    writers = {item: n for n in todo for item in contracts[n].writes}
    needs = {}
    for n in todo:
        missing = [item for item in contracts[n].reads if item not in writers]
        if missing:
            raise ValueError(f"{n} reads {', '.join(missing)}, which no component of the pipeline writes")
        needs[n] = {writers[item] for item in contracts[n].reads} - {n}
    order: list[str] = []
    while todo:
        ready = [n for n in todo if needs[n] <= set(order)]
        if not ready:
            raise ValueError(f"components that read each other's output: {', '.join(todo)}")
        order.append(ready[0])
        todo.remove(ready[0])
    return tuple(order)


def requirements(name: str) -> tuple[str, ...]:
    """The components ``name`` needs before it (and they need), in pipeline order; ``name`` not included."""
    contracts = load_components()
    writers = {item: n for n, c in contracts.items() for item in c.writes}
    needed: set[str] = set()
    stack = [name]
    while stack:
        for item in contracts[stack.pop()].reads:
            writer = writers.get(item)
            if writer is not None and writer not in needed and writer != name:
                needed.add(writer)
                stack.append(writer)
    return tuple(n for n in pipeline_order() if n in needed)


def describe(*names: str) -> str:
    """The contracts of ``names`` (default: every component) as a table, by name."""
    contracts = load_components()
    lines = []
    for name in sorted(names or contracts):
        c = contracts[name]
        parts = ([f"reads {', '.join(c.reads)}"] if c.reads else []) + ([f"writes {', '.join(c.writes)}"] if c.writes else [])
        lines += [f"{name if i == 0 else '':<16} {p}" for i, p in enumerate(parts)]
    return "\n".join(lines)
