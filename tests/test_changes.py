"""What changed between two editions: compare_editions on the fixture data, edge by edge."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from plantrack.assess import assess_all
from plantrack.changes import compare_editions
from plantrack.dataset import load_dataset

from conftest import FIXTURE
from helpers import append_csv, edit_csv


@pytest.fixture
def previous(tmp_path) -> Path:
    """The fixture data as a previous edition publishes it: its files and its assessment."""
    folder = tmp_path / "previous"
    shutil.copytree(FIXTURE, folder)
    assess_all(load_dataset(folder), 2026).to_csv(folder / "assessment.csv", index=False)
    return folder


def changes_to(previous: Path, data: Path, assessment=None):
    dataset = load_dataset(data)
    table = assess_all(dataset, 2026) if assessment is None else assessment
    return compare_editions(previous, dataset.observations, dataset.sources, table)


def test_the_same_data_changes_nothing(previous, data_dir):
    found = changes_to(previous, data_dir)
    assert all(frame.empty for frame in (found.added, found.removed, found.revised, found.verdicts, found.new_sources))
    assert found.new_targets == found.dropped_targets == []


def test_a_new_value_is_a_revision_and_a_corrected_quote_is_not(previous, data_dir):
    edit_csv(data_dir / "observations.csv", 1, value="10400", quote="上年网络零售额10400亿元")
    edit_csv(data_dir / "observations.csv", 0, quote="全省全年网络零售额7611亿元")
    found = changes_to(previous, data_dir)
    assert [(r.indicator_id, r.period, r.value_old, r.value_new) for r in found.revised.itertuples()] == [
        ("sales", "2016", "10307", "10400")]
    assert found.added.empty and found.removed.empty


def test_the_same_figure_in_another_unit_or_qualifier_is_a_revision(previous, data_dir):
    edit_csv(data_dir / "observations.csv", 1, value="1.0307", unit="万亿元", quote="上年网络零售额1.0307万亿元")
    edit_csv(data_dir / "observations.csv", 2, qualifier="approx")
    found = changes_to(previous, data_dir)
    assert [(r.period, r.unit_old, r.unit_new, r.qualifier_old, r.qualifier_new) for r in found.revised.itertuples()] == [
        ("2016", "亿元", "万亿元", "exact", "exact"), ("2017", "万亿元", "万亿元", "more_than", "approx")]


def test_a_figure_from_a_new_source_is_added_with_its_source(previous, data_dir):
    append_csv(data_dir / "sources.csv", source_id="fx-later", publisher="Fixture paper", title="Later", url="http://127.0.0.1/later",
               published="2020-01", accessed="2026-11-28", kind="news", language="zh")
    append_csv(data_dir / "observations.csv", indicator_id="village_share", period="2019", value="98", unit="%",
               qualifier="exact", source_id="fx-later", quote="覆盖率98%")
    found = changes_to(previous, data_dir)
    assert [(r.indicator_id, r.period, r.value) for r in found.added.itertuples()] == [("village_share", "2019", "98")]
    assert list(found.new_sources["source_id"]) == ["fx-later"]
    # 98% in 2019 meets 95% now; the verdict at the 2017 deadline stays borderline
    assert [(r.target_id, r.verdict_old, r.verdict_new, r.status_now_old, r.status_now_new) for r in found.verdicts.itertuples()] == [
        ("com-villages", "borderline", "borderline", "borderline", "met")]


def test_targets_added_and_dropped_are_named_and_not_counted_as_changed_verdicts(previous, data_dir):
    table = assess_all(load_dataset(data_dir), 2026)
    table = table[table["target_id"] != "gov-open"]
    table = pd.concat([table, table.iloc[[0]].assign(target_id="com-new", verdict="not met")], ignore_index=True)
    found = changes_to(previous, data_dir, table)
    assert (found.new_targets, found.dropped_targets) == (["com-new"], ["gov-open"])
    assert found.verdicts.empty
