"""Pages saved from government portals: the article in, the page furniture out, the portal's fields in ``meta``.

The pages are written here the way county portals lay them out (政府信息公开
table, ``<meta>`` tags of the government-website standard, navigation,
breadcrumb, share and print widgets, a footer with 网站标识码 and ICP备案,
scripts and styles), with the seed reports as their articles.
"""
from __future__ import annotations

import html
import re

import pytest
from govkg.ingest.formats import FormatError, read_bytes
from govkg.ingest.formats.html import html_charset, normalize_date, read_html
from hostile import CHARSETS, charset_html, deep_html

FURNITURE = ("首页", "政务公开", "当前位置", "网站标识码", "ICP备", "公网安备", "分享到", "打印本页", "关闭窗口",
             "var _hmt", "浏览次数", "主办单位", "无障碍", "相关阅读")


def seed_parts(text: str) -> tuple[str, list[str]]:
    """A seed report as a portal shows it: its title line (if it has one) and its paragraphs.

    Lines before the title (a site name) and a scraped 发布日期 line are the
    page's furniture, not the article.
    """
    lines = [ln.strip(" \u3000") for ln in text.splitlines() if ln.strip(" \u3000")]
    for i, line in enumerate(lines[:3]):
        if "报告" in line and len(line) <= 60 and not line.endswith(("。", "：")):
            return line, [ln for ln in lines[i + 1:] if not ln.startswith("发布日期")]
    return "", lines


