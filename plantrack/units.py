"""Units as published, their dimension, and conversion into an indicator's unit.

Figures are stored as published (1.2 万亿元, 500 亿美元); every conversion happens here.
"""

from __future__ import annotations

from decimal import Decimal

from .i18n import N_, SOURCE, _, current

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


# Every unit's name for readers, in English (the msgid; the Chinese entry is the simplified Chinese
# unit: '100 million yuan' -> '亿元'). Show a unit with unit_name(), never as it is stored.
UNIT_NAMES = {
    "元": N_("yuan"), "万元": N_("10,000 yuan"), "亿元": N_("100 million yuan"), "万亿元": N_("trillion yuan"),
    "billion yuan": N_("billion yuan"), "億元": N_("100 million yuan"), "萬億元": N_("trillion yuan"), "trillion yuan": N_("trillion yuan"),
    "RMB trillion": N_("trillion yuan"),
    "美元": N_("US dollars"), "万美元": N_("10,000 US dollars"), "亿美元": N_("100 million US dollars"), "万亿美元": N_("trillion US dollars"),
    "billion US dollars": N_("billion US dollars"), "billion U.S. dollars": N_("billion US dollars"), "億美元": N_("100 million US dollars"),
    "个": N_("units"), "家": N_("firms"), "处": N_("sites"), "座": N_("facilities"), "项": N_("items"), "所": N_("institutions"),
    "万个": N_("10,000 units"), "万家": N_("10,000 firms"), "万座": N_("10,000 facilities"),
    "scenic spots": N_("scenic spots"), "5G base stations": N_("5G base stations"), "future factories": N_("future factories"),
    "makerspaces": N_("makerspaces"), "enterprises": N_("enterprises"), "high-tech companies": N_("high-tech companies"),
    "萬個": N_("10,000 units"), "個": N_("units"), "萬家": N_("10,000 firms"), "million": N_("million"),
    "户": N_("households"), "万户": N_("10,000 households"), "亿户": N_("100 million households"),
    "人": N_("people"), "万人": N_("10,000 people"), "亿人": N_("100 million people"), "million users": N_("million users"),
    "台": N_("machines"), "%": N_("per cent"), "percent": N_("per cent"), "元/美元": N_("yuan per US dollar"),
    "万元/人": N_("10,000 yuan per person"), "元/人": N_("yuan per person"), "yuan per person": N_("yuan per person"),
    "点": N_("points"), "分": N_("score points"), "index": N_("index"), "位": N_("rank"), "名": N_("place in a ranking"),
    "吨": N_("tonnes"), "万吨": N_("10,000 tonnes"), "亿吨": N_("100 million tonnes"), "億噸": N_("100 million tonnes"),
    "million tons": N_("million tonnes"), "million tonnes": N_("million tonnes"), "billion tonnes": N_("billion tonnes"),
    "公里": N_("km"), "万公里": N_("10,000 km"), "GB": N_("GB"), "万GB": N_("10,000 GB"), "亿GB": N_("100 million GB"),
    "标准箱": N_("TEU"), "万标准箱": N_("10,000 TEU"), "万标箱": N_("10,000 TEU"), "萬標準箱": N_("10,000 TEU"),
    "million standard containers": N_("million TEU"), "million TEUs": N_("million TEU"),
}


_TRADITIONAL = str.maketrans("萬億個噸標準", "万亿个吨标准")


def simplified(unit: str) -> str:
    """A unit published in traditional characters as simplified Chinese writes it: 萬億元 -> 万亿元."""
    return unit.translate(_TRADITIONAL)


def is_chinese(unit: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in unit)


def unit_name(unit: str) -> str:
    """A unit as readers of the page's language write it. English: its English name ('亿元' ->
    '100 million yuan'). Chinese: a Chinese unit as published, in simplified characters ('億元' ->
    '亿元'), an English one from the catalogue ('billion yuan' -> '十亿元'). An unknown unit as it is."""
    if current() != SOURCE and is_chinese(unit):
        return simplified(unit)
    return _(UNIT_NAMES[unit]) if unit in UNIT_NAMES else unit


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
