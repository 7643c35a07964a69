"""Snapshots of official tables: digests, import into observations, overlaps, and Zhejiang's rank
and share among the provinces. The fixture snapshots (tests/fixtures/snapshots) are a few rows
written for these tests, not real data."""

import shutil
from pathlib import Path

import pytest

from plantrack.cli import validate
from plantrack.dataset import load_dataset
from plantrack.provinces import standing, zhejiang_standing

from helpers import append_yaml, edit_yaml, only_issue, rejection

FIXTURE_SNAPSHOTS = Path(__file__).resolve().parent / "fixtures" / "snapshots"
PANEL = "fx-table-panel"
PANEL_FILE = "表_面板数据.csv"


@pytest.fixture
def with_snapshots(data_dir: Path) -> Path:
    """The fixture data with two snapshots of one table (a panel and the raw responses) and the
    two indicators they feed."""
    shutil.copytree(FIXTURE_SNAPSHOTS, data_dir / "snapshots")
    for id_, unit in (("fx_sales", "亿元"), ("fx_share", "%")):
        append_yaml(data_dir / "indicators.yaml", {"id": id_, "name_zh": id_, "name_en": id_, "unit": unit,
                                                   "definition": "Fixture indicator.", "definition_zh": "测试用的指标。",
                                                   "publisher": "国家统计局"})
    return data_dir


def panel_lines(data_dir: Path) -> list[str]:
    return (data_dir / "snapshots" / PANEL / PANEL_FILE).read_bytes().decode("utf-8-sig").splitlines()


def test_zhejiang_rows_become_observations_quoting_the_row_as_written(with_snapshots):
    dataset = load_dataset(with_snapshots)
    obs = dataset.observations[dataset.observations["source_id"] == PANEL]
    assert sorted(zip(obs.indicator_id, obs.period, obs.value, obs.unit)) == [
        ("fx_sales", "2017", "1500000.0", "万元"), ("fx_sales", "2018", "1700000.0", "万元"),
        ("fx_share", "2017", "12.0", "%"), ("fx_share", "2018", "13.5", "%")]
    lines = panel_lines(with_snapshots)
    assert set(obs.quote) == {"330000000000,浙江省,2018,1700000.0,13.5", "330000000000,浙江省,2017,1500000.0,12.0"}
    assert set(obs.quote) <= set(lines)
    sales_2017 = obs[(obs.indicator_id == "fx_sales") & (obs.period == "2017")].iloc[0]
    assert (sales_2017.value_std, sales_2017.unit_std) == (150.0, "亿元")  # 万元 into the indicator's 亿元


def test_each_primary_snapshot_is_an_official_source_naming_the_snapshot(with_snapshots):
    sources = load_dataset(with_snapshots).sources.set_index("source_id")
    row = sources.loc[PANEL]
    assert (row.publisher, row.kind, row.title, row.url, row.accessed) == (
        "国家统计局", "official_statistics", "分省年度数据：测试表", "http://127.0.0.1/fixture/nbs", "2026-11-29")
    assert "fx-table-raw" not in sources.index  # a cross-check is compared, not imported


def test_the_panel_keeps_every_province_but_only_zhejiang_is_observed(with_snapshots):
    dataset = load_dataset(with_snapshots)
    panel = dataset.snapshots.panel
    assert sorted(set(panel.province)) == ["北京市", "广东省", "浙江省"]
    assert len(panel) == 11  # 3 provinces x 2 years x 2 columns, less 广东省's empty 2018 sales
    assert set(dataset.observations[dataset.observations.source_id == PANEL].quote.str[:12]) == {"330000000000"}


def test_an_edited_snapshot_is_refused_naming_the_file_and_both_digests(with_snapshots):
    path = with_snapshots / "snapshots" / PANEL / PANEL_FILE
    recorded = (with_snapshots / "snapshots" / PANEL / "metadata.yaml").read_text(encoding="utf-8")
    expected = next(line.split(": ")[1] for line in recorded.splitlines() if line.startswith("sha256:"))
    path.write_bytes(path.read_bytes().replace(b"1700000.0", b"1800000.0"))
    issue = only_issue(with_snapshots)
    actual = __import__("hashlib").sha256(path.read_bytes()).hexdigest()
    assert issue.file == f"snapshots/{PANEL}/{PANEL_FILE}"
    assert (issue.field, issue.value) == ("sha256", actual)
    assert expected in issue.expected and "edited" in issue.expected
    assert expected in str(issue) and actual in str(issue)


