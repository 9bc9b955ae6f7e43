"""How contestable is a sentence? Claim cues for news copy.

A sentence needs a source when a reader could reasonably ask "says who?":
numbers and estimates, military action, accusations and legal wrongdoing,
events still unfolding or predicted, superlatives and records, and claims about
causes or intentions. Background (dated history, explanatory appositions),
questions, the writer's own framing ("Here is what we know", "This comes as
...") and short sentences without facts do not. :func:`assess_claim` returns the
cues it found with their weights, the discounts it applied and, when the
sentence is exempt, why; callers compare ``score`` with a threshold.

One regex pass per cue family over one sentence: linear in the text length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["CLAIM_WEIGHTS", "ClaimAssessment", "ClaimCue", "assess_claim", "framing_match"]

#: Weight of one cue of each kind; a family counts at most twice (see ``_FAMILY_CAP``).
CLAIM_WEIGHTS: dict[str, float] = {
    "quantity": 0.5,
    "toll": 1.25,
    "estimate": 0.75,
    "military": 1.25,
    "accusation": 1.25,
    "ongoing": 0.75,
    "future": 0.75,
    "forecast": 1.25,
    "superlative": 1.0,
    "causal": 1.0,
    "intent": 0.75,
    "certainty": 0.75,
    "evaluative": 1.0,
    "normative": 1.0,
}
_FAMILY_CAP = 2

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"


def _words(text: str) -> str:
    return "|".join(sorted(set(text.split()), key=len, reverse=True))


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_MILITARY = _rx(
    r"\b(?:"
    + _words(
        """
attack attacks attacked attacking strike strikes struck shelled shelling bombed bombing bombings
bombard bombarded bombardment killed killing killings wounded captured capture capturing seized seizing
advancing retreat retreated retreating encircled encircle encircling encirclement
besieged siege invade invaded invading invasion occupied occupying occupation troops soldiers fighters
militants insurgents casualties counteroffensive counter-offensive assault missiles missile
rockets rocket drones drone airstrike airstrikes air-strike shootdown downed blockade blockaded pincer
frontline front-line artillery mobilised mobilized mobilization massacre massacred executed ambushed
ambush hostages hostage annexed annexation deployed deploying deployment crackdown teargas
"""
    )
    + r")\b|\blive\s+(?:ammunition|fire|rounds)\b|\btear\s+gas\b"
)
_ACCUSATION = _rx(
    r"\b(?:"
    + _words(
        """
illegal illegally unlawful unlawfully fraud fraudulent fraudulently corrupt corruption bribe bribes bribed
bribery laundering laundered launder embezzled embezzlement embezzling rigged rigging cover-up
lied stole stolen stealing smuggled smuggling abused abuse abusing harassed harassment
crimes crime criminal war-crimes genocide terrorist terrorists terrorism conspiracy conspired colluded
collusion manipulated manipulating propaganda disinformation misled misleading falsified fabricated
extorted extortion kickbacks sabotage sabotaged spied spying espionage tortured torture persecuted
persecution oppression oppressed violated violating violation violations cheated cheating scam
knowingly deliberately intentionally wilfully willfully
"""
    )
    + r")\b"
)
# A verdict or plea: the wrongdoing named after it is a court's record, not the writer's accusation.
_VERDICT = _rx(
    r"\b(?:convicted\s+(?:of|on)|found\s+(?:not\s+)?guilty|pleaded\s+(?:not\s+)?(?:guilty|no\s+contest)|"
    r"acquitted\s+(?:of|on)|sentenced\s+(?:to|for|on)|jury\s+(?:found|convicted))\b"
)
_SUPERLATIVE = _rx(
    r"\b(?:"
    + _words(
        """
