"""Units as published, their dimension, and conversion into an indicator's unit.

Figures are stored as published (1.2 万亿元, 500 亿美元); every conversion happens here.
"""

from __future__ import annotations

from decimal import Decimal

# unit -> (dimension, factor to the dimension's base unit, which is the unit with factor 1: 亿元,
# 亿美元, 个, 户, 人, %, 万元/人, 点, 位, 亿吨, 万标准箱)
UNITS: dict[str, tuple[str, Decimal]] = {
    "元": ("yuan", Decimal("1e-8")),
    "万元": ("yuan", Decimal("1e-4")),
    "亿元": ("yuan", Decimal(1)),
    "万亿元": ("yuan", Decimal("1e4")),
    "billion yuan": ("yuan", Decimal(10)),
    "億元": ("yuan", Decimal(1)),
    "萬億元": ("yuan", Decimal("1e4")),
    "trillion yuan": ("yuan", Decimal("1e4")),
    "RMB trillion": ("yuan", Decimal("1e4")),
    "美元": ("usd", Decimal("1e-8")),
    "万美元": ("usd", Decimal("1e-4")),
    "亿美元": ("usd", Decimal(1)),
    "万亿美元": ("usd", Decimal("1e4")),
    "billion US dollars": ("usd", Decimal(10)),
    "billion U.S. dollars": ("usd", Decimal(10)),
    "億美元": ("usd", Decimal(1)),
    "个": ("count", Decimal(1)),
    "家": ("count", Decimal(1)),
    "处": ("count", Decimal(1)),
    "座": ("count", Decimal(1)),
    "项": ("count", Decimal(1)),
    "所": ("count", Decimal(1)),
    "万个": ("count", Decimal("1e4")),
    "万家": ("count", Decimal("1e4")),
    "万座": ("count", Decimal("1e4")),
    "scenic spots": ("count", Decimal(1)),
    "5G base stations": ("count", Decimal(1)),
    "future factories": ("count", Decimal(1)),
    "makerspaces": ("count", Decimal(1)),
    "enterprises": ("count", Decimal(1)),
    "high-tech companies": ("count", Decimal(1)),
    "萬個": ("count", Decimal("1e4")),
    "個": ("count", Decimal(1)),
    "萬家": ("count", Decimal("1e4")),
    "million": ("count", Decimal("1e6")),
    "户": ("households", Decimal(1)),
    "万户": ("households", Decimal("1e4")),
    "亿户": ("households", Decimal("1e8")),
    "人": ("persons", Decimal(1)),
    "万人": ("persons", Decimal("1e4")),
    "亿人": ("persons", Decimal("1e8")),
    "million users": ("persons", Decimal("1e6")),
    "台": ("count", Decimal(1)),
    "%": ("percent", Decimal(1)),
    "percent": ("percent", Decimal(1)),
    "元/美元": ("yuan_per_usd", Decimal(1)),  # an exchange rate: yuan per US dollar
    "万元/人": ("yuan_per_person", Decimal(1)),
    "元/人": ("yuan_per_person", Decimal("1e-4")),
    "yuan per person": ("yuan_per_person", Decimal("1e-4")),
    "点": ("index", Decimal(1)),
    "分": ("index", Decimal(1)),
    "index": ("index", Decimal(1)),  # an index published without a unit
    "位": ("rank", Decimal(1)),
    "名": ("rank", Decimal(1)),
    "吨": ("tonnes", Decimal("1e-8")),
    "万吨": ("tonnes", Decimal("1e-4")),
    "亿吨": ("tonnes", Decimal(1)),
    "億噸": ("tonnes", Decimal(1)),
    "million tons": ("tonnes", Decimal("0.01")),
    "million tonnes": ("tonnes", Decimal("0.01")),
    "billion tonnes": ("tonnes", Decimal(10)),
    "公里": ("km", Decimal(1)),
    "万公里": ("km", Decimal("1e4")),
    "GB": ("gigabytes", Decimal(1)),
    "万GB": ("gigabytes", Decimal("1e4")),
    "亿GB": ("gigabytes", Decimal("1e8")),
    "标准箱": ("teu", Decimal("1e-4")),
    "万标准箱": ("teu", Decimal(1)),
    "万标箱": ("teu", Decimal(1)),
    "萬標準箱": ("teu", Decimal(1)),
    "million standard containers": ("teu", Decimal(100)),
    "million TEUs": ("teu", Decimal(100)),
}


# The unit of one of each thing a reader counts: what words.py writes numbers in.
UNIT_OF_ONE = {"yuan": "元", "usd": "美元", "count": "个", "households": "户", "persons": "人", "yuan_per_person": "元/人",
               "tonnes": "吨", "km": "公里", "gigabytes": "GB", "teu": "标准箱"}


class UnitError(ValueError):
    pass


def convertible(from_unit: str, to_unit: str) -> bool:
    return from_unit in UNITS and to_unit in UNITS and UNITS[from_unit][0] == UNITS[to_unit][0]


def convert(value: Decimal | float | int | str, from_unit: str, to_unit: str) -> float:
    """Convert a published value into another unit of the same dimension."""
    if not convertible(from_unit, to_unit):
        raise UnitError(f"cannot convert {from_unit!r} into {to_unit!r}")
    factor = UNITS[from_unit][1] / UNITS[to_unit][1]
    return float(Decimal(str(value)) * factor)


def in_units_of_one(value: float, unit: str) -> float:
    """The value counted in ones (yuan, dollars, people, households, things): 1.2 万亿元 -> 1.2e12."""
    return convert(value, unit, UNIT_OF_ONE[UNITS[unit][0]])
