"""What the book's notebooks call: validated parameters, one report object, and the HTML of
every page part. All text from data/ is escaped here before it reaches a page."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Optional

import pandas as pd
from IPython.display import HTML, display

from .assess import Assessment, assess_target, series_for, yearly_points
from .charts import chart_frame, context_chart, enable_offline_renderer, scoreboard_chart, trajectory_chart
from .dataset import Dataset, load_dataset
from .units import convert, convertible
from .words import format_value, sentences

DOWNLOADS_URL = "../downloads"  # chapters live in chapters/, downloads in downloads/
BADGES = {"met": "met", "partly": "partly", "not_met": "not met", "unknown": "unknown"}
# Editions are named like versions (2026.11, 2026.11.2) so that the theme's switcher can order them.
_EDITION = re.compile(r"^20\d{2}\.\d{1,2}(\.\d{1,3})?$")


class ParameterError(ValueError):
    pass


def check_parameters(data_dir: str, edition: str, as_of_year: int, area: Optional[str] = None) -> None:
    """Papermill does not check parameters; this does, with a message naming the bad one."""
    problems = []
    if not Path(data_dir).is_dir():
        problems.append(f"data_dir={data_dir!r}: expected an existing folder with areas.yaml, targets.yaml ...")
    if not isinstance(edition, str) or not _EDITION.match(edition):
        problems.append(f"edition={edition!r}: expected year.month, optionally .number (e.g. 2026.11 or 2026.11.2)")
    if isinstance(as_of_year, bool) or not isinstance(as_of_year, int) or not 2015 <= as_of_year <= dt.date.today().year:
        problems.append(f"as_of_year={as_of_year!r}: expected a whole year from 2015 to {dt.date.today().year}")
    if area is not None and not problems:
        areas = load_dataset(data_dir).registry.areas
        if area not in areas:
            problems.append(f"area={area!r}: expected one of {', '.join(areas)}")
    if problems:
        raise ParameterError("bad notebook parameter(s): " + "; ".join(problems))


class Assessments(dict):
    """Target id -> assessment, computed when first asked for: a chapter needs only its own
    targets, the overview all of them."""

    def __init__(self, dataset: Dataset, as_of_year: int):
        super().__init__()
        self._dataset, self._as_of_year = dataset, as_of_year

    def __missing__(self, target_id: str) -> Assessment:
        value = assess_target(self._dataset.registry.targets[target_id], self._dataset, self._as_of_year)
        self[target_id] = value
        return value

    def values(self):
        return [self[t] for t in self._dataset.registry.targets]


@dataclass
class Report:
    dataset: Dataset
    assessments: Assessments
    edition: str
    as_of_year: int
    downloads_dir: Path

    def assessment_table(self) -> pd.DataFrame:
        from .assess import assess_all
        return assess_all(self.dataset, self.as_of_year)


def open_report(data_dir: str, edition: str, as_of_year: int, downloads_dir: str, area: Optional[str] = None) -> Report:
    check_parameters(data_dir, edition, as_of_year, area)
    enable_offline_renderer()
    dataset = load_dataset(data_dir)
    return Report(dataset, Assessments(dataset, as_of_year), edition, as_of_year, Path(downloads_dir))


# --------------------------------------------------------------------------- small parts

def badge(verdict: str, group: str) -> str:
    return f'<span class="verdict verdict-{group}">{escape(verdict)}</span>'


def link(url: str, text: str) -> str:
    return f'<a href="{escape(url, quote=True)}" rel="noopener">{escape(text)}</a>'


def _fmt_year(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(int(value))


def _table(header: list[str], rows: list[list[str]], caption: str = "", css: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f'<table class="tracker-table {css}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# --------------------------------------------------------------------------- area chapter

def area_context(report: Report, area_id: str) -> HTML:
    area = report.dataset.registry.areas[area_id]
    agencies = "、".join(escape(a) for a in area.agencies) if area.agencies else escape(area.agencies_note or "not named")
    targets = report.dataset.registry.targets_of(area_id)
    kinds = pd.Series([t.kind for t in targets]).value_counts()
    kinds_text = ", ".join(f"{n} {k}" for k, n in kinds.items())
    return HTML(
        f'<div class="area-context"><p><strong>Plan clause:</strong> {escape(area.clause)} '
        f'<span lang="zh">{escape(area.title_zh)}</span></p>'
        f"<p><strong>What the plan asked:</strong> {escape(area.description)}</p>"
        f'<p><strong>Responsible agencies (责任单位):</strong> <span lang="zh">{agencies}</span></p>'
        f"<p><strong>Targets in this chapter:</strong> {len(targets)} ({escape(kinds_text)}).</p></div>"
    )


def summary_table(report: Report, area_id: str, link_prefix: str = "") -> HTML:
    rows = []
    for target in report.dataset.registry.targets_of(area_id):
        a = report.assessments[target.id]
        rows.append([
            f'<a href="{link_prefix}#{escape(target.id)}">{escape(target.id)}</a>',
            escape(target.wording_en),
            escape(str(target.deadline)),
            badge(a.verdict, a.verdict_group) + (' <span class="proxy-flag">proxy</span>' if a.proxy else ""),
            badge(a.status_now, _group_of_status(a.status_now)),
            escape(a.quality),
        ])
    return HTML(_table(["Target", "What the plan set", "Deadline", "Verdict at deadline", "Now", "Data quality"], rows,
                       css="summary-table"))


def _group_of_status(status: str) -> str:
    return {"met": "met", "achieved": "met", "borderline": "partly", "partly achieved": "partly",
            "not met": "not_met", "not yet": "not_met", "contradicted": "not_met"}.get(status, "unknown")


def show_area(report: Report, area_id: str) -> None:
    """Every target of the area: one section each, anchored at the target id."""
    for target in report.dataset.registry.targets_of(area_id):
        show_target(report, target.id)


def show_target(report: Report, target_id: str) -> None:
    ds = report.dataset
    target = ds.registry.targets[target_id]
    a = report.assessments[target_id]
    indicator = ds.registry.indicators.get(target.indicator) if target.indicator else None
    display(HTML(_target_head(target, a, indicator)))
    figures = pd.DataFrame()
    if indicator is not None:
        points, _ = series_for(target, ds)
        points = [p for p in points if p.year <= report.as_of_year]
        observations = ds.observations[(ds.observations["indicator_id"] == target.indicator) & (ds.observations["year"] <= report.as_of_year)]
        figures = chart_frame(points, observations, ds.sources, indicator)
        if not figures.empty:
            display(trajectory_chart(target, indicator, a, figures, points))
            display(HTML(_figures_table(figures, indicator)))
        else:
            display(HTML('<p class="gap">No published figure was found for this indicator: the chart is left out rather than drawn empty.</p>'))
    display(HTML(_verdict_block(target, a, indicator)))
    show_context(report, target)
    display(HTML(_evidence_block(report, target)))
    display(HTML(_sources_block(report, target, _shown_figures(report, target, figures))))
    display(HTML(_download(report, target, _shown_figures(report, target, figures))))


def _target_head(target, a: Assessment, indicator) -> str:
    parts = [
        f'<h2 class="target-title" id="{escape(target.id)}">{escape(target.wording_en)} <a class="headerlink" href="#{escape(target.id)}" title="Link to this target">#</a></h2>',
        f'<p class="target-meta"><code>{escape(target.id)}</code> · clause {escape(target.clause)} · {escape(target.kind)} · deadline {target.deadline}'
        + (f" ({escape(target.deadline_note)})" if target.deadline_note else "") + "</p>",
        f'<blockquote class="wording" lang="zh">{escape(target.wording_zh)}</blockquote>',
        f"<p><strong>Verdict at the deadline:</strong> {badge(a.verdict, a.verdict_group)} · <strong>now:</strong> "
        f"{badge(a.status_now, _group_of_status(a.status_now))} · <strong>data quality:</strong> {escape(a.quality)}</p>",
    ]
    if target.proxy:
        parts.append(f'<div class="admonition warning proxy-notice"><p class="admonition-title">Proxy</p><p>{escape(target.proxy)}</p></div>')
    if indicator is not None:
        parts.append(
            f'<p><strong>Indicator:</strong> {escape(indicator.name_en)} (<span lang="zh">{escape(indicator.name_zh)}</span>), '
            f"{escape(indicator.unit)}. {escape(indicator.definition)} Publisher: <span lang=\"zh\">{escape(indicator.publisher)}</span>.</p>"
        )
        if indicator.caveats:
            parts.append(f'<p class="caveat"><strong>Caveat:</strong> {escape(indicator.caveats)}</p>')
        base = (f"{format_value(a.baseline_value, indicator.unit)} in {_fmt_year(a.baseline_year)}"
                if a.baseline_year is not None else "no figure for the baseline year or the two years around it")
        if a.baseline_year is not None and a.baseline_year != target.baseline_year:
            base += f" (nearest year to the {target.baseline_year} baseline)"
        parts.append(f"<p><strong>Baseline:</strong> {escape(base)}.</p>")
    return "\n".join(parts)


def _figures_table(figures: pd.DataFrame, indicator) -> str:
    rows = [[escape(r.period), escape(format_value(r.value, indicator.unit)), escape(r.qualifier), escape(r.series),
             escape(r.source)] for r in figures.sort_values(["year", "series"]).itertuples()]
    return ('<details class="chart-table"><summary>The figures in the chart, as a table</summary>'
            + _table(["Period", "Value", "Qualifier", "Series", "Source"], rows) + "</details>")


def _verdict_block(target, a: Assessment, indicator) -> str:
    items = []
    if not a.evidence_based and indicator is not None:
        unit = indicator.unit
        items.append(("Value at the deadline", format_value(a.deadline_value, unit) if a.deadline_value is not None else f"no figure for {target.deadline}"))
        items.append(("Latest value", f"{format_value(a.latest_value, unit)} ({_fmt_year(a.latest_year)})" if a.latest_year else "none"))
        if a.shortfall is not None and a.verdict != "met":
            items.append(("Short by", f"{format_value(abs(a.shortfall), unit)} ({a.shortfall_pct:.1f}%)" if a.shortfall_pct is not None else format_value(abs(a.shortfall), unit)))
        items.append(("First met", _fmt_year(a.first_met_year) or "not yet"))
        ratio = f"{a.progress_ratio:.2f}" if a.progress_ratio is not None else "n/a"
        items.append(("Progress ratio (actual / required growth)", f"{ratio}: {a.progress_class}"))
        if a.projection_note:
            items.append(("Projection", a.projection_note if a.projection_year is None else
                          f"around {a.projection_year:.0f} ({a.projection_note})"))
    if a.verdict_reason:
        items.append(("Why this verdict", a.verdict_reason))
    if a.quality_flags:
        items.append(("Data-quality notes", "; ".join(a.quality_flags)))
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in items)
    text = " ".join(escape(s) for s in sentences(a, target, indicator))
    return f'<dl class="verdict-figures">{rows}</dl><p class="generated">{text}</p>'


def show_context(report: Report, target) -> None:
    """Related or national series named by the target: a chart and its table for each."""
    ds = report.dataset
    if not target.context:
        return
    parts = ["<h3>Context</h3>"]
    share = _national_share(report, target)
    if share:
        parts.append(f"<p>{escape(share)}</p>")
    gaps = []
    charted = []
    for indicator_id in target.context:
        indicator = ds.registry.indicators[indicator_id]
        obs = ds.observations[(ds.observations["indicator_id"] == indicator_id) & (ds.observations["year"] <= report.as_of_year)]
        if obs.empty:
            gaps.append(indicator.name_en)
            continue
        points, _ = yearly_points(obs, ds.sources, indicator)
        charted.append((indicator, chart_frame(points, obs, ds.sources, indicator)))
    if gaps:
        parts.append(f"<p class=\"gap\">No figure found for: {escape('; '.join(gaps))}.</p>")
    display(HTML("".join(parts)))
    for indicator, figures in charted:
        display(context_chart(indicator, figures))
        display(HTML(_figures_table(figures, indicator)))


def _national_share(report: Report, target) -> str:
    """Zhejiang's share of the national figure, for each year both are published: the target's
    own indicator, or else a Zhejiang context series of the same dimension, against each
    national context series."""
    ds = report.dataset
    indicators = ds.registry.indicators
    national = [indicators[c] for c in target.context if indicators[c].scope == "national"]
    own = [indicators[i] for i in [target.indicator, *target.context] if i and indicators[i].scope == "zhejiang"]
    sentences = []
    for nat in national:
        match = next((z for z in own if convertible(z.unit, nat.unit)), None)
        if match is None:
            continue
        zj, _ = yearly_points(ds.observations[ds.observations["indicator_id"] == match.id], ds.sources, match)
        cn, disputed = yearly_points(ds.observations[ds.observations["indicator_id"] == nat.id], ds.sources, nat)
        national_by_year = {p.year: convert(p.value, nat.unit, match.unit) for p in cn if len(p.period) == 4}
        shares = [f"{p.year}: {100 * p.value / national_by_year[p.year]:.1f}%" + (" (national sources disagree)" if p.year in disputed else "") for p in zj
                  if len(p.period) == 4 and national_by_year.get(p.year, 0) > 0 and p.year <= report.as_of_year]
        if shares:
            sentences.append(f"{match.name_en} as a share of {nat.name_en}: " + ", ".join(shares) + ".")
    return " ".join(sentences)


def _evidence_block(report: Report, target) -> str:
    ev = report.dataset.evidence.evidence
    ev = ev[ev["target_id"] == target.id].sort_values("date")
    searches = report.dataset.evidence.searches
    subjects = {target.id} | ({target.indicator} if target.indicator else set())
    logged = searches[searches["subject"].isin(subjects)]
    parts = []
    if not ev.empty:
        urls = report.dataset.sources.set_index("source_id")["url"].to_dict()
        rows = [[escape(r.date), badge(r.finding.replace("_", " "), _group_of_status({"partly": "partly achieved", "not_yet": "not yet"}.get(r.finding, r.finding))),
                 escape(r.summary), f'<q lang="zh">{escape(r.quote)}</q>', link(urls.get(r.source_id, "#"), r.source_id)] for r in ev.itertuples()]
        parts.append("<h3>Evidence</h3>" + _table(["Date", "Finding", "Summary", "Quote", "Source"], rows))
    if not logged.empty:
        languages = ", ".join(sorted(set(logged["language"])))
        found = int((logged["outcome"] == "found").sum())
        items = "".join(f"<li><span lang=\"zh\">{escape(r.query)}</span> ({escape(r.language)}, {escape(r.corpus)}, {escape(r.need)}): {escape(r.outcome)}</li>" for r in logged.itertuples())
        parts.append(f'<details class="searches"><summary>Searched: {len(logged)} queries in {escape(languages)}, {found} found something</summary><ul>{items}</ul></details>')
    return "\n".join(parts)


def _sources_block(report: Report, target, figures: pd.DataFrame) -> str:
    ids = list(dict.fromkeys(list(figures["source_id"]) if not figures.empty else []))
    if not ids:
        return ""
    sources = report.dataset.sources.set_index("source_id")
    obs = report.dataset.observations
    items = []
    for source_id in ids:
        if source_id not in sources.index:
            continue
        s = sources.loc[source_id]
        shown = set(figures[figures["source_id"] == source_id]["indicator_id"])
        quotes = obs[(obs["source_id"] == source_id) & obs["indicator_id"].isin(shown)]["quote"].tolist()
        quoted = "".join(f'<li><q lang="zh">{escape(q)}</q></li>' for q in quotes)
        original = f" (originally {escape(s['original_publisher'])})" if s["original_publisher"] else ""
        items.append(f"<li>{escape(s['publisher'])}{original}, {link(s['url'], s['title'])}"
                     f"{', ' + escape(s['published']) if s['published'] else ''}; {escape(s['kind'].replace('_', ' '))}. "
                     f"<code>{escape(source_id)}</code><ul>{quoted}</ul></li>")
    return "<h3>Sources</h3><ul class=\"sources\">" + "".join(items) + "</ul>"


def _shown_figures(report: Report, target, figures: pd.DataFrame) -> pd.DataFrame:
    """The target's own figures and those of its context series, as the page shows them."""
    ds = report.dataset
    frames = [figures.assign(indicator_id=target.indicator)] if not figures.empty else []
    for indicator_id in target.context:
        indicator = ds.registry.indicators[indicator_id]
        obs = ds.observations[(ds.observations["indicator_id"] == indicator_id) & (ds.observations["year"] <= report.as_of_year)]
        if not obs.empty:
            points, _ = yearly_points(obs, ds.sources, indicator)
            frames.append(chart_frame(points, obs, ds.sources, indicator).assign(indicator_id=indicator_id))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _download(report: Report, target, figures: pd.DataFrame) -> str:
    if figures.empty:
        return ""
    report.downloads_dir.mkdir(parents=True, exist_ok=True)
    sources = report.dataset.sources.set_index("source_id")
    out = figures.copy()
    out["url"] = [sources.loc[s, "url"] if s in sources.index else "" for s in out["source_id"]]
    out.insert(0, "target_id", target.id)
    out = out.drop(columns=["hollow"])
    out = out[["target_id", "indicator_id"] + [c for c in out.columns if c not in ("target_id", "indicator_id")]]
    out = out.sort_values(["indicator_id", "year", "series", "source_id"])
    out.to_csv(report.downloads_dir / f"{target.id}.csv", index=False, lineterminator="\n")
    return (f'<p class="download"><a href="{DOWNLOADS_URL}/{escape(target.id)}.csv" download>'
            f"Download the figures shown for {escape(target.id)} (CSV)</a></p>")


