"""Chinese search for the site: the trainer's dictionary and synonyms, a Whoosh
index behind a small interface (`engine.SearchEngine`), related reading, and the
build hook that improves Material's own search index.

Nothing here imports MkDocs: mkdocs_plugin/search_hooks.py and the `academy search`
command call in. May import core/ only.
"""
