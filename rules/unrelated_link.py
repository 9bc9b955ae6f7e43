"""Built-in rule ``unrelated-link`` (CD201): appended teasers that have nothing to do with the article.

Detection (where the teasers are) lives in :mod:`rules._teasers`; this module scores each
teaser's relatedness to the article body and reports the unrelated ones.

Relatedness is the share of a teaser's salient weight that the article also uses. A word's
weight estimates its rarity from two small hand-written tables (very common English and news
words, then general vocabulary) plus word shape (length, capitalisation: names, places and
acronyms count more). Plural forms, possessives and demonyms (Russian ~ Russia) are folded, the
words of a link's URL slug count as teaser words, a shared word family (hibernating ~ hibernation)
counts 0.6 and a shared six-letter prefix 0.3. A word the article uses once counts less than one
it keeps using. Items of one block that share a distinctive word with a related item (a story
package, a product box) are related too.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from linters import Document, Edit, Rule, RuleContext, hookimpl
from linters.text.tokens import STOPWORDS, tokenize, words

from ._teasers import DEFAULT_HEADERS, DEFAULT_PROMOS, Teaser, TeaserGroup, Unit, find_teasers, split_units, url_words

__all__ = ["UnrelatedLink", "copydesk_add_rules", "relatedness"]

# Very common English and news words: sharing one of these says little about a shared topic.
_COMMON = frozenset(
    """
able across act action actually add added admit age ago agree ahead air allow almost alone along already although
always among amount announce announced annual another answer anyone anything appear area around ask asked attack
available average away back bad base based become begin behind believe best better big bill billion black body book
born bring brought build business buy call called came campaign car care case cause center central certain chance
change charge check chief child children choice city claim class clear close club come comes coming company concern
continue control cost could country county couple course court cover create crisis current cut data day days deal
death decide decision deep department despite detail details development die different difficult done door doubt
down drive drop due early east easy economic economy effect effort either else end enough entire even event events
every everyone everything evidence exactly example expect expected experience explain face fact fail fall family far
fast father feel feeling few field fight figure final finally find fine fire firm first five follow following food
force forward found four free friend front full fund future game general get getting girl give given giving goal go
going gone good great green ground group grow growth guide half hand happen happened hard head health hear heard
help high history hit hold home hope hour hours house huge human idea important include including increase industry
information inside instead interest interview issue issues job join keep key kid kids kill killed kind know known
lack land large last late later latest law lead leader leaders learn least leave left less level life light likely
line list little live lives local long look looking lose loss lost lot love low main major man manager market matter
maybe mean means meet meeting member members men message middle might million mind minister minute minutes miss
model moment money month months morning mother move movie music name national near nearly need needs never news next
night north note nothing number offer office officer official officials often old open opinion order others outside
paid parent part party past pay people percent period person photo photos picture place plan plans play player
players point police policy political poor popular population position possible post power president press pressure
price private probably problem problems program project public push put question quickly quite race raise range rate
rather reach read ready real really reason receive recent recently record red region release remain remember report
reported reports research response rest result results return review right rise risk road role room rule run running
safe saw school season second see seem seen sell send senior sense series serious service set several share short
show shows side sign significant similar simple since single site six size small social someone something sometimes
soon sort source south space speak special staff stage stand start started state statement states stay step still
stop story street strong student study stuff success support sure system take taken talk tax team tell term test
thing things think third three time times today together told top total toward town trade try trying turn type
understand unit university use used user using value various video view visit voice want wanted war watch water way
week weeks well went west white whole wide win woman women word work worked worker workers working world worth write
wrong year years young according additional also already amid anyway asks bring calls cent claims comes continues
ends gets gives goes helps holds keeps leads looks makes means moves needs opens plays puts runs says sees sets
shows starts takes tells thinks tries turns uses wants works new old big top best latest live breaking exclusive
update updates analysis explainer explained watch photos video videos pics read full here reveals revealed know
things ways reasons tips january february march april june july august september october november december monday
tuesday wednesday thursday friday saturday sunday weekend tonight yesterday tomorrow three four five six seven eight
nine ten eleven twelve twenty hundred thousand dozen
""".split()
)

# General vocabulary: frequent enough that one shared word is weak evidence of a shared topic.
_GENERAL = frozenset(
    """