largest biggest smallest worst deadliest highest lowest greatest fastest slowest strongest weakest
richest poorest oldest youngest longest shortest heaviest bloodiest costliest fiercest toughest hardest
unprecedented record record-breaking all-time never-before-seen historic
"""
    )
    + r")\b"
    # "the most dangerous", not the quantifier in "most of his days", "most people"
    + r"|\b(?:the|its|their|his|her|our|your)\s+most\b"
    + r"|\bfirst\s+(?:ever|time)\b|\bnever\s+before\b|\bever\s+recorded\b"
)
_CAUSAL = _rx(
    r"\b(?:because(?:\s+of)?|due\s+to|owing\s+to|caused|causing|(?<!natural\s)(?<!root\s)(?<!the\s)(?<!of\s)causes|led\s+to|leads\s+to|leading\s+to|"
    r"resulted\s+in|results\s+in|as\s+a\s+result|thanks\s+to|responsible\s+for|blamed\s+(?:on|for)|"
    r"triggered|sparked|fuell?ed|driven\s+by|in\s+response\s+to|in\s+retaliation|so\s+that|therefore|"
    r"consequently|contributed\s+to)\b"
)
_FUTURE = _rx(
    r"\b(?:will|won['’]t|shall|is\s+(?:expected|set|poised|likely|due|about|going|preparing|planning)\s+to|"
    r"are\s+(?:expected|set|poised|likely|due|about|going|preparing|planning)\s+to|plans?\s+to|"
    r"intends?\s+to|aims?\s+to|would|could\s+soon|soon)\b"
)
# A forecast of an outcome (not a schedule): "will collapse", "is set to soar", "will hit 12%".
_FORECAST = _rx(
    r"\b(?:will|would|won['’]t|(?:is|are)\s+(?:set|expected|likely|poised)\s+to)\s+(?:\w+ly\s+)?"
    r"(?:collapse|fail|crash|soar|plunge|surge|double|triple|halve|default|go\s+bankrupt|"
    r"(?:rise|fall|drop|hit|reach|top|exceed|climb)(?=(?:\s+[\w-]+){0,3}\s+[$€£]?\d))\b"
)
_ONGOING = _rx(r"\b(?:is|are|am)\s+(?:now\s+|still\s+|currently\s+|already\s+)?(?!being\b|going\b)[a-z]+ing\b")
_INTENT = _rx(
    r"\b(?:secretly|covertly|in\s+an\s+effort\s+to|in\s+a\s+bid\s+to|trying\s+to|seeking\s+to|attempting\s+to|"
    r"aimed\s+at|wants?\s+to|determined\s+to|scheming|plotting|plotted)\b"
)
_CERTAINTY = _rx(
    r"\b(?:clearly|obviously|undoubtedly|undeniably|certainly|in\s+fact|the\s+truth\s+is|no\s+doubt|"
    r"proves?|proved|proven|definitely|beyond\s+doubt)\b"
)
_EVALUATIVE = _rx(
    r"\b(?:"
    + _words(
        """
