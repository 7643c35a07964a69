"""The commands analysts run: make validate, make coverage and the messages of make book."""

from pathlib import Path

from plantrack.cli import coverage, validate

from helpers import edit_csv


def test_validate_prints_the_summary_and_succeeds(data_dir, capsys):
    assert validate(["--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "15 targets" in out and "Targets by area and kind" in out


def test_validate_lists_every_problem_and_fails(data_dir, capsys):
    edit_csv(data_dir / "observations.csv", 0, value="lots")
    edit_csv(data_dir / "sources.csv", 0, url="ftp://x")
    assert validate(["--data", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "2 data problem(s)" in err
    assert "observations.csv, row 1 (line 2), field 'value'" in err and "sources.csv, row 1 (line 2), field 'url'" in err


def test_coverage_prints_every_target_with_its_gaps(data_dir, capsys):
    assert coverage(["--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    for target in ("com-sales", "com-villages", "com-rank", "gov-cloud", "gov-open"):
        assert target in out
    assert "3 quantified targets: 3 with a baseline" in out
    assert "12 milestone targets: 1 with evidence records" in out


def test_coverage_baseline_is_the_baseline_year_itself_when_published(data_dir):
    from helpers import append_csv
    from plantrack.coverage import coverage_table
    from plantrack.dataset import load_dataset

    append_csv(data_dir / "observations.csv", indicator_id="sales", period="2014", value="5641", unit="亿元",
               qualifier="exact", source_id="fx-bulletin-2015", quote="2014年网络零售额5641亿元")
    table = coverage_table(load_dataset(data_dir)).set_index("target_id")
    assert table.loc["com-sales", "baseline"] == "2015"


def test_coverage_reports_how_many_figures_rest_on_official_sources(data_dir, capsys):
    # fixture: 9 of 10 observations cite a statistics bulletin, the 10th and the one evidence record a repost
    assert coverage(["--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Sources: 2 official statistics, 0 government release, 0 news, 1 repost." in out
    assert "Observations from official sources: 9 of 10 (90%); evidence records: 0 of 1 (0%)." in out


def test_a_fault_in_the_checks_is_two_lines_and_a_log_never_a_traceback(data_dir, capsys, monkeypatch, tmp_path):
    import plantrack.dataset

    def broken(*args, **kwargs):
        raise RuntimeError("planted fault")

    monkeypatch.setenv("PLANTRACK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(plantrack.dataset, "load_evidence", broken)
    assert validate(["--data", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RuntimeError: planted fault" in err
    logs = list((tmp_path / "logs").glob("load-data-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    assert "Traceback" in logs[0].read_text() and "planted fault" in logs[0].read_text()


def test_a_fault_after_loading_is_two_lines_and_a_log(data_dir, capsys, monkeypatch, tmp_path):
    import plantrack.dataset

    monkeypatch.setenv("PLANTRACK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(plantrack.dataset, "summary", lambda dataset: 1 / 0)
    assert validate(["--data", str(data_dir)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "ZeroDivisionError" in err[0] and "Traceback" not in "\n".join(err)
    log = err[1].split("traceback is in ")[1].split(";")[0]
    assert "ZeroDivisionError" in open(log, encoding="utf-8").read()


def test_a_fault_in_a_build_step_is_two_lines_naming_the_step_and_a_log(data_dir, capsys, monkeypatch, tmp_path):
    import plantrack.build
    from plantrack.cli import build

    def broken(*args, **kwargs):
        raise RuntimeError("planted fault")

    monkeypatch.setenv("PLANTRACK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(plantrack.build, "assess_targets", broken)
    build_dir = tmp_path / "_build"
    assert build(["--edition", "2026.2", "--data", str(data_dir), "--build-dir", str(build_dir), "--as-of-year", "2026"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "Traceback" not in "\n".join(err)
    assert err[0].startswith("make book: step 'assess' failed (RuntimeError: planted fault); nothing was published")
    logs = list((tmp_path / "logs").glob("build-assess-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err[1]
    assert "Traceback" in logs[0].read_text() and "planted fault" in logs[0].read_text()
    assert not (build_dir / "site").exists() and not (build_dir / "work" / "2026.2").exists()


def test_a_build_while_another_runs_is_one_line_naming_it(data_dir, capsys, tmp_path):
    from plantrack.build.lock import build_lock
    from plantrack.cli import build

    with build_lock(tmp_path / "_build", "2026.1"):
        assert build(["--edition", "2026.2", "--data", str(data_dir), "--build-dir", str(tmp_path / "_build")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "another build is running" in err[0] and "edition 2026.1, process" in err[0]


def test_a_bad_edition_name_is_one_line(data_dir, capsys, tmp_path):
    from plantrack.cli import build

    assert build(["--edition", "latest", "--data", str(data_dir), "--build-dir", str(tmp_path / "_build")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "edition='latest'" in err[0]
    assert not (tmp_path / "_build").exists()


def test_a_failing_jupyter_book_build_is_two_lines_and_its_output_in_a_log(tmp_path, monkeypatch):
    import pytest

    from plantrack.build import BuildError
    from plantrack.build.assemble import sphinx_build

    monkeypatch.setenv("PLANTRACK_LOG_DIR", str(tmp_path / "logs"))
    (tmp_path / "src").mkdir()  # no _config.yml, no _toc.yml, no pages
    with pytest.raises(BuildError) as caught:
        sphinx_build(tmp_path / "src", tmp_path / "work", full=True)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2 and lines[0].startswith("step 'jupyter-book build' failed") and "nothing was published" in lines[0]
    log = lines[1].split("output is in ")[1].split(":")[0]
    assert Path(log).exists() and Path(log).parent == tmp_path / "logs"
