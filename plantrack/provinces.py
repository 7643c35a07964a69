"""Zhejiang among the provinces: rank and share of the national total, indicator by indicator and
year by year, from the all-province panels of the imported snapshots (plantrack/snapshots.py).

Rank: 1 is the largest value; provinces with equal values share the best of their ranks
("competition" ranking: 1, 2, 2, 4) and the tie is named. Share: Zhejiang's value over the table's
national figure (全国) where it has one, otherwise over the sum of the provinces with a figure,
labelled as such; only for additive series (counts and sums), never for shares or ratios, which do
not add up across provinces. A table's national row is never ranked.
"""

from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .i18n import _, pgettext
from .snapshots import NATIONAL, ZHEJIANG

PROVINCES = 31  # the provinces, autonomous regions and municipalities of the mainland
COLUMNS = ["indicator_id", "year", "province", "value", "unit", "rank", "ranked", "tied_with", "rank_note",
           "share", "total", "total_unit", "total_label", "snapshot", "additive", "national_name"]


def rank_note(rank: int, ranked: int, tied_with: list[str] | str = ()) -> str:
    """'2 of 31', '1 of 2 provinces with a figure (of 31), tied with 北京市', in the page's language."""
    if isinstance(tied_with, str):
        tied_with = [name for name in tied_with.split(", ") if name]
    if ranked == PROVINCES:
        note = _("{rank} of {ranked}").format(rank=rank, ranked=ranked)
    else:
        note = _("{rank} of {ranked} provinces with a figure (of {all})").format(rank=rank, ranked=ranked, all=PROVINCES)
    if tied_with:
        note = _("{rank_note}, tied with {provinces}").format(
            rank_note=note, provinces=pgettext("list of provinces", ", ").join(tied_with))
    return note


def total_label(additive: bool, national_name: str, ranked: int) -> str:
    """What Zhejiang's share is a share of, in the page's language."""
    if not additive:
        return _("no share: the series is a share or ratio, which does not add up across provinces")
    if national_name:
        return _("national figure in the table ({name})").format(name=national_name)
    if ranked == PROVINCES:
        return _("sum of the {n} provinces (no national figure in the table)").format(n=PROVINCES)
    return _("sum of the {ranked} provinces with a figure (of {all}; no national figure in the table)").format(ranked=ranked, all=PROVINCES)


def _field(row, name: str):
    return row[name] if isinstance(row, pd.Series) else getattr(row, name)  # a Series' .rank is a method


def row_rank_note(row) -> str:
    """The rank note of a row of `standing` (a Series or a named tuple), in the page's language
    (the row's own note is in the language the table was computed in)."""
    return rank_note(int(_field(row, "rank")), int(_field(row, "ranked")), _field(row, "tied_with"))


def row_total_label(row) -> str:
    return total_label(bool(_field(row, "additive")), _field(row, "national_name"), int(_field(row, "ranked")))


def standing(panel: pd.DataFrame, province_code: str = ZHEJIANG, indicator_id: str | None = None) -> pd.DataFrame:
    """One row per indicator and year in which the province has a figure (COLUMNS).

    `ranked` is the number of provinces with a figure that year; when it is not 31 the rank note says
    so, and the total is the sum of those provinces only. The rank note and the total's label are
    written in the language current when the table is computed; `row_rank_note` and
    `row_total_label` write them again in the page's language."""
    if indicator_id is not None:
        panel = panel[panel["indicator_id"] == indicator_id]
    rows = []
    for (indicator, year), group in panel.groupby(["indicator_id", "year"], sort=True):
        group = group.dropna(subset=["value_std"])
        national = group[group["province_code"] == NATIONAL]
        group = group[group["province_code"] != NATIONAL]
        own = group[group["province_code"] == province_code]
        if own.empty:
            continue
        me = own.iloc[0]
        larger = int((group["value_std"] > me.value_std).sum())
        rank = larger + 1
        tied = sorted(group[(group["value_std"] == me.value_std) & (group["province_code"] != province_code)]["province"])
        ranked = len(group)
        additive = bool(me.additive)
        total = float(group["value_std"].sum()) if additive else float("nan")
        national_name = ""
        if additive and not national.empty:
            total = float(national.iloc[0].value_std)
            national_name = national.iloc[0].province
        rows.append({
            "indicator_id": indicator, "year": int(year), "province": me.province, "value": float(me.value_std),
            "unit": me.unit_std, "rank": rank, "ranked": ranked, "tied_with": ", ".join(tied), "rank_note": rank_note(rank, ranked, tied),
            "share": float(me.value_std) / total * 100 if additive and total else float("nan"),
            "total": total, "total_unit": me.unit_std if additive else "", "total_label": total_label(additive, national_name, ranked),
            "snapshot": me.snapshot, "additive": additive, "national_name": national_name,
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def zhejiang_standing(dataset: Dataset, indicator_id: str | None = None) -> pd.DataFrame:
    """Zhejiang's value, rank among the provinces and share (%) of the national total, for every
    imported indicator (or one) and every year: the table the chapters show."""
    return standing(dataset.snapshots.panel, ZHEJIANG, indicator_id)
