"""The search work of one build, fed while MkDocs renders: related reading
from the rendered pages, and the sections of Material's search index improved
as Material adds them.

`SearchWork` does it in this process. `start` hands it to a forked worker
process where it can, so that on a machine with two cores the work overlaps
the rendering instead of adding to it. The results are the same either way:
the worker runs the same `SearchWork` on the same input.

The order of a build: every page (`add_page`), then `pages_done`, which
starts related reading, then the index sections (`add_docs`), and at the end
`improve_index_file`. A worker loads jieba's dictionary after related reading,
while the build loads its own; index sections wait in the build until it is
ready, so that sending them never blocks.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .analyzer import Segmenter
from .emphasis import emphasised
from .material import DocKey, Improved, improve_doc, improve_index_file
from .related import excluded
from .similar import Corpus, RelatedReading
from .terms import Terms


class SearchWork:
    def __init__(self, terms: Terms, related: int, exclude: tuple[str, ...], improve: bool) -> None:
        """`related`: links per page (0 for none); `exclude`: pages left out of related reading."""
        self.terms = terms
        self.related = related
        self.exclude = exclude
        self.improve = improve
        self.corpus = Corpus()
        self.emphasis: dict[str, list[str]] = {}  # search location -> bold and defined words
        self.improved: dict[DocKey, Improved] = {}
        self.reading: RelatedReading | None = None

    @property
    def segmenter(self) -> Segmenter:
        return Segmenter.for_terms(self.terms)

    def add_page(self, page: str, url: str, html: str) -> None:
        """A rendered page (docs-relative path, URL, html)."""
        if self.related and not excluded(page, self.exclude):
            self.corpus.add_page(page, html)
        if self.improve:
            self.emphasis.update(emphasised(html, url))

    def pages_done(self) -> None:
        self.reading = self.corpus.related_reading(self.related) if self.related else None

    def related_reading(self) -> RelatedReading | None:
        """The lists of every page; None when related reading is off."""
        return self.reading

    def add_docs(self, keys: list[DocKey]) -> None:
        """Sections Material added to its index."""
        if self.improve:
            for key in keys:
                self.improved[key] = improve_doc(key, self.segmenter, emphasis=self.emphasis)

    def improve_index_file(self, path: Path) -> bool:
        """Rewrite the index Material wrote, with the sections improved so far and any others."""
        return improve_index_file(path, self.segmenter, emphasis=self.emphasis, known=self.improved)

    def close(self) -> None:
        pass


class WorkerLost(Exception):
    """The worker process failed or is gone; the caller redoes the work in process."""


class InWorker:
    """A SearchWork in a forked process, with the same methods."""

    def __init__(self, work: SearchWork) -> None:
        context = multiprocessing.get_context("fork")
        calls, self._calls = context.Pipe(duplex=False)
        self._answers, answers = context.Pipe(duplex=False)
        theirs = (self._calls, self._answers)  # the worker closes its copies, so that it sees the build end
        self._process = context.Process(target=_serve, args=(work, calls, answers, theirs), daemon=True)
        self._process.start()
        calls.close()
        answers.close()
        self._waiting: list[DocKey] = []  # index sections held back until the worker can take them
        self._ready = False
        self._failure = ""

    def add_page(self, page: str, url: str, html: str) -> None:
        self._send("add_page", page, url, html)

    def pages_done(self) -> None:
        self._send("pages_done")

    def related_reading(self) -> RelatedReading | None:
        return self._answer()

    def add_docs(self, keys: list[DocKey]) -> None:
        self._waiting.extend(keys)
        if not self._ready and not self._failure and self._answers.poll():
            try:
                self._ready = self._answer() == READY
            except WorkerLost as lost:
                self._failure = str(lost)
        if self._ready:
            self._send("add_docs", self._waiting)
            self._waiting = []

    def improve_index_file(self, path: Path) -> bool:
        if not self._ready and not self._failure:
            self._ready = self._answer() == READY
        self._send("add_docs", self._waiting)
        self._waiting = []
        self._send("improve_index_file", path)
        return bool(self._answer())

    def close(self) -> None:
        self._calls.close()  # the worker's loop ends
        self._answers.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def _send(self, *call: Any) -> None:
        try:
            self._calls.send(call)
        except OSError:  # reported by the next answer
            pass

    def _answer(self) -> Any:
        if self._failure:
            raise WorkerLost(self._failure)
        try:
            failure, result = self._answers.recv()
        except (OSError, EOFError) as error:
            raise WorkerLost(f"the search worker is gone ({error!r})") from None
        if failure:
            raise WorkerLost(failure)
        return result


READY = "ready"


def _serve(work: SearchWork, calls: Connection, answers: Connection, theirs: tuple[Connection, ...]) -> None:
    """The worker's loop: run each call, answer the questions, report the first failure."""
    for connection in theirs:
        connection.close()
    failure = ""

    def answer(question: Any) -> None:
        nonlocal failure
        result = None
        if not failure:
            try:
                result = question()
            except Exception:
                failure = traceback.format_exc()
        answers.send((failure, None if failure else result))

    try:
        for name, *args in iter(calls.recv, None):
            if name == "pages_done":
                answer(lambda: work.pages_done() or work.related_reading())
                answer(lambda: _load_dictionary(work))
            elif name == "improve_index_file":
                answer(lambda: work.improve_index_file(*args))
            elif not failure:
                try:
                    getattr(work, name)(*args)
                except Exception:
                    failure = traceback.format_exc()
    except (EOFError, OSError, KeyboardInterrupt):  # the build ended or stopped: MkDocs reports why
        pass
    finally:
        answers.close()


def _load_dictionary(work: SearchWork) -> str:
    """jieba's dictionary, for the index sections to come: it loads while the build loads its own."""
    assert work.segmenter is not None
    return READY


def start(work: SearchWork, allowed: bool = True) -> SearchWork | InWorker:
    """`work` in a worker process, or as it is where a second process would
    not help (one core) or forking is unavailable or unsafe (other threads
    running, as under `mkdocs serve`)."""
    if not allowed or _cores() < 2 or threading.active_count() > 1:
        return work
    if "fork" not in multiprocessing.get_all_start_methods():
        return work
    return InWorker(work)


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):  # the cores this process may run on
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
