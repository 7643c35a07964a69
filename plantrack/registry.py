"""The plan's registry: task areas, indicators and targets (YAML files in data/)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .issues import DataIssue
from .units import UNITS, convertible
from .yamlfile import load_entries

KINDS = ("threshold", "count", "share", "rank", "range", "approx", "milestone")
COMPARATORS = (">", ">=", "<", "<=", "about", "between")
ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, allow_inf_nan=False)
    # English prose that pages show; each has its Chinese in `<field>_zh`, which the loader requires
    # wherever the English is written and refuses where it is not (translation_problems)
    prose: ClassVar[tuple[str, ...]] = ()


def _number_not_text(value):
    """Numbers in YAML are written as numbers: text ('12', '１２') and true/false are refused
    rather than converted, as the CSV checks refuse them."""
    if isinstance(value, bool):
        raise ValueError("a number, not true/false")
    if isinstance(value, str):
        plain = normalised(value)
        if re.fullmatch(r"[-+]?[0-9]+(?:\.[0-9]+)?", plain):
            raise ValueError(f"a number, not text (write {plain} without quotes, in ASCII digits)")
        raise ValueError("a number, not text")
    return value


def check_id(value: str) -> str:
    """An id as the pattern allows, or a message that shows the id meant (upper case, full-width
    letters and spaces are refused in every file, never silently folded)."""
    if re.fullmatch(ID_PATTERN, value):
        return value
    plain = normalised(value).lower()
    hint = f" (write {plain!r})" if re.fullmatch(ID_PATTERN, plain) else ""
    raise ValueError(f"an id of lowercase letters, digits, '-', '_' and '.'{hint}")


def meant(value: str, known) -> str:
    """' (write 'x')' when the value is a known id or unit but for case, full-width characters or
    spaces, which every check refuses alike; else ''."""
    for plain in (normalised(value), normalised(value).lower()):
        if plain != value and plain in known:
            return f" (write {plain!r})"
    return ""


def known_unit(unit: str) -> str:
    if unit not in UNITS:
        raise ValueError(f"a known unit{meant(unit, UNITS)} ({', '.join(UNITS)})")
    return unit


def normalised(text: str) -> str:
    """The text with full-width digits, letters and signs folded to ASCII (NFKC) and every kind
    of space made a plain one, stripped: what an analyst meant when typing a variant."""
    folded = unicodedata.normalize("NFKC", text)
    return " ".join(folded.split())


class Area(_Entry):
    unique: ClassVar[tuple[str, ...]] = ("title_zh", "title_en")  # each names a chapter in the table of contents
    id: str
    _id = field_validator("id")(check_id)
    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    clause: str = Field(min_length=1)
    agencies: list[str]
    agencies_note: Optional[str] = None
    agencies_note_zh: Optional[str] = None
    description: str = Field(min_length=1)
    description_zh: Optional[str] = None
    # the paragraph that opens the area's chapter; without one the chapter opens with the description
    introduction: Optional[str] = None
    introduction_zh: Optional[str] = None
    prose: ClassVar[tuple[str, ...]] = ("description", "introduction", "agencies_note")


class Indicator(_Entry):
    id: str
    _id = field_validator("id")(check_id)
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    unit: str
    definition: str = Field(min_length=1)
    definition_zh: Optional[str] = None
    publisher: str = Field(min_length=1)
    caveats: Optional[str] = None
    caveats_zh: Optional[str] = None
    # the largest value the series can take, where it is not the 100 of a share in %
    maximum: Optional[float] = Field(default=None, gt=0)
    scope: Literal["zhejiang", "national"] = "zhejiang"
    # flow: a total over the year (sales, throughput); a figure for part of a year is not a
    # value for that year. stock: a level at a date (counts, shares, ranks).
    measure: Literal["flow", "stock"] = "stock"
    preferred_publisher: Optional[str] = None
    preference_reason: Optional[str] = None
    # a US-dollar series derived from a yuan series at the annual average rate (plantrack/derived.py)
    converted_from: Optional[str] = None
    rate: Optional[str] = None
    prose: ClassVar[tuple[str, ...]] = ("definition", "caveats")

    _unit = field_validator("unit")(known_unit)

    @model_validator(mode="after")
    def _preference_has_reason(self) -> "Indicator":
        if self.preferred_publisher and not self.preference_reason:
            raise ValueError("preference_reason when preferred_publisher is set")
        if bool(self.converted_from) != bool(self.rate):
            raise ValueError("rate: both converted_from and rate, or neither (a conversion needs its exchange rate)")
        return self


class Target(_Entry):
    id: str
    _id = field_validator("id")(check_id)
    # ids this target had before; their anchors keep leading to it, so old links do not break
    former_ids: list[str] = []
    area: str
    clause: str = Field(min_length=1)
    wording_zh: str = Field(min_length=1)
    wording_en: str = Field(min_length=1)
    kind: Literal[KINDS]
    comparator: Optional[Literal[COMPARATORS]] = None
    value: Optional[float] = None
    value_high: Optional[float] = None
    unit: Optional[str] = None
    deadline: int = Field(ge=2016, le=2030)
    deadline_note: Optional[str] = None
    deadline_note_zh: Optional[str] = None
    baseline_year: int = Field(default=2015, ge=2010, le=2030)
    indicator: Optional[str] = None
    cumulative_from: Optional[int] = None
    proxy: Optional[str] = None
    proxy_zh: Optional[str] = None
    context: list[str] = []
    tolerance: Optional[float] = Field(default=None, gt=0, lt=1)
    prose: ClassVar[tuple[str, ...]] = ("proxy", "deadline_note")

    _numbers = field_validator("value", "value_high", "deadline", "baseline_year", "cumulative_from", "tolerance",
                               mode="before")(_number_not_text)

    @model_validator(mode="after")
    def _consistent(self) -> "Target":
        problems = []
        quantified = self.kind != "milestone"
        if quantified:
            for name in ("comparator", "value", "unit", "indicator"):
                if getattr(self, name) is None:
                    problems.append(f"{name} (a {self.kind} target needs one)")
        else:
            for name in ("comparator", "value", "value_high", "unit", "indicator"):
                if getattr(self, name) is not None:
                    problems.append(f"no {name} on a milestone target")
        if self.comparator is not None and self.value is None:
            problems.append("value (a comparator without a value compares nothing)")
        if self.value is not None and self.comparator is None:
            problems.append("comparator (a value needs one, e.g. '>=')")
        if (self.kind == "range") != (self.comparator == "between") and quantified:
            problems.append("comparator 'between' exactly for kind 'range'")
        if self.comparator == "between" and self.value_high is None:
            problems.append("value_high (a range needs its top)")
        if (self.kind == "approx") != (self.comparator == "about") and quantified:
            problems.append("comparator 'about' exactly for kind 'approx'")
        if self.kind == "rank" and self.comparator not in ("<=", "<"):
            problems.append("comparator '<=' or '<' for a rank (lower is better)")
        if self.unit is not None and self.unit not in UNITS:
            problems.append(f"a known unit{meant(self.unit, UNITS)} ({', '.join(UNITS)})")
        if self.deadline <= self.baseline_year:
            problems.append(f"deadline after the baseline year {self.baseline_year}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


@dataclass(frozen=True)
class Registry:
    areas: dict[str, Area]
    indicators: dict[str, Indicator]
    targets: dict[str, Target]

    def targets_of(self, area_id: str) -> list[Target]:
        return [t for t in self.targets.values() if t.area == area_id]


def _validated(path: Path, model: type[_Entry], issues: list[DataIssue]) -> list[tuple[str, _Entry]]:
    """Parse each YAML entry into the model; return [(where, entry)] and append problems."""
    entries, load_issues = load_entries(path)
    issues.extend(load_issues)
    parsed = []
    seen: dict[str, str] = {}
    named: dict[tuple[str, str], str] = {}  # (field, value) -> where, for the fields a reader tells entries apart by
    for number, (line, raw) in enumerate(entries, start=1):
        where = f"entry {number} (line {line})"
        if isinstance(raw.get("id"), str) and raw["id"] in seen:
            issues.append(DataIssue(path.name, where, "id", raw["id"], f"a unique id (already used by {seen[raw['id']]})"))
            continue
        for field, value, expected in translation_problems(model, raw):
            issues.append(DataIssue(path.name, where, field, value, expected))
        try:
            entry = model.model_validate(raw)
        except ValidationError as exc:
            issues.extend(_pydantic_issues(path.name, where, raw, exc))
            continue
        seen[entry.id] = where
        for field in getattr(model, "unique", ()):
            value = getattr(entry, field)
            if (field, value) in named:
                issues.append(DataIssue(path.name, where, field, value, f"a {field} of its own (already used by {named[field, value]}): "
                                        "readers tell the entries apart by it in the table of contents and on the pages"))
            named[field, value] = where
        parsed.append((where, entry))
    return parsed


def _written(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def translation_problems(model: type[_Entry], raw: dict) -> list[tuple[str, str, str]]:
    """(field, value, expected) for each English prose field of the entry written without its
    Chinese (`<field>_zh` missing or empty), and each Chinese one written without its English. A
    Chinese page shows the `_zh` text where an English one shows the English, so neither may
    be there alone. Read from the entry as written, so that it is reported with the entry's
    other problems."""
    entry_id = raw.get("id")
    entry = f"{model.__name__.lower()} {entry_id}" if isinstance(entry_id, str) and entry_id.strip() else f"this {model.__name__.lower()}"
    out = []
    for field in model.prose:
        english, chinese = raw.get(field), raw.get(f"{field}_zh")
        shown = "" if chinese is None else str(chinese)
        if _written(english) and not _written(chinese):
            out.append((f"{field}_zh", shown, f"a Chinese {field} for {entry} (its English {field} is written, so {field}_zh is required)"))
        elif _written(chinese) and not _written(english) and not model.model_fields[field].is_required():
            out.append((f"{field}_zh", shown, f"no {field}_zh on {entry} without its English (write {field} too, or remove {field}_zh)"))
    return out


def _pydantic_issues(file: str, where: str, raw: dict, exc: ValidationError) -> list[DataIssue]:
    out = []
    for err in exc.errors():
        field = ".".join(str(part) for part in err["loc"])
        value = raw.get(err["loc"][0]) if err["loc"] else raw.get("id")
        message = err["msg"].removeprefix("Value error, ").removeprefix("Input should be ")  # "expected a valid integer"
        named, _, rest = message.partition(": ")
        if not err["loc"] and rest and named.isidentifier():
            field, value, message = named, raw.get(named), rest
        elif not err["loc"]:  # a check of several fields: name the first field its message mentions
            field = next((word for word in re.findall(r"\w+", message) if word in raw), "")
            value = raw.get(field, raw.get("id"))
        if err["type"] == "int_from_float":
            message = "a whole number"
        elif err["type"] == "missing":
            message = "a value (the field is required)"
        elif err["type"] == "finite_number":
            message = "a finite number (not .nan or .inf)"
        elif err["type"] == "extra_forbidden":
            message = "no such field (see data/README.md for the fields)"
        out.append(DataIssue(file, where, field, "" if value is None else str(value), message))
    return out


def target_value_problems(target: Target, indicator: Optional[Indicator]) -> list[tuple[str, float, str]]:
    """(field, value, expected) for a target value out of range for its kind: counts, thresholds,
    "about" and range values positive, shares from 0 to 100 (or the indicator's maximum), ranks
    whole numbers from 1."""
    problems = []
    if target.value_high is not None and target.kind != "range":
        problems.append(("value_high", target.value_high, f"no value_high on a {target.kind} target (only a range has a top)"))
    elif target.value_high is not None and target.value is not None and target.value_high <= target.value:
        problems.append(("value_high", target.value_high, f"a top above the range's value {target.value:g}"))
    for field in ("value", "value_high"):
        value = getattr(target, field)
        if value is None:
            continue
        if target.kind in ("count", "threshold", "approx", "range") and value <= 0:
            problems.append((field, value, f"a positive number (a {target.kind} target counts or measures an amount)"))
        elif target.kind == "share":
            maximum = indicator.maximum if indicator is not None and indicator.maximum is not None else None
            if maximum is None and target.unit in UNITS and UNITS[target.unit][0] == "percent":
                maximum = 100
            if value < 0 or (maximum is not None and value > maximum):
                bound = f"from 0 to {maximum:g}" if maximum is not None else "of at least 0"
                problems.append((field, value, f"a share {bound} (a series that can exceed it needs 'maximum' on its indicator)"))
        elif target.kind == "rank" and (value < 1 or value != int(value)):
            problems.append((field, value, "a whole rank from 1 (1 is first)"))
    return problems


def load_registry(data_dir: Path) -> tuple[Registry, list[DataIssue]]:
    """Load areas, indicators and targets, checking each file and every cross-reference."""
    issues: list[DataIssue] = []
    areas = _validated(data_dir / "areas.yaml", Area, issues)
    indicators = _validated(data_dir / "indicators.yaml", Indicator, issues)
    targets = _validated(data_dir / "targets.yaml", Target, issues)
    area_ids = {a.id for _, a in areas}
    areas_loaded = not any(issue.file == "areas.yaml" and not issue.field for issue in issues)
    indicators_loaded = not any(issue.file == "indicators.yaml" and not issue.field for issue in issues)
    indicator_units = {i.id: i.unit for _, i in indicators}
    current_ids = {t.id for _, t in targets}
    former_owner: dict[str, str] = {}
    for where, target in targets:
        for old in target.former_ids:
            if old in current_ids or old in former_owner:
                owner = old if old in current_ids else former_owner[old]
                issues.append(DataIssue("targets.yaml", where, "former_ids", old, f"an id no other target has or had (used by {owner})"))
            former_owner.setdefault(old, target.id)
    indicators_by_id = {i.id: i for _, i in indicators}
    for where, indicator in indicators:
        if indicator.converted_from:
            for field, ref, unit in (("converted_from", indicator.converted_from, "亿元"), ("rate", indicator.rate, "元/美元"),
                                     ("unit", indicator.id, "亿美元")):
                found = indicators_by_id.get(ref)
                if found is None:
                    issues.append(DataIssue("indicators.yaml", where, field, ref, "an indicator id from indicators.yaml"))
                elif not convertible(found.unit, unit):
                    issues.append(DataIssue("indicators.yaml", where, field, ref, f"an indicator whose unit converts to {unit}"))
    for where, target in targets:
        def problem(field: str, value: object, expected: str) -> None:
            issues.append(DataIssue("targets.yaml", where, field, str(value), expected))

        if areas_loaded and target.area not in area_ids:
            problem("area", target.area, f"one of the areas in areas.yaml{meant(target.area, area_ids)} ({', '.join(sorted(area_ids))})")
        for field, ids in (("indicator", [target.indicator] if target.indicator else []), ("context", target.context)):
            for indicator_id in ids:
                if indicators_loaded and indicator_id not in indicator_units:
                    problem(field, indicator_id, f"an indicator id from indicators.yaml{meant(indicator_id, indicator_units)}")
        if target.indicator in indicator_units and target.unit and not convertible(target.unit, indicator_units[target.indicator]):
            problem("unit", target.unit, f"a unit convertible to its indicator's unit {indicator_units[target.indicator]!r}")
        if target.cumulative_from is not None and not (target.baseline_year < target.cumulative_from <= target.deadline):
            problem("cumulative_from", target.cumulative_from, f"a year after the baseline and no later than the deadline {target.deadline}")
        for field, value, expected in target_value_problems(target, indicators_by_id.get(target.indicator)):
            problem(field, value, expected)
    targets_loaded = not any(issue.file == "targets.yaml" for issue in issues)
    if targets_loaded:
        used = {t.area for _, t in targets}
        for where, area in areas:
            if area.id not in used:
                issues.append(DataIssue("areas.yaml", where, "id", area.id,
                                        "an area with at least one target in targets.yaml (its chapter would be empty): add its targets or remove the area"))
    registry = Registry(
        areas={a.id: a for _, a in areas},
        indicators={i.id: i for _, i in indicators},
        targets={t.id: t for _, t in targets},
    )
    return registry, issues
