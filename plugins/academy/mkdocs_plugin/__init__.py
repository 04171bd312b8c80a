"""The MkDocs adapter: the only package that imports MkDocs (with cli/settings.py).

plugin.py wires MkDocs events to the core's check pipeline, the renderers and
the search work; config.py declares the plugin's options; search_hooks.py hands
the pages to the search worker and improves Material's index; build_log.py puts MkDocs' own
messages in Chinese. May import every folder except cli/.
"""
