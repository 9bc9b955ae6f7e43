"""Finding teaser blocks ("You may also like", recommendation widgets, "READ MORE: ...") in a document.

This is the detection half of ``unrelated-link``: it only says *where* teasers are and under
which header. Whether a teaser belongs to the article is decided by the rule's scorer.
Everything here is one or two passes over the blocks, so cost stays linear in article length.

The unit of work is a :class:`Unit`: a whole block, or one source line of a plain-text block
whose lines are stacked headlines (the text reader may join such lines into one block).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from linters import Block, Document, Span
from linters.text.tokens import STOPWORDS

__all__ = [
    "DEFAULT_HEADERS",
    "DEFAULT_PROMOS",
    "Teaser",
    "TeaserGroup",
    "Unit",
    "build_header_re",
    "find_teasers",
    "split_units",
    "url_words",
]

#: Header phrases of appended teaser blocks, lower case; matched at the start of a line, any case.
DEFAULT_HEADERS: tuple[str, ...] = (
    "you may also like",
    "you might also like",
    "you may like",
    "you might like",
    "you may also be interested in",
    "you might be interested in",
    "read more",
    "read also",
    "also read",
    "also see",
    "see also",
    "read next",
    "up next",
    "what to read next",
    "recommended",
    "more stories",
    "more news",
    "more from",
    "more on this",
    "more coverage",
    "related",
    "don't miss",
    "do not miss",
    "trending",
    "most popular",
    "most read",
    "most viewed",
    "popular stories",
    "popular now",
    "top stories",
    "latest stories",
    "latest news",
    "editor's picks",
    "editors' picks",
    "further reading",
    "in other news",
    "around the web",
    "from around the web",
    "sponsored stories",
    "sponsored content",
    "promoted stories",
    "watch next",
    "must read",
    "must-read",
)

#: House promos that are allowed to follow an article; matched as case-insensitive substrings.
DEFAULT_PROMOS: tuple[str, ...] = (
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "sign up to our newsletter",
    "subscribe now",
    "follow us on",
    "download our app",
    "download the app",
    "support our journalism",
    "become a member",
    "share this article",
)

# Tokens of class/id names and landmark tags that mark recommendation widgets in HTML.
_WIDGET_MARKERS = (
    "related",
    "recommend",
    "more-stories",
    "morestories",
    "more_stories",
    "outbrain",
    "taboola",
    "read-more",
    "readmore",
    "also-read",
    "alsoread",
    "trending",
    "most-read",
    "mostread",
    "most-popular",
    "mostpopular",
    "you-may-like",
    "youmaylike",
    "teaser",
    "further-reading",
    "sponsored",
    "promoted",
    "zergnet",
    "revcontent",
)

# Pieces of class/id tokens (split on "-" and "_") that mark page chrome: navigation, account, social,
# sharing, comments, tag lists. A block whose innermost marker is one of these is never a teaser.
_CHROME_PIECES = frozenset(
    """
    nav navbar navigation menu menus submenu breadcrumb breadcrumbs masthead sitemap toolbar pagination pager
    social socials share shares sharing sharebar sharetools socialshare socialmedia follow login logout signin
    signup register registration account accounts comments commenting disqus newsletter subscribe subscription
    paywall cookie cookies consent gdpr tags tag taglist keywords categories byline
    """.split()
)
# Landmark tag names (whole hint tokens) that are chrome; "aside" is a widget marker instead.
_CHROME_LANDMARKS = frozenset(("nav", "header", "footer"))
_HINT_SPLIT_RE = re.compile(r"[-_\s]+")

# Account, social and site-utility link texts ("Follow on Twitter", "Register Log in", "1,204 Comments").
_UTILITY_RE = re.compile(
    r"^\W*(?:follow\b|log\s?(?:in|out)\b|sign\s?(?:in|out)\b|register\b|join\s+(?:us|now)\b|"
    r"share\b|tweet\b|e-?mail\s+(?:this|us|to)\b|print\b|save\b|bookmark\b|"
    r"(?:view|read|show|see|leave|post|add|load|hide|join)\s+(?:\w+\s+)?(?:comments?|discussion|conversation)\b|"
    r"[\d,.]+k?\s+(?:comments?|replies|shares|views|likes)\b|comments?\b|"
    r"(?:show|load|see|view)\s+(?:more|all)\b|back\s+to\s+top\b|skip\s+to\b|"
    r"(?:privacy|cookie)\b|terms\s+(?:of|and|&)\b|contact\s+us\b|about\s+us\b|advertise\b|"
    r"report\s+(?:this\s+)?ad\b|send\s+(?:us\s+)?a\s+(?:news\s+)?tip\b|my\s+account\b|create\s+(?:an\s+)?account\b|"
    r"please\s+(?:review|read|log|sign|register)\b|manage\s+(?:your\s+)?(?:account|subscription|preferences)\b|"
    r"go\s+to\s|forgot\s+(?:your\s+)?(?:password|username)|about\s+(?:our\s+|these\s+)?ads\b|view\s+pdf\b)"
    r"|\b(?:log\s?in|sign\s?in|privacy\s+policy|terms\s+of\s+(?:use|service)|cookie\s+(?:policy|settings)|"
    r"commenting\s+policy|community\s+(?:guidelines|standards)|(?:skip|close|report)\s+(?:this\s+)?ad|"
    r"(?:view|see|show)\s+all|(?:show|load|see)\s+more)\b",
    re.IGNORECASE,
)
_UTILITY_MAX_WORDS = 8
# Headlines have three or more words; shorter lines are tags, sections and buttons.
_MIN_ITEM_WORDS = 3
_SITE_LINKS_RE = re.compile(
    r"\b(?:privacy\s+policy|terms\s+of\s+(?:use|service)|cookie\s+(?:policy|settings)|advertise\s+with\s+us|"
    r"contact\s+us|about\s+us|site\s*map|accessibility)\b",
    re.IGNORECASE,
)
# Labels of recommendation networks and ads ("by Taboola", "Powered by ZergNet", "Sponsored").
_LABEL_RE = re.compile(
    r"\b(?:taboola|outbrain|zergnet|revcontent|mgid|nativo|sharethrough|adchoices)\b|"
    r"^(?:\W*(?:(?:sponsored|promoted|paid|partner)(?:\s+(?:content|links?|stories|posts?|by))*|advertisement|ads?)\W*)+$",
    re.IGNORECASE,
)
_LABEL_MAX_WORDS = 6
# Words of dates, times and counters: a line made only of them ("21 Nov 2017, 6:17pm", "3 hours ago") is metadata.
_META_WORDS = frozenset(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september
    october november december monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs
    fri sat sun am pm a.m p.m ago min mins minute minutes hour hours hr hrs day days week weeks month months year
    years sec secs second seconds read comments comment shares views likes replies updated published posted edt est
    gmt bst utc cet pst pdt cst cdt et pt today yesterday just now at on by and
    """.split()
)

