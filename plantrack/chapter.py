"""What the book's notebooks call: checked parameters, one report object, and the display of a
chapter, a target and the overview. What a section shows is built by view.py; its HTML comes
from the templates in plantrack/templates/."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pandas as pd
from IPython.display import display
from markupsafe import Markup

from . import scoreboard
from .assess import Assessment, assess_targets, load_assessments
from .charts import Figure, chart_html, enable_offline_renderer, make_figures
from .dataset import Dataset, load_dataset
from .edition import EXPECTED, is_edition_name
from .coverage import searches_for
from .html import render
from .i18n import LANGUAGES, Bilingual, _, current, local, pgettext
from .verdicts import Group
from .view import TargetView, kind_words, target_view
from .words import corpus_words, format_value, in_words

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
    repository_url: str = ""  # the project's repository: each target gets an "open an issue" link


def open_report(data_dir: str, edition: str, as_of_year: int, downloads_dir: str, area: Optional[str] = None,
                assessment_path: str = "", repository_url: str = "") -> Report:
    """assessment_path: the build's one assessment (a notebook run on its own assesses the data itself);
    repository_url: the project's repository (_config.yml repository.url), '' for none."""
    check_parameters(data_dir, edition, as_of_year)
    dataset = load_dataset(data_dir)
    check_parameters(data_dir, edition, as_of_year, area, dataset)
    enable_offline_renderer()
    assessments = load_assessments(assessment_path) if assessment_path else assess_targets(dataset, as_of_year)
    return Report(dataset, assessments, edition, as_of_year, Path(downloads_dir), (repository_url or "").strip().rstrip("/"))


# --------------------------------------------------------------------------- area chapter

def show(render_html) -> None:
    """Display what `render_html()` writes, in every language (one execution, one output)."""
    display(Bilingual(render_html))


def area_context(report: Report, area_id: str) -> Bilingual:
    area = report.dataset.registry.areas[area_id]
    targets = report.dataset.registry.targets_of(area_id)
    kinds = pd.Series([t.kind for t in targets]).value_counts()

    def kinds_words() -> str:  # '3 milestone, 2 threshold'; Chinese '定性目标3项、数值目标2项'
        return pgettext("list of kinds", ", ").join(pgettext("targets of a kind", "{n} {kind}").format(n=n, kind=kind_words(k)) for k, n in kinds.items())

    return Bilingual(lambda: render("area_context.html", area=area, count=len(targets), kinds=kinds_words()))


def summary_table(report: Report, area_id: str) -> Bilingual:
    targets = [(t, report.assessments[t.id]) for t in report.dataset.registry.targets_of(area_id)]
    return Bilingual(lambda: render("summary_table.html", targets=targets))


def show_area(report: Report, area_id: str) -> None:
    """Every target of the area: one section each, anchored at the target id."""
    for target in report.dataset.registry.targets_of(area_id):
        show_target(report, target.id)


def search_log(report: Report, area_id: str) -> Bilingual:
    """The chapter's appendix: every search logged for its targets, one collapsed list per target,
    counted by the same function as the coverage page."""
    targets = [(t, searches_for(report.dataset, t)) for t in report.dataset.registry.targets_of(area_id)]
    codes = sorted({c for _t, s in targets for c in s["corpus"]})
    # where the chapter searched more than one collection, each query names its own
    return Bilingual(lambda: render("search_log.html", targets=[(t, s) for t, s in targets if not s.empty],
                                    corpus=in_words(sorted(corpus_words(c) for c in codes)), collections=len(codes),
                                    corpus_of=corpus_words if len(codes) > 1 else None))


def figure_html(figure: Figure) -> str:
    """A figure card, or a chart with its Chart, Table and Sources tabs."""
    chart = "" if figure.is_card else Markup(chart_html(figure.spec, figure.label, f"{figure.key}-description"))
    return render("figure.html", figure=figure, chart_html=chart)


def figures_in_every_language(report: Report, view: TargetView) -> dict[str, list[Figure]]:
    """Language code -> the target's own figure (with its target, baseline and paths) and one per
    context series; each chart is built once and written in every language (charts.make_figures)."""
    sources = report.dataset.sources
    made = []
    if view.own is not None:
        made.append(make_figures(view.target.id, view.indicator, view.own.figures, sources, view.target, view.assessment, view.own.points))
    made += [make_figures(f"{view.target.id}-{s.indicator.id}", s.indicator, s.figures, sources) for s in view.context]
    return {code: [figures[code] for figures in made] for code in LANGUAGES}


