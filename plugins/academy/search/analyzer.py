"""Chinese word segmentation with jieba and the trainer's dictionary.

One `Segmenter` per vocabulary, on jieba's default tokenizer with the trainer's
words added: Material's search uses the same tokenizer, so a build loads one
dictionary and both cut the pages with the trainer's words. (Whoever runs it
decides whether jieba's own messages are shown: the plugin and the `academy`
command keep them quiet unless asked to be verbose.)
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterator

import jieba

from academy.core.search_terms import Terms

HAN_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_CHARACTERS}]+")
# Latin words keep `+` and `#` (1+N, C#) and inner dots/hyphens (v1.2, e-mail)
LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#]*(?:[._-][A-Za-z0-9+#]+)*")
TOKEN = re.compile(f"{HAN.pattern}|{LATIN.pattern}")

# Function words and question words: they carry no topic, in pages or in questions.
# (A word list reads best as text; hence the split.)
STOPWORDS = frozenset(
    "的 地 得 了 着 过 是 在 和 与 及 或 也 都 就 还 又 而 并 把 被 让 给 对 "  # noqa: SIM905
    "从 向 到 以 为 于 之 其 这 那 个 些 一 不 没 有 吗 呢 吧 啊 呀 么 嘛 "
    "我 你 他 她 它 我们 你们 他们 自己 怎么 怎样 怎么样 如何 什么 哪些 哪个 哪里 哪儿 "
    "为什么 是否 能不能 可不可以 要不要 可以 应该 需要 要 会 能 一下 一个 这个 那个 "
    "这些 那些 时候 有没有 该 吗 呢 啥".split()
)
# Words shorter than this (in characters) are never split into smaller words.
SHORTEST_COMPOUND = 3
# Runs of Han characters up to this long are cut once per build for Material's
# index: headings, terms and short phrases recur across a course; longer runs
# are whole clauses, which seldom do, and caching them would only cost memory.
LONGEST_RECURRING_RUN = 12
# The most recently used of those cuts are kept (about 15 MB): a course of a few
# hundred pages keeps every one; a larger one keeps the runs that recur, instead
# of growing by 20 MB for every 1,000 pages of runs that never come back.
RECURRING_RUNS_KEPT = 65536
ZWSP = "\u200b"

log = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: dict[str, Segmenter] = {}


class Segmenter:
    """Accurate-mode and search-mode segmentation of Chinese text."""

    def __init__(self, terms: Terms) -> None:
        self.terms = terms
        self._words: dict[str, list[str]] = {}
        self._compounds: dict[str, list[str]] = {}
        self._tokens: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
        self._recurring_cut = functools.lru_cache(maxsize=RECURRING_RUNS_KEPT)(self._index_cut)
        longest_first = sorted(terms.synonyms, key=lambda word: (-len(word), word))
        self._synonym_pattern = (
            re.compile("|".join(map(re.escape, longest_first))) if longest_first else None
        )
        self._synonyms_inside = {
            word: [other for other in longest_first if other in word] for word in longest_first
        }
        # jieba's default tokenizer, which Material's search also uses: its
        # dictionary is loaded once per build instead of twice (~0.6 s).
        self._jieba = jieba.dt
        self._jieba.initialize()
        for word, freq in terms.words:
            self._jieba.add_word(word, freq)
        for group in terms.groups:  # a synonym is a word too
            for word in group:
                if HAN.fullmatch(word) and len(word) > 1:
                    self._jieba.add_word(word)

    @classmethod
    def for_terms(cls, terms: Terms) -> Segmenter:
        with _lock:
            if terms.fingerprint not in _cache:
                _cache[terms.fingerprint] = cls(terms)
            return _cache[terms.fingerprint]

    def words(self, run: str) -> list[str]:
        """Accurate mode: a partition of a run of Han characters."""
        # The same runs recur across sections, pages and passes: cut each once.
        cached = self._words.get(run)
        if cached is None:
            cached = self._words[run] = [word for word in self._jieba.cut(run, HMM=True) if word]
        return cached

    def index_words(self, run: str) -> str:
        """A run of Han characters as Material's search indexes it: jieba's words
        (this tokenizer, accurate mode) joined by zero-width spaces."""
        if len(run) <= LONGEST_RECURRING_RUN:
            return self._recurring_cut(run)
        return self._index_cut(run)

    def _index_cut(self, run: str) -> str:
        return ZWSP.join(self._jieba.cut(run))

    def fine_words(self, run: str) -> list[str]:
        """Accurate mode, with compounds split into the dictionary words that
        make them up (岗位职责 → 岗位, 职责); words that cannot be split stay."""
        pieces: list[str] = []
        for word in self.words(run):
            pieces.extend(self.split_compound(word))
        return pieces

    def split_compound(self, word: str) -> list[str]:
        if len(word) < SHORTEST_COMPOUND or not HAN.fullmatch(word):
            return [word]
        cached = self._compounds.get(word)
        if cached is None:
            cached = self._compounds[word] = self._split_compound(word)
        return cached

    def _split_compound(self, word: str) -> list[str]:
        known = {
            w
            for w, _, _ in self._jieba.tokenize(word, mode="search", HMM=False)
            if 1 < len(w) < len(word)
        }
        # fewest pieces covering the word, each a known word of two or more characters
        best: list[list[str] | None] = [[]] + [None] * len(word)
        for end in range(2, len(word) + 1):
            for start in range(0, end - 1):
                piece = word[start:end]
                before, current = best[start], best[end]
                if (
                    before is not None
                    and piece in known
                    and (current is None or len(before) + 1 < len(current))
                ):
                    best[end] = [*before, piece]
        return best[len(word)] or [word]

    def tokens(self, text: str, search: bool = True) -> Iterator[tuple[str, int, int]]:
        """(token, start, end) for every word of `text`; `search` adds the
        dictionary words inside compounds (岗位职责 also gives 岗位, 职责)."""
        for match in TOKEN.finditer(text):
            value, offset = match.group(0), match.start()
            if not HAN.fullmatch(value):
                yield value.lower(), offset, match.end()
                continue
            mode = "search" if search else "default"
            key = (value, mode)
            found = self._tokens.get(key)
            if found is None:
                found = self._tokens[key] = list(self._jieba.tokenize(value, mode=mode, HMM=True))
            for word, start, end in found:
                yield word, offset + start, offset + end

    def terms_of(self, text: str) -> list[str]:
        """Topic words of a query or a text, in order, without stopwords."""
        seen: list[str] = []
        for token, _, _ in self.tokens(text):
            if token not in STOPWORDS and token not in seen:
                seen.append(token)
        return seen

    def synonyms_in(self, text: str) -> set[str]:
        """Synonyms of the terms that occur in `text` (as substrings)."""
        if self._synonym_pattern is None:
            return set()
        lowered = text.lower()
        # One scan of the text finds, at each position, the longest synonym
        # starting there; the synonyms inside it occur too. Restarting one
        # character on keeps overlaps (出事故: 出事 and 事故).
        present: set[str] = set()
        match = self._synonym_pattern.search(lowered)
        while match is not None:
            present.update(self._synonyms_inside[match.group(0)])
            match = self._synonym_pattern.search(lowered, match.start() + 1)
        found: set[str] = set()
        for word in present:
            found.update(
                other for other in self.terms.synonyms[word] if other.lower() not in present
            )
        return found
