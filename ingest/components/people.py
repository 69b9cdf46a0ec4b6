"""``govkg_people``: people named with their role (调解员张中央, 江必新教授).

A name is a common surname and one or two more characters, written right
after a role word, or right before a role word such as 教授; it must be
followed by a verb or punctuation, which is what tells two-character names
from three. Sets ``doc.spans["people"]`` (label ``PERSON``; ``kb_id_`` holds
the role).

>>> from govkg.ingest.nlp import make_nlp
>>> doc = make_nlp()("区委书记李军出席会议，调解员张中央获全国优秀调解员称号。")
>>> [(s.text, s.kb_id_) for s in doc.spans["people"]]
[('李军', '书记'), ('张中央', '调解员')]
"""
from __future__ import annotations

import re

from govkg.ingest.components import component
from govkg.ingest.components._spans import doc_text, set_group
from govkg.ingest.components._words import any_word
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PersonTagger", "find_people"]

# Characters a name is followed by: the start of a verb, or punctuation. The
# second line holds verbs that open a mediator's or official's story
# (金英姬用朝汉双语调解…, 覃春梅扎根山区…, 从事调解…, 坚持…, 多年…) and are
# seldom the second character of a word that could follow a two-character name.
_AFTER = set("获荣被出传宣作主同在担等、，,。；;：:为任参带当是讲致介牵提与和及对的率指同代分也共教"
             "用扎从坚耐连亲凭多长热深积默")

# A name need not start with a common surname (其其格, 次仁卓玛, 吉克曲布). Without one, the
# context must say it is a name: a role before it and 同志 or the start of a mediator's or
# official's story after it (扎根…, 用藏汉双语…), or the name opening a clause that says
# what the person is (其其格同志是苏木司法所所长，龙秀英是…的专职调解员，).
_STORY = r"(?:同志|扎根|从事|坚持|长期|多年|常年|深耕|累计|连续|调处|用[\u4e00-\u9fff]{0,3}(?:语|话))"
_STORY_RE = re.compile(_STORY)
# Characters of everyday words that no such name holds (调解员队伍长期…, 委员会成员…).
_NOT_IN_BARE_NAME = set("队伍们等的了在和与及是有为中上下内外全各本该此这那些他她我你工作组织部门机构单位"
                        "会议制度服务管理建设发展村社区镇乡县市省街道委员党政府局所站室办人员长任率")
# A name inside a passive phrase that is no name (委员会全市唯一获评…, 民警连续三年获评…).
_NOT_A_NAME = re.compile(r"全[国省市县区镇乡]|唯一|首个|率先|连续|多次|先后|[\d一二两三四五六七八九十]+年")


# 任 after a role says who serves as what (镇长任组长, 书记任双组长).
_SERVES_AS = re.compile(r"任(?:双?组长|副组长|主任|第一|总|常务|召集人|指挥长|委员|成员)")


