"""Publish: the edition's data package and manifest, then one atomic switch into the site.
Nothing under the site folder is written before every other stage has succeeded."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd

from ..digests import file_digest, tree_files
from ..site import refresh_site_index
from .plan import Layout


def write_data_package(target: Path, layout: Layout, assessment: pd.DataFrame, dataset=None) -> None:
    """The edition's data as analysts edit it, the snapshots of official tables byte for byte, the
    figures imported from them as one table, and the build's assessment."""
    from ..datapackage import write_datapackage
    from ..evidence import OBSERVATION_COLUMNS

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for path in sorted(layout.data_dir.iterdir()):
        if path.suffix in (".csv", ".yaml", ".md"):
            shutil.copy(path, target / path.name)
    if (layout.data_dir / "snapshots").is_dir():
        shutil.copytree(layout.data_dir / "snapshots", target / "snapshots")
    if dataset is not None and dataset.snapshots.observations:
        imported = pd.DataFrame([o.model_dump() for o in dataset.snapshots.observations], columns=list(OBSERVATION_COLUMNS))
        imported.to_csv(target / "observations_imported.csv", index=False, lineterminator="\n")
    assessment.to_csv(target / "assessment.csv", index=False, lineterminator="\n")
    write_datapackage(target)


def write_manifest(html: Path, layout: Layout, edition: str, inputs: str, assessment: pd.DataFrame) -> None:
    from importlib.metadata import version

    commit = subprocess.run(["git", "-C", str(layout.root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    manifest = {
        "edition": edition,
        "inputs": inputs,
        "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "source_commit": commit or None,
        "data": {p.relative_to(layout.data_dir).as_posix(): file_digest(p) for p in sorted(tree_files(layout.data_dir))},
        "packages": {name: version(name) for name in ("jupyter-book", "sphinx", "myst-nb", "papermill", "altair", "pandas", "pydantic")},
        # the same counts as the edition's assessment.csv: both come from the build's one assessment
        "targets_by_verdict": {str(k): int(v) for k, v in assessment["verdict"].astype(str).value_counts().sort_index().items()},
    }
    (html / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def publish(html: Path, site: Path, edition: str) -> Path:
    """Move the finished HTML into site/<edition>, replacing an old build in one rename."""
    site.mkdir(parents=True, exist_ok=True)
    final = site / edition
    incoming = site / f".incoming-{edition}"
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(html, incoming)
    if final.exists():
        outgoing = site / f".outgoing-{edition}"
        shutil.rmtree(outgoing, ignore_errors=True)
        final.rename(outgoing)
        incoming.rename(final)
        shutil.rmtree(outgoing)
    else:
        incoming.rename(final)
    refresh_site_index(site)
    return final
