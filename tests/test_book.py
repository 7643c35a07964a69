"""The book, built for real from the fixture data: chapters, anchors, downloads, offline pages,
editions side by side, the changes page, escaping, reproducibility and safe failure."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plantrack.chapter import ParameterError, check_parameters
from plantrack.dataset import load_dataset
from plantrack.build import BuildError, Layout, build_edition

from conftest import FIXTURE, PLANTED, ROOT, project_copy, tree_digest
from helpers import edit_csv, read_csv

pytestmark = pytest.mark.slow


def page(built, edition: str, name: str) -> str:
    return (built["layout"].site / edition / name).read_text(encoding="utf-8")


def test_every_area_has_a_chapter_and_every_target_an_anchor(built):
    dataset = load_dataset(FIXTURE)
    for area in dataset.registry.areas:
        html = page(built, "2026.1", f"chapters/{area}.html")
        for target in dataset.registry.targets_of(area):
            assert f'id="{target.id}"' in html, (area, target.id)


def test_overview_links_resolve_to_target_anchors(built):
    html = page(built, "2026.1", "overview.html")
    links = re.findall(r'href="(chapters/[a-z_]+\.html)#([a-z0-9-]+)"', html)
    assert len(links) == len(load_dataset(FIXTURE).registry.targets) == 15
    for path, anchor in links:
        assert f'id="{anchor}"' in page(built, "2026.1", path)


def test_parameter_cells_are_hidden(built):
    html = page(built, "2026.1", "chapters/commerce.html")
    assert "downloads_dir" not in html and "injected-parameters" not in html
    assert "from plantrack import chapter" not in html


def test_chart_count_matches_the_data(built):
    html = page(built, "2026.1", "chapters/commerce.html")
    # three quantified targets with figures in commerce, one chart each, and one national context series
    assert html.count('class="tracker-chart"') == 4
    assert page(built, "2026.1", "chapters/governance.html").count('class="tracker-chart"') == 0


def test_csv_download_holds_exactly_the_figures_shown(built):
    rows = read_csv(built["layout"].site / "2026.1" / "downloads" / "com-sales.csv")
    assert [(r["indicator_id"], r["period"]) for r in rows] == [
        ("cn_sales", "2015"), ("cn_sales", "2017"), ("sales", "2015"), ("sales", "2016"), ("sales", "2017"), ("sales", "2018")]
    assert {r["source_id"] for r in rows} == {"fx-bulletin-2015", "fx-bulletin-2017", "fx-news"}
    assert 'href="../downloads/com-sales.csv"' in page(built, "2026.1", "chapters/commerce.html")


def test_data_package_is_published_and_describes_every_file(built):
    folder = built["layout"].site / "2026.1" / "data"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert (folder / resource["path"]).exists(), resource["path"]
    assessment = read_csv(folder / "assessment.csv")
    assert {r["target_id"] for r in assessment} == set(load_dataset(FIXTURE).registry.targets)
    assert {"com-sales", "com-villages", "com-rank", "gov-cloud", "gov-open"} < {r["target_id"] for r in assessment}


def test_pages_name_no_other_host_that_they_load(built):
    for path in (built["layout"].site / "2026.1").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?://[^"]+)"', html)
        assert loaded == [], (path.name, loaded)
        assert "cdn.jsdelivr" not in html and "unpkg.com" not in html and "hypothes.is" not in html


def test_manifest_records_the_edition(built):
    manifest = json.loads(page(built, "2026.2", "manifest.json"))
    assert manifest["edition"] == "2026.2"
    assert set(manifest["data"]) >= {"observations.csv", "targets.yaml"}
    assert sum(manifest["targets_by_verdict"].values()) == 15
    assert "papermill" in manifest["packages"]


def test_two_editions_side_by_side_with_switcher_and_latest(built):
    site = built["layout"].site
    assert (site / "2026.1" / "overview.html").exists() and (site / "2026.2" / "overview.html").exists()
    switcher = json.loads((site / "switcher.json").read_text())
    assert [e["version"] for e in switcher] == ["2026.2", "2026.1"]
    assert [e.get("preferred", False) for e in switcher] == [True, False]
    assert "2026.2/" in (site / "latest" / "index.html").read_text() and "2026.2/zh/" in (site / "latest" / "zh" / "index.html").read_text()
    assert [e["url"] for e in json.loads((site / "switcher.zh.json").read_text())] == ["/2026.2/zh/", "/2026.1/zh/"]


def test_first_edition_is_untouched_by_the_second(built):
    assert tree_digest(built["layout"].site / "2026.1") == built["first_digest"]


def test_changes_page_lists_exactly_the_differences(built):
    first = page(built, "2026.1", "changes.html")
    assert "first edition" in first
    html = page(built, "2026.2", "changes.html")
    assert "1 figures added, 1 revised, 1 removed" in html
    assert "10307 亿元 → 10400 亿元" in html
    assert "fx-new" in html
    # the added 2019 figure (98%) moves com-villages from borderline to met now; its 2017 verdict stays
    assert "1 verdicts changed; 1 new sources" in html
    assert re.search(r"com-villages</td><td>borderline → borderline</td><td>borderline → met</td>", html)


def test_text_from_data_is_escaped(built):
    html = page(built, "2026.2", "chapters/commerce.html") + page(built, "2026.2", "sources.html")
    assert PLANTED not in html
    assert "&lt;script&gt;window.PLANTED=1&lt;/script&gt;" in html


def test_building_the_same_edition_twice_from_scratch_gives_identical_files(built, tmp_path):
    """Same inputs, separate build folder and cache: every file but the manifest is identical."""
    layout = built["layout"]
    other = Layout(root=layout.root, data_dir=built["data"], build_dir=tmp_path / "_build", cache=tmp_path / "cache")
    shutil.copytree(layout.site / "2026.1", other.site / "2026.1")  # the changes page compares with it
    build_edition("2026.2", other, as_of_year=2026)
    assert tree_digest(other.site / "2026.2", skip=("manifest.json",)) == tree_digest(layout.site / "2026.2", skip=("manifest.json",))


def test_rebuild_without_changes_does_nothing(built):
    layout = built["layout"]
    manifest = page(built, "2026.2", "manifest.json")
    build_edition("2026.2", layout, as_of_year=2026)
    assert page(built, "2026.2", "manifest.json") == manifest


def test_one_changed_figure_reruns_only_the_notebooks_that_read_it(built, tmp_path):
    layout = built["layout"]
    data = tmp_path / "data"
    shutil.copytree(built["data"], data)
    edit_csv(data / "observations.csv", 4, value="81", quote="行政村覆盖率81%")  # a commerce figure
    changed = Layout(root=layout.root, data_dir=data, build_dir=layout.build_dir, cache=layout.cache)
    before = {p.name for p in (layout.cache / "notebooks").iterdir()}
    build_edition("2026.2", changed, as_of_year=2026)
    after = {p.name for p in (layout.cache / "notebooks").iterdir()}
    executed = [json.loads(Path(layout.cache / "notebooks" / key / "notebook.ipynb").read_text())["cells"][0]["source"]
                for key in after - before]
    titles = sorted("".join(text).splitlines()[0] for text in executed)
    assert titles == sorted(["# Commerce (fixture)", "# Zhejiang \"Internet+\" Action Plan: what became of its targets"])
    assert "81%" in page(built, "2026.2", "chapters/commerce.html")
    assert "81" in page(built, "2026.2", "changes.html")  # a laid-out page, written again without a kernel
    build_edition("2026.2", layout, as_of_year=2026)  # back to the session's data for the other tests


def test_invalid_data_stops_the_build_and_publishes_nothing(built, tmp_path):
    layout = built["layout"]
    broken = tmp_path / "data"
    shutil.copytree(built["data"], broken)
    edit_csv(broken / "observations.csv", 0, value="lots")
    before = tree_digest(layout.site)
    with pytest.raises(BuildError) as caught:
        build_edition("2026.3", Layout(root=layout.root, data_dir=broken, build_dir=layout.build_dir, cache=layout.cache), as_of_year=2026)
    assert "observations.csv, row 1 (line 2), field 'value'" in str(caught.value)
    assert tree_digest(layout.site) == before


def test_a_planted_contradiction_stops_the_build_and_publishes_nothing(built, monkeypatch):
    import dataclasses

    from plantrack import assess

    real = assess.assess_target

    def contradicting(target, dataset, as_of_year=None):
        a = real(target, dataset, as_of_year)
        if target.id == "com-sales":  # met in 2017 and now: plant a projection beside "now: met"
            a = dataclasses.replace(a, projection_year=2030.0)
        return a

    monkeypatch.setattr(assess, "assess_target", contradicting)
    layout = built["layout"]
    before = tree_digest(layout.site)
    with pytest.raises(BuildError) as caught:
        build_edition("2026.3", layout, as_of_year=2026)
    assert "com-sales: a projection of when the target will be reached (2030)" in str(caught.value)
    assert tree_digest(layout.site) == before


def test_failing_notebook_names_notebook_and_cell_and_publishes_nothing(built, tmp_path):
    layout = built["layout"]
    root = project_copy(tmp_path)
    notebook = root / "notebooks" / "area.md"
    planted = "\n```{code-cell} ipython3\nif area == 'finance':\n    raise RuntimeError('planted failure')\n```\n"
    notebook.write_text(notebook.read_text(encoding="utf-8") + planted, encoding="utf-8")
    before = tree_digest(layout.site)
    with pytest.raises(BuildError) as caught:
        build_edition("2026.2", Layout(root=root, data_dir=built["data"], build_dir=layout.build_dir, cache=layout.cache), as_of_year=2026)
    message = str(caught.value)
    assert "notebooks/area.md (finance): cell" in message and "RuntimeError: planted failure" in message
    assert "(commerce)" not in message  # the other areas ran through
    assert (layout.failed / "finance.ipynb").exists()
    assert tree_digest(layout.site) == before


@pytest.mark.parametrize("kwargs, word", [
    ({"data_dir": "/no/such/folder"}, "data_dir"),
    ({"edition": "latest; rm"}, "edition"),
    ({"as_of_year": 1999}, "as_of_year"),
    ({"as_of_year": "2020"}, "as_of_year"),
    ({"area": "moon"}, "area"),
])
def test_bad_notebook_parameters_get_a_clear_message(kwargs, word):
    args = {"data_dir": str(FIXTURE), "edition": "2026.1", "as_of_year": 2026, "area": "commerce", **kwargs}
    with pytest.raises(ParameterError, match=word):
        check_parameters(**args)


def test_review_build_switches_on_the_comment_layer_and_default_build_does_not():
    import yaml

    from plantrack.build.assemble import edition_config

    for review in (False, True):
        config = yaml.safe_load(edition_config(ROOT / "_config.yml", "2026.1", review))
        assert config["html"]["comments"]["hypothesis"] is review
        assert config["sphinx"]["config"]["html_theme_options"]["switcher"]["version_match"] == "2026.1"


def test_table_of_contents_lists_every_area_of_the_registry_in_its_order():
    import yaml

    from plantrack.build.assemble import table_of_contents

    areas = list(load_dataset(FIXTURE).registry.areas)
    toc = yaml.safe_load(table_of_contents(ROOT / "_toc.yml", areas))
    chapters = [c["file"] for part in toc["parts"] for c in part["chapters"] if c["file"].startswith("chapters/")]
    assert chapters == [f"chapters/{a}" for a in areas]
    assert not list((ROOT / "notebooks").glob("commerce*"))  # one template, no copy per area


def test_area_chapter_opens_with_title_and_introduction_from_the_registry(built):
    html = page(built, "2026.2", "chapters/commerce.html")
    assert "<h1>Commerce (fixture)" in html
    assert "Fixture introduction of the commerce chapter; markup in data stays text: &lt;b&gt;bold&lt;/b&gt;." in html
    # without an introduction a chapter opens with the area's description
    assert "Fixture area for tests." in page(built, "2026.2", "chapters/governance.html")


def test_papermill_run_with_a_bad_parameter_stops_with_a_clear_message(tmp_path):
    import jupytext
    import papermill as pm
    from plantrack.build import IPCKernelManager

    notebook = jupytext.read(ROOT / "notebooks" / "area.md")
    with pytest.raises(pm.PapermillExecutionError) as caught:
        pm.execute_notebook(notebook, str(tmp_path / "out.ipynb"), kernel_name="python3", progress_bar=False,
                            parameters={"data_dir": str(FIXTURE), "edition": "final!", "as_of_year": 2026,
                                        "downloads_dir": str(tmp_path), "area": "commerce"},
                            cwd=str(tmp_path), kernel_manager_class=IPCKernelManager)
    assert caught.value.ename == "ParameterError"
    assert "edition='final!'" in caught.value.evalue


def test_manifest_and_published_assessment_count_the_hand_checked_verdicts(built):
    from collections import Counter

    # com-sales and com-rank met, com-villages borderline, gov-cloud achieved; gov-open and the ten
    # other areas' placeholder milestones without evidence
    expected = {"achieved": 1, "borderline": 1, "met": 2, "no evidence": 11}
    manifest = json.loads(page(built, "2026.2", "manifest.json"))
    assert manifest["targets_by_verdict"] == expected
    rows = read_csv(built["layout"].site / "2026.2" / "data" / "assessment.csv")
    assert dict(Counter(r["verdict"] for r in rows)) == expected


RACER = """
import sys
from pathlib import Path
from plantrack.build import BuildError, Layout, build_edition
root, data, build = map(Path, sys.argv[1:4])
try:
    build_edition("2026.1", Layout(root=root, data_dir=data, build_dir=build, cache=build / "cache"), as_of_year=2026)
    print("published")
