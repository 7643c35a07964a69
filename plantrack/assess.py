"""Verdicts: baseline, value at the deadline, latest value, progress ratio, projection, quality.

Pure functions over the validated dataset; the methodology page of the book states every rule
below with its formula, and tests/test_assess.py checks each by hand-computed cases.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd

from .dataset import Dataset
from .grading import Contribution, decide
from .i18n import N_, SOURCE, MissingTranslation, _, current
from .registry import Indicator, Target
from .units import convert
from .verdicts import Group, Verdict

# An approximate figure (约, 近) within this share of the threshold cannot be told apart from it.
BORDERLINE_BAND = 0.02
# "About N" (左右) is met from N x (1 - tolerance) on, unless the target sets its own tolerance.
ABOUT_TOLERANCE = 0.10
# Progress classes of the Eurostat / Open SDG method: ratio of actual to required growth.
SIGNIFICANT, MODERATE = 0.95, 0.60
# The projection's interval: this confidence interval of the trend's slope (Student's t).
CONFIDENCE = 0.95
# Two sources are in conflict when they differ by more than this share for the same period.
CONFLICT_SHARE = 0.005
SOURCE_RANK = {"official_statistics": 0, "government_release": 1, "news": 2, "repost": 3}


# ------------------------------------------------------------------------- stored words
# The reasons, classes, notes and flags an assessment stores are language-neutral data: English
# made from these templates, the same in both books and in assessment.csv. A page shows them in
# its language with in_page_language() (or the Assessment's *_words properties), which finds the
# template a text was made from and fills the page language's one with the same fields.

NO_FIGURE_FOR = N_("no figure for {year}")
MET_BEFORE_DEADLINE = N_("met in {year}, before the deadline; no figure for {deadline}")
LOWER_BOUND_BELOW = N_("the years found sum to a lower bound below the target; a missing year's figure would decide")
LOWER_BOUND_PASSES = N_("the years found already pass the target: a lower bound, the missing years can only add")
NO_RECORD = N_("no evidence record found")
NO_FIGURE_NO_RECORD = N_("no published figure and no evidence record")
ONE_READ_NONE_COUNTED = N_("{n} record read, none counted")
READ_NONE_COUNTED = N_("{n} records read, none counted")
FIRST_AFTER_DEADLINE = N_("the first counted record describes {date}, after the deadline")
DECIDED_BY = N_("decided by the record describing {date}")
NOT_ASSESSED = N_("not assessed")
SIGNIFICANT_PROGRESS = N_("significant progress")
MODERATE_PROGRESS = N_("moderate progress")
INSUFFICIENT_PROGRESS = N_("insufficient progress")
MOVING_AWAY = N_("moving away")
NO_BASELINE_TO_ASSESS = N_("not assessed: no baseline")
NOTHING_AFTER_BASELINE = N_("not assessed: no figure after the baseline")
MET_AT_BASELINE = N_("target already met at baseline")
TOO_FEW_FIGURE = N_("not projectable: {n} annual figure, at least 3 are needed")
TOO_FEW_FIGURES = N_("not projectable: {n} annual figures, at least 3 are needed")
FLAT_TREND = N_("not projectable: the trend is flat")
TREND_AWAY = N_("not projectable: the trend moves away from the target")
LOG_LINEAR_TREND = N_("log-linear trend over {n} annual figures ({start}-{end})")
LINEAR_TREND = N_("linear trend over {n} annual figures ({start}-{end})")
NOT_ONLY_OFFICIAL = N_("not only official sources")
PROXY_INDICATOR = N_("proxy indicator")
DERIVED = N_("derived by conversion at an exchange rate")
SOURCES_DISAGREE = N_("sources disagree for {years}")
NO_BASELINE = N_("no baseline")
FROM_EVIDENCE = N_("no published figure; verdict from evidence records")
NO_EVIDENCE_FLAG = N_("no evidence")
NO_EVIDENCE_BY = N_("no evidence by {year}")
STORED_TEMPLATES = (NO_FIGURE_FOR, MET_BEFORE_DEADLINE, LOWER_BOUND_BELOW, LOWER_BOUND_PASSES, NO_RECORD, NO_FIGURE_NO_RECORD,
                    ONE_READ_NONE_COUNTED, READ_NONE_COUNTED, FIRST_AFTER_DEADLINE, DECIDED_BY, NOT_ASSESSED, SIGNIFICANT_PROGRESS,
                    MODERATE_PROGRESS, INSUFFICIENT_PROGRESS, MOVING_AWAY, NO_BASELINE_TO_ASSESS, NOTHING_AFTER_BASELINE, MET_AT_BASELINE,
                    TOO_FEW_FIGURE, TOO_FEW_FIGURES, FLAT_TREND, TREND_AWAY, LOG_LINEAR_TREND, LINEAR_TREND, NOT_ONLY_OFFICIAL,
                    PROXY_INDICATOR, DERIVED, SOURCES_DISAGREE, NO_BASELINE, FROM_EVIDENCE, NO_EVIDENCE_FLAG, NO_EVIDENCE_BY)


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)  # literal, field, literal, ...
    return re.compile("".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)))


_STORED_PATTERNS = [(template, _pattern(template)) for template in STORED_TEMPLATES]


def in_page_language(stored: str) -> str:
    """A stored reason, progress class, projection note or quality flag as the page's language
    writes it: 'no figure for 2017' -> '无2017年数据'. English is the stored text itself."""
    if current() == SOURCE or not stored:
        return stored
    for template, pattern in _STORED_PATTERNS:
        found = pattern.fullmatch(stored)
        if found:
            fields = found.groupdict()
            if "years" in fields:  # '2016, 2017' -> '2016、2017'
                fields["years"] = _(", ").join(fields["years"].split(", "))
            return _(template).format(**fields)
    raise MissingTranslation(f"assess.in_page_language: {stored!r} was made from no template of assess.STORED_TEMPLATES")


@dataclass(frozen=True)
class Point:
    """One published figure in the indicator's unit, chosen for its year."""
    year: int
    period: str
    value: float
    qualifier: str
    source_id: str


