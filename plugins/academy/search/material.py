"""Improve Material's search index after Material wrote it (a post-build hook).

Material segments Chinese with jieba's accurate mode and searches by word
prefix, so 职责 misses a page that only says 岗位职责, and a trainee's own
words (半夜) miss the page's (夜间). This module rewrites
site/search/search_index.json, before the offline plugin inlines it into
search_index.js:

- `title` and `text` are re-segmented with the trainer's dictionary, compounds
  split into the words that make them up (岗位职责 → 岗位 职责, so 职责 is
  found and highlighted). Only the zero-width separators move, so results
  show the same clean text and the positions Material highlights stay right.
- a hidden `keywords` field (never displayed) lists, per section, the
  synonyms of the section's terms (夜间 → 半夜), so a trainee's own words find
  the section, and its emphasised words once more.
- `config.query_stopwords` lists the question words search-query.js leaves
  out of a query; that script cuts queries into the words of this index.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from backrefs import bre

from .analyzer import HAN, HAN_CHARACTERS, STOPWORDS, ZWSP, Segmenter

KEYWORDS = "keywords"
KEYWORDS_BOOST = 1.0
QUERY_STOPWORDS = "query_stopwords"
# Pages that list other pages rank below the pages they point to (fnmatch on the
# section's location, page#anchor; the first that matches counts). The top of a path
# page says whom it is for, which answers 「小组长要学哪些课」: it keeps its weight.
PAGE_BOOSTS = {"paths/*#*": 0.3, "paths/*": 0.45, "quizzes/*": 0.5, "me.html*": 0.3}
# Also split at full-width punctuation, quotes and brackets: with Material's zh
# separator, “1+N” is indexed with its quotes and a search for 1+N misses it.
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：“”‘’（）《》〈〉「」『』【】…,.!?;()\[\]<>\"'/|]+"
MATERIAL_ZH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；]+"
_TAG = re.compile(r"<[^>]*>")
# A run of three or more Han characters: in Material's text, one word that may be a compound.
_LONG_RUN = re.compile(f"[{HAN_CHARACTERS}]{{3,}}")
# The runs Material's search cuts with jieba (its own pattern, from the library it uses)
_MATERIAL_RUN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)


def share_segmenter(index: object, segmenter: Segmenter) -> bool:
    """Material's search index cuts its sections through `segmenter`; False when it
    cannot (another search plugin, or a Material that indexes differently).

    Material cuts every run of Han characters of every section with jieba's default
    tokenizer as it indexes, which is most of a Chinese build's time, and cuts a
    heading or term again wherever it recurs. The segmenter holds the same
    tokenizer with the trainer's words, so the index is the same, byte for byte;
    it only remembers the recurring runs.
    """
    if not callable(getattr(index, "_segment_chinese", None)):
        return False
    index._segment_chinese = functools.partial(material_segments, segmenter=segmenter)  # type: ignore[attr-defined]
    return True


def material_segments(data: str, segmenter: Segmenter) -> str:
    """`data` as Material's `_segment_chinese` returns it: each Han run's words
    between zero-width spaces."""
    return _MATERIAL_RUN.sub(
        lambda match: ZWSP + segmenter.index_words(match.group(0)) + ZWSP, data
    ).strip(ZWSP)


def segment(value: str, segmenter: Segmenter, fine: bool = True) -> str:
    """`value` with Han runs split by zero-width spaces, the way Material does it.

    Material has already cut every run with the same jieba tokenizer, which
    holds the trainer's dictionary before Material indexes: its words are kept
    and only compounds are split (cutting everything again doubled the cost).
    Runs that arrive uncut are cut here.
    """
    if ZWSP in value:  # Material's words: split the compounds among them
        if not fine:
            return value
        return _LONG_RUN.sub(
            lambda match: ZWSP.join(segmenter.split_compound(match.group(0))), value
        )
    cut = segmenter.fine_words if fine else segmenter.words
    return HAN.sub(lambda match: ZWSP + ZWSP.join(cut(match.group(0))) + ZWSP, value).strip(ZWSP)


def keywords(title: str, text: str, segmenter: Segmenter, emphasised: Iterable[str] = ()) -> str:
    """The section's synonyms and emphasised words, cut the way the text is, separated by spaces.

    Synonyms of the section's terms (夜间 → 半夜) let a trainee's own words find
    it; words in bold or defined in a list (**系统巡检**：…) count once more, as
    they name what the section is about.
    """
    plain = _TAG.sub(" ", f"{title} {text}").replace(ZWSP, "")
    extra: list[str] = []
    for phrase in [*sorted(segmenter.synonyms_in(plain)), *emphasised]:
        extra.extend(_phrase_words(segmenter, phrase))
    return " ".join(dict.fromkeys(extra))


@functools.lru_cache(maxsize=65536)  # the same synonyms and bold words recur across sections
def _phrase_words(segmenter: Segmenter, phrase: str) -> tuple[str, ...]:
    words: list[str] = []
    for token, _, _ in segmenter.tokens(phrase, search=False):
        if token not in STOPWORDS:
            words.extend(segmenter.split_compound(token))
    return tuple(words)


def improve_doc(
    location: str,
    title: str,
    text: str,
    segmenter: Segmenter,
    fine: bool = True,
    emphasis: dict[str, list[str]] | None = None,
) -> tuple[str, str, str]:
    """One section of Material's index: its title and text re-segmented, and its keywords."""
    extra = keywords(title, text, segmenter, (emphasis or {}).get(location, ()))
    return segment(title, segmenter, fine), segment(text, segmenter, fine), extra


