"""Read a page saved from a government portal: the article's text and the metadata the portal prints.

Portals wrap a report in navigation, breadcrumbs, search boxes, share and
print widgets and a footer (主办单位, 网站标识码, ICP备案). What is kept is
the article: scripts, styles, forms and elements whose tag, ``class`` or
``id`` mark page furniture are dropped, then the reader walks down from
``<body>`` into whichever child holds nearly all of the remaining non-link
text. Block elements and ``<br>`` become line breaks, so numbered headings
stay on lines of their own.

Metadata comes from the ``<meta>`` tags of the government-website standard
(``ArticleTitle``, ``PubDate``, ``ContentSource``) and from the
政府信息公开 table or info line (索引号, 发布机构, 发文机关, 成文日期,
发布日期, 来源), preferring the visible table. ``meta`` keys are ``title``,
``publisher``, ``date`` (YYYY-MM-DD), ``index_no`` and ``source_url`` (the
page's canonical link or ``og:url``, when absolute). The title is put at
the top of the text when the article body does not begin with it.

Examples
--------
>>> page = '''<html><head><meta charset="utf-8"><title>2023年法治政府建设情况报告_某县人民政府</title>
... <meta name="ContentSource" content="某县司法局"></head><body>
... <div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
... <table><tr><td>索 引 号：</td><td>001/2024-00012</td><td>发布日期：</td><td>2024年1月5日</td></tr></table>
... <div id="zoom"><p>一、工作成效</p><p>我县推进“八五”普法，
... 培养法律明白人。</p></div>
... <div class="footer">网站标识码：4100000001 豫ICP备05012345号</div><script>var a = 1;</script></body></html>'''
>>> r = read_html(page.encode("utf-8"))
>>> print(r.text)
2023年法治政府建设情况报告
一、工作成效
我县推进“八五”普法，培养法律明白人。
>>> sorted(r.meta.items())
[('date', '2024-01-05'), ('index_no', '001/2024-00012'), ('publisher', '某县司法局'), ('title', '2023年法治政府建设情况报告')]
"""
from __future__ import annotations

import codecs
import re
from datetime import date
from typing import Any, Callable

from govkg.ingest.formats.base import Extracted, FormatError
from govkg.ingest.formats.text import decode_counting, replaced_warning

__all__ = ["read_html", "html_charset", "normalize_date"]

#: Elements that never hold the article.
_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "form", "input",
    "button", "select", "textarea", "nav", "header", "footer", "aside", "head", "link", "meta", "map", "audio",
    "video",
})
#: ``class``/``id`` words of page furniture (split on spaces, ``-`` and ``_``).
_FURNITURE = frozenset({
    "nav", "navbar", "menu", "submenu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "position", "location",
    "dqwz", "mianbaoxie", "footer", "foot", "bottom", "copyright", "banquan", "share", "bdshare", "bdsharebuttonbox",
    "fenxiang", "jiathis", "header", "topbar", "top", "toolbar", "search", "sousuo", "login", "sidebar", "side",
    "related", "xgwz", "xgxx", "xglj", "links", "friendlink", "yqlj", "print", "dayin", "close", "qrcode", "ewm",
    "erweima", "comment", "pager", "pagination", "ad", "ads", "advert", "banner", "logo", "gotop", "backtop",
    "fontsize", "wza", "accessibility", "skip", "hidden", "sr-only",
})
_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th", "tbody", "thead",
    "tfoot", "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "center", "address", "figure",
    "figcaption", "hr", "caption", "body", "html",
})
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019"
_SOURCE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r]*\n[ \t\r\n]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_ANY_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)

# Portal field labels, in the spellings portals use (spaces or 　 may pad them).
_FIELDS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号",),
    "publisher": ("发布机构", "发文机关", "发文单位", "发布单位", "信息来源", "来源"),
    "written": ("成文日期", "成文时间"),
    "published": ("发布日期", "发布时间", "公开日期", "发文日期", "印发日期"),
    "title": ("标题", "名称", "文件名称", "信息名称"),
    "other": ("主题分类", "文号", "发文字号", "主题词", "有效性", "浏览次数", "点击数", "阅读次数", "字号", "字体",
              "责任编辑", "编辑", "作者", "分类", "公开方式", "公开范围", "体裁分类", "时效"),
}
_LABEL_OF = {label: key for key, labels in _FIELDS.items() for label in labels}
_LABEL = re.compile(
    r"(?<![\w])(" + "|".join(sorted(("[ \u3000\xa0]*".join(lab) for lab in _LABEL_OF), key=len, reverse=True))
    + r")[ \u3000\xa0]*[:：]"
)
#: Lines of the article area that are page furniture, not report text.
_FURNITURE_LINE = re.compile(r"^[【\[]?(?:分享到|打印本页|打印|关闭窗口|关闭|收藏|返回顶部|上一篇|下一篇|扫一扫|字体|字号|今天是)")
#: Words of a site footer; a short line with one of them is not report text.
_FOOTER_WORDS = re.compile(r"ICP备|网站标识码|版权所有|公网安备|主办单位|承办单位|技术支持|Copyright|©")
_DATE = re.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|—+|-{2,}|(?<!\d)-(?!\d))\s*")
_SITE_NAME = re.compile(r"(?:人民政府|政府网|门户网站|网站|网|首页|官网)$")


