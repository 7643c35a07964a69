"""What the book's notebooks call: checked parameters, one report object, and the display of a
chapter, a target and the overview. What a section shows is built by view.py; its HTML comes
from the templates in plantrack/templates/."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pandas as pd
from IPython.display import HTML, display

from .assess import Assessment, assess_targets, load_assessments
from .charts import context_chart, enable_offline_renderer, scoreboard_chart, trajectory_chart
from .dataset import Dataset, load_dataset
from .edition import EXPECTED, is_edition_name
from .html import render
from .verdicts import Group, Verdict
from .view import TargetView, target_view
from .words import format_value

DOWNLOADS_URL = "../downloads"  # chapters live in chapters/, downloads in downloads/


class ParameterError(ValueError):
    pass


def check_parameters(data_dir: str, edition: str, as_of_year: int, area: Optional[str] = None,
                     dataset: Optional[Dataset] = None) -> None:
    """Papermill does not check parameters; this does, with a message naming the bad one.
    dataset: the data already loaded from data_dir, to check the area against."""
    problems = []
    if not Path(data_dir).is_dir():
        problems.append(f"data_dir={data_dir!r}: expected an existing folder with areas.yaml, targets.yaml ...")
    if not is_edition_name(edition):
        problems.append(f"edition={edition!r}: expected {EXPECTED}")
    if isinstance(as_of_year, bool) or not isinstance(as_of_year, int) or not 2015 <= as_of_year <= dt.date.today().year:
        problems.append(f"as_of_year={as_of_year!r}: expected a whole year from 2015 to {dt.date.today().year}")
    if area is not None and not problems:
        areas = (dataset or load_dataset(data_dir)).registry.areas
        if area not in areas:
            problems.append(f"area={area!r}: expected one of {', '.join(areas)}")
    if problems:
        raise ParameterError("bad notebook parameter(s): " + "; ".join(problems))


@dataclass
class Report:
    dataset: Dataset
    assessments: dict[str, Assessment]
    edition: str
    as_of_year: int
    downloads_dir: Path


def open_report(data_dir: str, edition: str, as_of_year: int, downloads_dir: str, area: Optional[str] = None,
                assessment_path: str = "") -> Report:
    """assessment_path: the build's one assessment (a notebook run on its own assesses the data itself)."""
    check_parameters(data_dir, edition, as_of_year)
    dataset = load_dataset(data_dir)
    check_parameters(data_dir, edition, as_of_year, area, dataset)
    enable_offline_renderer()
    assessments = load_assessments(assessment_path) if assessment_path else assess_targets(dataset, as_of_year)
    return Report(dataset, assessments, edition, as_of_year, Path(downloads_dir))


# --------------------------------------------------------------------------- area chapter

def area_context(report: Report, area_id: str) -> HTML:
    area = report.dataset.registry.areas[area_id]
    targets = report.dataset.registry.targets_of(area_id)
    kinds = pd.Series([t.kind for t in targets]).value_counts()
    return HTML(render("area_context.html", area=area, count=len(targets), kinds=", ".join(f"{n} {k}" for k, n in kinds.items())))


def summary_table(report: Report, area_id: str) -> HTML:
    targets = [(t, report.assessments[t.id]) for t in report.dataset.registry.targets_of(area_id)]
    return HTML(render("summary_table.html", targets=targets))


def show_area(report: Report, area_id: str) -> None:
    """Every target of the area: one section each, anchored at the target id."""
    for target in report.dataset.registry.targets_of(area_id):
        show_target(report, target.id)


def _figures_table(series) -> HTML:
    unit = series.indicator.unit
    rows = [[r.period, format_value(r.value, unit), r.qualifier, r.series, r.source]
            for r in series.figures.sort_values(["year", "series"]).itertuples()]
    return HTML(render("figures_table.html", rows=rows))