@dataclass
class Assessment:
    target_id: str
    area: str
    kind: str
    indicator: Optional[str]
    proxy: bool
    target_value: Optional[float]
    target_unit: Optional[str]
    deadline: int
    baseline_year: Optional[int] = None
    baseline_value: Optional[float] = None
    deadline_value: Optional[float] = None
    deadline_qualifier: Optional[str] = None
    latest_year: Optional[int] = None
    latest_value: Optional[float] = None
    latest_qualifier: Optional[str] = None
    verdict: Verdict = Verdict.NOT_MEASURABLE
    verdict_reason: str = ""
    shortfall: Optional[float] = None
    shortfall_pct: Optional[float] = None
    first_met_year: Optional[int] = None
    status_now: Verdict = Verdict.UNKNOWN
    cagr_actual: Optional[float] = None
    cagr_required: Optional[float] = None
    progress_ratio: Optional[float] = None
    progress_class: str = NOT_ASSESSED
    projection_year: Optional[float] = None
    projection_low: Optional[float] = None
    projection_high: Optional[float] = None
    projection_note: str = ""
    evidence_date: Optional[str] = None
    evidence_based: bool = False
    deciding_record: Optional[str] = None      # the evidence record that decides the verdict at the deadline
    deciding_record_now: Optional[str] = None  # and the one that decides the status now
    quality: str = "D"
    quality_flags: list[str] = field(default_factory=list)

    @property
    def verdict_group(self) -> Group:
        return Verdict(self.verdict).group

    # What a page shows of the stored text, in the page's language (the fields stay as stored).
    @property
    def verdict_reason_words(self) -> str:
        return in_page_language(self.verdict_reason)

    @property
    def progress_class_words(self) -> str:
        return in_page_language(self.progress_class)

    @property
    def projection_note_words(self) -> str:
        return in_page_language(self.projection_note)

    @property
    def quality_flag_words(self) -> list[str]:
        return [in_page_language(flag) for flag in self.quality_flags]


