"""Evidence: sources, observations (figures as published), milestone evidence and the search log."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .issues import DataIssue
from .registry import Registry, _pydantic_issues, check_id, known_unit, meant, normalised
from .units import convert, convertible
from .csvfile import read_rows
from .grading import Grades, Match, QuoteCheck, Scope, State, judge

FIRST_YEAR = 2010
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "less_than")
SOURCE_KINDS = ("official_statistics", "government_release", "news", "repost")
MAX_VALUE = Decimal("1e12")  # above any level the plan measures; such a value is a typing slip
# English prose written for readers, per file: each column has its Chinese in `<column>_zh`, the
# column right after it, required wherever the English cell is not empty (the Chinese edition
# never shows English data text in its place). Quotes stay verbatim, queries as typed, titles as published.
TRANSLATED = {"evidence.csv": ("summary", "review")}
_CHINESE = re.compile(r"[\u3400-\u9fff]")

_PERIOD = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only: '２０１７' is refused
_PLAIN_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")


def today() -> dt.date:
    return dt.date.today()


def parse_period(text: str) -> dt.date:
    """A year, year-month or date; returns the last day it covers (an 'as of' date)."""
    match = _PERIOD.fullmatch(text)
    if not match:
        plain = normalised(text)
        hint = f" (write {plain})" if plain != text and _PERIOD.fullmatch(plain) else ""
        raise ValueError(f"a year (2017), a month (2017-11) or a date (2017-11-30){hint}")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError("a real calendar month (01 to 12)")
    try:
        if month is None:
            return dt.date(year, 12, 31)
        if day is None:
            next_month = dt.date(year + month // 12, month % 12 + 1, 1)
            return next_month - dt.timedelta(days=1)
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError("a real calendar date") from None


def period_start(text: str) -> dt.date:
    """The first day a valid year, year-month or date covers."""
    year, month, day = (int(g) if g else None for g in _PERIOD.fullmatch(text).groups())
    return dt.date(year, month or 1, day or 1)


def _check_date(text: str, allow_empty: bool) -> str:
    if not text:
        if allow_empty:
            return text
        raise ValueError("a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    end = parse_period(text)
    start_year = int(text[:4])
    if start_year < FIRST_YEAR - 10:
        raise ValueError(f"a date from {FIRST_YEAR - 10} on")
    if end > today() and not (len(text) == 4 and start_year == today().year):
        raise ValueError(f"a date not in the future (today is {today().isoformat()})")
    return text


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Row):
    source_id: str
    publisher: str = Field(min_length=1)
    original_publisher: str = ""
    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://\S+$")
    published: str = ""
    accessed: str
    kind: Literal[SOURCE_KINDS]
    language: Literal["zh", "en"]

    @field_validator("published")
    @classmethod
    def _published(cls, v: str) -> str:
        return _check_date(v, allow_empty=True)

    @field_validator("accessed")
    @classmethod
    def _accessed(cls, v: str) -> str:
        return _check_date(v, allow_empty=False)

    _id = field_validator("source_id")(check_id)

    @model_validator(mode="after")
    def _repost_names_original(self) -> "Source":
        if self.kind == "repost" and not self.original_publisher:
            raise ValueError("original_publisher: a value for a repost (who first published the figure)")
        if self.published and period_start(self.published) > parse_period(self.accessed):
            raise ValueError(f"published: a date no later than accessed ({self.accessed}): a source is read after it is published")
        return self


class Observation(_Row):
    indicator_id: str = Field(min_length=1)
    period: str
    value: str
    unit: str
    qualifier: Literal[QUALIFIERS]
    source_id: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    note: str = ""

    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        _check_date(v, allow_empty=False)
        if int(v[:4]) < FIRST_YEAR:
            raise ValueError(f"a period from {FIRST_YEAR} to {today().year}")
        return v

    @field_validator("value")
    @classmethod
    def _value(cls, v: str) -> str:
        try:
            number = Decimal(v)
        except InvalidOperation:
            raise ValueError("a plain number as published, without units or separators (e.g. 22000 or 1.2)") from None
        if not number.is_finite():
            raise ValueError("a finite number")
        if number >= 0 and not _PLAIN_NUMBER.match(v):
            plain = normalised(v)
            hint = f" (write {plain})" if _PLAIN_NUMBER.match(plain) else ""
            raise ValueError(f"a plain number in ASCII digits, as 22000 or 1.2{hint}")
        if number < 0:
            raise ValueError("a non-negative number (the plan's indicators are levels, counts and shares)")
        if number > MAX_VALUE:
            raise ValueError(f"a number below {MAX_VALUE:.0e}; write large figures in the published unit (万亿元, 亿元)")
        return v

    _unit = field_validator("unit")(known_unit)

    @model_validator(mode="after")
    def _quote_holds_value(self) -> "Observation":
        if not value_in_quote(self.value, self.quote):
            raise ValueError(f"quote: the quote to contain the value {self.value} as published")
        return self


class EvidenceRecord(_Row):
    """One dated piece of evidence for a target, graded by two readers (see grading.py)."""
    record_id: str = Field(pattern=r"^ev-[0-9]{3,}$")
    target_id: str = Field(min_length=1)
    date: str  # the date of the state described, not the publication date
    scope: Scope
    state: State
    match: Match
    quote_check: QuoteCheck
    summary: str = Field(min_length=1)
    summary_zh: str = ""  # required by load_evidence wherever summary is not empty (TRANSLATED)
    source_id: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    review: str = Field(min_length=1)  # what the second reading changed, and why
    review_zh: str = ""

    @field_validator("date")
    @classmethod
    def _date(cls, v: str) -> str:
        return _check_date(v, allow_empty=False)

    def grades(self) -> Grades:
        return Grades(self.scope, self.state, self.match, self.quote_check)


class Reading(_Row):
    """One reader's grades of one record, kept so that every resolution can be checked."""
    record_id: str = Field(min_length=1)
    reader: Literal["first", "second"]
    scope: Scope
    state: State
    match: Match
    date: str
    quote_check: QuoteCheck | Literal["unchecked"]
    note: str = ""

    @field_validator("date")
    @classmethod
    def _date(cls, v: str) -> str:
        return _check_date(v, allow_empty=False)


