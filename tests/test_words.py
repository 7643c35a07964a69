"""Numbers as readers see them and the sentences generated from an assessment, by hand-checked cases."""

from __future__ import annotations

import math
import re

import pytest

from plantrack.assess import assess_target
from plantrack.words import format_value, ordinal, sentences

from helpers import make_dataset


@pytest.mark.parametrize("value, unit, text", [
    (1.2, "万亿元", "1.2 trillion yuan"),
    (9600, "亿元", "960 billion yuan"),
    (76110000000, "元", "76.1 billion yuan"),  # a figure published in yuan, not in 亿
    (761.1, "亿元", "76.1 billion yuan"),
    (250, "万元", "2.5 million yuan"),
    (500, "亿美元", "50 billion US dollars"),
    (3000, "家", "3,000 firms"),
    (1.5, "万户", "15,000 households"),
    (250, "万人", "2.5 million people"),
    (95, "%", "95%"),
    (93.5, "%", "93.5%"),
    (8.5, "万元/人", "85,000 yuan per person"),
    (3, "位", "3rd"),
    (None, "亿元", "no figure"),
    (math.nan, "亿元", "no figure"),
])
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text


def test_ordinals_of_the_teens_and_beyond():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


THRESHOLD = {"kind": "threshold", "comparator": ">=", "value": 100, "unit": "亿元", "indicator": "i"}


def written(spec: dict, points: list[tuple], evidence: list[tuple] = ()) -> list[str]:
    target, ds = make_dataset(spec, "亿元", points, evidence=evidence)
    return sentences(assess_target(target, ds), target, ds.registry.indicators.get("i"))


def test_a_target_met_with_a_lower_bound_says_by_how_much_and_when_first_met():
    spec = {"kind": "threshold", "comparator": ">", "value": 1.2, "unit": "万亿元", "indicator": "i"}
    assert written(spec, [("2015", 7611, "exact"), ("2016", 10307, "exact"), ("2017", 13000, "more_than")]) == [
        # (13000 - 12000) / 12000 = 8.3% above
        "x reached more than 1.3 trillion yuan in 2017, 8.3% above the 1.2 trillion yuan target; first met in 2017.",
        # (13000/7611)^(1/2) - 1 = 30.7%; (12000/7611)^(1/2) - 1 = 25.6%; 0.307 / 0.256 = 1.20
        "From 2015 the series changed by +30.7% a year against the +25.6% a year needed: significant progress (ratio 1.20).",
    ]


def test_a_target_not_met_gives_the_shortfall_the_growth_and_the_projection_with_its_interval():
    assert written(THRESHOLD, [("2015", 50, "exact"), ("2016", 60, "exact"), ("2017", 70, "exact")]) == [
        "x reached 7 billion yuan in 2017, 30% short of the 10 billion yuan target.",
        # (70/50)^(1/2) - 1 = 18.3%; (100/50)^(1/2) - 1 = 41.4%; ratio 0.44
        "From 2015 the series changed by +18.3% a year against the +41.4% a year needed: insufficient progress (ratio 0.44).",
        # log-linear slope (ln 70 - ln 50) / 2 = 0.168 reaches ln 100 about 3.1 years after 2016; the slope's
        # 95% interval (t = 12.7 with one degree of freedom) gives 2018 to 2024
        "On its log-linear trend over 3 annual figures (2015-2017), the target would be reached around 2019 (95% interval 2018 to 2024).",
    ]


def test_an_approximate_figure_close_to_the_target_is_too_close_to_call():
    assert written(THRESHOLD, [("2017", 99, "approx")])[0] == (
        "x reached about 9.9 billion yuan in 2017: too close to the 10 billion yuan target to call it met.")


def test_no_figure_for_the_deadline_is_said_and_the_latest_figure_is_given():
    assert written(THRESHOLD, [("2015", 50, "exact"), ("2018", 120, "exact")]) == [
        "No published figure of x for 2017 was found, so the 10 billion yuan target cannot be checked for its deadline.",
        "The latest figure, for 2018, is 12 billion yuan, which meets the target.",
    ]