def portal_page(title: str, paragraphs: list[str], *, publisher: str = "", written: str = "", published: str = "",
                index_no: str = "", site: str = "某县人民政府", charset: str = "gb2312", style: str = "xxgk") -> bytes:
    """A detail page as a county portal serves it, encoded in ``charset``.

    ``style`` ``xxgk``: 政府信息公开 page, fields in a table and in ``<meta>``
    tags, paragraphs as ``<p>`` with ``&nbsp;`` indents. ``news``: a news-style
    page, no ``<meta>`` fields, fields in an info line and a ``<ul>``, the
    article as one ``<div>`` of ``<br>``-separated lines in an old layout table.
    """
    e = html.escape
    nav = ("<div class=\"nav\"><ul>" + "".join(f"<li><a href=\"/{i}\">{n}</a></li>" for i, n in
           enumerate(["首页", "政务公开", "政务服务", "互动交流", "走进" + site[:2]])) + "</ul></div>")
    head_meta = ""
    if style == "xxgk":
        head_meta = (f'<meta name="SiteName" content="{e(site)}"><meta name="SiteDomain" content="www.example.gov.cn">'
                     f'<meta name="SiteIdCode" content="4100000001"><meta name="ColumnName" content="法治政府建设">'
                     f'<meta name="ArticleTitle" content="{e(title)}"><meta name="PubDate" content="{e(published)} 09:30">'
                     f'<meta name="ContentSource" content="{e(publisher)}"><meta name="Keywords" content="法治政府">')
    charset_tag = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if style == "xxgk"
                   else f'<meta charset="{charset}">')
    top = (f'<div class="top-bar">欢迎访问{e(site)}网站 <a href="#">无障碍</a> <a href="#">长者模式</a> '
           f'<a href="#">繁體</a> <span id="today"></span></div>'
           f'<div class="header"><div class="logo"><img src="logo.png" alt="{e(site)}"></div>'
           '<div class="search"><form action="/search"><input name="q" value="请输入关键字"><button>搜索</button></form></div>'
           f'</div>{nav}'
           '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; '
           '<a href="/fzzf">法治政府建设</a></div>')
    footer = (f'<div class="footer"><p>主办单位：{e(site)}办公室　承办：大数据中心</p>'
              '<p>网站标识码：4100000001　豫ICP备05012345号-1　<img src="ga.png">豫公网安备 41000002000123号</p>'
              '<p>联系电话：0391-1234567　技术支持：某某网络科技有限公司</p></div>'
              '<script>var _hmt = _hmt || []; (function(){var hm = document.createElement("script");})();</script>')
    related = ('<div class="related"><h3>相关阅读</h3><ul><li><a href="/a1">关于2022年法治政府建设情况的报告</a></li>'
               '<li><a href="/a2">市司法局召开法治政府建设推进会</a></li></ul></div>')
    share = ('<div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>'
             '<div class="print"><a href="javascript:window.print()">【打印本页】</a>'
             '<a href="javascript:window.close()">【关闭窗口】</a></div>')
    if style == "xxgk":
        table = ('<table class="xxgk-table" cellpadding="0">'
                 f'<tr><th>索 引 号：</th><td>{e(index_no)}</td><th>主题分类：</th><td>司法</td></tr>'
                 f'<tr><th>发布机构：</th><td>{e(publisher)}</td><th>成文日期：</th><td>{e(written)}</td></tr>'
                 f'<tr><th>标　　题：</th><td colspan="3">{e(title)}</td></tr>'
                 f'<tr><th>文　　号：</th><td></td><th>发布日期：</th><td>{e(published)}</td></tr></table>')
        body = "\n".join(f'<p style="text-indent:2em;">&nbsp;&nbsp;<span style="font-family:仿宋">{e(p)}</span></p>'
                         for p in paragraphs)
        article = (f'<div class="article"><h1 class="title">{e(title)}</h1>'
                   f'<div class="info">发布时间：{e(published)} 09:30　来源：{e(publisher)}　浏览次数：<span id="hits">128</span>'
                   '　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>'
                   f'<div id="zoom" class="TRS_Editor"><div class="view TRS_UEDITOR">{body}</div></div>{share}</div>')
        main = f'<div class="main w1200">{table}{article}{related}</div>'
    else:
        info = (f'<ul class="xxgk-info"><li><span>索引号：</span>{e(index_no)}</li><li><span>发布机构：</span>{e(publisher)}</li>'
                f'<li><span>成文日期：</span>{e(written)}</li></ul>')
        # Source line breaks inside a paragraph, as editors leave them; <br> between paragraphs.
        body = "<br>\n".join("　　" + e(p[:30]) + "\n" + e(p[30:]) if len(p) > 40 else "　　" + e(p) for p in paragraphs)
        article = (f'<table width="1000" border="0"><tr><td class="left-col" width="200">'
                   '<div class="side"><a href="/l1">通知公告</a><a href="/l2">政策解读</a></div></td>'
                   f'<td width="800"><div class="tit"><b>{e(title)}</b></div>'
                   f'<div class="source">发布日期：{e(published)}　来源：{e(publisher)}</div>{info}'
                   f'<div class="pages_content" style="font-size:16px">{body}</div>'
                   '<div style="display:none">隐藏的统计代码</div>'
                   f'{share}</td></tr></table>')
        main = f'<div class="container">{article}{related}</div>'
    page = (f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><head>{charset_tag}'
            f'<title>{e(title)}_{e(site)}</title>{head_meta}'
            '<link rel="stylesheet" href="/css/style.css"><script src="/js/jquery.min.js"></script>'
            '<style>.main{width:1200px} #zoom p{line-height:2}</style></head>\n'
            f'<body>{top}{main}{footer}</body></html>')
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset)


SEED_META = {  # what the portal table of each seed's page says
    "000": dict(publisher="博爱县司法局", written="2024年01月12日", published="2024-01-15", site="博爱县人民政府"),
    "001": dict(publisher="泽州县司法局", written="2024年02月28日", published="2024-02-29", site="泽州县人民政府"),
    "002": dict(publisher="郏县人民政府", written="2024年01月20日", published="2024-01-22", site="郏县人民政府"),
    "003": dict(publisher="李庄乡人民政府", written="2024年01月08日", published="2024-01-09", site="宝丰县人民政府"),
    "004": dict(publisher="陕州区司法局", written="2024年01月25日", published="2024-01-26", site="三门峡市陕州区人民政府"),
}