absolute accept access account accused achieve acquire active actual adapt address adopt advance advantage advice
affect afraid agency agent agreement aim alive allowed alternative amazing ancient angry announcement anxious
apparent appeal approach approve argue arrive article aside assume attempt attend attention attractive author
average avoid aware awful background balance ban basic battle beat beautiful beauty beginning benefit beyond bid
birth bit blame block blow board bold bottom box brain brand brave break brief bright brilliant broad broke broken
budget burn busy calm camp capable capital captain career careful carry catch celebrate challenge champion channel
chaos character cheap choose circle citizen civil claim clean clever climb code collect collection combine
comfortable command comment commit common community compare compete complete complex concept conference confident
confirm conflict connect consider constant contact contain content contest context contract contribute conversation
convince cool core correct count courage crash crazy create creative credit critical critics crowd crucial cultural
culture curious customer cycle daily damage danger dangerous dark deadly dear debate declare decline deep defeat
defend define degree deliver demand deny depend describe design desire destroy detect develop device different
difficulty digital direct direction director discover discuss display distance divide document double draw dream
dress drink dry earn ease edge edition effective element emerge emergency emotional employ enable encourage energy
enjoy enter entry environment equal error escape essential establish estimate evening everyday evil exact examine
excellent exchange exciting exist expand expensive expert explore expose express extend extra extreme factor fair
faith familiar famous fan fantastic fashion favorite fear feature fee figure fill film final finish fit fix flat
flight floor fly focus folk form formal former fortune foundation frame frank fresh friendly fun funny gain gap
gather gift glad global golden gone grand grant guess guy habit hang happy hate heart heavy height hero hidden
highlight hire honest honor host hot huge hundred hurt ideal identify image imagine impact improve incident income
independent individual influence initial injury inner innovation insist inspire instance intelligence intend
interesting internal introduce invest invite item journey joy judge jump justice kick king knowledge label lady
large largest launch layer learn lesson letter lie lift limit link listen load lock lovely lucky machine magic
maintain male manage mark master match meaning measure media mention method mind mission mistake mix mobile mode
modern moment monitor moral motion mystery narrow native natural nature negative network normal notice novel object
obvious occur odd offer online operate opportunity option ordinary organize original outcome overall owner pace pack
page pain pair panel paper partner pass path pattern peace perfect perform personal phase phone pick piece pilot
plain planet platform pleasure plenty pocket pop positive potential powerful practice prefer prepare present pretty
prevent pride primary prime prize process produce product profile progress promise proof proper protect proud prove
provide pull purpose quality quarter quick quiet radio rare raw react reality realize recent recognize recommend
reduce reflect refuse regular reject relate relationship relax release rely remove repeat replace reply request
require resource respect respond rich ride ring rising role root round routine rush sad sample save scale scene
schedule score screen search secret section secure seek select serve session settle shape sharp shift shock shoot
shop sight signal silent simply sit skill smart smooth soft solid solve sound speech speed spend spirit split spot
spread square stable standard star statement status steady stick stock straight strange strategy stress strike
structure style subject succeed suddenly suffer suggest summer supply surprise survey survive suspect switch symbol
table tackle target task taste teach technique tend tension terrible theme theory thin threat throw ticket tiny
title tone tool topic touch tough tour track traditional train transfer travel treat trend trick trip trouble true
trust truth twice typical ultimate unique unknown upgrade urban urge usual valuable variety version victory vision
visual vital volume wait wake walk warm warn waste wave weak wear weird welcome wild winner winter wise wish wonder
wonderful worry worst yellow yes
""".split()
)
_SUFFIXES = ("ing", "ed", "er", "est", "ly", "s")


def _base_forms(low: str) -> set[str]:
    """The word and its likely stems (released -> release, smaller -> small), for the word lists only."""
    forms = {low}
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[: -len(suffix)]
            forms.update((stem, stem + "e"))
            if len(stem) > 3 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # planned -> plan
    return forms


# Demonyms and adjectives folded onto their place name, so "Russian troops" relates to "Russia".
_DEMONYMS = {
    "afghan": "afghanistan", "african": "africa", "american": "america", "americans": "america", "usa": "america",
    "argentine": "argentina", "argentinian": "argentina", "armenian": "armenia", "asian": "asia",
    "australian": "australia", "austrian": "austria", "bangladeshi": "bangladesh", "belarusian": "belarus",
    "brazilian": "brazil", "british": "britain", "briton": "britain", "canadian": "canada", "chilean": "chile",
    "chinese": "china", "colombian": "colombia", "cuban": "cuba", "danish": "denmark", "dutch": "netherlands",
    "egyptian": "egypt", "english": "england", "ethiopian": "ethiopia", "european": "europe", "filipino": "philippines",
    "philippine": "philippines", "finnish": "finland", "french": "france", "georgian": "georgia", "german": "germany",
    "greek": "greece", "hungarian": "hungary", "indian": "india", "indonesian": "indonesia", "iranian": "iran",
    "iraqi": "iraq", "irish": "ireland", "israeli": "israel", "italian": "italy", "japanese": "japan",
    "kenyan": "kenya", "korean": "korea", "lebanese": "lebanon", "mexican": "mexico", "nigerian": "nigeria",
    "norwegian": "norway", "pakistani": "pakistan", "palestinian": "palestine", "peruvian": "peru", "polish": "poland",
    "portuguese": "portugal", "qatari": "qatar", "romanian": "romania", "russian": "russia", "saudi": "saudi",
    "scottish": "scotland", "serbian": "serbia", "spanish": "spain", "sudanese": "sudan", "swedish": "sweden",
    "swiss": "switzerland", "syrian": "syria", "taiwanese": "taiwan", "thai": "thailand", "turkish": "turkey",
    "ukrainian": "ukraine", "venezuelan": "venezuela", "vietnamese": "vietnam", "welsh": "wales", "yemeni": "yemen",
    "texan": "texas", "californian": "california", "floridian": "florida", "soviet": "russia",
}  # fmt: skip
# Upper-case abbreviations that are also English stopwords ("US" vs "us").
_ABBREVIATIONS = {"US": "america", "U.S": "america", "USA": "america", "UK": "britain", "U.K": "britain"}

# The host tokenizer's word pattern, used bare where only the words matter (the profile: hot path).
_POSSESSIVE_RE = re.compile(r"['’]s$")


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Canonical key: lower case, no possessive, demonym -> place, naive singular."""
    low = _POSSESSIVE_RE.sub("", word.casefold())
    low = _DEMONYMS.get(low, low)
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 4 and low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        low = low[:-1]
    return _DEMONYMS.get(low, low)


