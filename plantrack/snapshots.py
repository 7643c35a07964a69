"""Snapshots of official tables: upstream files kept byte for byte under data/snapshots/<name>/,
each beside a metadata.yaml (producer, table, query, where the copy came from, its sha256).

Import is a separate step that reads a snapshot and can be re-run: the digest is checked first (an
edited snapshot is refused), then each row becomes figures for every province and year. The figures
of a `primary` snapshot become observations (Zhejiang's rows) and the all-province panel (for
ranks and shares); a `cross_check` snapshot of the same table is only compared with it, and every
figure on which two snapshots differ is reported as a disagreement.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal, Optional

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .evidence import Observation, Source
from .issues import DataIssue
from .registry import Registry, _pydantic_issues
from .units import convert, convertible

FOLDER = "snapshots"
METADATA = "metadata.yaml"
ZHEJIANG = "330000000000"  # the producer's 12-digit code for 浙江省
NATIONAL = "000000000000"  # a table's national row (全国), kept for shares but never ranked
FORMATS = ("nbs_panel", "nbs_esdata_raw", "nbs_bulletin_html")
# The provinces' 12-digit codes, by the short names bulletins print (浙　江 -> 浙江).
PROVINCE_CODES = {name: f"{code}0000000000" for name, code in (
    ("北京", "11"), ("天津", "12"), ("河北", "13"), ("山西", "14"), ("内蒙古", "15"), ("辽宁", "21"), ("吉林", "22"),
    ("黑龙江", "23"), ("上海", "31"), ("江苏", "32"), ("浙江", "33"), ("安徽", "34"), ("福建", "35"), ("江西", "36"),
    ("山东", "37"), ("河南", "41"), ("湖北", "42"), ("湖南", "43"), ("广东", "44"), ("广西", "45"), ("海南", "46"),
    ("重庆", "50"), ("四川", "51"), ("贵州", "52"), ("云南", "53"), ("西藏", "54"), ("陕西", "61"), ("甘肃", "62"),
    ("青海", "63"), ("宁夏", "64"), ("新疆", "65"))}
PROVINCE_CODES["全国"] = NATIONAL

PANEL_COLUMNS = ["snapshot", "indicator_id", "province", "province_code", "year", "value", "unit",
                 "value_std", "unit_std", "additive", "quote"]
DISAGREEMENT_COLUMNS = ["indicator_id", "province", "province_code", "year", "snapshot_a", "value_a",
                        "snapshot_b", "value_b", "unit"]
OVERLAP_COLUMNS = ["snapshot_a", "snapshot_b", "compared", "disagreements"]


class _Meta(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class License(_Meta):
    name: str = Field(min_length=1)
    url: str = ""


class Origin(_Meta):
    producer: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    date_published: str = ""
    url_main: str = Field(pattern=r"^https?://\S+$")
    url_download: str = Field(pattern=r"^https?://\S+$")
    date_accessed: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    citation_full: str = Field(min_length=1)
    license: License


class ObtainedVia(_Meta):
    repository: str = Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
    commit: str = Field(pattern=r"^[0-9a-f]{40}$")
    path: str = Field(min_length=1)
    fetch_script: str = Field(min_length=1)
    tabulation_script: Optional[str] = None
    note: str = ""


class Query(_Meta):
    endpoint: str = Field(pattern=r"^https?://\S+$")
    cid: str = Field(min_length=1)
    rootId: str = ""
    years: str = ""


class Table(_Meta):
    """Where a bulletin's table is: the first header row with a cell `marker` (its first column, such
    as 地区) and a cell for every indicator column; and the year the table describes."""
    marker: str = Field(min_length=1)
    data_year: int = Field(ge=2000, le=2100)


class Column(_Meta):
    column: str = Field(min_length=1)  # the column (panel), i_showname (raw response) or header cell (bulletin)
    indicator: str = Field(min_length=1)
    code: str = ""  # the producer's indicator id, as the repository records it
    unit: str = Field(min_length=1)  # the unit as published
    additive: bool  # provinces add up to a national total (counts, sums); false for shares and ratios


class Metadata(_Meta):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    file: str = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: Literal[FORMATS]
    role: Literal["primary", "cross_check"]
    cross_check_of: Optional[str] = None
    origin: Origin
    obtained_via: ObtainedVia
    query: Optional[Query] = None  # the producer's query, for tables from the query service
    table: Optional[Table] = None  # for a bulletin page: which table, and its year
    indicators: list[Column] = Field(min_length=1)


@dataclass(frozen=True)
class Figure:
    """One number of a snapshot: the value as written and the row it stands in."""
    indicator_id: str
    province: str
    province_code: str
    year: int
    value: str
    unit: str
    additive: bool
    quote: str  # the row as written in the file
    fields: tuple[str, ...] = ()  # the row's fields (cells), one of which is the value


@dataclass(frozen=True)
class SnapshotImport:
    snapshots: pd.DataFrame  # one row per snapshot: name, role, title, file, sha256, figures, provinces, years
    panel: pd.DataFrame  # all provinces' figures from the primary snapshots (PANEL_COLUMNS)
    overlaps: pd.DataFrame  # every pair of snapshots that share figures, with how many differ
    disagreements: pd.DataFrame  # every figure on which two snapshots differ
    sources: list[Source] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _where(meta_path: Path, data_dir: Path) -> str:
    return str(meta_path.relative_to(data_dir))


def read_metadata(folder: Path, data_dir: Path, issues: list[DataIssue]) -> Optional[Metadata]:
    """The snapshot's metadata, or None after reporting what is wrong with it."""
    path = folder / METADATA
    name = _where(path, data_dir)
    if not path.exists():
        issues.append(DataIssue(name, "", "", str(path), f"a {METADATA} beside every snapshot"))
        return None
    text = path.read_text(encoding="utf-8-sig")
    try:
        raw = yaml.safe_load(text)  # the safe loader only, as for the registry
    except yaml.YAMLError as exc:
        issues.append(DataIssue(name, "", "", str(exc).splitlines()[0], "well-formed YAML (safe subset)"))
        return None
    if not isinstance(raw, dict):
        issues.append(DataIssue(name, "", "", type(raw).__name__, "a mapping of field: value"))
        return None
    try:
        meta = Metadata.model_validate(raw)
    except ValidationError as exc:
        issues.extend(_pydantic_issues(name, "", raw, exc))
        return None
    if meta.name != folder.name:
        issues.append(DataIssue(name, "", "name", meta.name, f"the folder's name {folder.name!r}"))
        return None
    return meta


