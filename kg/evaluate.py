"""Score a built graph against gold annotations of its reports.

The gold format is that of ``../shared/gold/seeds.yaml``: per report file,
the region (name, level, parents), year, issuer, programs implemented and
only planned, optional programs, honors with their recipients, and agencies;
plus ``optional_everywhere``, programs acceptable in any report. Program ids
in the gold refer to a catalogue (``programs.yaml`` of the gold, or the
product's own lexicon), whose names a system's program must match.

The metrics and matching rules are those of the shared scorer
(``../shared/tools/kgeval.py``), computed from the graph itself rather than
through the command line:

``region``, ``level``, ``parents``, ``year``
    per report: the region's name (equal, or the system's ends with the
    gold's), its level, each gold parent among the region's ancestors, the year
``prog_recall``, ``status``
    each gold program found (implemented or planned), and its status right
``prog_precision``
    each program the system reports that the gold lists (required, optional
    or everywhere)
``honor_recall``, ``honor_precision``
    required honors found with a right recipient; system honors the gold lists
``agency_recall``, ``issuer``
    gold agencies contained in a mentioned agency's name; the issuer

Names match when equal after removing punctuation, quotes, brackets and
spaces, or when one contains the other and the shorter has at least three
characters (two for recipients and issuers).

Examples
--------
>>> names_match("“八五”普法", "八五普法"), names_match("普法", "八五普法"), names_match("司法局", "博爱县司法局", 2)
(True, False, True)
>>> s = Scores({"region": (4, 5), "year": (5, 5)})
>>> s.value("region"), s.value("issuer"), s.below({"region": 0.9, "year": 1.0})
(0.8, None, ['region'])
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import networkx as nx
import yaml
from govkg.schema.lexicon import Lexicon

__all__ = [
    "METRICS", "GoldError", "GoldRegion", "GoldHonor", "GoldReport", "Gold", "Miss", "Scores",
    "gold_from_data", "load_gold", "load_catalogue", "catalogue_from_lexicon", "names_match", "score_graph", "score",
]

#: The metrics, in the order they are reported.
METRICS = ("region", "no_invented", "level", "parents", "year", "prog_recall", "prog_precision", "status",
           "honor_recall", "honor_precision", "agency_recall", "issuer")

# What name matching ignores: quotes, brackets, spaces and punctuation of either width.
_IGNORED = re.compile(r"[“”\"‘’'（）()\[\]【】《》〈〉<>\s、·•,，.。:：;；!！?？\-—_/]")


class GoldError(ValueError):
    """The gold annotations or the catalogue are not in the expected format."""


@dataclass(frozen=True)
class GoldRegion:
    name: str
    level: str | None
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldHonor:
    honor: str
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class GoldReport:
    """What one report should yield; ``region`` is ``None`` when the report names no jurisdiction."""

    file: str
    region: GoldRegion | None
    year: int | None = None
    issuer: tuple[str, ...] = ()
    implemented: tuple[str, ...] = ()
    planned: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    honors_required: tuple[GoldHonor, ...] = ()
    honors_optional: tuple[GoldHonor, ...] = ()
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gold:
    reports: tuple[GoldReport, ...]
    optional_everywhere: tuple[str, ...] = ()


@dataclass(frozen=True)
class Miss:
    """One gold item the system missed or one system item the gold does not list."""

    file: str
    metric: str
    detail: str


@dataclass(frozen=True)
class Scores:
    """``counts[metric] = (correct, total)``; ``misses`` explains what was not correct."""

    counts: dict[str, tuple[int, int]]
    misses: tuple[Miss, ...] = field(default=())

    def value(self, metric: str) -> float | None:
        """``correct / total``, or ``None`` when nothing was scored."""
        ok, n = self.counts.get(metric, (0, 0))
        return ok / n if n else None

    def below(self, minimums: Mapping[str, float]) -> list[str]:
        """The metrics under their minimum (a metric with nothing scored is under any minimum)."""
        return [m for m in METRICS if m in minimums and (self.value(m) is None or self.value(m) < minimums[m])]  # type: ignore[operator]

    def rows(self) -> list[dict[str, Any]]:
        """One row per metric: ``metric``, ``value`` (rounded to 3 places), ``correct``, ``total``."""
        out = []
        for m in (m for m in METRICS if m in self.counts):
            ok, n = self.counts[m]
            v = self.value(m)
            out.append({"metric": m, "value": None if v is None else round(v, 3), "correct": ok, "total": n})
        return out


# ---------------------------------------------------------------- reading the gold

def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int)):
        return (str(value),)
    if isinstance(value, list) and all(isinstance(x, (str, int)) for x in value):
        return tuple(str(x) for x in value)
    raise GoldError(f"{where}: expected a name or a list of names, got {value!r}")


def _honors(value: Any, where: str) -> tuple[GoldHonor, ...]:
    out = []
    for h in value or []:
        if not isinstance(h, dict) or not h.get("honor"):
            raise GoldError(f"{where}: each honor needs an 'honor' name, got {h!r}")
        out.append(GoldHonor(str(h["honor"]), _strings(h.get("recipient"), f"{where} {h['honor']} recipient")))
    return tuple(out)


def gold_from_data(data: Any) -> Gold:
    """Validate parsed gold annotations.

    Raises
    ------
    GoldError
        If ``reports`` is missing, or a report has no ``file`` or a malformed field.

    >>> g = gold_from_data({"reports": [{"file": "a.txt", "region": {"name": "郏县", "level": "county"}, "year": 2023}]})
    >>> g.reports[0].region.name, g.reports[0].year
    ('郏县', 2023)
    """
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise GoldError("gold annotations need a 'reports' list (see ../shared/gold/seeds.yaml)")
    reports = []
    for i, r in enumerate(data["reports"]):
        if not isinstance(r, dict) or not r.get("file"):
            raise GoldError(f"report {i + 1}: needs a 'file'")
        where = str(r["file"])
        reg = r.get("region")
        if reg is not None and not (isinstance(reg, dict) and reg.get("name")):
            raise GoldError(f"{where}: region must be null or have a 'name'")
        honors = r.get("honors") or {}
        if not isinstance(honors, dict):
            raise GoldError(f"{where}: honors must have 'required' and/or 'optional' lists")
        year = r.get("year")
        if year is not None and not str(year).isdigit():
            raise GoldError(f"{where}: year {year!r} is not a number")
        reports.append(GoldReport(
            file=where,
            region=None if reg is None else GoldRegion(str(reg["name"]), reg.get("level"),
                                                       _strings(reg.get("parents"), f"{where} parents")),
            year=None if year is None else int(year),
            issuer=_strings(r.get("issuer"), f"{where} issuer"),
            implemented=_strings(r.get("implemented"), f"{where} implemented"),
            planned=_strings(r.get("planned"), f"{where} planned"),
            optional=_strings(r.get("optional"), f"{where} optional"),
            honors_required=_honors(honors.get("required"), f"{where} honors"),
            honors_optional=_honors(honors.get("optional"), f"{where} honors"),
            agencies=_strings(r.get("agencies"), f"{where} agencies"),
        ))
    return Gold(tuple(reports), _strings(data.get("optional_everywhere"), "optional_everywhere"))


def _load_yaml(path: str | Path) -> Any:
    """The YAML at ``path``; a file that cannot be read, or is not UTF-8 YAML, is a :class:`GoldError` naming it."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as e:
        raise GoldError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not UTF-8; save it as UTF-8") from None
    except OSError as e:
        raise GoldError(f"{path}: cannot be read ({e.strerror or e})") from None


