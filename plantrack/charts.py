"""Altair charts of a target's trajectory, rendered offline by the book's own copy of Vega.

The renderer emits a div and a call to window.vegaEmbed; the book loads vega-offline.js (written by
write_vega_bundle) on every page, so no chart asks another host for anything.

A figure is made in the page's language (i18n.current()): its title, axis title, legend, tooltips,
table and description; the figures plotted are the same in every language. Charts use Vega's
default font (sans-serif), which the reader's own fonts draw, Chinese included: no web font.
"""

from __future__ import annotations

import hashlib
import json
import math
from html import escape as html_escape
from itertools import count
from pathlib import Path

from dataclasses import dataclass, field
from typing import Optional

import altair as alt
import pandas as pd

from .assess import CONFIDENCE, Assessment, Point, part_of_year, threshold_in_indicator_unit, trend_line
from .embed import script_json
from . import i18n
from .i18n import N_, SOURCE, _, local, ngettext, pgettext
from .registry import Indicator, Target
from .units import UNITS
from .words import (DisplayUnit, comparator_words, display_unit, format_value, in_sentence, ordinal, paragraph, qualifier_words,
                    quote_text, source_title)

_chart_numbers = count(1)


def _render(spec: dict, **_options) -> dict:
    """Altair renderer: deterministic div ids (identical rebuilds), no $schema URL, no CDN."""
    return {"text/html": chart_html(spec)}


def chart_html(spec: dict, label: str = "", described_by: str = "") -> str:
    """The div a chart is drawn into, and the call that draws it; with a label, the div is an
    image named by it and described by the element `described_by`."""
    spec = {key: value for key, value in spec.items() if key != "$schema"}
    text = script_json(spec, sort_keys=True, ensure_ascii=True)  # no data text can end or comment out the block
    div = f"chart-{next(_chart_numbers)}-{hashlib.sha1(text.encode()).hexdigest()[:10]}"
    # a named chart is an image a keyboard can reach, so that its description is read out
    aria = (f' role="img" tabindex="0" aria-label="{html_escape(label)}"' if label else "") + (f' aria-describedby="{html_escape(described_by)}"' if described_by else "")
    before, _message, after = _("Chart error: {message}").partition("{message}")
    return (
        # vega-embed gives the div it draws into a role of its own: the name sits on a frame around it
        f'<div class="chart-frame"{aria}><div class="tracker-chart" id="{div}"></div></div>\n'
        "<script>(function(spec){var el=document.getElementById(" + script_json(div) + ");"
        'if(typeof window.vegaEmbed!=="function"){el.textContent=' + script_json(_("Chart unavailable: the chart library did not load.")) + ";return;}"
        'window.vegaEmbed(el,spec,{"actions":false,"renderer":"svg"}).catch(function(e){el.textContent=' + script_json(before) + "+e.message"
        + (("+" + script_json(after)) if after else "") + ";});"
        "})(" + text + ");</script>"
    )


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


RUNNING_SUM = N_("running sum of the yearly figures")  # the quote of a figure that sums the years found


def source_names(sources: pd.DataFrame, ids=None) -> dict[str, str]:
    """source id -> 'publisher: title', as a chart's tooltip and table name a source, in the page's
    language; only the sources `ids` names, when given."""
    if sources.empty:
        return {}
    if ids is not None:
        sources = sources[sources["source_id"].isin(set(ids))]
    return {row.source_id: _("{publisher}: {title}").format(publisher=row.publisher, title=source_title(row.title, row.publisher))
            for row in sources.itertuples()}