# --------------------------------------------------------------------------- overview

def verdict_counts(report: Report) -> pd.DataFrame:
    groups = pd.Series([a.verdict_group for a in report.assessments.values()]).value_counts()
    order = ["met", "partly", "not_met", "unknown"]
    return pd.DataFrame({"verdict": [BADGES[g] for g in order], "targets": [int(groups.get(g, 0)) for g in order]})


def show_scoreboard(report: Report) -> None:
    counts = verdict_counts(report)
    display(HTML(_table(["Verdict at the deadline", "Targets"],
                        [[badge(r.verdict, r.verdict.replace(" ", "_")), str(r.targets)] for r in counts.itertuples()], css="scoreboard")))
    display(scoreboard_chart(counts))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def findings(report: Report) -> list[str]:
    """A few sentences on what the report finds, all from the assessment."""
    assessments = list(report.assessments.values())
    total = len(assessments)
    counts = {r.verdict: r.targets for r in verdict_counts(report).itertuples()}
    quantified = [a for a in assessments if a.kind != "milestone"]
    checked = [a for a in quantified if a.deadline_value is not None and not math.isnan(a.deadline_value)]
    checked_met = sum(a.verdict == "met" for a in checked)
    proxies = sum(a.proxy for a in assessments)
    now_met = sum(a.status_now in ("met", "achieved") for a in assessments)
    return [
        f"The plan sets {_count(total, 'target')}: {len(quantified)} quantified and {total - len(quantified)} milestones.",
        f"By their deadlines, {counts['met']} were met or achieved, {counts['partly']} only partly or borderline, and "
        f"{counts['not met']} not met; for {counts['unknown']} the public record searched gives no answer, a gap in the record "
        f"rather than a verdict on the plan.",
        f"Of the {len(quantified)} quantified targets, {len(checked)} could be checked against a published figure for their "
        f"deadline year, and {checked_met} of those were met; {_count(proxies, 'target')} can only be measured through a proxy series.",
        f"Counting figures and evidence published up to {report.as_of_year}, {_count(now_met, 'target')} stand met or achieved.",
    ]


