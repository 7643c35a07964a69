"""The templates on a Chinese page: Chinese headers, labels and verdict words, the official
wording as a target's title, data text in Chinese, lang="en" on English text and no lang="zh" on
a Chinese page; and the same templates on an English page as they were.

The fixtures are small hand-made objects carrying both languages' fields, so that the templates
are tested apart from the data and from the Python modules that write sentences (their own tests
cover them): where a view field is a sentence, the fixture holds what that module would write."""

from __future__ import annotations

import re
from types import SimpleNamespace as NS

import pandas as pd
import pytest

from plantrack import i18n
from plantrack.html import lang_of, render
from plantrack.i18n import MissingTranslation, language
from plantrack.scoreboard import Cell
from plantrack.verdicts import Group, Verdict

# The words of words.py's tables (NEED_WORDS, OUTCOME_WORDS, LANGUAGE_WORDS) belong to the
# sentences catalogue, which another change fills; the templates translate them with _().
# These tests lend them Chinese where the catalogue has none yet.
TABLE_WORDS = {"for evidence": "查找证据", "found nothing": "未找到", "found something": "有所发现",
               "English": "英文", "Chinese": "中文"}


@pytest.fixture
def table_words(monkeypatch):
    table = i18n.catalogue("zh")
    for english, chinese in TABLE_WORDS.items():
        if english not in table:
            monkeypatch.setitem(table, english, chinese)


def visible(html: str) -> str:
    """What a reader of the page sees, less the elements marked as English and the code ids."""
    html = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", html, flags=re.S)
    html = re.sub(r"<code[^>]*>.*?</code>", " ", html, flags=re.S)
    html = re.sub(r'(title|aria-label)="([^"]*)"', r"> \2 <", html)  # attributes read out
    return re.sub(r"<[^>]+>", " ", html)


def english_words(html: str) -> list[str]:
    """Runs of two or more English words a Chinese reader would meet unmarked."""
    return re.findall(r"[A-Za-z]{2,}(?: [A-Za-z]{2,})+", visible(html))


# --------------------------------------------------------------------------- fixtures

def target(**changes):
    fields = dict(id="com-sales", former_ids=["com-sales-old"], area="commerce", clause="一(三)", kind="threshold",
                  wording_en="Online sales reach 1.2 trillion yuan.", wording_zh="网络零售额达到1.2万亿元",
                  deadline=2017, deadline_note="the plan's first goal year", deadline_note_zh="规划的第一个目标年份",
                  proxy="The plan's own indicator is not published.", proxy_zh="规划所用指标未公开发布。")
    fields.update(changes)
    return NS(**fields)


def indicator(**changes):
    fields = dict(id="sales", name_en="Online sales", name_zh="网络零售额", unit="亿元",
                  definition="Retail sales over the internet.", definition_zh="通过网络实现的零售额。",
                  publisher="浙江省商务厅", caveats="Counted where the seller is registered.", caveats_zh="按卖方注册地统计。")
    fields.update(changes)
    return NS(**fields)


def assessment(verdict=Verdict.MET, now=Verdict.MET, proxy=True):
    return NS(verdict=verdict, status_now=now, quality="B", proxy=proxy)


def head_view(**changes):
    fields = dict(target=target(), assessment=assessment(), indicator=indicator(), baseline="2015年7611亿元", issue_url="")
    fields.update(changes)
    return NS(**fields)


SOURCES = [
    {"source_id": "zj-bulletin", "publisher": "浙江省统计局", "original_publisher": "", "title": "2017年浙江省国民经济和社会发展统计公报",
     "url": "http://127.0.0.1/b", "published": "2018-02-27", "kind": "official_statistics", "language": "zh",
     "quotes": ["全年网络零售额13337亿元"], "count": 3},
    {"source_id": "cd-2018", "publisher": "China Daily", "original_publisher": "", "title": "Zhejiang online sales top 1 trillion",
     "url": "http://127.0.0.1/c", "published": "", "kind": "news", "language": "en",
     "quotes": ["online retail sales reached 1.3 trillion yuan"], "count": 1},
    {"source_id": "hz-repost", "publisher": "杭州网", "original_publisher": "浙江日报", "title": "我省网络零售额突破万亿元",
     "url": "http://127.0.0.1/r", "published": "2018-01-20", "kind": "repost", "language": "zh", "quotes": [], "count": 1},
]


# --------------------------------------------------------------------------- lang attributes

