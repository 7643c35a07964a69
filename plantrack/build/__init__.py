"""Build one edition of the book, stage by stage: plan, execute, assemble, publish.

One build at a time per build folder (lock.py). The data is loaded and assessed once; every stage
receives what it needs. Nothing under the site folder changes until the edition is complete and
checked against its manifest; a failure leaves every published edition untouched and keeps the
failed notebook for inspection. A failure the build does not foresee is a BuildError naming the
step, with its traceback in a log file.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

from ..assess import assess_targets, assessment_table, save_assessments
from ..consistency import check_all
from ..dataset import load_dataset
from ..errorlog import log_traceback
from ..i18n import LANGUAGE, LANGUAGES, language
from ..issues import DataError
from ..pages import lay_out_pages
from .assemble import assemble_source, bundle_key, sphinx_builds
from .execute import BuildError, IPCKernelManager, run_notebooks
from .lock import build_lock
from .plan import PAGES, Layout, Task, plan_build
from .publish import edition_manifest, edition_problems, publish, recover_site, site_obstacle, write_data_package

__all__ = ["BuildError", "IPCKernelManager", "Layout", "PAGES", "Task", "build_edition"]

BUILDING = ".building"  # in the work folder while a build uses it: a killed build leaves it behind


def refuse_contradictions(dataset, assessments) -> None:
    """No edition is built whose pages would contradict themselves (see consistency.py)."""
    found = check_all(dataset, assessments)
    if found:
        raise BuildError("statements on the pages would contradict each other, nothing was built or published:\n"
                         + "\n".join(f"  - {c}" for c in found))


def build_edition(edition: str, layout: Layout = Layout(), as_of_year: int | None = None, review: bool = False,
                  jobs: int | None = None, wait: float = 0.0, languages: tuple[str, ...] = LANGUAGES):
    """Build the edition and publish it under site/<edition>; return that folder. Every edition is
    built in every language; `languages` lets `make bench` measure a build in fewer, to compare.

    Another build of the same build folder running: wait up to `wait` seconds, then BuildError.
    The edition's work folder keeps Sphinx's state between builds, and notebooks whose inputs
    did not change are taken from the cache; the site is written only after every step succeeded.
    """
    from ..chapter import ParameterError, check_parameters  # the notebooks' own check, before any work

    as_of_year = as_of_year or dt.date.today().year
    try:
        check_parameters(str(layout.data_dir), edition, as_of_year)
    except ParameterError as exc:
        raise BuildError(f"{exc}; nothing was built or published") from None
    with build_lock(layout.build_dir, edition, wait):
        progress = {"step": "clean up after an earlier build"}  # the step running, for the message of a fault
        try:
            recover_site(layout.site)
            for scratch in layout.build_dir.glob("run-*"):  # notebook runs of a killed build
                shutil.rmtree(scratch, ignore_errors=True)
            return _build(edition, layout, as_of_year, review, jobs, lambda name: progress.update(step=name), languages)
        except BuildError:
            raise
        except Exception as exc:
            step = progress["step"]
            log = log_traceback(f"build-{step}", exc)
            raise BuildError(f"step '{step}' failed ({type(exc).__name__}: {str(exc)[:160]}); nothing was published.\n"
                             f"  The traceback is in {log}: if it names a file or folder, check that it can be written; "
                             "otherwise report it with that file.") from None


def needs_full_build(work, static: str) -> bool:
    """Whether Sphinx must build every page: no earlier build in the work folder, one whose book,
    configuration or package differ, or one that was killed (its marker is still there)."""
    try:
        return (work / BUILDING).exists() or json.loads((work / "inputs.json").read_text(encoding="utf-8"))["static"] != static
    except (OSError, ValueError, KeyError, TypeError):
        return True


def _build(edition: str, layout: Layout, as_of_year: int, review: bool, jobs: int | None, step, languages: tuple[str, ...]) -> object:
    obstacle = site_obstacle(layout.site, edition)  # found now rather than after minutes of work; publish checks again
    if obstacle:
        raise BuildError(f"publish: {obstacle}; nothing was built and no published edition was changed")
    step("load data")
    try:
        dataset = load_dataset(layout.data_dir)
    except DataError as exc:
        raise BuildError(f"invalid data, nothing was built or published:\n{exc.report()}") from None
    step("plan")
    work = layout.build_dir / "work" / edition
    plan = plan_build(layout, dataset, edition, as_of_year, review, bundle_key(), work / "assessment.json", languages)
    published = layout.site / edition
    if ((published / "manifest.json").exists() and not edition_problems(published)
            and json.loads((published / "manifest.json").read_text(encoding="utf-8")).get("inputs") == plan.inputs):
        return published  # nothing changed since this edition was published, and it is complete
    fresh = needs_full_build(work, plan.static)
    if fresh:
        shutil.rmtree(work, ignore_errors=True)
    try:
        work.mkdir(parents=True, exist_ok=True)
        (work / BUILDING).touch()
        step("assess")
        assessments = assess_targets(dataset, as_of_year)  # the one assessment of this build
        refuse_contradictions(dataset, assessments)
        save_assessments(assessments, work / "assessment.json")
        table = assessment_table(assessments)
        previous_data = layout.site / plan.previous / "data" if plan.previous else None
        sources = {code: work / code / "src" for code in languages}  # one Sphinx project per language
        for code, src in sources.items():
            step(f"lay out the data pages ({code})")
            with language(code):
                laid_out = lay_out_pages(dataset, table, edition, plan.previous, previous_data)
            step(f"assemble the book source ({code})")
            assemble_source(src, layout, edition, review, plan.areas, laid_out, code)
        step("execute the notebooks")
        run_notebooks(sources, layout, plan, jobs)
        step("jupyter-book build")
        html = sphinx_builds({code: (src, work / code) for code, src in sources.items()}, full=fresh)
        (work / "inputs.json").write_text(json.dumps({"static": plan.static}), encoding="utf-8")
        (work / BUILDING).unlink()
        step("publish")
        manifest = edition_manifest(layout, edition, plan.inputs, table)

        def complete(folder):
            """The other languages' books in their folders, the downloads of each and the one data
            package, written into the edition after Sphinx: Sphinx may skip copying
            html_extra_path when no page is out of date."""
            for code, src in sources.items():
                book = folder / LANGUAGE[code].folder
                if LANGUAGE[code].folder:
                    shutil.copytree(html[code], book)
                shutil.rmtree(book / "downloads", ignore_errors=True)
                shutil.copytree(src / "_extra" / "downloads", book / "downloads")
            write_data_package(folder / "data", layout, table, dataset)

        return publish(html[languages[0]], layout.site, edition, manifest, complete)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)  # a half-built work folder must not seed the next build
        raise