_STEM_SUFFIXES = (
    "ations", "ation", "ments", "ment", "ness", "ions", "ion", "ings", "ing", "ities", "ity", "ives", "ive",
    "ers", "er", "ed", "als", "al", "ly", "es", "e", "s",
)  # fmt: skip


@functools.lru_cache(maxsize=65536)
def _stem(key: str) -> str:
    """A rough stem for matching word families (hibernating, hibernation -> hibernat)."""
    for suffix in _STEM_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            return key[: -len(suffix)]
    return key


@dataclass(frozen=True, slots=True)
class _Term:
    key: str
    surface: str
    weight: float
    name: bool = False


def _terms(text: str, extra_words: Iterable[str] = ()) -> list[_Term]:
    """Salient terms of a teaser, deduplicated by key, with rarity-and-shape weights."""
    best: dict[str, _Term] = {}
    tokens = tokenize(text)
    for i, tok in enumerate(tokens):
        term = _term(tok.text, is_first=i == 0 or text[max(0, tok.start - 3) : tok.start].strip() in (":", "|", '"'))
        if term and term.weight > best.get(term.key, _Term("", "", 0.0)).weight:
            best[term.key] = term
    for word in extra_words:
        term = _term(word, is_first=True)
        if term and term.key not in best:
            best[term.key] = _Term(term.key, term.surface, term.weight * 0.8, term.name)
    return [best[k] for k in sorted(best)]


@functools.lru_cache(maxsize=65536)
def _term(surface: str, *, is_first: bool) -> _Term | None:
    if surface in _ABBREVIATIONS:
        return _Term(_ABBREVIATIONS[surface], surface, 1.0, True)
    low = surface.casefold().replace("’", "'")
    if low in STOPWORDS or len(low) < 2 or surface[0].isdigit():
        return None
    key = _fold(surface)
    forms = _base_forms(low) | {key}
    if forms & _COMMON:
        weight = 0.2
    elif forms & _GENERAL or len(key) <= 3:
        weight = 0.5
    else:
        weight = 1.0
    name = (surface.isupper() and len(surface) >= 2) or (surface[0].isupper() and not is_first)
    if name:
        weight *= 1.5  # names, places, acronyms
    return _Term(key, surface, weight, name)