def normalize_date(value: str) -> str:
    """``YYYY-MM-DD`` for the first date in ``value``, else ``""``.

    >>> normalize_date("2024年1月5日"), normalize_date("2024-02-29 10:30"), normalize_date("2024-02-30")
    ('2024-01-05', '2024-02-29', '')
    """
    m = _DATE.search(value)
    if not m:
        return ""
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return ""


#: Python codecs that are text encodings but no charset a page is written in (``undefined`` always fails;
#: UTF-7 is refused by browsers, as a way to smuggle markup).
_NOT_CHARSETS = frozenset({"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7"})


def _declared(data: bytes) -> str | None:
    """The charset name a page declares in its first 4 KiB, as written (``None`` if none)."""
    head = data[:4096]
    m = _CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", errors="replace") if m else None


def html_charset(data: bytes) -> str | None:
    """The Python codec for the charset a page declares, if it names a text encoding Python knows.

    GB2312 and GBK declarations read as GB18030, their superset: portals that
    say ``gb2312`` routinely use characters outside it. Codecs that are not
    text encodings (``base64``, ``zlib``, ``rot13`` …) are ignored, like
    names Python does not know.

    >>> html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    'gb18030'
    >>> html_charset(b'<meta charset="base64">'), html_charset(b'<meta charset="undefined">')
    (None, None)
    """
    name = _declared(data)
    if name is None:
        return None
    try:
        codec = codecs.lookup(name.lower())
    except LookupError:
        return None
    if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_CHARSETS:
        return None  # bytes-to-bytes (base64, zlib, hex …), str-to-str (rot13) or Python's own codecs
    return "gb18030" if codec.name in ("gb2312", "gbk", "gb18030") else codec.name


