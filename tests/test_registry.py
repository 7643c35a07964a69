"""The registry of areas, indicators and targets: what it accepts and what it rejects."""

from pathlib import Path

from plantrack.dataset import load_dataset, summary
from plantrack.registry import load_registry

from helpers import append_yaml, edit_yaml, only_issue, rejection

ROOT = Path(__file__).resolve().parent.parent


def test_fixture_loads_and_summary_counts_targets_by_area_and_kind(data_dir):
    dataset = load_dataset(data_dir)
    text = summary(dataset)
    assert "15 targets" in text
    assert "governance" in text and "milestone" in text


def test_real_registry_holds_every_area_and_is_valid():
    registry, issues = load_registry(ROOT / "data")
    assert issues == []
    assert len(registry.areas) == 12
    assert {t.area for t in registry.targets.values()} == set(registry.areas)
    # Every quantified target of the plan's 2017 goals is in the registry.
    assert {"com-online-sales-1-2tn", "com-crossborder-50bn", "inf-fibre-villages-95",
            "ent-maker-spaces-300", "inn-hightech-3000", "mfg-fusion-index-86"} <= set(registry.targets)


def test_unknown_area_is_rejected(data_dir):
    edit_yaml(data_dir / "targets.yaml", 0, area="cooking")
    issue = only_issue(data_dir)
    assert (issue.file, issue.field, issue.value) == ("targets.yaml", "area", "cooking")
    assert "entry 1" in issue.row and "commerce" in issue.expected


def test_duplicate_id_is_rejected_naming_the_first_use(data_dir):
    entries_path = data_dir / "targets.yaml"
    import yaml
    first = yaml.safe_load(entries_path.read_text(encoding="utf-8"))[3]
    append_yaml(entries_path, first)
    issue = only_issue(data_dir)
    assert (issue.field, issue.value) == ("id", "gov-cloud")
    assert issue.row.startswith("entry 16 ") and "entry 4 " in issue.expected


def test_missing_wording_is_rejected(data_dir):
    edit_yaml(data_dir / "targets.yaml", 1, wording_zh=None)
    issue = only_issue(data_dir)
    assert issue.field == "wording_zh" and "required" in issue.expected


def test_comparator_without_value_is_rejected(data_dir):
    edit_yaml(data_dir / "targets.yaml", 0, value=None)
    issues = rejection(data_dir)
    assert any("comparator without a value" in i.expected for i in issues)
    assert all(i.row.startswith("entry 1") for i in issues)


def test_unit_that_does_not_match_indicator_is_rejected(data_dir):
    edit_yaml(data_dir / "targets.yaml", 0, unit="亿美元")
    issue = only_issue(data_dir)
    assert (issue.field, issue.value) == ("unit", "亿美元")
    assert "亿元" in issue.expected


def test_deadline_before_baseline_is_rejected(data_dir):
    edit_yaml(data_dir / "targets.yaml", 2, deadline=2016, baseline_year=2018)
    issue = only_issue(data_dir)
    assert "deadline after the baseline year 2018" in issue.expected


def test_unknown_indicator_is_rejected(data_dir):
    edit_yaml(data_dir / "targets.yaml", 1, indicator="no_such_series")
    issue = only_issue(data_dir)
    assert (issue.field, issue.value) == ("indicator", "no_such_series")


def test_malformed_yaml_is_reported_with_its_line(data_dir):
    path = data_dir / "targets.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = "  clause: [unclosed"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    issue = only_issue(data_dir)
    assert issue.file == "targets.yaml"
    assert issue.row.startswith("line ")


def test_yaml_tag_that_would_construct_an_object_is_refused(data_dir):
    path = data_dir / "areas.yaml"
    path.write_text("- !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    issue = only_issue(data_dir)
    assert issue.file == "areas.yaml" and "line 1" in issue.row


def test_every_problem_is_reported_in_one_run(data_dir):
    edit_yaml(data_dir / "targets.yaml", 0, area="cooking")
    edit_yaml(data_dir / "targets.yaml", 1, indicator="nope")
    edit_yaml(data_dir / "indicators.yaml", 0, unit="furlongs")
    issues = rejection(data_dir)
    fields = {(i.file, i.field) for i in issues}
    assert {("targets.yaml", "area"), ("targets.yaml", "indicator"), ("indicators.yaml", "unit")} <= fields


def test_milestone_with_a_value_is_rejected(data_dir):
    edit_yaml(data_dir / "targets.yaml", 3, value=5, comparator=">=")
    issue = only_issue(data_dir)
    assert "milestone" in issue.expected


def test_rank_must_compare_lower_is_better(data_dir):
    edit_yaml(data_dir / "targets.yaml", 2, comparator=">=")
    issue = only_issue(data_dir)
    assert "lower is better" in issue.expected


def test_yaml_is_read_as_yaml_1_2_core_schema(data_dir):
    """YAML 1.1 would turn these into booleans and dates; the core schema keeps them as text."""
    path = data_dir / "areas.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title_en: Commerce (fixture)", "title_en: no").replace("clause: 二(五)", "clause: 2016-01-12")
    path.write_text(text, encoding="utf-8")
    area = load_dataset(data_dir).registry.areas["commerce"]
    assert (area.title_en, area.clause) == ("no", "2016-01-12")
