"""One validated state of data/: the registry and its evidence, loaded together."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .errorlog import log_traceback
from .evidence import EvidenceTables, _observation_frame, load_evidence
from .issues import DataError, DataIssue
from .registry import Registry, load_registry
from .snapshots import SnapshotImport, describe, empty_import, load_snapshots


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    registry: Registry
    evidence: EvidenceTables  # with the observations and sources imported from snapshots
    snapshots: SnapshotImport = field(default_factory=empty_import)  # all provinces' figures, overlaps, disagreements

    @property
    def observations(self) -> pd.DataFrame:
        return self.evidence.observations

    @property
    def sources(self) -> pd.DataFrame:
        return self.evidence.sources


def load_dataset(data_dir: Path | str) -> Dataset:
    """Load and validate everything in data_dir; raise DataError listing every problem, and
    nothing else: a failure the checks do not foresee is one issue naming the log file that
    holds its traceback."""
    data_dir = Path(data_dir)
    try:
        registry, issues = load_registry(data_dir)
        evidence, evidence_issues = load_evidence(data_dir, registry, check_references=not issues)
        snapshots, snapshot_issues = load_snapshots(data_dir, registry, set(evidence.sources["source_id"]), check_references=not issues)
        issues += evidence_issues + snapshot_issues
    except Exception as exc:  # a fault in the checks: a message and a log, never a traceback on the console
        log = log_traceback("load-data", exc)
        raise DataError([DataIssue(str(data_dir), "", "", f"{type(exc).__name__}: {exc}",
                                   f"data the checks can read; this is a fault in the checks: report it with {log}")]) from None
    if issues:
        raise DataError(issues)
    return Dataset(data_dir=data_dir, registry=registry, evidence=with_derived(with_snapshots(evidence, snapshots, registry), registry),
                   snapshots=snapshots)


def with_snapshots(evidence: EvidenceTables, snapshots: SnapshotImport, registry: Registry) -> EvidenceTables:
    """The evidence tables with the snapshots' sources and Zhejiang's figures appended."""
    if not snapshots.sources:
        return evidence
    sources = pd.DataFrame([s.model_dump() for s in snapshots.sources], columns=evidence.sources.columns)
    observations = _observation_frame(snapshots.observations, registry)
    return replace(evidence,
                   sources=pd.concat([evidence.sources, sources], ignore_index=True),
                   observations=pd.concat([evidence.observations, observations], ignore_index=True))


def with_derived(evidence: EvidenceTables, registry: Registry) -> EvidenceTables:
    """The observations with the figures derived from them (plantrack/derived.py), marked `derived`."""
    from .derived import derived_observations

    observations = evidence.observations.assign(derived=False)
    derived = derived_observations(observations, registry)
    if derived:
        observations = pd.concat([observations, _observation_frame(derived, registry).assign(derived=True)], ignore_index=True)
    return replace(evidence, observations=observations)


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
        "",
        describe(dataset.snapshots),
    ]
    return "\n".join(lines)
