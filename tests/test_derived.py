"""Figures derived by conversion at a cited exchange rate: shown as derived, with formula and inputs."""

from __future__ import annotations

import pytest

from plantrack.assess import assess_target
from plantrack.dataset import load_dataset

from helpers import append_csv, append_yaml, edit_yaml, only_issue

INDICATORS = [
    {"id": "cbec_cny", "name_zh": "跨境电商(人民币)", "name_en": "Cross-border e-commerce in yuan", "unit": "亿元",
     "definition": "Fixture.", "definition_zh": "测试。", "publisher": "Fixture", "measure": "flow"},
    {"id": "cny_per_usd", "name_zh": "人民币平均汇率", "name_en": "Annual average rate", "unit": "元/美元",
     "definition": "Fixture.", "definition_zh": "测试。", "publisher": "国家统计局", "scope": "national"},
    {"id": "cbec_usd", "name_zh": "跨境电商(美元,折算)", "name_en": "Cross-border e-commerce in US dollars, derived",
     "unit": "亿美元", "definition": "Fixture.", "definition_zh": "测试。", "publisher": "derived", "measure": "flow",
     "converted_from": "cbec_cny", "rate": "cny_per_usd"},
]


@pytest.fixture
def with_conversion(data_dir):
    for entry in INDICATORS:
        append_yaml(data_dir / "indicators.yaml", entry)
    figures = [("cbec_cny", "2016", "3400", "亿元", "跨境电商交易额3400亿元"),
               ("cbec_cny", "2017", "3500", "亿元", "跨境电商交易额3500亿元"),
               ("cbec_cny", "2015-06-30", "1000", "亿元", "上半年跨境电商交易额1000亿元"),  # part of a year: never converted
               ("cny_per_usd", "2015", "6.2", "元/美元", "全年人民币平均汇率为1美元兑6.2元人民币"),
               ("cny_per_usd", "2017", "6.75", "元/美元", "全年人民币平均汇率为1美元兑6.75元人民币")]
    for indicator_id, period, value, unit, quote in figures:
        append_csv(data_dir / "observations.csv", indicator_id=indicator_id, period=period, value=value, unit=unit,
                   qualifier="exact", source_id="fx-bulletin-2017", quote=quote)
    return data_dir


def test_a_year_with_both_the_figure_and_the_rate_gets_a_derived_figure_with_its_formula(with_conversion):
    obs = load_dataset(with_conversion).observations
    derived = obs[obs["indicator_id"] == "cbec_usd"]
    # 3500 亿元 / 6.75 = 518.52 亿美元; 2016 has no rate and 2015 only half a year: no figure, a gap
    assert list(derived["period"]) == ["2017"] and bool(derived.iloc[0]["derived"])
    row = derived.iloc[0]
    assert (row["value"], row["unit"], row["qualifier"]) == ("518.52", "亿美元", "approx")
    assert row["quote"] == "derived: 3500 亿元 ÷ 6.75 元/美元 = 518.52 亿美元"
    assert "全年人民币平均汇率为1美元兑6.75元人民币" in row["note"] and "跨境电商交易额3500亿元" in row["note"]
    assert not obs[obs["indicator_id"] != "cbec_usd"]["derived"].any()


def test_a_target_measured_by_a_derived_series_is_flagged(with_conversion):
    edit_yaml(with_conversion / "targets.yaml", 0, indicator="cbec_usd", value=500, unit="亿美元", comparator=">=",
              proxy=None, proxy_zh=None, context=[])
    dataset = load_dataset(with_conversion)
    a = assess_target(dataset.registry.targets["com-sales"], dataset, 2026)
    assert (a.deadline_value, a.verdict) == (pytest.approx(518.52), "met")
    assert "derived by conversion at an exchange rate" in a.quality_flags


def test_a_conversion_without_its_rate_is_refused(with_conversion):
    edit_yaml(with_conversion / "indicators.yaml", -1, rate=None)  # the derived series, appended last
    issue = only_issue(with_conversion)
    assert (issue.file, issue.field) == ("indicators.yaml", "rate")
