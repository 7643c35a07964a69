"""A catalogue of bad inputs: each is rejected with a message naming the file (and row, field)
and stops the build before anything is published. Harmless spreadsheet habits are accepted."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from plantrack.dataset import load_dataset
from plantrack.build import BuildError, Layout, build_edition

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


# case -> (damage, where the message must point: the file, then its row or line, then the field)
CATALOGUE = {
    "malformed CSV quote": (replace_text("observations.csv", '"网络零售额16,719亿元"', '"网络零售额16,719亿元'), "observations.csv, line 5"),
    "wrong encoding (GBK)": (write_bytes("sources.csv", "source_id,publisher\nx,浙江省统计局\n".encode("gbk")), "sources.csv, byte 22"),
    "NUL bytes (a spreadsheet file renamed)": (write_bytes("evidence.csv", b"PK\x03\x04\x00\x00binary"), "evidence.csv: got 'NUL byte'"),
    "empty CSV file": (write_bytes("observations.csv", b""), "observations.csv: got 'empty file'"),
    "missing CSV file": (lambda d: (d / "sources.csv").unlink(), "sources.csv: got"),
    "missing YAML file": (lambda d: (d / "indicators.yaml").unlink(), "indicators.yaml: got"),
    "renamed column": (replace_text("observations.csv", ",quote,", ",quotation,"), "observations.csv, header, field 'quote'"),
    "too many fields in a row": (replace_text("observations.csv", "sales,2015,7611,亿元,exact,", "sales,2015,7611,亿元,exact,extra,"), "observations.csv, row 1 (line 2): got '9 fields'"),
    "duplicate target id": (replace_text("targets.yaml", "- id: com-villages", "- id: com-sales"), "targets.yaml, entry 2 (line 15), field 'id'"),
    "duplicate source id": (replace_text("sources.csv", "fx-news,", "fx-bulletin-2015,"), "sources.csv, row 3 (line 4), field 'source_id'"),
    "duplicate key in one YAML entry": (replace_text("targets.yaml", "  deadline: 2017\n  indicator: sales", "  deadline: 2017\n  deadline: 2018\n  indicator: sales"), "targets.yaml, line 12, field 'deadline'"),
    "YAML tag constructing an object": (replace_text("areas.yaml", "title_en: Commerce (fixture)", "title_en: !!python/object/apply:os.system ['id']"), "areas.yaml, line 4, column 13"),
    "malformed YAML": (replace_text("indicators.yaml", "unit: 亿元", "unit: [亿元"), "indicators.yaml, line 6, column 13"),
    "empty YAML file": (write_bytes("targets.yaml", b""), "targets.yaml: got 'empty file'"),
    "YAML mapping instead of a list": (write_bytes("areas.yaml", b"id: commerce\n"), "areas.yaml, line 1"),
    "unknown field (typo) in YAML": (replace_text("targets.yaml", "  deadline: 2020", "  deadlin: 2020"), "targets.yaml, entry 5 (line 44)"),
    "huge number": (lambda d: edit_csv(d / "observations.csv", 0, value="7611000000000000", quote="7611000000000000"), "observations.csv, row 1 (line 2), field 'value'"),
    "negative number": (lambda d: edit_csv(d / "observations.csv", 0, value="-7611", quote="-7611亿元"), "observations.csv, row 1 (line 2), field 'value'"),
    "not a number": (lambda d: edit_csv(d / "observations.csv", 0, value="about 7611"), "observations.csv, row 1 (line 2), field 'value'"),
    "period in the future": (lambda d: edit_csv(d / "observations.csv", 0, period=NEXT_YEAR), "observations.csv, row 1 (line 2), field 'period'"),
    "period malformed": (lambda d: edit_csv(d / "observations.csv", 0, period="2017/11"), "observations.csv, row 1 (line 2), field 'period'"),
    "source published in the future": (lambda d: edit_csv(d / "sources.csv", 0, published=f"{NEXT_YEAR}-01-01"), "sources.csv, row 1 (line 2), field 'published'"),
    "evidence dated in the future": (lambda d: edit_csv(d / "evidence.csv", 0, date=f"{NEXT_YEAR}-06"), "evidence.csv, row 1 (line 2), field 'date'"),
    "unknown unit": (lambda d: edit_csv(d / "observations.csv", 0, unit="亿磅"), "observations.csv, row 1 (line 2), field 'unit'"),
    "unit of another dimension": (lambda d: edit_csv(d / "observations.csv", 0, unit="万户"), "observations.csv, row 1 (line 2), field 'unit'"),
    "value not in its quote": (lambda d: edit_csv(d / "observations.csv", 0, quote="全年网络零售额"), "observations.csv, row 1 (line 2), field 'quote'"),
    "unknown qualifier": (lambda d: edit_csv(d / "observations.csv", 0, qualifier="约"), "observations.csv, row 1 (line 2), field 'qualifier'"),
    "address that is not a web address": (lambda d: edit_csv(d / "sources.csv", 0, url="javascript:alert(1)"), "sources.csv, row 1 (line 2), field 'url'"),
    "unknown source kind": (lambda d: edit_csv(d / "sources.csv", 0, kind="blog"), "sources.csv, row 1 (line 2), field 'kind'"),
    "unknown evidence grade": (lambda d: edit_csv(d / "evidence.csv", 0, state="finished"), "evidence.csv, row 1 (line 2), field 'state'"),
    "unknown indicator of a target": (lambda d: edit_yaml(d / "targets.yaml", 0, indicator="gdp"), "targets.yaml, entry 1 (line 1), field 'indicator'"),
    "deadline before baseline": (lambda d: edit_yaml(d / "targets.yaml", 1, deadline=2016, baseline_year=2019), "targets.yaml, entry 2 (line 15)"),
}


@pytest.mark.parametrize("case", list(CATALOGUE))
def test_bad_input_is_rejected_with_a_clear_message(data_dir, case):
    damage, where = CATALOGUE[case]
    damage(data_dir)
    messages = [str(issue) for issue in rejection(data_dir)]
    assert any(message.startswith(where) for message in messages), messages


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
    damage, where = CATALOGUE[case]
    damage(data_dir)
    before = tree_digest(published_site)
    with pytest.raises(BuildError) as caught:
        build_edition("2026.2", Layout(root=ROOT, data_dir=data_dir, build_dir=published_site, cache=published_site / "cache"),
                      as_of_year=2026)
    assert where in str(caught.value)
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