def load_gold(path: str | Path) -> Gold:
    """Read and validate a gold annotations file.

    Raises
    ------
    GoldError
        If it cannot be read, is not YAML, or does not hold gold annotations; the message names the file.
    """
    data = _load_yaml(path)
    try:
        return gold_from_data(data)
    except GoldError as e:
        raise GoldError(f"{path}: {e}") from None


def load_catalogue(path: str | Path) -> dict[str, tuple[str, ...]]:
    """A gold program catalogue (``id: {zh, en, names}``) as ``id -> (zh, *names)``."""
    data = _load_yaml(path)
    if not isinstance(data, dict):
        raise GoldError(f"{path}: a program catalogue maps ids to {{zh, names}}")
    out = {}
    for pid, e in data.items():
        if not isinstance(e, dict) or not e.get("zh"):
            raise GoldError(f"{path}: program {pid!r} has no 'zh' name")
        out[str(pid)] = (str(e["zh"]), *_strings(e.get("names"), f"{path} {pid} names"))
    return out


def catalogue_from_lexicon(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """The product's lexicon as a catalogue: gold files may then name programs by lexicon id."""
    return {p.id: (p.name, *p.aliases) for p in lexicon.programs.values()}


# ---------------------------------------------------------------- matching

def _key(s: Any) -> str:
    return _IGNORED.sub("", str(s or "")).lower()


def names_match(a: Any, b: Any, min_common: int = 3) -> bool:
    """Equal when punctuation is ignored, or one contains the other with at least ``min_common`` characters."""
    a, b = _key(a), _key(b)
    if not a or not b:
        return False
    if a == b:
        return True
    return min(len(a), len(b)) >= min_common and (a in b or b in a)


def _any_match(system_names: Iterable[str], gold_names: Iterable[str]) -> bool:
    gold_names = list(gold_names)
    return any(names_match(s, g) for s in system_names for g in gold_names)


# ---------------------------------------------------------------- reading the graph

@dataclass
class _Facts:
    """What the graph says about each report, in the shape the metrics need."""

    reports_by_file: dict[str, list[dict[str, Any]]]
    ancestors: dict[str, set[str]]
    implements: dict[str, list[list[str]]]
    plans: dict[str, list[list[str]]]
    honors: dict[str, list[tuple[Any, Any]]]
    mentioned: dict[str, list[Any]]
    issuers: dict[str, list[Any]]


def _graph_facts(G: nx.MultiDiGraph) -> _Facts:
    nodes = G.nodes
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in sorted(G):
        d = nodes[n]
        if d.get("label") != "Report":
            continue
        about = sorted(v for _, v, e in G.out_edges(n, data=True) if e.get("type") == "ABOUT" and nodes[v].get("label") == "Region")
        for region in about or [None]:
            rd = nodes[region] if region else {}
            by_file[Path(str(d.get("file") or "")).name].append(
                {"id": n, "year": d.get("year"), "region": rd.get("name"), "level": rd.get("level")})
    # Ancestors by region name, up to four PART_OF steps between regions.
    ancestors: dict[str, set[str]] = defaultdict(set)
    up = {n: [v for _, v, e in G.out_edges(n, data=True) if e.get("type") == "PART_OF" and nodes[v].get("label") == "Region"]
          for n in G if nodes[n].get("label") == "Region"}
    for n in up:
        frontier, seen = [n], set()
        for _ in range(4):
            frontier = [p for f in frontier for p in up.get(f, ()) if p not in seen]
            seen.update(frontier)
        ancestors[nodes[n].get("name")].update(nodes[p].get("name") for p in seen)
    facts = _Facts(by_file, ancestors, defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list),
                   defaultdict(list))
    for u, v, e in G.edges(data=True):
        t, lu, lv = e.get("type"), nodes[u].get("label"), nodes[v].get("label")
        if t in ("IMPLEMENTS", "PLANS") and lv == "Program":  # from a Region, or from a Report that names none
            target = facts.implements if t == "IMPLEMENTS" else facts.plans
            target[str(e.get("report"))].append([nodes[v].get("name")] + list(nodes[v].get("aliases") or []))
        elif t == "RECEIVED" and lv == "Honor":
            facts.honors[str(e.get("report"))].append((nodes[v].get("name"), nodes[u].get("name")))
        elif t == "MENTIONS" and lu == "Report" and lv == "Agency":
            facts.mentioned[str(u)].append(nodes[v].get("name"))
        elif t == "ISSUED_BY" and lu == "Report" and lv == "Agency":
            facts.issuers[str(u)].append(nodes[v].get("name"))
    return facts


