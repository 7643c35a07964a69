"""Altair charts of a target's trajectory, rendered offline by the book's own copy of Vega.

The renderer emits a div and a call to window.vegaEmbed; the book loads vega-offline.js (written by
write_vega_bundle) on every page, so no chart asks another host for anything.
"""

from __future__ import annotations

import hashlib
import json
import math
from itertools import count
from pathlib import Path

import altair as alt
import pandas as pd

from .assess import Assessment, Point, part_of_year, threshold_in_indicator_unit, trend_line
from .embed import script_json
from .registry import Indicator, Target
from .verdicts import Group

# Okabe-Ito palette: distinguishable with every common colour-vision deficiency.
COLOURS = {
    "observed": "#0072B2",
    "other source": "#999999",
    "part of the year": "#56B4E9",
    "target": "#D55E00",
    "required path": "#009E73",
    "trend": "#CC79A7",
}
GROUP_COLOURS = {Group.MET: "#009E73", Group.PARTLY: "#E69F00", Group.NOT_MET: "#D55E00", Group.UNKNOWN: "#999999"}
_chart_numbers = count(1)


def _render(spec: dict, **_options) -> dict:
    """Altair renderer: deterministic div ids (identical rebuilds), no $schema URL, no CDN."""
    spec = {key: value for key, value in spec.items() if key != "$schema"}
    text = script_json(spec, sort_keys=True, ensure_ascii=True)  # no data text can end or comment out the block
    div = f"chart-{next(_chart_numbers)}-{hashlib.sha1(text.encode()).hexdigest()[:10]}"
    html = (
        f'<div class="tracker-chart" id="{div}"></div>\n'
        "<script>(function(spec){var el=document.getElementById(" + script_json(div) + ");"
        'if(typeof window.vegaEmbed!=="function"){el.textContent="Chart unavailable: the chart library did not load.";return;}'
        'window.vegaEmbed(el,spec,{"actions":false,"renderer":"svg"}).catch(function(e){el.textContent="Chart error: "+e.message;});'
        "})(" + text + ");</script>"
    )
    return {"text/html": html}


def enable_offline_renderer() -> None:
    alt.renderers.register("book", _render)
    alt.renderers.enable("book")


def write_vega_bundle(path: Path) -> None:
    """Vega, Vega-Lite and vega-embed in one file, wrapped so that its top-level names cannot
    collide with Sphinx's own scripts."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert
    from altair.vegalite.v6 import display

    bundle = vl_convert.javascript_bundle(vl_version=vl_version_for_vl_convert())
    versions = {"vega": display.VEGA_VERSION, "vegalite": display.VEGALITE_VERSION, "vegaembed": display.VEGAEMBED_VERSION}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"(function(){{\n{bundle}\n}})();\nwindow.VEGA_DEBUG = {json.dumps(versions)};\n", encoding="utf-8")


def chart_frame(points: list[Point], others: pd.DataFrame, sources: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """The figures a chart shows: the chosen series and the other sources' figures."""
    titles = {row.source_id: f"{row.publisher}: {row.title}" for row in sources.itertuples()} if not sources.empty else {}
    rows = []
    for p in points:
        rows.append({"year": p.year, "period": p.period, "value": p.value, "unit": indicator.unit, "series": "observed",
                     "qualifier": p.qualifier, "hollow": p.qualifier != "exact", "source_id": p.source_id,
                     "source": titles.get(p.source_id, ""), "quote": _quote_of(others, p)})
    chosen = {(p.period, p.source_id) for p in points}
    for row in others.itertuples():
        if (row.period, row.source_id) in chosen:
            continue
        partial = indicator.measure == "flow" and part_of_year(row.period)
        rows.append({"year": row.year, "period": row.period, "value": row.value_std, "unit": indicator.unit,
                     "series": "part of the year" if partial else "other source", "qualifier": row.qualifier, "hollow": True, "source_id": row.source_id,
                     "source": titles.get(row.source_id, ""), "quote": row.quote})
    return pd.DataFrame(rows, columns=["year", "period", "value", "unit", "series", "qualifier", "hollow", "source_id", "source", "quote"])


def _quote_of(observations: pd.DataFrame, point: Point) -> str:
    match = observations[(observations["period"] == point.period) & (observations["source_id"] == point.source_id)]
    return match.iloc[0]["quote"] if not match.empty else "running sum of the yearly figures"


