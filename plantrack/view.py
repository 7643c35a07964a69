"""What a target's section shows, built once from one assessment: its figures and chart data,
its context series and national shares, its sentences, evidence, searches, sources and download.

The data side of a page; plantrack/templates/ turn a view into HTML and chapter.py shows it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

import pandas as pd

from .assess import Assessment, Point, series_for, yearly_points
from .charts import chart_frame
from .coverage import searches_for
from .dataset import Dataset
from .registry import Indicator, Target
from .units import convert, convertible
from .grading import MATCH_WORDS, SCOPE_WORDS, STATE_WORDS, VERDICT_OF, Contribution, Match, Scope, State
from .verdicts import Verdict
from .words import format_value, sentences, source_title

DOWNLOAD_COLUMNS_FIRST = ["target_id", "indicator_id"]


@dataclass
class Series:
    """One indicator's figures as a chart shows them."""
    indicator: Indicator
    points: list[Point]
    figures: pd.DataFrame


@dataclass
class TargetView:
    target: Target
    assessment: Assessment
    indicator: Optional[Indicator]
    own: Optional[Series]  # the target's indicator, when it has figures up to the as-of year
    baseline: str  # the baseline sentence, or "" for a milestone
    facts: list[tuple[str, str]]  # the verdict's figures, label and value
    sentences: list[str]
    context: list[Series] = field(default_factory=list)
    context_gaps: list[str] = field(default_factory=list)  # context series without a figure
    shares: str = ""
    evidence: list[dict] = field(default_factory=list)
    searches: pd.DataFrame = field(default_factory=pd.DataFrame)
    sources: list[dict] = field(default_factory=list)
    download: pd.DataFrame = field(default_factory=pd.DataFrame)  # every figure shown, with its source's address
    standing: list[dict] = field(default_factory=list)  # Zhejiang among the provinces, per imported series


