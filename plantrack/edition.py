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
from .digests import tree_files
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
    """Build the edition and publish it under site/<edition>; return that folder.

    The edition's work folder keeps Sphinx's state between builds, and notebooks whose inputs
    did not change are taken from the cache; the site is written only after every step succeeded.
    """
    from .chapter import check_parameters

    as_of_year = as_of_year or dt.date.today().year
    try:
        dataset = load_dataset(layout.data_dir, notebooks=layout.root / "notebooks", pages=tuple(PAGES))
    except DataError as exc:
        raise BuildError(f"invalid data, nothing was built or published:\n{exc.report()}") from None
    check_parameters(str(layout.data_dir), edition, as_of_year)
    plan = _plan(layout, dataset, edition, as_of_year, review)
    published = layout.site / edition / "manifest.json"
    if published.exists() and json.loads(published.read_text(encoding="utf-8")).get("inputs") == plan.inputs:
        return layout.site / edition  # nothing changed since this edition was published
    work = layout.build_dir / "work" / edition
    fresh = not (work / "inputs.json").exists() or json.loads((work / "inputs.json").read_text())["static"] != plan.static
    if fresh:
        shutil.rmtree(work, ignore_errors=True)
    try:
        src = work / "src"
        _assemble_source(src, layout, edition, review)
        _write_data_package(src / "_extra" / "data", dataset, layout, as_of_year)
        _run_notebooks(src, layout, plan, jobs)
        html = _sphinx_build(src, work, full=fresh)
        _write_manifest(html, dataset, layout, edition, plan.inputs, as_of_year)
        (work / "inputs.json").write_text(json.dumps({"static": plan.static}), encoding="utf-8")
        return _publish(html, layout, edition)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)  # a half-built work folder must not seed the next build
        raise


@dataclass(frozen=True)
class BuildPlan:
    tasks: list  # (name, source path, output path relative to src, parameters, key)
    static: str  # digest of what needs a full Sphinx rebuild when it changes: book, config, package
    inputs: str  # digest of every input of the edition


def _plan(layout: Layout, dataset, edition: str, as_of_year: int, review: bool) -> BuildPlan:
    from .digests import digest_files, digest_text, notebook_key, package_digest, tree_files

    package = package_digest()
    data_digest = digest_files([p for p in layout.data_dir.iterdir() if p.is_file()], layout.data_dir)
    book = digest_files(tree_files(layout.root / "book") + [layout.root / "_config.yml", layout.root / "_toc.yml"], layout.root)
    static = digest_text(book, package, edition, str(review), _bundle_key())
    previous = previous_edition(layout, edition)
    tasks = []
    for name in notebook_names(layout):
        source = layout.root / "notebooks" / f"{name}.md"
        parameters = {"data_dir": str(layout.data_dir.resolve()), "edition": edition, "as_of_year": as_of_year,
                      "downloads_dir": "_extra/downloads"}  # relative to the notebook's cwd, the source folder
        extra = ""
        if name == "changes":
            parameters["previous_edition"] = previous
            parameters["previous_data_dir"] = str(layout.site / previous / "data") if previous else ""
            if previous:
                extra = (layout.site / previous / "manifest.json").read_text(encoding="utf-8")
        key = digest_text(notebook_key(name, source.read_text(encoding="utf-8"), parameters, dataset, data_digest, package), extra)
        out = f"{name}.ipynb" if name in PAGES else f"chapters/{name}.ipynb"
        tasks.append((name, source, out, parameters, key))
    inputs = digest_text(static, data_digest, *[t[4] for t in tasks])
    return BuildPlan(tasks, static, inputs)


