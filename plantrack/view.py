"""What a target's section shows, built once from one assessment: its figures and chart data,
its context series and national shares, its sentences, evidence, searches, sources and download.

The data side of a page; plantrack/templates/ turn a view into HTML and chapter.py shows it. A view
is computed once; its words (baseline, facts, sentences, shares, evidence grades, sources,
provincial standing) are written when they are read, in the page's language (i18n.current()), so
that one view serves every language of a display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import quote, urlencode

import pandas as pd

from .assess import Assessment, Point, series_for, yearly_points
from .charts import chart_frame
from .coverage import searches_for
from .dataset import Dataset
from .registry import Indicator, Target
from .units import convert, convertible
from .grading import VERDICT_OF, Contribution, grade_words, reason_words
from .i18n import LANGUAGE, _, current, local, pgettext
from .verdicts import Verdict
from .words import figure_column, format_value, paragraph, quote_text, sentences, source_title

DOWNLOAD_COLUMNS_FIRST = ["target_id", "indicator_id"]



def kind_words(kind: str) -> str:
    """A target's kind (registry.KINDS) in the page's language, as the templates write it
    (parts.html target_kind): 'milestone' -> '定性目标'."""
    from .html import macro

    return str(macro("target_kind")(kind))


@dataclass
class Series:
    """One indicator's figures as a chart shows them."""
    indicator: Indicator
    points: list[Point]
    figures: pd.DataFrame


@dataclass
class Share:
    """Zhejiang's series as a share of a national one, year by year (year, share in %, whether the
    national sources disagree that year)."""
    part: Indicator
    whole: Indicator
    years: list[tuple[int, float, bool]]


@dataclass
class TargetView:
    """The data of a target's section; the properties write its words in the page's language."""
    target: Target
    assessment: Assessment
    indicator: Optional[Indicator]
    own: Optional[Series]  # the target's indicator, when it has figures up to the as-of year
    context: list[Series] = field(default_factory=list)
    missing_context: list[Indicator] = field(default_factory=list)  # context series without a figure
    share_figures: list[Share] = field(default_factory=list)
    evidence_records: pd.DataFrame = field(default_factory=pd.DataFrame)  # every record read, by date
    searches: pd.DataFrame = field(default_factory=pd.DataFrame)
    source_rows: list[dict] = field(default_factory=list)  # the sources of the figures shown, as data
    download: pd.DataFrame = field(default_factory=pd.DataFrame)  # every figure shown, with its source's address
    standing_tables: list[tuple[Indicator, pd.DataFrame]] = field(default_factory=list)  # provinces.standing rows, per imported series
    sources_frame: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)  # dataset.sources, for the evidence's links
    repository_url: str = ""  # the project's repository (_config.yml repository.url); '' when none is configured
    edition: str = ""

    @property
    def issue_url(self) -> str:
        """The repository's new-issue form about this target, pre-filled in the page's language;
        '' when no repository is configured."""
        return issue_url(self.repository_url, self.target, target_page(self.edition, self.target))

    @property
    def baseline(self) -> str:
        """The baseline sentence, or "" for a milestone."""
        return _baseline(self.target, self.assessment, self.indicator) if self.indicator is not None else ""

    @property
    def facts(self) -> list[tuple[str, str]]:
        """The verdict's figures, label and value."""
        return _facts(self.target, self.assessment, self.indicator)

    @property
    def sentences(self) -> list[str]:
        return sentences(self.assessment, self.target, self.indicator)

    @property
    def context_gaps(self) -> list[str]:
        """The names of the context series without a figure."""
        return [local(i, "name") for i in self.missing_context]

    @property
    def shares(self) -> str:
        return shares_sentence(self.share_figures)

    @property
    def evidence(self) -> list[dict]:
        return _evidence_rows(self.evidence_records, self.sources_frame, self.assessment)

    @property
    def sources(self) -> list[dict]:
        return [{**row, "title": source_title(row["title"], row["publisher"]), "quotes": [quote_text(q) for q in row["quotes"]]}
                for row in self.source_rows]

    @property
    def standing(self) -> list[dict]:
        """Zhejiang among the provinces, per imported series."""
        return [_standing_words(indicator, rows) for indicator, rows in self.standing_tables]


