"""Rule inconsistent-name (CD401): one person or place, two spellings."""

from __future__ import annotations

import functools
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from linters import CorpusContext, CorpusEntry, Document, Location, Related, Rule, RuleContext, hookimpl
from linters.text.names import (
    NameGroup,
    NameToken,
    given_names_compatible,
    lowercase_vocab,
    mostly_english,
    name_index,
)
from linters.text.translit import (
    corpus_match_reason,
    fold,
    foreign_looking,
    group_spellings,
    has_listed_variants,
    match_reason,
    same_name,
    surface,
    translit_key,
)

__all__ = ["InconsistentName"]


@dataclass(frozen=True, slots=True)
class _Choice:
    spelling: str
    basis: str  # house-style, majority, first


@dataclass(frozen=True, slots=True)
class NameUse:
    """Picklable corpus data: how one document spells one name (its dominant spelling)."""

    role: str
    given: str
    spelling: str
    count: int
    location: Location
    proper: bool = True  # clearly a name in its article (see _clearly_a_name)


@dataclass(frozen=True, slots=True)
class CorpusNames:
    """Picklable corpus data of one document: its name uses and its lower-case words (crc32, array 'I')."""

    uses: tuple[NameUse, ...]
    lower: bytes = b""


class InconsistentName(Rule):
    """Flags a name spelled two ways in one article (Zelenski / Zelenskyy, Gaddafi / Qaddafi).

    ## What it does
    Finds the names an article mentions (people, places, organisations), groups the
    spellings that are transliterations of one name (y/i/iy endings, kh/q/g, doubled
    letters, diacritics, ph/f, ou/u, Kiev/Kyiv) and reports every use of a minority
    spelling, with the other spellings, their counts and first use. Surname-only
    mentions count toward the full name they abbreviate. Different names that merely
    look alike are kept apart: Navalny/Navalnaya, Bill/Hillary Clinton, Kim
    Jong-un/Kim Jong-il, Austria/Australia, Russia/Russian, Medvedev/Medvedchuk.
    Declared aliases ("Pokrovsk (Krasnoarmeisk)", "also known as", "formerly",
    "also spelled") and spellings marked "[sic]" are not reported, nicknames
    (Bill/William) are not misspellings, and spellings inside direct quotes or
    differing only by accents are reported at `info` (configurable).

    With `preferred` (house style) a listed variant is reported even when the article
    uses it consistently. When one run lints many articles, the corpus check reports
    articles that spell a name differently from the rest of the run (severity `info`),
    on evidence only: both spellings must be clearly names in their (English) articles
    (a surname of a full name, or repeated mid-sentence; never a word the run also
    writes in lower case, nor a headline or sentence-initial word), real variants of
    each other (accents, listed exonyms, doubled letters and y/i endings from six
    letters, the loose transliteration folds only from seven letters on romanised-looking
    names; never across scripts, plurals, nationality words or other places; English-looking
    names such as Phillips/Philips only as full names of one person), and the suggested
    spelling must be used by at least two independent articles (copies of one story count
    once). House style, else the majority, else the first seen is suggested.

    ## Why is this bad?
    Readers and search engines take two spellings for two people; archives, tag
    pages and corrections miss half the mentions. Mixed spellings also signal copy
    pasted together from different wires without an edit.

    ## Example
    ```text
    Lavrov said the US could not restrain Volodymyr Zelenski.
    "They promised that Zelenskyy would not impede peace," he said.
    Zelenskyy's office did not reply.
    ```
    Reported: `Zelenski` (1 use) vs `Zelenskyy` (2 uses); the fix (unsafe) replaces
    it with `Zelenskyy`, or with the house spelling when `preferred` names one.

    ## Options
    - `preferred` (object, default `{}`): house style, preferred spelling -> variants,
      e.g. `{Zelenskyy: [Zelensky, Zelenskiy, Zelenski]}`.
    - `in-quotes` (`report` | `info` | `ignore`, default `info`): how to report a
      minority spelling inside a direct quote.
    - `diacritics` (`report` | `info` | `ignore`, default `info`): how to report spellings
      that differ only by accents (Díaz / Diaz).
    - `declared-aliases` (`declaration` | `document`, default `declaration`): exempt only
      the declared spelling where it is declared, or everywhere in the article.
    - `check-given-names` (boolean, default `true`): also compare given names of one
      person (Sergey/Sergei Lavrov).
    - `corpus-severity` (`info` | `warning` | `error`, default `info`): severity of the
      cross-article check.
    """

    code: ClassVar[str] = "CD401"
    name: ClassVar[str] = "inconsistent-name"
    summary: ClassVar[str] = "One person or place spelled two ways"
    default_severity: ClassVar[str] = "warning"
    fixable: ClassVar[str | None] = "unsafe"
    tags: ClassVar[tuple[str, ...]] = ("names", "consistency")
    has_corpus_check: ClassVar[bool] = True
    options_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "preferred": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
                "default": {},
                "description": "House style: preferred spelling -> variants to replace with it.",
            },
            "in-quotes": {
                "enum": ["report", "info", "ignore"],
                "default": "info",
                "description": "Minority spellings inside direct quotes: full severity, info, or not reported.",
            },
            "declared-aliases": {
                "enum": ["declaration", "document"],
                "default": "declaration",
                "description": "Exempt a declared alias where it is declared only, or in the whole article.",
            },
            "diacritics": {
                "enum": ["report", "info", "ignore"],
                "default": "info",
                "description": "Spellings that differ only by accents (Díaz/Diaz): full severity, info, or ignored.",
            },
            "check-given-names": {
                "type": "boolean",
                "default": True,
                "description": "Also compare the given names of one person (Sergey/Sergei).",
            },
            "corpus-severity": {
                "enum": ["info", "warning", "error"],
                "default": "info",
                "description": "Severity of names spelled differently across the articles of one run.",
            },
        },
    }

    # -- house style -----------------------------------------------------------
    @functools.cached_property
    def _house(self) -> tuple[dict[str, str], dict[str, str]]:
        """Listed variant (casefolded) -> preferred, and preferred key -> preferred (options are fixed)."""
        listed: dict[str, str] = {}
        keys: dict[str, str] = {}
        for preferred, variants in sorted(self.options["preferred"].items()):
            keys.setdefault(translit_key(preferred), preferred)
            for variant in variants:
                listed[variant.casefold()] = preferred
        return listed, keys

    def _house_spelling(self, spelling: str) -> str | None:
        listed, keys = self._house
        preferred = listed.get(spelling.casefold()) or keys.get(translit_key(spelling))
        if preferred and preferred.casefold() != spelling.casefold() and same_name(spelling, preferred):
            return preferred
        if preferred and spelling.casefold() in listed:
            return preferred
        return None

    def _in_house_style(self, spelling: str) -> bool:
        """The house style lists this spelling (preferred or variant): it is a name whatever the article shows."""
        listed, _ = self._house
        folded = spelling.casefold()
        return folded in listed or any(folded == p.casefold() for p in self.options["preferred"])

    def _choose(self, counts: Counter[str], first: dict[str, NameToken], outside: frozenset[str]) -> _Choice:
        if len(counts) == 1 and not self.options["preferred"]:
            return _Choice(next(iter(counts)), "majority")
        for spelling in sorted(counts, key=lambda s: first[s].order):
            house = self._house_spelling(spelling)
            if house is not None:
                return _Choice(house, "house-style")
            if any(spelling.casefold() == p.casefold() for p in self.options["preferred"]):
                return _Choice(spelling, "house-style")
        best = max(counts.values())
        leaders = [s for s in counts if counts[s] == best]
        if len(leaders) == 1:
            return _Choice(leaders[0], "majority")
        # a tie: the first spelling the article uses in its own words (a quote may keep the speaker's)
        return _Choice(min(leaders, key=lambda s: (s not in outside, first[s].order)), "first")

    # -- per document ------------------------------------------------------------
    def _counted(self, group: NameGroup, aliases: frozenset[tuple[str, str]]) -> list[NameToken]:
        tokens = [t for t in group.tokens if not t.declared]
        if self.options["declared-aliases"] == "document":
            declared = {b for _, b in aliases} | {a for a, _ in aliases}
            spellings = {fold(t.text) for t in tokens}
            if len(spellings & declared) >= 2:
                tokens = [t for t in tokens if fold(t.text) not in declared]
        return tokens

    def check(self, doc: Document, ctx: RuleContext) -> None:
        index = name_index(doc)
        vocab = lowercase_vocab(doc)
        for group in index.groups:
            if group.role == "given" and not self.options["check-given-names"]:
                continue
            if group.role in ("name", "given") and any(fold(t.text) in vocab for t in group.tokens):
                continue  # "Neon" / "Néon" where the article also writes "neon lights": a common word
            tokens = self._counted(group, index.aliases)
            if tokens:
                self._check_group(group, tokens, ctx)

    def _check_group(self, group: NameGroup, tokens: list[NameToken], ctx: RuleContext) -> None:
        counts: Counter[str] = Counter()
        first: dict[str, NameToken] = {}
        canonical: dict[str, str] = {}
        for token in tokens:
            spelling = canonical.setdefault(surface(token.text), token.text)
            counts[spelling] += 1
            first.setdefault(spelling, token)
        outside = frozenset(canonical[surface(t.text)] for t in tokens if not t.in_quote)
        choice = self._choose(counts, first, outside)
        if len(counts) == 1 and choice.basis != "house-style":
            return
        for token in tokens:
            spelling = canonical[surface(token.text)]
            if surface(spelling) == surface(choice.spelling):
                continue
            self._report(group, token, spelling, choice, counts, first, ctx)

    def _report(
        self,
        group: NameGroup,
        token: NameToken,
        spelling: str,
        choice: _Choice,
        counts: Counter[str],
        first: dict[str, NameToken],
        ctx: RuleContext,
    ) -> None:
        severity = None
        for applies, mode in (
            (token.in_quote, self.options["in-quotes"]),
            (fold(spelling) == fold(choice.spelling), self.options["diacritics"]),
        ):
            if applies and mode == "ignore":
                return
            if applies and mode == "info":
                severity = "info"
        others = sorted((s for s in counts if s != spelling), key=lambda s: first[s].order)
        total = sum(counts.values())
        if choice.basis == "house-style" and len(counts) == 1:
            message = f'"{spelling}" is not the house spelling of this name; use "{choice.spelling}"'
        else:
            listed = ", ".join(f'"{s}" ({counts[s]}×)' for s in others)
            message = (
                f'"{spelling}" ({counts[spelling]} of {total} mentions) is spelled {listed} elsewhere in this '
                f'article; use one spelling: "{choice.spelling}"'
            )
        related = [ctx.related(f'"{s}" ({counts[s]}×), first use', first[s].span) for s in others]
        evidence = {
            "name": group.label,
            "role": group.role,
            "spelling": spelling,
            "suggested": choice.spelling,
            "basis": choice.basis,
            "match": match_reason(spelling, choice.spelling) or "house style",
            "in_quote": token.in_quote,
            "variants": [
                {"spelling": s, "count": counts[s], "first": ctx.locate(first[s].span)[0].to_dict()}
                for s in sorted(counts, key=lambda s: first[s].order)
            ],
        }
        fix = ctx.fix(
            f'Replace "{spelling}" with "{choice.spelling}"', [ctx.replace(token.span, choice.spelling)], safe=False
        )
        ctx.report(token.span, message, evidence=evidence, related=related, fix=fix, severity=severity)

    # -- across documents ----------------------------------------------------------
    def corpus_data(self, doc: Document, ctx: RuleContext) -> CorpusNames | None:
        """The dominant spelling of each surname / one-word name, whether it is clearly a name, and the
        document's lower-case vocabulary (hashed) so the run can tell names from common words.

        Only English articles take part: the name grammar (titles, particles, stopwords) is English,
        and another language legitimately spells names its own way (Siria, Moscú).
        """
        if not mostly_english(doc):
            return None
        index = name_index(doc)
        vocab = lowercase_vocab(doc)
        uses = []
        for group in index.groups:
            if group.role in ("given", "family"):
                continue
            tokens = [t for t in group.tokens if not t.declared]
            if not tokens:
                continue
            counts = Counter(t.text for t in tokens)
            firsts: dict[str, NameToken] = {}
            for token in tokens:
                firsts.setdefault(token.text, token)
            spelling = min(counts, key=lambda s: (-counts[s], firsts[s].order))
            given = group.label.split(" ", 1)[0] if group.role == "surname" else ""
            proper = _clearly_a_name(group.role, [t for t in tokens if t.text == spelling], vocab)
            location = ctx.locate(firsts[spelling].span)[0]
            uses.append(NameUse(group.role, given, spelling, counts[spelling], location, proper))
        if not uses:
            return None
        lower = array("I", sorted({_word_hash(w) for w in vocab}))
        return CorpusNames(tuple(uses), lower.tobytes())

    def corpus_data_to_json(self, data: CorpusNames) -> dict[str, Any]:
        """JSON form for ``--cache`` (the lower-case word hashes as hex)."""
        return {
            "uses": [[u.role, u.given, u.spelling, u.count, u.location.to_dict(), u.proper] for u in data.uses],
            "lower": data.lower.hex(),
        }

    def corpus_data_from_json(self, obj: dict[str, Any]) -> CorpusNames:
        uses = tuple(
            NameUse(role, given, spelling, count, Location(**location), proper)
            for role, given, spelling, count, location, proper in obj["uses"]
        )
        return CorpusNames(uses, bytes.fromhex(obj["lower"]))

    def check_corpus(self, entries: Sequence[CorpusEntry], ctx: CorpusContext) -> None:
        """Report articles that spell a name differently from other articles of the run, on evidence.

        Both spellings must be clearly names in their articles and never written in lower case
        anywhere in the run; they must be variants by :func:`corpus_match_reason` (strict for
        short names, never across scripts); and the suggested spelling must be used by at least
        two independent articles (near-duplicate copies of one story count once), unless house
        style names it.
        """
        entries = sorted((e for e in entries if isinstance(e.data, CorpusNames)), key=lambda e: (e.path, e.doc_id))
        run_lower: set[int] = set()
        for entry in entries:
            hashes = array("I")
            hashes.frombytes(entry.data.lower)
            run_lower.update(hashes)
        # O'Malley/O’Malley, al-Assad/Assad: one spelling as a reader sees it, named by its first writing
        canonical: dict[str, str] = {}
        by_spelling: dict[str, list[tuple[CorpusEntry, NameUse]]] = defaultdict(list)
        for entry in entries:
            for use in entry.data.uses:
                named = use.proper or self._in_house_style(use.spelling) or has_listed_variants(use.spelling)
                if named and _word_hash(use.spelling.casefold()) not in run_lower:
                    spelling = canonical.setdefault(surface(use.spelling), use.spelling)
                    by_spelling[spelling].append((entry, use))
        stories = _Stories()
        for cluster in group_spellings(by_spelling):
            if len(cluster) < 2:
                continue
            for variants in _strict_clusters(cluster, by_spelling):
                uses = [(entry, use, s) for s in variants for entry, use in by_spelling[s]]
                if not any(foreign_looking(s) or has_listed_variants(s) for s in variants):
                    # Phillips/Philips, Matthews/Mathews: English names differing by a letter are often two
                    # families; only full names (one person, by the given name) show they are one
                    uses = [u for u in uses if u[1].role == "surname"]
                for entity in _corpus_entities(uses):
                    self._report_corpus(entity, stories, ctx)

    def _corpus_choice(self, order: list[str], counts: dict[str, int]) -> tuple[str, str] | None:
        """House style, else the spelling most articles use (at least two), a tie going to the first seen."""
        house = next((h for s in order if (h := self._house_spelling(s))), None)
        if house:
            return house, "house-style"
        if counts[order[0]] < 2:
            return None  # one article against one article is no evidence of a house habit
        basis = "first" if len(order) > 1 and counts[order[1]] == counts[order[0]] else "majority"
        return order[0], basis

    def _report_corpus(self, uses: list[_Use], stories: _Stories, ctx: CorpusContext) -> None:
        docs: dict[str, list[tuple[CorpusEntry, NameUse]]] = defaultdict(list)
        for entry, use, spelling in uses:
            docs[spelling].append((entry, use))
        if len(docs) < 2:
            return
        counts = {s: stories.count([e for e, _ in items]) for s, items in docs.items()}
        order = sorted(docs, key=lambda s: (-counts[s], docs[s][0][0].path, docs[s][0][0].doc_id))
        choice = self._corpus_choice(order, counts)
        if choice is None:
            return
        suggested, basis = choice
        summary = {s: counts[s] for s in order}
        for spelling in order:
            if surface(spelling) == surface(suggested):
                continue
            for entry, use in docs[spelling]:
                others = [(e, u) for s in order if s != spelling for e, u in docs[s] if not stories.same(e, entry)]
                if not others:
                    continue
                related = [Related(f'spelled "{u.spelling}" here', u.location, path=e.path) for e, u in others[:3]]
                n_docs = stories.count([e for e, u in others if surface(u.spelling) == surface(suggested)])
                where = f"in {n_docs} other article(s) of this run" if n_docs else "by the house style"
                ctx.report(
                    entry,
                    use.location,
                    f'"{use.spelling}" is spelled "{suggested}" {where}; use one spelling across articles',
                    flagged_text=use.spelling,
                    evidence={
                        "spelling": use.spelling,
                        "suggested": suggested,
                        "basis": basis,
                        "match": corpus_match_reason(spelling, suggested) or "house style",
                        "documents": summary,
                    },
                    related=related,
                    severity=self.options["corpus-severity"],
                )


