"""The search work of one build: related reading from the rendered pages, and
Material's search index improved once Material has written it.

`SearchWork` does it in this process. `start` hands it to a forked worker
process where it can, so that on a machine with two cores related reading
overlaps the rendering and the loading of jieba's dictionary instead of
adding to them. The results are the same either way: the worker runs the same
`SearchWork` on the same input.

The order of a build: every page (`add_page`) as MkDocs renders it, then
`pages_done`, which computes related reading, and at the end
`improve_index_file`. The worker ends once it has answered with related
reading and the words the pages emphasise; the index is improved in the build
process (`for_the_index`), where jieba's dictionary is loaded and Material's
words are already cut.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from academy.core.search_terms import Terms

from .analyzer import Segmenter
from .emphasis import emphasised
from .material import improve_index_file
from .related import excluded
from .similar import Corpus, RelatedReading


class SearchWork:
    def __init__(
        self,
        terms: Terms,
        related: int,
        exclude: tuple[str, ...],
        improve: bool,
        emphasis: dict[str, list[str]] | None = None,
    ) -> None:
        """`related`: links per page (0 for none); `exclude`: pages left out of related reading."""
        self.terms = terms
        self.related = related
        self.exclude = exclude
        self.improve = improve
        self.corpus = Corpus()
        # search location -> bold and defined words
        self.emphasis: dict[str, list[str]] = emphasis or {}
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

    def emphasis_found(self) -> dict[str, list[str]]:
        return self.emphasis

    def for_the_index(self) -> SearchWork:
        """The work that improves the index: this one."""
        return self

    def improve_index_file(self, path: Path) -> bool:
        """Rewrite the index Material wrote; False when there is none."""
        return improve_index_file(path, self.segmenter, emphasis=self.emphasis)

    def close(self) -> None:
        pass


class WorkerLost(Exception):
    """The worker process failed or is gone; the caller redoes the work in process."""


class InWorker:
    """A SearchWork in a forked process, with the same methods."""

    def __init__(self, work: SearchWork) -> None:
        self.work = work  # as it was when forked
        context = multiprocessing.get_context("fork")
        calls, self._calls = context.Pipe(duplex=False)
        self._answers, answers = context.Pipe(duplex=False)
        # The worker closes its copies, so that it sees the build end.
        theirs = (self._calls, self._answers)
        self._process = context.Process(
            target=_serve, args=(work, calls, answers, theirs), daemon=True
        )
        self._process.start()
        calls.close()
        answers.close()

    def add_page(self, page: str, url: str, html: str) -> None:
        self._call("add_page", page, url, html)

    def pages_done(self) -> None:
        self._call("pages_done")

    def related_reading(self) -> RelatedReading | None:
        reading: RelatedReading | None = self._ask("related_reading")
        return reading

    def emphasis_found(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = self._ask("emphasis_found")
        return found

    def for_the_index(self) -> SearchWork:
        """The index is improved in the build process, which has the words Material
        cut for it. (A second worker for it, forked after the dictionary
        loads, cost more CPU time than it saved in wall time: the fork, copying the
        pages the build writes to afterwards, and the hand-over of every section.)"""
        emphasis = self.emphasis_found()
        self.close()
        work = self.work
        return SearchWork(work.terms, 0, work.exclude, work.improve, emphasis)

    def close(self) -> None:
        self._calls.close()  # the worker's loop ends
        self._answers.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def _call(self, name: str, *args: Any, answer: bool = False) -> None:
        with contextlib.suppress(OSError):  # reported by the next answer
            self._calls.send((name, args, answer))

    def _ask(self, name: str, *args: Any) -> Any:
        self._call(name, *args, answer=True)
        try:
            failure, result = self._answers.recv()
        except (OSError, EOFError) as error:
            raise WorkerLost(f"the search worker is gone ({error!r})") from None
        if failure:
            raise WorkerLost(failure)
        return result


def _serve(
    work: SearchWork, calls: Connection, answers: Connection, theirs: tuple[Connection, ...]
) -> None:
    """The worker's loop: run each call, answer the questions, report the first failure."""
    for connection in theirs:
        connection.close()
    failure = ""
    try:
        for name, args, answer in iter(calls.recv, None):
            result = None
            if not failure:
                try:
                    result = getattr(work, name)(*args)
                except Exception:
                    failure = traceback.format_exc()
            if answer:
                answers.send((failure, None if failure else result))
    except (EOFError, OSError, KeyboardInterrupt):  # the build ended or stopped: MkDocs reports why
        pass
    finally:
        answers.close()


def start(work: SearchWork, allowed: bool = True) -> SearchWork | InWorker:
    """`work` in a worker process, or as it is where a second process would
    not help (one core) or forking is unavailable or unsafe (other threads
    running, as under `mkdocs serve`)."""
    if not allowed or _cores() <= 1 or threading.active_count() > 1:
        return work
    if "fork" not in multiprocessing.get_all_start_methods():
        return work
    return InWorker(work)


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):  # the cores this process may run on
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