# ------------------------------------------------------------------------- comparison rules

def increase_is_better(target: Target) -> bool:
    return target.comparator not in ("<", "<=")


def threshold_in_indicator_unit(target: Target, indicator: Indicator) -> tuple[float, Optional[float]]:
    low = convert(target.value, target.unit, indicator.unit)
    high = convert(target.value_high, target.unit, indicator.unit) if target.value_high is not None else None
    return low, high


def compare(value: float, qualifier: str, comparator: str, threshold: float, tolerance: float = ABOUT_TOLERANCE) -> str:
    """'met', 'borderline', 'not met' or 'unknown' for one figure against the threshold.

    A lower bound (以上, 超过) that already reaches the threshold is met; an approximate figure
    within BORDERLINE_BAND of it is borderline; an upper bound (不到) above it is borderline.
    """
    if comparator == "about":
        comparator, threshold = ">=", threshold * (1 - tolerance)
    if comparator == "between":
        comparator = ">="
    higher = comparator in (">", ">=")
    exact_result = {
        ">": value > threshold, ">=": value >= threshold, "<": value < threshold, "<=": value <= threshold,
    }[comparator]
    if qualifier == "lower_bound":
        # a sum over the years found, some missing: it decides only when it already passes
        return Verdict.MET if higher and exact_result else Verdict.UNKNOWN
    if qualifier == "approx" and threshold and abs(value - threshold) <= BORDERLINE_BAND * abs(threshold):
        return Verdict.BORDERLINE
    if qualifier == "more_than" and higher and value >= threshold:
        return Verdict.MET  # the true value exceeds the published one, which already reaches the threshold
    if qualifier in ("at_least", "more_than") and not higher and not exact_result:
        return Verdict.NOT_MET
    if qualifier == "less_than" and higher and value > threshold:
        return Verdict.BORDERLINE  # the true value lies somewhere below a figure above the threshold
    if qualifier == "less_than" and not higher and value <= threshold:
        return Verdict.MET
    return Verdict.MET if exact_result else Verdict.NOT_MET


# ------------------------------------------------------------------------- choosing figures

def yearly_points(observations: pd.DataFrame, sources: pd.DataFrame, indicator: Indicator) -> tuple[list[Point], list[int]]:
    """One figure a year: a full-year figure before an 'as of' one; then the preferred publisher,
    then official statistics before releases, news and reposts; then file order.
    Returns the points and the years where sources disagree."""
    if indicator.measure == "flow":
        observations = observations[[not part_of_year(p) for p in observations["period"]]]
    if observations.empty:
        return [], []
    about = {row.source_id: (row.kind, row.publisher) for row in sources.itertuples()} if not sources.empty else {}

    def rank(order_and_row):
        order, row = order_and_row
        kind, publisher = about.get(row["source_id"], ("repost", ""))
        preferred = bool(indicator.preferred_publisher) and publisher == indicator.preferred_publisher
        return (row["year"], len(row["period"]) > 4, not preferred, SOURCE_RANK.get(kind, 3), order)

    rows = sorted(enumerate(observations.to_dict(orient="records")), key=rank)
    by_year: dict[int, list[dict]] = {}
    for _, row in rows:
        by_year.setdefault(int(row["year"]), []).append(row)
    points, conflicts = [], []
    for year, group in by_year.items():
        chosen = group[0]
        partial = len(chosen["period"]) > 4
        same_period = [r for r in group if (len(r["period"]) > 4) == partial]
        if _disagree(same_period, float(chosen["value_std"])):
            conflicts.append(year)
        points.append(Point(year, chosen["period"], float(chosen["value_std"]), chosen["qualifier"], chosen["source_id"]))
    return points, conflicts


def part_of_year(period: str) -> bool:
    """An 'as of' period that ends before 31 December (2021-08-31, 2023-04)."""
    return len(period) > 4 and period[5:7] != "12"