# A name used this many times mid-sentence is a name even without a given name (Gaddafi, Kyiv).
_REPEATED_AS_NAME = 3
# Near-duplicate articles (one story syndicated, or one page read as HTML and as text) share most names.
_STORY_MIN_NAMES = 5
_STORY_OVERLAP = 0.5


def _clearly_a_name(role: str, tokens: list[NameToken], vocab: frozenset[str]) -> bool:
    """A surname of a full name, or a word repeated as a name; never a word the article also writes lower-case.

    Headline-case and sentence-initial uses prove nothing: every word is capitalised there.
    """
    if not tokens or tokens[0].text.casefold() in vocab:
        return False
    mid_sentence = sum(not t.sentence_initial for t in tokens)
    return mid_sentence > 0 and (role == "surname" or mid_sentence >= _REPEATED_AS_NAME)


def _word_hash(word: str) -> int:
    """A hash stable across worker processes (str hashes are salted per process)."""
    return zlib.crc32(word.encode("utf-8"))


def _strict_clusters(cluster: list[str], by_spelling: dict[str, list]) -> list[list[str]]:
    """Split a loose spelling cluster into groups whose every pair is a cross-article variant."""
    groups: list[list[str]] = []
    for spelling in sorted(cluster, key=lambda s: (-len(by_spelling[s]), s)):
        for group in groups:
            if all(corpus_match_reason(spelling, other) for other in group):
                group.append(spelling)
                break
        else:
            groups.append([spelling])
    return [g for g in groups if len(g) >= 2]