def _assemble_source(src: Path, layout: Layout, edition: str, review: bool) -> None:
    book = layout.root / "book"
    for path in tree_files(book):
        _sync_file(path, src / path.relative_to(book))
    _sync_file(layout.root / "_toc.yml", src / "_toc.yml")
    config = yaml.safe_load((layout.root / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config["sphinx"]["config"]
    sphinx["version"] = sphinx["release"] = edition
    sphinx["html_theme_options"]["switcher"] = {"json_url": "/switcher.json", "version_match": edition}
    if review:
        config["html"]["comments"]["hypothesis"] = True
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    if not (src / "_config.yml").exists() or (src / "_config.yml").read_text(encoding="utf-8") != text:
        (src / "_config.yml").write_text(text, encoding="utf-8")
    bundle = layout.cache / f"vega-offline-{_bundle_key()}.js"
    if not bundle.exists():
        from .charts import write_vega_bundle
        write_vega_bundle(bundle)
    _sync_file(bundle, src / "assets" / "vega-offline.js")


def _bundle_key() -> str:
    import altair
    import vl_convert
    return f"{altair.__version__}-{vl_convert.__version__}"


def _write_data_package(target: Path, dataset, layout: Layout, as_of_year: int) -> None:
    from .assess import assess_all
    from .datapackage import write_datapackage

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
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


def _run_notebooks(src: Path, layout: Layout, plan: BuildPlan, jobs: int | None) -> None:
    """Execute the notebooks whose key is not cached, in parallel; then place every notebook and
    its downloads in the source folder, rewriting only files whose content changed."""
    cache = layout.cache / "notebooks"
    missing = [t for t in plan.tasks if not (cache / t[4] / "notebook.ipynb").exists()]
    if missing:
        _execute_all(missing, layout, cache, jobs)
    downloads = src / "_extra" / "downloads"
    for name, _, out, _, key in plan.tasks:
        _sync_file(cache / key / "notebook.ipynb", src / out)
        for csv_file in sorted((cache / key / "downloads").glob("*.csv")):
            _sync_file(csv_file, downloads / csv_file.name)


def _sync_file(source: Path, target: Path) -> None:
    """Copy when the content differs, so that Sphinx sees unchanged files as unchanged."""
    data = source.read_bytes()
    if target.exists() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _execute_all(tasks: list, layout: Layout, cache: Path, jobs: int | None) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=_ensure(layout.build_dir)))
    try:
        runs = []
        for name, source, out, parameters, key in tasks:
            cwd = scratch / key
            (cwd / "_extra" / "downloads").mkdir(parents=True)
            runs.append((str(source), str(cwd / "notebook.ipynb"), str(cwd), parameters))
        # twice the cores: a kernel spends part of its start waiting, not computing (measured: 2 cores,
        # 17 notebooks, 19.3 s with 2 workers, 17.1 s with 4)
        jobs = jobs or min(len(runs), 2 * (os.cpu_count() or 1))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            errors = list(pool.map(_execute_one, runs))
        failures = [(task, run, error) for task, run, error in zip(tasks, runs, errors) if error]
        if failures:
            layout.failed.mkdir(parents=True, exist_ok=True)
            messages = []
            for (name, source, _, _, _), (_, executed, _, _), error in failures:
                kept = layout.failed / f"{name}.ipynb"
                if Path(executed).exists():
                    shutil.copy(executed, kept)
                messages.append(f"{source.relative_to(layout.root)}: {error}\n  executed notebook kept at {kept}")
            raise BuildError("notebook execution failed, nothing was published:\n" + "\n".join(messages))
        for (_, _, _, _, key), (_, executed, cwd, _) in zip(tasks, runs):
            entry = cache / key
            shutil.rmtree(entry, ignore_errors=True)
            entry.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(Path(cwd) / "_extra" / "downloads", entry / "downloads")
            shutil.copy(executed, entry / "notebook.ipynb")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class IPCKernelManager(AsyncKernelManager):
    """Kernels talk over local sockets, not TCP: kernels started side by side cannot race for
    the same TCP port ("Address already in use", a known papermill failure in parallel runs)."""

    @default("transport")
    def _default_transport(self):
        return "ipc"

    @default("ip")
    def _default_ip(self):
        return os.path.join(tempfile.gettempdir(), f"plantrack-kernel-{os.getpid()}")

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        # The kernel's own log (for example "KeyboardInterrupt caught in kernel" when papermill
        # shuts it down) is not build output; errors in cells reach the build through papermill.
        kw["stderr"] = subprocess.DEVNULL
        return await super()._async_launch_kernel(kernel_cmd, **kw)


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


def _sphinx_build(src: Path, work: Path, full: bool) -> Path:
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src),
               "--path-output", str(work), "-W", "-n", "--keep-going"] + (["--all"] if full else [])
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise BuildError(f"jupyter-book build failed, nothing was published:\n{tail}")
    return work / "_build" / "html"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_manifest(html: Path, dataset, layout: Layout, edition: str, inputs: str, as_of_year: int) -> None:
    from importlib.metadata import version

    from .assess import assess_all

    commit = subprocess.run(["git", "-C", str(layout.root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    table = assess_all(dataset, as_of_year)  # the same counts as the edition's assessment.csv
    manifest = {
        "edition": edition,
        "inputs": inputs,
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
