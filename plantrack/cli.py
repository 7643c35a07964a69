"""Command-line entry points called by scripts/ and the Makefile."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .issues import DataError

ROOT = Path(__file__).resolve().parent.parent


def validate(argv: list[str] | None = None) -> int:
    from .dataset import load_dataset, summary

    parser = argparse.ArgumentParser(description="Check every file in data/ and print a summary.")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    try:
        dataset = load_dataset(args.data)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(summary(dataset))
    return 0


def coverage(argv: list[str] | None = None) -> int:
    from .coverage import coverage_summary, coverage_table
    from .dataset import load_dataset

    parser = argparse.ArgumentParser(description="Print how far the evidence reaches for every target.")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--area", help="only this area")
    args = parser.parse_args(argv)
    try:
        dataset = load_dataset(args.data)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    table = coverage_table(dataset)
    if args.area:
        table = table[table["area"] == args.area]
    with pd_options():
        print(table.to_string(index=False))
    print()
    print(coverage_summary(table))
    return 0


def pd_options():
    import pandas as pd

    return pd.option_context("display.width", 200, "display.max_colwidth", 60, "display.max_rows", 500)
