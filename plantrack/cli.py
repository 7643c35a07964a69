"""Command-line entry points called by scripts/ and the Makefile."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from .issues import DataError

ROOT = Path(__file__).resolve().parent.parent


def _load_or_report(data_dir: Path):
    """The validated dataset, or None after printing every problem to stderr."""
    from .dataset import load_dataset

    try:
        return load_dataset(data_dir)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return None


def _guarded(step: str):
    """A command whose unforeseen failure prints two lines and leaves its traceback in a log."""
    def wrap(command):
        @functools.wraps(command)
        def run(argv: list[str] | None = None) -> int:
            from .errorlog import internal_error

            try:
                return command(argv)
            except Exception as exc:
                print(internal_error(step, exc), file=sys.stderr)
                return 2
        return run
    return wrap


@_guarded("make validate")
def validate(argv: list[str] | None = None) -> int:
    from .dataset import summary

    parser = argparse.ArgumentParser(description="Check every file in data/ and print a summary.")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    dataset = _load_or_report(args.data)
    if dataset is None:
        return 1
    print(summary(dataset))
    return 0


@_guarded("make coverage")
def coverage(argv: list[str] | None = None) -> int:
    import pandas as pd

    from .coverage import coverage_summary, coverage_table, source_mix, source_mix_summary

    parser = argparse.ArgumentParser(description="Print how far the evidence reaches for every target.")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--area", help="only this area")
    args = parser.parse_args(argv)
    dataset = _load_or_report(args.data)
    if dataset is None:
        return 1
    table = coverage_table(dataset)
    if args.area:
        table = table[table["area"] == args.area]
    with pd.option_context("display.width", 250, "display.max_colwidth", 70, "display.max_rows", 500):
        print(table.to_string(index=False))
    print()
    print(coverage_summary(table))
    print(source_mix_summary(source_mix(dataset)))
    if not dataset.snapshots.panel.empty:
        from .snapshots import indicator_coverage

        print()
        print("Imported official tables (data/snapshots), per indicator:")
        with pd.option_context("display.width", 250):
            print(indicator_coverage(dataset.snapshots).to_string(index=False))
    return 0


@_guarded("make book")
def build(argv: list[str] | None = None) -> int:
    """Every failure is a message of one or two lines naming the step and what to do (data
    problems: one line per problem); tracebacks go to the log file the message names."""
    from .build import BuildError, Layout, build_edition
    from .edition import default_edition

    parser = argparse.ArgumentParser(description="Build one edition of the book and publish it under _build/site/<edition>.")
    parser.add_argument("--edition", default="", help="edition name, e.g. 2026.11 (default: this year and month)")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--build-dir", type=Path, default=ROOT / "_build", help="where the build works and publishes (default _build)")
    parser.add_argument("--as-of-year", type=int, default=None, help="ignore figures after this year")
    parser.add_argument("--review", action="store_true", help="switch on the Hypothesis comment layer (loads from hypothes.is)")
    parser.add_argument("--wait", type=float, default=0.0, help="seconds to wait for another build of the same folder (default: stop at once)")
    args = parser.parse_args(argv)
    edition = args.edition or default_edition()
    layout = Layout(data_dir=args.data, build_dir=args.build_dir, cache=args.build_dir / "cache")
    try:
        folder = build_edition(edition, layout, as_of_year=args.as_of_year, review=args.review, wait=args.wait)
    except BuildError as exc:
        print(f"make book: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("make book: stopped (Ctrl-C); no published edition was changed; the next build cleans up after this one", file=sys.stderr)
        return 130
    shown = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    print(f"Edition {edition} published at {shown}; `make serve` shows it at http://127.0.0.1:8000/")
    return 0
