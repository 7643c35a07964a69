"""make bench: build times on the real data, measured as the median of several runs.

A script, not a test: it prints figures and asserts nothing. Everything it builds goes into a
temporary folder; data/ is only read.

    python scripts/bench.py [--runs 3] [--scale 10]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import papermill as pm
import yaml

from plantrack.assess import assess_targets, assessment_table, save_assessments
from plantrack.build import IPCKernelManager, Layout, build_edition
from plantrack.build.assemble import assemble_source, bundle_key
from plantrack.build.execute import read_template
from plantrack.build.plan import ROOT, plan_build
from plantrack.dataset import load_dataset
from plantrack.i18n import LANGUAGES
from plantrack.pages import lay_out_pages

EDITION = "2026.11"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(runs: int, prepare, action) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        prepare()
        times.append(timed(action))
    return statistics.median(times), times


def fresh_layout(base: Path, data: Path) -> Layout:
    return Layout(root=ROOT, data_dir=data, build_dir=base / "_build", cache=base / "cache")


def reset(layout: Layout) -> None:
    shutil.rmtree(layout.build_dir, ignore_errors=True)
    shutil.rmtree(layout.cache / "notebooks", ignore_errors=True)


def change_one_observation(data: Path, run: int) -> str:
    """Revise the first figure, value and quote together, differently in every run (a change made
    before would find its notebooks in the cache and measure nothing)."""
    path = data / "observations.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    row = rows[0]
    old = row["value"]
    new = f"{old}{run + 1}" if "." in old else f"{old}.{run + 1}"
    row["value"], row["quote"] = new, row["quote"].replace(old, new, 1)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return f"{row['indicator_id']} {row['period']}: {old} -> {new}"


def naive_pipeline(base: Path, data: Path, cache: Path) -> None:
    """The same stages without the cache and the way a bilingual book is made naively: for each
    language, every notebook through papermill in turn, then a full jupyter-book build."""
    from plantrack.build.execute import localize_notebook
    from plantrack.i18n import LANGUAGES, language
    import nbformat

    naive = base / "naive"
    shutil.rmtree(naive, ignore_errors=True)
    naive.mkdir(parents=True)
    layout = Layout(root=ROOT, data_dir=data, build_dir=naive / "_build", cache=cache)  # the chart library only
    dataset = load_dataset(data)
    plan = plan_build(layout, dataset, EDITION, 2026, False, bundle_key(), naive / "assessment.json")
    assessments = assess_targets(dataset, 2026)
    save_assessments(assessments, naive / "assessment.json")
    for code in LANGUAGES:
        src = naive / code / "src"
        with language(code):
            pages = lay_out_pages(dataset, assessment_table(assessments), EDITION, "", None)
        assemble_source(src, layout, EDITION, False, plan.areas, pages, code)
        for task in plan.tasks:
            out = src / task.output
            out.parent.mkdir(parents=True, exist_ok=True)
            pm.execute_notebook(read_template(task.source, task.headings.get("en", "")), str(out), parameters=task.parameters,
                                kernel_name="python3", progress_bar=False, cwd=str(src), kernel_manager_class=IPCKernelManager)
            nbformat.write(localize_notebook(nbformat.read(out, as_version=4), code, task.headings.get(code, "")), out)
        subprocess.run([sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src),
                        "--path-output", str(naive / code), "--all"], check=True, capture_output=True)


class _NoAliases(yaml.SafeDumper):
    """The data files refuse YAML anchors and aliases, so copies are written out in full."""

    def ignore_aliases(self, data):
        return True


def synthetic_plan(data: Path, target: Path, factor: int) -> int:
    """A plan `factor` times larger: every target, indicator, figure and evidence record copied
    under new ids. Built only in a temporary folder."""
    shutil.copytree(data, target)
    targets = yaml.safe_load((data / "targets.yaml").read_text(encoding="utf-8"))
    indicators = yaml.safe_load((data / "indicators.yaml").read_text(encoding="utf-8"))
    out_targets, out_indicators = list(targets), list(indicators)
    for copy in range(2, factor + 1):
        suffix = f"-x{copy}"
        for t in targets:
            t2 = dict(t, id=t["id"] + suffix)
            if t.get("indicator"):
                t2["indicator"] = t["indicator"] + suffix
            if t.get("context"):
                t2["context"] = [c + suffix for c in t["context"]]
            if t.get("former_ids"):
                t2["former_ids"] = [f + suffix for f in t["former_ids"]]
            out_targets.append(t2)
        out_indicators += [dict(i, id=i["id"] + suffix) for i in indicators]
    for name, entries in (("targets.yaml", out_targets), ("indicators.yaml", out_indicators)):
        text = yaml.dump(entries, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
        (target / name).write_text(text, encoding="utf-8")
    def record_id(old: str, copy: int) -> str:
        return f"ev-{copy}{old.removeprefix('ev-')}"  # more digits than any original id: unique

    copied = {  # file -> how a copy of a row differs from the row
        "observations.csv": lambda r, c: {"indicator_id": r["indicator_id"] + f"-x{c}"},
        "evidence.csv": lambda r, c: {"target_id": r["target_id"] + f"-x{c}", "record_id": record_id(r["record_id"], c)},
        "evidence_readings.csv": lambda r, c: {"record_id": record_id(r["record_id"], c)},
        "searches.csv": lambda r, c: {"subject": r["subject"] + f"-x{c}"},
    }
    for name, change in copied.items():
        with (data / name).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        columns = list(rows[0]) if rows else []
        grown = list(rows) + [dict(r, **change(r, c)) for c in range(2, factor + 1) for r in rows]
        with (target / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(grown)
    return len(out_targets)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-"))
    print(f"machine: {os.cpu_count()} cores; runs per figure: {args.runs}; working in {base}")
    try:
        data = base / "data"
        shutil.copytree(ROOT / "data", data)
        layout = fresh_layout(base, data)

        def build(languages=LANGUAGES) -> None:
            build_edition(EDITION, layout, as_of_year=2026, languages=languages)

        def line(name: str, median: float, runs: list[float], note: str = "") -> None:
            print(f"{name:<34} median {median:6.1f} s   runs {', '.join(f'{t:.1f}' for t in runs)}   {note}", flush=True)

        english = ("en",)
        clean_en, runs = median_of(args.runs, lambda: reset(layout), lambda: build(english))
        line("clean build, English only", clean_en, runs)
        clean, clean_runs = median_of(args.runs, lambda: reset(layout), build)
        line("clean build, both languages", clean, clean_runs, f"= {clean / clean_en:.2f} x English only (aim <= 1.3)")
        noop, noop_runs = median_of(args.runs, lambda: None, build)
        line("no-op rebuild, both languages", noop, noop_runs, "(aim <= 2 s)")
        pristine = (data / "observations.csv").read_bytes()

        def one_figure(languages) -> tuple[float, list[float], list[str]]:
            changes = []

            def restore_and_build() -> None:
                (data / "observations.csv").write_bytes(pristine)
                build(languages)

            median, runs = median_of(args.runs, lambda: (restore_and_build(), changes.append(change_one_observation(data, len(changes)))),
                                     lambda: build(languages))
            return median, runs, changes

        reset(layout)
        one_en, runs, _ = one_figure(english)
        line("one figure changed, English only", one_en, runs)
        reset(layout)
        one, one_runs, changes = one_figure(LANGUAGES)
        line("one figure changed, both languages", one, one_runs, f"= {one / one_en:.2f} x English only (aim <= 1.3; changed {changes[-1]})")
        clean_over_en = clean / clean_en
        (data / "observations.csv").write_bytes(pristine)
        naive, naive_runs = median_of(args.runs, lambda: None, lambda: naive_pipeline(base, data, layout.cache))

        chapters = sorted((layout.site / EDITION / "chapters").glob("*.html"), key=lambda p: p.stat().st_size)
        largest = chapters[-1]
        bundle = layout.site / EDITION / "_static" / "vega-offline.js"

        line("naive pipeline, both languages", naive, naive_runs, "(every notebook executed once per language)")
        print(f"clean / naive                      {clean / naive:6.2f}   (aim <= 0.6); clean bilingual / English only {clean_over_en:.2f}")
        print(f"largest chapter HTML     {largest.stat().st_size / 1024:6.0f} KB  ({largest.name}; aim < 400 KB)")
        print(f"chart library            {bundle.stat().st_size / 1024:6.0f} KB  loaded once per site from _static/, cached by the browser")

        sizes = []
        for factor in (1, args.scale):
            grown = base / f"plan-x{factor}"
            n = synthetic_plan(ROOT / "data", grown, factor)
            grown_layout = fresh_layout(base / f"build-x{factor}", grown)
            seconds = timed(lambda: build_edition(EDITION, grown_layout, as_of_year=2026))
            sizes.append((factor, n, seconds))
            print(f"synthetic plan x{factor:<3}      {n:5d} targets, clean build {seconds:6.1f} s, {seconds / n * 1000:6.0f} ms per target")
        (f1, n1, s1), (f2, n2, s2) = sizes
        print(f"growth                   {s2 / s1:6.2f}x time for {n2 / n1:.0f}x targets")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
