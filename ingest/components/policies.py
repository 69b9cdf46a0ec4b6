"""``govkg_policies``: policy documents cited by title, 《...》.

>>> from govkg.ingest.nlp import make_nlp
>>> doc = make_nlp()("印发《关于加强法治乡村建设的意见》。")
>>> [s.text for s in doc.spans["policies"]]
['关于加强法治乡村建设的意见']
"""
from __future__ import annotations

import re

from govkg.ingest.components import component
from govkg.ingest.components._spans import doc_text, set_group
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PolicyTagger", "find_titles"]

_TITLE = re.compile(r"《([^《》\n]{2,80})》")


def find_titles(text: str) -> list[tuple[int, int]]:
    """Offsets of the text inside each 《》 pair (nested pairs are skipped)."""
    return [(m.start(1), m.end(1)) for m in _TITLE.finditer(text)]


class PolicyTagger:
    def __call__(self, doc: Doc) -> Doc:
        set_group(doc, "policies", [(a, b, "POLICY", "") for a, b in find_titles(doc_text(doc))])
        return doc


@component("govkg_policies", writes=("spans:policies",))
def make_policy_tagger(nlp: Language, name: str) -> PolicyTagger:
    return PolicyTagger()