def show_target(report: Report, target_id: str) -> None:
    target = report.dataset.registry.targets[target_id]
    view = target_view(report.dataset, target, report.assessments[target_id], report.as_of_year)
    display(HTML(render("target_head.html", view=view)))
    if view.indicator is not None:
        if view.own is not None:
            display(trajectory_chart(target, view.indicator, view.assessment, view.own.figures, view.own.points))
            display(_figures_table(view.own))
        else:
            display(HTML(render("no_figures.html")))
    display(HTML(render("verdict_block.html", view=view)))
    if target.context:
        display(HTML(render("context_head.html", view=view)))
        for series in view.context:
            display(context_chart(series.indicator, series.figures))
            display(_figures_table(series))
    if view.standing:
        display(HTML(render("provinces.html", view=view)))
    display(HTML(render("evidence.html", view=view) + render("sources.html", view=view)))
    if not view.download.empty:
        display(HTML(_write_download(report, view)))


def _write_download(report: Report, view: TargetView) -> str:
    report.downloads_dir.mkdir(parents=True, exist_ok=True)
    view.download.to_csv(report.downloads_dir / f"{view.target.id}.csv", index=False, lineterminator="\n")
    return render("download.html", url=f"{DOWNLOADS_URL}/{view.target.id}.csv", target_id=view.target.id)


# --------------------------------------------------------------------------- overview

def verdict_counts(report: Report) -> dict[Group, int]:
    """Targets by verdict group, every group listed, in the scoreboard's order."""
    groups = pd.Series([a.verdict_group for a in report.assessments.values()]).value_counts()
    return {g: int(groups.get(g, 0)) for g in Group}


def show_scoreboard(report: Report) -> None:
    counts = verdict_counts(report)
    display(HTML(render("scoreboard.html", counts=list(counts.items()))))
    display(scoreboard_chart(pd.DataFrame({"verdict": [g.label for g in counts], "targets": list(counts.values())})))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def findings(report: Report) -> list[str]:
    """A few sentences on what the report finds, all from the assessment."""
    assessments = list(report.assessments.values())
    total = len(assessments)
    counts = verdict_counts(report)
    quantified = [a for a in assessments if a.kind != "milestone"]
    checked = [a for a in quantified if a.deadline_value is not None and not math.isnan(a.deadline_value)]
    checked_met = sum(a.verdict == Verdict.MET for a in checked)
    proxies = sum(a.proxy for a in assessments)
    now_met = sum(Verdict(a.status_now).is_met for a in assessments)
    return [
        f"The plan sets {_count(total, 'target')}: {len(quantified)} quantified and {total - len(quantified)} milestones.",
        f"By their deadlines, {counts[Group.MET]} were met or achieved, {counts[Group.PARTLY]} only partly or borderline, and "
        f"{counts[Group.NOT_MET]} not met; for {counts[Group.UNKNOWN]} the public record searched gives no answer, a gap in the record "
        f"rather than a verdict on the plan.",
        f"Of the {len(quantified)} quantified targets, {len(checked)} could be checked against a published figure for their "
        f"deadline year, and {checked_met} of those were met; {_count(proxies, 'target')} can only be measured through a proxy series.",
        f"Counting figures and evidence published up to {report.as_of_year}, {_count(now_met, 'target')} stand met or achieved.",
    ]


def show_findings(report: Report) -> HTML:
    return HTML(render("paragraphs.html", paragraphs=findings(report)))


def overview_table(report: Report) -> HTML:
    """Every target, area by area, each linking to its section."""
    registry = report.dataset.registry
    areas = [(area, [(t, report.assessments[t.id]) for t in registry.targets_of(area.id)]) for area in registry.areas.values()]
    return HTML(render("overview_table.html", areas=[(area, targets) for area, targets in areas if targets]))


def where_zhejiang_stands(report: Report) -> HTML:
    """Every series with an all-province table: Zhejiang's rank and share in its first and latest year."""
    from .provinces import zhejiang_standing

    table = zhejiang_standing(report.dataset)
    table = table[table["year"] <= report.as_of_year]
    rows = []
    for indicator_id, group in table.groupby("indicator_id", sort=False):
        first, last = group.iloc[0], group.iloc[-1]
        indicator = report.dataset.registry.indicators[indicator_id]
        share = "" if pd.isna(last.share) else f"{last.share:.1f}%"
        rows.append([indicator.name_en, f"{int(last.year)}", format_value(last.value, last.unit), last.rank_note,
                     share or "no share", f"{int(first.year)}: {first.rank_note}"])
    return HTML(render("where_zhejiang_stands.html", rows=rows))
