"""Numbers formatted for readers, and the plain sentences generated from an assessment.

Every figure in a sentence comes from the assessment; nothing here is a data value.
"""

from __future__ import annotations

import math
from typing import Optional

from .assess import CONFIDENCE, Assessment
from .registry import Indicator, Target
from .units import UNITS, in_units_of_one
from .verdicts import Verdict

QUALIFIER_WORDS = {"approx": "about ", "at_least": "at least ", "more_than": "more than ", "less_than": "less than ", "lower_bound": "at least "}
_NO_ANSWER = (Verdict.NO_EVIDENCE, Verdict.NOT_MEASURABLE)  # verdicts that record a gap, not a failure
_COUNT_NOUNS = {"家": "firms", "个": "", "处": "", "座": "", "项": "", "所": ""}


def _number(value: float, digits: int) -> str:
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_value(value: Optional[float], unit: Optional[str]) -> str:
    """1.2 万亿元 -> '1.2 trillion yuan'; 9600 亿元 -> '960 billion yuan'; 95 % -> '95%'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no figure"
    dimension = UNITS[unit][0] if unit in UNITS else ""
    if dimension in ("yuan", "usd"):
        currency = "yuan" if dimension == "yuan" else "US dollars"
        amount = in_units_of_one(value, unit)
        if abs(amount) >= 1e12:
            return f"{_number(amount / 1e12, 2)} trillion {currency}"
        if abs(amount) >= 1e9:
            return f"{_number(amount / 1e9, 1)} billion {currency}"
        return f"{_number(amount / 1e6, 1)} million {currency}"
    if dimension == "percent":
        return f"{_number(value, 1)}%"
    if dimension == "yuan_per_person":
        return f"{_number(in_units_of_one(value, unit), 0)} yuan per person"
    if dimension == "index":
        return f"{_number(value, 2)} points"
    if dimension == "rank":
        return ordinal(int(round(value)))
    if dimension in ("households", "persons", "count"):
        label = {"households": "households", "persons": "people"}.get(dimension, _COUNT_NOUNS.get(unit, ""))
        ones = in_units_of_one(value, unit)
        digits = 0 if float(ones).is_integer() else 1
        if abs(ones) >= 1e6:
            return f"{_number(ones / 1e6, 2)} million {label}".rstrip()
        return f"{_number(ones, digits)} {label}".rstrip()
    return f"{_number(value, 2)} {unit or ''}".rstrip()


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_pct(value: float) -> str:
    return f"{_number(abs(value), 1)}%"


def target_phrase(target: Target, indicator: Optional[Indicator]) -> str:
    if target.kind == "milestone" or indicator is None:
        return "the milestone"
    value = format_value(target.value, target.unit)
    if target.kind == "rank":
        return f"the target of a place in the top {int(target.value)}" if target.value > 1 else "the target of first place"
    if target.kind == "range":
        return f"the target of {_number(target.value, 0)} to {format_value(target.value_high, target.unit)}"
    if target.kind == "approx":
        return f"the target of about {value}"
    return f"the {value} target"


def sentences(a: Assessment, target: Target, indicator: Optional[Indicator]) -> list[str]:
    """Plain English sentences on the verdict, the latest figure, progress and projection."""
    if a.evidence_based:
        out = _milestone_sentences(a, target)
        if target.indicator is not None and indicator is not None:  # a quantified target without a figure of its own measure
            related = " Any charts below show related series, of another scope, unit or currency, which cannot decide it." if target.context else ""
            out.insert(0, f"No published figure of {indicator.name_en.lower()}, the target's own measure, was found.{related}")
        return out
    name = indicator.name_en
    unit = indicator.unit
    goal = target_phrase(target, indicator)
    out = []
    if a.deadline_value is not None and not math.isnan(a.deadline_value):
        reached = QUALIFIER_WORDS.get(a.deadline_qualifier, "") + format_value(a.deadline_value, unit)
        verb = "ranked" if target.kind == "rank" else "reached"
        if a.verdict == Verdict.NOT_MEASURABLE:
            out.append(f"The years found add up to {reached} by {target.deadline}, below {goal}; a year is missing, so the "
                       f"sum is only a lower bound and the target cannot be checked for its deadline.")
        elif target.kind == "rank":
            out.append(f"Zhejiang ranked {reached} in {target.deadline}; {goal} was {'met' if a.verdict == Verdict.MET else 'not met'}.")
        elif a.verdict == Verdict.MET:
            above = f", {format_pct(a.shortfall_pct)} above {goal}" if a.shortfall_pct else f", exactly {goal}"
            first = f"; first met in {a.first_met_year}" if a.first_met_year else ""
            out.append(f"{name} {verb} {reached} in {target.deadline}{above}{first}.")
        elif a.verdict == "borderline":
            out.append(f"{name} {verb} {reached} in {target.deadline}: too close to {goal} to call it met.")
        else:
            short = f", {format_pct(a.shortfall_pct)} short of {goal}" if a.shortfall_pct is not None else f", short of {goal}"
            out.append(f"{name} {verb} {reached} in {target.deadline}{short}.")
    else:
        out.append(f"No published figure of {name.lower()} for {target.deadline} was found, so {goal} cannot be checked for its deadline.")
        if a.verdict == Verdict.MET:
            out.append(f"It was already met in {a.first_met_year}.")
    if a.latest_year is not None and a.latest_year != target.deadline:
        latest = QUALIFIER_WORDS.get(a.latest_qualifier, "") + format_value(a.latest_value, unit)
        if a.status_now == Verdict.UNKNOWN:
            why = "a rank is never carried forward" if target.kind == "rank" else "a lower bound below the target decides nothing"
            out.append(f"The latest figure, for {a.latest_year}, is {latest}; {why}, so where the target stands now is unknown.")
        else:
            state = {Verdict.MET: "meets", Verdict.BORDERLINE: "is close to", Verdict.NOT_MET: "does not meet"}[a.status_now]
            out.append(f"The latest figure, for {a.latest_year}, is {latest}, which {state} the target.")
    if a.progress_ratio is not None and a.cagr_actual is not None and a.cagr_required:
        out.append(
            f"From {a.baseline_year} the series changed by {_signed_pct(a.cagr_actual)} a year against the "
            f"{_signed_pct(a.cagr_required)} a year needed: {a.progress_class} (ratio {a.progress_ratio:.2f})."
        )
    elif a.progress_ratio is not None:
        out.append(f"Progress over the plan period: {a.progress_class} (ratio {a.progress_ratio:.2f}).")
    if a.projection_year is not None and a.status_now != Verdict.MET:
        high = "never on the slowest trend" if math.isinf(a.projection_high) else f"{a.projection_high:.0f}"
        out.append(
            f"On its {a.projection_note}, the target would be reached around {a.projection_year:.0f} "
            f"({CONFIDENCE:.0%} interval {a.projection_low:.0f} to {high})."
        )
    if target.proxy:
        out.append(f"This is measured by a proxy: {target.proxy}")
    return out


def _signed_pct(rate: float) -> str:
    return f"{'+' if rate >= 0 else '-'}{_number(abs(rate) * 100, 1)}%"


def _milestone_sentences(a: Assessment, target: Target) -> list[str]:
    if a.verdict in _NO_ANSWER and a.status_now in (Verdict.UNKNOWN, Verdict.NO_EVIDENCE):
        what = "no evidence record counts towards this target" if a.verdict_reason.endswith("none counted") else "no evidence on this target was found in the sources searched"
        return [f"{what[0].upper()}{what[1:]}; it is shown as a gap, not as a failure."]
    out = []
    if a.verdict in _NO_ANSWER:
        out.append(f"No evidence dated by the {target.deadline} deadline was found.")
    else:
        out.append(f"By the {target.deadline} deadline the evidence shows the target {a.verdict} ({a.verdict_reason}).")
    if a.status_now not in (Verdict.UNKNOWN, Verdict.NO_EVIDENCE, a.verdict):
        out.append(f"Counting later records too, the strongest, describing {a.evidence_date}, shows it {a.status_now}.")
    if a.first_met_year is not None:
        out.append(f"First evidence of achievement: {a.first_met_year}.")
    return out
