"""The Whoosh tokenizer over a Segmenter (module level: Whoosh pickles schemas)."""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer

from .analyzer import STOPWORDS, Segmenter


class ChineseTokenizer(Tokenizer):
    def __init__(self, segmenter: Segmenter | None) -> None:
        self.segmenter = segmenter

    def __getstate__(self) -> dict[str, object]:
        return {}  # the index is always opened with a live schema, never the pickled one

    def __setstate__(self, state: dict[str, object]) -> None:
        self.segmenter = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChineseTokenizer)

    def __hash__(self) -> int:  # all instances are equal (see __eq__)
        return hash(ChineseTokenizer)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        assert self.segmenter is not None, "open the index with its live schema"
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, (word, start, end) in enumerate(self.segmenter.tokens(value)):
            if word in STOPWORDS or not word.strip():
                continue
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + position
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def whoosh_analyzer(segmenter: Segmenter) -> ChineseTokenizer:
    return ChineseTokenizer(segmenter)