def _disagree(figures: list[dict], chosen: float) -> bool:
    """Figures for one period disagree when two point values differ by more than
    CONFLICT_SHARE, or a bound contradicts the chosen figure (突破2000 beside 2062.7 agrees)."""
    tolerance = CONFLICT_SHARE * abs(chosen)
    points = [f["value_std"] for f in figures if f["qualifier"] in ("exact", "approx")]
    if len(points) > 1 and max(points) - min(points) > tolerance:
        return True
    for f in figures:
        if f["qualifier"] in ("at_least", "more_than") and f["value_std"] > chosen + tolerance:
            return True
        if f["qualifier"] == "less_than" and f["value_std"] < chosen - tolerance:
            return True
    return False


def cumulative_points(points: list[Point], start_year: int) -> list[Point]:
    """Running sums from start_year over the years found. After a missing year the sum is only a
    lower bound (qualifier 'lower_bound'): it can show a target met, never one missed."""
    out, total, expected, gap = [], 0.0, start_year, False
    for p in points:
        if p.year < start_year:
            continue
        gap = gap or p.year != expected
        total += p.value
        if gap:
            qualifier = "lower_bound"
        elif p.qualifier == "exact" and (not out or out[-1].qualifier == "exact"):
            qualifier = "exact"
        else:
            qualifier = "approx"
        out.append(Point(p.year, str(p.year), total, qualifier, p.source_id))
        expected = p.year + 1
    return out


def series_for(target: Target, dataset: Dataset) -> tuple[list[Point], list[int]]:
    indicator = dataset.registry.indicators[target.indicator]
    observations = dataset.observations[dataset.observations["indicator_id"] == target.indicator]
    points, conflicts = yearly_points(observations, dataset.sources, indicator)
    if target.cumulative_from is not None:
        points = cumulative_points(points, target.cumulative_from)
    return points, conflicts


# ------------------------------------------------------------------------- progress and trend

def cagr(start: float, end: float, years: float) -> Optional[float]:
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return (end / start) ** (1 / years) - 1


def progress_class(ratio: Optional[float]) -> str:
    if ratio is None:
        return NOT_ASSESSED
    if ratio >= SIGNIFICANT:
        return SIGNIFICANT_PROGRESS
    if ratio >= MODERATE:
        return MODERATE_PROGRESS
    if ratio >= 0:
        return INSUFFICIENT_PROGRESS
    return MOVING_AWAY


def project(points: list[Point], threshold: float, log_scale: bool, confidence: float = CONFIDENCE) -> tuple[Optional[float], Optional[float], Optional[float], str]:
    """Year at which the trend line reaches the threshold, with the range from the slope's
    confidence interval. Log-linear for levels and counts, linear for shares and ranks."""
    usable = [p for p in points if not log_scale or p.value > 0]
    if len(usable) < 3:
        return None, None, None, (TOO_FEW_FIGURE if len(usable) == 1 else TOO_FEW_FIGURES).format(n=len(usable))
    x = np.array([p.year for p in usable], dtype=float)
    y = np.array([math.log(p.value) if log_scale else p.value for p in usable])
    goal = math.log(threshold) if log_scale else threshold
    from scipy import stats  # imported here: most pages never project, and scipy.stats takes 0.5 s to import

    fit = stats.linregress(x, y)
    if fit.slope == 0:
        return None, None, None, FLAT_TREND
    x_mean, y_mean = x.mean(), y.mean()

    def crossing(slope: float) -> float:
        return x_mean + (goal - y_mean) / slope if slope != 0 else math.inf

    central = crossing(fit.slope)
    direction = 1 if goal > y_mean else -1
    if fit.slope * direction <= 0:
        return None, None, None, TREND_AWAY
    t_crit = stats.t.ppf(0.5 + confidence / 2, len(usable) - 2) if len(usable) > 2 else math.inf
    slopes = [fit.slope - t_crit * fit.stderr, fit.slope + t_crit * fit.stderr]
    bounds = [crossing(s) if s * direction > 0 else math.inf for s in slopes]
    low, high = min(bounds), max(bounds)
    note = (LOG_LINEAR_TREND if log_scale else LINEAR_TREND).format(n=len(usable), start=int(x[0]), end=int(x[-1]))
    return central, low, high, note


