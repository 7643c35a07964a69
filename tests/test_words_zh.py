"""What a Chinese reader sees from the sentence and number writers: figures in 万/亿 with no space,
ranks as 第3位, counts with measure words, sentences with the same figures and years as the
English ones, the stored assessment shown in Chinese while the data stays as it is."""

from __future__ import annotations

import math
import re

import pytest

from plantrack import assess, grading, units
from plantrack.assess import assess_target, assessment_table
from plantrack.i18n import MissingTranslation, language
from plantrack.words import (display_unit, format_value, in_words, in_words_or, ordinal, paragraph, plural, search_summary, sentences,
                             source_title)

from helpers import make_dataset


@pytest.mark.parametrize("value, unit, text", [
    (1.2, "万亿元", "1.2万亿元"),
    (9600, "亿元", "9600亿元"),
    (13000, "亿元", "1.3万亿元"),
    (76110000000, "元", "761.1亿元"),  # a figure published in yuan
    (250, "万元", "250万元"),
    (500, "亿美元", "500亿美元"),
    (2800, "万户", "2800万户"),
    (1.2, "亿人", "1.2亿人"),
    (3000, "家", "3000家"),
    (11931, "家", "11931家"),  # counts under 10万 are written whole, as bulletins do
    (15, "万家", "15万家"),
    (12, "个", "12个"),
    (20, "台", "20台"),
    (95, "%", "95%"),
    (93.5, "%", "93.5%"),
    (86.55, "点", "86.55点"),
    (8.5, "万元/人", "8.5万元/人"),
    (8600, "元/人", "8600元/人"),
    (3, "位", "第3位"),
    (None, "亿元", "无数据"),
    (math.nan, "亿元", "无数据"),
])
def test_figures_are_written_in_wan_and_yi_without_a_space(value, unit, text):
    with language("zh"):
        assert format_value(value, unit) == text


def test_one_display_unit_serves_sentences_tables_and_axes_in_chinese():
    with language("zh"):
        unit = display_unit("亿元", 13000)
        count = display_unit("万户", 2800)
        rank = display_unit("位", 3)
    assert (unit.label, unit.axis_title, unit.text(5600), unit.text(13000)) == ("万亿元", "万亿元", "0.56万亿元", "1.3万亿元")
    assert (count.label, count.text(1.5)) == ("万户", "1.5万户")
    assert rank.axis_title == "位次（第1位在最上方）"
    # the same call on an English page is as it always was
    english = display_unit("亿元", 13000)
    assert (english.label, english.axis_title, english.text(5600)) == ("trillion yuan", "trillion yuan", "0.56 trillion yuan")


def test_ranks_plurals_and_lists_in_chinese():
    with language("zh"):
        assert [ordinal(n) for n in (1, 2, 3, 11, 21)] == ["第1位", "第2位", "第3位", "第11位", "第21位"]
        assert plural(3, "target") == "3个目标"
        assert plural(1, "query") == plural(1, "query") == "1条检索词"
        assert plural(12, "query") == "12条检索词"
        assert plural(2, "milestone") == "2个定性目标"
        assert plural(2, "figure for part of a year") == "2个年内部分时期数据"
        assert in_words(["a", "b", "c"]) == "a、b和c"
        assert in_words(["a", "b"]) == "a和b"
        assert in_words(["a"]) == "a"
        assert in_words_or(["a", "b", "c"]) == "a、b或c"
        assert paragraph(["第一句。", "第二句。"]) == "第一句。第二句。"
        with pytest.raises(MissingTranslation, match="COUNT_PHRASES"):
            plural(2, "widget")
    assert (plural(12, "query"), in_words(["a", "b", "c"]), paragraph(["One.", "Two."])) == ("12 queries", "a, b and c", "One. Two.")


def test_search_summary_and_untitled_pages_in_chinese():
    import pandas as pd

    logged = pd.DataFrame({"language": ["zh-hans", "en", "zh-hans"], "outcome": ["found", "nothing", "irrelevant"]})
    with language("zh"):
        assert search_summary(logged) == "3条检索词，使用英文和中文；其中1条有所发现"
        assert source_title("[title not in excerpt: report on Dream Town]") == "无标题网页（report on Dream Town）"
        assert source_title("", "cnecz.com") == "cnecz.com上的无标题网页"
        assert source_title("浙江省统计公报") == "浙江省统计公报"


# --------------------------------------------------------------------------- sentences

NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(trillion|billion|million|万亿|亿|万)?")
SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "万亿": 1e12, "亿": 1e8, "万": 1e4, "": 1}


def figures(text: str) -> list[float]:
    """Every number in a sentence with its magnitude word applied: '1.3 trillion' and '1.3万亿'
    are both 1.3e12; years, percentages and ratios as they are."""
    return sorted(round(float(n.replace(",", "")) * SCALE[scale], 6) for n, scale in NUMBER.findall(text))


