"""Edition names: which are valid, their natural order, and which edition a new one compares with."""

from __future__ import annotations

import json

import pytest

from plantrack.build.plan import previous_edition
from plantrack.edition import edition_order, is_edition_name
from plantrack.site import editions


@pytest.mark.parametrize("name, valid", [
    ("2026.11", True), ("2026.9", True), ("2026.11.2", True),
    ("2026", False), ("26.11", False), ("2026.11.", False), ("latest", False), ("2026.11; rm", False), (202611, False),
])
def test_edition_names(name, valid):
    assert is_edition_name(name) is valid


def test_editions_sort_in_natural_order():
    names = ["2026.10", "2026.9", "2026.11.2", "2026.11", "2025.12", "2026.11.10"]
    assert sorted(names, key=edition_order) == ["2025.12", "2026.9", "2026.10", "2026.11", "2026.11.2", "2026.11.10"]


def publish(site, name: str, with_data: bool = True) -> None:
    folder = site / name
    (folder / "data").mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"edition": name}), encoding="utf-8")
    if with_data:
        (folder / "data" / "observations.csv").write_text("indicator_id\n", encoding="utf-8")


def test_published_editions_are_listed_oldest_first_and_unfinished_folders_are_not(tmp_path):
    for name in ("2026.10", "2026.9", "2026.11"):
        publish(tmp_path, name)
    (tmp_path / ".incoming-2026.12").mkdir()
    (tmp_path / "2026.12").mkdir()  # no manifest: not a published edition
    assert editions(tmp_path) == ["2026.9", "2026.10", "2026.11"]


def test_a_new_edition_compares_with_the_newest_other_edition_that_has_data(tmp_path):
    assert previous_edition(tmp_path / "no-site", "2026.11") == ""
    publish(tmp_path, "2026.9")
    publish(tmp_path, "2026.10")
    publish(tmp_path, "2026.11", with_data=False)
    assert previous_edition(tmp_path, "2026.12") == "2026.10"
    assert previous_edition(tmp_path, "2026.10") == "2026.9"  # never with itself


def test_the_configured_repository_is_a_parameter_of_every_notebook(tmp_path):
    """_config.yml's repository.url reaches every notebook run (each target's "open an issue" link),
    and every notebook declares each parameter the plan gives it."""
    import re

    import yaml

    from plantrack.build.plan import Layout, plan_build
    from plantrack.dataset import load_dataset
    from conftest import FIXTURE, project_copy

    root = project_copy(tmp_path)
    dataset = load_dataset(FIXTURE)
    layout = Layout(root=root, data_dir=FIXTURE, build_dir=tmp_path / "_build", cache=tmp_path / "cache")

    def plan(url: str):
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
        config["repository"]["url"] = url
        (root / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return plan_build(layout, dataset, "2026.11", 2026, False, "bundle", tmp_path / "assessment.json")

    without, with_url = plan(""), plan(" https://github.com/owner/tracker/ ")
    assert {t.parameters["repository_url"] for t in without.tasks} == {""}
    assert {t.parameters["repository_url"] for t in with_url.tasks} == {"https://github.com/owner/tracker"}
    assert all(a.key != b.key for a, b in zip(without.tasks, with_url.tasks))  # the pages are made again with the link
    for task in with_url.tasks:
        cell = task.source.read_text(encoding="utf-8").split(":tags: [parameters, remove-cell]")[1].split("```")[0]
        assert set(task.parameters) <= set(re.findall(r"^(\w+) =", cell, re.M)), (task.name, cell)