class _Profile:
    """How often the article body uses each folded word (and six-letter stem)."""

    def __init__(self, texts: Iterable[str]) -> None:
        surfaces: Counter[str] = Counter()
        for text in texts:
            surfaces.update(words(text))
        self.counts: Counter[str] = Counter()
        for surface, n in surfaces.items():  # fold each distinct spelling once
            if surface in _ABBREVIATIONS:
                self.counts[_ABBREVIATIONS[surface]] += n
                continue
            low = surface.casefold().replace("’", "'")
            if low not in STOPWORDS and len(low) > 1 and not low[0].isdigit():
                self.counts[_fold(surface)] += n
        self.stems: Counter[str] = Counter()
        self.prefixes: Counter[str] = Counter()
        for key, n in self.counts.items():
            self.stems[_stem(key)] += n
            if len(key) >= 7:
                self.prefixes[key[:6]] += n

    @property
    def size(self) -> int:
        return sum(self.counts.values())

    def match(self, key: str, name: bool) -> float:
        """1 for a word the article keeps using, less for a passing mention or a shared stem only."""
        n = self.counts.get(key, 0)
        if n >= 3:
            return 1.0
        if n:
            return 0.75 if n == 2 or name else 0.4
        if self.stems.get(_stem(key), 0):
            return 0.6  # hibernating ~ hibernation
        if len(key) >= 7 and self.prefixes.get(key[:6], 0):
            return 0.3
        return 0.0


@dataclass(frozen=True, slots=True)
class Relatedness:
    score: float
    shared: list[str]
    weight: float  # the teaser's total salient weight: too little and the score means nothing


def relatedness(teaser_text: str, urls: Iterable[str], profile: _Profile) -> Relatedness:
    """Share of the teaser's salient weight found in the article (0 unrelated .. 1 all shared)."""
    terms = _terms(teaser_text, (w for url in urls for w in url_words(url)))
    total = sum(t.weight for t in terms)
    if total <= 0:
        return Relatedness(0.0, [], 0.0)
    got = 0.0
    shared = []
    for term in terms:
        m = profile.match(term.key, term.name)
        if m:
            got += term.weight * m
            shared.append(term.surface.casefold())
    return Relatedness(round(got / total, 3), sorted(set(shared)), total)


