"""Learning paths and SPCM self-assessment for a course site, in folders by concern.

core/ reads and checks trainers' files; scoring/ turns answers into levels;
search/ is the Chinese search; render/ writes the HTML fragments of the widgets;
report/ builds the cohort report; publish/ swaps a built site into place;
cli/ and mkdocs_plugin/ are the two thin adapters (the `academy` command and the
MkDocs plugin) over the same checks. Dependencies point down that list: nothing
in core/ imports another folder, and only mkdocs_plugin/ and cli/settings.py
import MkDocs.
"""