def test_lang_attribute_only_on_text_in_another_language_than_the_page():
    assert (lang_of("zh"), lang_of("zh-hans"), lang_of("en"), lang_of("")) == (' lang="zh"', ' lang="zh-Hans"', "", "")
    with language("zh"):
        assert (lang_of("zh"), lang_of("zh-hans"), lang_of("en")) == ("", "", ' lang="en"')
        assert lang_of("zh-hant") == ' lang="zh-Hant"'  # traditional characters stay marked
        # a Chinese source's title written by us in English, and an untitled page described in both
        assert lang_of("zh", "LOGINK platform") == ' lang="en"'
        assert lang_of("zh", "untitled page (阿里研究院发布淘宝村名单)") == ""
    assert lang_of("zh", "untitled page (阿里研究院发布淘宝村名单)") == ""


# --------------------------------------------------------------------------- a target's head

def test_a_chinese_target_head_is_titled_by_the_official_wording_and_written_in_chinese():
    with language("zh"):
        html = render("target_head.html", view=head_view())
    assert '<h2 class="target-title" id="com-sales">网络零售额达到1.2万亿元 <a class="headerlink" href="#com-sales" title="链接到此目标">#</a></h2>' in html
    # the English rendering beneath it, marked as English, instead of the wording twice
    assert '<blockquote class="wording" lang="en">Online sales reach 1.2 trillion yuan.</blockquote>' in html
    assert html.count("网络零售额达到1.2万亿元") == 1
    assert "（原编号<code>com-sales-old</code>）" in html and "条款一(三) · 阈值目标 · 截止年份2017（规划的第一个目标年份）" in html
    assert "评论此目标" in html
    assert ('<strong>截止年结论：</strong><span class="verdict verdict-met">达标</span> · '
            '<strong>当前状态：</strong><span class="verdict verdict-met">达标</span> · <strong>数据质量等级：</strong>B') in html
    assert '<p class="admonition-title">替代指标</p><p>规划所用指标未公开发布。</p>' in html
    assert "<strong>指标：</strong>网络零售额，单位：亿元。通过网络实现的零售额。发布单位：浙江省商务厅。" in html
    assert "<strong>注：</strong>按卖方注册地统计。" in html and "<strong>基期值：</strong>2015年7611亿元。" in html
    assert 'lang="zh' not in html and english_words(html) == []


def test_the_english_target_head_is_as_before():
    html = render("target_head.html", view=head_view())
    assert '<h2 class="target-title" id="com-sales">Online sales reach 1.2 trillion yuan. <a class="headerlink" href="#com-sales" title="Link to this target">#</a></h2>' in html
    assert ('<p class="target-meta"><code>com-sales</code> (formerly <code>com-sales-old</code>) · clause 一(三) · threshold · '
            "deadline 2017 (the plan&#39;s first goal year)</p>") in html
    assert '<blockquote class="wording" lang="zh">网络零售额达到1.2万亿元</blockquote>' in html
    assert ('<p><strong>Verdict at the deadline:</strong> <span class="verdict verdict-met">met</span> · <strong>now:</strong> '
            '<span class="verdict verdict-met">met</span> · <strong>data quality:</strong> B</p>') in html
    assert ('<p><strong>Indicator:</strong> Online sales (<span lang="zh">网络零售额</span>), 亿元. Retail sales over the internet. '
            'Publisher: <span lang="zh">浙江省商务厅</span>.</p>') in html
    assert '<p class="caveat"><strong>Caveat:</strong> Counted where the seller is registered.</p>' in html
    assert "<p><strong>Baseline:</strong> 2015年7611亿元.</p>" in html
    assert 'lang="en"' not in html


def test_a_chinese_page_never_shows_english_data_text_in_place_of_chinese():
    with language("zh"), pytest.raises(MissingTranslation, match="definition_zh"):
        render("target_head.html", view=head_view(indicator=indicator(definition_zh="")))


def test_a_milestone_head_without_indicator_or_proxy():
    view = head_view(target=target(kind="milestone", proxy=None, proxy_zh=None, deadline_note=None, former_ids=[]),
                     indicator=None, assessment=assessment(Verdict.PARTLY_ACHIEVED, Verdict.ACHIEVED, proxy=False))
    with language("zh"):
        html = render("target_head.html", view=view)
    assert "定性目标 · 截止年份2017</p>" in html and "部分完成" in html and "已完成" in html
    assert "替代指标" not in html and "指标：" not in html


# --------------------------------------------------------------------------- tables

