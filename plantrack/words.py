"""Numbers formatted for readers, and the plain sentences generated from an assessment.

Every figure in a sentence comes from the assessment; nothing here is a data value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from .assess import CONFIDENCE, Assessment
from .registry import Indicator, Target
from .units import UNITS, in_units_of_one
from .verdicts import Verdict

QUALIFIER_WORDS = {"approx": "about ", "at_least": "at least ", "more_than": "more than ", "less_than": "less than ", "lower_bound": "at least "}
COMPARATOR_WORDS = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than", "about": "about", "between": "from"}
_NO_ANSWER = (Verdict.NO_EVIDENCE, Verdict.NOT_MEASURABLE)  # verdicts that record a gap, not a failure
_COUNT_NOUNS = {"家": "firms", "个": "", "处": "", "座": "", "项": "", "所": ""}


def _number(value: float, digits: int) -> str:
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True)
class DisplayUnit:
    """How a figure is written for readers: divide a value in the indicator's unit by `divisor`,
    write `digits` decimals and follow it with `label` ('trillion yuan', '%', 'firms')."""
    divisor: float
    label: str
    digits: int
    axis_title: str  # the words on a chart's value axis: the label, or "number" for bare counts

    def number(self, value: float) -> str:
        return _number(value / self.divisor, self.digits)

    def text(self, value: float) -> str:
        if self.label == "%":
            return f"{self.number(value)}%"
        return f"{self.number(value)} {self.label}".rstrip()


# dimension -> the noun a reader counts in, and the magnitudes written as words
_NOUNS = {"yuan": "yuan", "usd": "US dollars", "households": "households", "persons": "people", "tonnes": "tonnes",
          "km": "km", "gigabytes": "GB", "teu": "TEU"}
_CURRENCY_STEPS = ((1e12, "trillion", 2), (1e9, "billion", 1), (0, "million", 1))
_COUNT_STEPS = ((1e9, "billion", 2), (1e6, "million", 2))


def display_unit(unit: Optional[str], magnitude: float) -> DisplayUnit:
    """The display unit for figures of about `magnitude` (in `unit`): the one function that
    decides the words of a number in sentences, tables and chart axes."""
    dimension = UNITS[unit][0] if unit in UNITS else ""
    magnitude = 0.0 if magnitude is None or (isinstance(magnitude, float) and math.isnan(magnitude)) else abs(magnitude)
    if dimension in ("yuan", "usd"):
        one = in_units_of_one(1, unit)
        for size, word, digits in _CURRENCY_STEPS:
            if magnitude * one >= size:
                label = f"{word} {_NOUNS[dimension]}"
                return DisplayUnit((size or 1e6) / one, label, digits, label)
    if dimension == "percent":
        return DisplayUnit(1, "%", 1, "per cent")
    if dimension == "yuan_per_person":
        return DisplayUnit(1 / in_units_of_one(1, unit), "yuan per person", 0, "yuan per person")
    if dimension == "index":
        return DisplayUnit(1, "points", 2, "index points")
    if dimension == "rank":
        return DisplayUnit(1, "", 0, "rank (1st at the top)")
    if dimension in ("households", "persons", "count", "tonnes", "km", "gigabytes", "teu"):
        noun = _NOUNS.get(dimension) or _COUNT_NOUNS.get(unit, "")
        one = in_units_of_one(1, unit)
        for size, word, digits in _COUNT_STEPS:
            if magnitude * one >= size:
                label = f"{word} {noun}".rstrip()
                return DisplayUnit(size / one, label, digits, label if noun else f"{word} (number)")
        whole = float(magnitude * one).is_integer()
        return DisplayUnit(1 / one, noun, 0 if whole else 1, noun or "number")
    return DisplayUnit(1, unit or "", 2, unit or "value")


def format_value(value: Optional[float], unit: Optional[str]) -> str:
    """1.2 万亿元 -> '1.2 trillion yuan'; 9600 亿元 -> '960 billion yuan'; 95 % -> '95%'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no figure"
    if unit in UNITS and UNITS[unit][0] == "rank":
        return ordinal(int(round(value)))
    return display_unit(unit, value).text(value)


# The search log's codes in words (data/README.md lists the codes).
NEED_WORDS = {"baseline": "for the baseline figure", "deadline": "for the deadline-year figure", "latest": "for the latest figure",
              "evidence": "for evidence", "national": "for the national figure"}
OUTCOME_WORDS = {"found": "found something", "nothing": "found nothing", "irrelevant": "found nothing relevant"}
LANGUAGE_WORDS = {"zh": "Chinese", "zh-hans": "Chinese", "zh-hant": "traditional Chinese", "en": "English", "de": "German", "fr": "French",
                  "it": "Italian", "es": "Spanish", "pt": "Portuguese", "ja": "Japanese"}
CORPUS_WORDS = {"pages": "stored public web pages"}


def in_sentence(name: str) -> str:
    """A name inside a sentence: 'Online sales' -> 'online sales'; an acronym keeps its capitals
    ('IT-industry integration index' stays as it is)."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def html_lang(code: str) -> str:
    """A search's language code as an HTML lang attribute: zh-hans -> zh-Hans."""
    head, _, script = code.partition("-")
    return f"{head}-{script.capitalize()}" if script else head


def in_words(items: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def in_words_or(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b or c' (Chinese: 'a、b或c')."""
    from .i18n import _

    if len(items) <= 1:
        return "".join(items)
    return _("{head} or {last}").format(head=_(", ").join(items[:-1]), last=items[-1])


def search_summary(logged) -> str:
    """'12 queries, in Chinese and English; 3 found something' for a frame of searches.csv rows."""
    languages = in_words([LANGUAGE_WORDS.get(code, code) for code in dict.fromkeys(sorted(logged["language"]))])
    found = int((logged["outcome"] == "found").sum())
    return f"{plural(len(logged), 'query')}, in {languages}; {found} found something"


def source_title(title: str, publisher: str = "") -> str:
    """A source's title for readers: a title the stored page did not show ('[title not in excerpt:
    …]', '[…] (descriptive title)') is written as an untitled page with what it is about."""
    text = title.strip()
    for opening in ("[title not in excerpt:", "[title not in excerpt"):
        if text.startswith(opening):
            return f"untitled page ({text[len(opening):].strip(' ]:')})"
    if text.endswith("(descriptive title)"):
        return f"untitled page ({text[:-len('(descriptive title)')].strip().strip('[]').strip()})"
    return text or (f"untitled page on {publisher}" if publisher else "untitled page")


def plural(n: int, noun: str, many: Optional[str] = None) -> str:
    """1 query, 2 queries; 1 figure for part of the year, 3 figures for part of the year."""
    if n == 1:
        return f"{n} {noun}"
    if many is None:  # the head noun takes the plural: 'quantified targets', 'figures for part of a year'
        words = noun.split(" ")
        links = [i for i, w in enumerate(words) if w in ("of", "for", "as", "from") and i > 0]
        at = links[0] - 1 if links else len(words) - 1
        head = words[at]
        words[at] = head[:-1] + "ies" if head.endswith("y") and head[-2:-1] not in "aeiou" else head + "s"
        many = " ".join(words)
    return f"{n} {many}"


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
        out.append(f"No published figure of {in_sentence(name)} for {target.deadline} was found, so {goal} cannot be checked for its deadline.")
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
