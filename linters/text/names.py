"""Name mentions and the groups of spellings that refer to one name, computed once per document.

A *mention* is a run of capitalised words ("Volodymyr Zelenskyy", "Saif
al-Islam Qaddafi", "Kim Jong-un") with particles (bin, al-, de, van) kept
inside, possessives stripped ("Lavrov's" -> "Lavrov"), titles set aside
("Russian Foreign Minister Sergey Lavrov" -> "Sergey Lavrov") and ordinary
sentence-initial words dropped. Two or more name words make a *full* name
(first word = given name, last word = surname); one word is a *short* mention.

:func:`name_index` groups the words that spell one name part of one entity:

- full names are people (or multi-word places) keyed by their surname spelling
  group and a compatible given name: Bill and Hillary Clinton stay apart, Bill
  and William Clinton (nicknames) or Sergey and Sergei Lavrov are one person;
- short mentions are linked to the one full name whose surname they spell
  ("Zelenskyy" -> "Volodymyr Zelenski"); when two people share the surname
  only an exact spelling links, anything else is left unlinked (ambiguous);
- when several people share one surname spelling, a short mention spelled
  otherwise is a slip whoever is meant (a "family" group: Donald and Ivanka
  Trump, then "Troump");
- short mentions linked to nobody form their own groups (places, bodies,
  people named by surname only).

Each :class:`NameGroup` holds only spellings :func:`~linters.text.translit.same_name`
accepts as one name, so a group with two spellings is an inconsistency candidate.
Alias declarations ("Pokrovsk (Krasnoarmeisk)", "also known as", "formerly",
"also spelled") mark the declared spelling, and words inside direct quotes are
marked, so rules can exempt or soften them.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from linters.document import Block, Document, Span
from linters.text.sentences import split_sentences
from linters.text.tokens import STOPWORDS, Token, tokenize
from linters.text.translit import (
    fold,
    group_spellings,
    is_place_word,
    same_name,
    script_prefix,
    skeleton,
    surface,
    translit_key,
)

__all__ = [
    "NameGroup",
    "NameIndex",
    "NameMention",
    "NameToken",
    "extract_mentions",
    "given_names_compatible",
    "lowercase_vocab",
    "mostly_english",
    "name_index",
    "name_mentions",
]

PARTICLES = frozenset(
    """
    al el ad as ash at az bin bint ibn ben de da di du del della der den des van von la le dos das do ter ten zu y
    """.split()
)
TITLES = frozenset(
    """
president presidents vice prime minister ministers foreign defence defense interior finance deputy secretary
chancellor premier mr mrs ms miss mx dr prof professor gen general lt col colonel maj major capt captain sgt
sergeant adm admiral cmdr commander marshal field sen senator rep representative gov governor mayor king queen
prince princess pope cardinal bishop archbishop rabbi imam sheikh sheik ayatollah emir sultan lord lady sir dame
judge justice chief ambassador envoy spokesman spokeswoman spokesperson chairman chairwoman chair ceo cfo coach
speaker leader director officer agent inspector detective private corporal lieutenant brig brigadier st saint
rev reverend father sister brother dean president-elect ex former acting late
""".split()
)
# Words that open sentences but are not names, beyond the stopwords ("Later Bill Clinton left").
SENTENCE_STARTERS = frozenset(
    """