def trend_line(points: list[Point], log_scale: bool, until: int, confidence: float = CONFIDENCE) -> pd.DataFrame:
    """The fitted trend from the last observed year to `until`, with the band given by the
    slope's confidence interval (the same fit as project())."""
    usable = [p for p in points if not log_scale or p.value > 0]
    if len(usable) < 3:
        return pd.DataFrame(columns=["year", "value", "low", "high"])
    x = np.array([p.year for p in usable], dtype=float)
    y = np.array([math.log(p.value) if log_scale else p.value for p in usable])
    from scipy import stats

    fit = stats.linregress(x, y)
    t_crit = stats.t.ppf(0.5 + confidence / 2, len(usable) - 2)
    back = np.exp if log_scale else (lambda v: v)
    rows = []
    for year in range(int(x[-1]), max(int(until), int(x[-1])) + 1):
        centre = y.mean() + fit.slope * (year - x.mean())
        spread = t_crit * fit.stderr * abs(year - x.mean())
        rows.append({"year": year, "value": float(back(centre)), "low": float(back(centre - spread)), "high": float(back(centre + spread))})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------- one target

def assess_target(target: Target, dataset: Dataset, as_of_year: Optional[int] = None) -> Assessment:
    result = Assessment(
        target_id=target.id, area=target.area, kind=target.kind, indicator=target.indicator,
        proxy=bool(target.proxy), target_value=target.value, target_unit=target.unit, deadline=target.deadline,
    )
    if target.kind == "milestone":
        return _assess_milestone(target, dataset, result, as_of_year)
    indicator = dataset.registry.indicators[target.indicator]
    points, conflicts = series_for(target, dataset)
    if as_of_year is not None:
        points = [p for p in points if p.year <= as_of_year]
    if not points:
        return _assess_milestone(target, dataset, result, as_of_year, fallback=True)
    threshold, _ = threshold_in_indicator_unit(target, indicator)
    if target.kind == "share":
        points = [Point(p.year, p.period, min(p.value, 100.0), p.qualifier, p.source_id) for p in points]
    tolerance = target.tolerance or ABOUT_TOLERANCE

    def outcome(p: Point) -> str:
        return compare(p.value, p.qualifier, target.comparator, threshold, tolerance)

    base = baseline_point(points, target)
    if base:
        result.baseline_year, result.baseline_value = base.year, base.value
    at_deadline = next((p for p in points if p.year == target.deadline), None)
    latest = points[-1]
    result.latest_year, result.latest_value, result.latest_qualifier = latest.year, latest.value, latest.qualifier
    result.status_now = outcome(latest)
    if target.kind == "rank" and latest.year < target.deadline:
        result.status_now = Verdict.UNKNOWN  # a rank moves both ways: an old rank is never carried forward
    result.first_met_year = next((p.year for p in points if outcome(p) == Verdict.MET), None)
    if at_deadline is None:
        result.verdict = Verdict.NOT_MEASURABLE
        result.verdict_reason = NO_FIGURE_FOR.format(year=target.deadline)
        # A level met before the deadline stands; a rank moves both ways, so it needs the deadline's figure.
        if result.first_met_year is not None and result.first_met_year < target.deadline and target.kind != "rank":
            result.verdict, result.verdict_reason = Verdict.MET, MET_BEFORE_DEADLINE.format(year=result.first_met_year, deadline=target.deadline)
    else:
        result.deadline_value, result.deadline_qualifier = at_deadline.value, at_deadline.qualifier
        result.verdict = outcome(at_deadline)
        if result.verdict == Verdict.UNKNOWN:
            result.verdict = Verdict.NOT_MEASURABLE
            result.verdict_reason = LOWER_BOUND_BELOW
        elif at_deadline.qualifier == "lower_bound":
            result.verdict_reason = LOWER_BOUND_PASSES
        if result.verdict not in (Verdict.MET, Verdict.NOT_MEASURABLE):
            gap = threshold - at_deadline.value if increase_is_better(target) else at_deadline.value - threshold
            result.shortfall = gap
            result.shortfall_pct = 100 * gap / threshold if threshold else None
        elif result.verdict == Verdict.MET:
            surplus = at_deadline.value - threshold if increase_is_better(target) else threshold - at_deadline.value
            result.shortfall = 0.0 - surplus
            result.shortfall_pct = 0.0 - 100 * surplus / threshold if threshold else None
    _progress(result, target, points, base, threshold, at_deadline)
    if result.status_now not in (Verdict.MET, Verdict.UNKNOWN) and not any(p.qualifier == "lower_bound" for p in points):
        low_kind = target.kind in ("share", "rank")
        result.projection_year, result.projection_low, result.projection_high, result.projection_note = project(
            points, threshold, log_scale=not low_kind
        )
    _quality(result, target, dataset, points, conflicts, base, at_deadline)
    return result


