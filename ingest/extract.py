"""From a tagged report to its facts: region, year, issuer, programs, honors.

:func:`extract_facts` reads the spans the pipeline set (see
:mod:`govkg.ingest.nlp`) and decides, per report:

- the region (:mod:`govkg.ingest.regions`) and the agencies
  (:mod:`govkg.ingest.agencies`);
- the year: the title's, else the one before the date under the signature
  (a report dated 2024年1月 covers 2023), else the opening lines', else the
  year before the plan section's, else the year before publication;
- the issuer: portal metadata, else an agency heading the report (the last
  of names run together: X区人民政府Y街道办事处) or opening its first
  sentence (not one that frames the work, 在县委、县政府领导下, nor a
  government above the level the report speaks at, 县政府 in a 我乡
  report), else the body it speaks as (我局: a bureau named or
  inferred from the report's field, else none), else the region's
  government when the report speaks as 我县/我乡 (a 街道's office; see
  :mod:`govkg.ingest.speaker`);
- each program's status: ``implemented`` when any mention stands in an
  achievement section (or the summary before the first heading) and does not
  open with a future cue; ``planned`` when it appears only in plan or problem
  sections;
- honors with their recipients.

:func:`report_facts` tags a report and extracts its facts in one step. A
report longer than the pipeline takes at once (spaCy's ``max_length``,
1,000,000 characters: a ``Doc`` of one token per character costs about 185
bytes a character) is tagged in sections that end at line breaks, one at a
time, so memory stays that of one section. Sections and their kinds come
from the whole text; region, issuer, year and title are decided on the
first section (the report's head); the mentions of every section are
gathered, their offsets in the whole text.

Examples
--------
>>> from govkg.ingest.nlp import make_nlp
>>> from govkg.ingest.records import Document
>>> text = "博爱县司法局2023年工作报告\\n一、工作成效\\n我县推进述法。\\n二、下一步打算\\n推进府院联动。"
>>> facts = extract_facts(make_nlp()(text), Document("report:1", "a.txt", "a.txt", text, "1"))
>>> facts.year, facts.region.name, facts.issuer.name
(2023, '博爱县', '博爱县司法局')
>>> sorted((p.program, p.status) for p in facts.programs)
[('government_court_linkage', 'planned'), ('leaders_report_on_law', 'implemented')]
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import islice
from typing import Iterator, TypeVar

from govkg.ingest.agencies import place_under, resolve_agencies, resolve_agency, sentence_bounds_of, sentence_of
from govkg.ingest.components._spans import SpanView, doc_text, set_group, spans_of, within_any
from govkg.ingest.components.honors import ZONE_SUFFIXES
from govkg.ingest.components.places import place_name
from govkg.ingest.components.sections import section_spans
from govkg.ingest.divisions import Gazetteer, default_gazetteer
from govkg.ingest.outline import find_headings
from govkg.ingest.records import (
    LEVELS,
    AgencyFact,
    Document,
    Evidence,
    HonorFact,
    PersonFact,
    PolicyFact,
    ProgramFact,
    RegionRef,
    ReportFacts,
)
from govkg.ingest.regions import (
    FIELD_TAIL,
    decide_region,
    division_in,
    header_end,
    is_addressee,
    is_boilerplate,
    publisher_fields,
    resolve_division,
    self_level,
)
from govkg.ingest.speaker import government_of, speaking_body, under_guidance
from govkg.schema.lexicon import Lexicon, load_lexicon
from govkg.schema.normalize import normalize
from govkg.schema.script import to_simplified
from govkg.schema.suffixes import place_suffixes
from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["extract_facts", "report_facts", "fact_lists", "report_year", "program_status", "report_title", "section_bounds"]

_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
#: A date standing alone on a line, as under a signature.
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d\d)\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
                        r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$", re.M)
_CN_MONTHS = {m: i for i, m in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split(), 1)}
_TITLE_WORDS = ("报告", "情况", "总结", "工作")
#: A portal's title field, bulleted or not (• 标  题：…).
_TITLE_FIELD = re.compile(r"^(?:[•·▪■◆●◇□►▶\-*|]\s*)?(?:名\s*称|标\s*题)\s*[：:]\s*\|?\s*")
_ACHIEVED = ("preamble", "achievement", "other")
_ISSUER_KINDS = {"justice_bureau", "people_government", "subdistrict_office", "rule_of_law_committee_office",
                 "government_office", "justice_office"}


#: A title's second line, when its first is the body's name alone: 关于…, a year, 年度….
_TITLE_REST = re.compile(r"(?:关于|(?:19|20)\d\d\s*年|年度)")
#: A line that is a body's name alone: no punctuation or digits, and a body's ending.
_BODY_LINE = re.compile(r"[^\s\d，。、：:；;,.!?！？《》“”\"()（）]{2,30}(?:人民政府|政府|办事处|局|委员会|委|办公室|厅|院|所|中心|街道|镇|乡)")


def report_title(text: str, fallback: str) -> str:
    """The first of the first three lines of the report (web-page furniture skipped) that
    reads like a title, else ``fallback``. A portal's 名称：/标题： field gives it too, and a
    title whose first line is the body's name alone is both lines (大河乡人民政府 / 关于…的报告).

    >>> report_title("首页 > 通知公告\\n双井镇人民政府\\n关于2024年度法治政府建设情况的报告\\n一、主要举措", "a.txt")
    '双井镇人民政府关于2024年度法治政府建设情况的报告'
    >>> report_title("| 标题: | 双井镇2024年法治政府建设年度报告 | |\\n正文", "a.txt")
    '双井镇2024年法治政府建设年度报告'
    """
    # Only the first lines are read: a generator, not a pass over every line of the report.
    lines = islice((FIELD_TAIL.sub("", _TITLE_FIELD.sub("", ln.strip())).rstrip("| ") for ln in text.splitlines()
                    if ln.strip() and not is_boilerplate(ln)), 3)
    before = ""
    for line in lines:
        if find_headings(line):
            break  # the body has begun (一、工作开展情况): there is no title line
        if any(w in line for w in _TITLE_WORDS) and len(line) <= 80 and not line.endswith(("：", ":", "。")):
            if before and _TITLE_REST.match(line) and _BODY_LINE.fullmatch(before):
                return before + line
            return line
        before = line
    return fallback


#: After a year: the rest of a date (2019年12月3日), the day a page was shown or a text signed.
_DATE_REST = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
#: Between the two years of a span (2021—2025年, 2021年至2025年).
_SPAN_DASH = re.compile(r"\s*[—–\-－~～至到]+\s*(?:19|20)\d\d")


def _years(text: str, start: int, end: int) -> Iterator[int]:
    """The years of ``text[start:end]`` that can be the one a report covers, in order: not a date
    (a portal's calendar, 2019年12月3日星期二) and not either end of a span (纲要(2021—2025年)).

    >>> list(_years("2019年12月3日星期二 纲要（2021—2025年）（2021年—2025年） 2023年度报告", 0, 60))
    [2023]
    """
    for m in _YEAR.finditer(text, start, end):
        a, b = m.span()
        if _DATE_REST.match(text, b) or _SPAN_DASH.match(text, b):
            continue
        before = text[max(0, a - 6):a]
        if before[-1:].isdigit() or re.search(r"(?:19|20)\d\d\s*年?\s*[—–\-－~～至到]+\s*$", before):
            continue
        yield int(m.group(1))


def report_year(doc: Doc, meta: dict[str, str] | None = None, end: str | None = None) -> int | None:
    """The year a report covers; ``end`` is the report's end when ``doc`` holds only its head."""
    text = doc_text(doc)
    hend = header_end(text)
    for year in _years(text, 0, hend):
        return year
    # The date under the signature (2024年1月22日): reports are written early in the
    # next year; one dated in the second half of a year reports on that year.
    for m in _DATE_LINE.finditer((text if end is None else end)[-200:]):
        year, month = int(m.group(1)), _CN_MONTHS.get(m.group(2)) or int(m.group(2))
        return year - 1 if month <= 6 else year
    opening = Counter(_years(text, 0, min(len(text), 400)))
    if opening:
        return sorted(opening.items(), key=lambda x: (-x[1], x[0]))[0][0]
    for s in spans_of(doc, "sections"):
        if s.label_ == "plan":
            m = _YEAR.search(s.text[:40])
            if m:
                return int(m.group(1)) - 1
    date = (meta or {}).get("date", "")
    m = re.match(r"(\d{4})", date)
    return int(m.group(1)) - 1 if m else None


def _section_kind(sections: list[Span], char: int) -> str:
    kind = "preamble"
    for s in sections:
        if s.start_char <= char < s.end_char:
            kind = s.label_
    return kind


def program_status(doc: Doc, span: Span, plan_starts: tuple[str, ...]) -> str:
    """``planned`` if the mention stands in a plan or problem section or a future sentence."""
    kind = _section_kind(spans_of(doc, "sections"), span.start_char)
    if kind not in _ACHIEVED:
        return "planned"
    a, b = sentence_bounds_of(doc, span.start_char)
    return "planned" if doc_text(doc)[a:b].lstrip().startswith(plan_starts) else "implemented"


def _on_furniture_line(doc: Doc, start: int) -> bool:
    """Whether the character at ``start`` stands on a line of web-page furniture (a menu item,
    a breadcrumb, a metadata field: :func:`~govkg.ingest.regions.is_boilerplate`), not the report.
    Each line is judged once per document: a paragraph holds many mentions.

    >>> from govkg.ingest.nlp import make_nlp
    >>> doc = make_nlp()("  • 政务公开\\n推进政务公开。")
    >>> text = doc.text
    >>> _on_furniture_line(doc, text.find("政务")), _on_furniture_line(doc, text.rfind("政务"))
    (True, False)
    """
    text = doc_text(doc)
    line = text.rfind("\n", 0, start) + 1
    judged = doc.user_data.setdefault("govkg_furniture", {})
    hit = judged.get(line)
    if hit is None:
        end = text.find("\n", start)
        hit = judged[line] = is_boilerplate(text[line:len(text) if end < 0 else end])
    return hit


def law_titles(doc: Doc, lexicon: Lexicon) -> list[tuple[int, int]]:
    """``(start, end)`` of each law cited by its title (《法律援助法》, 《中华人民共和国民法典》), by the
    endings in the cues (``law_title_endings``; a body's own 《…办法》 is not a law).

    >>> from govkg.ingest.nlp import make_nlp
    >>> from govkg.schema.lexicon import load_lexicon
    >>> law_titles(make_nlp()("宣传《法律援助法》，印发《法律顾问管理办法》。"), load_lexicon())
    [(3, 8)]
    """
    endings = tuple(lexicon.cues["law_title_endings"])
    not_endings = tuple(lexicon.cues["law_title_not_endings"])
    return [(s.start_char, s.end_char) for s in spans_of(doc, "policies")
            if s.text.endswith(endings) and not s.text.endswith(not_endings)]


def _programs(doc: Doc, report: str, lexicon: Lexicon) -> list[ProgramFact]:
    """One fact per program: implemented if any mention is, with the first such mention as evidence.
    A mention on a line of page furniture (the portal's menu item 政务公开) is not the report's, nor
    is one inside the title of a law the report cites (《法律援助法》)."""
    plan_starts = tuple(lexicon.cues["plan_sentence_starts"])
    in_law = within_any(law_titles(doc, lexicon))
    best: dict[str, tuple[str, SpanView]] = {}
    for span in spans_of(doc, "programs"):
        if _on_furniture_line(doc, span.start_char) or in_law(span.start_char, span.end_char):
            continue
        prev = best.get(span.kb_id_)
        if prev is not None and prev[0] == "implemented":
            continue
        status = program_status(doc, span, plan_starts)
        if prev is None or status == "implemented":
            best[span.kb_id_] = (status, span)
    return [ProgramFact(k, status, sentence_of(doc, span, report), span.text)
            for k, (status, span) in sorted(best.items())]


def _lines_of_content(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` that is neither blank nor page furniture, in order."""
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl]
        if line.strip() and not is_boilerplate(line):
            yield pos, nl
        pos = nl + 1


#: How a report's first sentence opens before its subject: 2024年，/ 2024年度，/ 2024年以来，(中共…).
_OPENING = re.compile(r"\s*(?:19|20)\d\d\s*年(?:度)?(?:以来)?\s*[，,]\s*(?:中共)?")


def _opening_subject(text: str, agencies: list[AgencyFact], limit: int) -> AgencyFact | None:
    """The body whose name is the subject of the report's opening sentence (2024年，X县教育局在县委…
    领导下…), within the first ``limit`` characters: the body that reports, whatever its kind. Not
    one of several bodies named together (2024年，X县委、县政府…).

    >>> from govkg.ingest.records import Evidence
    >>> a = AgencyFact("宜良县教育局", "education_bureau", None, Evidence("r", "", 8, 11))
    >>> t = "工作报告\\n2024年，宜良县教育局在县委的领导下推进依法治教。"
    >>> _opening_subject(t, [a], 100).name, _opening_subject(t.replace("局在", "局和县司法局在"), [a], 100)
    ('宜良县教育局', None)
    """
    for pos, nl in _lines_of_content(text):
        if pos >= limit:
            break
        m = _OPENING.match(text, pos, nl)
        if m is None:
            continue
        for a in agencies:
            after = m.end() + len(a.name)
            if text.startswith(a.name, m.end()) and text[after:after + 1] not in ("、", "和", "及", "与", ","):
                return a
        return None  # the opening sentence, whose subject is no body found
    return None


def _title_author(text: str, agencies: list[AgencyFact]) -> AgencyFact | None:
    """The body whose name heads the report's title line, whatever its kind (南昌市交通运输局2023年…报告,
    标题：济南市生态环境局…), or stands alone on the line above a title (西安市市场监督管理局 /
    2023年法治政府建设工作报告), or ``None``: a title says who reports. Where names run together at the
    head (X区人民政府Y街道办事处关于…), the last, the lowest, is the author: those before it are above it.

    >>> from govkg.ingest.records import Evidence
    >>> t = "首页 > 通知公告\\n南昌市交通运输局2023年法治政府建设工作报告\\n我局推进述法。"
    >>> a = AgencyFact("南昌市交通运输局", "transport_bureau", None, Evidence("r", "", 13, 18))
    >>> _title_author(t, [a]).name, _title_author(t.replace("南昌市交通", "关于南昌市交通"), [a])
    ('南昌市交通运输局', None)
    >>> t = "南昌市交通运输局\\n2023年法治政府建设工作报告\\n我局推进述法。"
    >>> _title_author(t, [AgencyFact("南昌市交通运输局", "transport_bureau", None, Evidence("r", "", 3, 8))]).name
    '南昌市交通运输局'
    """
    lines = _lines_of_content(text)
    first = next(lines, None)
    if first is None:
        return None
    pos, nl = first
    line = text[pos:nl]
    head = _TITLE_FIELD.match(line.strip())
    lead = len(line) - len(line.lstrip()) + (head.end() if head else 0)
    title = line[lead:]
    alone = False
    if not any(w in title for w in _TITLE_WORDS) or len(title) > 80:
        # A body's name alone on its line, the title on the next.
        after = next(lines, None)
        below = text[after[0]:after[1]].strip() if after else ""
        if not (any(w in below for w in _TITLE_WORDS) and len(below) <= 80 and len(title.strip()) <= 30):
            return None
        alone = True
    on_line = sorted((a for a in agencies if pos + lead <= a.evidence.start < nl), key=lambda a: a.evidence.start)
    for i, a in enumerate(on_line):
        if not _written_as_name(text[pos + lead:a.evidence.start], a):
            continue
        # Names run together (鲤城区人民政府X街道办事处关于…): the earlier ones are the bodies above the last,
        # which wrote the report.
        for b in on_line[i + 1:]:
            if b.evidence.start < a.evidence.end or not _written_as_name(text[a.evidence.end:b.evidence.start], b):
                break
            a = b
        if alone and text[a.evidence.end:nl].strip():
            continue  # more than a body's name on the line: not a title's first line
        return a
    return None


def _written_as_name(before: str, agency: AgencyFact) -> bool:
    """Whether ``before``, the text before ``agency``'s core, is the start of its name (its region, 县), or nothing."""
    return not before or agency.name.startswith(before) or (agency.region is not None and before == agency.region.name)


#: The level each word written before an agency's core names (县 in 县政府: county).
_LEVEL_WORDS = place_suffixes().levels("agency")


def _level_of(agency: AgencyFact) -> str | None:
    """The level of the division ``agency`` belongs to: its region's, else that of the level word it is
    named by (县政府: county), else ``None``.

    >>> _level_of(AgencyFact("县政府", "people_government", None, Evidence("r", "", 13, 15)))
    'county'
    """
    if agency.region is not None:
        return agency.region.level
    prefix = agency.name[:len(agency.name) - (agency.evidence.end - agency.evidence.start)]
    return _LEVEL_WORDS.get(prefix.removesuffix("委"))


def _government_above(agency: AgencyFact, level: str | None, lexicon: Lexicon) -> bool:
    """Whether ``agency`` is a government (of the kinds whose category is ``government``) of a division
    above ``level``, the level the report speaks at (我乡: township): the report's superior, not its author.

    >>> lex = load_lexicon()
    >>> county = AgencyFact("县政府", "people_government", None, Evidence("r", "", 13, 15))
    >>> _government_above(county, "township", lex), _government_above(county, "county", lex)
    (True, False)
    """
    own = _level_of(agency)
    if level is None or own not in LEVELS or lexicon.agencies[agency.kind].category != "government":
        return False
    return LEVELS.index(own) < LEVELS.index(level)


def _issuer(doc: Doc, region: RegionRef | None, agencies: list[AgencyFact], report: str,
            meta: dict[str, str], lexicon: Lexicon) -> AgencyFact | None:
    text = doc_text(doc)
    publisher = to_simplified(meta.get("publisher", "").strip())
    if publisher:
        for a in agencies:
            if normalize(a.name).endswith(normalize(publisher)) or normalize(publisher).endswith(
                    normalize(a.name[-len(publisher):])):
                return a
    author = _title_author(text, agencies)
    if author is not None:
        return author
    hend = header_end(text)
    subject = _opening_subject(text, agencies, hend + 300)
    if subject is not None and (region is None or subject.region is None or subject.region.name == region.name):
        return subject
    opening = min(len(text), hend + 300)
    level = self_level(doc)
    for a in agencies:
        if a.evidence.start >= opening or a.kind not in _ISSUER_KINDS:
            continue
        line_end = text.find("\n", a.evidence.start)
        line = text[text.rfind("\n", 0, a.evidence.start) + 1: line_end if line_end >= 0 else len(text)]
        if is_addressee(line):
            continue  # the addressee line (中共XX县委、XX县人民政府：), not the author
        if is_boilerplate(line):
            continue  # 来源：天河区司法局 names the page's publisher, not the report's author
        if under_guidance(text, a.evidence.start, a.evidence.end, lexicon):
            continue
        if region is not None and a.region is not None and a.region.name != region.name:
            continue
        if _government_above(a, level, lexicon):
            continue  # 围绕县委、县政府的中心工作 in a 我乡 report: its superior's government, not its own
        if a.evidence.start < hend or (a.region is not None and a.name.startswith(a.region.name)
                                       and text.startswith(a.region.name, a.evidence.start - len(a.region.name))):
            return a
    if region is None:
        return None
    # A body that speaks as 我局 (我委, 我办) wrote the report, not the region's government.
    speaks, body = speaking_body(doc, region, agencies, report, lexicon)
    if speaks:
        return body
    # A government report speaks as the region (我县, 我乡): its government issued it (a 街道's office).
    return government_of(region, lexicon, Evidence(report, text[:hend].strip()[:200], 0, 0))


def _zone_stem(name: str) -> str:
    """A zone's name without its kind: 合肥 for 合肥经济技术开发区 and for 合肥经开区."""
    return next((name[:-len(z)] for z in ZONE_SUFFIXES if name.endswith(z)), name)


def _same_zone(a: str, b: str) -> bool:
    """Whether two names of development zones name the same one (合肥经济技术开发区, 合肥经开区)."""
    return _zone_stem(a) == _zone_stem(b)


def _honors(doc: Doc, region: RegionRef | None, issuer: AgencyFact | None, report: str,
            lexicon: Lexicon, gaz: Gazetteer) -> list[HonorFact]:
    honors = spans_of(doc, "honors")
    by_index: dict[int, list[Span]] = {}
    for r in spans_of(doc, "honor_recipients"):
        by_index.setdefault(int(r.label_), []).append(r)
    agency_at: dict[tuple[int, int], SpanView] = {}
    for a in spans_of(doc, "agencies"):
        agency_at.setdefault((a.start, a.end), a)
    # The name each township or village stands for (鹤龙街 → 鹤龙街道), by where it is written.
    place_at = {(p.start_char, p.end_char): place_name(p) for p in spans_of(doc, "places")
                if p.label_ in ("TOWNSHIP", "VILLAGE")}
    out: list[HonorFact] = []
    for i, h in enumerate(honors):
        if _on_furniture_line(doc, h.start_char):
            continue  # a portal's menu or field, not an honor the report names
        entry = lexicon.find_honor(h.kb_id_)
        name = h.kb_id_  # as the report writes it; the lexicon entry gives identity and level
        level = h.label_ or (entry.level if entry else None) or None
        hid = entry.id if entry else ""
        ev = sentence_of(doc, h, report)
        for r in by_index.get(i, []):
            kind = r.kb_id_
            if kind == "AGENCY":
                span = agency_at.get((r.start, r.end))
                a = resolve_agency(doc, span, region, report, lexicon, gaz) if span is not None else None
                if a is None:
                    continue
                out.append(HonorFact(hid, name, level, a.name, "Agency", ev, a.region, a.kind))
            elif kind == "PERSON":
                out.append(HonorFact(hid, name, level, r.text, "Person", ev, region))
            elif kind in ("VILLAGE", "TOWNSHIP"):
                lvl = "village" if kind == "VILLAGE" else "township"
                place = place_at.get((r.start_char, r.end_char), r.text)
                out.append(HonorFact(hid, name, level, place, "Region", ev, place_under(region, place, lvl)))
            elif kind == "ZONE":
                own = region is not None and region.level == "zone" and _same_zone(region.name, r.text)
                out.append(HonorFact(hid, name, level, r.text, "Region", ev,
                                     region if own else place_under(region, r.text, "zone")))
            elif kind == "DIVISION":
                d = division_in(doc, r.text, gaz)
                ref = gaz.region_ref(d.code) if d else None
                if ref is not None:
                    out.append(HonorFact(hid, name, level, ref.name, "Region", ev, ref))
            elif kind == "SELF_AGENCY":  # 我局被评为…: the issuer, and not the region when it is unknown
                if issuer is not None:
                    out.append(HonorFact(hid, name, level, issuer.name, "Agency", ev, issuer.region, issuer.kind))
            elif region is not None:
                out.append(HonorFact(hid, name, level, region.name, "Region", ev, region))
            elif issuer is not None:
                out.append(HonorFact(hid, name, level, issuer.name, "Agency", ev, issuer.region, issuer.kind))
    return out


def extract_facts(doc: Doc, document: Document, lexicon: Lexicon | None = None,
                  gaz: Gazetteer | None = None) -> ReportFacts:
    """All facts of one tagged report."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    gaz = gaz if gaz is not None else default_gazetteer()
    meta = document.meta
    rid = document.id
    # Portal metadata (from the page, or the 发布机构/来源 fields of a text copy) counts as header.
    header = to_simplified(" ".join([*(v for k, v in sorted(meta.items()) if k in ("title", "publisher")),
                                     publisher_fields(doc_text(doc))]))
    region = meta_region(meta, gaz) or decide_region(doc, gaz, header, meta.get("source_url", ""))
    if region is not None and region.ambiguous:
        region = replace(region, scope=rid)  # an unresolved name is this report's own place
    # An office named inside an honor's title (全国“枫桥式人民法庭”) is not mentioned as an agency.
    agencies = _agencies(doc, region, rid, lexicon, gaz)
    issuer = _named_issuer(meta.get("issuer", ""), region, rid, lexicon) or _issuer(doc, region, agencies, rid, meta, lexicon)
    year = int(meta["year"]) if meta.get("year", "").isdigit() else report_year(doc, meta)
    return ReportFacts(
        id=rid,
        file=document.file,
        title=meta.get("title") or report_title(doc_text(doc), document.file),
        year=year,
        region=region,
        issuer=issuer,
        sha256=document.sha256,
        source=meta.get("source_url", ""),
        **fact_lists(doc, rid, region, issuer, agencies, lexicon, gaz),
    )


def fact_lists(doc: Doc, report: str, region: RegionRef | None, issuer: AgencyFact | None,
               agencies: list[AgencyFact], lexicon: Lexicon, gaz: Gazetteer) -> dict[str, list]:
    """Every list of facts of :class:`ReportFacts`, read from ``doc`` (a whole report, or one
    section of a long one) once its region, issuer and agencies are known.

    The one place a kind of fact is read: whole reports and the sections of long
    ones both come here.
    """
    return {
        "agencies": agencies,
        "programs": _programs(doc, report, lexicon),
        "honors": _honors(doc, region, issuer, report, lexicon, gaz),
        "policies": [PolicyFact(s.text, sentence_of(doc, s, report)) for s in spans_of(doc, "policies")],
        "people": [PersonFact(s.text, s.kb_id_, sentence_of(doc, s, report)) for s in spans_of(doc, "people")],
    }


def _agencies(doc: Doc, region: RegionRef | None, report: str, lexicon: Lexicon, gaz: Gazetteer) -> list[AgencyFact]:
    """Agency mentions; an office named inside an honor's title (全国“枫桥式人民法庭”) is not one."""
    in_title = within_any([(h.start_char, h.end_char) for h in spans_of(doc, "honors")])
    return [a for a in resolve_agencies(doc, region, report, lexicon, gaz) if not in_title(a.evidence.start, a.evidence.end)]


def section_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive sections of ``text`` of at most ``size`` characters.

    Each ends after a line break where there is one in its second half,
    else after a sentence's end (。！？；), else at ``size``.

    >>> section_bounds("一二三\\n四五六七\\n八九", 6)
    [(0, 4), (4, 9), (9, 11)]
    """
    bounds = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = text.rfind("\n", start + size // 2, limit) + 1
        if not cut:
            cut = max(text.rfind(c, start + size // 2, limit) for c in "。！？；") + 1
        end = cut or limit
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


_Fact = TypeVar("_Fact")  # a fact record: it has an ``evidence``


def _shifted(facts: list[_Fact], offset: int) -> list[_Fact]:
    """``facts`` with their evidence offsets moved by ``offset`` (from a section into the whole text)."""
    return [replace(f, evidence=replace(f.evidence, start=f.evidence.start + offset, end=f.evidence.end + offset))
            for f in facts]


def _tag_section(nlp: Language, text: str, start: int, end: int, sections: list[tuple[int, int, str, str]]) -> Doc:
    """``text[start:end]`` tagged, its sections (and their kinds) those of the whole text."""
    doc = nlp.make_doc(text[start:end])
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "govkg_sections":
            set_group(doc, "sections", [(max(a, start) - start, min(b, end) - start, kind, kb)
                                        for a, b, kind, kb in sections if a < end and b > start])
    return doc


def report_facts(nlp: Language, document: Document, lexicon: Lexicon | None = None,
                 gaz: Gazetteer | None = None) -> ReportFacts:
    """The facts of ``document``, tagged with ``nlp``; a report over ``nlp.max_length`` characters in sections.

    Examples
    --------
    >>> from govkg.ingest.nlp import make_nlp
    >>> from govkg.ingest.readers import document_from_text
    >>> nlp = make_nlp()
    >>> nlp.max_length = 40  # as if this report were long
    >>> d = document_from_text("博爱县司法局2023年工作报告\\n一、工作成效\\n我县推进述法。\\n" * 3 + "二、下一步打算\\n推进府院联动。", "a.txt")
    >>> f = report_facts(nlp, d)
    >>> f.region.name, [(p.program, p.status, d.text[p.evidence.start:p.evidence.end]) for p in f.programs]
    ('博爱县', [('government_court_linkage', 'planned', '府院联动'), ('leaders_report_on_law', 'implemented', '述法')])
    """
    text = document.text
    size = nlp.max_length
    if len(text) <= size:
        return extract_facts(nlp(text), document, lexicon, gaz)
    lexicon = lexicon if lexicon is not None else load_lexicon()
    gaz = gaz if gaz is not None else default_gazetteer()
    sections = section_spans(text, nlp.get_pipe("govkg_sections").cues)
    bounds = section_bounds(text, size)
    head_end = bounds[0][1]
    head = _tag_section(nlp, text, 0, head_end, sections)
    facts = extract_facts(head, document, lexicon, gaz)
    if not document.meta.get("year", "").isdigit():
        facts.year = report_year(head, document.meta, end=text)  # the date under the signature ends the whole text
    del head
    programs = {p.program: p for p in facts.programs}
    rid = document.id
    for start, end in bounds[1:]:
        doc = _tag_section(nlp, text, start, end, sections)
        agencies = _agencies(doc, facts.region, rid, lexicon, gaz)
        for kind, found in fact_lists(doc, rid, facts.region, facts.issuer, agencies, lexicon, gaz).items():
            if kind != "programs":
                getattr(facts, kind).extend(_shifted(found, start))
                continue
            for p in _shifted(found, start):
                # As in one document: implemented if any mention is, with the first such mention as evidence.
                if p.program not in programs or (programs[p.program].status != "implemented" and p.status == "implemented"):
                    programs[p.program] = p
    facts.programs = [programs[k] for k in sorted(programs)]
    return facts


def _named_issuer(name: str, region: RegionRef | None, report: str, lexicon: Lexicon) -> AgencyFact | None:
    """The issuer a manifest names; its kind is the agency kind its name ends with."""
    if not name:
        return None
    key = normalize(name)
    kinds = [(len(normalize(a)), k.id) for k in lexicon.agencies.values() for a in k.aliases if key.endswith(normalize(a))]
    kind = max(kinds)[1] if kinds else "other"
    return AgencyFact(name, kind, region, Evidence(report, f"issuer given by the manifest: {name}", 0, 0))


def meta_region(meta: dict[str, str], gaz: Gazetteer) -> RegionRef | None:
    """A region given in metadata (a manifest), as a division name or code."""
    value = meta.get("region", "").strip()
    if not value:
        return None
    if value.isdigit() and gaz.get(value):
        return gaz.region_ref(gaz.successor(value).code)
    d = resolve_division(value, value, gaz)
    return gaz.region_ref(d.code) if d else None