def test_a_milestone_without_evidence_is_a_gap_not_a_failure():
    spec = {"kind": "milestone"}
    assert written(spec, [], evidence=[]) == [
        "No evidence on this target was found in the sources searched; it is shown as a gap, not as a failure."]


def test_a_milestone_whose_records_are_all_read_but_not_counted_says_so():
    assert written({"kind": "milestone"}, [], evidence=[("2017", "province", "done", "neighbour")]) == [
        "No evidence record counts towards this target; it is shown as a gap, not as a failure."]


def test_a_quantified_target_without_any_figure_of_its_own_measure_says_the_charts_are_other_series():
    spec = {**THRESHOLD, "context": ["i"]}
    assert written(spec, [], evidence=[])[:2] == [
        "No published figure of x, the target's own measure, was found. Any charts below show related series, "
        "of another scope, unit or currency, which cannot decide it.",
        "No evidence on this target was found in the sources searched; it is shown as a gap, not as a failure."]


@pytest.mark.parametrize("n, noun, text", [
    (1, "query", "1 query"), (2, "query", "2 queries"), (0, "day", "0 days"), (3, "quantified target", "3 quantified targets"),
    (2, "figure for part of a year", "2 figures for part of a year"), (1, "record", "1 record"),
])
def test_plurals_agree_with_their_number(n, noun, text):
    from plantrack.words import plural
    assert plural(n, noun) == text


def test_search_codes_titles_and_languages_read_as_words():
    import pandas as pd
    from plantrack.words import html_lang, search_summary, source_title

    logged = pd.DataFrame({"language": ["zh-hans", "en", "zh-hans"], "outcome": ["found", "nothing", "irrelevant"]})
    assert search_summary(logged) == "3 queries, in English and Chinese; 1 found something"
    assert search_summary(logged.iloc[:1]) == "1 query, in Chinese; 1 found something"
    assert (html_lang("zh-hans"), html_lang("en")) == ("zh-Hans", "en")
    assert source_title("[title not in excerpt: report on Dream Town]") == "untitled page (report on Dream Town)"
    assert source_title("[部分省份2015年网络零售额] (descriptive title)") == "untitled page (部分省份2015年网络零售额)"
    assert source_title("", "cnecz.com") == "untitled page on cnecz.com"
    assert source_title("浙江省统计公报") == "浙江省统计公报"


def test_names_inside_a_sentence_keep_their_acronyms():
    from plantrack.words import in_sentence

    assert in_sentence("Online sales") == "online sales"
    assert in_sentence("IT-industry integration index") == "IT-industry integration index"


# a row of an official HTML bulletin's table, as the snapshot keeps it (nbs-rd-bulletin-2018/2018.html)
BULLETIN_ROW = ('<tr style="height: 14.15pt">            <td width="126" nowrap="nowrap" style="border-top: medium none; height: 14.15pt">'
                '            <p align="center" class="MsoNormal" style="text-align: center"><span style="font-family: 宋体">浙\u3000江</span></p>'
                '            </td>            <td width="141" style="border-right: black 1pt solid"><p align="right" class="MsoNormal">'
                '<span lang="EN-US" style="font-family: &quot;Times New Roman&quot;,&quot;serif&quot;">1445.7 </span></p>            </td>'
                '<td style="x"><span>2.57</span>\n</td>        </tr>')


def test_a_quote_that_is_a_table_row_reads_as_the_row_s_text():
    from plantrack.words import quote_text

    assert quote_text(BULLETIN_ROW) == "浙\u3000江 | 1445.7 | 2.57"  # the full-width space as published, the others collapsed
    assert quote_text('<tr><td>\u3000浙\u3000江</td><td>1&nbsp;669.8 </td></tr>') == "\u3000浙\u3000江 | 1 669.8"
    # any other quote is shown as it is (the template escapes it)
    assert quote_text("全年网络零售额7611亿元") == "全年网络零售额7611亿元"
    assert quote_text("覆盖率<5%，<b>不是表格</b>") == "覆盖率<5%，<b>不是表格</b>"
    assert quote_text(None) == "" and quote_text(float("nan")) == ""