_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SENTENCE_SPLIT_RE = re.compile(r"[.!?]\s+[\"'“‘(]*[A-Z]")
_ELLIPSIS_END_RE = re.compile(r"(?:\.\.|…)\s*[\"'”’)]*\s*$")
_STOP_END_RE = re.compile(r"[.;,]\s*[\"'”’)]*\s*$")
_KICKER_RE = re.compile(r"^[\"'“‘]?[^\W_][^:|]{0,60}[\"'”’]?\s*[:|]\s*[\"'“‘]?[A-Z0-9]")
_DATE_START_RE = re.compile(
    r"^\W*(?:(?:1[5-9]|20)\d\d\b|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\d{1,2}(?::\d\d)?\s*[ap]\.?m\b)",
    re.IGNORECASE,
)
# Lines that close an article without being teasers: credits, copyright, tags, captions, bylines, bios.
_TRAILER_RE = re.compile(
    r"^\W*(?:(?:additional\s+)?reporting\s+by|writ(?:ing|ten)\s+by|editing\s+by|edited\s+by|compiled\s+by|"
    r"(?:medically\s+)?reviewed\s+by|fact[\s-]checked\s+by|"
    r"copyright|©|\(c\)\s|all\s+rights\s+reserved|tags?\s*[:|]|topics?\s*[:|]|filed\s+(?:under|to|in)\b|categor(?:y|ies)\s*[:|]|"
    r"keywords?\s*[:|]|(?:photo|image|picture|video)s?\s+(?:by|credit|courtesy)|credits?\s*[:|]|caption\s*[:|]|"
    r"sources?\s*[:|]|(?-i:[Bb]y\s+[A-Z])|posted\s|published\s|updated\s|last\s+updated|first\s+published|"
    r"this\s+(?:story|article)\s+(?:was|has|first)|originally\s+(?:published|appeared)|republished|reprinted|"
    # sign-offs and reader services: "Follow Jane Doe on X", "Write to ... at", "— Jane Doe, Kyiv"
    r"follow\s|contact\s|e-?mail\s|write\s+to\s|listen\s+to\s|share\s+this|"
    r"got\s+a\s+(?:news\s+)?tip|have\s+a\s+(?:news\s+)?tip|send\s+us|click\s+here|advertisement|"
    r"correction|editor['’]?s\s+note|(?-i:[—–]\s*[A-Z]))",
    re.IGNORECASE,
)
# "Photo: Reuters", "Image: Jane Doe/AP": a media label with a short credit after it.
_CREDIT_RE = re.compile(
    r"^\W*(?:photo|image|picture|video|graphic|illustration)s?\s*[:|/]\s*\S+(?:\s+\S+){0,3}\s*$", re.I
)
_CAPTION_RE = re.compile(
    r"\b(?:getty\s+images|ap\s+photo|afp|reuters/|photograph:|photo\s+by|photo:|image:|credit:|\(photo)",
    re.IGNORECASE,
)
_ROLES = r"(?:correspondent|reporter|editor|writer|columnist|journalist|contributor|producer|analyst|bureau chief)"
# "Jane Doe is a senior reporter ...", "Senior correspondent, Kyiv": author bios and role lines.
_BIO_RE = re.compile(
    rf"^(?:[A-Z][\w.'’-]*\s+){{1,4}}(?:is|was|has been)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}{_ROLES}s?\b|"
    rf"^(?i:(?:(?:senior|chief|staff|contributing|political|foreign|deputy|managing|special)\s+)*{_ROLES}s?\b)"
)


