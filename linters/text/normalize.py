"""Text normalisation for comparing passages, not for display.

Two copies of a paragraph rarely stay byte-identical on their way through a CMS:
one gets curly quotes, an en dash, a non-breaking space or a wire credit such as
"(Reuters)" that the other lacks. ``normalize`` removes exactly those
differences (Unicode NFKC, case, quotes, dashes, invisible characters, space
runs, a trailing credit tag) so that equal text compares equal.
``comparison_key`` also drops punctuation, for similarity scoring that should not
care about a comma.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["CREDIT_AGENCIES", "comparison_key", "normalize", "strip_credit_tag"]

# Characters NFKC leaves alone but that only differ typographically.
_QUOTE_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": "'",
        "\u203a": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        # invisible characters that copy-paste adds or drops
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)

_COMMON_REPLACEMENTS = (
    *((chr(code), target or "") for code, target in _QUOTE_TABLE.items() if chr(code) != "`"),
    ("\xa0", " "),
    ("\u2009", " "),
    ("\u202f", " "),
    ("\u2026", "..."),
)

#: Wire services and credit words that trail a paragraph as "(Reuters)" or "— AP".
CREDIT_AGENCIES = (
    "reuters",
    "ap",
    "the associated press",
    "associated press",
    "afp",
    "agence france-presse",
    "dpa",
    "upi",
    "pti",
    "ians",
    "ani",
    "efe",
    "ansa",
    "kyodo",
    "yonhap",
    "xinhua",
    "tass",
    "bloomberg",
    "cnn",
    "bbc",
    "agencies",
    "with agencies",
    "staff",
    "wire services",
)
_AGENCY_RE = "|".join(re.escape(a) for a in sorted(CREDIT_AGENCIES, key=len, reverse=True))
# Applied to already-normalised text (casefolded, dashes unified).
_CREDIT_RE = re.compile(
    rf"""(?:\s*[(\[]\s*(?:{_AGENCY_RE})(?:\s*(?:/|,|and)\s*(?:{_AGENCY_RE}))*\s*[)\]]"""
    rf"""|\s+-+\s*(?:{_AGENCY_RE})(?:\s*(?:/|,|and)\s*(?:{_AGENCY_RE}))*)\s*[.]?$"""
)
_DASH_RUN_RE = re.compile(r"-{2,}")
_PUNCT_RE = re.compile(r"[^\w\s]+|_")
# ASCII fast path: str.translate on ASCII text with an ASCII table is much faster than a regex.
_ASCII_PUNCT = str.maketrans({ch: " " for ch in map(chr, range(128)) if not ch.isalnum() and not ch.isspace()})


_CREDIT_TAIL = 80  # a credit tag is short: only the end of the text is searched


def strip_credit_tag(text: str) -> str:
    """``text`` without one trailing wire credit such as ``(Reuters)`` or ``— AP`` (expects normalised text)."""
    cut = max(0, len(text) - _CREDIT_TAIL)
    if "-" not in text[cut:] and not any(ch in text[-3:] for ch in ")]"):
        return text  # fast path: no dash and no closing bracket near the end
    m = _CREDIT_RE.search(text, cut)
    return text[: m.start()].rstrip() if m else text


def normalize(text: str, *, strip_credits: bool = True) -> str:
    """Text with typographic and copy-paste differences removed (lower-cased; for comparison only)."""
    if not text.isascii():
        for old, new in _COMMON_REPLACEMENTS:  # most "non-ASCII" news text is ASCII plus typography
            if old in text:
                text = text.replace(old, new)
    if text.isascii():
        out = text.replace("`", "'").lower()
    else:
        out = unicodedata.normalize("NFKC", text).translate(_QUOTE_TABLE).casefold()
    if "--" in out:
        out = _DASH_RUN_RE.sub("-", out)
    out = " ".join(out.split())
    if strip_credits:
        out = strip_credit_tag(out)
    return out


def comparison_key(text: str, *, normalized: bool = False) -> str:
    """``normalize(text)`` without punctuation: what similarity scores compare.

    Pass ``normalized=True`` when ``text`` already went through :func:`normalize`.
    """
    norm = text if normalized else normalize(text)
    stripped = norm.translate(_ASCII_PUNCT) if norm.isascii() else _PUNCT_RE.sub(" ", norm)
    return " ".join(stripped.split())