@pytest.mark.parametrize("title, publisher, shown", [
    ("(no title in excerpt) 温州智慧旅游城市建设", "jizihe.com", "untitled page (温州智慧旅游城市建设)"),
    ("(no title in excerpt) HANGZHOU, May 19 (Xinhua) -- Zhejiang to offer vouchers", "en.people.cn",
     "untitled page (HANGZHOU, May 19 (Xinhua) -- Zhejiang to offer vouchers)"),
    ("[title not in excerpt]", "fx361.cc", "untitled page on fx361.cc"),
    ("[title not in excerpt]", "", "untitled page"),
    ("[title not in excerpt: ]", "浙江在线", "untitled page on 浙江在线"),
    ("China’s online retail sales grow by a third (descriptive title)", "", "untitled page (China’s online retail sales grow by a third)"),
    ("[海丝港口行]舟山江海联运服务中心 快马加鞭 强劲起步", "jsy360.cn", "[海丝港口行]舟山江海联运服务中心 快马加鞭 强劲起步"),  # a real title
])
def test_a_title_the_stored_page_did_not_show_is_an_untitled_page(title, publisher, shown):
    from plantrack.words import source_title

    assert source_title(title, publisher) == shown


def test_no_real_source_title_is_shown_as_a_note_on_the_excerpt():
    import csv
    from plantrack.words import source_title
    from conftest import ROOT

    with (ROOT / "data" / "sources.csv").open(encoding="utf-8") as f:
        sources = list(csv.DictReader(f))
    shown = [source_title(s["title"], s["publisher"]) for s in sources]
    untitled = [t for t in shown if t.startswith("untitled page")]
    assert len(untitled) >= 40  # the real data has dozens of them
    for title in shown:
        assert not re.search(r"title not in excerpt|no title in excerpt|descriptive title|\(\)|\[\]", title, re.I), title


def test_every_collection_searched_in_the_real_log_is_described_in_words():
    import csv
    from plantrack.words import CORPUS_WORDS, corpus_words
    from conftest import ROOT

    with (ROOT / "data" / "searches.csv").open(encoding="utf-8") as f:
        codes = {row["corpus"] for row in csv.DictReader(f)}
    assert {"pages", "find_string", "read_file", "code", "docs"} <= codes
    for code in codes | {"issues"}:
        assert code in CORPUS_WORDS and corpus_words(code) != code and "_" not in corpus_words(code), code
    assert corpus_words("find_string") == "the files of public code repositories (searched for an exact string)"
    assert corpus_words("no-such-collection") == "no-such-collection"


@pytest.mark.parametrize("values, unit, shown", [
    ([13000, 5643, 13800], "亿元", ["1,300.0 billion yuan", "564.3 billion yuan", "1,380.0 billion yuan"]),  # issue 15: not 1.3 / 0.56 / 1.38
    ([9474, 11931, 2595], "家", ["9,474 firms", "11,931 firms", "2,595 firms"]),  # whole counts stay whole
    ([80, 93.5], "%", ["80.0%", "93.5%"]),
    ([2.57, 2.68], "%", ["2.6%", "2.7%"]),  # never more decimals than the display unit writes
    ([1.2, 2.0], "万亿元", ["1.2 trillion yuan", "2.0 trillion yuan"]),
    ([6846.8, 11500, 27300], "亿元", ["684.7 billion yuan", "1,150.0 billion yuan", "2,730.0 billion yuan"]),  # no digit lost
    ([2854, 5548, 8000], "亿元", ["285.4 billion yuan", "554.8 billion yuan", "800.0 billion yuan"]),
    ([3, 1], "位", ["3rd", "1st"]),
])
def test_a_table_column_of_figures_has_one_unit_and_one_precision(values, unit, shown):
    from plantrack.words import figure_column

    assert figure_column(values, unit) == shown