def improve_index(
    data: dict[str, Any],
    segmenter: Segmenter,
    separator: str | None = SEPARATOR,
    fine: bool = True,
    boosts: dict[str, float] | None = None,
    emphasis: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """A copy of Material's search index (as parsed JSON), improved for Chinese."""
    config = dict(data.get("config", {}))
    if separator and config.get("separator") in (None, MATERIAL_ZH_SEPARATOR):
        config["separator"] = separator  # unless the author set one in mkdocs.yml
    fields = dict(config.get("fields", {}))
    fields.setdefault(KEYWORDS, {"boost": KEYWORDS_BOOST})
    config["fields"] = fields
    # read by search-query.js, which cuts the trainee's query into index words
    config[QUERY_STOPWORDS] = sorted(word for word in STOPWORDS if len(word) > 1)
    docs = []
    for section in data.get("docs", []):
        doc = dict(section)
        location = str(doc.get("location", ""))
        doc["title"], doc["text"], extra = improve_doc(
            location,
            str(doc.get("title", "")),
            str(doc.get("text", "")),
            segmenter,
            fine,
            emphasis,
        )
        boost = page_boost(location, PAGE_BOOSTS if boosts is None else boosts)
        if boost != 1.0 and "boost" not in doc:
            doc["boost"] = boost
        if extra:
            doc[KEYWORDS] = extra
        docs.append(doc)
    return {**data, "config": config, "docs": docs}


def page_boost(location: str, boosts: dict[str, float]) -> float:
    """The boost of the first pattern (fnmatch, on the location) that matches."""
    for pattern, boost in boosts.items():
        if fnmatch(location, pattern):
            return boost
    return 1.0


def improve_index_file(
    path: Path,
    segmenter: Segmenter,
    separator: str | None = SEPARATOR,
    emphasis: dict[str, list[str]] | None = None,
) -> bool:
    """Rewrite Material's search_index.json in place; False when there is none."""
    if not path.is_file():
        return False
    data = json.loads(path.read_text(encoding="utf-8"))
    improved = improve_index(data, segmenter, separator, emphasis=emphasis)
    path.write_text(
        json.dumps(improved, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return True