def chart_frame(points: list[Point], others: pd.DataFrame, sources: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """The figures a chart shows: the chosen series and the other sources' figures (their `source`
    and `quote` in the source language; make_figure writes them in the page's language)."""
    titles = source_names(sources, list(others["source_id"]) + [p.source_id for p in points])
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
    return match.iloc[0]["quote"] if not match.empty else RUNNING_SUM


# ------------------------------------------------------------------------- figures that cannot mislead

# What each kind of mark means (the key is its legend's words in English, a catalogue message), its
# colour and its shape (Okabe-Ito).
KINDS = {
    "annual figure": ("#0072B2", "circle"),
    "figure as of a date": ("#0072B2", "triangle-up"),
    "part of the year": ("#56B4E9", "triangle-down"),
    "other source": ("#777777", "square"),
    "baseline": ("#000000", "cross"),
    "target": ("#D55E00", "diamond"),
    "required path": ("#009E73", "stroke"),
    "trend": ("#CC79A7", "stroke"),
}
KIND_WORDS = [N_("annual figure"), N_("figure as of a date"), N_("part of the year"), N_("other source"), N_("baseline"),
              N_("target"), N_("required path"), N_("trend")]  # the keys of KINDS, for the catalogue
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def kind_words(kind: str) -> str:
    """A kind of mark in the legend's words, in the page's language."""
    return _(kind)


def full_year(period: str) -> bool:
    """A figure for a whole year (2017) or at its end (2017-12, 2017-12-31)."""
    return len(period) == 4 or period[5:7] == "12"


def period_date(period: str) -> str:
    """Where a figure sits on the time axis: a year at its tick (1 January), a date at that date
    (a month at its last day)."""
    if len(period) == 4:
        return f"{period}-01-01"
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:7])
        last = (pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)).day
        return f"{period}-{last:02d}"
    return period[:10]


def period_words(period: str, measure: str = "stock") -> str:
    """2017 -> '2017'; 2021-09-30 of a flow -> 'Jan–Sep 2021'; 2019-11-19 of a stock -> 'as of 19 Nov 2019'
    (Chinese: 2017年, 2021年1—9月, 截至2019年11月19日)."""
    if len(period) == 4:
        return pgettext("a year", "{year}").format(year=period)
    number = int(period[5:7])
    words = {"year": period[:4], "month": MONTHS[number - 1], "month_number": number}
    if measure == "flow":
        return (_("Jan–{month} {year}") if number != 1 else _("Jan {year}")).format(**words)
    if len(period) >= 10:
        return _("as of {day} {month} {year}").format(day=int(period[8:10]), **words)
    return _("as of {month} {year}").format(**words)


@dataclass
class Figure:
    """One indicator's figures as a reader sees them: a chart with its table, sources and text
    description, or, for a single value, a figure card."""
    key: str  # unique on its page: the html ids of the tabs start with it
    title: str
    unit: DisplayUnit
    spec: Optional[dict]  # the Vega-Lite spec; None for a figure card
    label: str  # the chart's accessible name
    description: str  # a short text description generated from the data
    rows: list[dict]  # the table: every plotted figure, then the baseline, target, required path and trend ("kind" in words, "code" its KINDS key)
    sources: list[dict]
    kinds: list[str] = field(default_factory=list)  # the legend's entries, exactly the kinds drawn, in words

    @property
    def is_card(self) -> bool:
        return self.spec is None


def _kind(row) -> str:
    if row.series == "observed":
        return "annual figure" if full_year(row.period) else "figure as of a date"
    return row.series


def _with_dates(figures: pd.DataFrame, indicator: Indicator, unit: DisplayUnit, names: dict[str, str]) -> pd.DataFrame:
    """The figures with their kind (a KINDS key), date, value in the display unit and words."""
    out = figures.copy()
    out["kind"] = [_kind(r) for r in out.itertuples()]
    out["date"] = [period_date(p) for p in out["period"]]
    out["shown"] = out["value"] / unit.divisor
    out["when"] = [period_words(p, indicator.measure) for p in out["period"]]
    out["value_text"] = [qualifier_words(q) + written(v, indicator, unit) for v, q in zip(out["value"], out["qualifier"])]
    out["label"] = [w if k != "annual figure" else "" for w, k in zip(out["when"], out["kind"])]
    out["source"] = [names.get(s, "") for s in out["source_id"]]
    out["quote"] = [_(q) if q == RUNNING_SUM else quote_text(q) for q in out["quote"]]
    return out.sort_values(["date", "kind"], kind="stable").reset_index(drop=True)


