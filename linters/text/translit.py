"""Transliteration-aware keys: when two spellings are one name, and when they are not.

Wire copy spells one name several ways (Zelenskyy/Zelensky/Zelenskiy,
Gaddafi/Qaddafi/Gadhafi, Kyiv/Kiev). :func:`translit_key` folds the usual
romanisation differences (diacritics, y/i/ii/iy, kh/q/c/g, ph/f, th/t, dh/d,
ou/u, w/v, doubled letters) so that such spellings share a key;
:func:`skeleton` drops vowels for the Mohammed/Muhammad kind of variation.
:func:`match_reason` says why two spellings look like one name and
:func:`veto_reason` why they still are not (Navalny/Navalnaya, Russia/Russian,
Austria/Australia, Kim Jong-un/Kim Jong-il, Medvedev/Medvedchuk).
:func:`group_spellings` clusters many spellings without all-pairs Python loops:
exact keys and skeletons are blocked in dictionaries, fuzzy candidates come
from ``rapidfuzz.process.cdist`` inside first-letter blocks.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

__all__ = [
    "corpus_match_reason",
    "fold",
    "foreign_looking",
    "group_spellings",
    "has_listed_variants",
    "is_place_word",
    "match_reason",
    "same_name",
    "script_prefix",
    "skeleton",
    "surface",
    "translit_key",
    "veto_reason",
]

_SPECIAL = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ʼ": "", "ʻ": ""}
)
_APOSTROPHES_RE = re.compile(r"['’`ʼʻ‘]")
_ARTICLE_RE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ul)[-‐‑](?=\w)")

# Ordered rewrites: multi-letter families first, then single letters, then doubled letters.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"off$", "ov"),
        (r"t?sch", "sh"),
        (r"tch", "ch"),
        (r"dzh|dj", "j"),
        (r"ch", "\x01"),
        (r"kh|gh|ck|q|g", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"\x01", "ch"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"x", "ks"),
        (r"w", "v"),
        (r"ou|oo", "u"),
        (r"y", "i"),
        (r"ie(?=[^aeiou])", "i"),
        (r"(?<=[aeiou])h$", ""),
        (r"(.)\1+", r"\1"),
    )
)
_VOWELS_RE = re.compile(r"[aeiou]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without diacritics or apostrophes: the spelling minus typography."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _APOSTROPHES_RE.sub("", text)


@lru_cache(maxsize=65536)
def surface(text: str) -> str:
    """The spelling as a reader sees it: case, apostrophe style and the Arabic article (al-Assad/Assad) ignored.

    Diacritics are kept: Díaz and Diaz are two spellings, though close ones.
    """
    return _ARTICLE_RE.sub("", _APOSTROPHES_RE.sub("", unicodedata.normalize("NFC", text.casefold())))


@lru_cache(maxsize=65536)
def translit_key(spelling: str) -> str:
    """A key shared by romanisations of one name (Zelenskyy/Zelensky/Zelenskiy -> ``zelenski``)."""
    text = _ARTICLE_RE.sub("", fold(spelling))
    text = re.sub(r"[^a-z0-9]", "", text)
    for pattern, repl in _REWRITES:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=65536)
def skeleton(spelling: str) -> str:
    """The transliteration key without vowels after the first letter (Mohammed/Muhammad -> ``mhmd``)."""
    key = translit_key(spelling)
    return key[:1] + _VOWELS_RE.sub("", key[1:])


# -- known variants and known different names --------------------------------

# Exonyms and old romanisations of one place: a match even where the keys differ.
_KNOWN_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("kyiv", "kiev"),
    ("kharkiv", "kharkov"),
    ("odesa", "odessa"),
    ("luhansk", "lugansk"),
    ("mykolaiv", "nikolaev", "nikolayev"),
    ("zaporizhzhia", "zaporizhia", "zaporozhye", "zaporizhzhya"),
    ("lviv", "lvov"),
    ("chisinau", "kishinev"),
    ("kyrgyzstan", "kirghizia"),
    ("belarus", "byelorussia"),
    ("beijing", "peking"),
    ("gaddafi", "qaddafi", "qadhafi", "gadhafi", "kadhafi", "ghaddafi"),
)
_VARIANT_ID = {fold(name): i for i, names in enumerate(_KNOWN_VARIANTS) for name in names}

# Countries and places that look alike but are different (Austria/Australia, Niger/Nigeria).
_DISTINCT_PLACES = frozenset(
    fold(p)
    for p in """
    afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
    bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burkina
    burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia denmark
    djibouti dominica dominican ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia
    georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran
    iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia
    lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
    mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru
    nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines
    poland portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia
    spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey
    turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana
    iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
    nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin
    wyoming americas columbia
    austin boston dallas denver houston paris london berlin vienna venice verona sydney moscow minsk pinsk
    donetsk luhansk kherson kharkiv kyiv crimea odesa mariupol bakhmut avdiivka pokrovsk kupiansk dnipro
    gaza jenin rafah sanaa aden beirut damascus baghdad basra mosul tehran kabul kandahar islamabad lahore karachi
    delhi mumbai dhaka seoul busan tokyo osaka taipei manila hanoi jakarta bangkok cairo tunis tripoli benghazi
    """.split()
)

# Nationality and people words: a surname that looks like one (Saoudi/Saudi) is not a spelling of it.
_PLACE_WORDS = _DISTINCT_PLACES | frozenset(
    """
    american americans british english french german russian russians ukrainian ukrainians chinese japanese
    korean indian pakistani afghan iranian iraqi syrian saudi saudis israeli israelis palestinian palestinians
    egyptian libyan turkish turk turks kurd kurds kurdish arab arabs arabic african european europeans asian
    mexican canadian cuban brazilian italian spanish polish swedish dutch greek qatari yemeni emirati lebanese
    america europe africa asia arabia britain england scotland wales kremlin washington moscow beijing
    """.split()
)


def is_place_word(spelling: str) -> bool:
    """A country, well-known place or nationality word."""
    return _unhyphenate(spelling) in _PLACE_WORDS


# Word endings that make a different word, not a different spelling (Russia/Russian, Iraq/Iraqi, Trump/Trumps).
_DERIVATION_SUFFIXES = frozenset(
    "n an ian ans ians ns ese i is ish ic ics ism ist ists ite ites s es er ers ern ia ism y ly ic al ean eans".split()
)
# Slavic surname and patronymic endings: Medvedev/Medvedchuk, Petrov/Petrovich, Ivanov/Ivanenko.
_SURNAME_ENDINGS = frozenset(
    """
    ev ov iev ova eva in ina chuk tchuk uk yuk iuk enko ko ich ych vich ovich evich ovych evych ovna evna sky ski
    """.split()
)
_FEMININE_RE = re.compile(r"(?:a|aya|aia|aja|ova|eva|ina|ska|skaya|cka|na)$")
_MASCULINE_RE = re.compile(r"(?:[bcdfghjklmnpqrstvwxz]|y|yy|yi|iy|ii|i|o|ov|ev|in|sky|ski|skiy|skyy|skii|ny|nyy|nyi)$")


@lru_cache(maxsize=65536)
def _unhyphenate(spelling: str) -> str:
    return re.sub(r"[\s\-‐‑]+", "", fold(spelling))


def _gender_pair(a: str, b: str) -> bool:
    """Navalny/Navalnaya, Peskov/Peskova, Zelenskyy/Zelenska, Mario/Maria: masculine vs feminine forms."""
    fa, fb = (re.sub(r"ah$", "a", _unhyphenate(s)) for s in (a, b))
    fem_a, fem_b = fa.endswith("a"), fb.endswith("a")
    if fem_a == fem_b:
        return False
    masc = fb if fem_a else fa
    fem = fa if fem_a else fb
    return bool(_FEMININE_RE.search(fem) and _MASCULINE_RE.search(masc))


def _hyphen_parts_differ(a: str, b: str) -> bool:
    """Kim Jong-un vs Kim Jong-il: short hyphenated parts are whole syllables, not spellings."""
    pa = [p for p in re.split(r"[-‐‑]", fold(a)) if p]
    pb = [p for p in re.split(r"[-‐‑]", fold(b)) if p]
    if len(pa) < 2 or len(pa) != len(pb):
        return False
    return any(translit_key(x) != translit_key(y) for x, y in zip(pa, pb, strict=True) if min(len(x), len(y)) <= 3)


def _derived_word(a: str, b: str) -> bool:
    """One spelling is the other plus a derivational ending (Russia/Russian, Iraq/Iraqi, Donetsk/Donetsks)."""
    fa, fb = sorted((_unhyphenate(a), _unhyphenate(b)), key=len)
    if not fb.startswith(fa) or fa == fb:
        return False
    tail = fb[len(fa) :]
    if tail == "i" and fa[-1:] in "yi":
        return False  # Navalny/Navalnyi is a spelling, not a derivation
    return tail in _DERIVATION_SUFFIXES


def _consonants(text: str) -> str:
    return re.sub(r"[aeiouy]", "", text)


def _different_endings(a: str, b: str) -> bool:
    """Medvedev/Medvedchuk: same stem, different surname-forming ending."""
    fa, fb = _unhyphenate(a), _unhyphenate(b)
    i = 0
    while i < min(len(fa), len(fb)) and fa[i] == fb[i]:
        i += 1
    ta, tb = fa[i:], fb[i:]
    if i < 3 or _consonants(translit_key("x" + ta)) == _consonants(translit_key("x" + tb)):
        return False  # Gagloev/Gagloyev, Tyurin/Tyurine: the same ending, vowels aside
    return any(fa.endswith(e) and len(e) >= len(ta) for e in _SURNAME_ENDINGS) or any(
        fb.endswith(e) and len(e) >= len(tb) for e in _SURNAME_ENDINGS
    )


def _distinct_places(a: str, b: str) -> bool:
    fa, fb = _unhyphenate(a), _unhyphenate(b)
    return fa != fb and fa in _DISTINCT_PLACES and fb in _DISTINCT_PLACES and not _known_variants(a, b)


def _variant_id(spelling: str) -> int | None:
    """Which listed exonym family a spelling belongs to (el-Qaddafi is Qaddafi)."""
    return _VARIANT_ID.get(_unhyphenate(_ARTICLE_RE.sub("", fold(spelling))))


def _known_variants(a: str, b: str) -> bool:
    ia, ib = _variant_id(a), _variant_id(b)
    return ia is not None and ia == ib


def has_listed_variants(spelling: str) -> bool:
    """A spelling of a listed exonym family (Kiev, Kyiv, Gadhafi): a name wherever it stands."""
    return _variant_id(spelling) is not None


def _is_acronym(spelling: str) -> bool:
    letters = [c for c in spelling if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _x_vs_ks(a: str, b: str) -> bool:
    """Marx/Marks, Max/Macs: a final x against a final ks or cs is a different word."""
    fa, fb = fold(a), fold(b)
    return (fa.endswith("x") and fb.endswith(("ks", "cs"))) or (fb.endswith("x") and fa.endswith(("ks", "cs")))


_KEY_SENSITIVE = frozenset({_derived_word, _different_endings})
_VETOES = (
    ("acronym", lambda a, b: _is_acronym(a) or _is_acronym(b)),
    ("digits differ", lambda a, b: re.sub(r"\D", "", a) != re.sub(r"\D", "", b)),
    ("final x against ks", _x_vs_ks),
    ("masculine and feminine forms", _gender_pair),
    ("different hyphenated syllables", _hyphen_parts_differ),
    ("distinct places", _distinct_places),
    ("derived word (nationality, plural)", _derived_word),
    ("different surname endings", _different_endings),
)


def veto_reason(a: str, b: str) -> str | None:
    """Why spellings ``a`` and ``b`` must not be treated as one name, or None."""
    if fold(a) == fold(b) or _known_variants(a, b):
        return None
    same_key = translit_key(a) == translit_key(b)
    for reason, test in _VETOES:
        if same_key and test in _KEY_SENSITIVE:
            continue
        if test(a, b):
            return reason
    return None


# Minimum key length for vowel-only and fuzzy matches: short names collide too easily (Iran/Iraq, Mali/Malo).
_SKELETON_MIN = 4
_FUZZY_MIN_LEN = 8
_FUZZY_CUTOFF = 90.0
_SMALL_BLOCK = 40


# Vowel swaps romanisations make (Mohammed/Muhammad: o/u, e/a; Seif/Saif): a<->o or u<->a are different names.
_VOWEL_SWAPS = frozenset({("o", "u"), ("u", "o"), ("e", "a"), ("a", "e"), ("e", "i"), ("i", "e")})
_CONSONANT_RE = re.compile(r"[^aeiou]")


def _vowels_compatible(va: str, vb: str) -> bool:
    if va == vb:
        return True
    if not va or not vb:
        return (va or vb) in ("e", "a")
    if len(va) == len(vb):
        return all(x == y or (x, y) in _VOWEL_SWAPS for x, y in zip(va, vb, strict=True))
    return False


def _skeleton_match(ka: str, kb: str) -> bool:
    """Same consonants, vowels differing only the way romanisations differ (Mohammed/Muhammad, not Martin/Morton)."""
    sa = ka[:1] + _VOWELS_RE.sub("", ka[1:])
    sb = kb[:1] + _VOWELS_RE.sub("", kb[1:])
    if sa != sb or len(sa) < _SKELETON_MIN or min(len(ka), len(kb)) < 4 or ka[-1:] != kb[-1:] or ka[:1] != kb[:1]:
        return False
    ga, gb = _CONSONANT_RE.split(ka[1:]), _CONSONANT_RE.split(kb[1:])
    return len(ga) == len(gb) and all(_vowels_compatible(x, y) for x, y in zip(ga, gb, strict=True))


def _fuzzy_match(ka: str, kb: str) -> float:
    if min(len(ka), len(kb)) < _FUZZY_MIN_LEN or ka[:1] != kb[:1] or ka[-1:] != kb[-1:]:
        return 0.0
    score = fuzz.ratio(ka, kb)
    return score if score >= _FUZZY_CUTOFF else 0.0


def _glued_article(a: str, b: str) -> bool:
    """Elmaghraby/al-Maghrabi: the Arabic article glued on one side, written apart on the other.

    One side must show the article with its hyphen, or Altogether/Together would match.
    """
    if not (_ARTICLE_RE.match(fold(a)) or _ARTICLE_RE.match(fold(b))):
        return False
    short, long_ = sorted((translit_key(a), translit_key(b)), key=len)
    return len(short) >= 5 and long_[2:] == short and long_[:2] in ("al", "el")


def match_reason(a: str, b: str) -> str | None:
    """Why ``a`` and ``b`` look like spellings of one name (ignoring vetoes), or None."""
    if fold(a) == fold(b):
        return "same letters"
    if _known_variants(a, b):
        return "known variant spellings"
    ka, kb = translit_key(a), translit_key(b)
    if min(len(ka), len(kb)) < 3:
        return None  # Ky/Kyi: too short to tell a spelling from another name
    if ka == kb:
        return "same transliteration key"
    if _glued_article(a, b):
        return "same name with the article written together"
    if _skeleton_match(ka, kb):
        return "same consonants, different vowels"
    score = _fuzzy_match(ka, kb)
    if score:
        return f"similar spelling ({score / 100:.2f})"
    return None


def same_name(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` look like one name and nothing says they are different names."""
    return match_reason(a, b) is not None and veto_reason(a, b) is None


