"""One validated state of data/: the registry and its evidence, loaded together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .evidence import EvidenceTables, load_evidence
from .issues import DataError
from .registry import Registry, load_registry


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    registry: Registry
    evidence: EvidenceTables

    @property
    def observations(self) -> pd.DataFrame:
        return self.evidence.observations

    @property
    def sources(self) -> pd.DataFrame:
        return self.evidence.sources


def load_dataset(data_dir: Path | str) -> Dataset:
    """Load and validate everything in data_dir; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    registry, issues = load_registry(data_dir)
    evidence, evidence_issues = load_evidence(data_dir, registry, check_references=not issues)
    issues += evidence_issues
    if issues:
        raise DataError(issues)
    return Dataset(data_dir=data_dir, registry=registry, evidence=evidence)


def summary(dataset: Dataset) -> str:
    """Targets by area and kind, and the size of the evidence, for `make validate`."""
    targets = pd.DataFrame([t.model_dump() for t in dataset.registry.targets.values()])
    table = pd.crosstab(targets["area"], targets["kind"], margins=True, margins_name="total")
    area_order = list(dataset.registry.areas) + ["total"]
    table = table.reindex([a for a in area_order if a in table.index])
    ev = dataset.evidence
    lines = [
        f"{dataset.data_dir} is valid: {len(dataset.registry.areas)} areas, {len(dataset.registry.indicators)} indicators, "
        f"{len(dataset.registry.targets)} targets; {len(ev.sources)} sources, {len(ev.observations)} observations, "
        f"{len(ev.evidence)} evidence records, {len(ev.searches)} logged searches.",
        "",
        "Targets by area and kind:",
        table.to_string(),
    ]
    return "\n".join(lines)