def _in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the chart draws it: each kind in the legend's words."""
    return frame.assign(kind=[kind_words(k) for k in frame["kind"]]) if not frame.empty else frame


def written(value: float, indicator: Indicator, unit: DisplayUnit, digits: Optional[int] = None) -> str:
    """A figure in the chart's one display unit (0.56 and 1.3 trillion yuan, not 564.2 billion);
    with `digits`, in the table's one precision (0.56 and 1.30)."""
    return ordinal(int(round(value))) if UNITS.get(indicator.unit, ("",))[0] == "rank" else unit.text(value, digits)


def _trend_source(log_scale: bool, n: int) -> str:
    """How the trend was computed, the source of its rows in the table."""
    if log_scale:
        return _("computed: constant-growth trend fitted to {n} yearly figures (least squares)").format(n=n)
    return _("computed: straight-line trend fitted to {n} yearly figures (least squares)").format(n=n)


def _year_axis(dates: list[str]) -> alt.X:
    """Years on a time axis: one tick per year (every second or fifth year on long spans), each
    year written once, the scale spanning only the dates shown, with a quarter's margin."""
    first, last = pd.Timestamp(min(dates)), pd.Timestamp(max(dates))
    span = last.year - first.year
    step = 1 if span <= 8 else 2 if span <= 16 else 5
    domain = [(first - pd.DateOffset(months=3)).strftime("%Y-%m-%d"), (last + pd.DateOffset(months=3)).strftime("%Y-%m-%d")]
    return alt.X("date:T", title=None, scale=alt.Scale(domain=domain),
                 axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": step}, labelOverlap=True, grid=False))


@dataclass
class _Plot:
    """What a chart draws in one language: a frame per layer, in the layers' order, and its words."""
    unit: DisplayUnit
    rank: bool
    codes: list[str]  # the kinds drawn (KINDS keys), in the legend's order
    kinds: list[str]  # the same in the legend's words
    dates: list[str]
    trend: pd.DataFrame
    path: pd.DataFrame
    annual: pd.DataFrame
    marks: pd.DataFrame
    labelled: pd.DataFrame
    tooltip_titles: list[str]

    @property
    def frames(self) -> list[pd.DataFrame]:
        """The frame of each layer _chart draws, in order."""
        return ([self.trend, self.trend] if not self.trend.empty else []) + ([self.path] if not self.path.empty else []) \
            + ([self.annual] if len(self.annual) > 1 else []) + [self.marks] + ([self.labelled] if not self.labelled.empty else [])

    @property
    def y_format(self) -> str:
        return ",~f" if self.unit.language == SOURCE else "~f"  # Chinese tables group no thousands

    @property
    def y_title_layout(self) -> dict:
        """Chinese writes the unit level above the value axis ('亿元'), as Chinese charts do, not turned on its side."""
        return {} if self.unit.language == SOURCE else {"titleAngle": 0, "titleAlign": "right", "titleBaseline": "bottom", "titleX": 0, "titleY": -6}

    @property
    def size_test(self) -> str:
        baseline = kind_words("baseline")
        return "datum.kind === '{}'".format(baseline.replace("\\", "\\\\").replace("'", "\\'"))


def _drawing(key: str, indicator: Indicator, figures: pd.DataFrame, sources: pd.DataFrame, target: Optional[Target],
             assessment: Optional[Assessment], points: Optional[list[Point]]) -> tuple[Figure, Optional[_Plot]]:
    """The figure in the page's language without its spec, and what its chart draws (None for a card)."""
    threshold = threshold_in_indicator_unit(target, indicator)[0] if target is not None else None
    values = [abs(v) for v in figures["value"]] + ([abs(threshold)] if threshold is not None else [])
    unit = display_unit(indicator.unit, max(values) if values else 0)
    rank = UNITS.get(indicator.unit, ("",))[0] == "rank"
    data = _with_dates(figures, indicator, unit, source_names(sources, figures["source_id"]))
    urls = sources.set_index("source_id")["url"].to_dict() if not sources.empty else {}
    languages = sources.set_index("source_id")["language"].to_dict() if not sources.empty else {}
    # the table's Value column: every figure, published or computed, in one unit and one precision,
    # the unit of its smallest figure (as words.figure_column: no digit lost) and the precision its
    # published figures (and the plan's target) need; the axis keeps the unit of the largest
    table_unit = display_unit(indicator.unit, min((v for v in values if v), default=0))
    digits = None if rank else table_unit.column_digits(list(figures["value"]) + ([threshold] if threshold is not None else []))

    def row(when: str, value: str, code: str, source: str, source_id: str = "") -> dict:
        return {"when": when, "value": value, "kind": kind_words(code), "code": code, "source": source,
                "url": urls.get(source_id, ""), "language": languages.get(source_id, "")}

    rows = [row(r.when, qualifier_words(r.qualifier) + written(r.value, indicator, table_unit, digits), r.kind, r.source or _(RUNNING_SUM), r.source_id)
            for r in data.itertuples()]
    extra = []  # target, baseline, required path, trend: each drawn only when there is one
    path = pd.DataFrame()
    if target is not None:
        goal = goal_words(target, indicator)
        deadline = period_words(str(target.deadline))
        extra.append({"date": f"{target.deadline}-01-01", "shown": threshold / unit.divisor, "kind": "target",
                      "when": deadline, "value_text": _("target {goal}").format(goal=goal), "label": "", "source": _("the plan"),
                      "quote": target.wording_zh, "qualifier": "", "hollow": False})
        a = assessment
        if a is not None and a.baseline_value is not None and a.baseline_year is not None and a.baseline_year < target.deadline:
            extra.append({"date": f"{a.baseline_year}-01-01", "shown": a.baseline_value / unit.divisor, "kind": "baseline",
                          "when": period_words(str(a.baseline_year)),
                          "value_text": _("baseline {value}").format(value=written(a.baseline_value, indicator, unit)),
                          "label": "", "source": "", "quote": "", "qualifier": "", "hollow": True})
            # the baseline is a figure of the series, whose source its row names, or the zero a running sum starts from
            base = data[[y == a.baseline_year and math.isclose(v, a.baseline_value, rel_tol=1e-9) for y, v in zip(data["year"], data["value"])]]
            if not base.empty:
                source, source_id = base.iloc[0]["source"] or _(RUNNING_SUM), base.iloc[0]["source_id"]
            else:
                source, source_id = _("computed: the sum counts from {year}, so it starts at zero").format(year=target.cumulative_from) \
                    if target.cumulative_from is not None else "", ""
            rows.append(row(period_words(str(a.baseline_year)), written(a.baseline_value, indicator, table_unit, digits), "baseline", source, source_id))
            path = required_path(a.baseline_year, a.baseline_value, target.deadline, threshold)
            path["date"] = [f"{y}-01-01" for y in path["year"]]
            path["shown"] = path["value"] / unit.divisor
            path["kind"] = "required path"
        rows.append(row(deadline, goal_words(target, indicator, table_unit, digits), "target", _("the plan")))
        rows += [row(period_words(str(y)), written(v, indicator, table_unit, digits), "required path", _("computed: constant growth from the baseline"))
                 for y, v in zip(path.get("year", []), path.get("value", []))]
    # the target and baseline first, so that the figures sit above them and their tooltips can be reached
    marks = pd.concat([pd.DataFrame(extra), data], ignore_index=True) if extra else data
    trend = pd.DataFrame()
    if target is not None and assessment is not None and assessment.projection_year is not None and points and not rank:
        log_scale = target.kind not in ("share", "rank")
        trend = trend_line(points, log_scale=log_scale, until=min(math.ceil(assessment.projection_year), target.deadline + 15))
        if not trend.empty:
            trend = trend.assign(date=[f"{int(y)}-01-01" for y in trend["year"]], kind="trend",
                                 shown=trend["value"] / unit.divisor, low_shown=trend["low"] / unit.divisor,
                                 high_shown=trend["high"] / unit.divisor)
            source = _trend_source(log_scale, len([p for p in points if not log_scale or p.value > 0]))
            rows += [row(period_words(str(int(t.year))), _("{value} ({confidence} interval {low} to {high})").format(
                         value=written(t.value, indicator, table_unit, digits), confidence=f"{CONFIDENCE:.0%}",
                         low=table_unit.number(t.low, digits), high=written(t.high, indicator, table_unit, digits)), "trend", source)
                     for t in trend.itertuples()]
    annual = data[data["kind"] == "annual figure"]
    codes = [k for k in KINDS if k in set(marks["kind"]) or (k == "required path" and not path.empty) or (k == "trend" and not trend.empty)]
    kinds = [kind_words(k) for k in codes]
    sources_list = _sources_of(data, sources)
    title = local(indicator, "name")
    dates = list(marks["date"]) + (list(trend["date"]) if not trend.empty else [])
    years = [int(d[:4]) for d in dates]
    description = describe(title, unit, data, target, assessment, indicator, not path.empty, not trend.empty)
    if len(data) == 1:
        return Figure(key, title, unit, None, _("{title}: one figure").format(title=title), description, rows, sources_list, []), None
    # the frames as the chart draws them: each kind in the legend's words
    marks, path, trend, annual = _in_words(marks), _in_words(path), _in_words(trend), _in_words(annual)
    labelled = marks[marks["label"].fillna("") != ""]  # part-year figures carry their period beside them
    plot = _Plot(unit, rank, codes, kinds, dates, trend, path, annual, marks, labelled,
                 [pgettext("chart tooltip", "Period"), pgettext("chart tooltip", "Value"), pgettext("chart tooltip", "Kind"),
                  pgettext("chart tooltip", "Source"), pgettext("chart tooltip", "Quote")])
    label = _("Chart of {title}, in {unit}, {first} to {last}").format(title=title, unit=unit.axis_title, first=min(years), last=max(years))
    return Figure(key, title, unit, None, label, description, rows, sources_list, kinds), plot


def _chart(plot: _Plot, validate: bool = True) -> dict:
    """The Vega-Lite spec of a plot. Its layers draw plot.frames, in that order."""
    x = _year_axis(plot.dates)
    y = alt.Y("shown:Q", title=plot.unit.axis_title, scale=alt.Scale(zero=not plot.rank and min(plot.marks["shown"]) >= 0, reverse=plot.rank, nice=True),
              axis=alt.Axis(titleLimit=200, labelLimit=80, format=plot.y_format, **plot.y_title_layout))
    colour = alt.Color("kind:N", title=None, scale=alt.Scale(domain=plot.kinds, range=[KINDS[k][0] for k in plot.codes]),
                       legend=alt.Legend(orient="bottom", direction="vertical", symbolType="circle", labelLimit=300))
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=plot.kinds, range=[KINDS[k][1] for k in plot.codes]), legend=None)
    fields = ("when:N", "value_text:N", "kind:N", "source:N", "quote:N")
    tooltip = [alt.Tooltip(field, title=title) for field, title in zip(fields, plot.tooltip_titles)]
    layers = []
    if not plot.trend.empty:
        layers.append(alt.Chart(plot.trend).mark_area(opacity=0.15, color=KINDS["trend"][0]).encode(x=x, y="low_shown:Q", y2="high_shown:Q"))
        layers.append(alt.Chart(plot.trend).mark_line(strokeDash=[2, 2]).encode(x=x, y=y, color=colour))
    if not plot.path.empty:
        layers.append(alt.Chart(plot.path).mark_line(strokeDash=[6, 4]).encode(x=x, y=y, color=colour))
    if len(plot.annual) > 1:  # one line, through the annual figures of the one series only
        layers.append(alt.Chart(plot.annual).mark_line(color=KINDS["annual figure"][0]).encode(x=x, y=y, detail="kind:N"))
    layers.append(alt.Chart(plot.marks).mark_point(strokeWidth=2, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, size=alt.condition(plot.size_test, alt.value(260), alt.value(80)), fill=alt.condition("datum.hollow", alt.value("white"), colour), tooltip=tooltip))
    if not plot.labelled.empty:
        layers.append(alt.Chart(plot.labelled).mark_text(align="left", dx=7, dy=-7, fontSize=11, color="#333").encode(x=x, y=y, text="label:N"))
    chart = alt.layer(*layers).properties(width="container", height=240).configure_view(stroke=None)
    return chart.to_dict(validate=validate)