unfair fair unjust inappropriate dangerous reckless irresponsible disastrous disaster catastrophic
terrible horrible awful outrageous disgraceful shameful shameless ridiculous absurd bizarre laughable
pathetic incompetent unfit unqualified dishonest hypocritical hypocrisy corrupt unacceptable
unconstitutional wrong mistaken misguided failed failure mistake flawed weak great important critical
unnecessary undeniable insensitive racist sexist bigoted extreme extremist radical rogue illegitimate
unprecedented baseless false untrue lie lies hoax scandal disgrace threat threatens harmful damaging
devastating deeply totally absolutely utterly inevitable unlikely worst inconsistent ineffective
unsuccessful proud ashamed
"""
    )
    + r")\b"
)
_NORMATIVE = _rx(
    r"\b(?:should|shouldn['’]t|must|mustn['’]t|ought\s+to|needs?\s+to|it['’]s\s+time\s+to|has\s+to|have\s+to)\b"
)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_SECOND_PERSON = _rx(r"\b(?:you|your|yours|yourself|you['’](?:re|ll|ve|d))\b")
_FIRST_PERSON = re.compile(
    r"\b(?:I|I['’]m|I['’]ve|I['’]ll|I['’]d|we|We|we['’]re|We['’]re|we['’]ve|our|Our|us|my|My|me)\b(?![-.])"
)
_NUMBER = _rx(
    r"(?<![\w.])(?:[$€£¥]\s?)?\d[\d,]*(?:\.\d+)?(?:%|bn\b|m\b|k\b|\s(?:percent|per\s+cent|million|billion|"
    r"trillion|thousand|hundred)\b)?(?![\w.]*\d)(?!st\b|nd\b|rd\b|th\b)|\b(?:hundreds|thousands|millions|billions|dozens|scores|tens)\s+of\b|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion)\s+(?:people|civilians|troops|soldiers|dead|"
    r"killed|injured|wounded|casualties|percent|dollars|homes|children|migrants|refugees|deaths|cases|victims|"
    r"jobs|voters)\b"
)
# What a number counts, when it is a toll: casualties, forces and arms ("8,000 soldiers", "40 killed"); ordinary
# head counts ("employs 9,000 people", "40 residents attended") only in a sentence about harm.
_TOLL = _rx(
    r"(?:\s+[\w-]+){0,3}?\s+(?:civilians|troops|soldiers|fighters|militants|rebels|insurgents|dead|killed|injured|wounded|"
    r"casualties|deaths|victims|refugees|migrants|prisoners|hostages|detainees|tanks|drones|missiles|rockets|shells|"
    r"aircraft|jets|warships|advisers|advisors)\b"
)
_HEADCOUNT = _rx(
    r"(?:\s+[\w-]+){0,3}?\s+(?:people|persons|children|women|men|residents|officers|police|protesters|protestors|"
    r"workers|patients|cases|homes|houses|buildings)\b"
)
_HARM = _rx(
    r"\b(?:kill(?:s|ed|ing)?|dead|die[sd]?|dying|deaths?|injur(?:ed|ies|y)|wounded|missing|displaced|evacuated|"
    r"arrested|detained|drowned|destroyed|damaged|infected|hospitali[sz]ed|homeless|fled|flee(?:ing)?|trapped|"
    r"stranded|massacred|executed|abducted|kidnapped|starv(?:ed|ing)|murder(?:s|ed)?|slaughter(?:ed)?|shot|"
    r"tortured|raped|beaten|attacked|bombed|shelled|poisoned|perished|suffocated|burned|burnt)\b"
)
# Numbers that belong to a court record or a person rather than to a contested count: "Harwell, 58,",
# "14 counts of wire fraud", "up to 20 years in prison".
_RECORD_NUMBER = _rx(r"\s+counts?\s+of\b|(?:\s+more)?\s+years?\s+(?:in\s+(?:prison|jail)|behind\s+bars)\b")
_AGE = re.compile(r"[A-Z][a-z]+,\s$")
# Units of measure after a number: specifications and timings rather than counts anyone disputes.
_UNIT = _rx(
    r"(?:\s?-?\s?)(?:mph|kph|km/h|kmh|mm|cm|m|km|kms|miles?|mi|ft|feet|foot|inch|inches|in\.|yards?|metres?|meters?|"
    r"kilometres?|kilometers?|kg|g|lbs?|pounds?\s+of|grams?|kilograms?|tons?|tonnes?|hp|horsepower|lb-ft|nm|kw|kwh|w|v|"
    r"watts?|volts?|mah|ghz|mhz|hz|gb|tb|mb|mp|megapixels?|fps|seconds?|secs?|minutes?|mins?|hours?|hrs?|"
    r"degrees?|°[cf]?|p|k|x|mm-|light-years?)\b"
)
# A capitalised word (not an approximator or a sentence opener) right before a number names it.
_NAME_NUMBER = re.compile(
    r"(?<=[a-z,;:]\s)(?!(?:About|Around|Some|More|Over|Nearly|Almost|Roughly|Up|Just|At|In|On|By|Only)\b)"
    r"[A-Z][A-Za-z]+\s$"
)
_APPROX = _rx(
    r"\b(?:more\s+than|less\s+than|fewer\s+than|at\s+least|nearly|almost|up\s+to|as\s+many\s+as|as\s+much\s+as|"
    r"about|around|roughly|approximately|some|over|an\s+estimated|upwards\s+of|tens\s+of|hundreds\s+of|"
    r"thousands\s+of|dozens\s+of|estimated)\s+$"
)
# Numbers that are dates, times, ordinals or names rather than quantities.
_DATE_NUMBER = _rx(
    rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|"
    r"\b\d{1,2}(?::\d\d)?\s?(?:a\.?m\.?|p\.?m\.?)|\b(?:no|number|article|section|chapter|page|room|route|"
    r"flight|resolution|amendment|grade|level|phase|world\s+war|covid|g)[\s.-]*\d+\b"
)
_BEFORE_YEAR = _rx(  # words before "1998," that make it a year, not a count ("killed 1900, including ...")
    rf"\b(?:in|since|by|during|until|from|of|early|late|mid|year|(?:{_MONTHS})\.?(?:\s+\d{{1,2}},)?)\s*$"
)
_YEAR = re.compile(r"^(?:1[6-9]|20)\d\d(?:s|'s)?$")
_DATED = _rx(
    rf"\b(?:in|on|since|by|during|until|from)\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:{_MONTHS})\b\.?\s*\d{{0,2}},?\s*)?"
    r"(?:1[6-9]|20)\d\d(?:s)?\b|"
    rf"\b(?:on|in|last)\s+(?:{_MONTHS}|{_DAYS})\b|\b(?:last|previous)\s+(?:year|month|week|decade|century)\b|"
    r"\b\d+\s+(?:years|decades|centuries|months)\s+ago\b|\bin\s+the\s+(?:\d\d|1[6-9]\d\d|20\d\d)['’]?s\b|"
    r"\bhistorically\b|\bat\s+the\s+time\b|\bin\s+the\s+past\b"
)
# The distant past (centuries ago, before 1900): settled history rather than a claim in dispute today.
_HISTORY = _rx(
    r"\b(?:in|during|by)\s+the\s+(?:(?:early|late|mid)[\s-]+)?(?:1?\d(?<!\b0)(?:st|nd|rd|th)|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth)[\s-]+century\b|\bcenturies\s+ago\b|\bover\s+the\s+centuries\b|"
    r"\bin\s+the\s+(?:early\s+|late\s+|mid-?)?1[0-8]\d0s\b|"
    r"\bin\s+(?:ancient|medieval|roman|victorian|colonial)\s+times\b|\bin\s+the\s+middle\s+ages\b|"
    r"\b(?:in|by|during|until|since)\s+(?:the\s+year\s+|(?:early|late|mid)[\s-]+)?1[0-8]\d\d(?:s)?\b(?![.,]\d|%|\s+[a-z])|"
    r"\b\d{1,4}\s*(?-i:BC|BCE|AD|CE)\b"
)
# Shopping copy: a price with a deal word. What a thing costs today is the seller's offer, not a contested claim.
_PRICE = re.compile(r"[$€£¥]\s?\d")
_DEAL = _rx(
    r"\b(?:discount\s+code|\d+%\s+(?:off|discount)|coupon|promo\s+code|price\s+(?:drop|cut)|on\s+sale|sale\s+price|"
    r"all[- ]time\s+low|lowest\s+price|(?:usually|normally|regularly)\s+(?:sells?|selling|priced|retails?)|"
    r"deals?\s+of\s+the\s+day)"
)
_PAST = _rx(
    r"\b(?:was|were|had|did|blew|struck|fought|took|began|led|fell|shot|stole|won|lost|made|sent|left|came|went|"
    r"gave|held|kept|met|ran|rose|sank|saw|sold|spent|stood|swore|told|threw|broke|built|bought|caught|chose|drove|"
    r"drew|flew|froze|grew|hid|knew|laid|overran|paid|rang|rode|shook|slew|sought|spoke|spread|swept|tore|wrote|"
    r"became|brought|found|felt|heard|meant|said|thought|wore|wound)\b|\b[a-z]{3,}ed\b"
)
# Present, future and perfect tenses: the event is not over ("have killed ... since 2022")
_PRESENT_OR_FUTURE = _rx(r"\b(?:is|are|am|has|have|will|won['’]t|now|currently|still|continues?|remains?)\b")
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*\s*$")
_FRAMING = _rx(
    r"^(?:in\s+this\s+(?:\w+\s+)?(?:photo|picture|image|file\s+photo|video|screenshot|handout)(?![-\w])|here\s+is|here['’]s|here\s+are|this\s+is\s+what|what\s+we\s+know|what\s+to\s+know|what\s+happens\s+next|"
    r"this\s+comes\s+as|it\s+comes\s+as|this\s+came\s+as|the\s+move\s+comes|the\s+news\s+comes|the\s+announcement\s+comes|"
    r"read\s+more|related|see\s+also|watch|listen|sign\s+up|subscribe|follow\s+us|click|for\s+more|"
    r"this\s+(?:story|article|report)\s+(?:has\s+been|was|is)|editor['’]s\s+note|correction|update)\b|"
    r"\b(?:could\s+not|cannot|can['’]t|couldn['’]t)\s+(?:be\s+)?(?:independently\s+)?(?:verified|confirmed)|"
    r"\b(?:did\s+not|didn['’]t|has\s+not|hasn['’]t|have\s+not)\s+(?:immediately\s+)?(?:respond|reply|return)(?:ed)?\b|"
    r"\bnot\s+immediately\s+(?:available|clear|known|respond)|\bdeclined\s+to\s+comment\b|"
    r"\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story)\b|\bwas\s+not\s+available\s+for\s+comment\b|"
    r"\bno\s+further\s+details\s+were\s+(?:given|available)\b"
)
# Sentence-initial connectives say nothing about how contestable the rest is.
_CONNECTIVE = _rx(
    r"^(?:meanwhile|however|moreover|furthermore|still|also|additionally|in\s+addition|at\s+the\s+same\s+time|"
    r"separately|elsewhere|nevertheless|nonetheless|yet|but|and|so|then|now)\b\s*,?\s*"
)
# An explanatory apposition after a name: ", a former general who led the 2014 offensive,"
_APPOSITION = re.compile(r"(?<=[A-Za-z)]),\s+(?:a|an|the|who|which|whose)\s+[^,;:]{3,120}?,")
_IN_SENTENCE = re.compile(r"[a-z0-9][^.!?:;]*$")  # a word already seen since the last sentence-like break
_ENGLISH = frozenset(
    "the a an of to in on at for and or but is are was were be been has have had it this that with by from as not "
    "he she they we you i his her their its our will would can could".split()
)
_NON_LATIN_WORD = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]{2,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")


@dataclass(frozen=True, slots=True)
class ClaimCue:
    """One reason a sentence is claim-like; offsets relative to the sentence text."""

    kind: str
    text: str
    start: int
    end: int
    weight: float


@dataclass(slots=True)
class ClaimAssessment:
    """How claim-like a sentence is, and why."""

    score: float = 0.0
    cues: list[ClaimCue] = field(default_factory=list)
    discounts: list[str] = field(default_factory=list)
    #: why the sentence is no claim: question, framing, not English, first-person, second-person, shopping,
    #: short or history
    exempt: str | None = None

    def cue_summary(self) -> list[str]:
        """Distinct ``kind: text`` cues in text order, for evidence."""
        seen: list[str] = []
        for cue in self.cues:
            item = f"{cue.kind}: {cue.text}"
            if item not in seen:
                seen.append(item)
        return seen

    def by_kind(self) -> dict[str, list[str]]:
        """Distinct cue texts grouped by kind, strongest kinds first (for messages)."""
        groups: dict[str, list[str]] = {}
        for cue in sorted(self.cues, key=lambda c: (-c.weight, c.start)):
            texts = groups.setdefault(cue.kind, [])
            if cue.text not in texts:
                texts.append(cue.text)
        return groups


def framing_match(text: str) -> str | None:
    """The writer's-framing phrase in ``text``, if any ("Here is what we know", "This comes as ...")."""
    body = _CONNECTIVE.sub("", text.strip().lstrip("\"'“‘(["), count=1)
    m = _FRAMING.search(body)
    return m.group() if m else None


