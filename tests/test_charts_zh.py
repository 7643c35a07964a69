"""Charts on a Chinese page: the figures plotted are those of the English chart, and every word a
reader sees (title, value axis, legend, tooltips, text description, table) is Chinese; years on
the time axis stay numbers; a language's spec is the same however and whenever it is made."""

from __future__ import annotations

import json
import re

import altair as alt
import pytest

from plantrack import i18n
from plantrack.assess import assess_targets
from plantrack.charts import chart_html, make_figure, make_figures, period_words
from plantrack.dataset import load_dataset
from plantrack.embed import script_json
from plantrack.view import target_view

from conftest import FIXTURE, ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
# English words of the chart's own sentences, labels and table: none may reach a Chinese chart
ENGLISH = re.compile(r"\b(figures?|annual|target|baseline|required|path|trend|drawn|joined|line|marked|diamond|dashed|dotted|"
                     r"source|plan|computed|period|value|kind|quote|chart|of|in|to|from|as)\b", re.I)


def calls_of(data_dir):
    """The arguments of make_figure for every figure of the data's sections: own figures, then context series."""
    dataset = load_dataset(data_dir)
    assessments = assess_targets(dataset, 2026)
    views = [target_view(dataset, t, assessments[t.id], 2026) for t in dataset.registry.targets.values()]
    return ([(v.target.id, v.indicator, v.own.figures, dataset.sources, v.target, v.assessment, v.own.points) for v in views if v.own is not None]
            + [(f"{v.target.id}-{s.indicator.id}", s.indicator, s.figures, dataset.sources, None, None, None) for v in views for s in v.context])


@pytest.fixture(scope="module", params=[pytest.param("real", marks=pytest.mark.slow), "fixture"])
def made(request):
    """(make_figure's arguments, the figure in every language) for every figure of the data."""
    return [(call, make_figures(*call)) for call in calls_of(ROOT / "data" if request.param == "real" else FIXTURE)]


def layers(spec: dict) -> list[tuple[dict, list[dict]]]:
    return [(layer, spec["datasets"][layer["data"]["name"]]) for layer in spec["layer"]]


def charts(made):
    return [(call, both["en"], both["zh"]) for call, both in made if not both["en"].is_card]


def test_the_chinese_chart_plots_the_same_figures_as_the_english_one(made):
    assert charts(made)
    for call, en, zh in charts(made):
        assert len(en.spec["layer"]) == len(zh.spec["layer"]), en.key
        for (layer_en, rows_en), (layer_zh, rows_zh) in zip(layers(en.spec), layers(zh.spec)):
            assert layer_en["mark"] == layer_zh["mark"] and layer_en["encoding"]["x"] == layer_zh["encoding"]["x"], en.key
            assert layer_zh["encoding"]["x"]["axis"]["format"] == "%Y"  # the years on the axis are numbers in both
            same = ("date", "year", "period", "value", "unit", "source_id", "qualifier", "hollow", "series")
            assert [{k: r.get(k) for k in same} for r in rows_en] == [{k: r.get(k) for k in same} for r in rows_zh], en.key
            # the height of every point, line and band: the same figure in each language's display unit
            for column in ("shown", "low_shown", "high_shown"):
                heights_en = [r[column] * en.unit.divisor for r in rows_en if r.get(column) is not None]
                heights_zh = [r[column] * zh.unit.divisor for r in rows_zh if r.get(column) is not None]
                assert heights_zh == pytest.approx(heights_en, rel=1e-12), (en.key, column)
        assert [r["code"] for r in en.rows] == [r["code"] for r in zh.rows], en.key
        assert len(en.sources) == len(zh.sources)


def test_every_word_of_a_chinese_chart_is_chinese(made):
    for call, en, zh in charts(made):
        indicator = call[1]
        assert zh.title == indicator.name_zh and en.title == indicator.name_en
        ys = [layer["encoding"]["y"] for layer, _ in layers(zh.spec) if "title" in layer["encoding"].get("y", {})]
        assert ys and all(y["title"] == zh.unit.axis_title for y in ys), zh.key
        assert all(y["axis"]["titleAngle"] == 0 for y in ys)  # the unit written level above the axis, not on its side
        assert CJK.search(zh.unit.axis_title) or zh.unit.axis_title == "%", zh.unit
        legends = [layer["encoding"]["color"]["scale"]["domain"] for layer, _ in layers(zh.spec) if "field" in layer["encoding"].get("color", {})]
        drawn = {r["kind"] for _, rows in layers(zh.spec) for r in rows if "kind" in r}
        for domain in legends:  # the legend names exactly what is drawn, in Chinese
            assert domain == zh.kinds and set(domain) == drawn and all(CJK.search(k) for k in domain), (zh.key, domain)
        assert len(zh.kinds) == len(en.kinds)
        tooltips = [[t["title"] for t in layer["encoding"]["tooltip"]] for layer, _ in layers(zh.spec) if "tooltip" in layer["encoding"]]
        assert tooltips == [["时期", "数值", "类型", "来源", "原文摘录"]], zh.key
        for text in (zh.description, zh.label):
            assert CJK.search(text) and not ENGLISH.search(text.replace(indicator.name_zh, "")), (zh.key, text)
        assert zh.label.startswith(f"{indicator.name_zh}图，单位：")
        for row in zh.rows:  # the Table tab
            assert CJK.search(row["kind"]) and not ENGLISH.search(row["kind"]), row
            assert not ENGLISH.search(row["when"]) and "年" in row["when"], row
        texts = [r[c] for _, rows in layers(zh.spec) for r in rows for c in ("when", "value_text", "label") if r.get(c)]
        assert texts and not any(ENGLISH.search(t) for t in texts), zh.key


