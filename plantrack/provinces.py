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
from .snapshots import NATIONAL, ZHEJIANG

PROVINCES = 31  # the provinces, autonomous regions and municipalities of the mainland
COLUMNS = ["indicator_id", "year", "province", "value", "unit", "rank", "ranked", "tied_with", "rank_note",
           "share", "total", "total_unit", "total_label", "snapshot"]


def standing(panel: pd.DataFrame, province_code: str = ZHEJIANG, indicator_id: str | None = None) -> pd.DataFrame:
    """One row per indicator and year in which the province has a figure (COLUMNS).

    `ranked` is the number of provinces with a figure that year; when it is not 31 the rank note says
    so, and the total is the sum of those provinces only."""
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
        note = f"{rank} of {ranked}" + ("" if ranked == PROVINCES else f" provinces with a figure (of {PROVINCES})")
        if tied:
            note += f", tied with {', '.join(tied)}"
        additive = bool(me.additive)
        total = float(group["value_std"].sum()) if additive else float("nan")
        if not additive:
            label = "no share: the series is a share or ratio, which does not add up across provinces"
        elif not national.empty:
            total = float(national.iloc[0].value_std)
            label = f"national figure in the table ({national.iloc[0].province})"
        elif ranked == PROVINCES:
            label = f"sum of the {PROVINCES} provinces (no national figure in the table)"
        else:
            label = f"sum of the {ranked} provinces with a figure (of {PROVINCES}; no national figure in the table)"
        rows.append({
            "indicator_id": indicator, "year": int(year), "province": me.province, "value": float(me.value_std),
            "unit": me.unit_std, "rank": rank, "ranked": ranked, "tied_with": ", ".join(tied), "rank_note": note,
            "share": float(me.value_std) / total * 100 if additive and total else float("nan"),
            "total": total, "total_unit": me.unit_std if additive else "", "total_label": label, "snapshot": me.snapshot,
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def zhejiang_standing(dataset: Dataset, indicator_id: str | None = None) -> pd.DataFrame:
    """Zhejiang's value, rank among the provinces and share (%) of the national total, for every
    imported indicator (or one) and every year: the table the chapters show."""
    return standing(dataset.snapshots.panel, ZHEJIANG, indicator_id)
