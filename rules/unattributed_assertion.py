"""Built-in rule CD301 unattributed-assertion: contested claims with no source, and weasel hedges."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

from linters import Block, Document, Rule, RuleContext, hookimpl
from linters.text.attribution import (
    AttributionFinder,
    Hedge,
    SentenceAttribution,
    carry_attribution,
    uncertainty_hedges,
)
from linters.text.claims import ClaimAssessment, ClaimCue, assess_claim
from linters.text.language import SAMPLE_CHARS, looks_english
from linters.text.sentences import MAX_SENTENCE_CHARS, Sentence, sentences, split_long

_THRESHOLDS = {"low": 3.0, "medium": 2.0, "high": 1.25}
_QUOTE_MIN_WORDS = 4  # shorter quotations are scare quotes or titles, not statements
_PHRASE_MIN_WORDS = 3  # a quoted phrase this long inside a sentence is likely somebody's words
# A quoted phrase adds to other claim cues but is no claim alone unless its own words carry one: set phrases
# and terms ("all you can eat", "not guilty by reason of insanity") look exactly like words lifted from a speaker.
_PHRASE_WEIGHT = 1.0
_SHORT_PHRASE_WEIGHT = 0.75  # one or two quoted words are often scare quotes
_QUOTED_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_NAMING_BEFORE = re.compile(
    r"\b(?:called|calls|call|dubbed|dubs|known\s+as|nicknamed?|nickname\s+of|termed|so-called|(?:term|phrase|word|words)"
    r"(?:\s+\w+){0,3}?(?:\s+(?:is|was|of))?|named|"
    r"titled|entitled|labell?ed|branded|slogan|hashtag|motto|sign|signs|song|chanted|chanting|reads?|read:)\W*$",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"[\s,]*([a-z][a-z'’-]*)")
_FUNCTION_AFTER = frozenset(
    """and or but nor to of in on at for with by as that which who whom whose is are was were be been has have had
    will would can could should may might must do does did from than because since while when where if after before
    despite about into over against between through during without under until unless though although so yet
    not also even just only still instead rather too either""".split()
)
_HEDGE_MISSING = {
    "hedging-adverb": "who reported or alleges it",
    "agentless-passive": "who believes, says or reported it",
    "vague-source": "the person or organisation behind the vague source",
    "uncertainty": "who holds this view, or the evidence for it",
}


_SPEAKERLESS = "quotation without a speaker"
_MAX_QUOTE_CUES = 20  # evidence of a merged quotation lists at most this many cues


@dataclass(slots=True)
class _OpenQuote:
    """A speakerless quotation that runs over several sentences of a paragraph: reported once, as a whole."""

    sentence: Sentence
    analysis: SentenceAttribution
    assessment: ClaimAssessment
    opens: bool = True  # the quotation is still open at the end of the last sentence taken in
    seen: set[tuple[str, str]] = field(default_factory=set)

    def extend(self, sent: Sentence, analysis: SentenceAttribution, assessment: ClaimAssessment | None) -> None:
        """Take in the next sentence of the quotation; narration after its closing mark stays outside."""
        end = sent.end
        if not analysis.opens_quote and not analysis.quote_only and analysis.quotes and analysis.quotes[0][0] == 0:
            end = sent.start + analysis.quotes[0][1]  # '... will not follow" as the army ...': stop at the mark
            assessment = None  # the cues of the narration are not the quotation's
        self.sentence = Sentence(self.sentence.block, self.sentence.start, end)
        self.opens = analysis.opens_quote
        if assessment is None:
            return
        self.assessment.score = max(self.assessment.score, assessment.score)
        if not self.seen:
            self.seen = {(c.kind, c.text) for c in self.assessment.cues}
        for cue in assessment.cues:
            if len(self.assessment.cues) >= _MAX_QUOTE_CUES:
                break
            if cue.text != _SPEAKERLESS and (cue.kind, cue.text) not in self.seen:
                self.seen.add((cue.kind, cue.text))
                self.assessment.cues.append(cue)


class Analysed(NamedTuple):
    """One sentence with its attribution analysis."""

    sentence: Sentence
    analysis: SentenceAttribution
    attributed: bool  # attributed itself or by a neighbour (carried)
    fragment: bool  # a piece of an over-long run with no sentence punctuation: hedges only, no claim score


def _lowercase_fragment(text: str, analysis: SentenceAttribution) -> bool:
    """Most of the quoted words sit in a quotation that starts in lower case, inside narration: a phrase worked
    into the sentence (a product label, a term), not a quoted statement. Quote spans come from the paragraph."""
    if analysis.quote_only or not analysis.quotes:
        return False
    start, end = max(analysis.quotes, key=lambda span: (span[1] - span[0], -span[0]))
    if start == 0:
        return False  # the sentence continues a quotation from the one before
    first = _QUOTED_WORD.search(text, start, end)
    return first is not None and first.group()[0].islower()


def _speakers_words(text: str, spans: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    """The longest quoted phrase that reads as somebody's words: (start, end, words), or None.

    Titles, names, slogans and full quotations start with a capital; a term is introduced by its
    name ("known as", "dubbed") or names the noun after it ("a 'tough on China' stance"). What is
    left, a lowercase phrase lifted from someone ("ripe for abuse", "a total lightweight"), needs a
    speaker like a full quotation does.
    """
    best: tuple[int, int, int] | None = None
    for start, end in spans:  # paired over the whole paragraph: a sentence alone can misread a closing mark
        words = _QUOTED_WORD.findall(text[start:end])
        if not words or not words[0][0].islower():
            continue
        if _NAMING_BEFORE.search(text[max(0, start - 40) : start]):
            continue
        after = _NEXT_WORD.match(text, end)
        if after and after.group(1) not in _FUNCTION_AFTER and not after.group(1).endswith(("ly", "ed")):
            continue  # a quoted modifier of the noun after it: a "green shoe" option
        if best is None or len(words) > best[2]:
            best = (start, end, len(words))
    return best


# "..., officials said." in a lede, with the officials named a paragraph or two later: wire style, not a weasel.
_LEDE_SOURCE = re.compile(
    r"(?:officials|authorities|police|researchers|scientists|diplomats|investigators|prosecutors)\s+"
    r"(?:said|say|says|told)|(?:said|say|says|told)\s+(?:officials|authorities|police|researchers|scientists|"
    r"diplomats|investigators|prosecutors)",
    re.IGNORECASE,
)
_NAMED_WITHIN = 2  # paragraphs after the vague source in which its name may follow


def _named_soon_after(analysed: list[Analysed]) -> set[int]:
    """Indexes of blocks followed, within ``_NAMED_WITHIN`` blocks, by a sentence with a particular source
    ("the team reported", "according to Cancer Research UK"): the lede's "researchers said" is named there."""
    named = sorted(
        {
            item.sentence.block.index
            for item in analysed
            if any(a.kind in ("verb", "phrase", "noun") for a in item.analysis.attributions)  # vague ones are hedges
        }
    )
    out: set[int] = set()
    for index in named:
        out.update(range(index - _NAMED_WITHIN, index))
    return out