def _decode(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """The page's text, the codec that decoded it, and warnings (a charset that names no text encoding …)."""
    warnings: list[str] = []
    declared, name = html_charset(data), _declared(data)
    if declared is None and name:
        try:
            codecs.lookup(name)
            why = "not a text encoding"
        except LookupError:
            why = "no encoding Python knows"
        warnings.append(f"declares charset {name!r}, {why}; the encoding was detected")
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode(declared), declared, ()
        except UnicodeError:
            pass  # the declaration is wrong; detect instead
    text, codec, replaced = decode_counting(data)
    if replaced:
        warnings.append(replaced_warning(replaced))
    return text, codec, tuple(warnings)


def _words(el) -> set[str]:
    raw = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return set(re.split(r"[\s_-]+", raw)) - {""}


def _is_furniture(el) -> bool:
    if el.tag in _DROP_TAGS:
        return True
    style = el.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None:
        return True
    return bool(_words(el) & _FURNITURE)


def _lines(root) -> list[str]:
    """The text under ``root``, one line per block, whitespace as a browser would show it."""
    from lxml import etree

    parts: list[str] = []
    pre = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS or tag == "br":
                parts.append("\n")
            pre += tag == "pre"
            if tag and el.text:
                parts.append(_inline(el.text, pre))
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            pre -= tag == "pre"
            if el is not root and el.tail:
                parts.append(_inline(el.tail, pre))
    lines = []
    for line in "".join(parts).translate(_INVISIBLE).split("\n"):
        line = _ANY_SPACES.sub(" ", line).strip()  # also &nbsp; &emsp; and 　 indents
        if line:
            lines.append(line)
    return lines


def _inline(s: str, pre: int) -> str:
    if pre:
        return s
    return _SPACES.sub(" ", _SOURCE_BREAK.sub("", s))


def _chars(s: str | None) -> int:
    if not s or s.isspace():
        return 0
    return len("".join(s.split()))


#: The deepest nesting libxml2 parses with ``huge_tree`` (its ``xmlParserMaxDepth``).
_MAX_DEPTH = 2048
#: Texts longer than this (in non-space characters) are never a metadata table, info line or footer.
_FIELD_BLOCK_CHARS = 400
_BREAK_RUN = re.compile(r"\s*\n\s*")
_SPACE_RUN = re.compile(r"[^\S\n]+")


def _collapse(s: str) -> str:
    """Whitespace runs as one line break (if they hold one) or one space: what :func:`_lines` makes of them."""
    return _SPACE_RUN.sub(" ", _BREAK_RUN.sub("\n", s))


def _visible_chars(s: str | None) -> int:
    if not s or s.isspace():
        return 0
    return len("".join(s.translate(_INVISIBLE).split()))


class _Summary:
    """What a walk knows of an element when it closes: its text when short, and its links.

    ``text()`` is ``" ".join(_lines(el))``, or ``None`` when the element holds
    more than :data:`_FIELD_BLOCK_CHARS` visible characters. ``links``,
    ``link_chars`` and ``chars`` count ``<a>`` elements and the non-space
    characters of their text and of all text (as ``text_content`` has it).
    """

    __slots__ = ("el", "index", "pre", "in_pre", "visible", "plain", "kept", "links", "link_chars", "chars", "found",
                 "cells")

    def __init__(self, el, index: int, in_pre: bool, texts: bool) -> None:
        self.el, self.index, self.pre, self.in_pre = el, index, el.tag == "pre", in_pre
        text = el.text
        self.chars = _chars(text)
        self.links = self.link_chars = 0
        self.plain: list[str] | None = None
        self.kept: list[str] | None = None
        if texts:
            # Parts of the text outside any <pre> (el as the root of _lines), and inside one (for an enclosing <pre>).
            block = "\n" if el.tag in _BLOCKS or el.tag == "br" else ""
            self.visible = _visible_chars(text)
            self.plain = [block, _inline(text, self.pre).translate(_INVISIBLE) if text else ""]
            self.kept = [block, text.translate(_INVISIBLE) if text else ""] if in_pre else None
        else:
            self.visible = _FIELD_BLOCK_CHARS + 1  # no text asked for: as if too long to have one
        self.found: list = []  # the outermost elements below that the walk's test accepted, in document order
        self.cells: list | None = [] if el.tag == "tr" else None

    def text(self) -> str | None:
        if self.plain is None or self.visible > _FIELD_BLOCK_CHARS:
            return None
        return " ".join(ln.strip() for ln in _collapse("".join(self.plain)).split("\n") if ln.strip())

    def close(self) -> tuple[str | None, str | None]:
        """The element's text, as its parent takes it outside and inside a ``<pre>``."""
        if self.el.tag == "a":
            self.links += 1
            self.link_chars += self.chars
        end = "\n" if self.el.tag in _BLOCKS else ""
        out = []
        for parts in (self.plain, self.kept):
            if parts is None or self.visible > _FIELD_BLOCK_CHARS:
                out.append(None)
                continue
            parts.append(end)
            text = "".join(parts)
            # Collapsing costs more than copying: only when the whitespace outgrows the text.
            out.append(_collapse(text) if len(text) > 4 * self.visible + 64 else text)
        return out[0], out[1]

    def add_child(self, child: "_Summary", plain: str | None, kept: str | None) -> None:
        tail = child.el.tail
        self.chars += child.chars + _chars(tail)
        self.links += child.links
        self.link_chars += child.link_chars
        if self.plain is None and self.kept is None:
            return
        self.visible += child.visible + _visible_chars(tail)
        if self.visible > _FIELD_BLOCK_CHARS:
            self.plain = self.kept = None
        else:
            if self.plain is not None:
                self.plain.append((kept if self.pre else plain) or "")
                if tail:
                    self.plain.append(_inline(tail, self.pre).translate(_INVISIBLE))
            if self.kept is not None:
                self.kept.append(kept or "")
                if tail:
                    self.kept.append(tail.translate(_INVISIBLE))


def _walk_summaries(root, accept: Callable[[_Summary], bool], texts: bool = True) -> list:
    """The outermost elements under ``root`` (not ``root``) that ``accept`` takes, in document order.

    One walk, each element summed up from its children's summaries when it
    closes (:class:`_Summary`), so a page nested hundreds of levels deep
    costs what a flat page costs: asking :func:`_lines` of every element
    walked each subtree again, 272 s for 20 MiB of ``<div>`` chains 250
    deep. Memory is that of the open elements, not of the whole page.
    Comments and processing instructions count for ``chars`` (their tails
    are text to ``text_content``) but not for ``text`` (nor for :func:`_lines`).
    Without ``texts``, only links and characters are counted.
    """
    from lxml import etree

    stack: list[_Summary] = []
    index = 0
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            stack.append(_Summary(el, index, bool(stack) and (stack[-1].pre or stack[-1].in_pre), texts))
            index += 1
        elif event == "end":
            summary = stack.pop()
            if not stack:
                return summary.found
            parent = stack[-1]
            plain, kept = summary.close()
            if parent.cells is not None and el.tag in ("td", "th"):
                parent.cells.append(summary)
            parent.add_child(summary, plain, kept)
            if accept(summary):
                parent.found.append(el)
            elif parent.found:
                parent.found.extend(summary.found)
            else:
                parent.found = summary.found
        elif stack:  # a comment or processing instruction: only its tail counts, and only as characters
            stack[-1].chars += _chars(el.tail)
    return []


def _text_mass(root) -> dict:
    """Non-space characters under each element, link text not counted (tails belong to the parent)."""
    mass: dict = {}
    for el in reversed(list(root.iter())):  # children before their parents
        if not isinstance(el.tag, str) or el.tag == "a":
            mass[el] = 0
            continue
        mass[el] = _chars(el.text) + sum(mass[child] + _chars(child.tail) for child in el)
    return mass


def _article(body):
    """Walk down from ``body`` while one child holds at least 90 % of the text."""
    mass = _text_mass(body)
    node = body
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        if not children or mass[node] == 0:
            return node
        best = max(children, key=lambda c: mass[c])
        if mass[best] < 0.9 * mass[node]:
            return node
        node = best


def _fields_of_line(line: str) -> list[tuple[str, str]]:
    """``(label, value)`` for each ``label：value`` in a line; a value runs to the next label."""
    found = list(_LABEL.finditer(line))
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(line)
        out.append((re.sub(r"[ \u3000\xa0]", "", m.group(1)), line[m.end():end].strip(" \u3000\xa0|｜")))
    return out


def _portal_fields(body) -> dict[str, str]:
    """Field values by key, from tables (label cell, value cell) and ``label：value`` lines.

    Each label's first value counts; for a key, the label listed first in
    :data:`_FIELDS` wins (发布机构 over 来源, whatever their order on the page).
    """
    by_label: dict[str, str] = {}

    def add(label: str, value: str) -> None:
        value = _SPACES.sub(" ", value).strip()
        if value and label not in by_label:
            by_label[label] = value

    rows: list[tuple[int, list[tuple[str, _Summary]]]] = []

    def label_cells(row: _Summary) -> bool:
        """Keep each row's label cells (a label is short) with the cell after them, for after the walk."""
        if row.cells:
            pairs = [(re.sub(r"[\s\u3000\xa0:：]", "", cell.text() or ""), value)
                     for cell, value in zip(row.cells, row.cells[1:])]
            pairs = [(label, value) for label, value in pairs if label in _LABEL_OF]
            if pairs:
                rows.append((row.index, pairs))
        return False

    if body.find(".//tr") is not None:
        _walk_summaries(body, label_cells)
    for _, pairs in sorted(rows, key=lambda r: r[0]):  # rows in document order, as the first value counts
        for label, value in pairs:
            if label not in by_label:
                text = value.text()
                add(label, text if text is not None else " ".join(_lines(value.el)))
    for line in _lines(body):
        if len(line) <= 300:
            for label, value in _fields_of_line(line):
                add(label, value)
    return {key: next(by_label[lab] for lab in labels if lab in by_label)
            for key, labels in _FIELDS.items() if any(lab in by_label for lab in labels)}


def _meta_tags(tree) -> dict[str, str]:
    tags: dict[str, str] = {}
    for m in tree.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip().lower()
        content = (m.get("content") or "").strip()
        if name and content and name not in tags:
            tags[name] = content
    return tags


def _page_title(tree) -> str:
    t = tree.find(".//title")
    if t is None:
        return ""
    text = _SPACES.sub(" ", t.text_content()).strip()
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(text) if p.strip()]
    # 标题_某县人民政府 or 某县人民政府-标题: the part that is not the site's name.
    return next((p for p in parts if not _SITE_NAME.search(p)), max(parts, key=len, default=""))