# Below this salient weight (e.g. "Things to know") a teaser says too little to be judged.
_MIN_WEIGHT = 0.5
_URL_IN_TEXT_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class UnrelatedLink(Rule):
    """Appended teaser links and headlines that are unrelated to the article.

    ## What it does
    Finds teaser blocks added to an article — a "You may also like", "Read more",
    "ALSO READ |", "Recommended", "Related", "Trending" ... header followed by headlines,
    a headerless tail of headline-shaped lines or links, recommendation widgets in HTML
    (`aside`, class or id names such as related, recommended, more-stories, outbrain,
    taboola; link lists after the article body), and inline "READ MORE: headline" lines.
    Each teaser is scored for relatedness to the article body: the share of its salient
    words (rarer words and names count more; plurals, demonyms such as Russian ~ Russia,
    and the words of its link's URL slug are taken into account) that the article also
    uses. Teasers scoring below `threshold` are reported one by one with their score, the
    words they share ("none" when nothing is shared) and the header they sit under.

    Closing prose ("Read more about the battle in our explainer."), credit lines
    ("Reporting by ...; Editing by ..."), author bios, tag lines, photo captions, dated
    timelines and a subheading followed by prose are not teasers. Neither are page
    chrome in HTML (blocks whose innermost class/id names navigation, menus, breadcrumbs,
    social or share buttons, login/account, comments, newsletters or tag lists, and
    `nav`/`header`/`footer` landmarks outside a widget), account and utility links
    ("Follow on Twitter", "Register Log in", "Privacy policy", "1,204 Comments"),
    widget labels ("by Taboola", "Powered by ZergNet", "Sponsored Links"), lines made
    only of dates, times and counters, and lines of one or two words (tags, sections).
    A header's list ends at a structural boundary: chrome, a utility link, or a heading
    at the header's level or above.

    On a whole rendered page, a widget outside the article body (aside, related or
    outbrain/taboola class names, a link list after the article, a headed list such as
    "Most read" around the article) with three or more unrelated teasers gives one
    finding that names the first teaser; every teaser is
    listed in `related` (with its location) and in `evidence.teasers`, and the fix
    removes each (`one-finding-per-widget`). Teasers in the article text are always
    reported one by one.

    ## Why is this bad?
    Pipelines and widgets append headlines from elsewhere on the site. Off-topic teasers
    look like part of the story in syndicated copy, feeds, newsletters and AMP pages,
    confuse readers and search engines, and may leak content that should not travel with
    the article. The fix (unsafe: an editor may want to keep a teaser) removes each
    unrelated teaser, and the header too when nothing is left under it.

    ## Example
    ```text
    Moscow says talks with Washington on a Ukraine settlement have stalled ...

    You may also like
    Chef's guide: five ways to cook with pumpkin this autumn
    ```
    The pumpkin headline shares no word with the article and is reported; a teaser such
    as "Kremlin rejects Washington's Ukraine ceasefire plan" is related and is not.

    ## Options
    - `threshold` (number, default 0.25): teasers with relatedness below this are reported.
    - `headers` (list of strings): header phrases that open a teaser block (replaces the
      built-in list); `extend-headers` adds phrases to it.
    - `allowed-promos` (list of strings): house promos that may follow an article
      ("Subscribe to our newsletter"); lines containing one are never reported.
    - `flag-any-appended-block` (boolean, default false): report every teaser, related
      or not, for houses that forbid appended blocks altogether.
    - `min-tail-lines` (integer, default 2): how many headline-shaped lines without a
      header make a teaser tail.
    - `min-article-words` (integer, default 30): below this many salient words in the body
      relatedness cannot be judged and only `flag-any-appended-block` reports.
    - `one-finding-per-widget` (boolean, default true): one finding per page widget
      outside the article with three or more unrelated teasers; false reports each
      teaser on its own.
    """

    code: ClassVar[str] = "CD201"
    name: ClassVar[str] = "unrelated-link"
    summary: ClassVar[str] = "Appended teaser headlines or links unrelated to the article"
    default_severity: ClassVar[str] = "warning"
    fixable: ClassVar[str | None] = "unsafe"
    tags: ClassVar[tuple[str, ...]] = ("structure", "relevance")
    options_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "threshold": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "default": 0.25,
                "description": "Teasers whose relatedness to the article is below this are reported.",
            },
            "headers": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "default": list(DEFAULT_HEADERS),
                "description": "Header phrases (any case, optional ':' or '|' after them) that open a teaser block.",
            },
            "extend-headers": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "default": [],
                "description": "Header phrases added to `headers`.",
            },
            "allowed-promos": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "default": list(DEFAULT_PROMOS),
                "description": "House promos allowed after an article (case-insensitive substrings); never reported.",
            },
            "flag-any-appended-block": {
                "type": "boolean",
                "default": False,
                "description": "Report every teaser, related or not.",
            },
            "min-tail-lines": {
                "type": "integer",
                "minimum": 2,
                "default": 2,
                "description": "Headline-shaped lines without a header needed to make a teaser tail.",
            },
            "one-finding-per-widget": {
                "type": "boolean",
                "default": True,
                "description": "One finding (each teaser in `related`) for a page widget outside the article "
                "with three or more unrelated teasers.",
            },
            "min-article-words": {
                "type": "integer",
                "minimum": 0,
                "default": 30,
                "description": "Salient words the body needs before relatedness is judged.",
            },
        },
    }

    def check(self, doc: Document, ctx: RuleContext) -> None:
        opts = ctx.options
        units = split_units(doc)
        headers = [*opts["headers"], *opts["extend-headers"]]
        groups = find_teasers(doc, units, headers, opts["allowed-promos"], opts["min-tail-lines"])
        if not groups:
            return
        profile = _article_profile(doc, units, groups)
        judge = profile.size >= opts["min-article-words"]
        if not judge and not opts["flag-any-appended-block"]:
            return
        for group in groups:
            self._check_group(group, profile, judge, ctx)

    def _check_group(self, group: TeaserGroup, profile: _Profile, judge: bool, ctx: RuleContext) -> None:
        opts = ctx.options
        threshold = float(opts["threshold"])
        scored = [(t, relatedness(_URL_IN_TEXT_RE.sub(" ", t.headline), t.unit.urls(), profile)) for t in group.teasers]
        if opts["flag-any-appended-block"]:
            flagged = scored
        elif not judge or (_cohesive(scored) and _group_relatedness(group, profile).score >= threshold):
            # one subject throughout (a product box, a list of key points) that the article is about
            flagged = []
        else:
            related = _related_through_block([t for t, _ in scored], [rel.score >= threshold for _, rel in scored])
            flagged = [
                (t, rel)
                for (t, rel), ok in zip(scored, related, strict=True)
                if not ok and rel.weight >= _MIN_WEIGHT and rel.score < threshold
            ]
        nothing_left = len(flagged) == len(group.teasers) and not group.kept
        if opts["one-finding-per-widget"] and _page_widget(group) and len(flagged) >= _WIDGET_FINDING_MIN:
            self._report_widget(ctx, group, flagged, threshold, nothing_left)
            return
        for n, (teaser, rel) in enumerate(flagged):
            drop_header = nothing_left and n == len(flagged) - 1 and group.header is not None
            self._report(ctx, teaser, rel, threshold, drop_header)

    def _report_widget(
        self,
        ctx: RuleContext,
        group: TeaserGroup,
        flagged: list[tuple[Teaser, Relatedness]],
        threshold: float,
        drop_header: bool,
    ) -> None:
        """One finding for a page widget outside the article with many unrelated teasers; each stays in ``related``."""
        where = f' under "{group.header_text}"' if group.header_text else _WHERE[group.kind]
        first = flagged[0][0]
        verdict = _verdict(flagged[0][1], threshold)
        message = (
            f"{len(flagged)} of {len(group.teasers)} teasers{where} {verdict.replace('looks', 'look')}"
            f' (threshold {threshold:.2f}), first: "{_shorten(first.headline)}"'
        )
        related = [
            ctx.related(
                f'teaser "{_shorten(t.headline)}": relatedness {rel.score:.2f}', t.unit.block.span(t.start, t.end)
            )
            for t, rel in flagged
        ]
        edits = [e for t, _ in flagged for e in _delete_unit(ctx, t.unit)]
        if drop_header and group.header is not None:
            edits += _delete_unit(ctx, group.header)
        fix_text = f"Remove the {len(flagged)} teasers" + (
            f' and the "{group.header_text}" header' if drop_header else ""
        )
        ctx.report(
            first.unit.block.span(first.start, first.end),
            message,
            evidence={
                "relatedness": max(rel.score for _, rel in flagged),
                "threshold": threshold,
                "shared_words": sorted({w for _, rel in flagged for w in rel.shared}),
                "header": group.header_text,
                "detected_by": group.kind,
                "teaser": first.headline.strip(),
                "urls": sorted({u for t, _ in flagged for u in t.unit.urls()}),
                "teasers": [
                    {"teaser": t.headline.strip(), "relatedness": rel.score, "shared_words": rel.shared}
                    for t, rel in flagged
                ],
            },
            related=related,
            fix=ctx.fix(fix_text, edits, safe=False),
        )

    def _report(self, ctx: RuleContext, teaser: Teaser, rel: Relatedness, threshold: float, drop_header: bool) -> None:
        group = teaser.group
        unit = teaser.unit
        shared = ", ".join(rel.shared) if rel.shared else "none"
        where = f' under "{group.header_text}"' if group.header_text else _WHERE[group.kind]
        verdict = _verdict(rel, threshold)
        message = (
            f'Teaser "{_shorten(teaser.headline)}"{where} {verdict}: relatedness {rel.score:.2f} '
            f"(threshold {threshold:.2f}), shared words: {shared}"
        )
        edits = _delete_unit(ctx, unit)
        if drop_header and group.header is not None and group.header is not unit:
            edits += _delete_unit(ctx, group.header)
        fix_text = "Remove the teaser" + (f' and the empty "{group.header_text}" header' if drop_header else "")
        ctx.report(
            unit.block.span(teaser.start, teaser.end),
            message,
            evidence={
                "relatedness": rel.score,
                "threshold": threshold,
                "shared_words": rel.shared,
                "header": group.header_text,
                "detected_by": group.kind,
                "teaser": teaser.headline.strip(),
                "urls": sorted(set(unit.urls())),
            },
            fix=ctx.fix(fix_text, edits, safe=False),
        )