def _reworded(spec: dict, plot: _Plot) -> dict:
    """The spec `_chart(plot)` gives, made from the spec of the same figure in another language:
    the layout is the same, the data and words are the plot's. (Building it with Altair again
    costs ten times as much; a test checks that both give the same spec.)"""
    from altair.vegalite.v6.api import _dataset_name

    out = json.loads(json.dumps(spec))
    datasets = {}
    for layer, frame in zip(out["layer"], plot.frames):
        values = alt.data_transformers.get()(frame)["values"]  # as Altair writes a frame
        name = _dataset_name(values)
        datasets[name] = values
        layer["data"] = {"name": name}
        encoding = layer["encoding"]
        if "title" in encoding.get("y", {}):
            axis = encoding["y"]["axis"]
            encoding["y"]["title"], axis["format"] = plot.unit.axis_title, plot.y_format
            for name in ("titleAngle", "titleAlign", "titleBaseline", "titleX", "titleY"):
                axis.pop(name, None)
            axis.update(plot.y_title_layout)
        for channel in ("color", "shape", "fill"):
            if "scale" in encoding.get(channel, {}):
                encoding[channel]["scale"]["domain"] = list(plot.kinds)
        if "condition" in encoding.get("size", {}):
            encoding["size"]["condition"]["test"] = plot.size_test
        for tip, title in zip(encoding.get("tooltip", []), plot.tooltip_titles):
            tip["title"] = title
    out["datasets"] = datasets
    return out