except BuildError as exc:
    print("refused: " + str(exc))
"""


@pytest.fixture(scope="module")
def raced(tmp_path_factory):
    """Two processes build edition 2026.1 of the fixture into one empty build folder at once."""
    base = tmp_path_factory.mktemp("raced")
    root = project_copy(base)
    data = base / "data"
    shutil.copytree(FIXTURE, data)
    build = base / "_build"
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(root), str(data), str(build)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [racer.communicate() for racer in racers]
    layout = Layout(root=root, data_dir=data, build_dir=build, cache=build / "cache")
    return {"layout": layout, "data": data, "outcomes": outcomes, "codes": [r.returncode for r in racers]}


def test_concurrent_builds_publish_one_complete_edition(raced):
    from plantrack.build.publish import edition_problems

    assert raced["codes"] == [0, 0], raced["outcomes"]
    said = [out.strip() for out, err in raced["outcomes"]]
    assert "published" in said, raced["outcomes"]  # exactly one published, or both, one after the other
    for line in said:
        assert line == "published" or (line.startswith("refused: another build is running") and "edition 2026.1, process" in line
                                       and "\n" not in line), line
    assert all("Traceback" not in err for out, err in raced["outcomes"])
    site = raced["layout"].site
    assert [e["version"] for e in json.loads((site / "switcher.json").read_text())] == ["2026.1"]
    assert "(2026.1)" in (site / "index.html").read_text() and "../2026.1/" in (site / "latest" / "index.html").read_text()
    manifest = json.loads((site / "2026.1" / "manifest.json").read_text(encoding="utf-8"))
    assert {"index.html", "overview.html", "data/observations.csv", "data/datapackage.json", "downloads/com-sales.csv",
            "zh/overview.html", "zh/downloads/com-sales.csv"} <= set(manifest["files"])
    assert edition_problems(site / "2026.1") == []  # every file it lists, with its digest
    assert sorted(p.name for p in site.iterdir()) == ["2026.1", "index.html", "latest", "switcher.json", "switcher.zh.json"]


def test_a_note_only_change_is_published(raced):
    """Sphinx finds no page out of date; the data package is the one the manifest records."""
    layout = raced["layout"]
    rows = read_csv(raced["data"] / "observations.csv")
    edit_csv(raced["data"] / "observations.csv", 0, note=(rows[0]["note"] + " Note revised for the test.").strip())
    build_edition("2026.1", layout, as_of_year=2026)
    published = layout.site / "2026.1" / "data" / "observations.csv"
    assert "Note revised for the test." in published.read_text(encoding="utf-8")
    manifest = json.loads((layout.site / "2026.1" / "manifest.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(published.read_bytes()).hexdigest()
    assert manifest["files"]["data/observations.csv"] == manifest["data"]["observations.csv"] == digest


def test_analysts_page_and_the_search_description_are_published(built):
    updating = page(built, "2026.1", "updating.html")
    assert "Updating the report" in updating and "Validate" in updating and 'href="changes.html"' in updating
    assert 'href="updating.html"' in page(built, "2026.1", "overview.html")  # in the table of contents
    methodology = page(built, "2026.1", "methodology.html")
    assert 'id="what-was-searched"' in methodology and "not the live web" in methodology
    chapter = page(built, "2026.1", "chapters/governance.html")  # the fixture logs one search, for gov-open
    assert 'id="search-log"' in chapter and 'class="searches" id="searches-gov-open"' in chapter
    assert '<a href="#searches-gov-open">search log</a>' in chapter


# --------------------------------------------------------------------------- both languages

def book_pages(built, edition: str) -> list[str]:
    """The pages of the book (the edition's index.html only redirects to the overview)."""
    folder = built["layout"].site / edition
    return sorted(str(p.relative_to(folder)) for p in folder.glob("*.html") if p.name != "index.html") + sorted(
        str(p.relative_to(folder)) for p in (folder / "chapters").glob("*.html"))


def reader_text(html: str) -> str:
    """What a reader of a Chinese page reads in the page's language: the article, without code,
    scripts and the text marked as English (English source titles, queries, the English rendering)."""
    main = html[html.find("<main"):html.find("</main>")]
    text = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", main, flags=re.S)
    text = re.sub(r'<([a-z]+)\b[^>]*lang="en"[^>]*>.*?</\1>', " ", text, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def chart_numbers(html: str) -> list[list[float]]:
    """The numbers every chart of a page plots, chart by chart: each data record's numeric
    fields (the words of a record, such as its kind, are in the page's language)."""
    charts = []
    for spec in re.findall(r"\}\)\((\{.*?\})\);</script>", html):
        data = json.loads(spec)
        records = [r for values in data.get("datasets", {}).values() for r in values]
        charts.append(sorted(tuple(sorted((k, v) for k, v in r.items() if isinstance(v, (int, float)) and not isinstance(v, bool)))
                             for r in records))
    return charts


def test_both_languages_show_the_same_pages_verdicts_and_figures(built):
    """Every page of the edition exists in Chinese, with the same verdict badges (group by group),
    the same figures in every chart, the same target anchors and the same downloads."""
    folder = built["layout"].site / "2026.2"
    english = book_pages(built, "2026.2")
    assert english and all((folder / "zh" / name).is_file() for name in english)
    for name in english:
        en, zh = page(built, "2026.2", name), page(built, "2026.2", f"zh/{name}")
        assert '<html lang="en"' in en and '<html lang="zh-CN"' in zh, name
        for group in ("met", "partly", "not_met", "unknown"):
            assert en.count(f"verdict verdict-{group}") == zh.count(f"verdict verdict-{group}"), (name, group)
        assert chart_numbers(en) == chart_numbers(zh), name
        assert re.findall(r'<h2 class="target-title" id="([^"]+)"', en) == re.findall(r'<h2 class="target-title" id="([^"]+)"', zh), name
    assert sorted(p.name for p in (folder / "downloads").iterdir()) == sorted(p.name for p in (folder / "zh" / "downloads").iterdir())


def test_chinese_pages_write_numbers_in_wan_and_yi(built):
    zh = reader_text(page(built, "2026.2", "zh/chapters/commerce.html"))
    assert "亿元" in zh and "billion" not in zh and "trillion" not in zh


def test_every_chinese_page_is_in_chinese(built):
    """No English sentence on a Chinese page outside code, quotes of English sources and the
    language switch (a heuristic: a run of six English words)."""
    folder = built["layout"].site / "2026.2" / "zh"
    for path in sorted(folder.glob("*.html")) + sorted((folder / "chapters").glob("*.html")):
        text = reader_text(path.read_text(encoding="utf-8"))
        english = re.findall(r"(?:\b[A-Za-z][a-z]+\b[ ,;:]+){6,}", text)
        assert not english, (path.name, english[:3])


def test_the_data_package_link_of_every_language_reaches_the_one_data_package(built):
    folder = built["layout"].site / "2026.2"
    for sources in (folder / "sources.html", folder / "zh" / "sources.html"):
        href = re.search(r'href="([^"]*datapackage\.json)"', sources.read_text(encoding="utf-8")).group(1)
        assert (sources.parent / href).resolve() == (folder / "data" / "datapackage.json").resolve(), (sources, href)