def test_a_disagreement_between_overlapping_snapshots_is_reported(with_snapshots):
    dataset = load_dataset(with_snapshots)
    overlaps = dataset.snapshots.overlaps
    assert overlaps.to_dict("records") == [{"snapshot_a": PANEL, "snapshot_b": "fx-table-raw", "compared": 11, "disagreements": 1}]
    (row,) = dataset.snapshots.disagreements.to_dict("records")
    assert (row["indicator_id"], row["province"], row["year"], row["value_a"], row["value_b"]) == (
        "fx_sales", "浙江省", 2017, "1500000.0", "1510000.0")


def test_validate_prints_the_snapshots_and_their_disagreements(with_snapshots, capsys):
    assert validate(["--data", str(with_snapshots)]) == 0
    out = capsys.readouterr().out
    assert "2 snapshots of official tables (1 imported" in out
    assert "fx-table-panel ~ fx-table-raw: 11 figures compared, 1 differ" in out
    assert "fx_sales 浙江省 2017: 1500000.0 (fx-table-panel) vs 1510000.0 (fx-table-raw)" in out


def test_rank_and_share_among_the_provinces(with_snapshots):
    table = zhejiang_standing(load_dataset(with_snapshots)).set_index(["indicator_id", "year"])
    sales_2017 = table.loc[("fx_sales", 2017)]
    assert (sales_2017["rank"], sales_2017.ranked, sales_2017.share) == (2, 3, pytest.approx(30.0))
    assert sales_2017.total == pytest.approx(500.0) and sales_2017.total_unit == "亿元"
    assert "sum of the 3 provinces with a figure (of 31" in sales_2017.total_label
    sales_2018 = table.loc[("fx_sales", 2018)]  # 广东省 has no figure: the rank and the total say so
    assert (sales_2018["rank"], sales_2018.ranked, sales_2018.rank_note) == (1, 2, "1 of 2 provinces with a figure (of 31)")
    assert sales_2018.share == pytest.approx(1700000 / 3000000 * 100)


def test_ties_share_the_best_rank_and_are_named_and_ratios_get_no_share(with_snapshots):
    table = zhejiang_standing(load_dataset(with_snapshots), "fx_share").set_index("year")
    tied = table.loc[2017]
    assert (tied["rank"], tied.tied_with, tied.rank_note) == (1, "北京市", "1 of 3 provinces with a figure (of 31), tied with 北京市")
    assert table.loc[2018, "rank"] == 1 and table.loc[2018, "tied_with"] == ""
    assert table["share"].isna().all() and table["total_label"].str.startswith("no share").all()


def test_a_full_panel_is_labelled_the_sum_of_the_31_provinces():
    import pandas as pd

    rows = [{"snapshot": "s", "indicator_id": "x", "province": f"p{i}", "province_code": "330000000000" if i == 0 else str(i),
             "year": 2020, "value": str(i + 1), "unit": "个", "value_std": float(i + 1), "unit_std": "个", "additive": True, "quote": ""}
            for i in range(31)]
    (row,) = standing(pd.DataFrame(rows)).to_dict("records")
    assert (row["rank"], row["rank_note"], row["total"]) == (31, "31 of 31", float(sum(range(1, 32))))
    assert row["total_label"] == "sum of the 31 provinces (no national figure in the table)"


@pytest.mark.parametrize("old, new, where, field, value", [
    ("indicator: fx_share", "indicator: fx_nothing", "metadata.yaml", "indicator", "fx_nothing"),  # unknown indicator
    ("column: 比重 (%)", "column: 占比 (%)", PANEL_FILE, "占比 (%)", "占比 (%)"),  # column absent from the file
])
def test_a_wrong_column_mapping_is_reported(with_snapshots, old, new, where, field, value):
    path = with_snapshots / "snapshots" / PANEL / "metadata.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    issue = only_issue(with_snapshots)
    assert (issue.file, issue.field, issue.value) == (f"snapshots/{PANEL}/{where}", field, value)