def make_figure(key: str, indicator: Indicator, figures: pd.DataFrame, sources: pd.DataFrame, target: Optional[Target] = None,
                assessment: Optional[Assessment] = None, points: Optional[list[Point]] = None) -> Figure:
    """The figure of one indicator's figures, in the page's language; with a target, its target,
    baseline, required path and trend where there are any. Every mark drawn is named in the
    legend, and nothing else is."""
    figure, plot = _drawing(key, indicator, figures, sources, target, assessment, points)
    if plot is not None:
        figure.spec = _chart(plot)
    return figure


def make_figures(key: str, indicator: Indicator, figures: pd.DataFrame, sources: pd.DataFrame, target: Optional[Target] = None,
                 assessment: Optional[Assessment] = None, points: Optional[list[Point]] = None) -> dict[str, Figure]:
    """make_figure in every language (language code -> Figure): the chart is built once, in the
    source language, and written again in each other language's words and display unit."""
    out, first = {}, None
    for code in i18n.LANGUAGES:
        with i18n.language(code):
            figure, plot = _drawing(key, indicator, figures, sources, target, assessment, points)
            if plot is not None:
                # the schema is checked once: another language's spec differs only in its words and numbers
                figure.spec = first = _chart(plot) if first is None else _reworded(first, plot)
        out[code] = figure
    return out