later earlier meanwhile however today yesterday tomorrow tonight still instead despite last next according
although though thus indeed moreover furthermore nevertheless nonetheless eventually finally perhaps maybe
unlike like asked speaking following amid among across behind beyond inside outside within throughout upon
whatever whoever wherever yes no please thanks overall elsewhere afterwards otherwise besides hence
""".split()
)
# A sentence-initial word followed by one of these is a verb or adverb ("Call the", "Take a"), not a name.
_OBJECT_STARTS = frozenset("the a an this that these those his her its their our your my me him them us it".split())
# Calendar words: capitalised, never names, and "May" is also a verb.
CALENDAR = frozenset(
    """
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split()
)
# Generic capitalised words: they join a run ("Cape Breton Island") but are never name words themselves.
GENERIC = frozenset(
    """
ministry department army navy party council committee court office house senate congress parliament government
agency university college school institute republic federation union kingdom empire state states street road
avenue river lake mountain mount island islands bay sea ocean region province district county city town village
oblast krai airport station square park bridge hospital church mosque temple cathedral museum group company
bank fund foundation association organisation organization force forces guard police service services news
times post journal press television radio network center centre jr sr junior senior ii iii iv
show conference summit festival award awards prize cup league championship championships games war crisis act
plan program programme project initiative report review magazine daily weekly channel studio studios records club
team hotel tower hall stadium arena library prison airlines airways motors inc corp ltd llc institute society
trust alliance coalition movement front brigade battalion regiment division corps command fleet campaign fund
""".split()
)
_ALIAS_CUES = (
    r"also known as|known as|also called|called|also spelled|also spelt|spelled|spelt|also written|written|"
    r"formerly known as|formerly|previously|once|or|aka|a\.k\.a\.|née|nee|born|transliterated as"
)
_ALIAS_GAP_RE = re.compile(rf"^\s*(?:\(\s*(?:(?:{_ALIAS_CUES})\s*:?\s*)?|,\s*(?:{_ALIAS_CUES})\s+)$", re.IGNORECASE)
_CLOSE_PAREN_RE = re.compile(r"\s*\)")
_SIC_RE = re.compile(r"['’]?s?\s*[\[(]sic[\])]", re.IGNORECASE)
_QUOTE_RE = re.compile(r"“[^“”]*”|\"[^\"]*\"|«[^«»]*»|„[^„“”]*[“”]")
_HYPHEN_RE = re.compile(r"[-‐‑]")
_POSSESSIVE_RE = re.compile(r"['’]s$")

# A short table of common English nicknames written for this project (Bill ~ William is not a misspelling).
_NICKNAMES = {
    "william": "bill billy will willie liam",
    "robert": "bob bobby rob robbie bert",
    "richard": "dick rick ricky rich richie",
    "james": "jim jimmy jamie",
    "john": "jack johnny jon",
    "joseph": "joe joey",
    "thomas": "tom tommy",
    "michael": "mike mikey mick mickey",
    "charles": "charlie chuck chas",
    "edward": "ed eddie ted teddy ned",
    "elizabeth": "liz lizzie beth betty betsy eliza",
    "margaret": "maggie meg peggy marge",
    "katherine": "kate katie kathy kath kay",
    "catherine": "cathy cate kate katie",
    "christopher": "chris kit",
    "christine": "chris chrissy tina",
    "daniel": "dan danny",
    "david": "dave davy",
    "anthony": "tony",
    "andrew": "andy drew",
    "alexander": "alex sasha sandy",
    "aleksandr": "sasha alex",
    "benjamin": "ben benny",
    "samuel": "sam sammy",
    "nicholas": "nick nicky",
    "matthew": "matt",
    "patrick": "pat paddy",
    "patricia": "pat patty trish",
    "peter": "pete",
    "stephen": "steve",
    "steven": "steve",
    "timothy": "tim",
    "gregory": "greg",
    "jeffrey": "jeff",
    "jonathan": "jon",
    "joshua": "josh",
    "kenneth": "ken kenny",
    "lawrence": "larry",
    "leonard": "len leo lenny",
    "ronald": "ron ronnie",
    "donald": "don donnie",
    "gerald": "gerry jerry",
    "jennifer": "jen jenny",
    "rebecca": "becky becca",
    "susan": "sue susie",
    "deborah": "deb debbie",
    "victoria": "vicky tori",
    "abraham": "abe",
    "frederick": "fred freddie",
    "harold": "harry hal",
    "henry": "hank harry",
    "theodore": "ted teddy theo",
    "mitchell": "mitch",
    "zachary": "zach",
    "raymond": "ray",
    "eugene": "gene",
    "francis": "frank",
    "franklin": "frank",
    "dmitry": "dima",
    "vladimir": "volodya vova",
    "mikhail": "misha",
    "yevgeny": "zhenya",
    "ivan": "vanya",
}
_NICK_PAIRS = frozenset(
    pair
    for formal, nicks in _NICKNAMES.items()
    for nick in nicks.split()
    for pair in ((translit_key(formal), translit_key(nick)), (translit_key(nick), translit_key(formal)))
)


