"""The chart engine on the chart specifications of the real data in data/ (and the fixture):
years on a time axis spanning only the years shown, one line through the annual figures of one
series, part-year and other-source points apart and labelled, a single value as a figure card,
axis units in the words of the text, and a legend naming exactly what is drawn."""

from __future__ import annotations

import re

import pytest

from plantrack.assess import CONFIDENCE, assess_targets
from plantrack.charts import full_year, make_figure, period_date, period_words
from plantrack.dataset import load_dataset
from plantrack.view import target_view
from plantrack.words import format_value

from conftest import FIXTURE, ROOT


def figures_of(data_dir):
    dataset = load_dataset(data_dir)
    assessments = assess_targets(dataset, 2026)
    out = []
    for target in dataset.registry.targets.values():
        view = target_view(dataset, target, assessments[target.id], 2026)
        if view.own is not None:
            out.append((view.own, make_figure(target.id, view.indicator, view.own.figures, dataset.sources, target,
                                              view.assessment, view.own.points)))
        for series in view.context:
            out.append((series, make_figure(f"{target.id}-{series.indicator.id}", series.indicator, series.figures, dataset.sources)))
    return out


# the real data's charts take seconds to build: they run in `make test`, not in `make check`
@pytest.fixture(scope="module", params=[pytest.param("real", marks=pytest.mark.slow), "fixture"])
def figures(request):
    return figures_of(ROOT / "data" if request.param == "real" else FIXTURE)


def layers(spec: dict) -> list[tuple[dict, list[dict]]]:
    """Each layer of a spec with the rows of its data."""
    return [(layer, spec["datasets"][layer["data"]["name"]]) for layer in spec["layer"]]


def mark(layer: dict) -> str:
    return layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]


def charts(figures):
    return [(series, f) for series, f in figures if not f.is_card]


@pytest.mark.slow
def test_the_real_data_gives_charts_and_cards():
    figures = figures_of(ROOT / "data")
    assert len(charts(figures)) >= 20 and sum(f.is_card for _, f in figures) >= 10


def test_years_lie_on_a_time_axis_that_spans_only_the_years_shown(figures):
    for series, f in charts(figures):
        years = [int(d[:4]) for _, rows in layers(f.spec) for d in (r["date"] for r in rows)]
        for layer, _ in layers(f.spec):
            x = layer["encoding"]["x"]
            assert x["type"] == "temporal" and x["axis"]["format"] == "%Y", f.key
            assert x["axis"]["tickCount"]["interval"] == "year", f.key  # a tick a year: no year written twice
            low, high = (int(d[:4]) for d in x["scale"]["domain"])
            assert min(years) - 1 <= low and high <= max(years) + 1, (f.key, low, high)  # never 0 to 2200
            dates = [r["date"] for _, rows in layers(f.spec) for r in rows]
            assert x["scale"]["domain"][0] < min(dates) and max(dates) < x["scale"]["domain"][1], f.key  # every point inside


def test_one_line_joins_only_the_annual_figures_of_one_series(figures):
    for series, f in charts(figures):
        for layer, rows in layers(f.spec):
            if mark(layer) == "line" and "strokeDash" not in layer["mark"]:
                assert {r["kind"] for r in rows} == {"annual figure"}, f.key
                assert all(full_year(r["period"]) for r in rows), f.key
                assert len({r["source_id"] for r in rows}) >= 1 and len(rows) >= 2


def test_part_year_and_other_source_points_are_drawn_apart_and_labelled(figures):
    seen = 0
    for series, f in charts(figures):
        points = [rows for layer, rows in layers(f.spec) if mark(layer) == "point"][0]
        texts = [rows for layer, rows in layers(f.spec) if mark(layer) == "text"]
        labels = {r["label"] for rows in texts for r in rows}
        for r in points:
            if r["kind"] in ("part of the year", "figure as of a date"):
                seen += 1
                assert r["label"] in labels and r["label"] == r["when"], (f.key, r)
                assert f"({r['when']})" in f.description
    if len(figures) > 40:  # the real data has figures for part of a year
        assert seen >= 3


def test_a_single_value_is_a_figure_card_not_a_chart(figures):
    for series, f in figures:
        assert f.is_card == (len(series.figures) == 1), f.key


def test_the_axis_speaks_the_words_of_the_text(figures):
    for series, f in charts(figures):
        title = [layer["encoding"]["y"]["title"] for layer, _ in layers(f.spec) if "y" in layer["encoding"] and "title" in layer["encoding"]["y"]][0]
        assert title == f.unit.axis_title and not re.search(r"[\u4e00-\u9fff]", title), (f.key, title)
        if f.unit.label not in ("", "%"):
            # the largest figure, written as a sentence writes it, uses the axis's unit
            largest = series.figures.loc[series.figures["value"].abs().idxmax()]
            assert format_value(largest["value"], series.indicator.unit).endswith(f.unit.label), (f.key, f.unit)


def test_the_legend_names_exactly_what_is_drawn(figures):
    for series, f in charts(figures):
        drawn = {r["kind"] for _, rows in layers(f.spec) for r in rows if "kind" in r}
        domains = [layer["encoding"]["color"]["scale"]["domain"] for layer, _ in layers(f.spec) if "color" in layer["encoding"]
                   and "field" in layer["encoding"]["color"]]
        for domain in domains:
            assert set(domain) == drawn == set(f.kinds), (f.key, domain, drawn)
        assert ("trend" in drawn) == any(mark(layer) == "area" for layer, _ in layers(f.spec)), f.key


