"""Sentence segmentation that survives abbreviations, initials, decimals and quotes.

``split_sentences(text)`` returns ``(start, end)`` offsets; ``sentences(doc)``
gives every body block's sentences once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linters.document import Block, Document

__all__ = ["Sentence", "sentences", "split_sentences"]

_ABBREVIATIONS = frozenset(
    """
mr mrs ms dr prof gen col lt sgt capt cmdr adm maj rep sen gov pres rev st jr sr inc ltd co corp no nos
vs etc al fig approx dept est jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m
mt ft ave blvd
""".split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space(s).
_BOUNDARY_RE = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+)""")
_NEXT_START_RE = re.compile(r"""\s+(["'“‘(\[]*)(\S)""")


@dataclass(frozen=True, slots=True)
class Sentence:
    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


def _word_before(text: str, pos: int) -> str:
    start = pos
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"'“‘":
        start -= 1
    return text[start:pos]


def _is_boundary(text: str, punct_start: int, punct_end: int) -> bool:
    mark = text[punct_start]
    nxt = _NEXT_START_RE.match(text, punct_end)
    if not nxt:
        return False
    first = nxt.group(2)
    if mark in "!?…":
        return first.isupper() or first.isdigit() or bool(nxt.group(1))
    word = _word_before(text, punct_start).rstrip(".")
    low = word.casefold()
    if low in _ABBREVIATIONS or low.replace(".", "") in {a.replace(".", "") for a in ("u.s", "u.k", "u.n")}:
        # "U.S. officials" continues; "in the U.S. The next" ends: decide by what follows
        return bool(low in {"u.s", "u.k", "u.n"} and first.isupper() and _NEXT_WORD_IS_FUNCTION(text, nxt.start(2)))
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "John F. Kennedy"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        return first.isupper() and _NEXT_WORD_IS_FUNCTION(text, nxt.start(2))
    return first.isupper() or first.isdigit() or bool(nxt.group(1))


_FUNCTION_STARTS = frozenset("the a an it he she they we i this that but and in on at his her its their".split())


def _NEXT_WORD_IS_FUNCTION(text: str, pos: int) -> bool:
    m = re.match(r"[A-Za-z]+", text[pos:])
    return bool(m) and m.group().casefold() in _FUNCTION_STARTS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        if _is_boundary(text, m.start(), m.end()):
            spans.append((start, m.end()))
            start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentences(doc: Document) -> list[Sentence]:
    """All sentences of the document's body blocks, in order (computed once per document)."""

    def build(d: Document) -> list[Sentence]:
        return [Sentence(b, s, e) for b in d.body_blocks() for s, e in split_sentences(b.text)]

    return doc.cached("sentences", build)
