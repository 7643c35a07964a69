"""The pages that only lay out data (sources, coverage, what changed, methodology): written as
plain MyST at assemble time from pages/<name>.md, with no kernel to start."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import assess
from .dataset import Dataset
from .html import render
from .words import plural, search_summary, source_title

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"


def bibliography(dataset: Dataset):
    s = dataset.sources.sort_values(["publisher", "published", "source_id"])
    counts = dataset.observations["source_id"].value_counts().add(dataset.evidence.evidence["source_id"].value_counts(), fill_value=0)
    sources = [dict(row._asdict(), title=source_title(row.title, row.publisher), count=int(counts.get(row.source_id, 0))) for row in s.itertuples()]
    from .coverage import source_mix

    return render("bibliography.html", sources=sources, mix=source_mix(dataset))


def coverage(dataset: Dataset):
    from .coverage import coverage_summary, coverage_table

    table = coverage_table(dataset)
    return render("coverage.html", rows_in=list(table.itertuples()), summary=coverage_summary(table))


def changes(dataset: Dataset, table: pd.DataFrame, edition: str, previous: str, previous_data: Optional[Path]):
    from .changes import compare_editions

    if not previous:
        return render("changes.html", previous="", edition=edition, changes=None, sections=[])
    found = compare_editions(previous_data, dataset.observations, dataset.sources, table)

    def rows(frame: pd.DataFrame, columns: list[str]) -> list[list[str]]:
        return [[str(getattr(r, c)) for c in columns] for r in frame.itertuples()]

    revised = [[r.indicator_id, r.period, r.source_id, f"{r.value_old} {r.unit_old} → {r.value_new} {r.unit_new}"]
               for r in found.revised.itertuples()]
    verdicts = [[r.target_id, f"{r.verdict_old} → {r.verdict_new}", f"{r.status_now_old} → {r.status_now_new}"]
                for r in found.verdicts.itertuples()]
    figure = ["Indicator", "Period", "Value", "Unit", "Source"]
    figure_columns = ["indicator_id", "period", "value", "unit", "source_id"]
    sections = [
        ("Figures added", figure, rows(found.added, figure_columns)),
        ("Figures revised", ["Indicator", "Period", "Source", "Old → new"], revised),
        ("Figures removed", figure, rows(found.removed, figure_columns)),
        ("Verdicts changed", ["Target", "Verdict at deadline", "Status now"], verdicts),
        ("New sources", ["Id", "Publisher", "Title"], rows(found.new_sources, ["source_id", "publisher", "title"])),
    ]
    return render("changes.html", previous=previous, edition=edition, changes=found, sections=sections)


def method_constants():
    rows = [
        ["Significant progress", f"ratio ≥ {assess.SIGNIFICANT:.2f}"],
        ["Moderate progress", f"{assess.MODERATE:.2f} ≤ ratio < {assess.SIGNIFICANT:.2f}"],
        ["Insufficient progress", f"0 ≤ ratio < {assess.MODERATE:.2f}"],
        ["Moving away", "ratio < 0"],
        ["Borderline band for approximate figures", f"within {assess.BORDERLINE_BAND:.0%} of the threshold"],
        ["Tolerance of \"about N\" targets", f"met from N × (1 − {assess.ABOUT_TOLERANCE:.0%})"],
        ["Sources in conflict", f"figures for one period differing by more than {assess.CONFLICT_SHARE:.1%}"],
        ["Projection interval", f"{assess.CONFIDENCE:.0%} confidence interval of the trend's slope (Student's t)"],
    ]
    return render("method_constants.html", rows=rows, header=["Rule", "Value"])


def evidence_rules():
    """The record rule table of grading.py, as the methodology page prints it."""
    from .grading import rule_table

    rows = rule_table()
    return render("method_constants.html", rows=[[r["order"], r["when the record's grades are"], r["it counts as"], r["because"]] for r in rows],
                  header=["Order", "When the record's grades are", "It counts as", "Because"])


def search_log_summary(dataset: Dataset) -> str:
    """What the search log holds, in a sentence: queries, languages, outcomes, targets covered."""
    from .coverage import searches_for

    logged = dataset.evidence.searches
    if logged.empty:
        return "No search is logged in this edition."
    targets = sum(not searches_for(dataset, t).empty for t in dataset.registry.targets.values())
    nothing = int((logged["outcome"] != "found").sum())
    return (f"This edition logs {search_summary(logged)}; {nothing} found nothing or nothing relevant. "
            f"{plural(targets, 'target')} of {len(dataset.registry.targets)} have searches logged for them.")


def lay_out_pages(dataset: Dataset, table: pd.DataFrame, edition: str, previous: str, previous_data: Optional[Path]) -> dict[str, str]:
    """Page name -> MyST text; the build writes each page only when its text changed."""
    bodies = {
        "sources": bibliography(dataset),
        "coverage": coverage(dataset),
        "changes": changes(dataset, table, edition, previous, previous_data),
        "methodology": method_constants(),
    }
    # MyST, not HTML: the page's own prose is not escaped; the body is HTML already escaped
    env = Environment(loader=FileSystemLoader(PAGES_DIR), autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
    rules = evidence_rules()
    searched = search_log_summary(dataset)
    return {name: env.get_template(f"{name}.md").render(body=body, confidence=f"{assess.CONFIDENCE:.0%}", rules=rules, searched=searched)
            for name, body in bodies.items()}
