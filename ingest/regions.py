"""Decide which region a report is about, and resolve place names to divisions.

The evidence, strongest first:

1. how the report speaks of itself: 我县/全县 say county level, 我乡/全乡
   township (:data:`~govkg.ingest.components.places.SELF_LEVELS`);
2. division names in the header (title, issuer line, portal metadata);
3. division names in the body, and slogans naming the place (“法治李庄”);
4. for townships and villages, the county the text names (《宝丰县…》).

A report whose text names no jurisdiction gets none: nothing is invented.

Examples
--------
>>> from govkg.ingest.nlp import make_nlp
>>> doc = make_nlp()("博爱县司法局2023年工作报告\\n我县推进述法。全县成效明显。")
>>> r = decide_region(doc)
>>> (r.name, r.level, r.adcode, r.parent_names)
('博爱县', 'county', '410822', ('河南省', '焦作市'))
>>> doc = make_nlp()("报告\\n在宝丰县指导下，我乡推进普法，全乡稳定。建设“法治李庄”“美丽李庄”。")
>>> r = decide_region(doc)
>>> (r.name, r.level, r.adcode, r.parent_names)
('李庄乡', 'township', None, ('河南省', '平顶山市', '宝丰县'))
>>> decide_region(make_nlp()("我们推进了普法工作。")) is None
True
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from govkg.ingest.components._spans import doc_text, spans_of
from govkg.ingest.components.places import KNOWN_TOWNSHIP, SELF_LEVELS, NameIndex, place_name
from govkg.ingest.divisions import Division, Gazetteer, default_gazetteer, short_name
from govkg.ingest.localities import township_counties, villages_of
from govkg.ingest.records import LEVELS, RegionRef
from govkg.ingest.urls import any_county_in_url, counties_in_url
from govkg.schema.lexicon import load_lexicon
from govkg.schema.suffixes import place_suffixes
from spacy.tokens import Doc

__all__ = ["decide_region", "resolve_division", "division_in", "self_level", "header_end", "is_addressee",
           "is_boilerplate", "FIELD_TAIL"]

_COUNTY_SUFFIX = {level: place_suffixes().used_by("region", level) for level in ("township", "village")}


# What a web page puts around a report when it is copied as text: bracketed
# marks and buttons (【打印】【关闭】), breadcrumbs (首页 > 政务公开), and the
# metadata fields of government portals (索引号, 发布机构, 发布时间 …).
_FIELDS = (r"索\s*引\s*号|主\s*题\s*分\s*类|体\s*裁\s*分\s*类|分\s*类|发布机构|发文机[关构]|发文字号|"
           r"成文日期|成文时间|发布日期|发文日期|发文时间|生成日期|发布时间|公开方式|文\s*号|有\s*效\s*性|效力状态|"
           r"主\s*题\s*词|来\s*源|信息来源|浏览次数|字\s*号|分享到?|责任编辑|打\s*印|关\s*闭|时\s*间|日\s*期|公开日期")
#: The bullets a text copy of a portal page puts before its menu items and metadata fields (a field
#: may also stand in a list, - 发布机构：…, as a page converted to text writes one).
_BULLETS = "•·▪■◆●◇□►▶"
_LABEL = r"[\u4e00-\u9fffA-Za-z]{1,6}"
# Each alternative fails within a few characters of a line of the report: the two that look through the
# whole line (a breadcrumb's 首页 >, a menu row's bars) are tried apart, below, as this runs for the
# line of every program and honor mentioned.
_BOILERPLATE = re.compile(
    r"^\s*(?:【[^】]*】\s*)+$"
    # Where the page stands in the site (当前位置：, 您现在的位置：, 您的位置：), whatever follows.
    r"|^\s*(?:您[^\s：:]{0,4}位置|当前位置|所在位置)\s*[：:]"
    r"|^\s*(?:[" + _BULLETS + r"\-*|]\s*)?(?:" + _FIELDS + r")\s*[：:].*$"
    # The same fields in brackets, as some portals print them: [ 发布机构 ] 丰都县栗子乡人民政府
    r"|^\s*[\[［【]\s*(?:" + _FIELDS + r")\s*[\]］】].*$"
    # An official document's masthead and number (XX人民政府文件, X政发〔2024〕5号).
    r"|^\s*\S{2,30}文件\s*$|^\s*\S{0,12}〔\s*\d{4}\s*〕\s*\d+\s*号\s*$"
    # A navigation menu item: a bullet and a label of a few characters, nothing else (• 政务公开). A
    # bulleted line of the report says more (• 开展八五普法宣传): a verb, quotes, punctuation.
    r"|^\s*[" + _BULLETS + r"]\s*" + _LABEL + r"\s*$"
    # A field's label alone on its line, its value on the next (索引号 / 4311…), and a value that is
    # only a number or a date (2025, 2026-02-05), or a bullet with nothing after it.
    r"|^\s*(?:" + _FIELDS + r")\s*$|^[\s\d\-/.:：年月日" + _BULLETS + r"*]*$"
)
#: A field's label that ends a line after other text (…年度报告 - 文号:): the page's next field, not the line's.
FIELD_TAIL = re.compile(r"\s*(?:[-|]\s*)?(?:" + _FIELDS + r"|名\s*称|标\s*题)\s*[：:]\s*$")
#: A breadcrumb, anywhere in its line (首页 > 政务公开, 当前位置 » 通知公告), or a trail of three
#: labels or more split by arrows with space around them (政府信息公开 > 法定主动公开内容 > …).
_CRUMB = re.compile(r"(?:首页|当前位置)\s*[>＞»›]|\S\s+[>＞»›]\s+[^>＞»›]+\s[>＞»›]\s+\S")
#: A row of menu labels split by bars (登录 | 注册 | 设为首页, 繁体丨简体丨无障碍); a line without a bar is none.
_MENU_ROW = re.compile(r"\s*" + _LABEL + r"(?:(?:\s*[|丨｜]\s*|\s+)" + _LABEL + r"){2,}\s*$")


def is_boilerplate(line: str) -> bool:
    """Whether ``line`` is web-page furniture rather than the report: metadata fields (发布时间：…),
    buttons (【打印】), breadcrumbs (当前位置：首页 > 政务公开), menu items (• 政务公开, 登录 | 注册 | 设为首页).

    >>> is_boilerplate("发布时间：2024-03-28　来源：天河区司法局"), is_boilerplate("天河区2023年法治政府建设年度报告")
    (True, False)
    >>> is_boilerplate("  • 政务公开"), is_boilerplate("• 开展“八五”普法宣传，举办讲座12场")
    (True, False)
    >>> is_boilerplate("信息公开 > 法定主动公开内容 > 法治政府建设年度报告"), is_boilerplate("| 索引号: | 0111/2025-09 |")
    (True, True)
    >>> is_boilerplate("文  号"), is_boilerplate("2026-02-05"), is_boilerplate("2024年度报告")
    (True, True, False)
    """
    if _BOILERPLATE.match(line):
        return True
    # Both forms of a breadcrumb hold an arrow of [>＞»›]: a line without one (nearly every line) is not
    # searched, which tries every position of a long paragraph. Four `in` tests cost a tenth of that.
    if (">" in line or "＞" in line or "»" in line or "›" in line) and _CRUMB.search(line):
        return True
    return ("|" in line or "丨" in line or "｜" in line) and _MENU_ROW.match(line) is not None


# The fields that name who published a report, in a text copy of a portal page.
# A field opens a line or follows a blank, which is consumed (the text is read after a line
# break, so its first line counts): a pattern opening with ^ makes the regex engine try every position.
_PUBLISHER_FIELD = re.compile(r"[\n \t\u3000][\[［【]?\s*(?:发布机构|发文机关|来\s*源|信息来源)\s*[\]］】]?\s*[：:]?[ \t\u3000]*"
                              r"(?P<value>[^\s\[［【|｜]+)")


def publisher_fields(text: str, limit: int = 3000) -> str:
    """The values of the 发布机构/来源 fields a portal page printed near the top, joined by spaces.

    >>> publisher_fields("[ 索引号 ] 115/2026-00004\\n[ 发布机构 ] 丰都县栗子乡人民政府 [ 有效性 ]\\n正文")
    '丰都县栗子乡人民政府'
    >>> publisher_fields("发布时间：2024-03-28　来源：天河区司法局")
    '天河区司法局'
    """
    return " ".join(m.group("value") for m in _PUBLISHER_FIELD.finditer("\n" + text[:limit]))


#: The longest line that can be an addressee (中共XX县委、XX县人民政府：): a longer line ending in ：
#: is the report's opening sentence (2024年，X镇坚持…现将有关情况报告如下：).
_ADDRESSEE_MAX = 40


def is_addressee(line: str) -> bool:
    """Whether ``line`` is the addressee a report is sent to: short, and ending in ：.

    >>> is_addressee("县委、县政府："), is_addressee("湖州市人民政府:")
    (True, True)
    >>> is_addressee("2024年，李庄乡坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设稳步推进。现将有关情况报告如下：")
    False
    """
    line = line.strip()
    return len(line) <= _ADDRESSEE_MAX and line.endswith(("：", ":"))


def header_end(text: str, lines: int = 2, limit: int = 200) -> int:
    """End offset of the header: the first ``lines`` lines of the report itself, at most
    ``limit`` characters after the first. Web-page furniture before them is skipped. The
    addressee (湖州市人民政府：, :func:`is_addressee`) names the superior, not the report's
    region: standing first, it is not one of the ``lines``, and the header of a report without
    a title reaches through its opening sentence (2024年，X镇…报告如下：), which is longer.
    After the title, a line ending in ： (the addressee, or the opening sentence) ends the header.

    >>> t = "县委、县政府：\\n2024年，李庄乡坚持依法行政，统筹推进法治政府建设各项工作，取得了明显成效，现将有关情况报告如下：\\n一、主要举措"
    >>> t[:header_end(t)].splitlines()[1:]
    ['2024年，李庄乡坚持依法行政，统筹推进法治政府建设各项工作，取得了明显成效，现将有关情况报告如下：', '一、主要举措']
    >>> t = "宝丰县2023年法治政府建设情况报告\\n平顶山市人民政府：\\n2023年，我县…"
    >>> t[:header_end(t)]
    '宝丰县2023年法治政府建设情况报告\\n'
    """
    pos, seen, start = 0, 0, None
    while seen < lines and pos < len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = FIELD_TAIL.sub("", text[pos:nl].strip())
        if line and not is_boilerplate(line):
            if seen and line.endswith(("：", ":")):
                break  # the addressee, or the opening sentence (…报告如下：), after the title
            if not is_addressee(line):
                start = pos if start is None else start
                seen += 1
        pos = nl + 1
    start = start or 0
    return min(pos, start + limit, len(text))


#: The leadership of a division named without its name (县委、县政府, 区委区政府).
_OWN_LEADERSHIP = re.compile(r"(县|区|旗|市|州|盟|省)委[、和及]?\1(?:人民)?政府")


def _leadership_level(doc: Doc) -> str | None:
    """The level of a report that never speaks of itself (我县, 全县 x3) but of its leaders three times
    or more (县委、县政府决策部署): a county bureau's report. Its lowest such level, or ``None``.

    >>> from govkg.ingest.nlp import make_nlp
    >>> _leadership_level(make_nlp()("在县委、县政府领导下，落实市委市政府部署，县委县政府督查，县委、县人民政府考核。"))
    'county'
    """
    named = Counter(SELF_LEVELS[m.group(1)] for m in _OWN_LEADERSHIP.finditer(doc_text(doc)))
    return next((level for level in reversed(LEVELS) if named[level] >= 3), None)


@lru_cache(maxsize=1)
def _own_work() -> re.Pattern[str]:
    """The body's own work of governing its division by law (依法治区): a prefix of ``own_work_prefixes``
    in ``schema/cues.yaml`` before a self-reference ending."""
    prefixes = load_lexicon().cues.get("own_work_prefixes", [])
    if not prefixes:
        return re.compile(r"(?!)")
    return re.compile("(?:" + "|".join(map(re.escape, prefixes)) + ")(" + place_suffixes().pattern("self") + ")")


def self_level(doc: Doc) -> str | None:
    """The level a report speaks of itself at (我县 → county), or ``None``.

    The lowest level with a 我X/本X, or with three or more 全X, wins: a county
    report also says 全市 and 全省 of the divisions above it. Its own work of
    governing by law (依法治区, outside a cited 《title》) counts like a 全X.

    >>> from govkg.ingest.nlp import make_nlp
    >>> self_level(make_nlp()("我局落实依法治区要求，成立全面依法治区工作领导小组，服务全区发展。"))
    'county'
    >>> self_level(make_nlp()("我局落实《全面依法治区工作要点》，服务全区发展。")) is None
    True
    """
    strong: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    for s in spans_of(doc, "places"):
        if s.label_ == "SELF":
            level = SELF_LEVELS[s.kb_id_]
            (strong if s.text[0] in "我本" else weak)[level] += 1
    text = doc_text(doc)
    for m in _own_work().finditer(text):
        if not _in_cited_title(text, m.start()):
            weak[SELF_LEVELS[m.group(1)]] += 1
    for level in reversed(LEVELS):
        if strong[level] or weak[level] >= 3:
            return level
    return None


def resolve_division(name: str, text: str, gaz: Gazetteer | None = None) -> Division | None:
    """The division ``name`` most likely means in ``text``: current, and with its ancestors named there.

    A former name resolves to the division that replaced it.
    """
    gaz = gaz if gaz is not None else default_gazetteer()
    found = gaz.lookup(name)
    if not found:
        return None

    def support(d: Division) -> tuple[int, int]:
        named = 0
        code = d.current if d.former else d.code
        for a in gaz.ancestors(code):
            short = a.name[:2]
            named += (a.name in text) * 2 + (short in text)
        return named, 0 if d.former else 1

    best = max(found, key=support)
    if len(found) > 1 and support(best)[0] == 0 and len({d.current or d.code for d in found}) > 1:
        current = [d for d in found if not d.former]
        if len(current) != 1:
            return None  # an ambiguous name with nothing in the text to tell them apart
        best = current[0]  # a name in use now wins over the same name given up elsewhere (新市区)
    return gaz.successor(best.code) if best.former else best


def division_in(doc: Doc, name: str, gaz: Gazetteer) -> Division | None:
    """:func:`resolve_division` of ``name`` in ``doc``'s text, remembered for the document: a
    report names the same division before many of its agencies, and each resolution looks
    for the division's ancestors in the whole text."""
    cache = doc.user_data.setdefault("govkg_divisions", {})
    key = (name, gaz)
    if key not in cache:
        cache[key] = resolve_division(name, doc_text(doc), gaz)
    return cache[key]


