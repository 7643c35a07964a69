"""A catalogue of bad inputs: each is rejected with a message naming the file (and row, field)
and stops the build before anything is published. Harmless spreadsheet habits are accepted."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from plantrack.dataset import load_dataset
from plantrack.edition import BuildError, Layout, build_edition

from conftest import ROOT, tree_digest
from helpers import append_csv, edit_csv, edit_yaml, read_csv, rejection, write_csv

NEXT_YEAR = str(dt.date.today().year + 1)


def replace_text(name, old, new):
    def apply(d: Path):
        path = d / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write_bytes(name, data: bytes):
    return lambda d: (d / name).write_bytes(data)


CATALOGUE = {
    "malformed CSV quote": (replace_text("observations.csv", '"网络零售额16,719亿元"', '"网络零售额16,719亿元'), "observations.csv"),
    "wrong encoding (GBK)": (write_bytes("sources.csv", "source_id,publisher\nx,浙江省统计局\n".encode("gbk")), "sources.csv"),
    "NUL bytes (a spreadsheet file renamed)": (write_bytes("evidence.csv", b"PK\x03\x04\x00\x00binary"), "evidence.csv"),
    "empty CSV file": (write_bytes("observations.csv", b""), "observations.csv"),
    "missing CSV file": (lambda d: (d / "sources.csv").unlink(), "sources.csv"),
    "missing YAML file": (lambda d: (d / "indicators.yaml").unlink(), "indicators.yaml"),
    "renamed column": (replace_text("observations.csv", ",quote,", ",quotation,"), "observations.csv"),
    "too many fields in a row": (replace_text("observations.csv", "sales,2015,7611,亿元,exact,", "sales,2015,7611,亿元,exact,extra,"), "observations.csv"),
    "duplicate target id": (replace_text("targets.yaml", "- id: com-villages", "- id: com-sales"), "targets.yaml"),
    "duplicate source id": (replace_text("sources.csv", "fx-news,", "fx-bulletin-2015,"), "sources.csv"),
    "duplicate key in one YAML entry": (replace_text("targets.yaml", "  deadline: 2017\n  indicator: sales", "  deadline: 2017\n  deadline: 2018\n  indicator: sales"), "targets.yaml"),
    "YAML tag constructing an object": (replace_text("areas.yaml", "title_en: Commerce (fixture)", "title_en: !!python/object/apply:os.system ['id']"), "areas.yaml"),
    "malformed YAML": (replace_text("indicators.yaml", "unit: 亿元", "unit: [亿元"), "indicators.yaml"),
    "empty YAML file": (write_bytes("targets.yaml", b""), "targets.yaml"),
    "YAML mapping instead of a list": (write_bytes("areas.yaml", b"id: commerce\n"), "areas.yaml"),
    "unknown field (typo) in YAML": (replace_text("targets.yaml", "  deadline: 2020", "  deadlin: 2020"), "targets.yaml"),
    "huge number": (lambda d: edit_csv(d / "observations.csv", 0, value="7611000000000000", quote="7611000000000000"), "observations.csv"),
    "negative number": (lambda d: edit_csv(d / "observations.csv", 0, value="-7611", quote="-7611亿元"), "observations.csv"),
    "not a number": (lambda d: edit_csv(d / "observations.csv", 0, value="about 7611"), "observations.csv"),
    "period in the future": (lambda d: edit_csv(d / "observations.csv", 0, period=NEXT_YEAR), "observations.csv"),
    "period malformed": (lambda d: edit_csv(d / "observations.csv", 0, period="2017/11"), "observations.csv"),
    "source published in the future": (lambda d: edit_csv(d / "sources.csv", 0, published=f"{NEXT_YEAR}-01-01"), "sources.csv"),
    "evidence dated in the future": (lambda d: edit_csv(d / "evidence.csv", 0, date=f"{NEXT_YEAR}-06"), "evidence.csv"),
    "unknown unit": (lambda d: edit_csv(d / "observations.csv", 0, unit="亿磅"), "observations.csv"),
    "unit of another dimension": (lambda d: edit_csv(d / "observations.csv", 0, unit="万户"), "observations.csv"),
    "value not in its quote": (lambda d: edit_csv(d / "observations.csv", 0, quote="全年网络零售额"), "observations.csv"),
    "unknown qualifier": (lambda d: edit_csv(d / "observations.csv", 0, qualifier="约"), "observations.csv"),
    "address that is not a web address": (lambda d: edit_csv(d / "sources.csv", 0, url="javascript:alert(1)"), "sources.csv"),
    "unknown source kind": (lambda d: edit_csv(d / "sources.csv", 0, kind="blog"), "sources.csv"),
    "unknown evidence grade": (lambda d: edit_csv(d / "evidence.csv", 0, state="finished"), "evidence.csv"),
    "unknown indicator of a target": (lambda d: edit_yaml(d / "targets.yaml", 0, indicator="gdp"), "targets.yaml"),
    "deadline before baseline": (lambda d: edit_yaml(d / "targets.yaml", 1, deadline=2016, baseline_year=2019), "targets.yaml"),
}


@pytest.mark.parametrize("case", list(CATALOGUE))
def test_bad_input_is_rejected_with_a_clear_message(data_dir, case):
    damage, file = CATALOGUE[case]
    damage(data_dir)
    issues = rejection(data_dir)
    assert any(issue.file == file for issue in issues), [str(i) for i in issues]
    assert all(str(issue).startswith(issue.file) for issue in issues)


def test_catalogue_is_large_enough():
    assert len(CATALOGUE) >= 25


@pytest.fixture
def published_site(tmp_path):
    """A site holding one published edition (fake pages), to check that nothing touches it."""
    site = tmp_path / "_build" / "site" / "2026.1"
    site.mkdir(parents=True)
    (site / "overview.html").write_text("<p>published</p>", encoding="utf-8")
    (site / "manifest.json").write_text(json.dumps({"edition": "2026.1"}), encoding="utf-8")
    return tmp_path / "_build"


@pytest.mark.parametrize("case", list(CATALOGUE))
def test_bad_input_stops_the_build_and_publishes_nothing(data_dir, published_site, case):
    damage, file = CATALOGUE[case]
    damage(data_dir)
    before = tree_digest(published_site)
    with pytest.raises(BuildError, match=file.replace(".", r"\.")):
        build_edition("2026.2", Layout(root=ROOT, data_dir=data_dir, build_dir=published_site), as_of_year=2026)
    assert tree_digest(published_site) == before


@pytest.mark.parametrize("habit", ["bom", "crlf", "header spaces", "value spaces", "trailing blank lines"])
def test_spreadsheet_habits_are_accepted(data_dir, habit):
    path = data_dir / "observations.csv"
    text = path.read_text(encoding="utf-8")
    if habit == "bom":
        path.write_bytes("\ufeff".encode() + text.encode())
    elif habit == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode())
    elif habit == "header spaces":
        header, rest = text.split("\n", 1)
        path.write_text(" , ".join(header.split(",")) + " \n" + rest, encoding="utf-8")
    elif habit == "value spaces":
        rows = read_csv(path)
        rows[0]["value"] = " 7611 "
        write_csv(path, rows)
    else:
        path.write_text(text + "\n\n", encoding="utf-8")
    assert len(load_dataset(data_dir).observations) == 10
