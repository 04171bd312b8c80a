"""A plain progress bar on stderr for long work (report, publish); silent when not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30


class Progress:
    """`with Progress(total, "评分") as bar: bar.advance()` draws `评分 [#####     ] 120/400`."""

    def __init__(
        self, total: int, label: str, stream: TextIO | None = None, interval: float = 0.1
    ) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.done = 0
        self._drawn = 0.0

    def __enter__(self) -> Progress:
        self._draw(force=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self._draw(force=True)
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw()

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < self.interval:
            return
        self._drawn = now
        share = self.done / self.total if self.total else 1.0
        filled = int(WIDTH * min(share, 1.0))
        bar = "#" * filled + " " * (WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
        self.stream.flush()


def stage(message: str, stream: TextIO | None = None) -> None:
    """One line saying what long work is doing now (for steps without a count)."""
    print(message, file=stream or sys.stderr, flush=True)