def both(spec: dict, unit: str, points: list[tuple], evidence: list[tuple] = ()) -> tuple[list[str], list[str]]:
    target, ds = make_dataset(spec, unit, points, evidence=evidence)
    a = assess_target(target, ds)
    indicator = ds.registry.indicators.get("i")
    english = sentences(a, target, indicator)
    with language("zh"):
        chinese = sentences(a, target, indicator)
    assert len(chinese) == len(english)
    for e, z in zip(english, chinese):
        assert figures(z) == figures(e), (e, z)
        assert not re.search(r"[A-Za-wyz]", z), z  # nothing English is left (the test indicator is named 'x')
    return english, chinese


def test_a_met_target_in_chinese_has_the_english_figures():
    spec = {"kind": "threshold", "comparator": ">", "value": 1.2, "unit": "万亿元", "indicator": "i"}
    english, chinese = both(spec, "亿元", [("2015", 7611, "exact"), ("2016", 10307, "exact"), ("2017", 13000, "more_than")])
    assert english[0] == "x reached more than 1.3 trillion yuan in 2017, 8.3% above the 1.2 trillion yuan target; first met in 2017."
    assert chinese == ["2017年，x达到超过1.3万亿元，比1.2万亿元的目标高8.3%；2017年首次达标。",
                       "2015年以来，该数据系列年均变化+30.7%，而达标所需为年均+25.6%：进展显著（进度比1.20）。"]


def test_a_target_not_met_in_chinese_gives_the_shortfall_progress_and_projection():
    spec = {"kind": "threshold", "comparator": ">=", "value": 100, "unit": "亿元", "indicator": "i"}
    english, chinese = both(spec, "亿元", [("2015", 50, "exact"), ("2016", 60, "exact"), ("2017", 70, "exact")])
    assert english[0] == "x reached 7 billion yuan in 2017, 30% short of the 10 billion yuan target."
    assert chinese == ["2017年，x为70亿元，距100亿元的目标还差30%。",
                       "2015年以来，该数据系列年均变化+18.3%，而达标所需为年均+41.4%：进展不足（进度比0.44）。",
                       "按基于2015—2017年3个年度数据的对数线性趋势推算，目标将在2019年前后达到（95%置信区间：2018年至2024年）。"]


def test_a_projection_that_never_arrives_on_the_slowest_trend_in_chinese():
    spec = {"kind": "threshold", "comparator": ">=", "value": 1.2, "unit": "万亿元", "indicator": "i"}
    english, chinese = both(spec, "亿元", [("2015", 7611, "exact"), ("2016", 9000, "exact"), ("2017", 9600, "exact")])
    assert chinese[0] == "2017年，x为9600亿元，距1.2万亿元的目标还差20%。"
    assert chinese[2] == "按基于2015—2017年3个年度数据的对数线性趋势推算，目标将在2019年前后达到（95%置信区间：最早2017年，按最慢趋势则永远达不到）。"


def test_not_measurable_targets_in_chinese():
    lower_bound = {"kind": "count", "comparator": ">=", "value": 3000, "unit": "家", "indicator": "i", "cumulative_from": 2015}
    _, chinese = both(lower_bound, "家", [("2015", 1000, "exact"), ("2017", 1500, "exact")])
    assert chinese[0] == ("已找到年份的数据截至2017年合计为至少2500家，低于3000家的目标；由于缺少某一年的数据，该合计只是下限，"
                          "无法按截止年份核验该目标。")
    no_deadline_figure = {"kind": "threshold", "comparator": ">=", "value": 100, "unit": "亿元", "indicator": "i"}
    _, chinese = both(no_deadline_figure, "亿元", [("2015", 50, "exact"), ("2018", 120, "exact")])
    assert chinese == ["未找到x2017年的公开数据，因此无法按截止年份核验100亿元的目标。", "最新数据为2018年的120亿元，已达到目标。"]


def test_a_rank_target_in_chinese():
    spec = {"kind": "rank", "comparator": "<=", "value": 3, "unit": "位", "indicator": "i"}
    _, chinese = both(spec, "位", [("2015", 4, "exact"), ("2016", 3, "exact"), ("2017", 2, "exact")])
    assert chinese[0] == "2017年，浙江排名第2位，进入前3位的目标已实现。"


def test_milestone_sentences_in_chinese():
    _, chinese = both({"kind": "milestone"}, "亿元", [], evidence=[("2016-05", "local", "under_way", "part"),
                                                                  ("2019", "province", "done", "exact")])
    assert chinese == ["截至截止年份2017年，证据显示该目标的结论为“部分完成”（由描述2016-05状态的记录决定）。",
                       "若把之后的记录也计算在内，其中最有力的一条记录（描述2019的状态）显示该目标为“已完成”。",
                       "首次有证据表明完成：2019年。"]
    _, chinese = both({"kind": "milestone"}, "亿元", [], evidence=[("2017", "province", "done", "neighbour")])
    assert chinese == ["没有任何证据记录计入该目标；这里将其列为资料缺口，而不是失败。"]
    _, chinese = both({"kind": "milestone"}, "亿元", [])
    assert chinese == ["在所检索的来源中未找到该目标的证据；这里将其列为资料缺口，而不是失败。"]


# --------------------------------------------------------------------------- the stored assessment

