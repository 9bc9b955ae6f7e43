"""Sentence segmentation that survives abbreviations, initials, decimals, quotes and parentheses.

``split_sentences(text)`` returns ``(start, end)`` offsets; ``sentences(doc)``
gives every body block's sentences once per document. The splitter is a single
left-to-right pass over candidate boundaries (terminal punctuation followed by
whitespace), so its cost is linear in the text length. Each candidate is judged
by the word before it and the word after it:

* titles before names never end a sentence ("Gen. Smith", "Sen. Doe");
* "No." and month abbreviations end nothing when a number follows ("No. 10");
* words that may end a sentence ("Inc.", "U.S.", "a.m.") end one only when the
  next word is a typical sentence opener ("in the U.S. The talks ...");
* a single capital letter is an initial ("John F. Kennedy") unless it follows a
  lower-case word and a sentence opener comes next ("vitamin C. The ...");
* a lower-case next word never starts a sentence ("'Why?' she asked.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linters.document import Document, Span

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "sentences", "split_long", "split_sentences"]

#: Longer "sentences" are not prose (a paragraph that lost its full stops, a pasted word list); rules that
#: analyse sentence by sentence cut them into pieces of at most this size with :func:`split_long`.
MAX_SENTENCE_CHARS = 2000

# Abbreviations that precede a name and so never end a sentence.
_TITLES = frozenset(
    """
mr mrs ms messrs mme dr prof gen lt col maj capt cmdr adm brig sgt cpl pvt rep reps sen sens gov lt.gov
pres rev fr msgr hon amb atty supt insp det cmdr gens adj sr.lt
""".split()
)
# Abbreviations that go with a following number ("No. 10", "Jan. 5", "Fig. 3").
_BEFORE_NUMBER = frozenset(
    "no nos nr art fig figs vol p pp sec ch para jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Abbreviations that usually continue a sentence but may also end one.
_MAY_END = frozenset(
    """
inc ltd co corp plc llc bros jr sr etc al vs approx dept est ave blvd st mt ft hwy rd a.m p.m u.s u.k u.n u.s.a
e.u d.c n.y l.a ph.d b.c a.d e.g i.e cf viz ca
""".split()
)
# Words that typically open a sentence; used to resolve the ambiguous cases above.
_OPENERS = frozenset(
    """
the a an it he she they we i you this that these those there his her its their our my but and so yet
in on at as after before when while if although though however meanwhile still also then now today
yesterday earlier later officials some many most one no
""".split()
)

# Only at the start of a run of marks, and possessive: a long run of dots not followed by a space fails once,
# not once per dot with backtracking (same matches as the plain pattern, linear time).
_CANDIDATE_RE = re.compile(r"""(?<![.!?…])[.!?…]++["'”’»)\]]*+(?=\s|$)""")
_NEXT_RE = re.compile(r"""\s+(["'“‘«(\[]*)(\S)""")
_WORD_RE = re.compile(r"[A-Za-z]+")
# A whole short sentence that is only a speech tag: "Trump said." / "the minister said on Sunday."
_TAG_SENTENCE_RE = re.compile(
    r"\s+(?!(?:He|She|They|It|We|I|The|This|That)\b)(?:[A-Z][\w.'’-]*\s+){1,4}"
    r"(?:said|says|added|adds|wrote|writes|replied|told\s+[A-Z]?\w+)"
    r"(?:\s+(?:on\s+)?[A-Z][a-z]+|\s+in\s+an?\s+(?:statement|interview))?\s*[.!?](?:\s|$)"
)
_SPEECH_TAG_RE = re.compile(
    r"\s+(?:[A-Z][\w.'’-]*\s+){0,4}(?:said|says|asked|asks|added|adds|wrote|writes|replied|shouted|told|tweeted)\b"
)


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    """One sentence: a plain-text range inside a block (a :class:`Span` compared by value)."""


def _word_before(text: str, pos: int) -> str:
    """The whitespace-delimited word ending at ``pos``, leading quotes/brackets removed."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:pos].lstrip("\"'“‘«([")


def _previous_word(text: str, word_start: int) -> str:
    """The word before the one that starts at ``word_start`` (for initials after names)."""
    end = word_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return _word_before(text, end)


def _next_word(text: str, pos: int) -> str:
    m = _WORD_RE.match(text, pos)
    return m.group().casefold() if m else ""


def _is_boundary(text: str, punct_start: int, punct_end: int) -> bool:
    """Whether the punctuation at ``[punct_start, punct_end)`` ends a sentence."""
    nxt = _NEXT_RE.match(text, punct_end)
    if not nxt:
        return True  # end of text
    first = nxt.group(2)
    opened = bool(nxt.group(1))
    if first.islower():
        return False
    if text[punct_start] != "." or (punct_end - punct_start > 1 and text[punct_start + 1] == "."):
        # ! ? … and "..." end a sentence when something capitalised or quoted follows, unless the
        # quote they close is tagged with its speaker: '"Why now?" Smith asked.'
        if text[punct_end - 1] in "\"'”’»" and _SPEECH_TAG_RE.match(text, punct_end):
            return False
        return first.isupper() or first.isdigit() or opened
    if text[punct_end - 1] in "\"'”’»" and _TAG_SENTENCE_RE.match(text, punct_end):
        return False  # '“... now.” Lavrov said.': the speech tag belongs to the quotation
    word = _word_before(text, punct_start)
    low = word.casefold().rstrip(".")
    opener = _next_word(text, nxt.start(2)) in _OPENERS
    if low in _TITLES:
        return False
    if low in _BEFORE_NUMBER and first.isdigit():
        return False
    if low in _MAY_END or re.fullmatch(r"(?:[a-z]\.)+[a-z]", low):
        return opener
    if len(word) == 1 and word.isupper():
        before = _previous_word(text, punct_start - 1)
        return opener and not before[:1].isupper()
    return first.isupper() or first.isdigit() or opened or not first.isalnum()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges in ``text``, surrounding whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE_RE.finditer(text):
        if _is_boundary(text, m.start(), m.end()):
            spans.append((start, m.end()))
            start = m.end()
    if start < len(text):
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


def split_long(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``limit`` characters, surrounding whitespace trimmed.

    A piece ends at the last line break in the second half of its window, else at the last space there,
    else (one enormous token) at the limit itself. A range within the limit comes back whole.
    """
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        stop = start + limit
        cut = text.rfind("\n", start + limit // 2, stop)
        if cut < 0:
            cut = next((k for k in range(stop, start + limit // 2, -1) if text[k].isspace()), stop)
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    out = []
    for s, e in pieces:
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
