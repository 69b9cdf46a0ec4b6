"""``govkg_sections``: sentence boundaries and classified sections.

Sets ``token.is_sent_start`` for every token and ``doc.spans["sections"]``,
one span per headed section labelled with its kind (see
:mod:`govkg.ingest.outline`). Text before the first heading becomes a
``preamble`` section.

>>> import spacy
>>> from govkg.ingest.nlp import make_nlp
>>> doc = make_nlp()("总体良好。\\n一、存在问题\\n不足。")
>>> [(s.label_, s.text[:6]) for s in doc.spans["sections"]]
[('preamble', '总体良好。\\n'), ('problem', '一、存在问题')]
>>> [s.text for s in doc.sents]
['总体良好。', '\\n', '一、存在问题', '\\n', '不足。']
"""
from __future__ import annotations

import numpy
from govkg.ingest.components import component
from govkg.ingest.components._spans import doc_text, set_group
from govkg.ingest.outline import sentences, split_sections
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["SectionTagger", "section_spans"]


class SectionTagger:
    """Marks sentences and sections; cue words come from ``schema/cues.yaml``."""

    def __init__(self, cues: dict[str, list[str]]) -> None:
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        n = len(doc)
        if n == 0:
            doc.spans["sections"] = []
            return doc
        sent = numpy.full(n, -1, dtype=numpy.int64)
        sent[0] = 1
        bounds = list(sentences(text))  # a copy: user_data's list is the document's own
        # Sentence offsets, for code that needs a mention's sentence quickly
        # (Span.sent walks the tokens; this is a bisect).
        doc.user_data["govkg_sentences"] = bounds
        edges = numpy.array([a for a, _ in bounds] + [b for _, b in bounds if b < len(text)], dtype=numpy.int64)
        if len(edges):
            if n == len(text):  # govkg's tokenizer: token i is character i (no token is empty)
                sent[edges] = 1
            else:  # the token of every edge, from the tokens' character offsets
                starts = doc.to_array("IDX").astype(numpy.int64)
                sent[numpy.searchsorted(starts, edges, side="right") - 1] = 1
        doc.from_array([SENT_START], sent.reshape(-1, 1).astype(numpy.uint64))
        set_group(doc, "sections", section_spans(text, self.cues))
        return doc


def section_spans(text: str, cues: dict[str, list[str]]) -> list[tuple[int, int, str, str]]:
    """``(start, end, kind, "")`` of each section of ``text``, a ``preamble`` first when text precedes the first heading."""
    sections = split_sections(text, cues)
    spans = []
    first = sections[0].start if sections else len(text)
    if text[:first].strip():
        spans.append((0, first, "preamble", ""))
    for s in sections:
        spans.append((s.start, s.end, s.kind, ""))
    return spans


@component("govkg_sections", writes=("spans:sections", "user_data:govkg_sentences", "token.is_sent_start"))
def make_section_tagger(nlp: Language, name: str) -> SectionTagger:
    from govkg.schema.lexicon import load_lexicon

    return SectionTagger(load_lexicon().cues["sections"])