def _foreign(text: str) -> bool:
    """Mostly non-Latin script, or six or more words and almost none of them common English function words."""
    if len(_NON_LATIN_WORD.findall(text)) > len(_WORD.findall(text)):
        return True
    words = [w.lower() for w in _WORD.findall(text) if w[:1].isalpha()]
    return len(words) >= 6 and sum(w in _ENGLISH for w in words) < max(1, len(words) // 10)


def _numbers(text: str) -> Iterable[ClaimCue]:
    """Quantities (not dates, years or ids: bare 7+ digit runs); counts of people, casualties and arms weigh more."""
    dates = [(m.start(), m.end()) for m in _DATE_NUMBER.finditer(text)]
    for m in _NUMBER.finditer(text):
        token = m.group().strip()
        year = _YEAR.match(token) or (
            token.endswith(",") and _YEAR.match(token[:-1]) and _BEFORE_YEAR.search(text, 0, m.start())
        )
        if year or any(s <= m.start() < e for s, e in dates):
            continue
        if token.isdigit() and len(token) >= 7:
            continue
        if _NAME_NUMBER.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # part of a name: "Series 5", "Destiny 2", "Route 66"
        if _RECORD_NUMBER.match(text, m.end()) or (
            _AGE.search(text, max(0, m.start() - 30), m.start())
            and (token.endswith(",") or text[m.end() : m.end() + 1] == ",")
        ):
            continue  # a count of charges, a sentence length or an age
        toll = _TOLL.match(text, m.end()) or (_HEADCOUNT.match(text, m.end()) and _HARM.search(text))
        kind = "toll" if toll else "quantity"
        if kind == "quantity" and _UNIT.match(text, m.end()):
            continue  # a measurement or spec ("60 mph", "3.5 seconds", "a 22-inch screen"), not a contested figure
        yield ClaimCue(kind, token, m.start(), m.end(), CLAIM_WEIGHTS[kind])
        before = text[max(0, m.start() - 25) : m.start()]
        approx = _APPROX.search(before)
        if approx:
            start = m.start() - len(before) + approx.start()
            cue_text = text[start : m.end()].strip()
            yield ClaimCue("estimate", cue_text, start, m.end(), CLAIM_WEIGHTS["estimate"])


def _lexical(text: str, extra: dict[str, re.Pattern[str]]) -> Iterable[ClaimCue]:
    families = {
        "military": _MILITARY,
        "accusation": _ACCUSATION,
        "superlative": _SUPERLATIVE,
        "causal": _CAUSAL,
        "future": _FUTURE,
        "forecast": _FORECAST,
        "ongoing": _ONGOING,
        "intent": _INTENT,
        "certainty": _CERTAINTY,
        "evaluative": _EVALUATIVE,
        "normative": _NORMATIVE,
        **extra,
    }
    for kind, pattern in families.items():
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 80) : m.start()]  # a bounded look-back keeps the cost linear
            if kind not in extra and m.group()[:1].isupper() and _IN_SENTENCE.search(before):
                continue  # capitalised mid-sentence: part of a name or title ("Will Moy", "True Tone", "Strike Force")
            yield ClaimCue(kind, m.group(), m.start(), m.end(), CLAIM_WEIGHTS.get(kind, 1.0))