def verify(folder: Path, meta: Metadata, data_dir: Path) -> Optional[DataIssue]:
    """None when the file is the one recorded; otherwise the problem, naming both digests."""
    path = folder / meta.file
    where = str(path.relative_to(data_dir))
    if not path.exists():
        return DataIssue(where, "", "file", meta.file, "the snapshot's file beside its metadata.yaml")
    actual = sha256_of(path)
    if actual != meta.sha256:
        return DataIssue(where, "", "sha256", actual,
                         f"sha256 {meta.sha256} as recorded in {METADATA}: the file was edited or replaced after it "
                         "was kept (a snapshot is never edited; keep a new snapshot instead)")
    return None


def _lines(path: Path) -> list[str]:
    """The file's lines exactly as written, without line endings (and without a byte-order mark)."""
    return path.read_bytes().decode("utf-8-sig").splitlines()


def _number(text: str) -> Optional[str]:
    text = text.strip()
    if not text:
        return None
    try:
        Decimal(text)
    except InvalidOperation:
        return None
    return text


def read_panel(path: Path, meta: Metadata) -> tuple[list[Figure], list[str]]:
    """Figures of a wide table: one row per province and year, one column per indicator.

    The columns 省辖市代码 (the 12-digit code), 省份 and 年份 identify the row."""
    lines = _lines(path)
    header = next(csv.reader([lines[0]])) if lines else []
    missing = [c.column for c in meta.indicators if c.column not in header]
    missing += [c for c in ("省辖市代码", "省份", "年份") if c not in header]
    if missing:
        return [], missing
    figures = []
    for line in lines[1:]:
        if not line.strip():
            continue
        fields = next(csv.reader([line]))
        row = dict(zip(header, fields))
        for column in meta.indicators:
            value = _number(row.get(column.column, ""))
            if value is None:
                continue
            figures.append(Figure(column.indicator, row["省份"], row["省辖市代码"], int(row["年份"]), value,
                                  column.unit, column.additive, line, tuple(fields)))
    return figures, []