def baseline_point(points: list[Point], target: Target) -> Optional[Point]:
    """The baseline year's figure, else the nearest year within two years (earlier first)."""
    if target.cumulative_from is not None:
        return Point(target.baseline_year, str(target.baseline_year), 0.0, "exact", "")
    by_year = {p.year: p for p in points}
    for offset in (0, -1, 1, -2, 2):
        if target.baseline_year + offset in by_year:
            return by_year[target.baseline_year + offset]
    return None


def _progress(result: Assessment, target: Target, points: list[Point], base: Optional[Point], threshold: float, at_deadline: Optional[Point]) -> None:
    """Ratio of actual to required growth over the plan period (Eurostat / Open SDG)."""
    if base is None:
        result.progress_class = NO_BASELINE_TO_ASSESS
        return
    end = at_deadline or next((p for p in reversed(points) if p.year <= target.deadline and p.year > base.year), None)
    if end is None or end.year <= base.year:
        result.progress_class = NOTHING_AFTER_BASELINE
        return
    if compare(base.value, base.qualifier, target.comparator, threshold) == Verdict.MET:
        result.progress_class = MET_AT_BASELINE
        return
    if target.cumulative_from is not None:
        # A running sum starts from zero, so growth rates are undefined: compare the share of the
        # target reached with the share of the period elapsed.
        required_share = (end.year - base.year) / (target.deadline - base.year)
        result.progress_ratio = (end.value / threshold) / required_share
    else:
        years_elapsed = end.year - base.year
        result.cagr_actual = cagr(base.value, end.value, years_elapsed)
        result.cagr_required = cagr(base.value, threshold, target.deadline - base.year)
        if result.cagr_actual is not None and result.cagr_required:
            result.progress_ratio = result.cagr_actual / result.cagr_required
    result.progress_class = progress_class(result.progress_ratio)


def _quality(result: Assessment, target: Target, dataset: Dataset, points: list[Point], conflicts: list[int], base, at_deadline) -> None:
    flags = []
    kinds = dataset.sources.set_index("source_id")["kind"].to_dict() if not dataset.sources.empty else {}
    used = {p.source_id for p in points if p.source_id}
    if used and not all(kinds.get(s) in ("official_statistics", "government_release") for s in used):
        flags.append(NOT_ONLY_OFFICIAL)
    if target.proxy:
        flags.append(PROXY_INDICATOR)
    observed = dataset.observations
    if "derived" in observed and any(observed[(observed["indicator_id"] == target.indicator) & observed["derived"]]["year"].isin({p.year for p in points})):
        flags.append(DERIVED)
    if conflicts:
        flags.append(SOURCES_DISAGREE.format(years=", ".join(map(str, conflicts))))
    if base is None:
        flags.append(NO_BASELINE)
    if at_deadline is None:
        flags.append(NO_FIGURE_FOR.format(year=target.deadline))
    result.quality_flags = flags
    result.quality = "ABCD"[min(len(flags), 3)] if points else "D"


