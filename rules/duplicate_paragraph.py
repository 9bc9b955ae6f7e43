"""duplicate-paragraph (CD101): the same paragraph, run of paragraphs or sentence published twice.

How it works, in three passes over the article body:

1. Every comparable block gets a normalised text and a punctuation-free key
   (``linters.text.normalize``). Candidate pairs come from prefix filtering on the
   keys' word sets (rare words first), so only plausible pairs are scored with
   rapidfuzz; there is no loop over all pairs.
2. Each later block takes its best earlier match and the match is grown forwards
   and backwards along the diagonal into a run (tolerating re-flowed paragraphs
   and boilerplate lines in between). One run is one finding.
3. Optionally, long sentences repeated across different paragraphs.

A pair is not a duplicate when the two texts state different facts (names,
places, days differ on both sides: a template). When only numbers differ, it is a
"conflicting-facts" duplicate: someone edited one copy and the figures disagree.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
from typing import Any, ClassVar

from rapidfuzz import fuzz

from linters import Block, Document, Edit, Rule, RuleContext, hookimpl
from linters.text.normalize import comparison_key, normalize
from linters.text.sentences import split_sentences
from linters.text.tokens import STOPWORDS

__all__ = ["DuplicateParagraph"]

DEFAULT_BOILERPLATE = [
    # ad slots and section furniture
    r"(?:advertisement|advertising|ad|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|continue reading(?: below)?|read more|related(?: stories| articles| coverage)?|share(?: this)?"
    r"(?: article| story| on \w+)?|watch(?: video| now)?|listen(?: now)?)\s*[:.!]?",
    # photo and video credits
    r"\(?(?:file )?(?:photo|photograph|image|picture|video|graphic|illustration)s?(?: credit)?"
    r"\s*(?::|\||/|\bby\b).{0,120}",
    r"(?:photo|image)?\s*(?:credits?|source|copyright)\s*(?::|(?-i:(?=[A-Z]))).{0,120}|©.{0,120}",
    # social embeds: "— Name (@handle) October 9, 2018", "pic.twitter.com/..."
    r"[-—–]\s*.{1,80}\(@\w{1,30}\).{0,40}|.{0,200}\bpic\.twitter\.com/\S+.{0,60}",
    # "[Read: headline]" and similar in-body link lines
    r"\[?\s*(?:read|read more|read also|see|see also|related|more|watch|listen)\s*:.{1,200}",
    r".{1,80}/\s*(?:getty images|ap(?: photo)?|afp|reuters|epa|shutterstock|alamy|bloomberg|pa|xinhua)"
    r"(?: via .{1,40})?\)?",
    # timestamps and datelines
    r"(?:published|updated|posted|last updated|first published|modified)\b.{0,80}",
    r"\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago",
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*\d{0,4}"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[a-z]{0,4})?",
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[a-z]{0,4}",
    # embedded media placeholders
    r"media playback is (?:unsupported|not supported) on your device\.?",
    # newsletter and social prompts
    r"(?:sign up|subscribe|follow us|click here|download (?:our|the) app)\b.{0,160}",
]

_TERMINAL_RE = re.compile(r"""[.!:;…"'”’]$""")
_SKIP_KINDS = frozenset({"code", "byline", "boilerplate", "teaser_header", "teaser_block", "link", "comment"})
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*•·▪◦‣]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_FACT_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\d[\d,.]*\d|\d|[^\W\d_][\w'’\-]*", re.UNICODE)
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january february march april may june july august september october november december").split()
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth last next previous".split())
_JACCARD_FLOOR = 0.5  # word overlap (and word-count ratio) below which two texts are not light edits of each other
_MAX_POSTING = 32  # a word shared by more texts than this is probed only among its latest ones
_RARE_WORDS = 4  # a text is indexed under its rarest words (plus one per ten words)
_SIGNATURE_WORDS = 4  # words that open/close a paragraph, to spot it merged into another
_MAX_SKIP = 3  # boilerplate blocks a run may step over
_BOILERPLATE_MAX = 400  # longer blocks are never boilerplate lines
_HINT_SPLIT_RE = re.compile(r"[-_\s]+")
# class/id name parts (HTML reader hints) of page parts that restate the body on purpose
_STRUCTURE_PARTS = frozenset(
    "dek deck abstract standfirst highlights keypoints caption figcaption gallery slideshow hidden excerpt "
    "subtitle subhead subheadline".split()
)
_LINK_DENSE = 0.8  # blocks mostly made of link text are navigation
_LABEL_MAX = 150  # longer lines are prose even when title-cased
_WORDING_EDITS = 1  # conflicting-facts copies differ by at most this many words besides the numbers
_RUN_SLACK = 0.1  # inside a run a paragraph may be this much less similar
_NEAR_LENGTH_FACTOR = 1.5  # near copies need this many times min-length
_QUOTED_SHARE = 0.5  # sentences mostly inside quotes are quotations, often repeated on purpose
_MAX_REFLOW_HINTS = 4  # per paragraph end: only the nearest earlier texts sharing its opening/closing words
_PROSE_LENGTH_FACTOR = 3  # a paragraph this many times min-length is prose, even when it recurs 3+ times
_PROSE_WORDS = 15  # ... and has at least this many words


def _link_density(block: Block) -> float:
    """Share of the block's text inside links (the HTML reader's figure when it gives one)."""
    density = block.attrs.get("link_density")
    if density is None:
        linked = sum(max(0, link.end - link.start) for link in block.links)
        density = linked / max(len(block.text), 1)
    return float(density)


def _restates_body(block: Block) -> bool:
    """Captions, link lines, deks, highlights, galleries: page parts that repeat the body by design."""
    if block.kind == "caption" or _link_density(block) >= _LINK_DENSE:
        return True
    return any(_STRUCTURE_PARTS.intersection(_HINT_SPLIT_RE.split(hint)) for hint in block.attrs.get("hints", ()))


def _heading_like(block: Block) -> bool:
    """Headings, title-case labels (product names, section titles) and questions: structure, not prose.

    A question that recurs is an interview template ("What inspired you?") far more
    often than a paste accident.
    """
    if block.kind == "heading" or block.attrs.get("tag", "") in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return True
    text = block.text.strip()
    if len(text) <= _LABEL_MAX and text.endswith("?"):
        return True
    if len(text) > _LABEL_MAX or _TERMINAL_RE.search(text):
        return False
    words = [w for w in re.findall(r"[^\W_][\w'’\-]*", text) if w.casefold() not in STOPWORDS]
    if not words:
        return True
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capital >= 0.6 * len(words)


_OPENING_QUOTES = "“«„"
_CLOSING_QUOTES = "”»"
_QUOTE_CHAR_RE = re.compile(r'["“”«»„]')


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Ranges of ``text`` inside double quotes (curly quotes open/close, straight ones toggle)."""
    spans = []
    opened: int | None = None
    for m in _QUOTE_CHAR_RE.finditer(text):
        ch, pos = m.group(), m.start()
        if opened is None and (ch in _OPENING_QUOTES or ch == '"'):
            opened = pos
        elif opened is not None and (ch in _CLOSING_QUOTES or ch == '"'):
            spans.append((opened, pos + 1))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))  # a quote that runs on into the next paragraph
    return spans


def _quoted_length(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


def _calendar_word(word: str) -> str | None:
    """``day:monday`` / ``month:september`` for a day or month name or its abbreviation."""
    low = word.casefold().rstrip(".")
    if len(low) < 3:
        return None
    for kind, names in (("day", _DAYS), ("month", _MONTHS)):
        for name in names:
            if name.startswith(low):
                return f"{kind}:{name}"
    return None


@dataclass(slots=True)
class _Facts:
    """The checkable facts of a text: numbers and names (in order of appearance)."""

    numbers: Counter[str]
    names: list[str]


def _facts(text: str) -> _Facts:
    numbers: Counter[str] = Counter()
    names: list[str] = []
    for m in _FACT_RE.finditer(text):
        tok = m.group()
        low = tok.casefold()
        if tok[0].isdigit():
            numbers[tok.rstrip(".,").replace(",", "")] += 1
        elif low in _NUMBER_WORDS:
            numbers[_NUMBER_WORDS[low]] += 1
        elif low in _ORDINALS:
            names.append(f"ord:{low}")
        elif (cal := _calendar_word(tok)) and tok[0].isupper():
            names.append(cal)
        elif tok[0].isupper() and low not in STOPWORDS:
            names.append(low.replace(".", ""))
    return _Facts(numbers, names)


def _is_abbreviation(short: str, long: str) -> bool:
    """An abbreviation of ``long`` ("st" of "street", "dept" of "department"): same first letter, letters in order."""
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def _same_name(a: str, b: str) -> bool:
    """Spelling variants and abbreviations of one name (Zelenski/Zelenskyy, St/Street)."""
    if ":" in a or ":" in b:
        return a == b
    if _is_abbreviation(a, b) or _is_abbreviation(b, a):
        return True
    return fuzz.ratio(a, b) >= 80


def _drop_acronyms(mine: list[str], theirs: list[str]) -> None:
    """Remove an acronym from ``mine`` when ``theirs`` spells it out ("US" / "United States")."""
    initials = "".join(w[0] for w in theirs if ":" not in w)
    for word in list(mine):
        if 2 <= len(word) <= 6 and ":" not in word and word in initials:
            start = initials.index(word)
            del theirs[start : start + len(word)]
            initials = initials[:start] + initials[start + len(word) :]
            mine.remove(word)


def _name_conflict(a: list[str], b: list[str]) -> bool:
    """True when each side names something the other does not (different place, person, day)."""
    only_a = list((Counter(a) - Counter(b)).elements())
    only_b = list((Counter(b) - Counter(a)).elements())
    _drop_acronyms(only_a, only_b)
    _drop_acronyms(only_b, only_a)
    for x in sorted(only_a):
        match = next((y for y in sorted(only_b) if _same_name(x, y)), None)
        if match is not None:
            only_a.remove(x)
            only_b.remove(match)
    return bool(only_a) and bool(only_b)


@dataclass(slots=True)
class _Verdict:
    """How a later text relates to an earlier one it resembles."""

    kind: str  # exact | near | conflicting-facts
    similarity: float
    numbers: tuple[list[str], list[str]] = ([], [])


def _judge(earlier: str, later: str, similarity: float, exact: bool) -> _Verdict | None:
    """Classify a similar pair; None when it is a template with different facts, not a copy."""
    if exact:
        return _Verdict("exact", 1.0)
    similarity = min(round(similarity, 3), 0.999)  # shown to users: 3 decimals, and never 1.0 unless exact
    fa, fb = _facts(earlier), _facts(later)
    if _name_conflict(fa.names, fb.names):
        return None
    only_a = sorted((fa.numbers - fb.numbers).elements(), key=_number_order)
    only_b = sorted((fb.numbers - fa.numbers).elements(), key=_number_order)
    if only_a and only_b:
        if max(len(only_a), len(only_b)) > 2:
            return None  # many figures differ: parallel statistics, not an edited copy
        words_a, words_b = Counter(_mask_numbers(earlier)), Counter(_mask_numbers(later))
        if sum(((words_a - words_b) + (words_b - words_a)).values()) > _WORDING_EDITS:
            return None  # the wording changed as well as the figures: a parallel sentence, not a copy
        return _Verdict("conflicting-facts", similarity, (only_a, only_b))
    return _Verdict("near", similarity)


def _mask_numbers(text: str) -> list[str]:
    """Words of the comparison key with every number (digits or words) replaced by one placeholder."""
    return ["#" if w[0].isdigit() or w in _NUMBER_WORDS else w for w in comparison_key(text).split()]


def _number_order(text: str) -> tuple[float, str]:
    try:
        return float(text), text
    except ValueError:
        return math.inf, text


@dataclass(eq=False)
class _Unit:
    """A comparable block (or sentence) with its normalised forms."""

    block: Block
    start: int
    end: int
    norm: str
    key: str
    seed: bool  # long enough, not boilerplate, not a caption/dek/link line: may start a match
    boiler: bool
    listy: bool
    label: bool = False  # heading or title-case label: two labels never start a match

    @property
    def raw(self) -> str:
        return self.block.text[self.start : self.end]


@dataclass(slots=True)
class _Candidates:
    """Scored pairs per later index: whole-text matches, and re-flow hints (one text begins or ends the other)."""

    full: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    reflow: dict[int, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))


def _signature_hints(
    keys: Sequence[str], usable: Sequence[bool], length_floor: float
) -> dict[int, list[tuple[int, str]]]:
    """Re-flow hints: an earlier text that opens or closes a much longer/shorter later one.

    A merged paragraph starts with the words of the first paragraph merged into
    it and ends with the words of the last, so equal first (or last)
    _SIGNATURE_WORDS words are the hint; ``_group_verdict`` then checks the join.
    Many paragraphs can share stock words ("..., police said on Monday."): only
    the latest _MAX_POSTING are looked at and the nearest _MAX_REFLOW_HINTS kept
    per end, so the checks stay linear in the article length.
    """
    heads: dict[tuple[str, ...], list[int]] = defaultdict(list)
    tails: dict[tuple[str, ...], list[int]] = defaultdict(list)
    hints: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for j, (key, use) in enumerate(zip(keys, usable, strict=True)):
        words = key.split()
        if not use or len(words) < _SIGNATURE_WORDS:
            continue
        for index, sig, end in (
            (heads, tuple(words[:_SIGNATURE_WORDS]), "head"),
            (tails, tuple(words[-_SIGNATURE_WORDS:]), "tail"),
        ):
            found = 0
            for i in reversed(index[sig][-_MAX_POSTING:]):  # stock openings ("Police said on") recur a lot
                ki = keys[i]
                if min(len(ki), len(key)) < length_floor * max(len(ki), len(key)):
                    hints[j].append((i, ("merge-" if len(ki) < len(key) else "split-") + end))
                    found += 1
                    if found == _MAX_REFLOW_HINTS:
                        break
            index[sig].append(j)
    return hints


def _rare_count(size: int) -> int:
    """How many of a text's rarest words index it: a few, plus one per ten words (more room for edits)."""
    return min(size, _RARE_WORDS + size // 10)


def _candidate_pairs(keys: Sequence[str], usable: Sequence[bool], cutoff: float, reflow: bool = False) -> _Candidates:
    """For each later index, the earlier indexes whose key scores ``>= cutoff`` (0..1).

    Blocking by rare words: each text is indexed under its rarest words in the
    document (``_rare_count``). Light edits change a word or two, and every
    word a text does not share is rarer than the words it shares, so a copy and
    its original always meet under one of the rarest shared words. Only those
    postings (their latest _MAX_POSTING entries, so that text made of common
    words cannot make this quadratic) are probed; size bounds and then rapidfuzz
    decide. Identical keys always pair. With ``reflow``, pairs whose lengths
    differ a lot become re-flow hints instead.
    """
    # dicts keep first-appearance order, so ties in the rarity order are deterministic
    sets = [dict.fromkeys(k.split()) if use else {} for k, use in zip(keys, usable, strict=True)]
    df = Counter(chain.from_iterable(sets))
    rank = {w: r for r, w in enumerate(sorted(df, key=df.__getitem__))}
    index: dict[int, list[int]] = defaultdict(list)
    length_floor = cutoff / (2 - cutoff) if cutoff < 1 else 1.0
    out = _Candidates()
    if reflow:
        out.reflow = _signature_hints(keys, usable, length_floor)
    sizes = [len(ws) for ws in sets]
    frozen = [frozenset(ws) for ws in sets]
    same_key: dict[str, list[int]] = defaultdict(list)
    for j, ws in enumerate(sets):
        if not ws:
            continue
        ordered = sorted(map(rank.__getitem__, ws))
        prefix = ordered[: _rare_count(len(ordered))]
        kj, nj, lj = keys[j], sizes[j], len(keys[j])
        seen: set[int] = set(same_key[kj])
        found = [(i, 1.0) for i in same_key[kj]]  # exact copies are always found
        same_key[kj].append(j)
        for w in prefix:
            for i in index[w][-_MAX_POSTING:]:
                if i in seen:
                    continue
                seen.add(i)
                ki, ni = keys[i], sizes[i]
                if (ni < nj * _JACCARD_FLOOR or nj < ni * _JACCARD_FLOOR) or (
                    len(ki) < lj * length_floor or lj < len(ki) * length_floor
                ):
                    continue
                shared = len(frozen[i] & frozen[j])
                if shared < _JACCARD_FLOOR * (ni + nj - shared):
                    continue  # too few words in common for a light edit: skip the costlier char-level score
                score = fuzz.ratio(ki, kj, score_cutoff=cutoff * 100)
                if score:
                    found.append((i, score / 100))
            index[w].append(j)
        if found:
            out.full[j] = sorted(found, key=lambda p: (-p[1], p[0]))
    return out


@dataclass(slots=True)
class _Run:
    """Matched groups of a repeat: each pairs earlier units with later units."""

    groups: list[tuple[list[int], list[int], _Verdict]] = field(default_factory=list)

    @property
    def firsts(self) -> list[int]:
        return sorted(i for g in self.groups for i in g[0])

    @property
    def laters(self) -> list[int]:
        return sorted(j for g in self.groups for j in g[1])


def _trim(units: list[_Unit], run: _Run) -> None:
    """Drop short or boilerplate pairs at either end: a run starts and ends on paragraphs, not on a credit line."""
    run.groups.sort(key=lambda g: g[1][0])

    def short(group: tuple[list[int], list[int], _Verdict]) -> bool:
        return not any(units[j].seed for j in group[1])

    while len(run.groups) > 1 and short(run.groups[-1]):
        run.groups.pop()
    while len(run.groups) > 1 and short(run.groups[0]):
        run.groups.pop(0)


def _coalesce(ctx: RuleContext, edits: list[Edit]) -> list[Edit]:
    """Merge deletions that touch into one edit (a run is deleted in one piece)."""
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: e.start):
        if merged and merged[-1].end == edit.start:
            merged[-1] = ctx.edit(merged[-1].start, edit.end, "")
        else:
            merged.append(edit)
    return merged


def _lower_severity(severity: str) -> str:
    return {"error": "warning", "warning": "info"}.get(severity, "info")


def _percent(similarity: float) -> str:
    return f"{math.floor(similarity * 100 + 1e-9)}%"


class DuplicateParagraph(Rule):
    """Paragraphs, runs of paragraphs or sentences that appear twice in one article.

    ## What it does
    Finds text published twice in the same article body: an exact or lightly
    edited repeat of a paragraph, a repeated run of consecutive paragraphs
    (reported once, over the whole later copy, even when the copy merged or split
    paragraphs), the whole body pasted twice, and (at a lower severity) a long
    sentence pasted into two different paragraphs. Comparison ignores case,
    Unicode compatibility forms, curly vs straight quotes, dash styles, spacing and
    trailing wire credits such as "(Reuters)"; a copy with the same words that
    differs only in punctuation is an exact (100%) copy. Near copies are scored
    with rapidfuzz on the words, and the reported similarity is the score that
    was compared with `similarity-threshold`, so it is never below it.

    Two similar paragraphs that name different people, places or days are a
    template, not a copy, and are left alone; so are short sentences that recur
    inside longer paragraphs, boilerplate lines ("Advertisement", photo credits,
    timestamps), list items that only look alike, headings and title-case labels,
    questions (interview templates), quotations (re-used on purpose), captions,
    link lines and page parts that restate the body (a dek, abstract or
    highlights box, a gallery, by their HTML class names), and text
    that recurs three times or more (a template, where a paste makes one extra
    copy) unless it is a long prose paragraph (three times `min-length`, 15
    words) copied word for word: then every later copy is reported and points
    at the first. When two paragraphs are the same except for their numbers, the
    finding is a *conflicting-facts* duplicate and the message names the
    numbers that differ. Short lines and boilerplate are not reported on their
    own but may sit inside a repeated run, and inside a run a paragraph needs
    only `similarity-threshold` minus 0.1, since its neighbours already match.

    Each finding points at the later copy, lists the first copy as related, and
    carries evidence: ``kind`` (exact, near, run, sentence, conflicting-facts),
    ``similarity``, ``run_length`` (paragraphs in the later copy) and, for runs,
    ``first_length`` and ``whole_body``. The fix deletes the later copy; it is
    safe only when every repeated paragraph is an exact copy.

    ## Why is this bad?
    Copy-paste accidents in a CMS publish the same paragraph, or the whole story,
    twice. Readers notice at once and it looks careless; a repeated paragraph
    whose figures were edited in one place only ("12 killed" vs "21 killed") is
    worse, because the article now contradicts itself.

    ## Example
    ```text
    Flood waters rose overnight in the river town of Arlen, forcing 300 families from their homes.
    Emergency crews opened two shelters at the high school and the community hall.
    Flood waters rose overnight in the river town of Arlen, forcing 300 families from their homes.
    ```

    Use instead:
    ```text
    Flood waters rose overnight in the river town of Arlen, forcing 300 families from their homes.
    Emergency crews opened two shelters at the high school and the community hall.
    ```

    ## Options
    - `similarity-threshold` (number, default 0.85): how similar (0-1, rapidfuzz
      ratio on normalised text without punctuation) a later paragraph must be to
      count as a near copy.
    - `min-length` (integer, default 40): paragraphs shorter than this many
      characters are never reported on their own, only as part of a repeated run;
      a near (not exact) copy needs 1.5 times as many.
    - `min-sentence-length` (integer, default 60): shortest sentence (characters)
      that counts as a sentence-level repeat.
    - `check-sentences` (boolean, default true): also report long sentences
      repeated in different paragraphs (one severity level lower).
    - `boilerplate-patterns` (list of regular expressions): blocks (up to 400
      characters) whose whole text matches one of these (case-insensitive) are
      never duplicates on their own and may
      sit inside a repeated run. The default covers ad slots, photo credits,
      timestamps and newsletter prompts.
    - `extend-boilerplate-patterns` (list of regular expressions, default empty):
      more patterns, added to `boilerplate-patterns`.
    """

    code: ClassVar[str] = "CD101"
    name: ClassVar[str] = "duplicate-paragraph"
    summary: ClassVar[str] = "A paragraph, run of paragraphs or sentence appears twice in the article"
    default_severity: ClassVar[str] = "error"
    fixable: ClassVar[str | None] = "safe"
    tags: ClassVar[tuple[str, ...]] = ("structure", "copy-paste")
    options_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "similarity-threshold": {
                "type": "number",
                "minimum": 0.5,
                "maximum": 1.0,
                "default": 0.85,
                "description": "Similarity (0-1) at which a later paragraph counts as a near copy of an earlier one.",
            },
            "min-length": {
                "type": "integer",
                "minimum": 1,
                "default": 40,
                "description": "Paragraphs shorter than this (characters) are only reported inside a repeated run.",
            },
            "min-sentence-length": {
                "type": "integer",
                "minimum": 1,
                "default": 60,
                "description": "Shortest sentence (characters) that counts as a sentence-level repeat.",
            },
            "check-sentences": {
                "type": "boolean",
                "default": True,
                "description": "Also report long sentences repeated in different paragraphs, one severity lower.",
            },
            "boilerplate-patterns": {
                "type": "array",
                "items": {"type": "string", "format": "regex"},
                "default": DEFAULT_BOILERPLATE,
                "description": "Regular expressions (full match, case-insensitive) for recurring boilerplate lines.",
            },
            "extend-boilerplate-patterns": {
                "type": "array",
                "items": {"type": "string", "format": "regex"},
                "default": [],
                "description": "More boilerplate patterns, added to boilerplate-patterns.",
            },
        },
    }

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        super().__init__(options)
        self._boilerplate: re.Pattern[str] | None = None

    # -- setup -------------------------------------------------------------
    def _boilerplate_re(self) -> re.Pattern[str]:
        """One compiled alternation of all boilerplate patterns (compiled lazily: a bad one is a rule error)."""
        if self._boilerplate is None:
            patterns = [*self.options["boilerplate-patterns"], *self.options["extend-boilerplate-patterns"]]
            for p in patterns:
                try:
                    re.compile(p)
                except re.error as exc:
                    raise ValueError(f"boilerplate pattern {p!r} is not a valid regular expression: {exc}") from None
            joined = "|".join(f"(?:{p})" for p in patterns) or r"(?!)"
            self._boilerplate = re.compile(joined, re.IGNORECASE)
        return self._boilerplate

    def _units(self, doc: Document) -> list[_Unit]:
        boiler_re = self._boilerplate_re()
        min_len = self.options["min-length"]
        units = []
        for block in doc.body_blocks():
            if block.kind in _SKIP_KINDS or not block.text.strip():
                continue
            norm = normalize(block.text)
            key = comparison_key(norm, normalized=True)
            if not key:
                continue
            text = block.text.strip()
            boiler = len(text) <= _BOILERPLATE_MAX and bool(boiler_re.fullmatch(text))
            listy = block.kind == "list_item" or block.attrs.get("tag") == "li" or bool(_LIST_MARK_RE.match(norm))
            seed = not boiler and len(norm) >= min_len and not _restates_body(block)
            units.append(_Unit(block, 0, len(block.text), norm, key, seed, boiler, listy, _heading_like(block)))
        return units

    # -- pairing -----------------------------------------------------------
    def _verdict(self, a: _Unit, b: _Unit, similarity: float | None = None, *, in_run: bool = False) -> _Verdict | None:
        """Is ``b`` a copy of ``a``? (``similarity`` on keys when known; ``in_run``: neighbours already match)."""
        if a.key == b.key:
            return _Verdict("exact", 1.0)  # the same words; only punctuation, case or typography differ
        if a.listy or b.listy or a.boiler or b.boiler:
            return None  # parallel list items and boilerplate match only exactly
        threshold = self._threshold(in_run)
        if similarity is None:
            similarity = fuzz.ratio(a.key, b.key, score_cutoff=threshold * 100) / 100
            if not similarity:
                return None
        if not in_run and min(len(a.norm), len(b.norm)) < _NEAR_LENGTH_FACTOR * self.options["min-length"]:
            return None  # a light edit of a short line is not evidence of a paste
        return _judge(a.raw, b.raw, similarity, exact=False)

    def _threshold(self, in_run: bool) -> float:
        """The similarity threshold; inside a run the neighbours already match, so it relaxes by _RUN_SLACK."""
        threshold = self.options["similarity-threshold"]
        return max(0.5, threshold - _RUN_SLACK) if in_run else threshold

    def _group_verdict(self, units: list[_Unit], firsts: list[int], laters: list[int]) -> _Verdict | None:
        """Verdict for re-flowed text: several paragraphs on one side joined into one on the other."""
        first_key = " ".join(units[i].key for i in firsts)
        later_key = " ".join(units[j].key for j in laters)
        if min(len(first_key), len(later_key)) < self.options["min-length"]:
            return None
        threshold = self.options["similarity-threshold"]
        score = fuzz.ratio(first_key, later_key, score_cutoff=threshold * 100) / 100
        if not score:
            return None
        if first_key == later_key:
            return _Verdict("near", 1.0)
        earlier = " ".join(units[i].raw for i in firsts)
        later = " ".join(units[j].raw for j in laters)
        return _judge(earlier, later, score, exact=False)

    # -- runs --------------------------------------------------------------
    def _grow(self, units: list[_Unit], run: _Run, taken: set[int], step: int) -> None:
        """Extend ``run`` along its diagonal in direction ``step`` (+1 forwards, -1 backwards).

        At each step: paragraphs that match (possibly re-flowed), else step over
        boilerplate on either side, else a re-flow that swallowed a boilerplate line.
        """
        while True:
            firsts, laters = run.firsts, run.laters
            i0 = firsts[-1] + 1 if step > 0 else firsts[0] - 1
            j0 = laters[-1] + 1 if step > 0 else laters[0] - 1
            matched = self._match_skipping(units, run, taken, i0, j0, step)
            if matched is None:
                matched = self._match_at(units, run, taken, i0, j0, step, allow_boiler=True)
            if matched is None:
                return
            run.groups.append(matched)

    def _match_skipping(
        self, units: list[_Unit], run: _Run, taken: set[int], i: int, j: int, step: int
    ) -> tuple[list[int], list[int], _Verdict] | None:
        """A match at ``(i, j)`` or after stepping over up to _MAX_SKIP boilerplate blocks."""
        n = len(units)
        for _ in range(_MAX_SKIP + 1):
            matched = self._match_at(units, run, taken, i, j, step)
            if matched is not None:
                return matched
            if 0 <= j < n and units[j].boiler and j not in taken:
                j += step
            elif 0 <= i < n and units[i].boiler:
                i += step
            else:
                return None
        return None

    def _match_at(
        self, units: list[_Unit], run: _Run, taken: set[int], i: int, j: int, step: int, *, allow_boiler: bool = False
    ) -> tuple[list[int], list[int], _Verdict] | None:
        """The best-scoring group shape (1:1, 2-3 merged into 1, 1 split into 2-3) that matches at ``(i, j)``."""
        n = len(units)
        first_limit = run.laters[0]  # the first copy must end before the later copy starts
        later_floor = run.firsts[-1]
        shapes = ((1, 1), (2, 1), (1, 2), (3, 1), (1, 3))
        best: tuple[list[int], list[int], _Verdict] | None = None
        for fi, lj in shapes:
            firsts = sorted(i + step * k for k in range(fi))
            laters = sorted(j + step * k for k in range(lj))
            if firsts[0] < 0 or laters[0] < 0 or firsts[-1] >= n or laters[-1] >= n:
                continue
            if firsts[-1] >= first_limit or laters[0] <= later_floor or any(x in taken for x in laters):
                continue
            if set(firsts) & set(laters):
                continue
            if not allow_boiler and (fi > 1 or lj > 1) and any(units[k].boiler for k in (*firsts, *laters)):
                continue  # boilerplate inside a run is stepped over before it may count as merged text
            if fi == lj == 1:
                a, b = units[firsts[0]], units[laters[0]]
                if not (a.seed and b.seed) and a.key != b.key:
                    continue
                verdict = self._verdict(a, b, in_run=True)
                if verdict is not None and verdict.kind == "exact":
                    return firsts, laters, verdict
            else:
                verdict = self._group_verdict(units, firsts, laters)
            if verdict is not None and (best is None or verdict.similarity > best[2].similarity):
                best = firsts, laters, verdict
        return best

    def _best_seed(
        self, units: list[_Unit], j: int, candidates: list[tuple[int, float]], taken: set[int]
    ) -> tuple[int, _Verdict] | None:
        """The earlier unit ``j`` copies: highest similarity, originals before repeats, earliest first."""
        ranked = sorted(candidates, key=lambda p: (-p[1], p[0] in taken, p[0]))
        for i, score in ranked:
            if not units[i].seed or (units[i].label and units[j].label):
                continue
            verdict = self._verdict(units[i], units[j], score)
            if verdict is not None:
                return i, verdict
        return None

    def _template_units(self, units: list[_Unit], candidates: _Candidates) -> set[int]:
        """Units with two or more look-alikes that state other facts: instances of a template line.

        ("Vote for Olga on the last page!" next to the same line for ten other
        contestants.) Two equal instances are the template repeating, not a paste.
        """
        siblings: Counter[int] = Counter()
        for j, found in candidates.full.items():
            for i, score in found:
                if units[i].key != units[j].key and self._verdict(units[i], units[j], score) is None:
                    siblings[i] += 1
                    siblings[j] += 1
        return {k for k, n in siblings.items() if n >= 2}

    def _find_runs(self, units: list[_Unit]) -> tuple[list[_Run], set[int]]:
        """Repeated runs (single paragraphs are runs of one) and the template units among the paragraphs."""
        threshold = self.options["similarity-threshold"]
        seeds = [u.seed for u in units]
        candidates = _candidate_pairs([u.key for u in units], seeds, threshold, reflow=True)
        taken: set[int] = set()
        runs = []
        for j in range(len(units)):
            if j in taken:
                continue
            best = self._best_seed(units, j, candidates.full.get(j, []), taken)
            if best is not None:
                run = _Run([([best[0]], [j], best[1])])
            elif j in candidates.reflow and (group := self._reflow_seed(units, j, candidates.reflow[j], taken)):
                run = _Run([group])
            else:
                continue
            self._grow(units, run, taken, -1)
            self._grow(units, run, taken, +1)
            _trim(units, run)
            if len(run.groups) == 1 and run.groups[0][2].similarity < threshold:
                continue  # only a neighbour matched at the relaxed in-run threshold: not a copy on its own
            taken.update(run.laters)
            runs.append(run)
        return runs, self._template_units(units, candidates)

    def _reflow_seed(
        self, units: list[_Unit], j: int, hints: list[tuple[int, str]], taken: set[int]
    ) -> tuple[list[int], list[int], _Verdict] | None:
        """A re-flowed start: paragraph ``j`` holds two or three earlier ones, or one is split across ``j``."""
        n = len(units)
        for i, hint in sorted(set(hints)):
            for size in (2, 3):
                firsts, laters = [i], [j]
                if hint == "merge-head":
                    firsts = list(range(i, i + size))
                elif hint == "merge-tail":
                    firsts = list(range(i - size + 1, i + 1))
                elif hint == "split-head":
                    laters = list(range(j, j + size))
                else:
                    laters = list(range(j - size + 1, j + 1))
                if min(firsts) < 0 or max(laters) >= n or max(firsts) >= min(laters) or taken.intersection(laters):
                    continue
                verdict = self._group_verdict(units, firsts, laters)
                if verdict is not None:
                    return firsts, laters, verdict
        return None

    # -- reporting ---------------------------------------------------------
    def _report_run(self, ctx: RuleContext, units: list[_Unit], run: _Run, whole_body: bool) -> None:
        firsts = [units[i].block for i in run.firsts]
        laters = [units[j].block for j in run.laters]
        verdicts = [g[2] for g in run.groups]
        weights = [sum(len(units[j].key) for j in g[1]) for g in run.groups]
        similarity = round(sum(v.similarity * w for v, w in zip(verdicts, weights, strict=True)) / sum(weights), 3)
        exact = all(
            v.kind == "exact" and len(g[0]) == len(g[1]) == 1 for v, g in zip(verdicts, run.groups, strict=True)
        )
        conflicts = [v.numbers for v in verdicts if v.kind == "conflicting-facts"]
        if len(laters) == 1 and len(firsts) == 1:
            kind = verdicts[0].kind
            message = self._single_message(verdicts[0])
        else:
            kind = "run"
            pct = "exact copy" if exact else f"{_percent(similarity)} similar"
            if whole_body:
                message = (
                    f"The article body is pasted twice: these {len(laters)} paragraphs repeat the "
                    f"{len(firsts)} before them ({pct}); delete the second copy"
                )
            else:
                message = (
                    f"{len(laters)} consecutive paragraphs repeat an earlier run of {len(firsts)} "
                    f"paragraphs ({pct}); delete the repeated run"
                )
            if conflicts:
                message += "; numbers differ: " + "; ".join(_numbers_text(c) for c in conflicts)
        evidence: dict[str, Any] = {"kind": kind, "similarity": 1.0 if exact else similarity, "run_length": len(laters)}
        if kind == "run":
            evidence["first_length"] = len(firsts)
            evidence["whole_body"] = whole_body
        if conflicts:
            evidence["numbers"] = [{"first": list(a), "later": list(b)} for a, b in conflicts]
        fix = ctx.fix(
            "Delete the repeated paragraph" if len(laters) == 1 else f"Delete the {len(laters)} repeated paragraphs",
            _coalesce(ctx, ctx.delete_blocks(laters)),
            safe=exact,
        )
        ctx.report(laters, message, evidence=evidence, related=[ctx.related("first occurrence", firsts)], fix=fix)

    @staticmethod
    def _single_message(verdict: _Verdict) -> str:
        if verdict.kind == "exact":
            return "Paragraph repeats an earlier paragraph word for word; delete the repeat"
        if verdict.kind == "conflicting-facts":
            return (
                f"Paragraph repeats an earlier paragraph ({_percent(verdict.similarity)} similar) but the numbers "
                f"differ: {_numbers_text(verdict.numbers)}; check which figures are right and keep one copy"
            )
        return (
            f"Paragraph nearly repeats an earlier paragraph ({_percent(verdict.similarity)} similar); "
            "delete the repeat or merge the edits into one paragraph"
        )

    def _pasted_prose(self, units: list[_Unit], run: _Run) -> bool:
        """A word-for-word copy holding a long prose paragraph: a paste even when the text recurs 3+ times.

        Templates recur as labels, questions, list items, credits and short lines;
        an identical long paragraph is not a template, unless both copies sit at
        the same edge of a section (after a timestamp or label, or before one): a
        live blog's recurring method note, a meal plan's recurring recipe.
        """
        if not all(v.kind == "exact" and len(f) == len(later) == 1 for f, later, v in run.groups):
            return False
        laters = [units[j] for j in run.laters]
        if any(u.label or u.listy for u in laters):
            return False
        firsts, later_ks = run.firsts, run.laters
        if (_at_boundary(units, firsts[0] - 1) and _at_boundary(units, later_ks[0] - 1)) or (
            _at_boundary(units, firsts[-1] + 1) and _at_boundary(units, later_ks[-1] + 1)
        ):
            return False
        floor = _PROSE_LENGTH_FACTOR * self.options["min-length"]
        return any(u.seed and len(u.norm) >= floor and len(u.key.split()) >= _PROSE_WORDS for u in laters)

    @staticmethod
    def _is_whole_body(units: list[_Unit], run: _Run) -> bool:
        """The two copies make up most of the article text (the whole story pasted twice)."""
        if len(run.laters) < 2:
            return False
        total = sum(len(u.key) for u in units if not u.boiler)
        covered = sum(len(units[k].key) for k in (*run.firsts, *run.laters) if not units[k].boiler)
        return covered >= 0.7 * total

    # -- sentences ---------------------------------------------------------
    def _sentence_units(self, units: list[_Unit], exclude: set[int]) -> list[_Unit]:
        min_len = self.options["min-sentence-length"]
        eligible = [k for k, u in enumerate(units) if k not in exclude and u.seed and not (u.listy or u.label)]
        out = []
        for k in _sharing_pairs(units, eligible):
            unit = units[k]
            spans = split_sentences(unit.block.text)
            if len(spans) < 2:
                continue  # a one-sentence paragraph inside a longer one: pull quote, standfirst
            quoted = _quoted_spans(unit.block.text)
            for s, e in spans:
                if e - s < min_len or _quoted_length(quoted, s, e) >= _QUOTED_SHARE * (e - s):
                    continue  # short, or a quotation (quotes are re-used on purpose)
                norm = normalize(unit.block.text[s:e])
                key = comparison_key(norm, normalized=True)
                if len(norm) < min_len or not key:
                    continue
                out.append(_Unit(unit.block, s, e, norm, key, True, False, False))
        return out

    def _check_sentences(self, ctx: RuleContext, units: list[_Unit], exclude: set[int]) -> None:
        sents = self._sentence_units(units, exclude)
        threshold = self.options["similarity-threshold"]
        candidates = _candidate_pairs([s.key for s in sents], [True] * len(sents), threshold).full
        matches: list[tuple[int, int, _Verdict]] = []
        for j in sorted(candidates):
            for i, score in candidates[j]:
                if sents[i].block is sents[j].block:
                    continue
                verdict = self._verdict(sents[i], sents[j], score)
                if verdict is not None:
                    matches.append((i, j, verdict))
                    break
        uses = Counter(k for i, j, _ in matches for k in (i, j))
        kept = [m for m in matches if uses[m[0]] == 1 and uses[m[1]] == 1]  # recurring sentences are template
        severity = _lower_severity(ctx.severity)
        for group in _sentence_groups(sents, kept):
            self._report_sentences(ctx, sents, group, severity)

    def _report_sentences(
        self, ctx: RuleContext, sents: list[_Unit], group: list[tuple[int, int, _Verdict]], severity: str
    ) -> None:
        """One finding for consecutive repeated sentences of one paragraph."""
        firsts = [sents[i] for i, _, _ in group]
        laters = [sents[j] for _, j, _ in group]
        verdicts = [v for _, _, v in group]
        block, text = laters[0].block, laters[0].block.text
        start, end = laters[0].start, laters[-1].end
        cut_start, cut_end = start, end
        while cut_end < len(text) and text[cut_end].isspace():
            cut_end += 1
        if cut_end == len(text):  # last sentence: take the space before it instead
            while cut_start > 0 and text[cut_start - 1].isspace():
                cut_start -= 1
        similarity = round(min(v.similarity for v in verdicts), 3)
        exact = all(v.kind == "exact" for v in verdicts)
        what = "Sentence repeats a sentence" if len(group) == 1 else f"{len(group)} sentences repeat sentences"
        message = f"{what} from another paragraph"
        message += " word for word" if exact else f" ({_percent(similarity)} similar)"
        evidence: dict[str, Any] = {"kind": "sentence", "similarity": similarity, "run_length": len(group)}
        conflicts = [v.numbers for v in verdicts if v.kind == "conflicting-facts"]
        if conflicts:
            message += " but the numbers differ: " + "; ".join(_numbers_text(c) for c in conflicts)
            evidence["numbers"] = [{"first": list(a), "later": list(b)} for a, b in conflicts]
        first_block = firsts[0].block
        ctx.report(
            block.span(start, end),
            message + "; delete one of them",
            evidence=evidence,
            related=[ctx.related("first occurrence", first_block.span(firsts[0].start, firsts[-1].end))],
            fix=ctx.fix(
                "Delete the repeated sentence" if len(group) == 1 else "Delete the repeated sentences",
                [ctx.replace(block.span(cut_start, cut_end), "")],
            ),
            severity=severity,
        )

    # -- entry point -------------------------------------------------------
    def check(self, doc: Document, ctx: RuleContext) -> None:
        units = self._units(doc)
        if len(units) < 2:
            return
        runs, template = self._find_runs(units)
        recurring = _recurring(runs)
        paired: set[int] = set()
        for k, run in enumerate(runs):
            paired.update(run.laters)
            whole_body = self._is_whole_body(units, run)
            single_template = len(run.groups) == 1 and template.intersection(run.firsts + run.laters)
            repeated = k not in recurring or self._pasted_prose(units, run)
            if whole_body or (repeated and not single_template):
                self._report_run(ctx, units, run, whole_body)
        if self.options["check-sentences"]:
            self._check_sentences(ctx, units, paired)