@dataclass(frozen=True, slots=True, eq=False)
class NameToken:
    """One written word of a name (possessive stripped) and where it is."""

    text: str
    block: Block
    start: int
    end: int
    in_quote: bool = False
    declared: bool = False
    sentence_initial: bool = False

    @property
    def span(self) -> Span:
        return self.block.span(self.start, self.end)

    @property
    def order(self) -> tuple[int, int]:
        return (self.block.index, self.start)


@dataclass(frozen=True, slots=True, eq=False)
class NameMention:
    """A run of name words; ``tokens`` are the name words (particles and initials left out)."""

    tokens: tuple[NameToken, ...]
    block: Block
    start: int
    end: int
    title: str | None = None

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    @property
    def is_full(self) -> bool:
        return len(self.tokens) >= 2

    @property
    def given(self) -> NameToken | None:
        return self.tokens[0] if self.is_full else None

    @property
    def surname(self) -> NameToken:
        return self.tokens[-1]


@dataclass(slots=True)
class NameGroup:
    """Occurrences of one name part of one entity: every spelling here names the same thing."""

    label: str
    role: str  # "surname" (of one person), "given", "family" (shared surname) or "name" (linked to no full name)
    tokens: list[NameToken] = field(default_factory=list)
    given_key: str | None = None

    def counts(self) -> Counter[str]:
        return Counter(t.text for t in self.tokens)


@dataclass(slots=True)
class NameIndex:
    mentions: list[NameMention]
    groups: list[NameGroup]
    aliases: frozenset[tuple[str, str]]


# -- extraction ----------------------------------------------------------------


@dataclass(slots=True)
class _Word:
    kind: str  # name, generic, particle, initial, title, stop
    text: str
    start: int
    end: int
    initial: bool  # first word of its sentence


def _classify(text: str, start: int, sentence_initial: bool, lowercase_vocab: frozenset[str]) -> _Word:
    text = script_prefix(text)  # "Storeにない": the Latin word ends where the Japanese starts
    text = text[: len(_POSSESSIVE_RE.sub("", text))]
    parts = _HYPHEN_RE.split(text)
    if len(parts) > 1 and parts[0][:1].isupper():
        # "Russian-speaking" -> "Russian"; "Jong-un", "Al-Qaeda" stay whole
        keep = [parts[0]]
        for part in parts[1:]:
            if part[:1].islower() and len(part) > 3 and part not in PARTICLES:
                break
            keep.append(part)
        text = text[: sum(len(p) for p in keep) + len(keep) - 1]
    lower = text.casefold().replace("’", "'")
    first = text[:1]

    def word(kind: str) -> _Word:
        return _Word(kind, text, start, start + len(text), sentence_initial)

    if not first.isalpha() or not all(c.isalpha() or c in "-‐‑'’" for c in text):
        return word("stop")  # numbers, mixed tokens
    if lower in PARTICLES:
        return word("particle")
    if first.islower():
        named = len(parts) > 1 and parts[0] in PARTICLES and parts[-1][:1].isupper()
        return word("name" if named else "stop")  # "al-Islam" is a name word
    if not first.isupper():
        return word("stop")  # scripts without case
    letters = [c for c in text if c.isalpha()]
    if len(letters) == 1:
        return word("initial")
    if all(c.isupper() for c in letters):
        return word("stop")  # acronym or shouting
    if lower in TITLES:
        return word("title")
    if lower in CALENDAR or lower in STOPWORDS:
        return word("stop")
    if sentence_initial and (lower in lowercase_vocab or lower in SENTENCE_STARTERS or lower.endswith("ly")):
        return word("stop")
    return word("generic" if lower in GENERIC else "name")


def _joinable(block_text: str, prev: _Word, word: _Word) -> bool:
    gap = block_text[prev.end : word.start]
    if gap in (" ", "\u00a0"):
        return True
    return gap == ". " and prev.kind in ("initial", "title")