def read_esdata_raw(path: Path, meta: Metadata) -> tuple[list[Figure], list[str]]:
    """Figures of raw query responses: one row per province (省份名称, 省份代码) whose column JSON数据
    holds the response, {"data": [{"code": "2024YY", "values": [{"i_showname": ..., "value": ...}]}]}."""
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(text.splitlines(keepends=True)))
    wanted = {c.column: c for c in meta.indicators}
    seen: set[str] = set()
    figures = []
    for row in rows:
        response = json.loads(row["JSON数据"])
        for block in response.get("data", []):
            year = int(str(block["code"])[:4])
            for item in block.get("values", []):
                column = wanted.get(str(item.get("i_showname", "")).strip())
                if column is None:
                    continue
                seen.add(column.column)
                value = _number(str(item.get("value") or ""))
                if value is None:
                    continue
                quote = json.dumps({k: item.get(k) for k in ("i_showname", "_id", "da_name", "value", "du_name")}, ensure_ascii=False)
                figures.append(Figure(column.indicator, row["省份名称"], row["省份代码"], year, value,
                                      column.unit, column.additive, quote))
    return figures, [c for c in wanted if c not in seen] if rows else list(wanted)


_ROW = re.compile(r"<tr[^>]*>.*?</tr>", re.S | re.I)
_CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S | re.I)


