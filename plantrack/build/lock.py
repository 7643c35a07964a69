"""One build at a time per build folder: an exclusive lock on `<build folder>/build.lock`.

The operating system releases the lock when the process that holds it ends, however it ends, so a
killed build never blocks the next one; the file itself stays and only names the last holder.
A second build waits up to `wait` seconds, then stops with one line naming the running build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import time
from pathlib import Path

from .execute import BuildError

LOCK_NAME = "build.lock"
POLL_SECONDS = 0.5


def _holder(fd: int) -> str:
    """What the running build wrote into the lock file: edition, process and start time (a build
    that has just taken the lock writes it a moment later)."""
    for _ in range(20):
        try:
            text = os.pread(fd, 400, 0).decode("utf-8", "replace").strip()
        except OSError:
            text = ""
        if text:
            return text
        time.sleep(0.05)
    return "it has not said which edition"


@contextlib.contextmanager
def build_lock(build_dir: Path, edition: str, wait: float = 0.0):
    """Hold the build folder's lock for the block; raise BuildError when another build holds it
    for longer than `wait` seconds."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    waited = f" after waiting {wait:g} s" if wait > 0 else ""
                    raise BuildError(f"another build is running in {build_dir} ({_holder(fd)}); this build of edition "
                                     f"{edition} stopped{waited} and changed nothing: build again when it has finished"
                                     f" (make book WAIT=600 waits for it)") from None
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        os.pwrite(fd, f"edition {edition}, process {os.getpid()}, started {started}".encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock
