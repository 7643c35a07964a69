"""Build one edition of the book: validate, execute the notebooks, build HTML, publish atomically.

Nothing is written under the site folder until every step has succeeded; a failure leaves every
published edition untouched and keeps the failed notebook for inspection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
import yaml
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

from .dataset import load_dataset
from .issues import DataError

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "sources", "coverage", "methodology", "changes"]


class BuildError(Exception):
    pass


@dataclass(frozen=True)
class Layout:
    """Where a build reads and writes; tests point it at temporary folders."""
    root: Path = ROOT
    data_dir: Path = ROOT / "data"
    build_dir: Path = ROOT / "_build"

    @property
    def site(self) -> Path:
        return self.build_dir / "site"

    @property
    def failed(self) -> Path:
        return self.build_dir / "failed"

    cache: Path = ROOT / "_build" / "cache"


def default_edition() -> str:
    return dt.date.today().strftime("%Y.%m")


def notebook_names(layout: Layout) -> list[str]:
    areas = [p.stem for p in sorted((layout.root / "notebooks").glob("*.md")) if p.stem not in PAGES]
    return PAGES + areas


def build_edition(edition: str, layout: Layout = Layout(), as_of_year: int | None = None, review: bool = False,
                  jobs: int | None = None) -> Path:
    """Build the edition and publish it under site/<edition>; return that folder."""
    from .chapter import check_parameters

    as_of_year = as_of_year or dt.date.today().year
    try:
        dataset = load_dataset(layout.data_dir)
    except DataError as exc:
        raise BuildError(f"invalid data, nothing was built or published:\n{exc.report()}") from None
    check_parameters(str(layout.data_dir), edition, as_of_year)
    layout.build_dir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f"stage-{edition}-", dir=layout.build_dir))
    try:
        src = stage / "src"
        _assemble_source(src, layout, edition, review)
        _write_data_package(src / "_extra" / "data", dataset, layout, as_of_year)
        _execute_notebooks(src, layout, edition, as_of_year, jobs)
        html = _sphinx_build(src, stage)
        _write_manifest(html, dataset, layout, edition)
        return _publish(html, layout, edition)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _assemble_source(src: Path, layout: Layout, edition: str, review: bool) -> None:
    shutil.copytree(layout.root / "book", src)
    shutil.copy(layout.root / "_toc.yml", src / "_toc.yml")
    config = yaml.safe_load((layout.root / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config["sphinx"]["config"]
    sphinx["version"] = sphinx["release"] = edition
    sphinx["html_theme_options"]["switcher"] = {"json_url": "/switcher.json", "version_match": edition}
    if review:
        config["html"]["comments"]["hypothesis"] = True
    (src / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    bundle = layout.cache / f"vega-offline-{_bundle_key()}.js"
    if not bundle.exists():
        from .charts import write_vega_bundle
        write_vega_bundle(bundle)
    shutil.copy(bundle, src / "assets" / "vega-offline.js")


def _bundle_key() -> str:
    import altair
    import vl_convert
    return f"{altair.__version__}-{vl_convert.__version__}"


def _write_data_package(target: Path, dataset, layout: Layout, as_of_year: int) -> None:
    from .assess import assess_all
    from .datapackage import write_datapackage

    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(layout.data_dir.iterdir()):
        if path.suffix in (".csv", ".yaml", ".md"):
            shutil.copy(path, target / path.name)
    assess_all(dataset, as_of_year).to_csv(target / "assessment.csv", index=False, lineterminator="\n")
    write_datapackage(target)


def previous_edition(layout: Layout, edition: str) -> str:
    """The newest published edition other than this one, whose data the changes page compares."""
    from .site import editions

    if not layout.site.exists():
        return ""
    older = [e for e in editions(layout.site) if e != edition and (layout.site / e / "data" / "observations.csv").exists()]
    return older[-1] if older else ""


def _execute_notebooks(src: Path, layout: Layout, edition: str, as_of_year: int, jobs: int | None) -> None:
    names = notebook_names(layout)
    previous = previous_edition(layout, edition)
    tasks = []
    for name in names:
        out = src / (f"chapters/{name}.ipynb" if name not in PAGES else f"{name}.ipynb")
        parameters = {
            "data_dir": str(layout.data_dir.resolve()),
            "edition": edition,
            "as_of_year": as_of_year,
            "downloads_dir": "_extra/downloads",  # relative to the notebook's cwd, the staging source
        }
        if name == "changes":
            parameters["previous_edition"] = previous
            parameters["previous_data_dir"] = str(layout.site / previous / "data") if previous else ""
        tasks.append((str(layout.root / "notebooks" / f"{name}.md"), str(out), str(src), parameters))
    jobs = jobs or min(len(tasks), os.cpu_count() or 1)
    failures = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for task, error in zip(tasks, pool.map(_execute_one, tasks)):
            if error:
                failures.append((task, error))
    if failures:
        layout.failed.mkdir(parents=True, exist_ok=True)
        messages = []
        for (source, out, _, _), error in failures:
            kept = layout.failed / Path(out).name
            if Path(out).exists():
                shutil.copy(out, kept)
            messages.append(f"{Path(source).relative_to(layout.root)}: {error}\n  executed notebook kept at {kept}")
        raise BuildError("notebook execution failed, nothing was published:\n" + "\n".join(messages))


class IPCKernelManager(AsyncKernelManager):
    """Kernels talk over local sockets, not TCP: kernels started side by side cannot race for
    the same TCP port ("Address already in use", a known papermill failure in parallel runs)."""

    @default("transport")
    def _default_transport(self):
        return "ipc"

    @default("ip")
    def _default_ip(self):
        return os.path.join(tempfile.gettempdir(), f"plantrack-kernel-{os.getpid()}")


def _execute_one(task: tuple[str, str, str, dict]) -> str:
    """Run one notebook with papermill; return '' or a message naming the failing cell."""
    import papermill as pm

    source, out, cwd, parameters = task
    notebook = jupytext.read(source)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(notebook, out, parameters=parameters, kernel_name="python3", progress_bar=False,
                            cwd=cwd, log_output=False, kernel_manager_class=IPCKernelManager)
    except pm.PapermillExecutionError as exc:
        return f"cell {exc.exec_count} raised {exc.ename}: {exc.evalue}"
    except Exception as exc:  # kernel died, bad notebook: report rather than hang the pool
        return f"{type(exc).__name__}: {exc}"
    finally:
        if Path(out).exists():
            _hide_parameter_cells(Path(out))
    return ""


def _hide_parameter_cells(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"  # jupytext and papermill draw random ids; rebuilds must not differ
        tags = cell.metadata.setdefault("tags", [])
        if ("parameters" in tags or "injected-parameters" in tags) and "remove-cell" not in tags:
            tags.append("remove-cell")
        # papermill's timings would make every rebuild differ
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nb.metadata.pop("papermill", None)
    nbformat.write(nb, path)


def _sphinx_build(src: Path, stage: Path) -> Path:
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src),
               "--path-output", str(stage), "-W", "-n", "--keep-going", "--all"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise BuildError(f"jupyter-book build failed, nothing was published:\n{tail}")
    return stage / "_build" / "html"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_manifest(html: Path, dataset, layout: Layout, edition: str) -> None:
    from importlib.metadata import version

    from .assess import assess_all

    commit = subprocess.run(["git", "-C", str(layout.root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    table = assess_all(dataset)
    manifest = {
        "edition": edition,
        "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "source_commit": commit or None,
        "data": {p.name: file_digest(p) for p in sorted(layout.data_dir.iterdir()) if p.is_file()},
        "packages": {name: version(name) for name in ("jupyter-book", "sphinx", "myst-nb", "papermill", "altair", "pandas", "pydantic")},
        "targets_by_verdict": {k: int(v) for k, v in table["verdict"].value_counts().sort_index().items()},
    }
    (html / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _publish(html: Path, layout: Layout, edition: str) -> Path:
    """Move the finished HTML into site/<edition>, replacing an old build in one rename."""
    layout.site.mkdir(parents=True, exist_ok=True)
    final = layout.site / edition
    incoming = layout.site / f".incoming-{edition}"
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(html, incoming)
    if final.exists():
        outgoing = layout.site / f".outgoing-{edition}"
        shutil.rmtree(outgoing, ignore_errors=True)
        final.rename(outgoing)
        incoming.rename(final)
        shutil.rmtree(outgoing)
    else:
        incoming.rename(final)
    from .site import refresh_site_index
    refresh_site_index(layout.site)
    return final
