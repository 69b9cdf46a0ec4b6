"""Helpers shared by the components: spans from character offsets."""
from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["char_span", "set_group", "doc_text"]


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached: spaCy joins every token's text on each access, which is
    slow for one-token-per-character documents."""
    text = doc.user_data.get("govkg_text")
    if text is None:
        text = doc.user_data["govkg_text"] = doc.text
    return text


def char_span(doc: Doc, start: int, end: int, label: str = "", kb_id: str = "") -> Span | None:
    """The span covering characters ``[start, end)``, expanded to whole tokens."""
    return doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")


def set_group(doc: Doc, key: str, spans: list[Span]) -> None:
    """Store ``spans`` as ``doc.spans[key]`` in document order."""
    doc.spans[key] = sorted((s for s in spans if s is not None), key=lambda s: (s.start, s.end, s.label_))