def target_figures(report: Report, view: TargetView) -> list[Figure]:
    """The target's figures in the page's language."""
    return figures_in_every_language(report, view)[current()]


def show_target(report: Report, target_id: str) -> None:
    """The target's section. The view is computed once and writes its words in the language being
    rendered; the figures are made once, in every language."""
    target = report.dataset.registry.targets[target_id]
    view = target_view(report.dataset, target, report.assessments[target_id], report.as_of_year, report.repository_url, report.edition)
    made: dict[str, list[Figure]] = {}

    def figures() -> list[Figure]:  # in the language being rendered
        if not made:
            made.update(figures_in_every_language(report, view))
        return made[current()]

    show(lambda: render("target_head.html", view=view))
    if view.indicator is not None:
        if view.own is not None:
            show(lambda: figure_html(figures()[0]))
        else:
            show(lambda: render("no_figures.html"))
    show(lambda: render("verdict_block.html", view=view))
    if target.context:
        show(lambda: render("context_head.html", view=view))
        first = 1 if view.own is not None else 0  # figures(): the own figure, then one per context series
        for number in range(first, first + len(view.context)):
            show(lambda number=number: figure_html(figures()[number]))
    if view.standing:
        show(lambda: render("provinces.html", view=view))
    show(lambda: render("evidence.html", view=view) + render("sources.html", view=view))
    if not view.download.empty:
        _write_download(report, view)
        show(lambda: render("download.html", url=f"{DOWNLOADS_URL}/{view.target.id}.csv", target_id=view.target.id))


def _write_download(report: Report, view: TargetView) -> None:
    report.downloads_dir.mkdir(parents=True, exist_ok=True)
    view.download.to_csv(report.downloads_dir / f"{view.target.id}.csv", index=False, lineterminator="\n")


# --------------------------------------------------------------------------- overview

def show_scoreboard(report: Report) -> None:
    """Targets by verdict group, at the deadline and now, quantified targets beside milestones."""
    rows = scoreboard.scoreboard(report.assessments)

    def bars():
        return [(title, [(r["group"], r[column]) for r in rows])
                for title, column in ((pgettext("scoreboard bar", "At the deadlines"), "deadline"), (pgettext("scoreboard bar", "Now"), "now"))]

    show(lambda: render("scoreboard.html", rows=rows, bars=bars()))


def show_findings(report: Report) -> Bilingual:
    return Bilingual(lambda: render("paragraphs.html", paragraphs=scoreboard.headline_findings(report.dataset.registry, report.assessments, report.as_of_year),
                       css="headline-findings"))


def area_matrix(report: Report) -> Bilingual:
    """Areas by verdict group at the deadline, each area linking to its chapter."""
    return Bilingual(lambda: render("area_matrix.html", rows=scoreboard.area_matrix(report.dataset.registry, report.assessments), groups=list(Group)))


def quality_grades(report: Report) -> Bilingual:
    return Bilingual(lambda: render("quality_grades.html", rows=scoreboard.quality_rows(report.assessments), caveats=scoreboard.quality_caveats()))


def overview_table(report: Report) -> Bilingual:
    """Every target, area by area, each linking to its section."""
    registry = report.dataset.registry
    areas = [(area, [(t, report.assessments[t.id]) for t in registry.targets_of(area.id)]) for area in registry.areas.values()]
    return Bilingual(lambda: render("overview_table.html", areas=[(area, targets) for area, targets in areas if targets]))


def where_zhejiang_stands(report: Report) -> Bilingual:
    """Every series with an all-province table: Zhejiang's rank and share in its first and latest year."""
    from .provinces import row_rank_note, zhejiang_standing

    table = zhejiang_standing(report.dataset)
    table = table[table["year"] <= report.as_of_year]

    def rows():  # in the language being rendered: the table's own notes are in the language it was computed in
        out = []
        for indicator_id, group in table.groupby("indicator_id", sort=False):
            first, last = group.iloc[0], group.iloc[-1]
            indicator = report.dataset.registry.indicators[indicator_id]
            share = "" if pd.isna(last.share) else f"{last.share:.1f}%"
            out.append([local(indicator, "name"), f"{int(last.year)}", format_value(last.value, last.unit), row_rank_note(last),
                        share or pgettext("provincial table", "no share"), _("{year}: {rank}").format(year=int(first.year), rank=row_rank_note(first))])
        return out

    return Bilingual(lambda: render("where_zhejiang_stands.html", rows=rows()))