def _cell_text(markup: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", markup))
    return re.sub(r"[\s\u3000]+", "", text)


def read_bulletin_html(path: Path, meta: Metadata) -> tuple[list[Figure], list[str]]:
    """Figures of a statistical bulletin's table by region (分地区), as the page was saved: the first
    table whose header row holds meta.table.marker and the indicator columns; one row per region, the
    first cell its name; the quote is the row's markup as written."""
    if meta.table is None:
        return [], ["table (marker and data_year) in metadata.yaml"]
    page = path.read_bytes().decode("utf-8-sig")
    rows = [(m.group(0), [_cell_text(c) for c in _CELL.findall(m.group(0))]) for m in _ROW.finditer(page)]
    wanted = [meta.table.marker] + [c.column for c in meta.indicators]
    start = next((i for i, (_, cells) in enumerate(rows) if all(w in cells for w in wanted)), None)
    if start is None:
        return [], [w for w in wanted if not any(w in cells for _, cells in rows)] or wanted
    header = rows[start][1]
    positions = {c.column: header.index(c.column) for c in meta.indicators}
    missing: list[str] = []
    figures, seen = [], set()
    for markup, cells in rows[start + 1:]:
        if not cells or cells[0] not in PROVINCE_CODES:
            if figures:
                break  # the table has ended
            continue
        code = PROVINCE_CODES[cells[0]]
        if code in seen:
            continue
        seen.add(code)
        for column in meta.indicators:
            position = positions.get(column.column)
            value = _number(cells[position]) if position is not None and position < len(cells) else None
            if value is not None:
                figures.append(Figure(column.indicator, cells[0], code, meta.table.data_year, value, column.unit,
                                      column.additive, markup, tuple(cells)))
    return figures, missing


READERS = {"nbs_panel": read_panel, "nbs_esdata_raw": read_esdata_raw, "nbs_bulletin_html": read_bulletin_html}


def _observation(raw: dict, fields: tuple[str, ...]) -> Observation:
    """An observation whose quote is a row of a table: the value must be one of the row's fields
    (cells), exactly.

    The general check (the value stands in the quote) reads "2024,977" in a CSV row as a number with a
    thousands separator, so it is applied to the value alone and the row is checked field by field."""
    checked = Observation.model_validate({**raw, "quote": raw["value"]})
    if raw["value"] not in fields or raw["value"] not in raw["quote"]:
        raise ValidationError.from_exception_data("Observation", [{
            "type": "value_error", "loc": ("quote",), "input": raw["quote"],
            "ctx": {"error": ValueError(f"the row to hold the value {raw['value']} as one of its fields")}}])
    return checked.model_copy(update={"quote": raw["quote"]})


def source_of(meta: Metadata) -> Source:
    """The producer's table, with the snapshot named in the source id."""
    return Source(source_id=meta.name, publisher=meta.origin.producer, title=meta.origin.title,
                  url=meta.origin.url_main, published=meta.origin.date_published, accessed=meta.origin.date_accessed,
                  kind="official_statistics", language="zh")


def _compare(figures: dict[str, list[Figure]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    keyed = {name: {(f.indicator_id, f.province_code, f.year): f for f in figs} for name, figs in figures.items()}
    names = sorted(keyed)
    overlaps, disagreements = [], []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = sorted(set(keyed[a]) & set(keyed[b]))
            if not shared:
                continue
            differ = 0
            for key in shared:
                fa, fb = keyed[a][key], keyed[b][key]
                if fa.unit == fb.unit:
                    equal = Decimal(fa.value) == Decimal(fb.value)
                else:
                    equal = convertible(fa.unit, fb.unit) and math.isclose(convert(fa.value, fa.unit, fb.unit), float(fb.value), rel_tol=1e-12)
                if not equal:
                    differ += 1
                    disagreements.append({"indicator_id": key[0], "province": fa.province, "province_code": key[1],
                                          "year": key[2], "snapshot_a": a, "value_a": fa.value, "snapshot_b": b,
                                          "value_b": fb.value, "unit": fa.unit if fa.unit == fb.unit else f"{fa.unit} / {fb.unit}"})
            overlaps.append({"snapshot_a": a, "snapshot_b": b, "compared": len(shared), "disagreements": differ})
    return pd.DataFrame(overlaps, columns=OVERLAP_COLUMNS), pd.DataFrame(disagreements, columns=DISAGREEMENT_COLUMNS)


def empty_import() -> SnapshotImport:
    return SnapshotImport(snapshots=pd.DataFrame(columns=["name", "role", "title", "file", "sha256", "figures", "provinces", "years"]),
                          panel=pd.DataFrame(columns=PANEL_COLUMNS), overlaps=pd.DataFrame(columns=OVERLAP_COLUMNS),
                          disagreements=pd.DataFrame(columns=DISAGREEMENT_COLUMNS))


def load_snapshots(data_dir: Path, registry: Registry, known_sources: set[str] = frozenset(),
                   check_references: bool = True) -> tuple[SnapshotImport, list[DataIssue]]:
    """Verify and import every snapshot under data_dir/snapshots; report every problem found."""
    data_dir = Path(data_dir)
    root = data_dir / FOLDER
    if not root.is_dir():
        return empty_import(), []
    issues: list[DataIssue] = []
    metas: dict[str, Metadata] = {}  # the snapshots that verified, to import
    declared: dict[str, str] = {}  # every snapshot with readable metadata: its role
    figures: dict[str, list[Figure]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        meta = read_metadata(folder, data_dir, issues)
        if meta is None:
            continue
        declared[meta.name] = meta.role
        where = _where(folder / METADATA, data_dir)
        problem = verify(folder, meta, data_dir)
        if problem is not None:
            issues.append(problem)
            continue
        for column in meta.indicators:
            indicator = registry.indicators.get(column.indicator)
            if indicator is None:
                if check_references:
                    issues.append(DataIssue(where, f"column {column.column!r}", "indicator", column.indicator, "an indicator id from indicators.yaml"))
            elif not convertible(column.unit, indicator.unit):
                issues.append(DataIssue(where, f"column {column.column!r}", "unit", column.unit, f"a unit convertible to the indicator's unit {indicator.unit!r}"))
        if meta.role == "primary" and meta.name in known_sources:
            issues.append(DataIssue(where, "", "name", meta.name, "a name not used as a source_id in sources.csv (the snapshot is its own source)"))
        try:
            found, missing = READERS[meta.format](folder / meta.file, meta)
        except (ValueError, KeyError, csv.Error) as exc:  # a malformed file: JSON, CSV or text
            issues.append(DataIssue(str((folder / meta.file).relative_to(data_dir)), "", "format", meta.format,
                                    f"a readable {meta.format} file ({type(exc).__name__}: {exc})"))
            continue
        for column in missing:
            issues.append(DataIssue(str((folder / meta.file).relative_to(data_dir)), "header", column, column,
                                    f"the column named in {METADATA} (indicators) to be in the file"))
        metas[meta.name] = meta
        figures[meta.name] = found
    for name, meta in metas.items():  # a refused primary is reported once, not again by its cross-checks
        if meta.role == "cross_check" and declared.get(str(meta.cross_check_of)) != "primary":
            issues.append(DataIssue(f"{FOLDER}/{name}/{METADATA}", "", "cross_check_of", str(meta.cross_check_of), "the name of a primary snapshot kept beside it"))

    sources, observations, panel_rows, summary = [], [], [], []
    for name, meta in metas.items():
        figs = figures[name]
        summary.append({"name": name, "role": meta.role, "title": meta.origin.title, "file": meta.file, "sha256": meta.sha256,
                        "figures": len(figs), "provinces": len({f.province_code for f in figs} - {NATIONAL}),
                        "years": f"{min(f.year for f in figs)}-{max(f.year for f in figs)}" if figs else ""})
        if meta.role != "primary":
            continue
        sources.append(source_of(meta))
        for f in figs:
            indicator = registry.indicators.get(f.indicator_id)
            ok = indicator is not None and convertible(f.unit, indicator.unit)
            panel_rows.append({"snapshot": name, "indicator_id": f.indicator_id, "province": f.province,
                               "province_code": f.province_code, "year": f.year, "value": f.value, "unit": f.unit,
                               "value_std": convert(f.value, f.unit, indicator.unit) if ok else float("nan"),
                               "unit_std": indicator.unit if ok else "", "additive": f.additive, "quote": f.quote})
            if f.province_code != ZHEJIANG or not ok:
                continue
            raw = {"indicator_id": f.indicator_id, "period": str(f.year), "value": f.value, "unit": f.unit, "qualifier": "exact",
                   "source_id": name, "quote": f.quote,
                   "note": f"Row of snapshot {name} ({meta.file}) as written; all provinces are in the snapshot's panel."}
            try:
                observations.append(_observation(raw, f.fields))
            except ValidationError as exc:
                issues.extend(_pydantic_issues(f"{FOLDER}/{name}/{meta.file}", f"{f.province} {f.year}", raw, exc))
    overlaps, disagreements = _compare(figures)
    result = SnapshotImport(
        snapshots=pd.DataFrame(summary, columns=["name", "role", "title", "file", "sha256", "figures", "provinces", "years"]),
        panel=pd.DataFrame(panel_rows, columns=PANEL_COLUMNS),
        overlaps=overlaps, disagreements=disagreements, sources=sources, observations=observations)
    return result, issues


def describe(imported: SnapshotImport) -> str:
    """A few lines for `make validate`: snapshots, figures and disagreements between overlapping snapshots."""
    if imported.snapshots.empty:
        return "No snapshots of official tables."
    primary = imported.snapshots[imported.snapshots["role"] == "primary"]
    lines = [f"{len(imported.snapshots)} snapshots of official tables ({len(primary)} imported, the rest cross-checks): "
             f"{len(imported.panel)} provincial figures, {len(imported.observations)} of them Zhejiang's observations."]
    for row in imported.overlaps.itertuples():
        lines.append(f"  {row.snapshot_a} ~ {row.snapshot_b}: {row.compared} figures compared, {row.disagreements} differ")
    for row in imported.disagreements.head(20).itertuples():
        lines.append(f"    differs: {row.indicator_id} {row.province} {row.year}: {row.value_a} ({row.snapshot_a}) vs {row.value_b} ({row.snapshot_b}) {row.unit}")
    if len(imported.disagreements) > 20:
        lines.append(f"    ... and {len(imported.disagreements) - 20} more")
    return "\n".join(lines)


def indicator_coverage(imported: SnapshotImport) -> pd.DataFrame:
    """Per imported indicator: its snapshots, the most provinces in a year, which years, and Zhejiang's years."""
    columns = ["indicator_id", "snapshot", "provinces", "years", "zhejiang_years"]
    rows = []
    for indicator, group in imported.panel.groupby("indicator_id", sort=True):
        names = sorted(set(group["snapshot"]))
        snapshot = names[0] if len(names) == 1 else f"{names[0]} ... ({len(names)} snapshots)"
        years = sorted(set(group["year"]))
        own = sorted(set(group[group["province_code"] == ZHEJIANG]["year"]))
        provinces = group[group["province_code"] != NATIONAL].groupby("year")["province_code"].nunique().max()
        rows.append({"indicator_id": indicator, "snapshot": snapshot, "provinces": provinces,
                     "years": f"{years[0]}-{years[-1]} ({len(years)})",
                     "zhejiang_years": f"{own[0]}-{own[-1]} ({len(own)})" if own else "none"})
    return pd.DataFrame(rows, columns=columns)