def test_the_fixture_chart_of_online_sales_in_chinese():
    call = next(c for c in calls_of(FIXTURE) if c[0] == "com-sales")
    zh = make_figures(*call)["zh"]
    assert zh.kinds == ["年度数据", "基期值", "目标", "达标所需路径"]
    assert zh.unit.axis_title == "万亿元"
    assert zh.description.startswith("网络零售额：共4个年度数据，从2015年的0.76万亿元到2018年的1.67万亿元。")
    assert "目标（2017年超过1.2万亿元）以菱形标出。" in zh.description and "自2015年基期起" in zh.description
    target = next(r for r in zh.rows if r["code"] == "target")
    assert (target["when"], target["value"], target["kind"], target["source"]) == ("2017年", "超过12000亿元", "目标", "行动计划")  # in the column's one precision


def test_a_language_s_spec_is_the_same_however_it_is_made(made):
    """make_figures writes a chart built once in English again in Chinese; a chart built directly
    in Chinese is the same spec, and building it again gives the same bytes."""
    for call, both in made[:12]:
        for code in i18n.LANGUAGES:
            with i18n.language(code):
                direct = make_figure(*call)
                again = make_figure(*call)
            if direct.is_card:
                assert both[code].is_card
                continue
            text = json.dumps(direct.spec, sort_keys=True)
            assert text == json.dumps(both[code].spec, sort_keys=True) == json.dumps(again.spec, sort_keys=True), (code, direct.key)
            assert direct.rows == both[code].rows and direct.description == both[code].description
    for call, en, zh in charts(made)[:3]:
        alt.LayerChart.from_dict(zh.spec, validate=True)  # the Chinese spec is valid Vega-Lite too


def test_a_chinese_chart_loads_no_font_and_names_no_host(made):
    """Vega draws with the browser's sans-serif, which falls back to the reader's Chinese fonts
    (fonts-wqy-zenhei in the browser tests): the spec asks for no web font and no other host."""
    for call, en, zh in charts(made):
        drawn = {key: value for key, value in zh.spec.items() if key != "$schema"}  # chart_html leaves the schema's address out
        text = json.dumps(drawn, ensure_ascii=False)
        assert "font" not in zh.spec.get("config", {}) and "@font-face" not in text and "http" not in text, zh.key


@pytest.mark.parametrize("period, measure, words", [
    ("2017", "flow", "2017年"),
    ("2021-09-30", "flow", "2021年1—9月"),
    ("2021-01-31", "flow", "2021年1月"),
    ("2019-07", "stock", "截至2019年7月"),
    ("2019-11-19", "stock", "截至2019年11月19日"),
])
def test_periods_in_chinese(period, measure, words):
    with i18n.language("zh"):
        assert period_words(period, measure) == words
    assert period_words("2019-11-19") == "as of 19 Nov 2019"


def test_a_chart_that_cannot_draw_says_so_in_the_page_language():
    spec = {"mark": "point", "data": {"values": [{"a": 1}]}}
    with i18n.language("zh"):
        html = chart_html(spec, "图", "d")
    assert script_json("图无法显示：绘图程序库未能加载。") in html and script_json("图绘制出错：") + "+e.message" in html
    assert "Chart" not in html and '"Chart error: "+e.message' in chart_html(spec)


def test_a_single_figure_is_a_chinese_card():
    key, indicator, figures, sources, *_ = next(c for c in calls_of(FIXTURE) if c[0] == "com-sales")
    card = make_figures(key, indicator, figures.iloc[:1], sources)["zh"]
    assert card.is_card and card.label == "网络零售额：仅有一个数据"
    assert card.description == "网络零售额仅有一个数据：2015年7611亿元。"
    assert (card.rows[0]["when"], card.rows[0]["kind"]) == ("2015年", "年度数据")


def test_the_chinese_table_holds_every_kind_the_legend_names_in_one_precision(made):
    from plantrack.units import UNITS
    from test_charts import decimals_of

    for call, both in made:
        zh = both["zh"]
        assert set(zh.kinds) <= {r["kind"] for r in zh.rows}, zh.key
        if UNITS.get(call[1].unit, ("",))[0] != "rank":  # places in a ranking: 第3位
            assert len({d for r in zh.rows for d in decimals_of(r["value"])}) <= 1, (zh.key, [r["value"] for r in zh.rows])


def test_a_trend_in_a_chinese_table():
    from test_charts import trend_figures

    zh = trend_figures()["zh"]
    trend = [r for r in zh.rows if r["code"] == "trend"]
    assert zh.kinds[-1] == "趋势线" and trend[0] == {
        "when": "2019年", "value": "143.4亿元（95%置信区间：136.1至151.2亿元）", "kind": "趋势线", "code": "trend",
        "source": "计算值：以5个年度数据按最小二乘法拟合的不变增速趋势", "url": "", "language": ""}
    assert [r["value"] for r in zh.rows if r["code"] == "target"] == ["不低于300.0亿元"]
    assert all(not ENGLISH.search(r["value"] + r["source"] + r["kind"]) for r in zh.rows), zh.rows