def _sharing_pairs(units: list[_Unit], eligible: list[int]) -> list[int]:
    """Eligible units sharing two uncommon content-word pairs with others: only they can share a sentence.

    A repeated sentence of min-sentence-length shares several pairs of adjacent
    content words with its original even after light edits; pairs found in
    more than three paragraphs say nothing.
    """
    grams = {}
    for k in eligible:
        content = [w for w in units[k].key.split() if w not in STOPWORDS]
        grams[k] = set(pairwise(content))
    df = Counter(chain.from_iterable(grams.values()))
    return [k for k in eligible if sum(1 for g in grams[k] if 1 < df[g] <= 3) >= 2]


def _sentence_groups(
    sents: list[_Unit], matches: list[tuple[int, int, _Verdict]]
) -> list[list[tuple[int, int, _Verdict]]]:
    """Split sentence matches into groups of consecutive sentences copied from consecutive sentences."""
    groups: list[list[tuple[int, int, _Verdict]]] = []
    for i, j, verdict in sorted(matches, key=lambda m: m[1]):
        if groups:
            pi, pj, _ = groups[-1][-1]
            if j == pj + 1 and i == pi + 1 and sents[j].block is sents[pj].block and sents[i].block is sents[pi].block:
                groups[-1].append((i, j, verdict))
                continue
        groups.append([(i, j, verdict)])
    return groups


def _at_boundary(units: list[_Unit], k: int) -> bool:
    """Unit ``k`` marks a section edge: outside the article, or a label, timestamp, credit or other short line."""
    return not 0 <= k < len(units) or units[k].label or not units[k].seed


def _recurring(runs: list[_Run]) -> set[int]:
    """Runs that share a paragraph with another run: text that recurs three times or more.

    Interview questions, meal-plan sections and other templates repeat a block
    many times on purpose; a paste accident makes one extra copy.
    """
    owners: dict[int, list[int]] = defaultdict(list)
    for k, run in enumerate(runs):
        for unit in (*run.firsts, *run.laters):
            owners[unit].append(k)
    return {k for ks in owners.values() if len(ks) > 1 for k in ks}


def _numbers_text(numbers: tuple[list[str], list[str]]) -> str:
    first, later = numbers
    return f"{', '.join(first)} in the first copy vs {', '.join(later)} here"


@hookimpl
def copydesk_add_rules() -> list[type[Rule]]:
    return [DuplicateParagraph]
