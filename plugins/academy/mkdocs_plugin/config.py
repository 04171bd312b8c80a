"""Options of the `academy` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class XapiConfig(base.Config):
    endpoint = c.Optional(c.Type(str))
    """The Learning Record Store's xAPI address (https://lrs.example.com/xAPI/, or a
    path such as /xAPI/ on the site's own server). Unset: nothing is ever sent."""

    launch = c.Type(bool, default=True)
    """Accept the launch parameters an LMS adds to the address (endpoint on the same
    server as `endpoint`, auth, actor, registration)."""


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

    # Learning paths and the learning log
    learning_log_page = c.Type(str, default="log/index.md")
    """The page holding `<!-- academy:learning-log -->`; reflection steps lead there."""

    reflection_questions = c.ListOfItems(
        c.Type(str),
        default=["今天学到了什么？", "感受最深的是什么？为什么？", "对工作有什么启发？"],
    )
    """The questions of the daily learning log."""

    site_id = c.Optional(c.Type(str))
    """Key under which trainees' browsers keep their progress; by default derived
    from site_name. Set it before renaming the site, or progress starts afresh."""

    # Quiz banks
    item_checks = c.Choice(("error", "warn", "off"), default="warn")
    """Item-writing checks of knowledge questions (the key is the longest option,
    a multiple choice with one wrong option, ordering items that carry their
    order, …): `error` fails `academy check` and the build, `warn` lists them as
    advice, `off` skips them."""

    glossary = c.Optional(c.File(exists=False))
    """The glossary (术语表) YAML, relative to mkdocs.yml: it becomes the page
    glossary.md, each term's first use on a page links to its entry, and its
    retired variants are reported by `academy check` and the build."""

    # Search (issue 6): see search/README.md
    search_terms = c.Type(str, default="search")
    """Folder (relative to mkdocs.yml) with the trainers' jieba dictionary
    (dictionary.txt) and synonym list (synonyms.yml); missing files mean none."""

    improve_search = c.Type(bool, default=True)
    """Re-segment Material's search index with the dictionary and add a hidden
    field of sub-words and synonyms, so the site's search box finds them."""

    related_reading = c.Type(int, default=4)
    """How many sections a page's 相关阅读 list shows; 0 turns the lists off."""

    related_exclude = c.ListOfItems(
        c.Type(str), default=["index.md", "paths/*", "me.md", "quizzes/*", "guide/*"]
    )
    """Pages (fnmatch patterns) that neither show nor appear in related reading."""

    search_worker = c.Type(bool, default=True)
    """Compute related reading in a second process while MkDocs renders the
    pages, on machines with more than one core. The site is the same either
    way; false keeps everything in one process."""

    # Learning records (issue 20): see the README's "Learning Record Store" section
    xapi = c.SubConfig(XapiConfig)
    """Send xAPI statements of completed pages and quizzes to a Learning Record Store."""

    review_suggestions = c.Deprecated(
        message="academy 插件的“{}”选项已不再使用（每道知识题都写 refs），"
        "请从 mkdocs.yml 中删去这一行。"
    )
    """No longer used: every knowledge question names its own review pages in `refs`."""