def overview_table(report: Report) -> HTML:
    """Every target, area by area, each linking to its section."""
    parts = []
    for area in report.dataset.registry.areas.values():
        rows = []
        for target in report.dataset.registry.targets_of(area.id):
            a = report.assessments[target.id]
            rows.append([
                f'<a href="chapters/{escape(target.area)}.html#{escape(target.id)}">{escape(target.wording_en)}</a>'
                f'<br><code class="target-id">{escape(target.id)}</code>',
                str(target.deadline),
                badge(a.verdict, a.verdict_group) + (' <span class="proxy-flag">proxy</span>' if a.proxy else ""),
                badge(a.status_now, _group_of_status(a.status_now)), escape(a.quality),
            ])
        if rows:
            parts.append(f'<h3 class="overview-area">{escape(area.title_en)} <span lang="zh">{escape(area.title_zh)}</span></h3>'
                         + _table(["Target", "Due", "Verdict", "Now", "Quality"], rows, css="overview-table"))
    return HTML("".join(parts))


# --------------------------------------------------------------------------- data pages

def bibliography(report: Report) -> HTML:
    s = report.dataset.sources.sort_values(["publisher", "published", "source_id"])
    obs_count = report.dataset.observations["source_id"].value_counts()
    ev_count = report.dataset.evidence.evidence["source_id"].value_counts()
    rows = [[f'<code id="src-{escape(r.source_id)}">{escape(r.source_id)}</code>',
             escape(r.publisher) + (f" (originally {escape(r.original_publisher)})" if r.original_publisher else ""),
             link(r.url, r.title), escape(r.published), escape(r.kind.replace("_", " ")), escape(r.language),
             str(int(obs_count.get(r.source_id, 0)) + int(ev_count.get(r.source_id, 0)))] for r in s.itertuples()]
    return HTML(_table(["Id", "Publisher", "Title", "Published", "Kind", "Language", "Figures and evidence"], rows, css="bibliography"))