def test_summary_table_in_chinese():
    targets = [(target(), assessment(Verdict.NOT_MET, Verdict.MET)),
               (target(id="gov-cloud", kind="milestone", wording_zh="建成政务云平台", wording_en="Build the cloud.", proxy=None),
                assessment(Verdict.NO_EVIDENCE, Verdict.UNKNOWN, proxy=False))]
    with language("zh"):
        html = render("summary_table.html", targets=targets)
    assert "<th>目标</th><th>规划原文</th><th>截止年份</th><th>截止年结论</th><th>当前状态</th><th>数据质量等级</th>" in html
    assert "<td>网络零售额达到1.2万亿元</td>" in html and "<td>建成政务云平台</td>" in html
    assert '<span class="verdict verdict-not_met">未达标</span> <span class="proxy-flag">替代指标</span>' in html
    assert '<span class="verdict verdict-unknown">无证据</span>' in html and '<span class="verdict verdict-unknown">不明</span>' in html
    assert 'aria-label="目标一览，可横向滚动"' in html and english_words(html) == []
    english = render("summary_table.html", targets=targets)
    assert "<th>Target</th><th>What the plan set</th><th>Deadline</th><th>Verdict at deadline</th><th>Now</th><th>Data quality</th>" in english
    assert '<span class="verdict verdict-not_met">not met</span> <span class="proxy-flag">proxy</span>' in english
    assert 'aria-label="Targets at a glance, scrolls sideways"' in english


def test_scoreboard_in_chinese():
    rows = [{"group": g, "quantified": Cell(n, 4), "milestones": Cell(0, 2), "deadline": Cell(n, 6), "now": Cell(n, 6)}
            for g, n in zip(Group, (2, 1, 1, 0))]
    bars = [("截止年", [(r["group"], r["deadline"]) for r in rows])]
    with language("zh"):
        html = render("scoreboard.html", rows=rows, bars=bars)
    assert ("<th>结论</th><th>量化目标（截止年）</th><th>定性目标（截止年）</th><th>全部目标（截止年）</th><th>全部目标（当前）</th>") in html
    assert '<span class="verdict verdict-met">达标或已完成</span>' in html
    assert '<span class="verdict verdict-not_met">未达标、尚未完成或有反证</span>' in html
    assert english_words(html) == []


def test_overview_areas_are_titled_in_the_page_language():
    area = NS(id="commerce", title_en="Internet Plus commerce", title_zh="“互联网+商务”")
    areas = [(area, [(target(), assessment())])]
    with language("zh"):
        html = render("overview_table.html", areas=areas)
    assert '<h3 class="overview-area">“互联网+商务”</h3>' in html
    assert "<th>目标</th><th>截止年份</th><th>结论</th><th>当前状态</th><th>质量等级</th>" in html
    assert ">网络零售额达到1.2万亿元</a>" in html and english_words(html) == []
    english = render("overview_table.html", areas=areas)
    assert '<h3 class="overview-area">Internet Plus commerce <span lang="zh">“互联网+商务”</span></h3>' in english


def test_provincial_table_caption_names_the_series_once_in_chinese():
    view = NS(target=NS(id="com-sales"), standing=[{"indicator": indicator(), "total_label": "31个省份合计",
                                                   "rows": [{"year": 2017, "value": "13337亿元", "rank": "第2位", "share": ""}]}])
    with language("zh"):
        html = render("provinces.html", view=view)
    assert "<h3>浙江在各省中的位置</h3>" in html
    assert "<caption>网络零售额。合计：31个省份合计。</caption>" in html
    assert 'aria-label="网络零售额各省比较（com-sales），可横向滚动"' in html  # a landmark named uniquely on its page
    assert "<th>年份</th><th>浙江</th><th>位次</th><th>占比</th>" in html and "<td>无占比</td>" in html
    assert english_words(html) == []


# --------------------------------------------------------------------------- evidence and sources

def evidence_view(searches=None):
    record = dict(record_id="r1", date="2017-06", summary="The cloud went live.", summary_zh="政务云平台上线。",
                  quote="浙江政务服务网上线", lang="zh", source_id="gov-2017", url="http://127.0.0.1/g",
                  grades="全省；已完成或已运行；目标所指事项", counted=True, verdict=Verdict.ACHIEVED, reason="",
                  decides="截止年和当前")
    other = dict(record, record_id="r2", summary="A plan only.", summary_zh="仅为规划。", quote="a plan to build the cloud",
                 lang="en", counted=False, verdict=None, reason="仅描述规划", decides="")
    return NS(target=target(), evidence=[record, other], searches=searches if searches is not None else pd.DataFrame())


