"""The plan's registry: task areas, indicators and targets (YAML files in data/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .issues import DataIssue
from .units import UNITS, convertible
from .yamlfile import load_entries

KINDS = ("threshold", "count", "share", "rank", "range", "approx", "milestone")
COMPARATORS = (">", ">=", "<", "<=", "about", "between")
ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Area(_Entry):
    id: str = Field(pattern=ID_PATTERN)
    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    clause: str = Field(min_length=1)
    agencies: list[str]
    agencies_note: Optional[str] = None
    description: str = Field(min_length=1)
    # the paragraph that opens the area's chapter; without one the chapter opens with the description
    introduction: Optional[str] = None


class Indicator(_Entry):
    id: str = Field(pattern=ID_PATTERN)
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    unit: str
    definition: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    caveats: Optional[str] = None
    scope: Literal["zhejiang", "national"] = "zhejiang"
    # flow: a total over the year (sales, throughput); a figure for part of a year is not a
    # value for that year. stock: a level at a date (counts, shares, ranks).
    measure: Literal["flow", "stock"] = "stock"
    preferred_publisher: Optional[str] = None
    preference_reason: Optional[str] = None

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        if unit not in UNITS:
            raise ValueError(f"a known unit ({', '.join(UNITS)})")
        return unit

    @model_validator(mode="after")
    def _preference_has_reason(self) -> "Indicator":
        if self.preferred_publisher and not self.preference_reason:
            raise ValueError("preference_reason when preferred_publisher is set")
        return self


class Target(_Entry):
    id: str = Field(pattern=ID_PATTERN)
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
    baseline_year: int = Field(default=2015, ge=2010, le=2030)
    indicator: Optional[str] = None
    cumulative_from: Optional[int] = None
    proxy: Optional[str] = None
    context: list[str] = []
    tolerance: Optional[float] = Field(default=None, gt=0, lt=1)

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
        if self.comparator == "between" and (self.value_high is None or self.value is None or self.value_high < self.value):
            problems.append("value_high at least value for a range")
        if (self.kind == "approx") != (self.comparator == "about") and quantified:
            problems.append("comparator 'about' exactly for kind 'approx'")
        if self.kind == "rank" and self.comparator not in ("<=", "<"):
            problems.append("comparator '<=' or '<' for a rank (lower is better)")
        if self.unit is not None and self.unit not in UNITS:
            problems.append(f"a known unit ({', '.join(UNITS)})")
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
    for number, (line, raw) in enumerate(entries, start=1):
        where = f"entry {number} (line {line})"
        if isinstance(raw.get("id"), str) and raw["id"] in seen:
            issues.append(DataIssue(path.name, where, "id", raw["id"], f"a unique id (already used by {seen[raw['id']]})"))
            continue
        try:
            entry = model.model_validate(raw)
        except ValidationError as exc:
            issues.extend(_pydantic_issues(path.name, where, raw, exc))
            continue
        seen[entry.id] = where
        parsed.append((where, entry))
    return parsed


def _pydantic_issues(file: str, where: str, raw: dict, exc: ValidationError) -> list[DataIssue]:
    out = []
    for err in exc.errors():
        field = ".".join(str(part) for part in err["loc"])
        value = raw.get(err["loc"][0]) if err["loc"] else raw.get("id")
        message = err["msg"].removeprefix("Value error, ")
        named, _, rest = message.partition(": ")
        if not err["loc"] and rest and named.isidentifier():
            field, value, message = named, raw.get(named), rest
        if err["type"] == "missing":
            message = "a value (the field is required)"
        elif err["type"] == "extra_forbidden":
            message = "no such field (see data/README.md for the fields)"
        out.append(DataIssue(file, where, field, "" if value is None else str(value), message))
    return out


def load_registry(data_dir: Path) -> tuple[Registry, list[DataIssue]]:
    """Load areas, indicators and targets, checking each file and every cross-reference."""
    issues: list[DataIssue] = []
    areas = _validated(data_dir / "areas.yaml", Area, issues)
    indicators = _validated(data_dir / "indicators.yaml", Indicator, issues)
    targets = _validated(data_dir / "targets.yaml", Target, issues)
    area_ids = {a.id for _, a in areas}
    areas_loaded = not any(issue.file == "areas.yaml" and not issue.field for issue in issues)
    indicator_units = {i.id: i.unit for _, i in indicators}
    current_ids = {t.id for _, t in targets}
    former_owner: dict[str, str] = {}
    for where, target in targets:
        for old in target.former_ids:
            if old in current_ids or old in former_owner:
                owner = old if old in current_ids else former_owner[old]
                issues.append(DataIssue("targets.yaml", where, "former_ids", old, f"an id no other target has or had (used by {owner})"))
            former_owner.setdefault(old, target.id)
    for where, target in targets:
        def problem(field: str, value: object, expected: str) -> None:
            issues.append(DataIssue("targets.yaml", where, field, str(value), expected))

        if areas_loaded and target.area not in area_ids:
            problem("area", target.area, f"one of the areas in areas.yaml ({', '.join(sorted(area_ids))})")
        for field, ids in (("indicator", [target.indicator] if target.indicator else []), ("context", target.context)):
            for indicator_id in ids:
                if indicator_id not in indicator_units:
                    problem(field, indicator_id, "an indicator id from indicators.yaml")
        if target.indicator in indicator_units and target.unit and not convertible(target.unit, indicator_units[target.indicator]):
            problem("unit", target.unit, f"a unit convertible to its indicator's unit {indicator_units[target.indicator]!r}")
        if target.cumulative_from is not None and not (target.baseline_year < target.cumulative_from <= target.deadline):
            problem("cumulative_from", target.cumulative_from, f"a year after the baseline and no later than the deadline {target.deadline}")
    registry = Registry(
        areas={a.id: a for _, a in areas},
        indicators={i.id: i for _, i in indicators},
        targets={t.id: t for _, t in targets},
    )
    return registry, issues