AGREED = "both readings agree"
AGREED_ZH = "两次判读一致"  # AGREED in review_zh


class Search(_Row):
    subject: str = Field(min_length=1)
    need: Literal["baseline", "deadline", "latest", "evidence", "national"]
    query: str = Field(min_length=1)
    corpus: str = Field(min_length=1)
    language: Literal["zh-hans", "zh-hant", "en", "de", "fr", "it", "es", "pt", "ja"]
    outcome: Literal["found", "nothing", "irrelevant"]


def value_in_quote(value: str, quote: str) -> bool:
    """True when the number appears in the quote, digits not run into other digits.

    Thousands separators in the quote (22,000 or 22，000) are ignored.
    """
    flat = re.sub(r"(?<=\d)[,，](?=\d{3})", "", unicodedata.normalize("NFKC", quote))  # full-width digits match too
    candidates = {value}
    if "." in value:
        candidates.add(value.rstrip("0").rstrip("."))
    return any(re.search(rf"(?<![\d.]){re.escape(c)}(?!\d|\.\d)", flat) for c in candidates)


@dataclass(frozen=True)
class EvidenceTables:
    sources: pd.DataFrame
    observations: pd.DataFrame
    evidence: pd.DataFrame
    searches: pd.DataFrame
    readings: pd.DataFrame


SOURCE_COLUMNS = tuple(Source.model_fields)
OBSERVATION_COLUMNS = tuple(Observation.model_fields)
EVIDENCE_COLUMNS = tuple(EvidenceRecord.model_fields)
READING_COLUMNS = tuple(Reading.model_fields)
GRADE_FIELDS = ("scope", "state", "match", "date")
SEARCH_COLUMNS = tuple(Search.model_fields)


def _parse(path: Path, model: type[_Row], issues: list[DataIssue], rejected_ids: set[str] | None = None) -> list[tuple[str, _Row]]:
    """Validate each row; the ids of rejected rows go into rejected_ids, so that rows referring
    to them are not reported a second time."""
    rows, read_issues = read_rows(path, tuple(model.model_fields))
    issues.extend(read_issues)
    if read_issues and rejected_ids is not None:
        rejected_ids.add("*")
    parsed = []
    for where, raw in rows:
        try:
            parsed.append((where, model.model_validate(raw)))
        except ValidationError as exc:
            issues.extend(_pydantic_issues(path.name, where, raw, exc))
            if rejected_ids is not None:
                rejected_ids.add(raw.get("source_id", ""))
    return parsed