def seed_page(seed_text: str, key: str, style: str = "xxgk", charset: str = "gb2312") -> tuple[bytes, str, list[str]]:
    """A portal page for a seed report; returns the page, the title it shows and the article's paragraphs."""
    title, paragraphs = seed_parts(seed_text)
    if not title:
        title = f"{SEED_META[key]['publisher'][:2]}2023年度法治政府建设情况报告"
    return (portal_page(title, paragraphs, index_no=f"11410000MB0000000X/2024-000{key}", style=style, charset=charset,
                        **SEED_META[key]), title, paragraphs)


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("style,charset", [("xxgk", "gb2312"), ("news", "utf-8")])
def test_the_article_of_every_seed_is_kept_line_by_line(seeds_dir, style, charset):
    for f in sorted(seeds_dir.glob("*.txt")):
        seed = f.read_text(encoding="utf-8-sig")
        page, title, paragraphs = seed_page(seed, f.name[:3], style, charset)
        r = read_bytes(page, ".html")
        lines = r.text.split("\n")
        assert lines[0] == title, f.name
        # Each paragraph on a line of its own (headings included), nothing else.
        assert [_squash(ln) for ln in lines[1:]] == [_squash(p) for p in paragraphs], f.name
        for word in FURNITURE:
            assert word not in r.text or word in seed, (f.name, word)
        assert r.encoding == ("gb18030" if charset == "gb2312" else "utf-8")


def test_portal_fields_go_into_meta(seeds_dir):
    page, title, _ = seed_page((seeds_dir / "000_5587728e0baa21d6.txt").read_text(encoding="utf-8-sig"), "000")
    assert read_html(page).meta == {"title": "关于2023年法治政府建设情况的报告", "publisher": "博爱县司法局",
                                    "date": "2024-01-15", "index_no": "11410000MB0000000X/2024-000000"}


def test_fields_from_an_info_list_without_meta_tags(seeds_dir):
    page, title, _ = seed_page((seeds_dir / "004_e41503e62c4741d1.txt").read_text(encoding="utf-8"), "004", style="news",
                               charset="utf-8")
    assert read_html(page).meta == {"title": "陕州区司法局2023年度法治政府建设报告", "publisher": "陕州区司法局",
                                    "date": "2024-01-26", "index_no": "11410000MB0000000X/2024-000004"}


def test_headings_stay_on_their_own_lines_when_the_page_uses_br_and_divs():
    page = ('<html><body><div class="content"><div>2023年，我镇推进法治建设。</div><div>一、主要成效</div>'
            '<div>（一）强化组织领导<br>成立领导小组。<br/>（二）深化普法<br>开展“法律明白人”培训。</div></div></body></html>')
    assert read_html(page.encode("utf-8")).text.split("\n") == [
        "2023年，我镇推进法治建设。", "一、主要成效", "（一）强化组织领导", "成立领导小组。", "（二）深化普法",
        "开展“法律明白人”培训。"]


def test_a_wrong_charset_declaration_falls_back_to_detection():
    text = "关于2023年法治政府建设情况的报告。一、推进“八五”普法。"
    page = f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'.encode("gb18030")
    r = read_html(page)
    assert r.text == text and r.encoding == "gb18030"


def test_gb2312_declared_pages_with_gbk_characters_read():
    text = "镕堃喆，法治政府建设。"  # 镕 堃 喆 are outside GB2312, as in many names
    page = f'<html><head><meta charset="gb2312"></head><body><p>{text}</p></body></html>'.encode("gb18030")
    assert read_html(page).text == text


def test_pre_keeps_its_line_breaks():
    page = "<html><body><pre>一、工作成效\n推进述法。\n二、下一步打算\n深化普法。</pre></body></html>"
    assert read_html(page.encode("utf-8")).text == "一、工作成效\n推进述法。\n二、下一步打算\n深化普法。"


def test_html_saved_as_txt_is_read_as_html():
    page = "<!DOCTYPE html><html><body><div class='nav'><a href='/'>首页</a></div><p>一、工作成效</p></body></html>"
    assert read_bytes(page.encode("utf-8"), ".txt").text == "一、工作成效"