def test_baseline_target_and_required_path_are_marked_for_a_target_with_a_baseline():
    figures = dict((f.key, f) for _, f in figures_of(FIXTURE))
    f = figures["com-sales"]
    assert {"annual figure", "baseline", "target", "required path"} <= set(f.kinds)
    assert f.unit.axis_title == "trillion yuan"
    kinds = [r["kind"] for r in f.rows]
    assert "target" in kinds and "required path" in kinds  # the table holds what the chart draws


@pytest.mark.parametrize("period, measure, date, words", [
    ("2017", "flow", "2017-01-01", "2017"),
    ("2021-09-30", "flow", "2021-09-30", "Jan–Sep 2021"),
    ("2019-07", "stock", "2019-07-31", "as of Jul 2019"),
    ("2019-11-19", "stock", "2019-11-19", "as of 19 Nov 2019"),
])
def test_periods_are_dated_and_written_for_readers(period, measure, date, words):
    assert period_date(period) == date and period_words(period, measure) == words


def test_the_table_holds_every_kind_the_legend_names(figures):
    """The Table tab lists every plotted figure: each kind drawn (the legend) has its rows, and the
    target's row is there whenever a target is drawn."""
    for series, f in figures:
        shown = {r["kind"] for r in f.rows}
        assert set(f.kinds) <= shown, (f.key, set(f.kinds) - shown)
        assert len([r for r in f.rows if r["code"] in KIND_OF_FIGURE]) == len(series.figures), f.key  # every figure, once


KIND_OF_FIGURE = ("annual figure", "figure as of a date", "part of the year", "other source")
DECIMALS = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def decimals_of(value: str) -> list[int]:
    """The number of decimals of each number written in a table cell (the trend's '95% interval' left out)."""
    return [len(d) for d in DECIMALS.findall(value.replace(f"{CONFIDENCE:.0%}", ""))]


def test_each_value_column_is_written_with_one_precision(figures):
    """Issue 15: '1.3 / 0.56 / 1.38' in one column. Every number of a table's Value column has the
    same decimals, no more than the display unit writes, and no more than its figures need: with
    decimals, some figure of the data or the plan ends in a digit other than 0."""
    seen = set()
    for series, f in figures:
        if f.unit.label == "" and f.unit.axis_title.startswith("rank"):
            continue  # places in a ranking: 3rd
        counts = {d for r in f.rows for d in decimals_of(r["value"])}
        assert len(counts) <= 1, (f.key, [r["value"] for r in f.rows])
        digits = counts.pop() if counts else 0
        seen.add(digits)
        assert digits <= f.unit.digits, (f.key, f.unit)
        if digits:
            published = [r["value"] for r in f.rows if r["code"] in KIND_OF_FIGURE + ("target",)]
            assert any(re.search(r"\.\d*[1-9](?!\d)", v) for v in published), (f.key, published)
    if len(figures) > 40:
        assert {0, 1, 2} <= seen  # the real data has columns of each


def trend_figures():
    """A target not met, with five annual figures: its chart draws a trend (the real data has none now)."""
    from plantrack.assess import assess_target, series_for
    from plantrack.charts import chart_frame, make_figures
    from helpers import make_dataset

    spec = {"kind": "threshold", "comparator": ">=", "value": 300, "unit": "亿元", "indicator": "i", "baseline_year": 2015}
    target, ds = make_dataset(spec, "亿元", [("2015", 100, "exact"), ("2016", 110, "exact"), ("2017", 125.5, "exact"),
                                            ("2018", 130, "exact"), ("2019", 142, "exact")])
    points, _ = series_for(target, ds)
    indicator = ds.registry.indicators["i"]
    return make_figures("t", indicator, chart_frame(points, ds.observations, ds.sources, indicator), ds.sources, target,
                        assess_target(target, ds, 2026), points)


def test_a_trend_drawn_is_listed_in_the_table_with_how_it_was_computed():
    f = trend_figures()["en"]
    assert f.kinds == ["annual figure", "baseline", "target", "required path", "trend"]
    trend = [r for r in f.rows if r["code"] == "trend"]
    drawn = [r for layer, rows in layers(f.spec) if mark(layer) == "area" for r in rows]
    assert [r["when"] for r in trend] == [str(r["year"]) for r in drawn] and trend[0]["when"] == "2019"  # from the last figure on
    assert trend[0] == {"when": "2019", "value": "14.3 billion yuan (95% interval 13.6 to 15.1 billion yuan)", "kind": "trend",
                        "code": "trend", "source": "computed: constant-growth trend fitted to 5 yearly figures (least squares)",
                        "url": "", "language": ""}
    for row, point in zip(trend, drawn):  # the figures of the line and its band, in the table's unit
        assert row["value"] == "{:.1f} billion yuan (95% interval {:.1f} to {:.1f} billion yuan)".format(
            point["shown"], point["low_shown"], point["high_shown"])
    assert [(r["when"], r["value"], r["source"]) for r in f.rows if r["code"] == "baseline"] == [("2015", "10.0 billion yuan", "p: t")]
    assert [r["when"] for r in f.rows if r["code"] == "required path"] == ["2015", "2016", "2017"]  # the whole path drawn
