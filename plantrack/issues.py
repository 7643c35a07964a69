"""Validation problems, reported with the file, row, field, bad value and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The data files are tens of kilobytes; a file above this is the wrong file, and refusing it keeps
# every check bounded in time.
MAX_FILE_BYTES = 10_000_000


@dataclass(frozen=True)
class DataIssue:
    file: str
    row: str  # "row 7" for CSV, "entry 3 (line 41)" for YAML, "" when the whole file is at fault
    field: str
    value: str
    expected: str

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.file, self.row, f"field '{self.field}'" if self.field else "") if part)
        shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        return f"{where}: got {shown!r}; expected {self.expected}"


def too_large(path: Path) -> "DataIssue | None":
    size = path.stat().st_size
    if size <= MAX_FILE_BYTES:
        return None
    return DataIssue(path.name, "", "", f"{size} bytes", f"a file under {MAX_FILE_BYTES // 1_000_000} MB (is this the right file?)")


class DataError(Exception):
    """Raised with every problem found in one run, never only the first."""

    def __init__(self, issues: list[DataIssue]):
        self.issues = list(issues)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{len(self.issues)} data problem(s):"]
        lines += [f"  - {issue}" for issue in self.issues]
        lines.append("Correct each one in the file named (every field is described in data/README.md), then run make validate again.")
        return "\n".join(lines)