# -- clustering ----------------------------------------------------------------


class _Clusters:
    """Union-find whose unions are refused when any cross pair is vetoed (complete-link veto)."""

    def __init__(self, items: Sequence[str]) -> None:
        self.parent = list(range(len(items)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
        self.items = items

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, forced: bool = False) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        if not forced:
            for x in self.members[ri]:
                for y in self.members[rj]:
                    if veto_reason(self.items[x], self.items[y]):
                        return
        if len(self.members[ri]) < len(self.members[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri].extend(self.members.pop(rj))


def _candidate_pairs(items: Sequence[str], fuzzy_for: frozenset[str] | None) -> Iterable[tuple[int, int]]:
    """Index pairs worth checking, strongest evidence first; blocked, never all pairs in Python."""
    keys = [translit_key(s) for s in items]
    for table in (
        [_variant_id(s) for s in items],
        keys,
        [k[:1] + _VOWELS_RE.sub("", k[1:]) + "|" + k[-1:] if len(k) > 2 else None for k in keys],
        [k[2:] if k[:2] in ("al", "el") and len(k) >= 7 else k for k in keys],  # Elmaghraby/al-Maghrabi
    ):
        blocks: dict[object, list[int]] = defaultdict(list)
        for i, k in enumerate(table):
            if k is not None and k != "":
                blocks[k].append(i)
        for members in blocks.values():
            if len(members) <= 30:
                yield from ((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
            else:
                yield from itertools.pairwise(members)
    eligible = [fuzzy_for is None or s in fuzzy_for for s in items]
    for i, j in _fuzzy_pairs(keys):
        if eligible[i] or eligible[j]:
            yield i, j


def _fuzzy_pairs(keys: Sequence[str]) -> Iterable[tuple[int, int]]:
    by_letter: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if len(k) >= _FUZZY_MIN_LEN:
            by_letter[k[:1]].append(i)
    for members in by_letter.values():
        if len(members) < 2:
            continue
        block = [keys[i] for i in members]
        if len(block) <= _SMALL_BLOCK:  # an article's names: plain C calls beat building a matrix
            for r, a in enumerate(block):
                for c in range(r + 1, len(block)):
                    if fuzz.ratio(a, block[c], score_cutoff=_FUZZY_CUTOFF):
                        yield members[r], members[c]
            continue
        scores = process.cdist(block, block, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, dtype="uint8")
        rows, cols = scores.nonzero()
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            if r < c:
                yield members[r], members[c]


def group_spellings(spellings: Iterable[str], fuzzy_for: Iterable[str] | None = None) -> list[list[str]]:
    """Cluster distinct spellings into names; each cluster sorted, clusters sorted by first member.

    Fuzzy (typo-like) matches need one side in ``fuzzy_for`` when it is given: a
    surname next to a given name is a name, a lone capitalised word may be a common noun.
    """
    items = sorted({s for s in spellings if s})
    clusters = _Clusters(items)
    eligible = None if fuzzy_for is None else frozenset(fuzzy_for)
    for i, j in _candidate_pairs(items, eligible):
        reason = match_reason(items[i], items[j])
        if reason is None:
            continue
        if reason.startswith("similar") and eligible is not None and not eligible & {items[i], items[j]}:
            continue
        clusters.union(i, j)
    groups = [sorted(items[m] for m in members) for members in clusters.members.values()]
    return sorted(groups)


# -- across articles -------------------------------------------------------------


def _is_latin(ch: str) -> bool:
    return ch < "\u0250" or "\u1e00" <= ch <= "\u1eff"


def script_prefix(text: str) -> str:
    """The leading run of ``text`` in the script of its first letter ("Storeにない" -> "Store").

    Scripts without spaces (Japanese, Chinese, Thai) glue words onto Latin brand names.
    """
    if not text:
        return text
    latin = _is_latin(text[0])
    for i, ch in enumerate(text):
        if ch.isalpha() and _is_latin(ch) != latin:
            return text[:i]
    return text


# Letter patterns rare in English words and common in romanised names (Qaddafi, Zelenskiy, Khodorkovsky).
_FOREIGN_RE = re.compile(
    r"kh|zh|dzh|dj|q(?!u)|yy|ii|iy|yi|aa|uu|shch|cz|sz|dh|^ts|tsk|^ng|^mb|^nd|j(?![aeiou])|(?<![aeiou])y(?=[aeiou])"
    r"|(?:ov|ev|ova|eva|enko|chuk|yuk|vich|ych|sky|ski|ska|skaya|yan|dze|shvili|oglu|ullah)$|(?<![aeiouy])i$|[^aeiou]ah$"
)


@lru_cache(maxsize=65536)
def foreign_looking(spelling: str) -> bool:
    """A name whose letters look romanised, not English: accents, al-, kh/zh/q, -ov/-sky/-enko, a final -i or -ah."""
    if fold(spelling) != spelling.casefold() or _ARTICLE_RE.match(fold(spelling)):
        return True
    return bool(_FOREIGN_RE.search(_unhyphenate(spelling)))


@lru_cache(maxsize=65536)
def _strict_key(spelling: str) -> str:
    """Doubled letters and the y/i/iy/yy ending folded, nothing else (Navalny/Navalnyy, Garrett/Garett)."""
    text = re.sub(r"(.)\1+", r"\1", _unhyphenate(spelling))
    return re.sub(r"(?:iy|yi|ii|y)$", "i", text)


def _camel_case(spelling: str) -> bool:
    """WiFi, iPhone, YouTube: product and brand words, not names spelt two ways."""
    return bool(re.search(r"[a-z][A-Z]", spelling)) and not re.match(r"(?:Mc|Mac|De|Di|Le|La|Van|O')[A-Z]", spelling)


def _plural_pair(a: str, b: str) -> bool:
    """Americas/Americans, Angels/Angel: after a plural -s the rest is a derived word."""
    fa, fb = (re.sub(r"(?<!s)s$", "", _unhyphenate(s)) for s in (a, b))
    return (fa, fb) != (_unhyphenate(a), _unhyphenate(b)) and (fa == fb or _derived_word(fa, fb))


def _vowel_substitution(ka: str, kb: str) -> bool:
    """Vowels changed, never added or dropped (Mukhamed/Mokhamed, not Sinatra/Sentra or Angeles/Angels)."""
    if len(ka) != len(kb) or not _skeleton_match(ka, kb):
        return False
    return all((x in "aeiou") == (y in "aeiou") for x, y in zip(ka, kb, strict=True))


_CORPUS_MIN_LEN = 6
_CORPUS_LOOSE_MIN_LEN = 7


def corpus_match_reason(a: str, b: str) -> str | None:
    """Why ``a`` and ``b`` are one name across articles, or None: stricter than :func:`match_reason`.

    Two articles share no context, so only real spelling variants count: accents, listed
    exonyms (Kiev/Kyiv), doubled letters and y/i endings for names of six letters or more,
    and the loose transliteration folds (c/g/k/q, kh, vowels changed not added, th/t, ph/f,
    then rapidfuzz similarity from eight letters) only for names of seven letters or more
    where one side looks romanised. Never across scripts, never for
    brand words (WiFi), plurals or derived words, and a country or other listed place only
    matches its listed variants.
    """
    if not a or not b or _is_latin(a[0]) != _is_latin(b[0]) or _camel_case(a) or _camel_case(b):
        return None
    if _known_variants(a, b):
        return "known variant spellings"
    if veto_reason(a, b) or _plural_pair(a, b):
        return None
    shortest = min(len(_unhyphenate(a)), len(_unhyphenate(b)))
    if fold(a) == fold(b):
        return "same letters" if shortest >= 4 else None
    if is_place_word(a) or is_place_word(b) or shortest < _CORPUS_MIN_LEN:
        return None
    if _strict_key(a) == _strict_key(b):
        return "doubled letters or a y/i ending"
    if shortest < _CORPUS_LOOSE_MIN_LEN or not (foreign_looking(a) or foreign_looking(b)):
        return None
    ka, kb = translit_key(a), translit_key(b)
    if ka == kb:
        return "same transliteration key"
    if _glued_article(a, b):
        return "same name with the article written together"
    if _vowel_substitution(ka, kb):
        return "same consonants, different vowels"
    score = _fuzzy_match(ka, kb)  # eight letters or more, same first and last letter
    return f"similar spelling ({score / 100:.2f})" if score else None