@pytest.mark.parametrize("value,expected", [
    ("2024年01月12日", "2024-01-12"), ("2024-2-9 10:30:00", "2024-02-09"), ("2024/02/29", "2024-02-29"),
    ("2024.1.5", "2024-01-05"), ("2023-02-29", ""), ("无", ""),
])
def test_dates_are_normalised(value, expected):
    assert normalize_date(value) == expected


def test_charset_declarations():
    assert html_charset(b'<meta charset="GBK">') == "gb18030"
    assert html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />') == "utf-8"
    assert html_charset(b'<?xml version="1.0" encoding="big5"?><html>') == "big5"
    assert html_charset(b'<meta charset="no-such-codec">') is None
    for name in CHARSETS:  # codecs that are no text encoding, or no charset at all
        assert html_charset(f'<meta charset="{name}">'.encode()) is None, name
    assert html_charset(b"<html><body>") is None


@pytest.mark.parametrize("page,reason", [
    (b"<html><head><title>x</title></head><body><div class='nav'><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></div></body></html>",
     "no article text"),
    (b"   \n\t ", "empty file"),
])
def test_pages_without_an_article_are_refused(page, reason):
    with pytest.raises(FormatError, match=reason):
        read_bytes(page, ".html")


def test_an_old_table_layout_page_without_class_names():
    # Early-2010s county sites: layout tables, <font>, &emsp; indents, footer text in a plain cell.
    paragraphs = ["2023年，我镇在县委、县政府的领导下，扎实推进法治政府建设。", "一、主要工作", "（一）开展“法律明白人”培训三期。",
                  "（二）推进“八五”普法，开展送法进村活动十二场。", "二、存在问题", "基层法治力量仍然薄弱。"]
    cells = "".join(f"<p>&emsp;&emsp;<font face='仿宋' size='4'>{p}</font></p>" for p in paragraphs)
    page = ("<html><head><meta charset='utf-8'><title>某镇2023年法治政府建设工作报告-某县人民政府网</title></head><body>"
            "<table width='1000'><tr><td><a href='/'>首页</a> | <a href='/a'>政务公开</a> | <a href='/b'>办事服务</a></td></tr>"
            "<tr><td>今天是：2024年1月15日 星期一</td></tr></table>"
            "<table width='1000'><tr><td width='220'><a href='/c'>通知公告</a><br><a href='/d'>工作动态</a></td>"
            f"<td><table><tr><td align='center'><b>某镇2023年法治政府建设工作报告</b></td></tr><tr><td>{cells}</td></tr></table></td></tr></table>"
            "<table width='1000'><tr><td>版权所有：某县人民政府　网站标识码：4100000001<br>豫ICP备05012345号　技术支持：某某公司</td></tr>"
            "</table></body></html>")
    r = read_html(page.encode("utf-8"))
    assert r.text.split("\n") == ["某镇2023年法治政府建设工作报告", *paragraphs]
    assert r.meta == {"title": "某镇2023年法治政府建设工作报告"}


def test_a_large_page_is_read_whole(seeds_dir):
    text = (seeds_dir / "001_8af15fb0e70292a2.txt").read_text(encoding="utf-8")
    title, paragraphs = seed_parts(text)
    page = portal_page(title, paragraphs * 120, publisher="泽州县司法局", published="2024-02-29", style="xxgk")
    assert len(page) > 1_000_000
    r = read_html(page)  # how fast: a benchmark's question, not a test's
    assert len(r.text.split("\n")) == 1 + len(paragraphs) * 120


def test_the_publishing_body_wins_over_a_news_source_printed_first():
    page = ("<html><body><div class='info'>来源：县融媒体中心　发布时间：2024-03-01</div>"
            "<table><tr><td>发布机构：</td><td>某县司法局</td><td>成文日期：</td><td>2024年2月27日</td></tr></table>"
            "<div id='zoom'><p>一、工作成效</p><p>推进述法。</p></div></body></html>")
    assert read_html(page.encode("utf-8")).meta == {"publisher": "某县司法局", "date": "2024-03-01"}


