"""Publish: the edition folder made complete beside the site (HTML, data package, downloads,
manifest), every file the manifest lists checked against its digest, the site index prepared, and
then one switch into the site. Everything that can fail happens before the switch; a failure of the
switch itself is undone. Nothing under the site folder changes before that."""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pandas as pd

from ..digests import file_digest, tree_files
from ..edition import edition_order
from ..site import editions, languages_of, refresh_site_index, site_index
from .execute import BuildError
from .plan import Layout

PACKAGE_SUFFIXES = (".csv", ".yaml", ".md")  # the files of data/ that the data package copies, and snapshots/


def in_package(name: str) -> bool:
    """Whether the data file at this path (relative to data/) is copied into the data package."""
    return name.startswith("snapshots/") or ("/" not in name and Path(name).suffix in PACKAGE_SUFFIXES)


def package_name(name: str) -> str:
    """Where a data file (path relative to data/) stands in the data package. A snapshot kept as an
    HTML page gets '.txt' added, same bytes: opened in a browser from the edition, the producer's
    page would load its scripts from other hosts, and the book makes no request to any other host."""
    return name + ".txt" if name.startswith("snapshots/") and name.endswith((".html", ".htm")) else name


def write_data_package(target: Path, layout: Layout, assessment: pd.DataFrame, dataset=None) -> None:
    """The edition's data as analysts edit it, the snapshots of official tables byte for byte, the
    figures imported from them as one table, and the build's assessment."""
    from ..datapackage import write_datapackage
    from ..evidence import OBSERVATION_COLUMNS

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for path in sorted(layout.data_dir.iterdir()):
        if path.is_file() and in_package(path.name):
            shutil.copy(path, target / path.name)
    for path in tree_files(layout.data_dir / "snapshots") if (layout.data_dir / "snapshots").is_dir() else []:
        copy = target / package_name(path.relative_to(layout.data_dir).as_posix())
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    if dataset is not None and dataset.snapshots.observations:
        imported = pd.DataFrame([o.model_dump() for o in dataset.snapshots.observations], columns=list(OBSERVATION_COLUMNS))
        imported.to_csv(target / "observations_imported.csv", index=False, lineterminator="\n")
    assessment.to_csv(target / "assessment.csv", index=False, lineterminator="\n")
    write_datapackage(target)


