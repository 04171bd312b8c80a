"""Ralph's LRS application, as tests/support/lrs.py serves it with uvicorn.

Two faults of Ralph 5.1.0's file-system LRS backend (its development backend) are
mended here, and nothing else is changed:

- it writes each posted batch with the CREATE operation, which refuses every batch
  after the first ("already exists and overwrite is not allowed"): an LRS appends;
- its `verb` filter compares the query's IRI object with the statement's text, so
  `GET statements?verb=…` never matches: the filter is given the IRI's text.

Validation, duplicate ids, the other filters, paging, authentication and CORS are
Ralph's own.
"""

from typing import Any

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

_filter_by_verb = FSLRSBackend._add_filter_by_verb


def _filter_by_verb_text(filters: list, verb_id: Any) -> None:
    _filter_by_verb(filters, str(getattr(verb_id, "root", verb_id)) if verb_id else None)


FSLRSBackend._add_filter_by_verb = staticmethod(_filter_by_verb_text)  # type: ignore[method-assign]

from ralph.api import app  # noqa: E402  (after the backend is mended)

__all__ = ["app"]
