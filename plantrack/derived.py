"""Derived figures: a series published in yuan, converted into the US dollars of a target at the
annual average exchange rate of a cited official source, year by year.

A derived figure is never typed into data/: it is computed here from two cited observations (the
yuan figure and the year's rate), carries the formula and both inputs in its quote and note, is
marked `derived`, and counts as approximate. An indicator asks for it with `converted_from` (the
yuan series) and `rate` (the annual average rate series, yuan per US dollar); a year without both
full-year figures gets no derived figure: a gap stays a gap.
"""

from __future__ import annotations

import pandas as pd

from .evidence import Observation
from .registry import Indicator, Registry
from .units import convert


def _full_years(observations: pd.DataFrame, indicator_id: str) -> dict[int, pd.Series]:
    """One full-year figure per year (the first in file order), for a flow or an annual rate."""
    rows = observations[(observations["indicator_id"] == indicator_id) & (observations["period"].str.len() == 4)]
    return {int(r["year"]): r for _, r in rows.drop_duplicates("year", keep="first").iterrows()}


def derived_observations(observations: pd.DataFrame, registry: Registry) -> list[Observation]:
    out = []
    for indicator in registry.indicators.values():
        if not indicator.converted_from:
            continue
        source = registry.indicators[indicator.converted_from]
        amounts = _full_years(observations, source.id)
        rates = _full_years(observations, indicator.rate)
        for year in sorted(set(amounts) & set(rates)):
            out.append(_convert(indicator, source, amounts[year], rates[year]))
    return out


def _convert(indicator: Indicator, source: Indicator, amount: pd.Series, rate: pd.Series) -> Observation:
    yuan = convert(amount["value"], amount["unit"], "亿元")
    per_dollar = convert(rate["value"], rate["unit"], "元/美元")
    dollars = convert(yuan / per_dollar, "亿美元", indicator.unit)
    value = f"{dollars:.2f}"
    formula = (f"derived: {amount['value']} {amount['unit']} ÷ {rate['value']} {rate['unit']} = {value} {indicator.unit}")
    note = (f"Derived figure, not published as such: {source.name_en} for {amount['period']} ({amount['source_id']}: "
            f"\"{amount['quote']}\") divided by the annual average exchange rate ({rate['source_id']}: \"{rate['quote']}\").")
    return Observation(indicator_id=indicator.id, period=str(amount["period"]), value=value, unit=indicator.unit,
                       qualifier="approx", source_id=amount["source_id"], quote=formula, note=note)
