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