def trajectory_chart(target: Target, indicator: Indicator, assessment: Assessment, figures: pd.DataFrame, points: list[Point]) -> alt.LayerChart:
    """Observed values (hollow when approximate or a bound), the target at its deadline, the
    required path from the baseline (dashed), and the trend with its band where there is one."""
    threshold, _ = threshold_in_indicator_unit(target, indicator)
    unit = indicator.unit
    y_title = f"{indicator.name_en} ({unit})"
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1))
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("value:Q", title=f"Value ({unit})", format=",.4~f"),
               alt.Tooltip("qualifier:N", title="Qualifier"), alt.Tooltip("source:N", title="Source"), alt.Tooltip("quote:N", title="Quote")]
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values())),
                       legend=alt.Legend(orient="bottom"))
    layers = []
    observed = figures[figures["series"] == "observed"]
    if len(observed) > 1:
        layers.append(alt.Chart(observed).mark_line(color=COLOURS["observed"]).encode(x=x, y=alt.Y("value:Q", title=y_title)))
    target_row = pd.DataFrame([{"year": target.deadline, "value": threshold, "series": "target",
                                "label": f"target {target.comparator} {target.value:g} {target.unit}"}])
    layers.append(alt.Chart(target_row).mark_point(shape="diamond", size=160, filled=True).encode(
        x=x, y="value:Q", color=colour, tooltip=[alt.Tooltip("label:N", title="Target"), alt.Tooltip("year:Q", title="Deadline", format="d")]))
    if assessment.baseline_value is not None and assessment.baseline_year is not None and assessment.baseline_year < target.deadline:
        path = required_path(assessment.baseline_year, assessment.baseline_value, target.deadline, threshold)
        layers.append(alt.Chart(path).mark_line(strokeDash=[6, 4]).encode(x=x, y="value:Q", color=colour))
    if assessment.projection_year is not None and points:
        trend = trend_line(points, log_scale=target.kind not in ("share", "rank"),
                           until=min(math.ceil(assessment.projection_year), target.deadline + 15))
        if not trend.empty:
            trend["series"] = "trend"
            layers.append(alt.Chart(trend).mark_area(opacity=0.15, color=COLOURS["trend"]).encode(x=x, y="low:Q", y2="high:Q"))
            layers.append(alt.Chart(trend).mark_line(strokeDash=[2, 2]).encode(x=x, y="value:Q", color=colour))
    # points last, so that they sit above the lines and their tooltips can be reached
    layers.append(alt.Chart(figures).mark_point(size=70, strokeWidth=2).encode(
        x=x, y=alt.Y("value:Q", title=y_title), color=colour, shape=alt.Shape("series:N", legend=None),
        fill=alt.condition("datum.hollow", alt.value("white"), colour), tooltip=tooltip))
    return alt.layer(*layers).properties(width="container", height=260, title=alt.Title(indicator.name_en, subtitle=target.wording_en))


def context_chart(indicator: Indicator, figures: pd.DataFrame) -> alt.LayerChart:
    """A related or national series shown beside a target: its figures over time."""
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1))
    y = alt.Y("value:Q", title=f"{indicator.name_en} ({indicator.unit})")
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("value:Q", title=f"Value ({indicator.unit})", format=",.4~f"),
               alt.Tooltip("qualifier:N", title="Qualifier"), alt.Tooltip("source:N", title="Source"), alt.Tooltip("quote:N", title="Quote")]
    observed = figures[figures["series"] == "observed"]
    line = alt.Chart(observed).mark_line(color=COLOURS["observed"]).encode(x=x, y=y)
    points = alt.Chart(figures).mark_point(size=60, strokeWidth=2).encode(
        x=x, y=y, color=alt.Color("series:N", title=None, scale=alt.Scale(domain=["observed", "other source", "part of the year"],
                                  range=[COLOURS["observed"], COLOURS["other source"], COLOURS["part of the year"]]), legend=alt.Legend(orient="bottom")),
        fill=alt.condition("datum.hollow", alt.value("white"), alt.value(COLOURS["observed"])), tooltip=tooltip)
    return alt.layer(line, points).properties(width="container", height=200, title=alt.Title(indicator.name_en, subtitle="context"))


def required_path(base_year: int, base_value: float, deadline: int, threshold: float) -> pd.DataFrame:
    """The constant-growth path from the baseline to the target (linear when a value is zero)."""
    rows = []
    span = deadline - base_year
    for year in range(base_year, deadline + 1):
        share = (year - base_year) / span
        if base_value > 0 and threshold > 0:
            value = base_value * (threshold / base_value) ** share
        else:
            value = base_value + (threshold - base_value) * share
        rows.append({"year": year, "value": value, "series": "required path"})
    return pd.DataFrame(rows)


def scoreboard_chart(counts: pd.DataFrame) -> alt.Chart:
    """Targets by verdict group, one bar per group."""
    palette = {group.label: colour for group, colour in GROUP_COLOURS.items()}
    return alt.Chart(counts).mark_bar().encode(
        x=alt.X("targets:Q", title="Targets"),
        y=alt.Y("verdict:N", title=None, sort=list(palette)),
        color=alt.Color("verdict:N", scale=alt.Scale(domain=list(palette), range=list(palette.values())), legend=None),
        tooltip=[alt.Tooltip("verdict:N", title="Verdict"), alt.Tooltip("targets:Q", title="Targets")],
    ).properties(width="container", height=140)
