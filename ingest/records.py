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
from typing import Any

__all__ = [
    "LEVELS",
    "Evidence",
    "RegionRef",
    "AgencyFact",
    "ProgramFact",
    "HonorFact",
    "PolicyFact",
    "PersonFact",
    "Document",
    "ReportFacts",
    "facts_to_dict",
    "facts_from_dict",
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
    #: ``(name, level, adcode)`` of each enclosing division, top first.
    parents: tuple[tuple[str, str, str | None], ...] = ()
    #: For a place whose name several divisions share and the text cannot tell
    #: apart (城关镇): the codes of the counties it may be in. ``parents`` then
    #: holds only what they have in common.
    candidates: tuple[str, ...] = ()
    #: For such an ambiguous place, the report it was read in: two reports of
    #: the same ambiguous name are not taken for one place.
    scope: str = ""

    @property
    def parent_names(self) -> tuple[str, ...]:
        return tuple(p[0] for p in self.parents)

    @property
    def ambiguous(self) -> bool:
        """Whether the place could be in several counties (see ``candidates``)."""
        return bool(self.candidates)


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


def _region(d: dict[str, Any] | None) -> RegionRef | None:
    if d is None:
        return None
    return RegionRef(d["name"], d["level"], d.get("adcode"), tuple(tuple(p) for p in d.get("parents", ())),
                     tuple(d.get("candidates", ())), d.get("scope", ""))


def _evidence(d: dict[str, Any]) -> Evidence:
    return Evidence(d["report"], d["sentence"], d["start"], d["end"])


def _agency(d: dict[str, Any] | None) -> AgencyFact | None:
    if d is None:
        return None
    return AgencyFact(d["name"], d["kind"], _region(d.get("region")), _evidence(d["evidence"]))


def facts_to_dict(facts: ReportFacts) -> dict[str, Any]:
    """``facts`` as plain JSON-able data; :func:`facts_from_dict` reads it back.

    >>> f = ReportFacts("report:1", "a.txt", "报告", 2023, RegionRef("郏县", "county", "410425"), None)
    >>> facts_from_dict(facts_to_dict(f)) == f
    True
    """
    # Written out per record type rather than walked generically: the facts
    # cache of a large build holds millions of values (dataclasses.asdict
    # deep-copies each, a generic walk asks every value what it is).
    f = facts
    return {
        "id": f.id, "file": f.file, "title": f.title, "year": f.year, "region": _region_dict(f.region),
        "issuer": _agency_dict(f.issuer),
        "agencies": [_agency_dict(a) for a in f.agencies],
        "programs": [{"program": p.program, "status": p.status, "evidence": _ev_dict(p.evidence), "surface": p.surface}
                     for p in f.programs],
        "honors": [{"honor": h.honor, "name": h.name, "level": h.level, "recipient": h.recipient,
                    "recipient_kind": h.recipient_kind, "evidence": _ev_dict(h.evidence),
                    "recipient_region": _region_dict(h.recipient_region),
                    "recipient_agency_kind": h.recipient_agency_kind} for h in f.honors],
        "policies": [{"name": p.name, "evidence": _ev_dict(p.evidence)} for p in f.policies],
        "people": [{"name": p.name, "role": p.role, "evidence": _ev_dict(p.evidence)} for p in f.people],
        "sha256": f.sha256, "source": f.source,
    }


def _ev_dict(e: Evidence) -> dict[str, Any]:
    return {"report": e.report, "sentence": e.sentence, "start": e.start, "end": e.end}


def _region_dict(r: RegionRef | None) -> dict[str, Any] | None:
    if r is None:
        return None
    d = {"name": r.name, "level": r.level, "adcode": r.adcode, "parents": [list(p) for p in r.parents]}
    if r.candidates:  # only ambiguous places carry these
        d["candidates"], d["scope"] = list(r.candidates), r.scope
    return d


def _agency_dict(a: AgencyFact | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"name": a.name, "kind": a.kind, "region": _region_dict(a.region), "evidence": _ev_dict(a.evidence)}


def facts_from_dict(d: dict[str, Any]) -> ReportFacts:
    """The :class:`ReportFacts` that :func:`facts_to_dict` wrote."""
    return ReportFacts(
        id=d["id"], file=d["file"], title=d["title"], year=d["year"], region=_region(d["region"]),
        issuer=_agency(d["issuer"]),
        agencies=[_agency(a) for a in d["agencies"]],
        programs=[ProgramFact(p["program"], p["status"], _evidence(p["evidence"]), p["surface"]) for p in d["programs"]],
        honors=[HonorFact(h["honor"], h["name"], h["level"], h["recipient"], h["recipient_kind"], _evidence(h["evidence"]),
                          _region(h["recipient_region"]), h.get("recipient_agency_kind", "")) for h in d["honors"]],
        policies=[PolicyFact(p["name"], _evidence(p["evidence"])) for p in d["policies"]],
        people=[PersonFact(p["name"], p["role"], _evidence(p["evidence"])) for p in d["people"]],
        sha256=d.get("sha256", ""),
        source=d.get("source", ""),
    )