def test_the_stored_assessment_is_the_same_data_on_a_chinese_page_and_shown_in_chinese():
    spec = {"kind": "threshold", "comparator": ">=", "value": 100, "unit": "亿元", "indicator": "i"}
    target, ds = make_dataset(spec, "亿元", [("2016", 50, "exact"), ("2018", 60, "exact")], source_kind="news")
    english = assess_target(target, ds)
    with language("zh"):
        chinese = assess_target(target, ds)
        assert assessment_table({"t": chinese}).equals(assessment_table({"t": english}))
        assert chinese.verdict_reason == "no figure for 2017"
        assert chinese.verdict_reason_words == "无2017年数据"
        assert chinese.progress_class_words == "未评估：基期之后无数据"
        assert chinese.projection_note_words == "无法进行趋势推算：仅有2个年度数据，至少需要3个"
        assert chinese.quality_flag_words == ["并非全部来自官方来源", "无2017年数据"]
    assert english.verdict_reason_words == "no figure for 2017"  # English shows the stored text itself


def test_every_stored_template_is_shown_in_chinese_with_its_fields():
    fields = {"year": "2017", "deadline": "2017", "n": "2", "date": "2016-05", "start": "2015", "end": "2017", "years": "2016, 2017"}
    with language("zh"):
        for template in assess.STORED_TEMPLATES:
            stored = template.format(**fields)
            shown = assess.in_page_language(stored)
            assert not re.search(r"[A-Za-z]", shown), (stored, shown)
            assert figures(shown) == figures(stored), (stored, shown)
        assert assess.in_page_language("sources disagree for 2016, 2017") == "2016、2017年各来源数据不一致"
        with pytest.raises(MissingTranslation, match="no template"):
            assess.in_page_language("a reason nobody wrote")


def test_the_rule_table_and_grades_in_chinese_keep_their_keys():
    english = grading.rule_table()
    with language("zh"):
        chinese = grading.rule_table()
        assert grading.grade_words("province", "under_way", "part") == "全省；正在推进；其中一部分"
        assert grading.contribution_words("not_counted") == "已阅读，不计入"
        assert grading.reason_words(grading.RECORD_RULES[-1].reason) == "只涉及事项的一部分或部分地区，或工作仍在推进"
    assert [list(row) for row in chinese] == [list(row) for row in english]
    assert [row["order"] for row in chinese] == [row["order"] for row in english]
    assert chinese[0]["it counts as"] == "已阅读，不计入" and chinese[-1]["it counts as"] == "部分完成"
    assert all(not re.search(r"[A-Za-z]", value) for row in chinese for value in row.values())
    assert grading.grade_words("province", "under_way", "part") == "the whole province; under way; part of it"


def test_every_unit_has_a_name_in_both_languages():
    assert (units.unit_name("亿元"), units.unit_name("万户"), units.unit_name("%")) == ("100 million yuan", "10,000 households", "per cent")
    with language("zh"):
        assert (units.unit_name("亿元"), units.unit_name("億元"), units.unit_name("billion yuan"), units.unit_name("%")) == (
            "亿元", "亿元", "十亿元", "%")
        names = {unit: units.unit_name(unit) for unit in units.UNITS}
    assert all(not re.search(r"[A-Za-z]", name.replace("GB", "").replace("5G", "")) for name in names.values()), names


def test_untitled_pages_and_searched_collections_in_chinese():
    import csv
    from plantrack.words import CORPUS_WORDS, corpus_words
    from conftest import ROOT

    with language("zh"):
        assert source_title("(no title in excerpt) 温州智慧旅游城市建设", "jizihe.com") == "无标题网页（温州智慧旅游城市建设）"
        assert source_title("[title not in excerpt]", "fx361.cc") == "fx361.cc上的无标题网页"
        assert source_title("[部分省份2015年网络零售额] (descriptive title)") == "无标题网页（部分省份2015年网络零售额）"
        words = {code: corpus_words(code) for code in CORPUS_WORDS}
    with (ROOT / "data" / "searches.csv").open(encoding="utf-8") as f:
        assert {row["corpus"] for row in csv.DictReader(f)} <= set(words)  # every collection of the real log
    for code, text in words.items():
        assert re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"[A-Za-z_]", text), (code, text)
    assert words["pages"] == "已存档的公开网页" and words["find_string"] == "公开代码仓库中的文件（按确切字符串检索）"


@pytest.mark.parametrize("values, unit, shown", [
    ([6846.8, 11500, 27300], "亿元", ["6846.8亿元", "11500.0亿元", "27300.0亿元"]),  # one unit, as yearbooks keep it: not 6846.8亿元 above 1.15万亿元
    ([6366.29, 7047, 8224], "万户", ["6366.29万户", "7047.00万户", "8224.00万户"]),
    ([1445.7, 2640.2], "亿元", ["1445.7亿元", "2640.2亿元"]),  # as many decimals as needed, no more
    ([12240, 10775], "个", ["12240个", "10775个"]),
])
def test_a_chinese_table_column_has_one_unit_and_one_precision(values, unit, shown):
    from plantrack.words import figure_column

    with language("zh"):
        assert figure_column(values, unit) == shown