def _ref(gaz: Gazetteer, d: Division) -> RegionRef:
    return gaz.region_ref(d.code)


def decide_region(doc: Doc, gaz: Gazetteer | None = None, header: str = "", url: str = "") -> RegionRef | None:
    """The region ``doc`` reports on, or ``None`` when its text names none.

    ``header`` is extra header text (portal metadata such as 发布机构) that
    counts like the report's first lines; ``url`` is the page's address, if
    known, which can tell which of several same-named townships it is.
    """
    gaz = gaz if gaz is not None else default_gazetteer()
    text = doc_text(doc)
    hend = header_end(text)
    level = self_level(doc)
    places = spans_of(doc, "places")

    score: Counter[str] = Counter()
    for s in places:
        if s.label_ == "DIVISION" and not _visited(text, s.start_char, s.end_char):
            score[s.kb_id_] += 1 + 4 * (s.start_char < hend and not _in_cited_title(text, s.start_char))
    for name in list(score):
        if name in header:
            score[name] += 4
    resolved = {n: division_in(doc, n, gaz) for n in score}
    resolved = {n: d for n, d in resolved.items() if d is not None}

    if level in (None, "county"):
        zone = _title_zone(doc, gaz, resolved, score)
        if zone is not None:
            return zone
    if level in (None, "county", "city") and _header_township(doc, hend, header):
        # The title names a township government or subdistrict office
        # (田林街道办事处2023年度…报告): the report is that township's, however
        # often it says 全区 of the district above it.
        level = "township"
    elif level is None and _named_township(doc, score, hend):
        level = "township"
    elif level is None:
        level = _leadership_level(doc)
    if level in ("township", "village"):
        return _local_region(doc, gaz, level, resolved, score, hend, header, url)

    def pick(want: str | None) -> Division | None:
        ranked = sorted((n for n, d in resolved.items() if want is None or d.level == want),
                        key=lambda n: (-score[n], n))
        if len(ranked) > 1 and url and score[ranked[0]] == score[ranked[1]]:
            # Named as often as another: the county the page's address spells (rongchang.gov.cn), if one does.
            own = _portal_county(url, {n: resolved[n] for n in ranked if score[n] == score[ranked[0]]}, gaz)
            if own is not None:
                return own
        return resolved[ranked[0]] if ranked else None

    if level == "city":
        # A county-level city (县级市) speaks of itself as 我市 too: prefer a 市 of county level named in its header.
        d = pick("county")
        if d is not None and d.name.endswith("市") and score[d.name] >= score.get((pick("city") or d).name, 0):
            return _ref(gaz, d)
    if level is not None:
        d = pick(level)
        if d is None:
            d = _from_slogans(doc, gaz, level)
        if d is None and url and level == "county":
            d = _spelled_county(url, gaz)
        return _ref(gaz, d) if d else None
    # No self-reference: trust a division in the header, or one named often.
    d = pick(None)
    confident = d is not None and score.get(d.name, 0) >= 2  # in the header, or named twice
    own = _portal_county(url, resolved, gaz) if url else None
    if own is not None and (not confident or d.code in {a.code for a in gaz.ancestors(own.code)}):  # type: ignore[union-attr]
        # A county's portal (mengcheng.gov.cn) carrying a report that names the county and speaks
        # of no place of its own (a county bureau's: 我局, 县委、县政府): the county's, not the
        # city above it that its honours name (入选亳州市十大法治事件).
        return _ref(gaz, own)
    return _ref(gaz, d) if confident else None  # type: ignore[arg-type]