def _metadata(tree, body) -> dict[str, str]:
    tags = _meta_tags(tree)
    fields = _portal_fields(body)
    title = tags.get("articletitle") or fields.get("title") or ""
    if not title:
        h1 = (" ".join(_lines(h)) for h in body.iter("h1"))
        title = next((h for h in h1 if len(h) >= 6), "") or _page_title(tree)
    publisher = fields.get("publisher") or tags.get("contentsource") or ""
    when = (normalize_date(fields.get("published", "")) or normalize_date(tags.get("pubdate", ""))
            or normalize_date(fields.get("written", "")) or normalize_date(tags.get("firstpublishedtime", "")))
    meta = {"title": title, "publisher": publisher, "date": when, "index_no": fields.get("index_no", ""),
            "source_url": _page_url(tree, tags)}
    return {k: v for k, v in meta.items() if v}


def _page_url(tree, tags: dict[str, str]) -> str:
    """The page's own address, as its canonical link or ``og:url`` gives it (evidence of its county)."""
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical":
            href = (link.get("href") or "").strip()
            if href.lower().startswith(("http://", "https://")):
                return href
    url = tags.get("og:url", "")
    return url if url.lower().startswith(("http://", "https://")) else ""


_BLOCKISH = frozenset({"table", "tr", "td", "ul", "ol", "dl", "div", "p", "span", "section"})