def target_page(edition: str, target: Target) -> str:
    """Where the target's section is published, in the page's language, from the site's root:
    2026.11/chapters/commerce.html#com-sales, 2026.11/zh/chapters/commerce.html#com-sales."""
    parts = [edition, LANGUAGE[current()].folder, "chapters", f"{target.area}.html"]
    return "/".join(part for part in parts if part) + f"#{target.id}"


def issue_url(repository: str, target: Target, page: str) -> str:
    """`repository`/issues/new with its title and body filled in (URL-encoded) in the page's
    language: the target's id, its wording and where it is published; '' without a repository."""
    repository = (repository or "").strip().rstrip("/")
    if not repository:
        return ""
    wording = local(target, "wording")
    title = _("Target {id}: {wording}").format(id=target.id, wording=wording)
    body = "\n".join([_("Target: {id}").format(id=target.id), _("Wording: {wording}").format(wording=wording),
                      _("Page: {page}").format(page=page), "", _("What is wrong or missing, with a source if you have one:"), ""])
    return f"{repository}/issues/new?" + urlencode({"title": title, "body": body}, quote_via=quote)


def _year(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(int(value))


def _series(dataset: Dataset, indicator: Indicator, as_of_year: int, points: Optional[list[Point]] = None) -> Optional[Series]:
    obs = dataset.observations
    shown = obs[(obs["indicator_id"] == indicator.id) & (obs["year"] <= as_of_year)]
    if shown.empty:
        return None
    if points is None:
        points, _ = yearly_points(shown, dataset.sources, indicator)
    points = [p for p in points if p.year <= as_of_year]
    figures = chart_frame(points, shown, dataset.sources, indicator)
    return Series(indicator, points, figures) if not figures.empty else None


def _baseline(target: Target, a: Assessment, indicator: Indicator) -> str:
    if a.baseline_year is None:
        return _("no figure for the baseline year or the two years around it")
    value = format_value(a.baseline_value, indicator.unit)
    if a.baseline_year != target.baseline_year:
        return _("{value} in {year} (nearest year to the {baseline_year} baseline)").format(
            value=value, year=_year(a.baseline_year), baseline_year=target.baseline_year)
    return _("{value} in {year}").format(value=value, year=_year(a.baseline_year))


def _facts(target: Target, a: Assessment, indicator: Optional[Indicator]) -> list[tuple[str, str]]:
    items = []
    if not a.evidence_based and indicator is not None:
        unit = indicator.unit
        items.append((_("Value at the deadline"), format_value(a.deadline_value, unit) if a.deadline_value is not None
                      else _("no figure for {year}").format(year=target.deadline)))
        items.append((_("Latest value"), _("{value} ({year})").format(value=format_value(a.latest_value, unit), year=_year(a.latest_year))
                      if a.latest_year else pgettext("latest value", "none")))
        if a.shortfall is not None and a.verdict != Verdict.MET:
            short = format_value(abs(a.shortfall), unit)
            items.append((_("Short by"), _("{value} ({percent}%)").format(value=short, percent=f"{a.shortfall_pct:.1f}")
                          if a.shortfall_pct is not None else short))
        items.append((_("First met"), _year(a.first_met_year) or pgettext("first met", "not yet")))
        ratio = f"{a.progress_ratio:.2f}" if a.progress_ratio is not None else _("n/a")
        items.append((_("Progress ratio (actual / required growth)"),
                      _("{ratio}: {progress}").format(ratio=ratio, progress=a.progress_class_words)))
        if a.projection_note:
            items.append((_("Projection"), a.projection_note_words if a.projection_year is None else
                          _("around {year} ({note})").format(year=f"{a.projection_year:.0f}", note=a.projection_note_words)))
    if a.verdict_reason:
        items.append((_("Why this verdict"), a.verdict_reason_words))
    if a.quality_flags:
        items.append((_("Data-quality notes"), pgettext("list of notes", "; ").join(a.quality_flag_words)))
    return items


def share_figures(dataset: Dataset, target: Target, as_of_year: int) -> list[Share]:
    """Zhejiang's share of the national figure, for each year both are published: the target's
    own indicator, or else a Zhejiang context series of the same dimension, against each
    national context series."""
    indicators = dataset.registry.indicators
    obs = dataset.observations
    national = [indicators[c] for c in target.context if indicators[c].scope == "national"]
    own = [indicators[i] for i in [target.indicator, *target.context] if i and indicators[i].scope == "zhejiang"]
    out = []
    for nat in national:
        match = next((z for z in own if convertible(z.unit, nat.unit)), None)
        if match is None:
            continue
        zj, _unused = yearly_points(obs[obs["indicator_id"] == match.id], dataset.sources, match)
        cn, disputed = yearly_points(obs[obs["indicator_id"] == nat.id], dataset.sources, nat)
        national_by_year = {p.year: convert(p.value, nat.unit, match.unit) for p in cn if len(p.period) == 4}
        years = [(p.year, 100 * p.value / national_by_year[p.year], p.year in disputed)
                 for p in zj if len(p.period) == 4 and national_by_year.get(p.year, 0) > 0 and p.year <= as_of_year]
        if years:
            out.append(Share(match, nat, years))
    return out


def shares_sentence(shares: list[Share]) -> str:
    """'Online sales as a share of national online sales: 2015: 19.6%, 2017: 18.1%.', in the page's language."""
    out = []
    for share in shares:
        years = [(_("{year}: {share}% (national sources disagree)") if disputed else _("{year}: {share}%")).format(year=year, share=f"{value:.1f}")
                 for year, value, disputed in share.years]
        out.append(_("{part} as a share of {whole}: {years}.").format(
            part=local(share.part, "name"), whole=local(share.whole, "name"), years=pgettext("list of years", ", ").join(years)))
    return paragraph(out)


def national_shares(dataset: Dataset, target: Target, as_of_year: int) -> str:
    """Zhejiang's share of the national figure, in a sentence per national series (share_figures)."""
    return shares_sentence(share_figures(dataset, target, as_of_year))


def _evidence_records(dataset: Dataset, target: Target, as_of_year: int) -> pd.DataFrame:
    ev = dataset.evidence.evidence
    return ev[(ev["target_id"] == target.id) & (ev["date"].str[:4].astype(int) <= as_of_year)].sort_values("date", kind="stable")


def _evidence_rows(records: pd.DataFrame, sources: pd.DataFrame, a: Assessment) -> list[dict]:
    """Every record read for the target, counted or not, with its grades in words, what it counts
    for by the rule table, and whether it decides the verdict at the deadline or the status now."""
    if records.empty:
        return []
    sources = sources.set_index("source_id")
    out = []
    for r in records.itertuples():
        contribution = Contribution(r.finding)
        at_deadline, now = a.deciding_record == r.record_id, a.deciding_record_now == r.record_id
        decides = (_("at the deadline and now") if at_deadline and now else _("at the deadline") if at_deadline
                   else pgettext("decides", "now") if now else "")
        decides_words = (_("decides the verdict at the deadline and the status now") if at_deadline and now
                         else _("decides the verdict at the deadline") if at_deadline
                         else _("decides the status now") if now else "")
        out.append({
            # the record's own text in both languages: a template shows local(r, "summary")
            "record_id": r.record_id, "date": r.date, "summary": r.summary, "summary_zh": getattr(r, "summary_zh", None),
            "review": r.review, "review_zh": getattr(r, "review_zh", None), "quote": quote_text(r.quote), "source_id": r.source_id,
            "url": sources["url"].get(r.source_id, "#"), "lang": sources["language"].get(r.source_id, "zh"),
            "grades": grade_words(r.scope, r.state, r.match),
            "counted": contribution != Contribution.NOT_COUNTED,
            "verdict": VERDICT_OF.get(contribution), "reason": reason_words(r.finding_reason),
            "decides": decides, "decides_words": decides_words,
        })
    return out


def _shown(own: Optional[Series], context: list[Series]) -> pd.DataFrame:
    frames = [s.figures.assign(indicator_id=s.indicator.id) for s in ([own] if own else []) + context]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _sources(dataset: Dataset, shown: pd.DataFrame) -> list[dict]:
    """The sources of the figures shown, as data (the title as stored: TargetView.sources writes it for readers)."""
    if shown.empty:
        return []
    sources = dataset.sources.set_index("source_id")
    obs = dataset.observations
    out = []
    for source_id in dict.fromkeys(shown["source_id"]):
        if source_id not in sources.index:
            continue  # a running sum has no source of its own
        s = sources.loc[source_id]
        indicators = set(shown[shown["source_id"] == source_id]["indicator_id"])
        quotes = obs[(obs["source_id"] == source_id) & obs["indicator_id"].isin(indicators)]["quote"].tolist()
        out.append({"source_id": source_id, **s.to_dict(), "quotes": quotes})
    return out


def _download(dataset: Dataset, target: Target, shown: pd.DataFrame) -> pd.DataFrame:
    if shown.empty:
        return shown
    urls = dataset.sources.set_index("source_id")["url"].to_dict()
    out = shown.drop(columns=["hollow"]).assign(url=[urls.get(s, "") for s in shown["source_id"]])
    out.insert(0, "target_id", target.id)
    out = out[DOWNLOAD_COLUMNS_FIRST + [c for c in out.columns if c not in DOWNLOAD_COLUMNS_FIRST]]
    return out.sort_values(["indicator_id", "year", "series", "source_id"]).reset_index(drop=True)


def target_view(dataset: Dataset, target: Target, a: Assessment, as_of_year: int, repository_url: str = "", edition: str = "") -> TargetView:
    """repository_url: the project's repository, for the "open an issue" link (none without it);
    edition: the edition the section is published in, named in that issue."""
    indicators = dataset.registry.indicators
    indicator = indicators.get(target.indicator) if target.indicator else None
    own = None
    if indicator is not None:
        points, _ = series_for(target, dataset)  # a cumulative target charts its running sums
        own = _series(dataset, indicator, as_of_year, points)
    context, gaps = [], []
    for indicator_id in target.context:
        series = _series(dataset, indicators[indicator_id], as_of_year)
        if series is None:
            gaps.append(indicators[indicator_id])
        else:
            context.append(series)
    shown = _shown(own, context)
    return TargetView(
        target=target, assessment=a, indicator=indicator, own=own,
        context=context, missing_context=gaps, share_figures=share_figures(dataset, target, as_of_year) if target.context else [],
        evidence_records=_evidence_records(dataset, target, as_of_year), searches=searches_for(dataset, target),
        source_rows=_sources(dataset, shown), download=_download(dataset, target, shown),
        standing_tables=standing_tables(dataset, [i for i in [target.indicator, *target.context] if i], as_of_year),
        sources_frame=dataset.sources, repository_url=repository_url, edition=edition,
    )


def standing_tables(dataset: Dataset, indicator_ids: list[str], as_of_year: int) -> list[tuple[Indicator, pd.DataFrame]]:
    """For each series with an all-province table: its rows of provinces.standing up to the as-of year."""
    from .provinces import zhejiang_standing

    imported = set(dataset.snapshots.panel["indicator_id"].unique()) if not dataset.snapshots.panel.empty else set()
    out = []
    for indicator_id in (i for i in indicator_ids if i in imported):  # most targets have no provincial table
        rows = zhejiang_standing(dataset, indicator_id)
        rows = rows[rows["year"] <= as_of_year]
        if not rows.empty:
            out.append((dataset.registry.indicators[indicator_id], rows))
    return out


def _standing_words(indicator: Indicator, rows: pd.DataFrame) -> dict:
    """The provincial table of one series in the page's language: its figures in one display unit
    and one precision, the ones its figures need (figure_column)."""
    from .provinces import row_rank_note, row_total_label

    values = figure_column(list(rows["value"]), rows.iloc[0].unit)
    return {
        "indicator": indicator,
        "rows": [{"year": int(r.year), "value": value, "rank": row_rank_note(r),
                  "share": "" if pd.isna(r.share) else f"{r.share:.1f}%"} for r, value in zip(rows.itertuples(), values)],
        "total_label": row_total_label(rows.iloc[-1]),
    }


def provincial_standing(dataset: Dataset, indicator_ids: list[str], as_of_year: int) -> list[dict]:
    """For each series with an all-province table: Zhejiang's value, its rank among the provinces
    and its share of the national total, year by year, with what the total is, in the page's language."""
    return [_standing_words(indicator, rows) for indicator, rows in standing_tables(dataset, indicator_ids, as_of_year)]