def _runs(words: list[_Word], text: str, title_case: bool) -> list[list[_Word]]:
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for word in words:
        if word.kind == "stop" or (title_case and word.kind in ("name", "generic")):
            if current:
                runs.append(current)
            current = []
            if title_case and word.kind == "name":
                runs.append([word])
            continue
        if current and not _joinable(text, current[-1], word):
            runs.append(current)
            current = []
        current.append(word)
    if current:
        runs.append(current)
    return runs


def _mention_from_run(run: list[_Word], block: Block, quotes: list[tuple[int, int]]) -> NameMention | None:
    title = None
    for i in range(len(run) - 1, -1, -1):
        # "President Larry King": a title needs a name after it, or it is the name (King, Bishop, Marshal)
        if run[i].kind == "title" and any(w.kind == "name" for w in run[i + 1 :]):
            title = " ".join(w.text for w in run[: i + 1])
            run = run[i + 1 :]
            break
    run = [dataclasses.replace(w, kind="name") if w.kind == "title" else w for w in run]
    while run and run[-1].kind not in ("name", "generic"):
        run = run[:-1]
    while run and run[0].kind == "particle":
        run = run[1:]
    names = [w for w in run if w.kind == "name"]  # "Cape Breton Island": Island is context, not a name word
    if not names:
        return None
    tokens = tuple(
        NameToken(w.text, block, w.start, w.end, any(s <= w.start < e for s, e in quotes), sentence_initial=w.initial)
        for w in names
    )
    return NameMention(tokens, block, run[0].start, run[-1].end, title)


def _is_title_case(tokens: list[Token], firsts: set[int]) -> bool:
    """Headline-style blocks capitalise every word; their runs are not names."""
    if len(tokens) > 25:
        return False
    content = [t for t in tokens if t.lower not in STOPWORDS or t.is_capitalized]
    if len(content) < 3 or not all(t.is_capitalized for t in content):
        return False
    return any(t.lower in STOPWORDS and t.is_capitalized and i not in firsts for i, t in enumerate(tokens))


def _quote_ranges(block: Block) -> list[tuple[int, int]]:
    if block.kind == "quote":
        return [(0, len(block.text))]
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(block.text)]


def _sentence_first_tokens(text: str, tokens: list[Token]) -> set[int]:
    """Indexes of the first word of each sentence (after any opening quote or bracket)."""
    firsts: set[int] = set()
    i = 0
    for start, end in split_sentences(text):
        while i < len(tokens) and tokens[i].start < start:
            i += 1
        if i < len(tokens) and tokens[i].start < end:
            firsts.add(i)
    return firsts


def _maybe_name_part(token: Token) -> bool:
    first = token.text[:1]
    return first.isupper() or (first.islower() and token.text.split("-", 1)[0].casefold() in PARTICLES)


def _block_mentions(block: Block, tokens: list[Token], lowercase_vocab: frozenset[str]) -> list[NameMention]:
    text = block.text
    firsts = _sentence_first_tokens(text, tokens)
    title_case = _is_title_case(tokens, firsts)
    # Lower-case words other than particles only separate names: the gap check in _joinable sees them.
    words = []
    for i, tok in enumerate(tokens):
        if not _maybe_name_part(tok):
            continue
        word = _classify(tok.text, tok.start, i in firsts or title_case, lowercase_vocab)
        followed_by_object = i + 1 < len(tokens) and tokens[i + 1].lower in _OBJECT_STARTS
        if i in firsts and word.kind == "name" and not title_case and followed_by_object:
            word.kind = "stop"  # "Call the", "Take a": a verb opening the sentence
        words.append(word)
    quotes = _quote_ranges(block)
    mentions = []
    for run in _runs(words, text, title_case):
        mention = _mention_from_run(run, block, quotes)
        if mention is not None:
            mentions.append(mention)
    return _mark_aliases(mentions, text)


def _declare(mention: NameMention) -> NameMention:
    return dataclasses.replace(mention, tokens=tuple(dataclasses.replace(t, declared=True) for t in mention.tokens))