def load_evidence(data_dir: Path, registry: Registry, check_references: bool = True) -> tuple[EvidenceTables, list[DataIssue]]:
    """Load the four evidence files. References to the registry are checked only when the
    registry itself loaded cleanly: otherwise they would repeat its errors as false ones."""
    issues: list[DataIssue] = []
    rejected_sources: set[str] = set()
    sources = _parse(data_dir / "sources.csv", Source, issues, rejected_sources)
    observations = _parse(data_dir / "observations.csv", Observation, issues)
    evidence = _parse(data_dir / "evidence.csv", EvidenceRecord, issues)
    readings = _parse(data_dir / "evidence_readings.csv", Reading, issues)
    searches = _parse(data_dir / "searches.csv", Search, issues)

    source_ids: dict[str, str] = {}

    def unknown_source(source_id: str) -> bool:
        return source_id not in source_ids and source_id not in rejected_sources and "*" not in rejected_sources

    for where, s in sources:
        if s.source_id in source_ids:
            issues.append(DataIssue("sources.csv", where, "source_id", s.source_id, f"a unique id (already used at {source_ids[s.source_id]})"))
        source_ids.setdefault(s.source_id, where)

    published = {s.source_id: s.published for _, s in sources if s.published}
    seen: dict[tuple[str, str, str], str] = {}
    for where, o in observations:
        indicator = registry.indicators.get(o.indicator_id)
        if indicator is None:
            if check_references:  # else the registry is broken already, and reported
                issues.append(DataIssue("observations.csv", where, "indicator_id", o.indicator_id, f"an indicator id from indicators.yaml{meant(o.indicator_id, registry.indicators)}"))
        elif not convertible(o.unit, indicator.unit):
            issues.append(DataIssue("observations.csv", where, "unit", o.unit, f"a unit convertible to the indicator's unit {indicator.unit!r}"))
        if unknown_source(o.source_id):
            issues.append(DataIssue("observations.csv", where, "source_id", o.source_id, f"a source_id from sources.csv{meant(o.source_id, source_ids)}"))
        if o.source_id in published and period_start(o.period) > parse_period(published[o.source_id]):
            issues.append(DataIssue("observations.csv", where, "period", o.period,
                                    f"a period that began by the source's publication date {published[o.source_id]} (check the period or the source_id)"))
        key = (o.indicator_id, o.period, o.source_id)
        if key in seen:
            issues.append(DataIssue("observations.csv", where, "indicator_id, period, source_id", " / ".join(key), f"one figure per indicator, period and source (also at {seen[key]})"))
        seen.setdefault(key, where)

    _check_readings(evidence, readings, issues)
    issues.extend(missing_chinese("evidence.csv", evidence))
    for where, e in evidence:
        if check_references and e.target_id not in registry.targets:
            issues.append(DataIssue("evidence.csv", where, "target_id", e.target_id, "a target id from targets.yaml"))
        if unknown_source(e.source_id):
            issues.append(DataIssue("evidence.csv", where, "source_id", e.source_id, f"a source_id from sources.csv{meant(e.source_id, source_ids)}"))
        elif e.source_id in published and int(e.date[:4]) > int(published[e.source_id][:4]):
            issues.append(DataIssue("evidence.csv", where, "date", e.date,
                                    f"a date no later than the year its source was published ({published[e.source_id]})"))

    known_subjects = set(registry.targets) | set(registry.indicators)
    for where, s in searches:
        if check_references and s.subject not in known_subjects:
            issues.append(DataIssue("searches.csv", where, "subject", s.subject, "a target id or an indicator id"))

    result = EvidenceTables(
        sources=_frame([s for _, s in sources], SOURCE_COLUMNS),
        observations=_observation_frame([o for _, o in observations], registry),
        evidence=evidence_frame([e for _, e in evidence]),
        readings=_frame([r for _, r in readings], READING_COLUMNS),
        searches=_frame([s for _, s in searches], SEARCH_COLUMNS),
    )
    return result, issues