def test_evidence_in_chinese():
    with language("zh"):
        html = render("evidence.html", view=evidence_view())
    assert "<h3>证据记录</h3>" in html and '<a href="../methodology.html#graded-evidence-for-milestones">规则表</a>' in html
    assert "状态日期不晚于2017年的计入记录中" in html
    assert ("<th>状态日期</th><th>范围；状态；匹配程度</th><th>计为</th><th>决定</th><th>摘要</th><th>原文摘录</th><th>来源</th>") in html
    assert '<span class="verdict verdict-met">已完成</span>' in html and "<td>决定结论（截止年和当前）</td>" in html
    assert "<td>政务云平台上线。</td>" in html and "<td>仅描述规划</td>" in html and "<td>仅为规划。</td>" in html
    assert "<summary>已查阅、不计入：1条记录</summary>" in html
    assert "<q>浙江政务服务网上线</q>" in html and '<q lang="en">a plan to build the cloud</q>' in html
    assert 'lang="zh' not in html and english_words(html) == []


def test_english_evidence_is_as_before():
    html = render("evidence.html", view=evidence_view())
    assert '<q lang="zh">浙江政务服务网上线</q>' in html and "<q>a plan to build the cloud</q>" in html
    assert "<summary>Read, not counted: 1 record</summary>" in html
    assert "<td>The cloud went live.</td>" in html and "<td>decides the verdict 截止年和当前</td>" in html
    assert "by the <a href=\"../methodology.html#graded-evidence-for-milestones\">rule table</a>." in html


def test_sources_and_figure_tabs_in_chinese():
    with language("zh"):
        sources = render("sources.html", view=NS(sources=SOURCES))
        figure = render("figure.html", chart_html="", figure=NS(
            is_card=False, key="com-sales", title="网络零售额", unit=NS(axis_title="亿元"), description="2015至2017年的3个年度数据。",
            rows=[{"when": "2017年", "value": "13337亿元", "kind": "年度数据", "source": "zj-bulletin", "url": "http://127.0.0.1/b", "language": "zh"},
                  {"when": "2018年", "value": "1.6万亿元", "kind": "其他来源数据", "source": "Zhejiang online sales top 1 trillion",
                   "url": "http://127.0.0.1/c", "language": "en"}],
            sources=[{k: s[k] for k in ("source_id", "publisher", "title", "url", "published", "language", "quotes")} for s in SOURCES[:2]]))
    assert "<h3>来源</h3>" in sources
    assert ('<li>浙江省统计局，<a href="http://127.0.0.1/b" rel="noopener">2017年浙江省国民经济和社会发展统计公报</a>，2018-02-27；官方统计。 '
            "<code>zj-bulletin</code>") in sources
    assert '<li><span lang="en">China Daily</span>，<a href="http://127.0.0.1/c" rel="noopener" lang="en">Zhejiang online sales top 1 trillion</a>；新闻报道。' in sources
    assert "杭州网（原载浙江日报）" in sources and "转载。" in sources
    assert '<q lang="en">online retail sales reached 1.3 trillion yuan</q>' in sources and "<q>全年网络零售额13337亿元</q>" in sources
    assert '<label for="com-sales-tab-chart">图</label>' in figure and '<label for="com-sales-tab-table">表</label>' in figure
    assert '<label for="com-sales-tab-sources">来源</label>' in figure
    assert "<th>时期</th><th>数值</th><th>类别</th><th>来源</th>" in figure
    assert '<td><a href="http://127.0.0.1/c" rel="noopener" lang="en">Zhejiang online sales top 1 trillion</a></td>' in figure  # an English title
    assert ('<li><span lang="en">China Daily</span>，<a href="http://127.0.0.1/c" rel="noopener" lang="en">Zhejiang online sales top 1 trillion</a>'
            '<br><q lang="en">') in figure
    for html in (sources, figure):
        assert 'lang="zh' not in html and english_words(html) == []


def test_english_sources_are_as_before():
    html = render("sources.html", view=NS(sources=SOURCES))
    assert ('<li><span lang="zh">杭州网</span> (originally <span lang="zh">浙江日报</span>), '
            '<a href="http://127.0.0.1/r" rel="noopener" lang="zh">我省网络零售额突破万亿元</a>, 2018-01-20; repost.') in html
    assert '<li>China Daily, <a href="http://127.0.0.1/c" rel="noopener">Zhejiang online sales top 1 trillion</a>; news.' in html