def _compile(roles: list[str], roles_after: list[str], surnames: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    r, ra = any_word(roles), any_word(roles_after)
    s = "[" + re.escape(surnames) + "]"
    before = re.compile(rf"(?P<role>{r})(?P<name>{s}[\u4e00-\u9fff]{{1,2}})")
    after = re.compile(rf"(?P<name>{s}[\u4e00-\u9fff]{{1,2}})(?P<role>{ra})")
    return before, after


def _compile_bare(roles: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for names without a surname: after a role (所长其其格同志…) and opening a
    clause that names the person's role (其其格同志是苏木司法所所长，)."""
    r = any_word(roles)
    name = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,3}?"
    after_role = re.compile(rf"(?P<role>{r})(?!会)(?P<name>{name})(?={_STORY})")
    # The clause opening before the name is consumed, not looked behind at, so the regex engine
    # skips ahead to the next one; the start of a line opens a clause too, and the pattern runs on
    # the text after a line break (see find_people).
    intro = re.compile(rf"[。；;，,：:\u3000 \n](?P<name>{name})(?:同志)?是[^，,。；;\n]{{0,20}}?(?P<role>{r})(?=[，,。；;])")
    return after_role, intro


def _bare_name_ok(name: str, roles: re.Pattern[str] | None) -> bool:
    """Whether ``name``, found by context only, holds nothing that no name holds."""
    return not (_NOT_IN_BARE_NAME & set(name)) and not (roles and roles.search(name))


def _compile_roles(roles: list[str]) -> re.Pattern[str]:
    return re.compile(any_word(roles))


def _compile_passive(roles: list[str]) -> re.Pattern[str]:
    r = any_word(roles)
    return re.compile(rf"(?P<role>{r})(?!会)[”’\"」]?(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff·]{{1,9}}?)(?=被|荣获|获得|获评|获)")


def find_people(text: str, before: re.Pattern[str], after: re.Pattern[str],
                before_passive: re.Pattern[str] | None = None,
                roles: re.Pattern[str] | None = None,
                bare: tuple[re.Pattern[str], re.Pattern[str]] | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, role)`` of each named person (``roles`` finds role words inside a name;
    ``bare`` are the patterns of :func:`_compile_bare`)."""
    out = []
    before_passive = before_passive or re.compile(r"(?!)")
    if bare:
        after_role, intro = bare
        for m in after_role.finditer(text):
            if _bare_name_ok(m.group("name"), roles):
                out.append((m.start("name"), m.end("name"), m.group("role")))
        for m in intro.finditer("\n" + text):  # offsets one past the text's
            if _bare_name_ok(m.group("name"), roles):
                out.append((m.start("name") - 1, m.end("name") - 1, m.group("role")))
    for m in before.finditer(text):
        s = m.start("name")
        name = m.group("name")
        if _SERVES_AS.match(text, s):
            continue  # 书记任组长: 任 is "serves as" here, not a surname
        # Prefer the three-character reading when a verb follows it.
        for n in (3, 2):
            if len(name) >= n and s + n < len(text) and (text[s + n] in _AFTER or _STORY_RE.match(text, s + n)):
                out.append((s, s + n, m.group("role")))
                break
    # A name of any shape (努尔兰·哈力别克, 吉克曲布) between a role and 被…评为/获;
    # 同志 after it is a form of address, and a role inside it (委员会主任谭桂香)
    # means the name starts after that role.
    for m in before_passive.finditer(text):
        s, e, role = m.start("name"), m.end("name"), m.group("role")
        if text.endswith("同志", s, e):
            e -= 2
        if _NOT_A_NAME.search(text, s, e):
            continue
        inner = [(mm.end(), mm.group()) for mm in roles.finditer(text, s, e)] if roles else []
        if inner:
            s, role = inner[-1]
        if e - s >= 2:
            out.append((s, e, role))
    for m in after.finditer(text):
        s, e = m.span("name")
        if s == 0 or text[s - 1] in _AFTER or text[s - 1] in "长员记任":
            out.append((s, e, m.group("role")))
    kept: list[tuple[int, int, str]] = []
    # dict.fromkeys, not set: equal readings with different roles (副会长江必新教授)
    # must keep the order they were found in, or the role would follow string hashing.
    for a, b, role in sorted(dict.fromkeys(out), key=lambda x: (x[0], -(x[1] - x[0]))):
        if not kept or a >= kept[-1][1]:  # overlapping readings: the first, longest one
            kept.append((a, b, role))
    return kept


class PersonTagger:
    def __init__(self, roles: list[str], roles_after: list[str], surnames: str) -> None:
        self.before, self.after = _compile(roles, roles_after, surnames)
        self.passive = _compile_passive(roles)
        self.roles = _compile_roles(roles)
        self.bare = _compile_bare(roles)

    def __call__(self, doc: Doc) -> Doc:
        spans = [(a, b, "PERSON", role) for a, b, role
                 in find_people(doc_text(doc), self.before, self.after, self.passive, self.roles, self.bare)]
        set_group(doc, "people", spans)
        return doc


@component("govkg_people", writes=("spans:people",))
def make_person_tagger(nlp: Language, name: str) -> PersonTagger:
    from govkg.schema.lexicon import load_lexicon

    cues = load_lexicon().cues
    return PersonTagger(cues["person_roles"], cues["person_roles_after"], cues["surnames"])