@dataclass(frozen=True, slots=True, eq=False)
class Unit(Span):
    """A line-sized piece of a block: the whole block, or one source line of a stacked text block."""

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end == len(self.block.text)

    @property
    def in_body(self) -> bool:
        return bool(self.block.attrs.get("in_body", True))

    def urls(self) -> list[str]:
        found = [link.url for link in self.block.links if link.start < self.end and link.end > self.start and link.url]
        found.extend(m.group() for m in _URL_RE.finditer(self.text))
        return found

    def link_density(self) -> float:
        """Share of the unit's characters inside links (the reader's figure for whole blocks)."""
        if self.whole and "link_density" in self.block.attrs:
            return float(self.block.attrs["link_density"])
        length = max(1, self.end - self.start)
        inside = sum(
            max(0, min(link.end, self.end) - max(link.start, self.start)) for link in self.block.links if link.url
        )
        inside += sum(len(m.group()) for m in _URL_RE.finditer(self.text))
        return min(1.0, inside / length)

    def hints(self) -> tuple[str, ...]:
        return tuple(str(h).lower() for h in self.block.attrs.get("hints", ()))


@dataclass(slots=True)
class Teaser:
    """One teaser headline: where it is, the part that is the headline, and how it was found."""

    unit: Unit
    start: int  # headline range inside unit.block.text (after an inline "READ MORE:" label)
    end: int
    group: TeaserGroup

    @property
    def headline(self) -> str:
        return self.unit.block.text[self.start : self.end]


@dataclass(slots=True)
class TeaserGroup:
    """Teasers that belong together under one header (or none, for headerless tails)."""

    kind: str  # "header", "inline", "widget", "link-list", "tail"
    header: Unit | None
    header_text: str | None
    teasers: list[Teaser] = field(default_factory=list)
    #: units of the block that are not teasers (house promos) and so keep the header alive
    kept: list[Unit] = field(default_factory=list)


# -- units -----------------------------------------------------------------------------------------


def _line_ranges(block: Block) -> list[tuple[int, int]]:
    """Plain-text ranges of the block's source lines (text reader: one offset segment per line)."""
    segs = block.offsets.segments
    if len(segs) < 2:
        return [(0, len(block.text))]
    return [(t, t + n) for t, _, n in segs]


def _starts_like_headline(text: str) -> bool:
    stripped = text.lstrip(" \t\"'“‘([*-•–—>»")
    if len(stripped) > 1 and stripped[0].islower() and stripped[1].isupper():
        return True  # iPhone, eBay
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


def split_units(doc: Document) -> list[Unit]:
    """Units in document order: stacked headline lines of text blocks become one unit each."""
    units: list[Unit] = []
    for block in doc.blocks:
        ranges = _line_ranges(block) if doc.format == "text" else [(0, len(block.text))]
        if len(ranges) > 1 and all(_starts_like_headline(block.text[s:e]) for s, e in ranges):
            units.extend(Unit(block, s, e) for s, e in ranges if e > s)
        else:
            units.append(Unit(block, 0, len(block.text)))
    return units


