"""Helpers shared by the components: spans from character offsets, and fast views.

govkg's tokenizer makes one token per character, so character offsets are
token indices and a span is made without spaCy's alignment search. Reading a
span group back creates a new ``Span`` object per span on every access, and
``Span.text`` touches every token; :func:`spans_of` gives cached, plain
:class:`SpanView` tuples with the same attribute names instead.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import partial
from operator import itemgetter
from typing import Callable, NamedTuple

from spacy.tokens import Doc, Span, SpanGroup
from spacy.tokens._dict_proxies import SpanGroups

__all__ = ["char_span", "set_group", "lazy_span_groups", "doc_text", "original_text", "spans_of", "SpanView", "within_any", "overlaps_any"]


class SpanView(NamedTuple):
    """A read-only view of a span: offsets (characters = tokens), label, kb id, text."""

    start_char: int
    end_char: int
    label_: str
    kb_id_: str
    text: str

    @property
    def start(self) -> int:
        return self.start_char

    @property
    def end(self) -> int:
        return self.end_char


#: The order of span items: start, end, label (the sort is stable, so equal ones keep theirs).
_ORDER = itemgetter(0, 1, 2)
#: A SpanView from a tuple of its fields, made in C (the generated ``__new__`` is Python).
_view = partial(tuple.__new__, SpanView)


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached: spaCy joins every token's text on each access, which is
    slow for one-token-per-character documents."""
    text = doc.user_data.get("govkg_text")
    if text is None:
        text = doc.user_data["govkg_text"] = doc.text
    return text


def original_text(doc: Doc) -> str:
    """The report's text as written: :func:`doc_text` is its simplified form when the
    report is in traditional characters (same length, same offsets; see
    :mod:`govkg.schema.script`). Evidence quotes this one."""
    return doc.user_data.get("govkg_original") or doc_text(doc)


def char_span(doc: Doc, start: int, end: int, label: str = "", kb_id: str = "") -> Span | None:
    """The span covering characters ``[start, end)``, expanded to whole tokens."""
    if len(doc) == len(doc_text(doc)):  # one token per character
        return Span(doc, start, end, label=label, kb_id=kb_id) if 0 <= start < end <= len(doc) else None
    return doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")


def set_group(doc: Doc, key: str, items: list[tuple[int, int, str, str] | None], sort: bool = True) -> None:
    """Store ``(start_char, end_char, label, kb_id)`` items as the span group ``doc.spans[key]``.

    Items are kept in document order unless ``sort`` is false; ``None`` items
    are skipped. The views :func:`spans_of` returns are made from the items
    directly, without reading the spans back. On a document of govkg's
    tokenizer (see :func:`lazy_span_groups`) the ``Span`` objects are made
    when ``doc.spans[key]`` is first read: the components and the fact
    extraction read the views only.
    """
    text = doc_text(doc)
    n = len(text)
    kept = [it for it in items if it is not None and 0 <= it[0] < it[1] <= n]
    if sort:
        kept.sort(key=_ORDER)
    groups = doc.spans
    if type(groups) is _LazySpanGroups and len(doc) == n:
        groups.data[key] = _Pending(kept)  # not through __setitem__, which makes a SpanGroup
    else:
        groups[key] = _spans(doc, kept)
    doc.user_data[("govkg_views", key)] = list(map(_view, [(a, b, lab, kb, text[a:b]) for a, b, lab, kb in kept]))


def _spans(doc: Doc, kept: list[tuple[int, int, str, str]]) -> list[Span]:
    """``Span`` objects for items in the document's bounds."""
    if len(doc) == len(doc_text(doc)):  # one token per character
        # Span() hashes string labels on every call; a document repeats a few.
        strings, ids = doc.vocab.strings, {}
        for _, _, lab, kb in kept:
            if lab not in ids:
                ids[lab] = strings.add(lab)
            if kb not in ids:
                ids[kb] = strings.add(kb)
        return [Span(doc, a, b, label=ids[lab], kb_id=ids[kb]) for a, b, lab, kb in kept]
    spans = [char_span(doc, a, b, lab, kb) for a, b, lab, kb in kept]
    return [sp for sp in spans if sp is not None]


