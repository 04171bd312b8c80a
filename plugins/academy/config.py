"""Options of the `academy` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class AcademyConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the whole plugin off, e.g. for a quick preview."""

    # Trainers' data, outside docs_dir
    model = c.File(exists=False, default="quizzes/spcm.yml")
    """The competency model: levels, dimensions and roles."""

    # Offline operation
    vendored_assets = c.Type(bool, default=True)
    """Serve the search worker shim and the diagram renderer from the site
    itself instead of a CDN, so the site works with no internet."""