def _leading_text(blocks: list[Block], limit: int) -> str:
    """The text of the first blocks, up to about ``limit`` characters."""
    parts, size = [], 0
    for block in blocks:
        if size >= limit:
            break
        parts.append(block.text)
        size += len(block.text) + 1
    return "\n".join(parts)


def _bounded(sents: list[Sentence]) -> list[tuple[Sentence, bool]]:
    """Sentences with over-long ones cut into pieces, so analysis costs stay linear in the text length."""
    out: list[tuple[Sentence, bool]] = []
    for sent in sents:
        if sent.end - sent.start <= MAX_SENTENCE_CHARS:
            out.append((sent, False))
        else:
            out += [(Sentence(sent.block, s, e), True) for s, e in split_long(sent.block.text, sent.start, sent.end)]
    return out


def _string_list(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string", "minLength": 1}, "default": [], "description": description}


class UnattributedAssertion(Rule):
    """Contested claims stated with no source, and weasel hedges that hide one.

    ## What it does
    Reads the article sentence by sentence. A sentence is *attributed* when it names
    who says so: a verb of saying or believing with a source ("Lavrov said",
    "the ministry denied", "Smith believes"), "according to ...", "citing ...",
    "in a statement", "data from ... show", a quotation with its speaker, a
    noun of saying with a named owner ("Trump's assertion that ...", "an
    accusation he made that ...", "the claim by the ministry that ..."), or a
    credit line ("..." ― Jane Doe). Attribution carries to the rest of a
    multi-sentence quote, to a quote-only paragraph right after "..., Zelenskyy
    said.", and to what a "...:" sentence introduces when it names a speaker or a
    text (a statement, a transcript).

    An unattributed sentence is flagged (evidence kind `claim`) when it is
    contestable enough: numbers and estimates, military action, accusations and
    legal wrongdoing, events under way or predicted, superlatives and records,
    causes and intentions, and words quoted with nobody named as their speaker. A
    whole quotation without a speaker is a claim by itself. A lowercase phrase
    lifted from someone, in a sentence with no verb of saying, adds to the other
    cues, and is a claim by itself only when its own words make one and nobody is
    named near it ("the levy is 'ripe for abuse'"): set phrases ("all you can
    eat") look just like lifted words. Titles, names and slogans (capitalised),
    terms ("known as 'hot tub lung'") and quoted modifiers ("a 'tough on crime'
    stance") are not somebody's words.
    Background (dated history, explanatory appositions), questions, the writer's
    framing ("Here is what we know", "This comes as ...", "could not be
    independently verified"), advice addressed to the reader ("you should ..."),
    measurements and specifications ("60 mph in 3.5 seconds") and short sentences
    without facts are left alone.

    Each finding's evidence says which kind it is, the cues (e.g. `military: advancing`,
    `toll: 10,000`), the score and threshold, the discounts applied, and what source is
    missing.

    The claim cues are English: an article in another language (judged by its
    commonest function words, or by a non-Latin script) gets no claim findings.

    Text that lost its sentence punctuation (a "sentence" longer than 2,000
    characters, such as a pasted word list) is read in pieces of at most that size
    for hedges only: a claim score over an arbitrary window would mean nothing.

    Weasel hedges are flagged (evidence kind `hedge`) even when a verb of saying is
    present: agentless passives ("it is believed", "is said to"), hedging adverbs
    ("reportedly", "allegedly") and vague sources ("critics say", "experts believe",
    "sources said") with nobody named. "Critics of the bill, including Senator Jane
    Doe, say ..." names its source and passes. Words inside quotation marks belong
    to the speaker and are not checked for hedges.

    ## Why is this bad?
    News standards require that contested facts carry a source so readers can
    judge them. An unsourced casualty figure or battlefield claim reads as the
    publisher's own assertion; "reportedly" tells the reader that someone said so
    without saying who.

    ## Example
    ```text
    The army is advancing on the city, where more than 10,000 troops are trapped.
    The summit was reportedly cancelled.
    ```

    Use instead:
    ```text
    The army is advancing on the city, where more than 10,000 troops are trapped, the defence ministry said.
    The summit was cancelled, the Kremlin said on Sunday.
    ```

    ## Options
    - `sensitivity` (`low` | `medium` | `high`, default `medium`): how contestable a
      sentence must be before it is flagged (claim score at least 3.0, 2.0 or 1.25).
    - `check-hedges` (default `true`): also flag weasel hedges.
    - `hedge-scope` (`sources` | `uncertainty`, default `sources`): `uncertainty` also flags vague
      quantities of people ("many", "some historians"), epistemic adverbs and verbs ("probably",
      "seems to") and peacock phrases ("one of the finest"), the Wikipedia notion of weasel words.
      Measured on the CoNLL-2010 Wikipedia evaluation set, `uncertainty` scores F1 0.58 (P 0.83,
      R 0.45) and `sources` F1 0.22 (P 0.96, R 0.12); on 181 published news articles `uncertainty`
      raises hedge findings from 1.4 to 6.1 per 100 sentences and articles with a finding from 49%
      to 72%, so `sources` (hedges that hide who says so) is the default for news.
    - `reporting-verbs`: extra verbs of saying (lemmas, every tense is derived), e.g. `["retort"]`.
    - `source-phrases`: extra phrases that attribute, e.g. `["in a communique"]`.
    - `vague-sources`: extra nouns that count as a vague source, e.g. `["bloggers"]`.
    - `hedge-adverbs`: extra hedging adverbs, e.g. `["ostensibly"]`.
    - `claim-words`: extra words or phrases that make a sentence claim-like, e.g. `["annexed"]`.
    - `min-words` (default 8): sentences shorter than this need a number to count as a claim.
    - `block-kinds` (default `["paragraph", "list_item"]`): block kinds to check (headings,
      captions and block quotes are skipped by default).

    Opinion sections can be switched off with the configuration's per-path overrides.
    """

    code: ClassVar[str] = "CD301"
    name: ClassVar[str] = "unattributed-assertion"
    summary: ClassVar[str] = "Contested claim without a source, or a weasel hedge hiding one"
    default_severity: ClassVar[str] = "warning"
    tags: ClassVar[tuple[str, ...]] = ("sourcing", "journalism")
    options_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "sensitivity": {
                "type": "string",
                "enum": sorted(_THRESHOLDS),
                "default": "medium",
                "description": "How contestable an unattributed sentence must be to be flagged.",
            },
            "check-hedges": {"type": "boolean", "default": True, "description": "Flag weasel hedges."},
            "hedge-scope": {
                "type": "string",
                "enum": ["sources", "uncertainty"],
                "default": "sources",
                "description": "'sources': hedges that hide a source; 'uncertainty': also vague quantities "
                "('many', 'some experts'), epistemic adverbs and verbs ('probably', 'seems to').",
            },
            "reporting-verbs": _string_list("Extra verbs of saying (lemmas); every tense is derived."),
            "source-phrases": _string_list("Extra phrases that attribute a sentence (like 'according to')."),
            "vague-sources": _string_list("Extra nouns that count as a vague, unnamed source."),
            "hedge-adverbs": _string_list("Extra hedging adverbs that hide a source."),
            "claim-words": _string_list("Extra words or phrases that make a sentence claim-like."),
            "min-words": {
                "type": "integer",
                "minimum": 1,
                "default": 8,
                "description": "Sentences with fewer words need a number to count as a claim.",
            },
            "block-kinds": {
                "type": "array",
                "items": {"type": "string"},
                "default": ["paragraph", "list_item"],
                "description": "Block kinds whose sentences are checked.",
            },
        },
    }

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        super().__init__(options)
        opts = self.options
        self.finder = AttributionFinder(
            extra_verbs=opts["reporting-verbs"],
            extra_phrases=opts["source-phrases"],
            extra_vague_sources=opts["vague-sources"],
            extra_hedge_adverbs=opts["hedge-adverbs"],
        )
        self.threshold = _THRESHOLDS[opts["sensitivity"]]
        self.extra_cues = {"custom": tuple(opts["claim-words"])} if opts["claim-words"] else None

    def analyse(self, doc: Document) -> list[Analysed]:
        """Every body sentence with its attribution analysis and whether it is attributed (carried included).

        A "sentence" longer than ``MAX_SENTENCE_CHARS`` (text that lost its full stops) is analysed in pieces.
        """
        items = _bounded([sent for sent in sentences(doc) if sent.block.kind != "code"])  # code is never prose
        analyses: list[SentenceAttribution] = []
        i = 0
        while i < len(items):
            block = items[i][0].block
            j = i
            while j < len(items) and items[j][0].block is block:
                j += 1
            analyses.extend(self.finder.analyse_block(block.text, [(s.start, s.end) for s, _ in items[i:j]]))
            i = j
        attributed = carry_attribution([(s.block.index, a) for (s, _), a in zip(items, analyses, strict=True)])
        return [
            Analysed(sent, analysis, carried, fragment)
            for (sent, fragment), analysis, carried in zip(items, analyses, attributed, strict=True)
        ]

    def assess(self, text: str, analysis: SentenceAttribution | None = None) -> ClaimAssessment:
        """Claim score of an unattributed sentence; a quotation with no speaker counts as a claim by itself."""
        result = assess_claim(text, extra_cues=self.extra_cues, min_words=self.options["min-words"])
        if (
            analysis is not None
            and analysis.quoted_words >= _QUOTE_MIN_WORDS
            and (analysis.quote_only or (analysis.quoted_share >= 0.5 and not analysis.actor))
            and result.exempt in (None, "short", "first-person")
            and not _lowercase_fragment(text, analysis)
        ):
            result.exempt = None
            result.cues.insert(0, ClaimCue("quotation", _SPEAKERLESS, 0, 0, self.threshold))
            result.score = round(result.score + self.threshold, 2)
        elif analysis is not None and analysis.quoted_words and result.exempt is None:
            phrase = _speakers_words(text, analysis.quotes)
            if phrase is not None and self.finder.speech_word(text, analysis.quotes) is None:
                start, end, words = phrase
                weight = self._phrase_weight(text[start:end], words, analysis)
                if result.exempt is None:
                    result.cues.insert(0, ClaimCue("quotation", text[start:end], start, end, weight))
                    result.score = round(result.score + weight, 2)
            elif analysis.quoted_words >= _QUOTE_MIN_WORDS and result.exempt is None:
                result.cues.insert(0, ClaimCue("quotation", "quoted words without a speaker", 0, 0, 1.0))
                result.score = round(result.score + 1.0, 2)
        return result

    def _phrase_weight(self, phrase: str, words: int, analysis: SentenceAttribution) -> float:
        """A claim by itself when the quoted words make one ("ripe for abuse") and nobody is named near them."""
        if words < _PHRASE_MIN_WORDS:
            return _SHORT_PHRASE_WEIGHT
        if not analysis.actor and assess_claim(phrase, extra_cues=self.extra_cues, min_words=1).cues:
            return self.threshold
        return _PHRASE_WEIGHT

    def hedges(self, text: str, analysis: SentenceAttribution) -> list[Hedge]:
        """The hedges to report in a sentence under the configured scope, in text order."""
        if not self.options["check-hedges"]:
            return []
        found = list(analysis.hedges)
        if self.options["hedge-scope"] == "uncertainty":
            taken = [(h.start, h.end) for h in found]
            for extra in uncertainty_hedges(text, analysis.quotes):
                if not any(s < extra.end and extra.start < e for s, e in taken):
                    found.append(extra)
        return sorted(found, key=lambda h: (h.start, h.end))

    def check(self, doc: Document, ctx: RuleContext) -> None:
        kinds = set(self.options["block-kinds"])
        english = looks_english(_leading_text([b for b in doc.body_blocks() if b.kind in kinds], SAMPLE_CHARS))
        quote: _OpenQuote | None = None  # a speakerless quotation still open at the end of the last sentence
        analysed = self.analyse(doc)
        named_next = _named_soon_after(analysed)
        for sent, analysis, attributed, fragment in analysed:
            if quote is not None and (sent.block is not quote.sentence.block or not quote.opens or attributed):
                self._report_claim(ctx, quote.sentence, quote.analysis, quote.assessment)
                quote = None
            if sent.block.kind not in kinds:
                continue
            hedges = [] if sent.text.rstrip("\"'”’)").endswith("?") else self.hedges(sent.text, analysis)
            if sent.block.index in named_next:  # "..., officials said." with the officials named just after
                kept = [h for h in hedges if not _LEDE_SOURCE.fullmatch(h.cue)]
                attributed = attributed or len(kept) < len(hedges)
                hedges = kept
            for hedge in hedges:
                self._report_hedge(ctx, sent, hedge)
            if quote is not None:  # the rest of that quotation: one finding for all of it
                quote.extend(sent, analysis, None if hedges or fragment else self.assess(sent.text, analysis))
                continue
            if hedges or attributed or fragment or not english:
                continue  # a fragment is no sentence: its hedges are real cues, a claim score over it is not
            assessment = self.assess(sent.text, analysis)
            if assessment.exempt or assessment.score < self.threshold:
                continue
            if analysis.opens_quote and any(c.text == _SPEAKERLESS for c in assessment.cues):
                quote = _OpenQuote(sent, analysis, assessment)
            else:
                self._report_claim(ctx, sent, analysis, assessment)
        if quote is not None:
            self._report_claim(ctx, quote.sentence, quote.analysis, quote.assessment)

    def _report_hedge(self, ctx: RuleContext, sent: Sentence, hedge: Hedge) -> None:
        missing = _HEDGE_MISSING[hedge.kind]
        ctx.report(
            sent.block.span(sent.start + hedge.start, sent.start + hedge.end),
            f"Weasel hedge '{hedge.cue}' ({hedge.kind.replace('-', ' ')}) hides the source: name {missing}",
            evidence={"kind": "hedge", "hedge": hedge.kind, "cues": [hedge.cue], "missing": missing},
        )

    def _report_claim(
        self, ctx: RuleContext, sent: Sentence, analysis: SentenceAttribution, assessment: ClaimAssessment
    ) -> None:
        cues = assessment.cue_summary()
        shown = "; ".join(f"{kind}: {', '.join(texts[:2])}" for kind, texts in list(assessment.by_kind().items())[:3])
        missing = "a speaker for the quotation" if analysis.quoted_share > 0 else "who says so (a named source)"
        ctx.report(
            sent.block.span(sent.start, sent.end),
            f"Unattributed claim ({shown}): add {missing}, e.g. 'according to ...' or '..., officials said'",
            evidence={
                "kind": "claim",
                "score": assessment.score,
                "threshold": self.threshold,
                "cues": cues,
                "discounts": list(assessment.discounts),
                "missing": missing,
            },
        )


@hookimpl
def copydesk_add_rules() -> list[type[Rule]]:
    return [UnattributedAssertion]
