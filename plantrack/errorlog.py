"""Where a traceback goes when something fails that the messages do not foresee: a log file,
whose path the one-line message on the console gives."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def log_dir() -> Path:
    """PLANTRACK_LOG_DIR, else _build/logs of the project."""
    return Path(os.environ.get("PLANTRACK_LOG_DIR") or ROOT / "_build" / "logs")


def write_log(step: str, text: str) -> Path:
    """Write text to a new log file named after the step and return its path (in the system's
    temporary folder when the log folder cannot be written)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    error = None
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{step.replace(' ', '-')}-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError as exc:
            error = exc
    raise error


def log_traceback(step: str, exc: BaseException) -> Path:
    """Write the exception's traceback to a new log file and return its path."""
    try:
        return write_log(step, "".join(traceback.format_exception(exc)))
    except OSError:
        raise exc from None


def internal_error(step: str, exc: BaseException) -> str:
    """The two console lines for an unexpected failure, after logging its traceback."""
    path = log_traceback(step, exc)
    return (f"{step}: internal error ({type(exc).__name__}: {str(exc)[:120]}); this is a fault in the checks, not a data problem.\n"
            f"  The traceback is in {path}; report it with that file.")
