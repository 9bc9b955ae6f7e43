"""Word tokens with offsets, and the small stopword list rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["STOPWORDS", "Token", "content_words", "tokenize", "words"]

# Letters (any script), digits, and inner apostrophes/hyphens/periods in numbers.
_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*(?:[.,]\d+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.casefold()

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """Word tokens (letters/digits, inner apostrophes and hyphens kept) with offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each even ever every few for from further get gets got had hadn't has hasn't have haven't having he
he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in
into is isn't it it's its itself just let's like made make many may me might more most much must mustn't
my myself new no nor not now of off on once one only or other ought our ours ourselves out over own per
said same say says she she'd she'll she's should shouldn't since so some still such than that that's the
their theirs them themselves then there there's these they they'd they'll they're they've this those
though through to too two under until up upon us very via was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's whether which while who who's whom why why's will with
within without won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
""".split()
)


def words(text: str) -> list[str]:
    """The word strings of ``text`` without offsets (cheaper than :func:`tokenize` in hot loops)."""
    return _WORD_RE.findall(text)


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry meaning (no stopwords, no 1-letter words)."""
    return [t.lower for t in tokenize(text) if len(t.text) > 1 and t.lower not in STOPWORDS]