# -- shapes ----------------------------------------------------------------------------------------


def build_header_re(headers: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any header phrase at the start of a line (any case, either apostrophe)."""
    return _header_re(tuple(sorted({h.strip().lower() for h in headers if h.strip()})))


@functools.lru_cache(maxsize=32)
def _header_re(headers: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = []
    for phrase in sorted(headers, key=len, reverse=True):
        alternatives.append(re.escape(phrase).replace(r"\ ", r"\s+").replace("'", "['’]"))
    body = "|".join(alternatives) or r"(?!x)x"
    return re.compile(rf"^[^\w\n]{{0,3}}?(?P<header>{body})(?![\w'’])", re.IGNORECASE)


# After the header phrase: a short tail ("stories", "from Politics"), a separator, then maybe a headline.
_AFTER_HEADER_RE = re.compile(r"(?P<tail>[^:|»›>\n]*?)\s*(?:(?P<sep>[:|»›>]+|\s[-–—]+(?=\s))|(?=\n)|\Z)")


@dataclass(frozen=True, slots=True)
class _HeaderMatch:
    header: str  # the phrase plus its short tail, as written
    tail_words: list[str]
    sep: str | None
    rest: int  # offset (in the matched text) where the headline after the separator starts


def _match_header(header_re: re.Pattern[str], text: str) -> _HeaderMatch | None:
    m = header_re.match(text)
    if not m:
        return None
    after = _AFTER_HEADER_RE.match(text, m.end())
    if after is None:  # cannot happen: the pattern stops at a separator, a line break or the end
        return None
    rest = after.end()
    while rest < len(text) and text[rest].isspace():
        rest += 1
    header = text[m.start("header") : after.end("tail")].strip()
    return _HeaderMatch(header, _words(after.group("tail")), after.group("sep"), rest)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(_URL_RE.sub(" ", text))


def _is_prose(text: str) -> bool:
    """Body prose: ends like a sentence (not an ellipsis) and is long or has several sentences."""
    stripped = text.strip()
    if not _STOP_END_RE.search(stripped) or _ELLIPSIS_END_RE.search(stripped):
        return False
    return len(_words(stripped)) >= 8 or bool(_SENTENCE_SPLIT_RE.search(stripped))


def _is_trailer(text: str) -> bool:
    stripped = text.strip()
    if _TRAILER_RE.match(stripped) or _CAPTION_RE.search(stripped) or _CREDIT_RE.match(stripped):
        return True
    return bool(_BIO_RE.match(stripped))


def _is_metadata(words: Sequence[str]) -> bool:
    """Only dates, times and counters ("21 Nov 2017, 6:17pm", "4,158 Comments", "3 hours ago")."""
    return bool(words) and all(w[0].isdigit() or w.casefold() in _META_WORDS for w in words)


def _is_utility(text: str, words: Sequence[str]) -> bool:
    """Account, social and site links ("Follow on Twitter", "Register Log in", "Privacy policy").

    A long line is utility only when it strings several site links together ("Terms of Use Privacy Policy ...").
    """
    if len(words) <= _UTILITY_MAX_WORDS:
        return bool(_UTILITY_RE.search(text))
    return len(_SITE_LINKS_RE.findall(text)) >= 2


def _is_label(text: str, words: Sequence[str]) -> bool:
    """Widget and ad labels ("by Taboola", "Powered by ZergNet", "Sponsored content")."""
    return len(words) <= _LABEL_MAX_WORDS and bool(_LABEL_RE.search(text))


def _not_teaser_text(text: str) -> bool:
    """Lines that are never teasers whatever their shape: metadata, utility links, widget labels."""
    words = _words(text)
    return _is_metadata(words) or _is_utility(text, words) or _is_label(text, words)


def _title_case_ratio(words: Sequence[str]) -> float:
    longer = [w for w in words[1:] if len(w) >= 4]
    if not longer:
        return 0.0
    return sum(1 for w in longer if w[0].isupper()) / len(longer)


_HEADER_TAIL_WORDS = frozenset(
    "from on in for you the this our to stories articles news links reading coverage".split()
)


def _tail_ok(m: _HeaderMatch, unit: Unit) -> bool:
    """ "Related stories" / "More from Politics" are headers; "Related issues remain open" is not."""
    if len(m.tail_words) > 4:
        return False
    if unit.block.kind in ("heading", "teaser_header"):
        return True
    return all(w[0].isupper() or w.lower() in _HEADER_TAIL_WORDS for w in m.tail_words)


def _is_promo(text: str, promos: Sequence[str]) -> bool:
    low = text.casefold()
    return any(p in low for p in promos)


class _Shapes:
    """Line-shape tests bound to the rule's options (header list, promos)."""

    def __init__(self, headers: Iterable[str], promos: Iterable[str], frame: Iterable[str] = ()) -> None:
        self.header_re = build_header_re(headers)
        self.promos = tuple(p.casefold() for p in promos if p.strip())
        #: hints shared by every body block (the page frame): they say nothing about one block
        self.frame = frozenset(frame)

    def chrome(self, unit: Unit) -> bool:
        """Navigation, account, social, comment or tag-list block (HTML hints): never a teaser.

        The innermost class/id token decides, so share buttons inside a related widget are chrome
        and an Outbrain widget inside a footer is not. ``header``/``footer``/``nav`` landmarks count
        only when no widget marker surrounds or fills them (a widget's own heading may sit in a header).
        """
        hints = [h for h in unit.hints() if h not in self.frame]
        for hint in reversed(hints):
            if _widget_token(hint):
                return False
            if any(piece in _CHROME_PIECES for piece in _HINT_SPLIT_RE.split(hint)):
                return True
        return any(h in _CHROME_LANDMARKS for h in hints) and not any(_widget_token(h) for h in hints)

    def header_only(self, unit: Unit) -> str | None:
        """The header text when the whole unit is a teaser header ("You may also like", "Related stories:")."""
        text = unit.text.strip()
        m = _match_header(self.header_re, text)
        if m is None or text[m.rest :].strip(" .:|-–—>»›…!"):
            return None
        if not _tail_ok(m, unit) or (m.sep is None and _STOP_END_RE.search(text)):
            return None
        return m.header

    def inline(self, unit: Unit) -> tuple[str, int] | None:
        """(label, offset of the headline) for an inline "READ MORE: headline" line."""
        text = unit.text
        m = _match_header(self.header_re, text)
        if m is None or m.sep is None or not _tail_ok(m, unit) or m.rest >= len(text):
            return None
        rest = Unit(unit.block, unit.start + m.rest, unit.end)
        if not (self.is_item(rest) or self.is_loose_item(rest) or rest.urls()):
            return None
        return m.header, rest.start

    def is_item(self, unit: Unit) -> bool:
        """A line that can sit in a teaser list under a header: headline or link, not prose or credits."""
        text = unit.text.strip()
        if not text or self.header_only(unit) is not None or _not_teaser_text(text):
            return False
        words = _words(text)
        if _is_trailer(text):
            return False  # bylines, credits and copyright lines, linked or not
        if unit.urls() and not _is_prose(text):
            return not words or len(words) >= _MIN_ITEM_WORDS  # not "Trams", "City hall": tag or section links
        if not _MIN_ITEM_WORDS <= len(words) <= 40:
            return False
        if unit.link_density() >= 0.5:
            return True
        # a full stop ends a sentence, not a headline ("The budget vote was close.")
        return not _STOP_END_RE.search(text) or bool(_ELLIPSIS_END_RE.search(text))

    def is_loose_item(self, unit: Unit) -> bool:
        """A headline that happens to end like a sentence ("Shares fall. Here is why."), inside a list."""
        text = unit.text.strip()
        if not text or self.header_only(unit) is not None or _is_trailer(text) or _not_teaser_text(text):
            return False
        return 2 <= len(_words(text)) <= 30 and len(_SENTENCE_SPLIT_RE.findall(text)) <= 2

    def is_promo(self, unit: Unit) -> bool:
        return _is_promo(unit.text, self.promos)

    def is_tail_line(self, unit: Unit) -> bool:
        """A headline-shaped line that can form a headerless teaser tail (stricter than ``is_item``)."""
        text = unit.text.strip()
        words = _words(text)
        if not 4 <= len(words) <= 30 or _is_trailer(text) or text.endswith(":") or self.is_promo(unit):
            return False
        if _not_teaser_text(text) or self.chrome(unit):
            return False
        if unit.urls() or unit.link_density() >= 0.5:
            return not _is_prose(text) and not (_STOP_END_RE.search(text) and not _ELLIPSIS_END_RE.search(text))
        if _DATE_START_RE.match(text) or (_STOP_END_RE.search(text) and not _ELLIPSIS_END_RE.search(text)):
            return False
        return bool(
            _KICKER_RE.match(text)
            or _ELLIPSIS_END_RE.search(text)
            or text.rstrip("\"'”’ ").endswith("?")
            or _title_case_ratio(words) >= 0.6
        )


def _widget_token(hint: str) -> bool:
    return any(marker in hint for marker in _WIDGET_MARKERS)


def _widget_marked(unit: Unit, frame: frozenset[str] = frozenset()) -> str | None:
    """The class/id token that marks a unit as part of a recommendation widget, if any.

    Tokens of the page frame (on every body block, e.g. a body class ``f_moatads_promoted_on``) do not count.
    """
    hints = [h for h in unit.hints() if h not in frame]
    for hint in hints:
        if _widget_token(hint):
            return hint
    return "aside" if "aside" in hints else None


# -- detection -------------------------------------------------------------------------------------


def find_teasers(
    doc: Document, units: Sequence[Unit], headers: Iterable[str], promos: Iterable[str], min_tail: int = 2
) -> list[TeaserGroup]:
    """Every teaser group in the document, in order of appearance."""
    shapes = _Shapes(headers, promos, _page_frame(units))
    claimed: set[int] = set()
    groups = _header_groups(units, shapes, claimed)
    groups += _widget_groups(units, shapes, claimed)
    groups += _link_list_groups(units, shapes, claimed)
    tail = _headerless_tail(units, shapes, claimed, min_tail)
    if tail is not None:
        groups.append(tail)
    groups = [g for g in groups if not _is_product_box(g)]
    groups.sort(key=lambda g: (g.teasers[0].unit.block.index, g.teasers[0].start))
    return groups


def _page_frame(units: Sequence[Unit]) -> set[str]:
    """Hints every body block carries (page and article wrappers such as ``has-header``)."""
    frame: set[str] | None = None
    for unit in units:
        if unit.in_body and unit.block.attrs.get("hints"):
            frame = set(unit.hints()) if frame is None else frame & set(unit.hints())
    return frame or set()


# Shopping lines: a block holding them is an affiliate product box, not a list of headlines.
_COMMERCE_RE = re.compile(
    r"^\W*(?:buy\s+(?:it\s+)?now|shop\s+now|add\s+to\s+(?:cart|basket)|see\s+(?:the\s+)?deal|"
    r"(?:was\s+|now\s+)?[$€£]\s?\d[\d,.]*\s*$|available\s+(?:from|at|on)\s|"
    r".*\bmay\s+(?:receive|earn|get)\s+(?:a\s+)?(?:small\s+)?(?:commission|share))",
    re.IGNORECASE,
)


def _is_product_box(group: TeaserGroup) -> bool:
    if group.kind == "inline":
        return False
    units = [t.unit for t in group.teasers] + group.kept
    return any(_COMMERCE_RE.match(u.text.strip()) for u in units)


def _header_groups(units: Sequence[Unit], shapes: _Shapes, claimed: set[int]) -> list[TeaserGroup]:
    """Groups under an explicit header line, and inline "READ MORE: headline" lines."""
    groups: list[TeaserGroup] = []
    i = 0
    while i < len(units):
        unit = units[i]
        header = shapes.header_only(unit)
        if header is not None:
            group = _items_after_header(units, i, header, shapes)
            if group is not None:
                groups.append(group)
                j = i + 1 + len(group.teasers) + len(group.kept)
                claimed.update(range(i, j))
                i = j
                continue
        elif not shapes.is_promo(unit):
            inline = shapes.inline(unit)
            if inline is not None:
                label, start = inline
                group = TeaserGroup("inline", unit, label)
                group.teasers.append(Teaser(unit, start, unit.end, group))
                groups.append(group)
                claimed.add(i)
        i += 1
    return groups


def _items_after_header(units: Sequence[Unit], i: int, header: str, shapes: _Shapes) -> TeaserGroup | None:
    """The teaser list under the header at ``units[i]``: it opens with a headline, not with prose.

    A headline that ends like a sentence is accepted inside the list (first only when a clean
    headline follows it); trailing sentence-like lines are dropped because there the article (or
    its closing prose) resumes. The list also ends at a structural boundary: page chrome
    (navigation, social, account, comments), a utility link ("Log in"), or the next section's
    heading. Dates, counters and widget labels inside the list are kept, not judged.
    """
    run: list[tuple[Unit, str]] = []  # (unit, "item" | "loose" | "keep")
    j = i + 1
    while j < len(units) and _same_container(units[i], units[j]):
        unit = units[j]
        if shapes.is_promo(unit) or (_is_list_furniture(unit.text) and not shapes.chrome(unit)):
            run.append((unit, "keep"))
        elif _ends_list(units[i], unit, shapes):
            break
        elif shapes.is_item(unit):
            run.append((unit, "item"))
        elif shapes.is_loose_item(unit) and (run or (j + 1 < len(units) and shapes.is_item(units[j + 1]))):
            run.append((unit, "loose"))
        else:
            break
        j += 1
    while run and run[-1][1] == "loose" and not (j == len(units) and len(run) >= 2 and _headline_at_end(run[-1][0])):
        run.pop()
    group = TeaserGroup("header", units[i], header)
    for unit, role in run:
        if role == "keep":
            group.kept.append(unit)
        else:
            group.teasers.append(Teaser(unit, unit.start, unit.end, group))
    return group if group.teasers else None


def _is_list_furniture(text: str) -> bool:
    """Dates, counters and widget labels between the headlines of a list."""
    words = _words(text)
    return _is_metadata(words) or _is_label(text, words)


_HEADING_RANK = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def _ends_list(header: Unit, unit: Unit, shapes: _Shapes) -> bool:
    """A structural boundary after a header: chrome, a utility link, or a heading at the header's level or above."""
    if shapes.chrome(unit) or _is_utility(unit.text, _words(unit.text)):
        return True
    if unit.block.kind != "heading" or header.block.kind != "heading":
        return False
    rank = _HEADING_RANK.get(str(unit.block.attrs.get("tag", "")), 0)
    return 0 < rank <= _HEADING_RANK.get(str(header.block.attrs.get("tag", "")), 0)


def _same_container(header: Unit, unit: Unit) -> bool:
    """HTML: items sit inside the header's container (same body side, its class/id hints and more)."""
    return header.in_body == unit.in_body and set(header.hints()) <= set(unit.hints())


def _headline_at_end(unit: Unit) -> bool:
    """The document's last line may be a headline with a full stop if it is title-cased and short."""
    text = unit.text.strip()
    words = _words(text)
    return len(words) <= 15 and not _SENTENCE_SPLIT_RE.search(text) and _title_case_ratio(words) >= 0.5


def _widget_groups(units: Sequence[Unit], shapes: _Shapes, claimed: set[int]) -> list[TeaserGroup]:
    """Runs of HTML blocks whose class/id/landmark says "related", "outbrain", "aside" ...

    Chrome (social, account, comment blocks) ends a run; a new widget heading after teasers opens a new group.
    """
    groups: list[TeaserGroup] = []
    i = 0
    while i < len(units):
        if i in claimed or _widget_marked(units[i], shapes.frame) is None or shapes.chrome(units[i]):
            i += 1
            continue
        j = i
        while (
            j < len(units)
            and j not in claimed
            and _widget_marked(units[j], shapes.frame) is not None
            and not shapes.chrome(units[j])
        ):
            j += 1
        group = TeaserGroup("widget", None, None)
        first = i
        for k in range(i, j):
            unit = units[k]
            if group.teasers and _widget_header(unit, shapes):
                _close_widget(group, groups, claimed, first, k)
                group, first = TeaserGroup("widget", None, None), k
            only_aside = _widget_marked(unit, shapes.frame) == "aside"
            if group.header is None and not group.teasers and _widget_header(unit, shapes):
                group.header, group.header_text = unit, unit.text.strip().rstrip(" :|")
            elif shapes.is_promo(unit):
                group.kept.append(unit)
            elif _widget_item(unit, shapes, strict=only_aside):
                group.teasers.append(Teaser(unit, unit.start, unit.end, group))
            else:
                group.kept.append(unit)
        _close_widget(group, groups, claimed, first, j)
        i = j
    return groups


def _close_widget(group: TeaserGroup, groups: list[TeaserGroup], claimed: set[int], start: int, end: int) -> None:
    if group.teasers:
        groups.append(group)
        claimed.update(range(start, end))


def _widget_header(unit: Unit, shapes: _Shapes) -> bool:
    if shapes.header_only(unit) is not None:
        return True
    return unit.block.kind in ("heading", "teaser_header") and len(_words(unit.text)) <= 6 and not unit.urls()


def _widget_item(unit: Unit, shapes: _Shapes, *, strict: bool) -> bool:
    """A headline in a widget: linked (always, for a bare <aside>) and headline-shaped."""
    if len(_words(unit.text)) < 3 or not shapes.is_item(unit):
        return False
    linked = unit.link_density() >= 0.5 or bool(unit.urls())
    return linked if strict else (linked or unit.block.kind in ("heading", "link", "list_item", "teaser_block"))


def _link_list_groups(units: Sequence[Unit], shapes: _Shapes, claimed: set[int]) -> list[TeaserGroup]:
    """Lists of linked headlines after the article body (HTML pages: outside the detected body)."""
    last_body = max((k for k, u in enumerate(units) if u.in_body), default=-1)
    if last_body < 0 or all(u.in_body for u in units):
        return []
    groups: list[TeaserGroup] = []
    i = last_body + 1
    while i < len(units):
        j = i
        while j < len(units) and j not in claimed and _linked_headline(units[j], shapes):
            j += 1
        if j - i >= 2:
            header = units[i - 1] if i - 1 > last_body and (i - 1) not in claimed else None
            header_text = shapes.header_only(header) if header is not None else None
            group = TeaserGroup("link-list", header if header_text else None, header_text)
            group.teasers = [Teaser(u, u.start, u.end, group) for u in units[i:j]]
            groups.append(group)
            claimed.update(range(i - (1 if header_text else 0), j))
        i = max(j, i + 1)
    return groups


def _linked_headline(unit: Unit, shapes: _Shapes) -> bool:
    return (
        not unit.in_body
        and not shapes.chrome(unit)
        and len(_words(unit.text)) >= 4
        and unit.link_density() >= 0.6
        and shapes.is_item(unit)
        and not shapes.is_promo(unit)
    )


def _headerless_tail(units: Sequence[Unit], shapes: _Shapes, claimed: set[int], min_tail: int) -> TeaserGroup | None:
    """Two or more headline-shaped lines closing the body with no header above them."""
    body = [k for k, u in enumerate(units) if u.in_body]
    pos = len(body) - 1
    while pos >= 0 and body[pos] not in claimed and _is_closing_line(units[body[pos]], shapes):
        pos -= 1
    end = pos
    while pos >= 0 and body[pos] not in claimed and shapes.is_tail_line(units[body[pos]]):
        pos -= 1
    lines = body[pos + 1 : end + 1][-_MAX_TAIL:]
    # a templated list ("Spain (Group F): 11th appearance") belongs to the article: keep only what follows it
    template = _template_words([units[k].text for k in lines])
    while lines and template & _line_words(units[lines[0]].text):
        lines = lines[1:]
    # the lines must follow an article: something that is not itself a teaser line comes first
    if len(lines) < max(2, min_tail) or lines[0] == body[0]:
        return None
    group = TeaserGroup("tail", None, None)
    for k in lines:
        group.teasers.append(Teaser(units[k], units[k].start, units[k].end, group))
        claimed.add(k)
    return group


_MAX_TAIL = 40


def _line_words(text: str) -> set[str]:
    return {w.casefold() for w in _words(text) if len(w) > 3 and not w[0].isdigit()} - STOPWORDS


def _template_words(lines: Sequence[str]) -> set[str]:
    """Words repeated across lines built on one template ("Spain (Group F): 11th appearance")."""
    counts: dict[str, int] = {}
    for line in lines:
        for word in _line_words(line):
            counts[word] = counts.get(word, 0) + 1
    need = 2 if len(lines) <= 3 else 3
    return {w for w, n in counts.items() if n >= need}


def _is_closing_line(unit: Unit, shapes: _Shapes) -> bool:
    text = unit.text.strip()
    return not text or _is_trailer(text) or shapes.is_promo(unit) or unit.block.kind in ("caption", "byline")


_URL_NOISE = frozenset(
    "http https www com org net html htm php asp aspx shtml amp index article articles story stories news "
    "post posts id en us uk default cms ece".split()
)


def url_words(url: str) -> list[str]:
    """Words of a link's path slug ("/world/russia-ukraine-talks-stall-123" -> russia, ukraine, talks, stall)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)
    path = path.split("?", 1)[0].split("#", 1)[0]
    words = []
    for word in re.split(r"[^A-Za-z]+", path):
        low = word.lower()
        if len(low) >= 3 and low not in _URL_NOISE:
            words.append(low)
    return words