def _year(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(int(value))


def _series(dataset: Dataset, indicator: Indicator, as_of_year: int, points: Optional[list[Point]] = None) -> Optional[Series]:
    obs = dataset.observations
    shown = obs[(obs["indicator_id"] == indicator.id) & (obs["year"] <= as_of_year)]
    if shown.empty:
        return None
    if points is None:
        points, _ = yearly_points(shown, dataset.sources, indicator)
    points = [p for p in points if p.year <= as_of_year]
    figures = chart_frame(points, shown, dataset.sources, indicator)
    return Series(indicator, points, figures) if not figures.empty else None


def _baseline(target: Target, a: Assessment, indicator: Indicator) -> str:
    if a.baseline_year is None:
        return "no figure for the baseline year or the two years around it"
    text = f"{format_value(a.baseline_value, indicator.unit)} in {_year(a.baseline_year)}"
    if a.baseline_year != target.baseline_year:
        text += f" (nearest year to the {target.baseline_year} baseline)"
    return text


def _facts(target: Target, a: Assessment, indicator: Optional[Indicator]) -> list[tuple[str, str]]:
    items = []
    if not a.evidence_based and indicator is not None:
        unit = indicator.unit
        items.append(("Value at the deadline", format_value(a.deadline_value, unit) if a.deadline_value is not None else f"no figure for {target.deadline}"))
        items.append(("Latest value", f"{format_value(a.latest_value, unit)} ({_year(a.latest_year)})" if a.latest_year else "none"))
        if a.shortfall is not None and a.verdict != Verdict.MET:
            items.append(("Short by", f"{format_value(abs(a.shortfall), unit)} ({a.shortfall_pct:.1f}%)" if a.shortfall_pct is not None else format_value(abs(a.shortfall), unit)))
        items.append(("First met", _year(a.first_met_year) or "not yet"))
        ratio = f"{a.progress_ratio:.2f}" if a.progress_ratio is not None else "n/a"
        items.append(("Progress ratio (actual / required growth)", f"{ratio}: {a.progress_class}"))
        if a.projection_note:
            items.append(("Projection", a.projection_note if a.projection_year is None else
                          f"around {a.projection_year:.0f} ({a.projection_note})"))
    if a.verdict_reason:
        items.append(("Why this verdict", a.verdict_reason))
    if a.quality_flags:
        items.append(("Data-quality notes", "; ".join(a.quality_flags)))
    return items


def national_shares(dataset: Dataset, target: Target, as_of_year: int) -> str:
    """Zhejiang's share of the national figure, for each year both are published: the target's
    own indicator, or else a Zhejiang context series of the same dimension, against each
    national context series."""
    indicators = dataset.registry.indicators
    obs = dataset.observations
    national = [indicators[c] for c in target.context if indicators[c].scope == "national"]
    own = [indicators[i] for i in [target.indicator, *target.context] if i and indicators[i].scope == "zhejiang"]
    out = []
    for nat in national:
        match = next((z for z in own if convertible(z.unit, nat.unit)), None)
        if match is None:
            continue
        zj, _ = yearly_points(obs[obs["indicator_id"] == match.id], dataset.sources, match)
        cn, disputed = yearly_points(obs[obs["indicator_id"] == nat.id], dataset.sources, nat)
        national_by_year = {p.year: convert(p.value, nat.unit, match.unit) for p in cn if len(p.period) == 4}
        shares = [f"{p.year}: {100 * p.value / national_by_year[p.year]:.1f}%" + (" (national sources disagree)" if p.year in disputed else "")
                  for p in zj if len(p.period) == 4 and national_by_year.get(p.year, 0) > 0 and p.year <= as_of_year]
        if shares:
            out.append(f"{match.name_en} as a share of {nat.name_en}: " + ", ".join(shares) + ".")
    return " ".join(out)


def _evidence(dataset: Dataset, target: Target, a: Assessment, as_of_year: int) -> list[dict]:
    """Every record read for the target, counted or not, with its grades in words, what it counts
    for by the rule table, and whether it decides the verdict at the deadline or the status now."""
    ev = dataset.evidence.evidence
    ev = ev[(ev["target_id"] == target.id) & (ev["date"].str[:4].astype(int) <= as_of_year)].sort_values("date", kind="stable")
    sources = dataset.sources.set_index("source_id")
    out = []
    for r in ev.itertuples():
        contribution = Contribution(r.finding)
        decides = [when for when, record in (("at the deadline", a.deciding_record), ("now", a.deciding_record_now)) if record == r.record_id]
        out.append({
            "record_id": r.record_id, "date": r.date, "summary": r.summary, "quote": r.quote, "source_id": r.source_id,
            "url": sources["url"].get(r.source_id, "#"), "lang": sources["language"].get(r.source_id, "zh"),
            "grades": f"{SCOPE_WORDS[Scope(r.scope)]}; {STATE_WORDS[State(r.state)]}; {MATCH_WORDS[Match(r.match)]}",
            "counted": contribution != Contribution.NOT_COUNTED,
            "verdict": VERDICT_OF.get(contribution), "reason": r.finding_reason, "review": r.review,
            "decides": " and ".join(decides),
        })
    return out


def _shown(own: Optional[Series], context: list[Series]) -> pd.DataFrame:
    frames = [s.figures.assign(indicator_id=s.indicator.id) for s in ([own] if own else []) + context]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _sources(dataset: Dataset, shown: pd.DataFrame) -> list[dict]:
    if shown.empty:
        return []
    sources = dataset.sources.set_index("source_id")
    obs = dataset.observations
    out = []
    for source_id in dict.fromkeys(shown["source_id"]):
        if source_id not in sources.index:
            continue  # a running sum has no source of its own
        s = sources.loc[source_id]
        indicators = set(shown[shown["source_id"] == source_id]["indicator_id"])
        quotes = obs[(obs["source_id"] == source_id) & obs["indicator_id"].isin(indicators)]["quote"].tolist()
        out.append({"source_id": source_id, **s.to_dict(), "title": source_title(s["title"], s["publisher"]), "quotes": quotes})
    return out


def _download(dataset: Dataset, target: Target, shown: pd.DataFrame) -> pd.DataFrame:
    if shown.empty:
        return shown
    urls = dataset.sources.set_index("source_id")["url"].to_dict()
    out = shown.drop(columns=["hollow"]).assign(url=[urls.get(s, "") for s in shown["source_id"]])
    out.insert(0, "target_id", target.id)
    out = out[DOWNLOAD_COLUMNS_FIRST + [c for c in out.columns if c not in DOWNLOAD_COLUMNS_FIRST]]
    return out.sort_values(["indicator_id", "year", "series", "source_id"]).reset_index(drop=True)


def target_view(dataset: Dataset, target: Target, a: Assessment, as_of_year: int) -> TargetView:
    indicators = dataset.registry.indicators
    indicator = indicators.get(target.indicator) if target.indicator else None
    own = None
    if indicator is not None:
        points, _ = series_for(target, dataset)  # a cumulative target charts its running sums
        own = _series(dataset, indicator, as_of_year, points)
    context, gaps = [], []
    for indicator_id in target.context:
        series = _series(dataset, indicators[indicator_id], as_of_year)
        if series is None:
            gaps.append(indicators[indicator_id].name_en)
        else:
            context.append(series)
    shown = _shown(own, context)
    return TargetView(
        target=target, assessment=a, indicator=indicator, own=own,
        baseline=_baseline(target, a, indicator) if indicator is not None else "",
        facts=_facts(target, a, indicator), sentences=sentences(a, target, indicator),
        context=context, context_gaps=gaps, shares=national_shares(dataset, target, as_of_year) if target.context else "",
        evidence=_evidence(dataset, target, a, as_of_year), searches=searches_for(dataset, target), sources=_sources(dataset, shown),
        download=_download(dataset, target, shown),
        standing=provincial_standing(dataset, [i for i in [target.indicator, *target.context] if i], as_of_year),
    )


def provincial_standing(dataset: Dataset, indicator_ids: list[str], as_of_year: int) -> list[dict]:
    """For each series with an all-province table: Zhejiang's value, its rank among the provinces
    and its share of the national total, year by year, with what the total is."""
    from .provinces import zhejiang_standing

    imported = set(dataset.snapshots.panel["indicator_id"]) if not dataset.snapshots.panel.empty else set()
    out = []
    for indicator_id in (i for i in indicator_ids if i in imported):  # most targets have no provincial table
        rows = zhejiang_standing(dataset, indicator_id)
        rows = rows[rows["year"] <= as_of_year]
        if rows.empty:
            continue
        indicator = dataset.registry.indicators[indicator_id]
        out.append({
            "indicator": indicator,
            "rows": [{"year": int(r.year), "value": format_value(r.value, r.unit), "rank": r.rank_note,
                      "share": "" if pd.isna(r.share) else f"{r.share:.1f}%"} for r in rows.itertuples()],
            "total_label": rows.iloc[-1]["total_label"],
        })
    return out

