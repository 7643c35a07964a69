"""The pages that only lay out data (sources, coverage, what changed, methodology): written as
plain MyST at assemble time from pages/<name>.md, with no kernel to start, in the language current
when they are laid out (the build lays them out once per language)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd
from jinja2 import Environment, StrictUndefined

from . import assess, i18n
from .dataset import Dataset
from .html import render
from .i18n import LANGUAGE, _, current, ngettext, pgettext
from .verdicts import Verdict
from .words import search_summary, source_title

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"


def bibliography(dataset: Dataset):
    s = dataset.sources.sort_values(["publisher", "published", "source_id"])
    counts = dataset.observations["source_id"].value_counts().add(dataset.evidence.evidence["source_id"].value_counts(), fill_value=0)
    sources = [dict(row._asdict(), title=source_title(row.title, row.publisher), count=int(counts.get(row.source_id, 0))) for row in s.itertuples()]
    from .coverage import source_mix

    return render("bibliography.html", sources=sources, mix=source_mix(dataset))


def coverage(dataset: Dataset):
    from .coverage import coverage_summary, coverage_table

    from .coverage import coverage_rows

    table = coverage_table(dataset)
    return render("coverage.html", rows_in=coverage_rows(table), summary=coverage_summary(table))


def changes(dataset: Dataset, table: pd.DataFrame, edition: str, previous: str, previous_data: Optional[Path]):
    from .changes import compare_editions

    if not previous:
        return render("changes.html", previous="", edition=edition, changes=None, sections=[])
    found = compare_editions(previous_data, dataset.observations, dataset.sources, table)

    def rows(frame: pd.DataFrame, columns: list[str]) -> list[list[str]]:
        return [[str(getattr(r, c)) for c in columns] for r in frame.itertuples()]

    def change(old: str, new: str) -> str:
        return _("{old} → {new}").format(old=old, new=new)

    revised = [[r.indicator_id, r.period, r.source_id, change(f"{r.value_old} {r.unit_old}", f"{r.value_new} {r.unit_new}")]
               for r in found.revised.itertuples()]
    verdicts = [[r.target_id, change(verdict_words(r.verdict_old), verdict_words(r.verdict_new)),
                 change(verdict_words(r.status_now_old), verdict_words(r.status_now_new))]
                for r in found.verdicts.itertuples()]
    # the tables' headers: pgettext("what changed", ...), the words of this page's tables
    indicator, period, source = pgettext("what changed", "Indicator"), pgettext("what changed", "Period"), pgettext("what changed", "Source")
    figure = [indicator, period, pgettext("what changed", "Value"), pgettext("what changed", "Unit"), source]
    figure_columns = ["indicator_id", "period", "value", "unit", "source_id"]
    sections = [
        (_("Figures added"), figure, rows(found.added, figure_columns)),
        (_("Figures revised"), [indicator, period, source, pgettext("what changed", "Old → new")], revised),
        (_("Figures removed"), figure, rows(found.removed, figure_columns)),
        (_("Verdicts changed"), [pgettext("what changed", "Target"), pgettext("what changed", "Verdict at deadline"),
                                 pgettext("what changed", "Status now")], verdicts),
        (_("New sources"), [pgettext("what changed", "Id"), pgettext("what changed", "Publisher"), pgettext("what changed", "Title")],
         rows(found.new_sources, ["source_id", "publisher", "title"])),
    ]
    return render("changes.html", previous=previous, edition=edition, changes=found, sections=sections)


def verdict_words(value: str) -> str:
    """A verdict code of an assessment table in the page's language ('' and unknown codes as they are)."""
    try:
        return Verdict(value).words
    except ValueError:
        return value


def method_constants():
    rows = [
        [_("Significant progress"), _("ratio ≥ {significant}").format(significant=f"{assess.SIGNIFICANT:.2f}")],
        [_("Moderate progress"), _("{moderate} ≤ ratio < {significant}").format(moderate=f"{assess.MODERATE:.2f}", significant=f"{assess.SIGNIFICANT:.2f}")],
        [_("Insufficient progress"), _("0 ≤ ratio < {moderate}").format(moderate=f"{assess.MODERATE:.2f}")],
        [_("Moving away"), _("ratio < 0")],
        [_("Borderline band for approximate figures"), _("within {band} of the threshold").format(band=f"{assess.BORDERLINE_BAND:.0%}")],
        [_("Tolerance of \"about N\" targets"), _("met from N × (1 − {tolerance})").format(tolerance=f"{assess.ABOUT_TOLERANCE:.0%}")],
        [_("Sources in conflict"), _("figures for one period differing by more than {share}").format(share=f"{assess.CONFLICT_SHARE:.1%}")],
        [_("Projection interval"), _("{confidence} confidence interval of the trend's slope (Student's t)").format(confidence=f"{assess.CONFIDENCE:.0%}")],
    ]
    return render("method_constants.html", rows=rows, header=[pgettext("methodology table", "Rule"), pgettext("methodology table", "Value")],
                  name=_("Thresholds used"))


def evidence_rules():
    """The record rule table of grading.py, as the methodology page prints it."""
    from .grading import rule_table

    rows = rule_table()  # in the page's language
    return render("method_constants.html", name=_("What an evidence record counts for"),
                  rows=[[r["order"], r["when the record's grades are"], r["it counts as"], r["because"]] for r in rows],
                  header=[pgettext("methodology table", "Order"), pgettext("methodology table", "When the record's grades are"),
                          pgettext("methodology table", "It counts as"), pgettext("methodology table", "Because")])


def search_log_summary(dataset: Dataset) -> str:
    """What the search log holds, in a sentence: queries, languages, outcomes, targets covered."""
    from .coverage import searches_for

    logged = dataset.evidence.searches
    if logged.empty:
        return _("No search is logged in this edition.")
    targets = sum(not searches_for(dataset, t).empty for t in dataset.registry.targets.values())
    nothing = int((logged["outcome"] != "found").sum())
    return ngettext("This edition logs {searches}; {nothing} found nothing or nothing relevant. {targets} target of {total} have searches logged for them.",
                    "This edition logs {searches}; {nothing} found nothing or nothing relevant. {targets} targets of {total} have searches logged for them.",
                    targets).format(searches=search_summary(logged), nothing=nothing, targets=targets, total=len(dataset.registry.targets))


def lay_out_pages(dataset: Dataset, table: pd.DataFrame, edition: str, previous: str, previous_data: Optional[Path]) -> dict[str, str]:
    """Page name -> MyST text, in the current language: the page's prose (pages/<name>.md) block by
    block from the catalogue, then its placeholders filled. The build writes each page only when
    its text changed."""
    bodies = {
        "sources": bibliography(dataset),
        "coverage": coverage(dataset),
        "changes": changes(dataset, table, edition, previous, previous_data),
        "methodology": method_constants(),
    }
    # MyST, not HTML: the page's own prose is not escaped; the body is HTML already escaped
    env = Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
    rules = evidence_rules()
    searched = search_log_summary(dataset)

    def page(name: str):
        path = PAGES_DIR / f"{name}.md"
        return env.from_string(i18n.translate_markdown(path.read_text(encoding="utf-8"), i18n.current(), str(path)))

    # the one data package sits at the edition's root, above the book of every other language
    data_package = "../" * bool(LANGUAGE[current()].folder) + "data/datapackage.json"
    return {name: page(name).render(body=body, confidence=f"{assess.CONFIDENCE:.0%}", rules=rules, searched=searched,
                                    data_package=data_package)
            for name, body in bodies.items()}