def test_bibliography_in_chinese(table_words):
    mix = {"sources_by_kind": {"official_statistics": 1, "government_release": 0, "news": 1, "repost": 1},
           "observations": 4, "observations_official": 3, "evidence": 2, "evidence_official": 0}
    with language("zh"):
        html = render("bibliography.html", sources=SOURCES, mix=mix)
    assert "来源类型：官方统计1个、政府发布0个、新闻报道1个、转载1个。" in html
    assert "4个数据中，3个（75%）来自官方来源" in html and "2条证据记录中，0条（0%）来自官方来源。" in html
    assert "<th>编号</th><th>发布单位</th><th>标题</th><th>发布日期</th><th>类型</th><th>语言</th><th>数据和证据记录</th>" in html
    assert "<td>中文</td>" in html and "<td>英文</td>" in html and "<td>杭州网（原载浙江日报）</td>" in html
    assert 'lang="zh' not in html and english_words(html) == []
    english = render("bibliography.html", sources=SOURCES, mix=mix)
    assert "Sources by kind: 1 official statistics, 0 government release, 1 news, 1 repost." in english
    assert "<td>English</td>" in english and '<span lang="zh">杭州网</span> (originally <span lang="zh">浙江日报</span>)' in english


def test_search_log_marks_english_queries_on_a_chinese_page(table_words, monkeypatch):
    from plantrack import html as html_module

    monkeypatch.setitem(html_module._ENV.globals, "search_summary", lambda logged: f"检索词{len(logged)}个")
    logged = pd.DataFrame({"query": ["浙江 网络零售额 2017年", "Zhejiang online sales 2017", "浙江 網絡零售額"],
                           "language": ["zh-hans", "en", "zh-hant"], "need": ["evidence"] * 3,
                           "outcome": ["found", "nothing", "nothing"]})
    with language("zh"):
        html = render("search_log.html", targets=[(target(), logged)], corpus="已存公开网页")
    assert "<summary>网络零售额达到1.2万亿元 <code class=\"target-id\">com-sales</code>：检索词3个</summary>" in html
    assert "<li>浙江 网络零售额 2017年：查找证据，有所发现</li>" in html
    assert '<li><span lang="en">Zhejiang online sales 2017</span>：查找证据，一无所获</li>' in html
    assert '<li><span lang="zh-Hant">浙江 網絡零售額</span>：' in html
    assert "检索范围为已存公开网页；" in html and english_words(html) == []


# --------------------------------------------------------------------------- small parts

def test_sentences_are_joined_as_each_language_writes_them():
    view = NS(facts=[("截止年数值", "13337亿元")], sentences=["网络零售额达到目标。", "进展显著。"])
    with language("zh"):
        assert "<p class=\"generated\">网络零售额达到目标。进展显著。</p>" in render("verdict_block.html", view=view)
    view = NS(facts=[], sentences=["Sales met the target.", "Progress was significant."])
    assert "<p class=\"generated\">Sales met the target. Progress was significant.</p>" in render("verdict_block.html", view=view)


def test_fixed_messages_of_small_templates_in_chinese():
    with language("zh"):
        assert render("no_figures.html") == '<p class="gap">未找到本指标的已发布数据：略去该图，不绘制空图。</p>'
        assert "下载com-sales所示数据（CSV）" in render("download.html", url="x.csv", target_id="com-sales")
        assert "2026.1版本是第一个版本" in render("changes.html", previous="", edition="2026.1", changes=None, sections=[])
        assert "尚未导入分省数据表。" in render("where_zhejiang_stands.html", rows=[])
        area = NS(clause="二(一)", title_zh="“互联网+创新”活力迸发", description="New technologies.", description_zh="新技术、新产品。",
                  agencies=[], agencies_note=None)
        html = render("area_context.html", area=area, count=3, kinds="定性目标2个、阈值目标1个")
    assert "<strong>规划条款：</strong>二(一) “互联网+创新”活力迸发" in html and "<strong>规划要求：</strong>新技术、新产品。" in html
    assert "<strong>责任单位：</strong>未列明" in html and "<strong>本章目标：</strong>3个（定性目标2个、阈值目标1个）。" in html
    assert 'lang="zh' not in html and english_words(html) == []


def test_the_issue_link_beside_the_comment_link_in_chinese():
    url = "https://github.com/o/r/issues/new?title=%E7%9B%AE%E6%A0%87&body=x"
    with language("zh"):
        html = render("target_head.html", view=head_view(issue_url=url))
        without = render("target_head.html", view=head_view())
    assert ('<p class="target-actions"><a class="comment-target" href="#com-sales">评论此目标</a> · '
            '<a class="issue-target" href="https://github.com/o/r/issues/new?title=%E7%9B%AE%E6%A0%87&amp;body=x" rel="noopener">就此目标提交问题</a></p>') in html
    assert "issue-target" not in without and "提交问题" not in without
