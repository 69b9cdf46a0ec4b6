"""The spaCy pipeline that tags reports: ``make_nlp()``.

A blank Chinese pipeline with character segmentation (no trained model: none
can be downloaded here, and the lexicon is the knowledge) and govkg's own
components (:mod:`govkg.ingest.components`), each after the components that
write what it reads (:data:`PIPELINE`):

``govkg_sections``
    sentence boundaries and headed sections (``doc.spans["sections"]``)
``govkg_lexicon``
    programs, agency names and listed honors from ``schema/`` by Aho-Corasick
    (``doc.spans["programs"]``, ``["agencies"]``)
``govkg_places``
    administrative divisions, villages and townships (``doc.spans["places"]``)
``govkg_policies``, ``govkg_people``, ``govkg_honors``
    《titles》, named people, honors with their recipients

Examples
--------
>>> nlp = make_nlp()
>>> doc = nlp("一、工作成效\\n博爱县司法局推进“八五”普法。")
>>> [(s.text, s.kb_id_) for s in doc.spans["programs"]]
[('八五”普法', 'eighth_five_year_legal_education')]
>>> [s.label_ for s in doc.spans["sections"]]
['achievement']
"""
from __future__ import annotations

import numpy
import spacy
from govkg.ingest.components import pipeline_order
from govkg.ingest.components._spans import lazy_span_groups
from govkg.schema.script import is_traditional, to_simplified
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

__all__ = ["CharTokenizer", "make_nlp", "PIPELINE"]

#: Every component of :mod:`govkg.ingest.components` (importing them registers their factories),
#: ordered by what each reads and writes.
PIPELINE: tuple[str, ...] = pipeline_order()

class CharTokenizer:
    """One token per character, white space included.

    spaCy's own Chinese ``char`` segmenter also splits characters but spends
    most of its time aligning spaces. Here every character is a token with
    no trailing space, so ``doc.text`` is the input and token ``i`` is
    character ``i``: components make spans straight from character offsets.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        # Code point -> lexeme orth id (a Python int, so a list of them is made without
        # allocating one int per character), and whether it has been looked up. Reports are
        # almost all in the Basic Multilingual Plane; others grow the tables.
        self._orth = numpy.zeros(0x10000, dtype=object)
        self._known = numpy.zeros(0x10000, dtype=bool)

    def _orths(self, text: str) -> list[int]:
        # Doc() takes orth ids as well as strings; mapping code points through
        # a table (numpy does the per-character work) is ~3x faster than
        # letting spaCy hash every character.
        cps = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)
        top = int(cps.max())
        if top >= len(self._known):
            grow = top + 1 - len(self._known)
            self._orth = numpy.concatenate([self._orth, numpy.zeros(grow, dtype=object)])
            self._known = numpy.concatenate([self._known, numpy.zeros(grow, dtype=bool)])
        known = self._known[cps]
        if not known.all():
            for c in numpy.unique(cps[~known]).tolist():
                self._orth[c] = self.vocab[chr(c)].orth
                self._known[c] = True
        return self._orth[cps].tolist()

    def __call__(self, text: str) -> Doc:
        if not text:
            return Doc(self.vocab, words=[])
        original = None
        if is_traditional(text):
            # Lexicons and tables are simplified: match on the simplified form
            # (one character for one), quote the text as written.
            original, text = text, to_simplified(text)
        doc = lazy_span_groups(Doc(self.vocab, words=self._orths(text), spaces=[False] * len(text)))
        doc.user_data["govkg_text"] = text  # see components._spans.doc_text
        if original is not None:
            doc.user_data["govkg_original"] = original  # see components._spans.original_text
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CharTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "CharTokenizer":
        return self


@registry.tokenizers("govkg.CharTokenizer.v1")
def _make_char_tokenizer():
    def create(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return create


def make_nlp() -> Language:
    """A blank ``zh`` pipeline with govkg's tokenizer and components."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govkg.CharTokenizer.v1"}}})
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