def coverage_html(report: Report) -> HTML:
    from .coverage import coverage_summary, coverage_table
    table = coverage_table(report.dataset)
    rows = [[f'<a href="chapters/{escape(r.area)}.html#{escape(r.target_id)}">{escape(r.target_id)}</a>', escape(r.kind),
             escape(r.baseline), escape(r.deadline), escape(r.latest), escape(r.national), str(r.evidence), str(r.searches),
             escape(r.gaps)] for r in table.itertuples()]
    summary = f"<p>{escape(coverage_summary(table))}</p>"
    return HTML(summary + _table(["Target", "Kind", "Baseline", "Deadline", "Latest", "National", "Evidence", "Searches", "Gaps"], rows, css="coverage"))


# --------------------------------------------------------------------------- what changed

def show_changes(report: Report, previous_edition: str, previous_data_dir: str) -> None:
    from .changes import compare_editions

    if not previous_edition:
        display(HTML(f"<p>Edition {escape(report.edition)} is the first edition: there is no earlier one to compare with.</p>"))
        return
    changes = compare_editions(Path(previous_data_dir), report.dataset.observations, report.dataset.sources, report.assessment_table())
    intro = (f"<p>Compared with edition {escape(previous_edition)}: {len(changes.added)} figures added, {len(changes.revised)} revised, "
             f"{len(changes.removed)} removed; {len(changes.verdicts)} verdicts changed; {len(changes.new_sources)} new sources.</p>")
    parts = [intro]
    if changes.new_targets or changes.dropped_targets:
        parts.append(f"<p>Targets added: {escape(', '.join(changes.new_targets) or 'none')}. Targets removed: {escape(', '.join(changes.dropped_targets) or 'none')}.</p>")

    def section(title: str, frame: pd.DataFrame, columns: list[str], header: list[str]) -> None:
        if frame.empty:
            parts.append(f"<h2>{title}</h2><p>None.</p>")
            return
        rows = [[escape(str(getattr(r, c))) for c in columns] for r in frame.itertuples()]
        parts.append(f"<h2>{title}</h2>" + _table(header, rows))

    section("Figures added", changes.added, ["indicator_id", "period", "value", "unit", "source_id"], ["Indicator", "Period", "Value", "Unit", "Source"])
    revised = changes.revised.assign(change=[f"{r.value_old} {r.unit_old} → {r.value_new} {r.unit_new}" for r in changes.revised.itertuples()])
    section("Figures revised", revised, ["indicator_id", "period", "source_id", "change"], ["Indicator", "Period", "Source", "Old → new"])
    section("Figures removed", changes.removed, ["indicator_id", "period", "value", "unit", "source_id"], ["Indicator", "Period", "Value", "Unit", "Source"])
    verdicts = changes.verdicts.assign(change=[f"{r.verdict_old} → {r.verdict_new}" for r in changes.verdicts.itertuples()],
                                       now=[f"{r.status_now_old} → {r.status_now_new}" for r in changes.verdicts.itertuples()])
    section("Verdicts changed", verdicts, ["target_id", "change", "now"], ["Target", "Verdict at deadline", "Status now"])
    section("New sources", changes.new_sources, ["source_id", "publisher", "title"], ["Id", "Publisher", "Title"])
    display(HTML("\n".join(parts)))


def show_findings(report: Report) -> HTML:
    return HTML("".join(f"<p>{escape(s)}</p>" for s in findings(report)))


def method_constants() -> HTML:
    from . import assess
    rows = [
        ["Significant progress", f"ratio ≥ {assess.SIGNIFICANT:.2f}"],
        ["Moderate progress", f"{assess.MODERATE:.2f} ≤ ratio < {assess.SIGNIFICANT:.2f}"],
        ["Insufficient progress", f"0 ≤ ratio < {assess.MODERATE:.2f}"],
        ["Moving away", "ratio < 0"],
        ["Borderline band for approximate figures", f"within {assess.BORDERLINE_BAND:.0%} of the threshold"],
        ["Tolerance of \"about N\" targets", f"met from N × (1 − {assess.ABOUT_TOLERANCE:.0%})"],
        ["Sources in conflict", f"figures for one period differing by more than {assess.CONFLICT_SHARE:.1%}"],
        ["Projection interval", "95% confidence interval of the trend's slope (Student's t)"],
    ]
    return HTML(_table(["Rule", "Value"], [[escape(a), escape(b)] for a, b in rows]))
