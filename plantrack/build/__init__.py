"""Build one edition of the book, stage by stage: plan, execute, assemble, publish.

The data is loaded and assessed once; every stage receives what it needs. Nothing is written
under the site folder until every stage has succeeded; a failure leaves every published edition
untouched and keeps the failed notebook for inspection.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

from ..assess import assess_targets, assessment_table, save_assessments
from ..consistency import check_all
from ..dataset import load_dataset
from ..issues import DataError
from ..pages import lay_out_pages
from .assemble import assemble_source, bundle_key, sphinx_build
from .execute import BuildError, IPCKernelManager, run_notebooks
from .plan import PAGES, Layout, Task, plan_build
from .publish import publish, write_data_package, write_manifest

__all__ = ["BuildError", "IPCKernelManager", "Layout", "PAGES", "Task", "build_edition"]


def refuse_contradictions(dataset, assessments) -> None:
    """No edition is built whose pages would contradict themselves (see consistency.py)."""
    found = check_all(dataset, assessments)
    if found:
        raise BuildError("statements on the pages would contradict each other, nothing was built or published:\n"
                         + "\n".join(f"  - {c}" for c in found))


def build_edition(edition: str, layout: Layout = Layout(), as_of_year: int | None = None, review: bool = False,
                  jobs: int | None = None):
    """Build the edition and publish it under site/<edition>; return that folder.

    The edition's work folder keeps Sphinx's state between builds, and notebooks whose inputs
    did not change are taken from the cache; the site is written only after every step succeeded.
    """
    from ..chapter import check_parameters  # the notebooks' own check, before any work

    as_of_year = as_of_year or dt.date.today().year
    try:
        dataset = load_dataset(layout.data_dir)
    except DataError as exc:
        raise BuildError(f"invalid data, nothing was built or published:\n{exc.report()}") from None
    check_parameters(str(layout.data_dir), edition, as_of_year)
    work = layout.build_dir / "work" / edition
    plan = plan_build(layout, dataset, edition, as_of_year, review, bundle_key(), work / "assessment.json")
    published = layout.site / edition / "manifest.json"
    if published.exists() and json.loads(published.read_text(encoding="utf-8")).get("inputs") == plan.inputs:
        return layout.site / edition  # nothing changed since this edition was published
    fresh = not (work / "inputs.json").exists() or json.loads((work / "inputs.json").read_text())["static"] != plan.static
    if fresh:
        shutil.rmtree(work, ignore_errors=True)
    try:
        work.mkdir(parents=True, exist_ok=True)
        assessments = assess_targets(dataset, as_of_year)  # the one assessment of this build
        refuse_contradictions(dataset, assessments)
        save_assessments(assessments, work / "assessment.json")
        table = assessment_table(assessments)
        src = work / "src"
        previous_data = layout.site / plan.previous / "data" if plan.previous else None
        laid_out = lay_out_pages(dataset, table, edition, plan.previous, previous_data)
        assemble_source(src, layout, edition, review, plan.areas, laid_out)
        write_data_package(src / "_extra" / "data", layout, table, dataset)
        run_notebooks(src, layout, plan, jobs)
        html = sphinx_build(src, work, full=fresh)
        write_manifest(html, layout, edition, plan.inputs, table)
        (work / "inputs.json").write_text(json.dumps({"static": plan.static}), encoding="utf-8")
        return publish(html, layout.site, edition)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)  # a half-built work folder must not seed the next build
        raise
