"""Content digests of a build's inputs: what decides whether a notebook must run again.

A notebook's key covers its own source, the package's code, its parameters and the part of the
data it reads. An area chapter reads only its own targets, their indicators, figures, sources,
evidence and searches, so a new figure re-runs only the chapters that show it (and the pages that
summarise every target). Digests, not timestamps: a touched but unchanged file changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from .dataset import Dataset

PACKAGE = Path(__file__).resolve().parent


def digest_text(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def digest_files(paths: list[Path], base: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(str(path.relative_to(base)).encode())
        h.update(b"\x00")
        h.update(path.read_bytes())
        h.update(b"\x00")
    return h.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def package_digest() -> str:
    """The package's code, its templates and its translations: what every page is made with."""
    return digest_files([p for p in tree_files(PACKAGE) if p.suffix in (".py", ".html", ".md", ".po")], PACKAGE)


def tree_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def _records(frame: pd.DataFrame) -> list:
    return frame.astype(str).to_dict(orient="records")


def data_slice(dataset: Dataset, area: str) -> str:
    """Canonical JSON of everything an area chapter reads."""
    registry = dataset.registry
    targets = registry.targets_of(area)
    indicator_ids = sorted({t.indicator for t in targets if t.indicator} | {c for t in targets for c in t.context})
    target_ids = {t.id for t in targets}
    observations = dataset.observations[dataset.observations["indicator_id"].isin(indicator_ids)]
    evidence = dataset.evidence.evidence[dataset.evidence.evidence["target_id"].isin(target_ids)]
    searches = dataset.evidence.searches[dataset.evidence.searches["subject"].isin(target_ids | set(indicator_ids))]
    source_ids = set(observations["source_id"]) | set(evidence["source_id"])
    sources = dataset.sources[dataset.sources["source_id"].isin(source_ids)]
    content = {
        "area": registry.areas[area].model_dump() if area in registry.areas else None,
        "targets": [t.model_dump() for t in targets],
        "indicators": [registry.indicators[i].model_dump() for i in indicator_ids],
        "observations": _records(observations),
        "evidence": _records(evidence),
        "searches": _records(searches),
        "sources": _records(sources),
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)


def notebook_key(notebook_text: str, parameters: dict, reads: str, dataset: Dataset, data_digest: str, package: str) -> str:
    """reads: "no data", "all data" or an area id (the page reads only that area's slice)."""
    if reads == "no data":
        data = ""
    elif reads == "all data":
        data = data_digest
    else:
        data = digest_text(data_slice(dataset, reads))
    # where the data and the assessment lie does not matter, only what they hold (the assessment
    # follows from the data and the package)
    location_free = {k: v for k, v in parameters.items() if k not in ("data_dir", "assessment_path")}
    return digest_text(notebook_text, json.dumps(location_free, sort_keys=True), data, package)