def edition_manifest(layout: Layout, edition: str, inputs: str, assessment: pd.DataFrame) -> dict:
    """What the edition was built from; publish adds the digest of every file of the edition."""
    from importlib.metadata import version

    commit = subprocess.run(["git", "-C", str(layout.root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {
        "edition": edition,
        "inputs": inputs,
        "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "source_commit": commit or None,
        "data": {p.relative_to(layout.data_dir).as_posix(): file_digest(p) for p in sorted(tree_files(layout.data_dir))},
        "packages": {name: version(name) for name in ("jupyter-book", "sphinx", "myst-nb", "papermill", "altair", "pandas", "pydantic")},
        # the same counts as the edition's assessment.csv: both come from the build's one assessment
        "targets_by_verdict": {str(k): int(v) for k, v in assessment["verdict"].astype(str).value_counts().sort_index().items()},
    }


def edition_problems(folder: Path) -> list[str]:
    """Every way the edition folder differs from its manifest: a listed file missing or with
    another digest, a file of the data package that is not the data file the manifest records."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        files, data = dict(manifest["files"]), dict(manifest["data"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{folder / 'manifest.json'}: no readable manifest with its list of files ({exc})"]
    problems = []
    for name, digest in files.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: listed in the manifest, missing")
        elif file_digest(path) != digest:
            problems.append(f"{name}: not the file the manifest lists (sha256 differs)")
    for name, digest in data.items():
        if in_package(name) and files.get(f"data/{package_name(name)}") != digest:
            problems.append(f"data/{name}: not data/{name} as the build read it (it changed during the build?)")
    return problems


def publish(html: Path, site: Path, edition: str, manifest: dict, complete: Callable[[Path], None] = lambda folder: None) -> Path:
    """Make site/<edition> the finished HTML plus what `complete` writes into it (the data
    package, the downloads), with a manifest listing every file and its digest; return it.

    The edition is assembled and checked beside the site, the site index prepared, and only then
    switched in; whatever fails before leaves every published edition as it was."""
    final = site / edition
    incoming = site / f".incoming-{edition}"
    prepared: list[tuple[Path, Path]] = []
    try:
        obstacle = site_obstacle(site, edition)
        if obstacle:
            raise BuildError(f"publish: {obstacle}; no published edition was changed")
        site.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(incoming, ignore_errors=True)
        shutil.copytree(html, incoming)
        complete(incoming)
        files = {p.relative_to(incoming).as_posix(): file_digest(p) for p in sorted(tree_files(incoming)) if p != incoming / "manifest.json"}
        (incoming / "manifest.json").write_text(json.dumps({**manifest, "files": files}, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
        problems = edition_problems(incoming)
        if problems:
            raise BuildError(f"publish: the edition does not match its manifest ({len(problems)} file(s): {'; '.join(problems[:3])}); "
                             "no published edition was changed: build again")
        names = sorted(set(editions(site)) | {edition}, key=edition_order)
        published = {n: languages_of(incoming if n == edition else site / n) for n in names}
        for name, text in site_index(names, published).items():
            target = site / name
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.incoming")
            temporary.write_text(text, encoding="utf-8")
            prepared.append((temporary, target))
    except BaseException as exc:
        _discard(incoming, prepared)
        if isinstance(exc, OSError):
            raise BuildError(f"publish: could not prepare edition {edition} beside the site ({exc}); no published edition "
                             "was changed: make sure the site folder can be written (space, permissions) and build again") from None
        raise
    _switch(incoming, final, prepared)
    return final


def site_files() -> list[str]:
    """The site's own files and folders (a folder ends with '/'), whatever the editions."""
    names = site_index(["0"])
    folders = sorted({str(Path(n).parent) + "/" for n in names if "/" in n})
    return folders + sorted(names)


def site_obstacle(site: Path, edition: str) -> str:
    """What in the site would stop the switch: a file where a folder belongs, or the reverse."""
    if site.exists() and (site.is_symlink() or not site.is_dir()):
        return f"{site} is not a folder: move it away and build again"
    for name, folder in ((edition, True), ("latest", True), *[(n, n.endswith("/")) for n in site_files()]):
        name = name.rstrip("/")
        path = site / name
        if path.is_symlink() or (path.exists() and path.is_dir() != folder):
            kind = "a folder" if folder else "a file"
            return f"{path} is not {kind} as the site needs: remove it (the build writes it again) and build again"
    return ""


def _discard(incoming: Path, prepared: list[tuple[Path, Path]]) -> None:
    shutil.rmtree(incoming, ignore_errors=True)
    for temporary, _ in prepared:
        temporary.unlink(missing_ok=True)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def _install(temporary: Path, target: Path) -> None:
    os.replace(temporary, target)


def _switch(incoming: Path, final: Path, prepared: list[tuple[Path, Path]]) -> None:
    """The edition folder and the site index into place; on any failure, everything back."""
    site = final.parent
    outgoing = site / f".outgoing-{final.name}"
    old_index = {target: target.read_bytes() if target.is_file() else None for _, target in prepared}
    old: Path | None = None
    try:
        if final.exists():
            if _exchange(incoming, final):
                old = incoming  # the old edition now sits where the new one was assembled
            else:
                shutil.rmtree(outgoing, ignore_errors=True)
                final.rename(outgoing)
                old = outgoing
                incoming.rename(final)
        else:
            incoming.rename(final)
        for temporary, target in prepared:
            _install(temporary, target)
    except BaseException as exc:
        undone = _undo(final, incoming, old, old_index)
        _discard(incoming, prepared)
        state = "undone: no published edition was changed" if undone else (
            "could not be undone: the next build repairs the site")
        raise BuildError(f"publish: switching edition {final.name} into the site failed ({exc}) and was {state}; "
                         "make sure the site folder can be written and build again") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _undo(final: Path, incoming: Path, old: Path | None, old_index: dict[Path, bytes | None]) -> bool:
    try:
        if old == incoming and incoming.exists() and final.exists():
            _exchange(incoming, final)
        elif old is not None and old.exists():
            if final.exists():
                final.rename(incoming)
            old.rename(final)
        elif old is None and final.exists() and not incoming.exists():
            final.rename(incoming)
        for target, data in old_index.items():
            if data is None:
                target.unlink(missing_ok=True)
            elif not target.is_file() or target.read_bytes() != data:
                temporary = target.with_name(f".{target.name}.restore")
                temporary.write_bytes(data)
                os.replace(temporary, target)
        return True
    except OSError:
        return False


def recover_site(site: Path) -> list[str]:
    """Start cleanly from what a killed build left in the site: an edition moved out but not back
    is put back, half-assembled editions and index files are removed, and the site index lists
    the editions there are. Call it only while holding the build lock. Returns what it did."""
    done = []
    if not site.is_dir():
        return done
    for path in sorted(site.iterdir()):
        if path.name.startswith(".outgoing-") and path.is_dir():
            final = site / path.name.removeprefix(".outgoing-")
            if not final.exists():
                path.rename(final)
                done.append(f"{final.name}: put back the published edition a killed build had moved out")
            else:
                shutil.rmtree(path, ignore_errors=True)
                done.append(f"{path.name}: removed")
        elif path.name.startswith(".incoming-"):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            done.append(f"{path.name}: removed")
    for temporary in [*site.glob(".*.incoming"), *site.glob("latest/**/.*.incoming")]:
        if temporary.is_file():
            temporary.unlink()
            done.append(f"{temporary.relative_to(site)}: removed")
    names = editions(site)
    if done and names and not site_obstacle(site, names[-1]):  # killed before or while the index was replaced
        index = site_index(names, {n: languages_of(site / n) for n in names})
        if any(not (site / n).is_file() or (site / n).read_text(encoding="utf-8") != t for n, t in index.items()):
            refresh_site_index(site)
            done.append("site index written for the editions there are")
    return done
