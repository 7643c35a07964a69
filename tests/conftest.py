import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from plantrack.build import Layout, build_edition

from helpers import append_csv, edit_csv, edit_yaml, read_csv, write_csv

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "data"
# markup, and text that would end or comment out a <script> block or a CDATA section if embedded raw
PLANTED = '<script>window.PLANTED=1</script><b>bold</b> <!--<script> ]]> \u2028\u2029'

# Tests write nothing into the repository: Hypothesis keeps its examples and caches in a temporary
# folder instead of .hypothesis/ (the book tests build under tmp_path too).
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="plantrack-hypothesis-"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture data directory, for tests that break it."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test is a failed test: nothing may be skipped silently there."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which counts as a failure: {report.longrepr}"


def project_copy(base: Path) -> Path:
    """The parts of the project a build reads, so that tests never touch _build/ of the repo."""
    root = base / "project"
    root.mkdir()
    for name in ("book", "notebooks", "pages"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, root / name)
    return root


def tree_digest(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in skip}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Two editions of the fixture data: 2026.1, then 2026.2 after one figure is added, one
    revised and one removed, and a source and some markup planted."""
    base = tmp_path_factory.mktemp("book")
    root = project_copy(base)
    data = base / "data"
    shutil.copytree(FIXTURE, data)
    layout = Layout(root=root, data_dir=data, build_dir=base / "_build", cache=base / "cache")
    build_edition("2026.1", layout, as_of_year=2026)
    first_digest = tree_digest(layout.site / "2026.1")

    edit_csv(data / "observations.csv", 1, value="10400", quote="上年网络零售额10400亿元")   # revised
    edit_yaml(data / "targets.yaml", 1, wording_en="Coverage reaches 95%. " + PLANTED)  # text of a chart's title
    rows = read_csv(data / "observations.csv")
    write_csv(data / "observations.csv", [r for r in rows if not (r["indicator_id"] == "rank" and r["period"] == "2015")])  # removed
    append_csv(data / "sources.csv", source_id="fx-new", publisher="Fixture paper " + PLANTED, title="New " + PLANTED,
               url="http://127.0.0.1/fixture/new", published="2020-01", accessed="2026-11-28", kind="news", language="zh")
    append_csv(data / "observations.csv", indicator_id="village_share", period="2019", value="98", unit="%",
               qualifier="exact", source_id="fx-new", quote="覆盖率98%" + PLANTED, note=PLANTED)  # added
    build_edition("2026.2", layout, as_of_year=2026)
    return {"layout": layout, "data": data, "root": root, "first_digest": first_digest}