def test_a_snapshot_without_metadata_or_without_its_file_is_reported(with_snapshots):
    (with_snapshots / "snapshots" / "fx-table-raw" / "metadata.yaml").unlink()
    (with_snapshots / "snapshots" / PANEL / PANEL_FILE).unlink()
    problems = {(i.file, i.field) for i in rejection(with_snapshots)}
    assert ("snapshots/fx-table-raw/metadata.yaml", "") in problems
    assert (f"snapshots/{PANEL}/{PANEL_FILE}", "file") in problems


def test_without_a_snapshots_folder_nothing_changes(data_dir):
    dataset = load_dataset(data_dir)
    assert dataset.snapshots.panel.empty and dataset.snapshots.disagreements.empty
    assert zhejiang_standing(dataset).empty


def test_coverage_lists_the_imported_indicators_with_provinces_and_years(with_snapshots, capsys):
    from plantrack.cli import coverage

    assert coverage(["--data", str(with_snapshots)]) == 0
    out = capsys.readouterr().out
    assert "Imported official tables (data/snapshots), per indicator:" in out
    assert [line.split() for line in out.splitlines() if line.strip().startswith("fx_")] == [
        ["fx_sales", PANEL, "3", "2017-2018", "(2)", "2017-2018", "(2)"],
        ["fx_share", PANEL, "3", "2017-2018", "(2)", "2017-2018", "(2)"]]


def test_a_bulletin_table_by_region_is_read_from_the_page_and_its_national_row_gives_the_share(data_dir):
    shutil.copytree(FIXTURE_SNAPSHOTS.parent / "snapshot-bulletin", data_dir / "snapshots")
    for id_, unit in (("fx_rd", "亿元"), ("fx_rd_intensity", "%")):
        append_yaml(data_dir / "indicators.yaml", {"id": id_, "name_zh": id_, "name_en": id_, "unit": unit,
                                                   "definition": "Fixture indicator.", "definition_zh": "测试用的指标。",
                                                   "publisher": "国家统计局"})
    dataset = load_dataset(data_dir)
    obs = dataset.observations[dataset.observations.source_id == "fx-bulletin-2020"].set_index("indicator_id")
    # the table by region, not the industry table before it nor the one after it
    assert (obs.loc["fx_rd", "period"], obs.loc["fx_rd", "value"], obs.loc["fx_rd_intensity", "value"]) == ("2020", "100.0", "2.50")
    page = (data_dir / "snapshots" / "fx-bulletin-2020" / "bulletin.html").read_text(encoding="utf-8")
    quote = obs.loc["fx_rd", "quote"]
    assert quote.startswith("<tr") and quote.endswith("</tr>") and quote in page and "浙　江" in quote
    rd = zhejiang_standing(dataset, "fx_rd").iloc[0]
    assert (rd["rank"], rd.ranked, rd.share, rd.total_label) == (2, 2, pytest.approx(25.0), "national figure in the table (全国)")
    assert set(dataset.snapshots.panel.province_code) == {"000000000000", "110000000000", "330000000000"}


def test_a_target_with_an_imported_series_shows_zhejiang_among_the_provinces(with_snapshots):
    from plantrack.assess import assess_targets
    from plantrack.chapter import Report, where_zhejiang_stands
    from plantrack.html import render
    from plantrack.view import target_view

    edit_yaml(with_snapshots / "targets.yaml", 0, context=["cn_sales", "fx_sales", "fx_share"])
    dataset = load_dataset(with_snapshots)
    assessments = assess_targets(dataset, 2026)
    view = target_view(dataset, dataset.registry.targets["com-sales"], assessments["com-sales"], 2026)
    assert [s["indicator"].id for s in view.standing] == ["fx_sales", "fx_share"]
    sales = view.standing[0]["rows"]
    assert (sales[0]["year"], sales[0]["rank"], sales[0]["share"]) == (2017, "2 of 3 provinces with a figure (of 31)", "30.0%")
    html = render("provinces.html", view=view)
    assert "Zhejiang among the provinces" in html and "no share" in html  # a share series has no share of a total
    overview = where_zhejiang_stands(Report(dataset, assessments, "2026.1", 2026, with_snapshots)).data
    assert overview.count("<tr>") == 3  # the header and one row per imported series
    assert "2017: 2 of 3 provinces with a figure (of 31)" in overview