class _Pending(NamedTuple):
    """A span group's items, not yet made into a ``SpanGroup``."""

    items: list[tuple[int, int, str, str]]


class _LazySpanGroups(SpanGroups):
    """``doc.spans`` whose groups :func:`set_group` stored are made into ``SpanGroup`` objects
    when first read. Reading goes through ``__getitem__`` (``get``, ``items``, ``values``,
    ``copy`` and ``to_bytes`` too); writing stays ``SpanGroups``'s."""

    def __getitem__(self, key: str) -> SpanGroup:
        value = self.data[key]
        if type(value) is _Pending:
            doc = self._ensure_doc()
            value = self.data[key] = SpanGroup(doc, name=key, spans=_spans(doc, value.items))
        return value

    def __repr__(self) -> str:
        return repr(dict(self.items()))


def lazy_span_groups(doc: Doc) -> Doc:
    """Let :func:`set_group` store ``doc``'s span groups lazily; returns ``doc``.

    Making a ``Span`` reads three tokens (its start's and its end's offsets),
    which cost a tenth of tagging a report; most groups are never read as
    spans. ``doc.spans`` is read-only on a ``Doc``, so the proxy's class is
    changed to a subclass that makes each group on first access; what it
    returns is what ``SpanGroups`` would have held.

    >>> from govkg.ingest.nlp import make_nlp
    >>> doc = make_nlp()("县司法局培养法治明白人。")
    >>> "programs" in doc.spans, [s.text for s in doc.spans["programs"]], doc.spans.get("honors") is not None
    (True, ['法治明白人'], True)
    """
    groups = doc.spans
    if type(groups) is SpanGroups:
        groups.__class__ = _LazySpanGroups
    return doc


def spans_of(doc: Doc, key: str) -> list[SpanView]:
    """The span group ``key`` as cached :class:`SpanView` tuples (empty if absent)."""
    cache_key = ("govkg_views", key)
    views = doc.user_data.get(cache_key)
    if views is None:
        text = doc_text(doc)
        if len(doc) == len(text):  # token i is character i: no need to ask the tokens
            views = [SpanView(s.start, s.end, s.label_, s.kb_id_, text[s.start:s.end]) for s in doc.spans.get(key, [])]
        else:
            views = [SpanView(s.start_char, s.end_char, s.label_, s.kb_id_, text[s.start_char:s.end_char])
                     for s in doc.spans.get(key, [])]
        doc.user_data[cache_key] = views
    return views


def _starts_and_reach(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts of ``spans`` sorted, and for each the furthest end among the spans up to it."""
    spans = sorted(spans)
    reach, furthest = [], -1
    for _, y in spans:
        furthest = max(furthest, y)
        reach.append(furthest)
    return [x for x, _ in spans], reach


def within_any(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test ``(start, end) -> bool``: whether ``[start, end)`` lies inside one of ``spans``.

    The same as ``any(x <= start and end <= y for x, y in spans)``, but a bisect: a long
    report has thousands of mentions to test against thousands of spans.

    >>> inside = within_any([(5, 9), (0, 3), (2, 6)])
    >>> inside(1, 3), inside(2, 6), inside(3, 7), inside(9, 10)
    (True, True, False, False)
    """
    starts, reach = _starts_and_reach(spans)

    def inside(start: int, end: int) -> bool:
        i = bisect_right(starts, start)  # spans[:i] start at or before ``start``
        return i > 0 and reach[i - 1] >= end

    return inside


def overlaps_any(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test ``(start, end) -> bool``: whether ``[start, end)`` overlaps one of ``spans`` (a bisect, not a scan).

    >>> overlaps = overlaps_any([(5, 9), (0, 3)])
    >>> overlaps(2, 4), overlaps(3, 5), overlaps(8, 12)
    (True, False, True)
    """
    starts, reach = _starts_and_reach(spans)

    def overlaps(start: int, end: int) -> bool:
        i = bisect_left(starts, end)  # spans[:i] start before ``end``
        return i > 0 and reach[i - 1] > start

    return overlaps