@pytest.mark.parametrize("charset", CHARSETS)
def test_a_charset_that_names_no_text_encoding_is_ignored_and_named(seeds_dir, charset):
    text = (seeds_dir / "003_d39ef96161d7b447.txt").read_text(encoding="utf-8")
    r = read_html(charset_html(charset, text))
    assert r.encoding == "utf-8"
    assert _squash(r.text).endswith(_squash(text.splitlines()[-1]))
    assert r.warnings == (f"declares charset {charset!r}, "
                          + ("no encoding Python knows" if charset.startswith("x-") else "not a text encoding")
                          + "; the encoding was detected",)


def test_a_page_nested_deeper_than_256_levels_keeps_its_text():
    r = read_html(deep_html(20_000, 300, "一、工作成效</p><p>我县推进“八五”普法。"))
    assert r.text.split("\n")[:3] == ["2023年法治政府建设情况报告", "一、工作成效", "我县推进“八五”普法。"]


def test_a_page_nested_deeper_than_the_parser_reads_says_so():
    with pytest.raises(FormatError, match=r"^HTML nested more than 2,048 elements deep; the parser stops there"):
        read_html(deep_html(20_000, 2100))


def test_a_deeply_nested_page_reads_as_a_flat_one_does():
    # 20 MiB of <div> chains 250 deep took 272 s: every element's text was walked again for each
    # ancestor. The time is the benchmark's to watch; a test on a shared machine only checks the text.
    texts = [read_html(deep_html(256 * 1024, depth)).text for depth in (1, 250)]
    assert all(t.count("我县推进“八五”普法") > 50 for t in texts)


def test_a_metadata_table_with_a_deeply_nested_value_is_read():
    # The labels of a metadata table are found in cells of any depth, with their first value.
    page = ("<html><body><table><tr><td>索引号：</td><td>" + "<div>" * 300 + "001/2024-01" + "</div>" * 300 + "</td>"
            "<td>发布机构：</td><td></td></tr><tr><td>发布机构：</td><td>某县司法局</td></tr></table>"
            "<div id='zoom'><p>一、工作成效</p><p>推进述法。</p></div></body></html>")
    r = read_html(page.encode("utf-8"))
    assert (r.text, r.meta) == ("一、工作成效\n推进述法。", {"index_no": "001/2024-01", "publisher": "某县司法局"})


def test_the_pages_own_address_goes_into_meta_and_places_a_shared_township(tmp_path):
    from govkg.kg.build import build
    from govkg.kg.store import open_graph

    body = "<div id='zoom'><p>下洋镇2023年法治政府建设年度报告</p><p>一、工作成效</p><p>我镇推进普法，培养法律明白人，全镇稳定。</p></div>"
    for name, head in (("canonical.html", "<link rel='canonical' href='http://www.xuwen.gov.cn/xxgk/post_1.html'>"),
                       ("og.html", "<meta property='og:url' content='http://www.xuwen.gov.cn/xxgk/post_2.html'>"),
                       ("relative.html", "<link rel='canonical' href='/xxgk/post_3.html'>")):
        page = f"<html><head><meta charset='utf-8'>{head}</head><body>{body}<p>{name}</p></body></html>"
        (tmp_path / name).write_text(page, encoding="utf-8")
        meta = read_html(page.encode("utf-8")).meta
        assert meta.get("source_url", "").startswith("http://www.xuwen") == (name != "relative.html")
    build([tmp_path], tmp_path / "g")
    G = open_graph(tmp_path / "g")
    placed = {G.nodes[r]["file"]: G.nodes[a] for r, a, e in G.edges(data=True) if e["type"] == "ABOUT"}
    assert not placed["canonical.html"]["ambiguous"] and not placed["og.html"]["ambiguous"]  # 徐闻县, from the address
    assert placed["relative.html"]["ambiguous"]  # 下洋镇 is in three counties, and nothing says which
