"""The body a report speaks as, when no heading names it.

A report that names no author still says who wrote it by how it speaks: as
its division (我县, 我街道), then its government wrote it, or the office that
governs a division of that kind (a 街道's 办事处: ``governs`` in
``schema/agencies.yaml``).

Examples
--------
>>> from govkg.ingest.records import Evidence, RegionRef
>>> from govkg.schema.lexicon import load_lexicon
>>> ev = Evidence("report:1", "", 0, 0)
>>> government_of(RegionRef("大中街道", "township"), load_lexicon(), ev).name
'大中街道办事处'
>>> government_of(RegionRef("博爱县", "county"), load_lexicon(), ev).name
'博爱县人民政府'
"""
from __future__ import annotations

from govkg.ingest.records import AgencyFact, Evidence, RegionRef
from govkg.schema.lexicon import AgencyKind, Lexicon

__all__ = ["government_of", "name_in"]


def name_in(region: RegionRef, core: str) -> str:
    """The name of the body ``core`` of ``region``, the words they share written once.

    >>> name_in(RegionRef("大中街道", "township"), "街道办事处"), name_in(RegionRef("遂宁市", "city"), "司法局")
    ('大中街道办事处', '遂宁市司法局')
    """
    shared = next((n for n in range(min(len(region.name), len(core)), 0, -1) if region.name.endswith(core[:n])), 0)
    return region.name + core[shared:]


def _governing_kind(region: RegionRef, lexicon: Lexicon) -> AgencyKind:
    """The kind of body that governs ``region``: the one whose ``governs`` ends its name, else its people's government."""
    for kind in sorted(lexicon.agencies.values(), key=lambda k: k.id):
        if any(region.name.endswith(ending) for ending in kind.governs):
            return kind
    return lexicon.agencies["people_government"]


def government_of(region: RegionRef, lexicon: Lexicon, evidence: Evidence) -> AgencyFact:
    """The body that governs ``region``, as the issuer of a report that speaks as the region."""
    kind = _governing_kind(region, lexicon)
    return AgencyFact(name_in(region, kind.name), kind.id, region, evidence)