def _mark_aliases(mentions: list[NameMention], text: str) -> list[NameMention]:
    """'Pokrovsk (Krasnoarmeisk)', 'Kyiv, formerly Kiev', 'Correy [sic]': declared spellings, not slips."""
    out: list[NameMention] = []
    for i, mention in enumerate(mentions):
        declared = bool(_SIC_RE.match(text, mention.end))
        if i > 0:
            gap = text[mentions[i - 1].end : mention.start]
            match = _ALIAS_GAP_RE.match(gap)
            bare_paren = match is not None and gap.strip() == "("
            declared = declared or bool(match and (not bare_paren or _CLOSE_PAREN_RE.match(text, mention.end)))
        out.append(_declare(mention) if declared else mention)
    return out


def _block_tokens(doc: Document) -> dict[int, list[Token]]:
    """Tokens of every block, once per document (mentions, vocabulary and language share them)."""
    return doc.cached("names.tokens", lambda d: {b.index: tokenize(b.text) for b in d.blocks})


def lowercase_vocab(doc: Document) -> frozenset[str]:
    """Words the document writes in lower case (casefolded): "class" makes "Class" a common word."""

    def build(d: Document) -> frozenset[str]:
        tokens = _block_tokens(d)
        return frozenset(
            t.text.casefold()
            for b in d.blocks
            for t in tokens[b.index]
            if t.text[:1].islower() and not any(c.isupper() for c in t.text)  # not "al-Mutairi", "iPhone"
        )

    return doc.cached("names.lowercase", build)


def extract_mentions(doc: Document) -> list[NameMention]:
    """Name mentions of the document's body blocks, in reading order (code blocks skipped)."""
    vocab = lowercase_vocab(doc)
    tokens = _block_tokens(doc)
    return [m for b in doc.body_blocks() if b.kind != "code" for m in _block_mentions(b, tokens[b.index], vocab)]


def name_mentions(doc: Document) -> list[NameMention]:
    """Name mentions, computed once per document."""
    return doc.cached("names.mentions", extract_mentions)


# -- grouping -------------------------------------------------------------------


def given_names_compatible(a: str, b: str) -> bool:
    """Same given name: equal, a transliteration (Sergey/Sergei), a nickname (Bill/William) or an initial."""
    if fold(a) == fold(b):
        return True
    if len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1:
        return fold(a)[:1] == fold(b)[:1]
    return (translit_key(a), translit_key(b)) in _NICK_PAIRS or same_name(a, b)


@dataclass(slots=True)
class _Person:
    given: list[NameToken] = field(default_factory=list)
    surname: list[NameToken] = field(default_factory=list)
    label: str = ""


def _people(full: Sequence[NameMention]) -> list[_Person]:
    people: list[_Person] = []
    for mention in full:
        given = mention.tokens[0]
        for person in people:
            if given_names_compatible(person.given[0].text, given.text):
                break
        else:
            person = _Person(label=f"{given.text} {mention.surname.text}")
            people.append(person)
        person.given.append(given)
        person.surname.append(mention.surname)
    return people


def _place_against_person(token: NameToken, surname: list[NameToken]) -> bool:
    """A place or nationality word against a person's name (Saudi vs Nouha Saoudi) is another word."""
    return is_place_word(token.text) and not is_place_word(surname[0].text)


def _link_short(short: list[NameToken], people: list[_Person]) -> list[NameToken]:
    """Attach short mentions to their person; return the ones left unlinked.

    With one person every short spelling links (that is how "Zelenskyy" meets "Volodymyr
    Zelenski"), except a place or nationality word (Saudi is not Nouha Saoudi); with
    several people only an exact spelling links, the rest is ambiguous.
    """
    spelled = [{surface(t.text) for t in p.surname} for p in people]
    unlinked = []
    for token in short:
        owners = [p for p, forms in zip(people, spelled, strict=True) if surface(token.text) in forms]
        if not owners and len(people) == 1 and not _place_against_person(token, people[0].surname):
            owners = people
        if len(owners) == 1:
            owners[0].surname.append(token)
        else:
            unlinked.append(token)
    return unlinked