def assess_claim(
    text: str,
    *,
    masked: Iterable[tuple[int, int]] = (),
    extra_cues: dict[str, Iterable[str]] | None = None,
    min_words: int = 8,
) -> ClaimAssessment:
    """Score how contestable ``text`` (one sentence) is.

    ``masked`` ranges (e.g. quotations with a speaker, the attribution phrase)
    contribute no cues. ``extra_cues`` maps a cue kind to extra words or phrases.
    """
    result = ClaimAssessment()
    stripped = text.strip()
    if _QUESTION_END.search(stripped):
        result.exempt = "question"
        return result
    framing = framing_match(stripped)
    if framing:
        result.exempt = "framing"
        result.discounts.append(f"framing: {framing}")
        return result
    extra = {
        kind: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
        for kind, words in sorted((extra_cues or {}).items())
        if words
    }
    masks = sorted(masked)
    appositions = [(m.start(), m.end()) for m in _APPOSITION.finditer(text)]
    verdict = _VERDICT.search(text)
    counts: dict[str, int] = {}
    taken: set[tuple[int, int]] = set()
    for cue in sorted([*_numbers(text), *_lexical(text, extra)], key=lambda c: (c.start, -c.weight, c.kind)):
        if any(s <= cue.start < e for s, e in masks):
            continue
        if (cue.start, cue.end) in taken:
            continue  # one word, one cue: "best" is a superlative or an evaluation, not both
        taken.add((cue.start, cue.end))
        if verdict and cue.kind == "accusation":
            if "court record" not in result.discounts:
                result.discounts.append("court record")  # "found guilty of wire fraud": the court said so
            continue
        if any(s <= cue.start < e for s, e in appositions):
            if "apposition" not in result.discounts:
                result.discounts.append("apposition")
            continue
        if counts.get(cue.kind, 0) >= _FAMILY_CAP:
            result.cues.append(cue)  # still shown, no longer counted
            continue
        counts[cue.kind] = counts.get(cue.kind, 0) + 1
        result.cues.append(cue)
        result.score += cue.weight
    if _foreign(stripped):
        result.exempt = "not English"  # the cue lexicons are English; say nothing rather than guess
        return result
    if _FIRST_PERSON.search(_QUOTED.sub(" ", text)):
        result.exempt = "first-person"  # a speaker's or columnist's own voice (transcript, opinion)
        return result
    if _SECOND_PERSON.search(_QUOTED.sub(" ", text)):
        result.exempt = "second-person"  # advice to the reader ("you should aim to save ..."), not a report
        return result
    if _PRICE.search(text) and _DEAL.search(text) and not counts.keys() & {"military", "accusation", "toll"}:
        result.exempt = "shopping"  # "AirPods dropped to an all-time low of $139": an offer, not a report
        return result
    words = _WORD.findall(stripped)
    if len(words) < min_words and "toll" not in counts:
        result.exempt = "short"
        return result
    if _HISTORY.search(text) and _PAST.search(text) and not _PRESENT_OR_FUTURE.search(text):
        result.exempt = "history"
        result.discounts.append("distant past")
        return result
    if _DATED.search(text) and _PAST.search(text) and not _PRESENT_OR_FUTURE.search(text):
        result.discounts.append("dated background")
        result.score -= 1.0
    result.score = round(max(0.0, result.score), 2)
    return result