#: Before a place that is where someone went (到永川区学习): not the report's own place.
_TRIP_TO = ("到", "赴", "前往", "去")
#: After it: what they went there for.
_TRIP_FOR = ("学习", "考察", "调研", "观摩", "参观", "交流", "取经", "对标")


def _visited(text: str, start: int, end: int) -> bool:
    """Whether the place at ``start:end`` is where the report's people went to learn or visit
    (赴荣昌区考察学习, 到外县观摩): another jurisdiction, however high it stands in the text.

    >>> t = "局长带队到永川区学习经验。永川区"
    >>> _visited(t, 5, 8), _visited(t, 13, 16)
    (True, False)
    """
    return text.startswith(_TRIP_FOR, end) and text[max(0, start - 2):start].endswith(_TRIP_TO)


def _in_cited_title(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside a 《title》 cited within its line (根据《浙江省…纲要》…): the
    header of such a report names the document's issuer, not the report's place. A line that is
    nothing but a 《title》 is the report's own title.

    >>> t = "根据《浙江省法治政府建设实施纲要》要求，报告如下。\\n《博爱县2023年法治政府建设情况报告》"
    >>> _in_cited_title(t, t.index("浙江省")), _in_cited_title(t, t.index("博爱县"))
    (True, False)
    """
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    opened = text.rfind("《", line_start, pos)
    if opened < 0 or text.rfind("》", line_start, pos) > opened:
        return False
    closed = text.find("》", pos, line_end)
    if closed < 0:
        return False
    return bool(text[line_start:opened].strip() or text[closed + 1:line_end].strip())


def _portal_county(url: str, resolved: dict[str, Division], gaz: Gazetteer) -> Division | None:
    """The one county the text names whose name the page's address spells, if there is one.

    >>> from govkg.ingest.divisions import default_gazetteer
    >>> gaz = default_gazetteer()
    >>> named = {"蒙城县": gaz.lookup("蒙城县")[0], "亳州市": gaz.lookup("亳州市")[0]}
    >>> _portal_county("https://www.mengcheng.gov.cn/XxgkContent/show/1.html", named, gaz).name
    '蒙城县'
    >>> _portal_county("https://www.bozhou.gov.cn/a.html", named, gaz) is None
    True
    """
    counties = {d.code: d for d in resolved.values() if d.level == "county"}
    spelled = counties_in_url(url, sorted(counties), gaz) if counties else []
    return counties[spelled[0]] if len(spelled) == 1 else None


def _spelled_county(url: str, gaz: Gazetteer) -> Division | None:
    """The one current county whose name the page's address spells, for a report that speaks
    as a county (我区, 全区) and names none: a district's own portal carries its report.

    >>> from govkg.ingest.divisions import default_gazetteer
    >>> gaz = default_gazetteer()
    >>> _spelled_county("http://www.xuwen.gov.cn/zwgk/1.html", gaz).name
    '徐闻县'
    >>> _spelled_county("http://www.hedong.gov.cn/1.html", gaz) is None  # 河东区: 天津 and 临沂
    True
    """
    spelled = any_county_in_url(url, gaz)
    return gaz.get(spelled[0]) if len(spelled) == 1 else None


# A development zone or new area heading the title (合肥经济技术开发区2024年…报告):
# it publishes its own report, though it is no division.
# A report with no title line may open with the zone as its first subject (2024年，X开发区（以下简称…）…).
_ZONE = re.compile(r"(?P<opening>(?:19|20)\d\d年(?:度|以来)?[，,]\s*)?"
                   r"(?P<name>[\u4e00-\u9fff\-－—·]{0,12}?(?:经济技术开发区|高新技术产业开发区|高新技术开发区|经济开发区|"
                   r"高新区|经开区|开发区|综合保税区|保税区|产业园区|工业园区|新区))(?:管理委员会|管委会|党工委)?"
                   r"(?=(?:19|20)\d\d|关于|法治|年度|\s*$|(?(opening)[（(，,\u4e00-\u9fff]|$))")


def _title_zone(doc: Doc, gaz: Gazetteer, resolved: dict[str, Division], score: Counter[str]) -> RegionRef | None:
    """A zone named at the head of the title, with its city as parent, or ``None``.

    A division named in the title wins (高新区(新市区)人民政府… is 新市区's report).
    The zone keeps its name as written; one written without its city
    (高新区) takes the city's short name in front (珠海高新区).
    """
    text = doc_text(doc)
    start = len(text) - len(text.lstrip())
    title_end = header_end(text, lines=1)
    line_start = text.rfind("\n", 0, max(start, title_end - 1)) + 1
    m = _ZONE.match(text, line_start, title_end)
    if m is None or not _heads_line(doc, text, m.start()):
        return None
    name = m.group("name")
    if gaz.lookup(name):
        return None  # a division whose name ends like a zone's (浦东新区)
    if any(s.label_ == "DIVISION" and line_start <= s.start_char < title_end and not name.startswith(s.text)
           and s.text not in name for s in spans_of(doc, "places")):
        return None
    city = None
    for n in range(len(name) - 2, 1, -1):  # the longest place name the zone's name starts with
        found = [d for d in gaz.lookup(name[:n]) + gaz.lookup_short(name[:n]) if not d.former and d.level != "county"]
        if found:
            city = found[0]
            break
    if city is not None and city.level == "province":  # 广西-东盟…: the city the text names in that province
        inside = sorted((n for n, d in resolved.items() if d.level == "city" and d.parent == city.code),
                        key=lambda n: (-score[n], n))
        city = resolved[inside[0]] if inside else city
    if city is None:
        cities = sorted((n for n, d in resolved.items() if d.level == "city"), key=lambda n: (-score[n], n))
        city = resolved[cities[0]] if cities else _from_slogans(doc, gaz, "city")
        if city is not None:
            name = (short_name(city.name) or city.name) + name
    return RegionRef(name, "zone", None, _chain(gaz, city))


def _header_township(doc: Doc, hend: int, header: str) -> bool:
    """Whether the header names a township: in the title line, by the place rules in
    the lines after it, or in the portal's 发布机构/来源 fields."""
    text = doc_text(doc)
    title_end = header_end(text, lines=1)
    for s in spans_of(doc, "places"):
        if s.label_ != "TOWNSHIP":
            continue
        if s.text in header or place_name(s) in header:
            return True
        if s.start_char < title_end or (s.start_char < hend and s.kb_id_ != KNOWN_TOWNSHIP):
            line_end = text.find("\n", s.start_char)
            line = text[text.rfind("\n", 0, s.start_char) + 1: line_end if line_end >= 0 else len(text)]
            if not line.rstrip().endswith(("：", ":")):  # not the addressee
                return True
    return False


def _named_township(doc: Doc, score: Counter[str], hend: int) -> bool:
    """Whether a report that never says 我镇 or 我县 is about a township: one township of
    the table is named in the header or twice, and outweighs every division, a mention
    in the header counting five (as divisions' do in ``score``)."""
    names: Counter[str] = Counter()
    for s in spans_of(doc, "places"):
        if s.label_ == "TOWNSHIP" and township_counties(place_name(s)):
            names[place_name(s)] += 1 + 4 * (s.start_char < hend)
    ranked = names.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return False
    return ranked[0][1] > max(score.values(), default=0)


def _from_slogans(doc: Doc, gaz: Gazetteer, level: str) -> Division | None:
    names = Counter(s.kb_id_ for s in spans_of(doc, "places") if s.label_ == "SLOGAN")
    for short, _ in sorted(names.items(), key=lambda x: (-x[1], x[0])):
        found = [d for d in gaz.lookup_short(short) if d.level == level and not d.former]
        if len(found) == 1:
            return found[0]
    return None


def _local_region(doc: Doc, gaz: Gazetteer, level: str, resolved: dict[str, Division], score: Counter[str],
                  hend: int, header: str, url: str = "") -> RegionRef | None:
    """A township or village: its own name from the text, its county from the evidence.

    A name is taken only from the township table, or from a strong position
    (the header: the title's head, the issuer, portal metadata): a phrase
    that merely ends in 镇 (成立由镇, 发挥镇) is never a place. A township whose
    county the evidence cannot tell is still placed, with the counties it may
    be in as ``candidates``.
    """
    suffixes = _COUNTY_SUFFIX[level]
    label = "TOWNSHIP" if level == "township" else "VILLAGE"
    names: Counter[str] = Counter()
    text = doc_text(doc)
    title_end = header_end(text, lines=1)
    for s in spans_of(doc, "places"):
        name = place_name(s) if s.label_ == label else ""
        if name.endswith(suffixes):
            # A name the table lacks must head the title, or stand in the portal's metadata.
            strong = (s.start_char < title_end and _heads_line(doc, text, s.start_char)) or s.text in header
            if level == "township" and not strong and not township_counties(name):
                continue
            names[name] += 1 + 4 * (s.start_char < hend) + 4 * (s.text in header)
    # The self-reference word tells the suffix a slogan's short name takes (我乡 + 法治李庄 → 李庄乡).
    words = Counter(s.kb_id_ for s in spans_of(doc, "places")
                    if s.label_ == "SELF" and SELF_LEVELS[s.kb_id_] == level)
    word = words.most_common(1)[0][0] if words else suffixes[0]
    for s in spans_of(doc, "places"):
        if s.label_ == "SLOGAN" and not gaz.lookup_short(s.kb_id_):
            name = s.kb_id_ + word
            if level != "township" or township_counties(name) or name in names:  # backed by the table or the text
                names[name] += 1
    if not names:
        return None
    name = sorted(names.items(), key=lambda x: (-x[1], x[0]))[0][0]
    counties = sorted((n for n, d in resolved.items() if d.level == "county"), key=lambda n: (-score[n], n))
    if level != "township":
        county = resolved[counties[0]] if counties else None
        return RegionRef(name, level, None, _chain(gaz, county))
    # County names the text gives that several counties bear (朝阳区: 北京, 长春): each reading may be the one.
    readings = [d for n in sorted(score, key=lambda n: (-score[n], n)) if n not in resolved
                for d in gaz.lookup(n) if d.level == "county" and not d.former]
    county, candidates = _township_county(name, [resolved[n] for n in counties], list(resolved.values()),
                                          doc_text(doc), gaz, url, readings)
    if county is None and not candidates and counties:
        county = resolved[counties[0]]  # a township the table lacks, in the county the text names
    if county is not None:
        return RegionRef(name, level, None, _chain(gaz, county))
    if len(candidates) > 1:
        return RegionRef(name, level, None, _common_parents(gaz, candidates), tuple(candidates))
    return RegionRef(name, level, None, ())


def _heads_line(doc: Doc, text: str, start: int) -> bool:
    """Whether a name at ``start`` heads its line: nothing before it but space, the
    divisions it belongs to (城口县岚天乡…) or 中共 (中共X镇委员会)."""
    line = text.rfind("\n", 0, start) + 1
    before = text[line:start]
    for s in spans_of(doc, "places"):
        if s.label_ == "DIVISION" and line <= s.start_char and s.end_char <= start:
            before = before.replace(s.text, "", 1)
    return before.strip().removeprefix("中共") == ""


def _chain(gaz: Gazetteer, county: Division | None) -> tuple[tuple[str, str, str | None], ...]:
    """``county`` and the divisions above it, as a :class:`RegionRef`'s parents."""
    if county is None:
        return ()
    ref = gaz.region_ref(county.code)
    return ref.parents + ((ref.name, ref.level, ref.adcode),)


def _common_parents(gaz: Gazetteer, codes: list[str]) -> tuple[tuple[str, str, str | None], ...]:
    """The enclosing divisions that all of ``codes`` share, top first (may be none)."""
    chains = [_chain(gaz, gaz.get(c)) for c in codes]
    common = []
    for links in zip(*chains):
        if len(set(links)) > 1:
            break
        common.append(links[0])
    return tuple(common)


def _township_county(name: str, counties: list[Division], named: list[Division], text: str,
                     gaz: Gazetteer, url: str = "", readings: list[Division] = ()) -> tuple[Division | None, list[str]]:
    """The county of township ``name``, and the codes still possible when it cannot be told.

    The evidence, in order:

    1. a county the text names that holds a township of that name (李庄乡 is
       in 清苑区 and in 宝丰县; the report names 宝丰县), or, of the ``readings``
       of a county name several counties bear, the one reading that does
       (东湖街道 is in 北京's 朝阳区, not in 长春's);
    2. the city or province the text names: the table's counties are
       narrowed to those under it (石空镇 is only in 中宁县, however
       indirectly the report names it);
    3. the villages and communities the text names, from the village table:
       the one township whose villages the report names most;
    4. the page's address, when one county's name is spelled in it
       (``xuwen.gov.cn``; :func:`govkg.ingest.urls.counties_in_url`).

    Returns ``(county, [])`` when decided, ``(None, codes)`` when the table
    holds the name in several counties that the evidence cannot tell apart,
    and ``(None, [])`` when the table does not know the name.
    """
    codes = township_counties(name)
    if not codes:
        return None, []
    for d in counties:  # best scored first
        if d.code in codes:
            return d, []
    held = {d.code: d for d in readings if d.code in codes}
    if len(held) == 1:
        return next(iter(held.values())), []
    candidates = [d for d in (gaz.get(c) for c in codes) if d is not None]
    if len(candidates) > 1:
        above = {d.code for d in named if d.level in ("province", "city")}
        narrowed = [d for d in candidates if above & {a.code for a in gaz.ancestors(d.code)}]
        candidates = narrowed or candidates
    if len(candidates) > 1:
        named = _villages_in(name, text)
        hits = {d.code: sum(1 for v in villages_of(name, d.code) if v in named) for d in candidates}
        ranked = sorted(hits.values(), reverse=True)
        if ranked[0] > 0 and ranked[0] > ranked[1]:
            candidates = [d for d in candidates if hits[d.code] == ranked[0]]
    if len(candidates) > 1 and url:
        spelled = counties_in_url(url, [d.code for d in candidates], gaz)
        if len(spelled) == 1:
            candidates = [d for d in candidates if d.code == spelled[0]]
    if len(candidates) == 1:
        return candidates[0], []
    return None, sorted(d.code for d in candidates)


def _villages_in(township: str, text: str) -> frozenset[str]:
    """The villages (three characters or more) of any county's ``township`` that ``text`` names:
    found in one pass over the text, not by looking for each of the hundreds a shared name has."""
    return frozenset(text[a:b] for a, b in _village_index(township).find(text))


@lru_cache(maxsize=1024)
def _village_index(township: str) -> NameIndex:
    """The villages of three characters or more of every county's ``township``."""
    return NameIndex(v for county in township_counties(township) for v in villages_of(township, county) if len(v) >= 3)
