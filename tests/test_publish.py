"""Publishing that nothing can break, without building a book: one build at a time, an edition
that is its manifest, every obstacle found before the switch, a failed switch undone, and a clean
start from whatever a killed build left behind. The full builds are in test_book.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from plantrack.build import BuildError, Layout, build_edition
from plantrack.build.lock import LOCK_NAME, build_lock
from plantrack.build.publish import edition_problems, publish, recover_site
from plantrack.digests import file_digest

from conftest import ROOT, tree_digest

publishing = sys.modules["plantrack.build.publish"]  # the module; plantrack.build.publish is its function
from helpers import edit_csv


def html_folder(base: Path, text: str) -> Path:
    """What Sphinx would leave: a few pages."""
    html = base / f"html-{abs(hash(text))}"
    (html / "chapters").mkdir(parents=True)
    (html / "index.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    (html / "chapters" / "commerce.html").write_text(f"<p>{text} commerce</p>", encoding="utf-8")
    return html


def put(site: Path, edition: str, text: str = "old", base: Path | None = None) -> Path:
    base = base or site.parent
    return publish(html_folder(base, f"{edition} {text}"), site, edition, {"edition": edition, "inputs": text, "data": {}})


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site with two published editions."""
    site = tmp_path / "_build" / "site"
    put(site, "2026.1")
    put(site, "2026.2")
    return site


def entries(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir())