def _sources_of(data: pd.DataFrame, sources: pd.DataFrame) -> list[dict]:
    if sources.empty:
        return []
    known = sources.set_index("source_id")
    out = []
    for source_id in dict.fromkeys(data["source_id"]):
        if source_id not in known.index:
            continue
        s = known.loc[source_id]
        out.append({"source_id": source_id, "publisher": s["publisher"], "title": source_title(s["title"], s["publisher"]), "url": s["url"],
                    "published": s["published"], "language": s["language"], "quotes": [q for q in data[data["source_id"] == source_id]["quote"] if q]})  # as _with_dates wrote them
    return out


def goal_words(target: Target, indicator: Indicator, unit: Optional[DisplayUnit] = None, digits: Optional[int] = None) -> str:
    """'at least 1.2 trillion yuan', 'a place in the top 3': the target's threshold in words; with
    `unit`, in that display unit and `digits` decimals (a chart table's Value column)."""
    if UNITS.get(indicator.unit, ("",))[0] == "rank":
        return _("a place in the top {n}").format(n=int(target.value)) if target.value > 1 else _("first place")
    threshold = threshold_in_indicator_unit(target, indicator)[0]
    value = format_value(threshold, indicator.unit) if unit is None else unit.text(threshold, digits)
    return _("{comparator} {value}").format(comparator=comparator_words(target.comparator), value=value)