def _frame(rows: list[_Row], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame([r.model_dump(mode="json") for r in rows], columns=list(columns))


def _check_readings(evidence: list[tuple[str, EvidenceRecord]], readings: list[tuple[str, Reading]], issues: list[DataIssue]) -> None:
    """Every record has a first and a second reading; a record whose readings differ says how the
    difference was resolved; a reading names a record that exists."""
    by_record: dict[str, dict[str, Reading]] = {}
    for where, r in readings:
        slot = by_record.setdefault(r.record_id, {})
        if r.reader in slot:
            issues.append(DataIssue("evidence_readings.csv", where, "record_id, reader", f"{r.record_id} / {r.reader}", "one reading per record and reader"))
        slot[r.reader] = r
    ids = set()
    for where, e in evidence:
        if e.record_id in ids:
            issues.append(DataIssue("evidence.csv", where, "record_id", e.record_id, "a unique record id"))
        ids.add(e.record_id)
        found = by_record.get(e.record_id, {})
        for reader in ("first", "second"):
            if reader not in found:
                issues.append(DataIssue("evidence.csv", where, "record_id", e.record_id, f"a {reader} reading in evidence_readings.csv"))
        if len(found) == 2:
            first, second = found["first"], found["second"]
            differ = [f for f in GRADE_FIELDS if getattr(first, f) != getattr(second, f)]
            if differ and e.review.startswith(AGREED):
                issues.append(DataIssue("evidence.csv", where, "review", e.review, f"how the readings' difference in {', '.join(differ)} was resolved"))
    for where, r in readings:
        if r.record_id not in ids and evidence:
            issues.append(DataIssue("evidence_readings.csv", where, "record_id", r.record_id, "a record_id from evidence.csv"))


def missing_chinese(file: str, rows: list[tuple[str, _Row]]) -> list[DataIssue]:
    """Every English prose cell of `file` that a page shows has its Chinese in `<column>_zh`:
    not empty, in Chinese, and in review_zh the fixed words AGREED_ZH exactly where review has AGREED."""
    issues = []
    for where, row in rows:
        for column in TRANSLATED.get(file, ()):
            english, chinese = getattr(row, column).strip(), getattr(row, f"{column}_zh").strip()
            shown = english if len(english) <= 60 else english[:57] + "..."
            if not english:
                continue
            if not chinese:
                issues.append(DataIssue(file, where, f"{column}_zh", chinese,
                                        f"the Chinese of {column} {shown!r} (the Chinese edition shows it)"))
            elif not _CHINESE.search(chinese):
                issues.append(DataIssue(file, where, f"{column}_zh", chinese, f"Chinese text translating {column} {shown!r}"))
            elif column == "review" and english.startswith(AGREED) != chinese.startswith(AGREED_ZH):
                expected = f"'{AGREED_ZH}', as review says {AGREED!r}" if english.startswith(AGREED) else \
                    f"how the difference was resolved, as review says (not '{AGREED_ZH}')"
                issues.append(DataIssue(file, where, f"{column}_zh", chinese, expected))
    return issues


def evidence_frame(rows: list[EvidenceRecord]) -> pd.DataFrame:
    """Evidence with what each record counts for (`finding`) and why (`finding_reason`), by the
    published rule table, so that no reader's tag decides a verdict."""
    frame = _frame(rows, EVIDENCE_COLUMNS)
    judged = [judge(r.grades()) for r in rows]
    frame["finding"] = [c.value for c, _ in judged]
    frame["finding_reason"] = [reason for _, reason in judged]
    return frame


def _observation_frame(rows: list[Observation], registry: Registry) -> pd.DataFrame:
    """Observations with `year`, `as_of` and `value_std` (the value in the indicator's unit)."""
    frame = _frame(rows, OBSERVATION_COLUMNS)
    records = []
    for r in rows:
        indicator = registry.indicators.get(r.indicator_id)
        ok = indicator is not None and convertible(r.unit, indicator.unit)
        records.append({
            "year": int(r.period[:4]),
            "as_of": parse_period(r.period).isoformat(),
            "value_std": convert(r.value, r.unit, indicator.unit) if ok else float("nan"),
            "unit_std": indicator.unit if ok else "",
        })
    extra = pd.DataFrame(records, columns=["year", "as_of", "value_std", "unit_std"])
    return pd.concat([frame.reset_index(drop=True), extra], axis=1)