def _assess_milestone(target: Target, dataset: Dataset, result: Assessment, as_of_year: Optional[int], fallback: bool = False) -> Assessment:
    """The verdict follows from the records' grades by grading.RECORD_RULES and grading.decide."""
    records = dataset.evidence.evidence
    records = records[records["target_id"] == target.id]
    if as_of_year is not None:
        records = records[records["date"].str[:4].astype(int) <= as_of_year]
    result.evidence_based = True
    if fallback:
        result.quality_flags = [FROM_EVIDENCE]
    counted = records[records["finding"] != Contribution.NOT_COUNTED.value]
    if counted.empty:
        result.verdict = Verdict.NO_EVIDENCE if target.kind == "milestone" else Verdict.NOT_MEASURABLE
        if records.empty:
            result.verdict_reason = NO_RECORD if target.kind == "milestone" else NO_FIGURE_NO_RECORD
        else:
            result.verdict_reason = (ONE_READ_NONE_COUNTED if len(records) == 1 else READ_NONE_COUNTED).format(n=len(records))
        result.status_now = Verdict.NO_EVIDENCE if target.kind == "milestone" else Verdict.UNKNOWN
        result.quality = "D"
        result.quality_flags.append(NO_EVIDENCE_FLAG)
        return result
    decision = decide(zip(records["date"], (Contribution(f) for f in records["finding"])), target.deadline)
    result.verdict = decision.at_deadline
    result.status_now = decision.now
    result.first_met_year = decision.first_achieved_year
    dates, ids = list(records["date"]), list(records["record_id"])
    result.evidence_date = dates[decision.deciding_now]
    result.deciding_record_now = ids[decision.deciding_now]
    if decision.deciding_at_deadline is not None:
        result.deciding_record = ids[decision.deciding_at_deadline]
    if decision.deciding_at_deadline is None:
        first = min(counted["date"])
        result.verdict_reason = FIRST_AFTER_DEADLINE.format(date=first)
    else:
        result.verdict_reason = DECIDED_BY.format(date=dates[decision.deciding_at_deadline])
    kinds = dataset.sources.set_index("source_id")["kind"].to_dict() if not dataset.sources.empty else {}
    official = any(kinds.get(s) in ("official_statistics", "government_release") for s in counted["source_id"])
    if not official:
        result.quality_flags.append(NOT_ONLY_OFFICIAL)
    if decision.deciding_at_deadline is None:
        result.quality_flags.append(NO_EVIDENCE_BY.format(year=target.deadline))
    result.quality = "ABCD"[min(len(result.quality_flags), 3)]
    return result


# ------------------------------------------------------------------------- all targets

def assess_targets(dataset: Dataset, as_of_year: Optional[int] = None) -> dict[str, Assessment]:
    """Every target's assessment, by target id, in registry order."""
    return {t.id: assess_target(t, dataset, as_of_year) for t in dataset.registry.targets.values()}


def assessment_table(assessments: dict[str, Assessment]) -> pd.DataFrame:
    """One row per target, as published in the edition's assessment.csv."""
    rows = []
    for a in assessments.values():
        row = asdict(a)
        row["verdict"], row["status_now"] = str(a.verdict), str(a.status_now)
        row["verdict_group"] = str(a.verdict_group)
        row["quality_flags"] = "; ".join(a.quality_flags)
        rows.append(row)
    return pd.DataFrame(rows)


def assess_all(dataset: Dataset, as_of_year: Optional[int] = None) -> pd.DataFrame:
    """The assessment of every target, one row each, in registry order."""
    return assessment_table(assess_targets(dataset, as_of_year))


def save_assessments(assessments: dict[str, Assessment], path) -> None:
    """The build's one assessment, for the notebooks it runs (JSON keeps infinite bounds)."""
    Path(path).write_text(json.dumps([asdict(a) for a in assessments.values()], ensure_ascii=False), encoding="utf-8")


def load_assessments(path) -> dict[str, Assessment]:
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return {r["target_id"]: Assessment(**{**r, "verdict": Verdict(r["verdict"]), "status_now": Verdict(r["status_now"])})
            for r in records}