# ---------------------------------------------------------------- scoring

def score_graph(G: nx.MultiDiGraph, gold: Gold, catalogue: Mapping[str, Iterable[str]],
                invented: bool = False) -> Scores:
    """Score the graph ``G`` (as :func:`govkg.kg.store.open_graph` returns it) against ``gold``.

    ``catalogue`` maps program ids in the gold to their names; an id not in
    it stands for itself as a name. With ``invented``, ``no_invented`` is
    scored too: the share of reports not placed in a wrong region (a true
    parent is not wrong). The graph is not modified.
    """
    f = _graph_facts(G)
    counts = {m: [0, 0] for m in METRICS if invented or m != "no_invented"}
    misses: list[Miss] = []

    def add(metric: str, ok: bool, file: str = "", detail: str = "") -> None:
        counts[metric][0] += int(ok)
        counts[metric][1] += 1
        if not ok and detail:
            misses.append(Miss(file, metric, detail))

    def names(pid: str) -> list[str]:
        return list(catalogue[pid]) if pid in catalogue else [pid]

    for g in gold.reports:
        found = f.reports_by_file.get(g.file, [])
        if not found:
            misses.append(Miss(g.file, "report", "no Report node"))
        r = found[0] if found else {}
        rid = r.get("id")
        if g.region is None:
            add("region", not r.get("region"), g.file, f"region {r.get('region')!r}, but the report names none")
            if invented:
                add("no_invented", not r.get("region"), g.file, f"invented region {r.get('region')!r}")
        else:
            got = r.get("region")
            ok = bool(got) and (_key(got) == _key(g.region.name) or _key(got).endswith(_key(g.region.name)))
            wrong = bool(got) and not ok and not any(names_match(got, gp, 2) for gp in g.region.parents)
            add("region", ok, g.file, f"region {got!r} != {g.region.name!r}{' (invented)' if invented and wrong else ''}")
            if invented:
                add("no_invented", not wrong)
            if ok:
                add("level", r.get("level") == g.region.level, g.file, f"level {r.get('level')!r} != {g.region.level!r}")
                for gp in g.region.parents:
                    add("parents", any(names_match(gp, sp) for sp in f.ancestors.get(got, ())), g.file,
                        f"parent {gp} missing")
        if g.year is not None:
            add("year", str(r.get("year")) == str(g.year), g.file, f"year {r.get('year')!r} != {g.year}")

        sys_impl = f.implements.get(str(rid), []) if rid is not None else []
        sys_plan = f.plans.get(str(rid), []) if rid is not None else []
        required = [(pid, "implemented") for pid in g.implemented] + [(pid, "planned") for pid in g.planned]
        for pid, status in required:
            gnames = names(pid)
            in_impl = any(_any_match(s, gnames) for s in sys_impl)
            in_plan = any(_any_match(s, gnames) for s in sys_plan)
            add("prog_recall", in_impl or in_plan, g.file, f"missed program {pid} ({status})")
            if in_impl or in_plan:
                ok = in_impl if status == "implemented" else (in_plan and not in_impl)
                add("status", ok, g.file, f"wrong status for {pid}: want {status}")
        acceptable = [names(pid) for pid, _ in required]
        acceptable += [names(x) for x in (*g.optional, *gold.optional_everywhere)]
        for s in sys_impl + sys_plan:
            add("prog_precision", any(_any_match(s, a) for a in acceptable), g.file, f"unexpected program {s[0]!r}")

        sys_h = f.honors.get(str(rid), []) if rid is not None else []
        for h in g.honors_required:
            ok = any(names_match(honor, h.honor) and any(names_match(who, rc, 2) for rc in h.recipients)
                     for honor, who in sys_h)
            add("honor_recall", ok, g.file, f"missed honor {h.honor} -> {list(h.recipients)}")
        listed = g.honors_required + g.honors_optional
        for honor, who in sys_h:
            add("honor_precision", any(names_match(honor, h.honor) for h in listed), g.file,
                f"unexpected honor {honor!r} -> {who!r}")

        sys_a = f.mentioned.get(str(rid), []) if rid is not None else []
        for ga in g.agencies:
            add("agency_recall", any(_key(ga) in _key(s) for s in sys_a), g.file, f"missed agency {ga}")
        if g.issuer:
            sys_i = f.issuers.get(str(rid), []) if rid is not None else []
            add("issuer", any(names_match(s, gi, 2) for s in sys_i for gi in g.issuer), g.file,
                f"issuer {sys_i} not in {list(g.issuer)}")
    return Scores({m: (ok, n) for m, (ok, n) in counts.items()}, tuple(misses))


def score(graph_dir: str | Path, gold: Gold, catalogue: Mapping[str, Iterable[str]], invented: bool = False) -> Scores:
    """Score the graph built at ``graph_dir`` against ``gold`` (see :func:`score_graph`).

    Raises
    ------
    GraphNotFound
        If nothing was built at ``graph_dir``.
    """
    from govkg.kg.store import open_graph

    return score_graph(open_graph(graph_dir), gold, catalogue, invented)