def test_published_edition_holds_every_file_its_manifest_lists_and_the_index_lists_it(site):
    manifest = json.loads((site / "2026.2" / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"index.html", "chapters/commerce.html"}
    assert edition_problems(site / "2026.2") == []
    assert [e["version"] for e in json.loads((site / "switcher.json").read_text())] == ["2026.2", "2026.1"]
    assert 'href="latest/"' in (site / "index.html").read_text() and "../2026.2/" in (site / "latest" / "index.html").read_text()
    assert entries(site) == ["2026.1", "2026.2", "index.html", "latest", "switcher.json"]  # nothing left beside


def test_a_changed_or_missing_file_is_a_problem_of_the_edition(site):
    (site / "2026.2" / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    (site / "2026.2" / "chapters" / "commerce.html").unlink()
    assert sorted(edition_problems(site / "2026.2")) == ["chapters/commerce.html: listed in the manifest, missing",
                                                         "index.html: not the file the manifest lists (sha256 differs)"]


def test_a_data_package_that_is_not_the_data_the_manifest_records_is_not_published(site, tmp_path):
    def stale_package(folder: Path) -> None:
        (folder / "data").mkdir()
        (folder / "data" / "observations.csv").write_text("indicator_id,note\nsales,old note\n", encoding="utf-8")

    fresh = tmp_path / "observations.csv"
    fresh.write_text("indicator_id,note\nsales,new note\n", encoding="utf-8")
    before = tree_digest(site)
    manifest = {"edition": "2026.2", "inputs": "new", "data": {"observations.csv": file_digest(fresh)}}
    with pytest.raises(BuildError, match="data/observations.csv: not data/observations.csv as the build read it"):
        publish(html_folder(tmp_path, "new"), site, "2026.2", manifest, stale_package)
    assert tree_digest(site) == before
    assert entries(site) == ["2026.1", "2026.2", "index.html", "latest", "switcher.json"]


def no_latest_folder(site: Path) -> None:
    (site / "latest" / "index.html").unlink()
    (site / "latest").rmdir()


OBSTACLES = {
    "latest a plain file": (lambda site: no_latest_folder(site) or (site / "latest").write_text("x"), "site/latest is not a folder"),
    "latest a link": (lambda site: no_latest_folder(site) or (site / "latest").symlink_to(site / "2026.1"), "site/latest is not a folder"),
    "switcher.json a folder": (lambda site: (site / "switcher.json").unlink() or (site / "switcher.json").mkdir(),
                               "site/switcher.json is not a file"),
    "latest/index.html a folder": (lambda site: (site / "latest" / "index.html").unlink() or (site / "latest" / "index.html").mkdir(),
                                   "site/latest/index.html is not a file"),
    "the new edition a plain file": (lambda site: (site / "2026.3").write_text("x"), "site/2026.3 is not a folder"),
}


@pytest.mark.parametrize("case", OBSTACLES)
@pytest.mark.parametrize("edition", ["2026.2", "2026.3"])  # replacing a published edition, adding one
def test_an_obstacle_in_the_site_stops_publishing_before_any_edition_changes(site, tmp_path, case, edition):
    plant, named = OBSTACLES[case]
    plant(site)
    before, listed = tree_digest(site), entries(site)
    if named.startswith("site/2026.3") and edition == "2026.2":
        put(site, edition, "new", tmp_path)  # not in this edition's way
        assert "new" in (site / "2026.2" / "index.html").read_text()
        return
    with pytest.raises(BuildError) as caught:
        put(site, edition, "new", tmp_path)
    message = str(caught.value)
    assert named in message and "no published edition was changed" in message and "\n" not in message
    assert tree_digest(site) == before and entries(site) == listed


@pytest.mark.parametrize("exchange", [True, False], ids=["one-step swap", "two renames"])
@pytest.mark.parametrize("edition", ["2026.2", "2026.3"])
def test_a_switch_that_fails_halfway_is_undone(site, tmp_path, monkeypatch, exchange, edition):
    if not exchange:
        monkeypatch.setattr(publishing, "_exchange", lambda a, b: False)
    installed = []

    def failing_install(temporary, target):
        if installed:
            raise OSError(28, "No space left on device", str(target))
        installed.append(target)
        os.replace(temporary, target)

    monkeypatch.setattr(publishing, "_install", failing_install)
    before, listed = tree_digest(site), entries(site)
    with pytest.raises(BuildError, match="was undone: no published edition was changed"):
        put(site, edition, "new", tmp_path)
    assert installed  # the first index file had been replaced
    assert tree_digest(site) == before and entries(site) == listed


def test_replacing_an_edition_replaces_it_whole(site, tmp_path):
    put(site, "2026.2", "new", tmp_path)
    assert "new" in (site / "2026.2" / "index.html").read_text()
    assert edition_problems(site / "2026.2") == [] and edition_problems(site / "2026.1") == []
    assert entries(site) == ["2026.1", "2026.2", "index.html", "latest", "switcher.json"]


def test_a_killed_build_is_cleaned_up_and_an_edition_it_moved_out_is_put_back(site):
    (site / "2026.1").rename(site / ".outgoing-2026.1")  # killed between the two renames
    (site / ".outgoing-2026.2").mkdir()  # killed after them
    (site / ".incoming-2026.3" / "chapters").mkdir(parents=True)
    (site / ".incoming-2026.3" / "chapters" / "half.html").write_text("half")
    (site / ".switcher.json.incoming").write_text("[]")
    (site / "latest" / ".index.html.incoming").write_text("half")
    (site / "switcher.json").write_text("[]")
    done = recover_site(site)
    assert "2026.1: put back the published edition a killed build had moved out" in done
    assert entries(site) == ["2026.1", "2026.2", "index.html", "latest", "switcher.json"]
    assert sorted(p.name for p in (site / "latest").iterdir()) == ["index.html"]
    assert edition_problems(site / "2026.1") == []
    assert [e["version"] for e in json.loads((site / "switcher.json").read_text())] == ["2026.2", "2026.1"]
    assert recover_site(site) == []  # a clean site stays as it is


def test_a_second_build_stops_with_one_line_naming_the_running_build(tmp_path):
    with build_lock(tmp_path, "2099.1"):
        for wait in (0, 0.1):
            with pytest.raises(BuildError) as caught:
                with build_lock(tmp_path, "2099.2", wait=wait):
                    pass  # pragma: no cover
            message = str(caught.value)
            assert "\n" not in message and f"edition 2099.1, process {os.getpid()}" in message
            assert "build of edition 2099.2 stopped" in message and "changed nothing" in message
    with build_lock(tmp_path, "2099.2"):  # released at the end of the first
        assert "edition 2099.2" in (tmp_path / LOCK_NAME).read_text()


def test_the_lock_of_a_killed_build_does_not_block_the_next(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
                               "from plantrack.build.lock import build_lock\n"
                               "with build_lock(Path(sys.argv[1]), '2099.1'):\n    print('held', flush=True)\n    time.sleep(600)",
                               str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildError, match=f"process {holder.pid}"):
            with build_lock(tmp_path, "2099.2"):
                pass  # pragma: no cover
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
    assert "2099.1" in (tmp_path / LOCK_NAME).read_text()  # the file stays; its lock went with the process
    with build_lock(tmp_path, "2099.2"):
        pass


def test_a_build_starts_cleanly_from_what_a_killed_build_left(site, data_dir):
    """The clean-up runs under the lock before anything else: here the data is invalid, so the
    build stops after it and publishes nothing."""
    build_dir = site.parent
    (site / "2026.1").rename(site / ".outgoing-2026.1")
    (site / ".incoming-2026.2").mkdir()
    (build_dir / "run-x1y2" / "k").mkdir(parents=True)
    (build_dir / LOCK_NAME).write_text("edition 2026.2, process 999999, started 2026-11-29T03:00:00+00:00")
    edit_csv(data_dir / "observations.csv", 0, value="lots")
    with pytest.raises(BuildError, match="invalid data"):
        build_edition("2026.2", Layout(root=ROOT, data_dir=data_dir, build_dir=build_dir, cache=build_dir / "cache"),
                      as_of_year=2026)
    assert entries(site) == ["2026.1", "2026.2", "index.html", "latest", "switcher.json"]
    assert edition_problems(site / "2026.1") == [] and not (build_dir / "run-x1y2").exists()


def test_an_obstacle_in_the_site_stops_make_book_at_once_with_one_line(site, data_dir, capsys):
    from plantrack.cli import build

    no_latest_folder(site)
    (site / "latest").write_text("not a folder", encoding="utf-8")
    before, listed = tree_digest(site), entries(site)
    assert build(["--edition", "2026.2", "--data", str(data_dir), "--build-dir", str(site.parent), "--as-of-year", "2026"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{site / 'latest'} is not a folder" in err[0] and "remove it" in err[0]
    assert "no published edition was changed" in err[0]
    assert tree_digest(site) == before and entries(site) == listed


def test_the_work_folder_of_a_killed_build_is_built_again_in_full(tmp_path):
    from plantrack.build import BUILDING, needs_full_build

    work = tmp_path / "work" / "2026.2"
    assert needs_full_build(work, "static-1")  # nothing built yet
    work.mkdir(parents=True)
    (work / "inputs.json").write_text(json.dumps({"static": "static-1"}), encoding="utf-8")
    assert not needs_full_build(work, "static-1") and needs_full_build(work, "static-2")
    (work / BUILDING).touch()  # a build that never finished
    assert needs_full_build(work, "static-1")
    (work / BUILDING).unlink()
    (work / "inputs.json").write_text("{\"sta", encoding="utf-8")  # killed while writing it
    assert needs_full_build(work, "static-1")


def test_a_snapshot_kept_as_a_web_page_is_packaged_byte_for_byte_but_not_as_a_page(tmp_path):
    """Opened from the edition, a producer's saved page would load its scripts from other hosts."""
    import shutil

    import pandas as pd

    from plantrack.build.publish import write_data_package

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", data)
    shutil.copytree(ROOT / "tests" / "fixtures" / "snapshot-bulletin", data / "snapshots")
    pages = sorted(p.relative_to(data).as_posix() for p in (data / "snapshots").rglob("*.html"))
    assert pages
    package = tmp_path / "package"
    write_data_package(package, Layout(root=ROOT, data_dir=data, build_dir=tmp_path / "_build"),
                       pd.DataFrame({"target_id": ["x"], "verdict": ["met"]}))
    assert not list(package.rglob("*.html"))
    for name in pages:
        assert file_digest(package / f"{name}.txt") == file_digest(data / name)
    assert (package / "snapshots" / pages[0].split("/")[1] / "metadata.yaml").exists()