def describe(title: str, unit: DisplayUnit, data: pd.DataFrame, target: Optional[Target], assessment: Optional[Assessment],
             indicator: Indicator, path: bool, trend: bool) -> str:
    """A short text description of a figure, from its data: what a sighted reader takes from it."""
    annual = data[data["kind"] == "annual figure"]
    parts = []
    if len(data) == 1:
        r = data.iloc[0]
        parts.append(_("One figure of {name}: {value}, {when}.").format(name=in_sentence(title), value=r.value_text, when=r.when))
    elif not annual.empty:
        first, last = annual.iloc[0], annual.iloc[-1]
        if len(annual) == 1:
            parts.append(_("{title}: one annual figure, {value} in {when}.").format(title=title, value=first.value_text, when=first.when))
        else:
            parts.append(_("{title}: {n} annual figures, from {first} in {first_when} to {last} in {last_when}.").format(
                title=title, n=len(annual), first=first.value_text, first_when=first.when, last=last.value_text, last_when=last.when))
    others = data[data["kind"] != "annual figure"]
    for kind, group in others.groupby("kind", sort=False):
        items = pgettext("list of figures", ", ").join(_("{value} ({when})").format(value=r.value_text, when=r.when) for r in group.itertuples())
        parts.append(_drawn_apart(kind, len(group)).format(n=len(group), items=items))
    if target is not None:
        parts.append(_("The target, {goal} by {deadline}, is marked as a diamond.").format(goal=goal_words(target, indicator), deadline=target.deadline))
        if path and assessment is not None:
            parts.append(_("A dashed line shows the constant growth needed from the {year} baseline.").format(year=assessment.baseline_year))
        if trend:
            parts.append(_("A dotted line shows the trend with its interval."))
    return paragraph(parts)


def _drawn_apart(kind: str, n: int) -> str:
    """The sentence on the figures of one kind drawn apart from the line ({n}, {items})."""
    if kind == "figure as of a date":
        return ngettext("{n} figure as of a date drawn apart, not joined to the line: {items}.",
                        "{n} figures as of a date drawn apart, not joined to the line: {items}.", n)
    if kind == "part of the year":
        return ngettext("{n} figure for part of a year drawn apart, not joined to the line: {items}.",
                        "{n} figures for part of a year drawn apart, not joined to the line: {items}.", n)
    return ngettext("{n} figure from another source drawn apart, not joined to the line: {items}.",
                    "{n} figures from another source drawn apart, not joined to the line: {items}.", n)


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
