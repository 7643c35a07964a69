"""Execute: run the notebooks whose key is not cached with papermill, in parallel kernels, and
clean the executed notebooks so that rebuilds give identical files."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

from ..i18n import LANGUAGES, OUTPUT_MIME, SOURCE, translate_markdown
from .plan import BuildPlan, Layout, Task


class BuildError(Exception):
    pass


@dataclass(frozen=True)
class Run:
    """What one worker process needs to execute one notebook."""
    source: str
    heading: str
    out: str
    cwd: str
    parameters: dict


def run_notebooks(sources: dict[str, Path], layout: Layout, plan: BuildPlan, jobs: int | None) -> None:
    """Execute the notebooks whose key is not cached, in parallel, once for every language; then
    place each notebook in each language's source folder (sources: language -> folder), in that
    language, with its downloads, rewriting only files whose content changed."""
    cache = layout.cache / "notebooks"
    missing = [t for t in plan.tasks if not (cache / t.key / "notebook.ipynb").exists()]
    if missing:
        _execute_all(missing, layout, cache, jobs)
    for code, src in sources.items():
        downloads = src / "_extra" / "downloads"
        for task in plan.tasks:
            notebook = nbformat.read(cache / task.key / "notebook.ipynb", as_version=4)
            localized = localize_notebook(notebook, code, task.headings.get(code, ""), str(task.source.relative_to(layout.root)))
            sync_bytes(nbformat.writes(localized).encode(), src / task.output)
            for csv_file in sorted((cache / task.key / "downloads").glob("*.csv")):
                sync_file(csv_file, downloads / csv_file.name)


def localize_notebook(notebook, code: str, heading: str = "", where: str = ""):
    """The executed notebook as the book of language `code` shows it: every display's rendering in
    that language (see i18n.Bilingual), the other languages' renderings dropped, the markdown
    translated block by block and the opening replaced by `heading` when there is one. The
    notebook is executed once; this only chooses among its outputs."""
    notebook = nbformat.from_dict(notebook)  # a copy: the cached notebook serves every language
    mimes = {c: OUTPUT_MIME.format(code=c) for c in LANGUAGES if c != SOURCE}
    first = True
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = heading if first and heading else translate_markdown(cell.source, code, where)
            first = False
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            if code != SOURCE and mimes[code] in data:
                data["text/html"] = data[mimes[code]]
            for mime in mimes.values():
                data.pop(mime, None)
    return notebook


def sync_file(source: Path, target: Path) -> None:
    """Copy when the content differs, so that Sphinx sees unchanged files as unchanged."""
    sync_bytes(source.read_bytes(), target)


def sync_bytes(data: bytes, target: Path) -> None:
    if target.exists() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _execute_all(tasks: list[Task], layout: Layout, cache: Path, jobs: int | None) -> None:
    layout.build_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=layout.build_dir))
    try:
        runs = []
        for task in tasks:
            cwd = scratch / task.key
            (cwd / "_extra" / "downloads").mkdir(parents=True)
            runs.append(Run(str(task.source), task.headings.get(SOURCE, ""), str(cwd / "notebook.ipynb"), str(cwd), task.parameters))
        # twice the cores: a kernel spends part of its start waiting, not computing (measured: 2 cores,
        # 17 notebooks, 19.3 s with 2 workers, 17.1 s with 4)
        jobs = jobs or min(len(runs), 2 * (os.cpu_count() or 1))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            errors = list(pool.map(_execute_one, runs))
        failures = [(task, run, error) for task, run, error in zip(tasks, runs, errors) if error]
        if failures:
            layout.failed.mkdir(parents=True, exist_ok=True)
            messages = []
            for task, run, error in failures:
                kept = layout.failed / f"{task.name}.ipynb"
                if Path(run.out).exists():
                    shutil.copy(run.out, kept)
                messages.append(f"{task.source.relative_to(layout.root)} ({task.name}): {error}\n  executed notebook kept at {kept}")
            raise BuildError("notebook execution failed, nothing was published:\n" + "\n".join(messages))
        for task, run in zip(tasks, runs):
            entry = cache / task.key
            shutil.rmtree(entry, ignore_errors=True)
            entry.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(Path(run.cwd) / "_extra" / "downloads", entry / "downloads")
            shutil.copy(run.out, entry / "notebook.ipynb")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


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


def read_template(source: str | Path, heading: str = ""):
    """The notebook of a template; `heading` replaces its first markdown cell (an area chapter's
    title and introduction come from data/areas.yaml, not from the template)."""
    notebook = jupytext.read(source)
    if heading:
        first = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
        first.source = heading
    return notebook


def _execute_one(run: Run) -> str:
    """Run one notebook with papermill; return '' or a message naming the failing cell."""
    import papermill as pm

    Path(run.out).parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(read_template(run.source, run.heading), run.out, parameters=run.parameters, kernel_name="python3",
                            progress_bar=False, cwd=run.cwd, log_output=False, kernel_manager_class=IPCKernelManager)
    except pm.PapermillExecutionError as exc:
        return f"cell {exc.exec_count} raised {exc.ename}: {exc.evalue}"
    except Exception as exc:  # kernel died, bad notebook: report rather than hang the pool
        return f"{type(exc).__name__}: {exc}"
    finally:
        if Path(run.out).exists():
            _hide_parameter_cells(Path(run.out))
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