def _verdict(rel: Relatedness, threshold: float) -> str:
    related = rel.score >= threshold and rel.weight >= _MIN_WEIGHT
    return "appended teaser (flag-any-appended-block)" if related else "looks unrelated to the article"


# A page widget outside the article with at least this many unrelated teasers gets one finding.
_WIDGET_FINDING_MIN = 3


def _page_widget(group: TeaserGroup) -> bool:
    """A widget, link list or headed list of the page, outside the detected article body."""
    if group.kind not in ("widget", "link-list", "header"):
        return False
    return not any(t.unit.in_body for t in group.teasers) and (group.header is None or not group.header.in_body)


def _cohesive(scored: list[tuple[Teaser, Relatedness]]) -> bool:
    """Do (nearly) all items share a salient word with another item? Unrelated headlines rarely do."""
    if len(scored) < 3:
        return False
    keys = [
        {t.key for t in _terms(_URL_IN_TEXT_RE.sub(" ", teaser.headline)) if t.weight >= _MIN_WEIGHT * 2}
        for teaser, _ in scored
    ]
    seen: Counter[str] = Counter(k for ks in keys for k in ks)
    linked = sum(1 for ks in keys if any(seen[k] >= 2 for k in ks))
    return linked >= 0.75 * len(keys)


def _related_through_block(teasers: list[Teaser], related: list[bool]) -> list[bool]:
    """Also related: items sharing a distinctive word with a related item of the same block.

    A product box ("Apple AirPods" then its feature bullets) or a story package stays together;
    unrelated headlines from elsewhere on the site share no distinctive word with the related ones.
    """
    keys = [
        {_stem(t.key) for t in _terms(_URL_IN_TEXT_RE.sub(" ", teaser.headline)) if t.weight >= 1.0}
        for teaser in teasers
    ]
    holders: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            holders.setdefault(k, []).append(i)
    out = list(related)
    queue = [i for i, ok in enumerate(out) if ok]
    seen_keys: set[str] = set()
    while queue:
        i = queue.pop()
        for k in keys[i] - seen_keys:
            seen_keys.add(k)
            for j in holders[k]:
                if not out[j]:
                    out[j] = True
                    queue.append(j)
    return out


