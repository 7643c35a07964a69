"""The registry of areas, indicators and targets: what it accepts and what it rejects."""

import re
from pathlib import Path

import pytest

from plantrack.dataset import load_dataset, summary
from plantrack.i18n import language, local
from plantrack.registry import Area, Indicator, Target, load_registry

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


@pytest.mark.parametrize("field", ["title_zh", "title_en"])
def test_two_areas_with_one_title_are_refused_naming_the_first(data_dir, field):
    """Readers tell chapters apart by their titles, in the table of contents of either language."""
    import yaml

    first = yaml.safe_load((data_dir / "areas.yaml").read_text(encoding="utf-8"))[0]
    edit_yaml(data_dir / "areas.yaml", 1, **{field: first[field]})
    issue = only_issue(data_dir)
    assert (issue.file, issue.field, issue.value) == ("areas.yaml", field, first[field])
    assert "entry 2" in issue.row and "already used by entry 1" in issue.expected


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


@pytest.mark.parametrize("file, index, entry_id, changes, field", [
    ("areas.yaml", 0, "commerce", {"description_zh": None}, "description_zh"),
    ("areas.yaml", 0, "commerce", {"introduction_zh": ""}, "introduction_zh"),
    ("areas.yaml", 1, "governance", {"agencies_note": "The plan names no agency here."}, "agencies_note_zh"),
    ("indicators.yaml", 0, "sales", {"definition_zh": "   "}, "definition_zh"),
    ("indicators.yaml", 1, "village_share", {"caveats": "Counts part of the villages."}, "caveats_zh"),
    ("targets.yaml", 0, "com-sales", {"proxy_zh": None}, "proxy_zh"),
    ("targets.yaml", 3, "gov-cloud", {"deadline_note": "The clause sets no date."}, "deadline_note_zh"),
])
def test_english_prose_without_its_chinese_is_refused_naming_file_entry_and_field(data_dir, file, index, entry_id, changes, field):
    """A Chinese page would have nothing to show in its place: refused before any page is built."""
    edit_yaml(data_dir / file, index, **changes)
    issue = only_issue(data_dir)
    assert (issue.file, issue.field) == (file, field)
    assert issue.row.startswith(f"entry {index + 1} (line ")
    shown = str(issue)
    assert shown.startswith(f"{file}, entry {index + 1} (line ") and f"field '{field}'" in shown
    assert entry_id in shown and "Chinese" in shown and "required" in shown


def test_chinese_prose_without_its_english_is_refused(data_dir):
    edit_yaml(data_dir / "targets.yaml", 0, proxy=None)  # proxy_zh stays
    issue = only_issue(data_dir)
    assert (issue.file, issue.field, issue.value) == ("targets.yaml", "proxy_zh", "测试用的替代指标理由。")
    assert "com-sales" in issue.expected and "without its English" in issue.expected


def test_a_missing_required_english_field_is_reported_once(data_dir):
    """description is required: its absence is the problem, not the Chinese left beside it."""
    edit_yaml(data_dir / "areas.yaml", 1, description=None)
    issues = [i for i in rejection(data_dir) if i.file == "areas.yaml"]  # its targets then name an unknown area
    assert [(i.field, "required" in i.expected) for i in issues] == [("description", True)]


def test_prose_in_both_languages_is_accepted(data_dir):
    edit_yaml(data_dir / "areas.yaml", 1, agencies_note="The plan names no agency here.", agencies_note_zh="《行动计划》在此未列明责任单位。")
    edit_yaml(data_dir / "targets.yaml", 3, deadline_note="The clause sets no date.", deadline_note_zh="该条款未规定完成时间。")
    registry = load_dataset(data_dir).registry
    with language("zh"):
        assert local(registry.areas["governance"], "agencies_note") == "《行动计划》在此未列明责任单位。"
        assert local(registry.targets["gov-cloud"], "deadline_note") == "该条款未规定完成时间。"
    assert local(registry.targets["gov-cloud"], "deadline_note") == "The clause sets no date."


PROSE_MODELS = (Area, Indicator, Target)


def prose_pairs(registry):
    """(entry id, field, English, Chinese) for every English prose field written in the registry."""
    for entries in (registry.areas, registry.indicators, registry.targets):
        for entry in entries.values():
            for field in type(entry).prose:
                if getattr(entry, field):
                    yield entry.id, field, getattr(entry, field), getattr(entry, f"{field}_zh")


def test_real_registry_has_chinese_for_every_english_prose_field():
    """What a Chinese page shows in place of each English text: present, in Chinese (not the
    English copied), punctuated as Chinese publications are, and what `local` gives a Chinese page."""
    registry, issues = load_registry(ROOT / "data")
    assert issues == []
    assert {m.__name__: m.prose for m in PROSE_MODELS} == {
        "Area": ("description", "introduction", "agencies_note"), "Indicator": ("definition", "caveats"),
        "Target": ("proxy", "deadline_note")}
    pairs = list(prose_pairs(registry))
    # every area has a description and an introduction, every indicator a definition
    assert len(pairs) >= 2 * len(registry.areas) + len(registry.indicators)
    missing = [(i, f) for i, f, _, zh in pairs if not zh]
    assert not missing, missing
    not_chinese = [(i, f, zh) for i, f, _, zh in pairs  # ids, units and acronyms may stay; English phrases may not
                   if not re.search(r"[\u4e00-\u9fff]", zh) or re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", zh)]
    assert not not_chinese, not_chinese
    half_width = [(i, f, zh) for i, f, _, zh in pairs
                  if re.search(r"[\u4e00-\u9fff][,.:;()?!]|[,:;(?!][\u4e00-\u9fff]", zh) or not zh.endswith(("。", "）"))]
    assert not half_width, half_width
    entries = {**registry.areas, **registry.indicators, **registry.targets}
    with language("zh"):
        assert all(local(entries[i], f) == zh for i, f, _, zh in pairs)


SCALE_EN = {"trillion": 1e12, "billion": 1e9, "million": 1e6}
SCALE_ZH = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "five": 5, "eleven": 11}


def figures_en(text: str) -> tuple[set, set]:
    """The figures written in digits (3,000; 1.2 trillion), and those written in words."""
    digits = {float(n.replace(",", "")) * SCALE_EN.get(scale, 1)
              for n, scale in re.findall(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?:\s+(trillion|billion|million))?", text)}
    return digits, {NUMBER_WORDS[w.lower()] for w in re.findall(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", text, re.I)}


def figures_zh(text: str) -> set:
    found = {float(n) * SCALE_ZH.get(scale, 1) for n, scale in re.findall(r"(\d+(?:\.\d+)?)(万亿|亿|万)?", text)}
    return found | ({100.0} if "每百" in text else set())  # 每百户, 每百家, 每百人: per 100, as statistics write it


def test_real_chinese_prose_holds_the_figures_of_the_english():
    """Each figure of the English is in the Chinese, the same amount (3,000 as 3000, 1.2 trillion
    as 1.2万亿, 50 billion as 500亿), and the Chinese has no figure the English lacks."""
    registry, _ = load_registry(ROOT / "data")
    wrong = []
    for entry_id, field, english, chinese in prose_pairs(registry):
        digits, words = figures_en(english)
        found = figures_zh(chinese)
        if not digits <= found or not found <= digits | words:
            wrong.append((entry_id, field, sorted(digits), sorted(found)))
    assert not wrong, wrong
    assert figures_zh("网络销售额突破1.2万亿元，跨境电子商务交易额达500亿美元") == figures_en("1.2 trillion yuan, 50 billion US dollars")[0]