def _is_field_block(s: _Summary) -> bool:
    """A metadata table, list or info line (two or more portal labels), or a footer, when short."""
    if s.el.tag not in _BLOCKISH:
        return False
    text = s.text()
    if text is None or len(text) > _FIELD_BLOCK_CHARS or "。" in text:
        return False
    return len(_LABEL.findall(text)) >= 2 or bool(_FOOTER_WORDS.search(text))


def _is_link_list(s: _Summary) -> bool:
    """Navigation or a list of related pages: two or more links making up most of the text."""
    return s.el.tag in _BLOCKISH and s.links >= 2 and s.link_chars >= 0.7 * s.chars


def _drop_outermost(body, is_clutter: Callable[[Any], bool]) -> None:
    """Drop the outermost elements under ``body`` that ``is_clutter``, with all they hold (their tails stay)."""
    outermost = []
    stack = [c for c in reversed(body) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if is_clutter(el):
            outermost.append(el)
        else:
            stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    for el in outermost:  # in document order
        el.drop_tree()


def _drop_clutter(body) -> None:
    """Drop page furniture, then metadata blocks and footers, then link lists (outermost ones, their tails kept)."""
    _drop_outermost(body, _is_furniture)
    for el in _walk_summaries(body, _is_field_block):
        el.drop_tree()
    for el in _walk_summaries(body, _is_link_list, texts=False):
        el.drop_tree()


def read_html(data: bytes) -> Extracted:
    """The article of a saved portal page, with the metadata the page prints.

    Raises
    ------
    FormatError
        If the page cannot be decoded or holds no text.
    """
    import lxml.html
    from lxml import etree

    text, codec, warnings = _decode(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"))
    if not text.strip():
        raise FormatError("empty file")
    # huge_tree lifts libxml2's depth limit from 256 to 2,048 levels: below it, a deeper page
    # came back empty and was misreported as having no article text.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (etree.LxmlError, ValueError) as e:
        raise FormatError(f"not a readable HTML page ({str(e).splitlines()[0][:120] if str(e) else type(e).__name__})") from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise FormatError(f"HTML nested more than {_MAX_DEPTH:,} elements deep; the parser stops there and loses the text")
    body = tree.find("body")
    if body is None:
        body = tree
    meta = _metadata(tree, body)
    _drop_clutter(body)
    lines = [ln for ln in _lines(_article(body)) if not _is_furniture_line(ln)]
    if not lines:
        raise FormatError("no article text on the page")
    title = meta.get("title", "")
    if title and _squash(title) not in _squash("".join(lines[:3])):
        lines.insert(0, title)
    return Extracted("\n".join(lines), codec, meta, warnings)


def _is_furniture_line(line: str) -> bool:
    if _FURNITURE_LINE.match(line) or (_FOOTER_WORDS.search(line) and len(line) <= 200 and "。" not in line):
        return True
    fields = _fields_of_line(line)
    # A line that is only portal fields (发布时间：… 来源：…), not a sentence of the report.
    return bool(fields) and _LABEL.match(line) is not None and "。" not in line and len(line) <= 200


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)
