"""Improve Material's search index after Material wrote it (a post-build hook).

Material segments Chinese with jieba's accurate mode and searches by word
prefix, so 职责 misses a page that only says 岗位职责, and a trainee's own
words (半夜) miss the page's (夜间). This module rewrites
site/search/search_index.json, before the offline plugin inlines it into
search_index.js:

- `title` and `text` are re-segmented with the trainer's dictionary, compounds
  split into the words that make them up (岗位职责 → 岗位 职责, so 职责 is
  found and highlighted) and one-character words joined to the word before.
  Only the zero-width separators move, so results show the same clean text and
  the positions Material highlights stay right.
- a hidden `keywords` field (never displayed) lists, per section, the words
  inside compounds once more (weighting them) and the synonyms of the
  section's terms (夜间 → 半夜), so a trainee's own words find the section.
"""

from __future__ import annotations

import json
import re
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from .analyzer import HAN, STOPWORDS, Segmenter

ZWSP = "\u200b"
KEYWORDS = "keywords"
KEYWORDS_BOOST = 10.0
# Pages that list other pages rank below the pages they point to (fnmatch on the URL).
PAGE_BOOSTS = {"paths/*": 0.3, "quizzes/*": 0.5, "me.html": 0.3}
# Also split at full-width punctuation, quotes and brackets: with Material's zh
# separator, “1+N” is indexed with its quotes and a search for 1+N misses it.
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：“”‘’（）《》〈〉「」『』【】…,.!?;()\[\]<>\"'/|]+"
MATERIAL_ZH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；]+"
_TAG = re.compile(r"<[^>]*>")


def glued(words: list[str]) -> list[str]:
    """One-character words joined to the word before them (讲|出 → 讲出).

    Material's client cuts a Chinese query into pieces that are words of the
    index, and a two-character query whose first character is itself a word of
    the index (出 for 出账) turns into a search for everything starting with 出.
    Without one-character words the whole query is searched; the word before
    still matches as a prefix.
    """
    out: list[str] = []
    for word in words:
        if len(word) == 1 and out:
            out[-1] += word
        else:
            out.append(word)
    return out


def segment(value: str, segmenter: Segmenter, fine: bool = True) -> str:
    """`value` with Han runs split by zero-width spaces, the way Material does it."""
    plain = value.replace(ZWSP, "")
    cut = segmenter.fine_words if fine else segmenter.words

    def replace(match: re.Match[str]) -> str:
        return ZWSP + ZWSP.join(glued(cut(match.group(0)))) + ZWSP

    return HAN.sub(replace, plain).strip(ZWSP)


def keywords(title: str, text: str, segmenter: Segmenter) -> str:
    """Words inside compounds and synonyms of a section, separated by spaces."""
    plain = _TAG.sub(" ", f"{title} {text}").replace(ZWSP, "")
    whole = {word for run in HAN.findall(plain) for word in segmenter.words(run)}
    extra: list[str] = []
    for token, _, _ in segmenter.tokens(plain):
        if HAN.fullmatch(token) and len(token) > 1 and token not in whole and token not in STOPWORDS:
            extra.append(token)
    extra.extend(sorted(segmenter.synonyms_in(plain)))
    return " ".join(dict.fromkeys(extra))


def improve_index(data: dict[str, Any], segmenter: Segmenter, separator: str | None = SEPARATOR,
                  fine: bool = True, boosts: dict[str, float] | None = None) -> dict[str, Any]:
    """A copy of Material's search index (as parsed JSON), improved for Chinese."""
    config = dict(data.get("config", {}))
    if separator and config.get("separator") in (None, MATERIAL_ZH_SEPARATOR):
        config["separator"] = separator  # unless the author set one in mkdocs.yml
    fields = dict(config.get("fields", {}))
    fields.setdefault(KEYWORDS, {"boost": KEYWORDS_BOOST})
    config["fields"] = fields
    docs = []
    for doc in data.get("docs", []):
        doc = dict(doc)
        title, text = str(doc.get("title", "")), str(doc.get("text", ""))
        doc["title"] = segment(title, segmenter, fine)
        doc["text"] = segment(text, segmenter, fine)
        boost = page_boost(str(doc.get("location", "")), PAGE_BOOSTS if boosts is None else boosts)
        if boost != 1.0 and "boost" not in doc:
            doc["boost"] = boost
        extra = keywords(title, text, segmenter)
        if extra:
            doc[KEYWORDS] = extra
        docs.append(doc)
    return {**data, "config": config, "docs": docs}


def page_boost(location: str, boosts: dict[str, float]) -> float:
    """The boost of the first pattern (fnmatch, on the page URL) that matches."""
    page = location.split("#", 1)[0]
    for pattern, boost in boosts.items():
        if fnmatch(page, pattern):
            return boost
    return 1.0


def improve_index_file(path: Path, segmenter: Segmenter, separator: str | None = SEPARATOR) -> bool:
    """Rewrite Material's search_index.json in place; False when there is none."""
    if not path.is_file():
        return False
    data = json.loads(path.read_text(encoding="utf-8"))
    improved = improve_index(data, segmenter, separator)
    path.write_text(json.dumps(improved, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
