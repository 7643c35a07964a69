"""How far the evidence reaches: baseline, deadline and latest figures, national context,
milestone evidence, and the searches behind every gap. Printed by `make coverage`, shown in the book.

The table holds codes ("gap", "n/a", the gaps' names); `coverage_rows` writes them for readers in
the page's language."""

from __future__ import annotations

import pandas as pd

from .assess import baseline_point, series_for
from .dataset import Dataset
from .i18n import N_, _, pgettext

OFFICIAL_KINDS = ("official_statistics", "government_release")
COLUMNS = ["target_id", "area", "kind", "baseline", "deadline", "latest", "national", "evidence", "searches", "gaps"]
CELL_WORDS = {"n/a": N_("n/a"), "gap": N_("gap")}  # the table's codes for a figure not needed, and not found


def gap_words(gap: str) -> str:
    """One of the gaps a coverage row names, in the page's language."""
    if gap == "baseline":
        return pgettext("coverage gap", "baseline")
    if gap == "deadline":
        return pgettext("coverage gap", "deadline")
    if gap == "latest":
        return pgettext("coverage gap", "latest")
    if gap == "national":
        return pgettext("coverage gap", "national")
    if gap == "no evidence found":
        return _("no evidence found")
    if gap == "figures (evidence records only)":
        return _("figures (evidence records only)")
    if gap == "searches not recorded":
        return _("searches not recorded")
    return gap


def _cell(value: str) -> str:
    return _(CELL_WORDS[value]) if value in CELL_WORDS else value


def coverage_rows(table: pd.DataFrame) -> list[dict]:
    """The coverage table as a reader sees it, in the page's language: every code in words but the
    target's kind, which the template writes (parts.html target_kind)."""
    separator = pgettext("list of years", ", ")
    return [{**row, "baseline": _cell(row["baseline"]), "deadline": _cell(row["deadline"]),
             "latest": _cell(row["latest"]),
             "national": _cell(row["national"]) if row["national"] in CELL_WORDS else separator.join(row["national"].split(", ")),
             "gaps": pgettext("list of gaps", "; ").join(gap_words(g) for g in row["gaps"].split("; ") if g)}
            for row in table.to_dict("records")]


def searches_for(dataset: Dataset, target) -> pd.DataFrame:
    """The searches logged for a target: for the target itself, its indicator and its context
    series. The one count of searches: the coverage page and the chapters both use it."""
    searches = dataset.evidence.searches
    subjects = {target.id} | ({target.indicator} if target.indicator else set()) | set(target.context)
    return searches[searches["subject"].isin(subjects)]


def coverage_table(dataset: Dataset) -> pd.DataFrame:
    evidence = dataset.evidence.evidence
    rows = []
    for target in dataset.registry.targets.values():
        n_searches = len(searches_for(dataset, target))
        n_evidence = int((evidence["target_id"] == target.id).sum())
        row = {"target_id": target.id, "area": target.area, "kind": target.kind, "evidence": n_evidence, "searches": n_searches}
        gaps = []
        if target.kind == "milestone":
            row.update(baseline="n/a", deadline="n/a", latest="n/a", national="n/a")
            if n_evidence == 0:
                gaps.append("no evidence found")
        else:
            points, _ = series_for(target, dataset)
            years = [p.year for p in points]
            base = baseline_point(points, target)  # the same rule as the assessment: the year itself first
            row["baseline"] = str(base.year) if base is not None else "gap"
            later = [y for y in years if y >= target.deadline]
            row["deadline"] = str(min(later)) if later else "gap"
            row["latest"] = str(max(years)) if years else "gap"
            national = [c for c in target.context if dataset.registry.indicators[c].scope == "national"]
            if national:
                obs = dataset.observations
                found = sorted(set(obs[obs["indicator_id"].isin(national)]["year"]))
                row["national"] = ", ".join(map(str, found)) if found else "gap"
            else:
                row["national"] = "n/a"
            for need in ("baseline", "deadline", "latest", "national"):
                if row[need] == "gap":
                    gaps.append(need)
            if not years and n_evidence:
                gaps.append("figures (evidence records only)")
        if gaps and n_searches == 0:
            gaps.append("searches not recorded")
        row["gaps"] = "; ".join(gaps)
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def coverage_summary(table: pd.DataFrame) -> str:
    quantified = table[table["kind"] != "milestone"]
    milestones = table[table["kind"] == "milestone"]
    return _("{quantified} quantified targets: {baseline} with a baseline, {deadline} with a figure at or after the deadline, "
             "{latest} with any figure. {milestones} milestone targets: {evidence} with evidence records.").format(
        quantified=len(quantified), baseline=int((quantified['baseline'] != 'gap').sum()),
        deadline=int((quantified['deadline'] != 'gap').sum()), latest=int((quantified['latest'] != 'gap').sum()),
        milestones=len(milestones), evidence=int((milestones['evidence'] > 0).sum()))


def source_mix(dataset: Dataset) -> dict[str, object]:
    """Sources by kind, and how many observations and evidence records rest on an official source
    (statistics offices, government releases, official tables): the reader's measure of how far
    the report stands on originals rather than reposts."""
    kinds = dataset.sources.set_index("source_id")["kind"]
    observation_kinds = dataset.observations["source_id"].map(kinds)
    evidence_kinds = dataset.evidence.evidence["source_id"].map(kinds)
    return {
        "sources_by_kind": {k: int((kinds == k).sum()) for k in ("official_statistics", "government_release", "news", "repost")},
        "observations": len(observation_kinds),
        "observations_official": int(observation_kinds.isin(OFFICIAL_KINDS).sum()),
        "evidence": len(evidence_kinds),
        "evidence_official": int(evidence_kinds.isin(OFFICIAL_KINDS).sum()),
    }


def source_kind_words(kind: str) -> str:
    """A source's kind in the page's language, as the templates write it (parts.html source_kind):
    'official_statistics' -> 'official statistics' (官方统计)."""
    from .html import macro

    return str(macro("source_kind")(kind))


def source_mix_summary(mix: dict[str, object]) -> str:
    by_kind = pgettext("list of kinds", ", ").join(pgettext("sources of a kind", "{n} {kind}").format(n=n, kind=source_kind_words(kind)) for kind, n in mix["sources_by_kind"].items())

    def share(part: int, whole: int) -> str:
        return f"{100 * part / whole:.0f}%" if whole else _("no")
    return _("Sources: {by_kind}. Observations from official sources: {observations_official} of {observations} ({observations_share}); "
             "evidence records: {evidence_official} of {evidence} ({evidence_share}).").format(
        by_kind=by_kind, observations_official=mix["observations_official"], observations=mix["observations"],
        observations_share=share(mix["observations_official"], mix["observations"]), evidence_official=mix["evidence_official"],
        evidence=mix["evidence"], evidence_share=share(mix["evidence_official"], mix["evidence"]))
