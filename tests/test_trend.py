"""Chart data and trends: the figures a chart shows, the required path, the trend line and the
projection's interval, by hand-checked cases."""

from __future__ import annotations

import pandas as pd
import pytest

from plantrack.assess import Point, project, trend_line, yearly_points
from plantrack.charts import chart_frame, required_path

from helpers import make_dataset


def points(*pairs) -> list[Point]:
    return [Point(year, str(year), value, "exact", "s") for year, value in pairs]


def test_chart_frame_shows_the_chosen_figure_filled_and_the_others_hollow():
    spec = {"kind": "threshold", "comparator": ">=", "value": 100, "unit": "亿元", "indicator": "i"}
    _, ds = make_dataset(spec, "亿元", [("2016", 100, "exact"), ("2017-06", 40, "exact")], measure="flow")
    obs = pd.concat([ds.observations, ds.observations.iloc[[0]].assign(source_id="s2", value_std=101.0, qualifier="approx")])
    indicator = ds.registry.indicators["i"]
    chosen, _ = yearly_points(obs, ds.sources, indicator)
    frame = chart_frame(chosen, obs, ds.sources, indicator)
    assert [(r.period, r.series, r.value, r.hollow, r.source_id, r.source) for r in frame.itertuples()] == [
        ("2016", "observed", 100.0, False, "s", "p: t"),
        ("2017-06", "part of the year", 40.0, True, "s", "p: t"),  # half a year of a flow is no figure for the year
        ("2016", "other source", 101.0, True, "s2", ""),
    ]


def test_chart_frame_quotes_a_running_sum_as_such():
    spec = {"kind": "count", "comparator": ">=", "value": 10, "unit": "亿元", "indicator": "i"}
    _, ds = make_dataset(spec, "亿元", [("2016", 1, "exact")])
    running = [Point(2016, "2016", 1.0, "exact", "s"), Point(2017, "2017", 3.0, "exact", "s")]
    frame = chart_frame(running, ds.observations, ds.sources, ds.registry.indicators["i"])
    assert list(frame["quote"]) == ["1", "running sum of the yearly figures"]


def test_required_path_grows_at_a_constant_rate_from_the_baseline_to_the_target():
    path = required_path(2015, 100.0, 2017, 121.0)
    assert list(path["year"]) == [2015, 2016, 2017]
    assert list(path["value"]) == pytest.approx([100.0, 110.0, 121.0])  # 10% a year


def test_required_path_is_a_straight_line_from_zero():
    assert list(required_path(2015, 0.0, 2017, 10.0)["value"]) == pytest.approx([0.0, 5.0, 10.0])


def test_trend_line_continues_a_doubling_series_and_a_perfect_fit_has_no_band():
    trend = trend_line(points((2015, 100), (2016, 200), (2017, 400)), log_scale=True, until=2019)
    assert list(trend["year"]) == [2017, 2018, 2019]
    assert list(trend["value"]) == pytest.approx([400, 800, 1600])
    assert list(trend["low"]) == pytest.approx(list(trend["high"]))


def test_trend_band_widens_away_from_the_observed_years():
    trend = trend_line(points((2015, 10), (2016, 16), (2017, 20), (2018, 27)), log_scale=False, until=2022)
    widths = list(trend["high"] - trend["low"])
    assert all(low < value < high for low, value, high in zip(trend["low"], trend["value"], trend["high"]))
    assert widths == sorted(widths) and widths[0] < widths[-1]


def test_trend_line_needs_three_figures():
    assert trend_line(points((2015, 10), (2016, 16)), log_scale=False, until=2020).empty


def test_projection_of_a_perfect_line_is_exact_and_its_interval_a_point():
    central, low, high, note = project(points((2015, 10), (2016, 15), (2017, 20)), 40, log_scale=False)
    assert (central, low, high) == pytest.approx((2021, 2021, 2021))  # 5 a year from 20 in 2017 reaches 40 in 2021
    assert note == "linear trend over 3 annual figures (2015-2017)"


def test_projection_interval_holds_the_central_year_and_narrows_with_lower_confidence():
    series = points((2015, 10), (2016, 16), (2017, 20), (2018, 27))
    central, low, high, _ = project(series, 60, log_scale=False)
    _, low_50, high_50, _ = project(series, 60, log_scale=False, confidence=0.5)
    assert low < low_50 < central < high_50 < high


def test_a_trend_moving_away_from_the_target_is_not_projected():
    assert project(points((2015, 30), (2016, 25), (2017, 20)), 40, log_scale=False) == (
        None, None, None, "not projectable: the trend moves away from the target")