def _family_group(people: list[_Person], unlinked: list[NameToken]) -> NameGroup | None:
    """Donald and Ivanka Trump, then "Troump": whoever is meant, the family name is misspelt.

    Only when every person spells the shared surname one way; Muammar Gaddafi and Khamis
    Qaddafi leave a lone "Qadafi" ambiguous.
    """
    forms = {surface(t.text) for p in people for t in p.surname}
    first = people[0].surname
    strays = [t for t in unlinked if surface(t.text) not in forms and not _place_against_person(t, first)]
    if len(people) < 2 or len(forms) != 1 or not strays:
        return None
    tokens = sorted([t for p in people for t in p.surname] + strays, key=lambda t: t.order)
    return NameGroup(tokens[0].text, "family", tokens)


def _person_groups(person: _Person) -> list[NameGroup]:
    label = person.label
    given_key = translit_key(person.given[0].text)
    groups = [NameGroup(label, "surname", sorted(person.surname, key=lambda t: t.order), given_key)]
    by_spelling: dict[str, list[NameToken]] = defaultdict(list)
    for token in person.given:
        by_spelling[token.text].append(token)
    for cluster in group_spellings(by_spelling):
        tokens = sorted((t for s in cluster for t in by_spelling[s]), key=lambda t: t.order)
        groups.append(NameGroup(label, "given", tokens, given_key))
    return groups


def mostly_english(doc: Document) -> bool:
    """English function words make up a good share of running text; German capitalises every noun."""
    tokens = _block_tokens(doc)
    words = [t.text.casefold() for b in doc.body_blocks() for t in tokens[b.index]]
    if len(words) < 40:
        return True  # too short to tell
    return sum(w in STOPWORDS for w in words) >= 0.2 * len(words)


def _attach_given_only(groups: list[NameGroup]) -> list[NameGroup]:
    """One-word names that spell exactly one person's given name join it ("Hillary" -> "Hilary Clinton").

    Also covers the first word of multi-word places and bodies ("Chicago" -> "Chikago Sun-Times").
    Blocked on transliteration key and skeleton, so this stays linear in the number of groups.
    """
    by_key: dict[str, list[NameGroup]] = defaultdict(list)
    for group in groups:
        if group.role == "given":
            for spelling in {t.text for t in group.tokens}:
                by_key[translit_key(spelling)].append(group)
                by_key["|" + skeleton(spelling)].append(group)
    if not by_key:
        return groups
    kept = []
    for group in groups:
        if group.role == "name":
            spelling = group.tokens[0].text
            found = by_key.get(translit_key(spelling), []) + by_key.get("|" + skeleton(spelling), [])
            targets = {id(g): g for g in found if any(same_name(spelling, t.text) for t in g.tokens)}
            if len(targets) == 1:
                target = next(iter(targets.values()))
                if not (is_place_word(spelling) and not is_place_word(target.tokens[0].text)):
                    target.tokens = sorted(target.tokens + group.tokens, key=lambda t: t.order)
                    continue
        kept.append(group)
    return kept


def build_index(doc: Document) -> NameIndex:
    """Group the document's name words into entities (see the module docstring)."""
    mentions = name_mentions(doc)
    english = mostly_english(doc)
    by_spelling: dict[str, list[NameMention]] = defaultdict(list)
    for mention in mentions:
        by_spelling[mention.surname.text].append(mention)
    surnames = {m.surname.text for m in mentions if m.is_full} if english else set()
    groups: list[NameGroup] = []
    for cluster in group_spellings(by_spelling, fuzzy_for=surnames):
        members = sorted((m for s in cluster for m in by_spelling[s]), key=lambda m: m.surname.order)
        full = [m for m in members if m.is_full]
        short = [m.surname for m in members if not m.is_full]
        if not full:
            if english:
                groups.append(NameGroup(short[0].text, "name", short))
            continue
        people = _people(full)
        unlinked = _link_short(short, people)
        for person in people:
            groups.extend(_person_groups(person))
        family = _family_group(people, unlinked)
        if family is not None:
            groups.append(family)
    groups = _attach_given_only(groups)
    aliases = frozenset(
        (fold(a.surname.text), fold(b.surname.text)) for a, b in itertools.pairwise(mentions) if b.surname.declared
    )
    groups.sort(key=lambda g: (g.tokens[0].order, g.role))
    return NameIndex(mentions, groups, aliases)


def name_index(doc: Document) -> NameIndex:
    """Name groups, computed once per document."""
    return doc.cached("names.index", build_index)