def _group_relatedness(group: TeaserGroup, profile: _Profile) -> Relatedness:
    text = " ".join(_URL_IN_TEXT_RE.sub(" ", t.headline) for t in group.teasers)
    return relatedness(text, [u for t in group.teasers for u in t.unit.urls()], profile)


_WHERE = {
    "tail": " in the headerless block after the article",
    "widget": " in a related-content widget",
    "link-list": " in a link list after the article",
    "header": "",
    "inline": "",
}


def _article_profile(doc: Document, units: list[Unit], groups: list[TeaserGroup]) -> _Profile:
    """Body words, teasers and their headers excluded, plus the title."""
    excluded = {(u.block.index, u.start) for g in groups for u in [*(t.unit for t in g.teasers), *g.kept]}
    excluded |= {(g.header.block.index, g.header.start) for g in groups if g.header is not None}
    texts = [u.text for u in units if u.in_body and (u.block.index, u.start) not in excluded]
    if doc.title:
        texts.append(doc.title)
    return _Profile(texts)


def _delete_unit(ctx: RuleContext, unit: Unit) -> list[Edit]:
    """Edits removing a unit: the whole block, or just its source line inside a stacked text block."""
    text = ctx.doc.text
    if unit.whole:
        return ctx.delete_blocks([unit.block])
    start, end = unit.block.to_source(unit.start, unit.end)
    if end < len(text) and text[end] == "\n":
        end += 1
    return [ctx.edit(start, end, "")]


@hookimpl
def copydesk_add_rules() -> list[type[Rule]]:
    return [UnrelatedLink]