class _Stories:
    """Which entries are copies of one story: near-duplicates count once as evidence."""

    def __init__(self) -> None:
        self._names: dict[str, frozenset[str]] = {}

    def _spellings(self, entry: CorpusEntry) -> frozenset[str]:
        key = f"{entry.path}\0{entry.doc_id}"
        if key not in self._names:
            self._names[key] = frozenset(u.spelling for u in entry.data.uses)
        return self._names[key]

    def same(self, a: CorpusEntry, b: CorpusEntry) -> bool:
        if (a.path, a.doc_id) == (b.path, b.doc_id):
            return True
        na, nb = self._spellings(a), self._spellings(b)
        if min(len(na), len(nb)) < _STORY_MIN_NAMES:
            return False
        return len(na & nb) >= _STORY_OVERLAP * len(na | nb)

    def count(self, entries: list[CorpusEntry]) -> int:
        """Independent stories among ``entries`` (each joins the first earlier one it copies)."""
        heads: list[CorpusEntry] = []
        for entry in entries:
            if not any(self.same(entry, head) for head in heads):
                heads.append(entry)
        return len(heads)


_Use = tuple[CorpusEntry, NameUse, str]  # an article's use of a name and its run-wide spelling


def _corpus_entities(uses: list[_Use]) -> list[list[_Use]]:
    """Split one spelling cluster by person: different given names are different people.

    One-word uses join a person only when every full name in the cluster is that one
    person; otherwise (Bill and Hillary Clinton) they are ambiguous and left out.
    """
    people: list[list[_Use]] = []
    for item in (u for u in uses if u[1].role == "surname"):
        for person in people:
            if given_names_compatible(person[0][1].given, item[1].given):
                person.append(item)
                break
        else:
            people.append([item])
    short = [u for u in uses if u[1].role != "surname"]
    if not people:
        return [short]
    if len(people) == 1:
        people[0].extend(short)
    return people


@hookimpl
def copydesk_add_rules() -> list[type[Rule]]:
    return [InconsistentName]
