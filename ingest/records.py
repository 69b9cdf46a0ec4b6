"""Typed records that cross the boundary from ingest to the graph.

Every fact carries its :class:`Evidence`: the report it came from, the sentence
and the character offsets of the mention in the report's text, so any edge in
the graph can be traced back to the words that support it.

Examples
--------
>>> ev = Evidence(report="r1", sentence="培养法律明白人。", start=2, end=7)
>>> ev.to_dict()["start"]
2
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

from govkg.ingest.codec import nested_paths, paths_walker, record_codec

__all__ = [
    "LEVELS",
    "Evidence",
    "RegionRef",
    "region_id",
    "AgencyFact",
    "ProgramFact",
    "HonorFact",
    "PolicyFact",
    "PersonFact",
    "Document",
    "ReportFacts",
    "facts_to_dict",
    "facts_from_dict",
    "evidence_dicts",
    "EVIDENCE_PATHS",
]

#: Administrative levels, from the top.
LEVELS: tuple[str, ...] = ("province", "city", "county", "township", "village")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: report id, the sentence, and the mention's offsets.

    ``start`` and ``end`` are character offsets into the report's text (the
    text after decoding and normalisation, as kept in :class:`Document`).
    """

    report: str
    sentence: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class RegionRef:
    """An administrative division, with its enclosing divisions from the top.

    >>> r = RegionRef("博爱县", "county", "410822", (("河南省", "province", "410000"), ("焦作市", "city", "410800")))
    >>> r.parent_names
    ('河南省', '焦作市')
    """

    name: str
    level: str
    adcode: str | None = None
    #: ``(name, level, adcode)`` of each enclosing division, top first. ``names``
    #: names the tuple's places where a table needs columns (govkg.ingest.tables).
    parents: tuple[tuple[str, str, str | None], ...] = field(default=(), metadata={"names": ("name", "level", "adcode")})
    #: For a place whose name several divisions share and the text cannot tell
    #: apart (城关镇): the codes of the counties it may be in. ``parents`` then
    #: holds only what they have in common.
    candidates: tuple[str, ...] = field(default=(), metadata={"written_if": "candidates"})
    #: For such an ambiguous place, the report it was read in: two reports of
    #: the same ambiguous name are not taken for one place.
    scope: str = field(default="", metadata={"written_if": "candidates"})

    @property
    def parent_names(self) -> tuple[str, ...]:
        return tuple(p[0] for p in self.parents)

    @property
    def ambiguous(self) -> bool:
        """Whether the place could be in several counties (see ``candidates``)."""
        return bool(self.candidates)


def region_id(ref: RegionRef) -> str:
    """``region:<adcode>``, or below county level ``region:<nearest adcode>/<name>``.

    An ambiguous place (several counties hold its name) is its report's own:
    ``region:<common adcode or ?>/<name>@<report hash>``.

    >>> region_id(RegionRef("城关镇", "township", None, (("甘肃省", "province", "620000"),), ("620102", "621102"), "report:ab12"))
    'region:620000/城关镇@ab12'
    """
    if ref.adcode:
        return f"region:{ref.adcode}"
    anchor = next((code for _, _, code in reversed(ref.parents) if code), None)
    path = [n for n, _, c in ref.parents if not c and anchor] if anchor else [n for n, _, _ in ref.parents]
    nid = "region:" + "/".join([anchor or "?"] + path + [ref.name])
    return f"{nid}@{ref.scope.removeprefix('report:')}" if ref.candidates else nid


@dataclass(frozen=True, slots=True)
class AgencyFact:
    """An agency named in a report; ``kind`` is an id from ``schema/agencies.yaml``."""

    name: str
    kind: str
    #: The division the agency belongs to, when the text or context says so.
    region: RegionRef | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ProgramFact:
    """A program from the lexicon, and whether the report did it or plans it."""

    program: str
    #: ``implemented`` (done in the year) or ``planned`` (only promised).
    status: str
    evidence: Evidence
    #: The words as written in the report (one of the program's aliases).
    surface: str = ""


@dataclass(frozen=True, slots=True)
class HonorFact:
    """An honor and who received it.

    ``recipient_kind`` is ``Region``, ``Agency`` or ``Person``.
    """

    honor: str
    name: str
    level: str | None
    recipient: str
    recipient_kind: str
    evidence: Evidence
    recipient_region: RegionRef | None = None
    #: For an agency recipient, its kind (an id from ``schema/agencies.yaml``).
    recipient_agency_kind: str = ""


@dataclass(frozen=True, slots=True)
class PolicyFact:
    """A policy document cited by title (the text inside 《》)."""

    name: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class PersonFact:
    """A person named in a report, with the role the text gives."""

    name: str
    role: str
    evidence: Evidence


@dataclass(slots=True)
class Document:
    """A report as read from disk: decoded, normalised text and its provenance."""

    id: str
    file: str
    path: str
    text: str
    sha256: str
    encoding: str = "utf-8"
    #: Metadata that the source printed (portal fields, manifest overrides).
    meta: dict[str, str] = field(default_factory=dict)
    #: What was wrong with the file but worked around while reading it (bytes that
    #: were not UTF-8, a charset that names no text encoding), one line each.
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class ReportFacts:
    """Everything ingest learned about one report."""

    id: str
    file: str
    title: str
    year: int | None
    region: RegionRef | None
    issuer: AgencyFact | None
    agencies: list[AgencyFact] = field(default_factory=list)
    programs: list[ProgramFact] = field(default_factory=list)
    honors: list[HonorFact] = field(default_factory=list)
    policies: list[PolicyFact] = field(default_factory=list)
    people: list[PersonFact] = field(default_factory=list)
    sha256: str = ""
    #: Where the report came from (a URL from a manifest or portal page).
    source: str = ""


# Converters compiled from the fields above (see govkg.ingest.codec): a field added to a
# record, or a new list of facts in ReportFacts, is written, read and packed with no more code.
_facts_to_dict, _facts_from_dict = record_codec(ReportFacts)

#: Where the :class:`Evidence` of each fact sits in a :func:`facts_to_dict` dict, field by field
#: (see :func:`govkg.ingest.codec.nested_paths`).
EVIDENCE_PATHS = nested_paths(ReportFacts, Evidence)
_evidence_walker = paths_walker(EVIDENCE_PATHS)


def facts_to_dict(facts: ReportFacts) -> dict[str, Any]:
    """``facts`` as plain JSON-able data; :func:`facts_from_dict` reads it back.

    >>> f = ReportFacts("report:1", "a.txt", "报告", 2023, RegionRef("郏县", "county", "410425"), None)
    >>> facts_from_dict(facts_to_dict(f)) == f
    True
    >>> facts_to_dict(f)["region"]
    {'name': '郏县', 'level': 'county', 'adcode': '410425', 'parents': []}
    """
    return _facts_to_dict(facts)


def facts_from_dict(d: dict[str, Any]) -> ReportFacts:
    """The :class:`ReportFacts` that :func:`facts_to_dict` wrote."""
    return _facts_from_dict(d)


def evidence_dicts(d: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every evidence dict inside a :func:`facts_to_dict` dict, to rewrite in place.

    >>> ev = Evidence("report:1", "推进述法。", 2, 4)
    >>> f = ReportFacts("report:1", "a.txt", "报告", 2023, None, None, programs=[ProgramFact("p", "implemented", ev)])
    >>> [e["sentence"] for e in evidence_dicts(facts_to_dict(f))]
    ['推进述法。']
    """
    return _evidence_walker(d)
