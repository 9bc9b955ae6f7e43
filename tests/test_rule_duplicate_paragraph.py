"""Rule duplicate-paragraph (CD101): fictional articles, positive and negative, in every input format."""

from __future__ import annotations

import json
import math
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linters.report import Finding, Fix
from linters.testing import _host, lint
from linters.text.normalize import comparison_key, normalize, strip_credit_tag
from rules.duplicate_paragraph import DuplicateParagraph

# -- fictional articles -------------------------------------------------------

LEDE = (
    "Flood water rose overnight in the river town of Arlen, forcing 300 families from their homes "
    "and closing the old stone bridge to traffic, the county emergency office said on Sunday."
)
SHELTERS = (
    "Emergency crews opened two shelters, one at Arlen High School and one at the community hall on "
    "Mill Lane, and asked residents of the lower town to move their cars to higher ground."
)
QUOTE = (
    '"The river has not been this high since the spring of 1998, and it is still rising," said Marta '
    "Ellison, who runs the county emergency office."
)
RAIN = (
    "Forecasters expect another 40 kilometres of rain clouds to pass over the valley on Monday "
    "before the weather clears."
)
COUNCIL = "The county council will meet on Tuesday to decide whether to release money from its emergency fund."
SCHOOLS = "All four primary schools in the lower town will stay closed until the water has gone down, the council said."
ROADS = "The coast road between Arlen and Brinemouth was closed after a landslip near the quarry on Saturday night."


def text_of(*paragraphs: str) -> str:
    """One paragraph per line, as CMS text exports are: paragraph k sits on line k+1."""
    return "\n".join(paragraphs) + "\n"


def apply(text: str, fix: Fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


def lines(finding: Finding) -> tuple[int, int]:
    return finding.location.line, finding.location.end_line


def related_lines(finding: Finding) -> tuple[int, int]:
    [rel] = finding.related
    assert rel.message == "first occurrence"
    return rel.location.line, rel.location.end_line


def check(text: str, fmt: str = "text", **options: object) -> list[Finding]:
    return lint(text, DuplicateParagraph, fmt, options)


# -- the seed shape: a body pasted twice ----------------------------------------


def test_body_pasted_twice_is_one_run_finding_over_the_second_copy() -> None:
    body = [SHELTERS, QUOTE, RAIN, COUNCIL]
    text = text_of("Arlen: " + LEDE, *body, *body, "You may also like", "Ten garden birds to look out for this winter")
    [finding] = check(text)
    assert lines(finding) == (6, 9)
    assert related_lines(finding) == (2, 5)
    assert (finding.location.column, finding.location.end_column) == (1, len(COUNCIL) + 1)
    assert finding.evidence == {
        "kind": "run",
        "similarity": 1.0,
        "run_length": 4,
        "first_length": 4,
        "whole_body": True,
    }
    assert finding.severity == "error"
    assert "pasted twice" in finding.message
    assert finding.fix is not None and finding.fix.safety == "safe"
    assert len(finding.fix.edits) == 1  # the repeated run goes in one piece
    assert apply(text, finding.fix) == text_of(
        "Arlen: " + LEDE, *body, "You may also like", "Ten garden birds to look out for this winter"
    )


def test_run_inside_a_longer_article_is_one_finding_not_one_per_paragraph() -> None:
    text = text_of(LEDE, SHELTERS, QUOTE, RAIN, COUNCIL, SCHOOLS, ROADS, SHELTERS, QUOTE, RAIN)
    [finding] = check(text)
    assert lines(finding) == (8, 10)
    assert related_lines(finding) == (2, 4)
    assert finding.evidence["kind"] == "run"
    assert finding.evidence["run_length"] == 3
    assert finding.evidence["whole_body"] is False
    assert "3 consecutive paragraphs" in finding.message
    assert apply(text, finding.fix) == text_of(LEDE, SHELTERS, QUOTE, RAIN, COUNCIL, SCHOOLS, ROADS)


def test_run_steps_over_an_ad_slot_inside_the_copy() -> None:
    text = text_of(LEDE, SHELTERS, QUOTE, RAIN, COUNCIL, SCHOOLS, ROADS, SHELTERS, "Advertisement", QUOTE, RAIN)
    [finding] = check(text)
    assert lines(finding) == (8, 11)
    assert (finding.evidence["run_length"], finding.evidence["similarity"]) == (3, 1.0)
    assert finding.fix.safety == "safe"
    assert apply(text, finding.fix) == text_of(LEDE, SHELTERS, QUOTE, RAIN, COUNCIL, SCHOOLS, ROADS, "Advertisement")


def test_reflowed_copy_with_two_paragraphs_merged_is_still_one_run() -> None:
    text = text_of(LEDE, SHELTERS, QUOTE, RAIN, COUNCIL, SCHOOLS, ROADS, SHELTERS + " " + QUOTE, RAIN)
    [finding] = check(text)
    assert lines(finding) == (8, 9)
    assert related_lines(finding) == (2, 4)
    assert finding.evidence["kind"] == "run"
    assert (finding.evidence["run_length"], finding.evidence["first_length"]) == (2, 3)
    assert finding.fix.safety == "unsafe"  # a re-flowed copy is not byte-identical
    assert apply(text, finding.fix) == text_of(LEDE, SHELTERS, QUOTE, RAIN, COUNCIL, SCHOOLS, ROADS)


def test_copy_split_into_two_paragraphs_is_still_one_run() -> None:
    first_half, second_half = SHELTERS.split(", and asked ")
    text = text_of(LEDE, SHELTERS, QUOTE, COUNCIL, SCHOOLS, first_half + ",", "and asked " + second_half, QUOTE)
    [finding] = check(text)
    assert lines(finding) == (6, 8)
    assert related_lines(finding) == (2, 3)
    assert (finding.evidence["run_length"], finding.evidence["first_length"]) == (3, 2)


# -- a paragraph pasted more than once ------------------------------------------------


def test_paragraph_pasted_three_times_reports_each_later_copy() -> None:
    text = text_of(LEDE, LEDE, LEDE, SHELTERS)
    findings = check(text)
    assert [lines(f) for f in findings] == [(2, 2), (3, 3)]
    assert [related_lines(f) for f in findings] == [(1, 1), (1, 1)]
    assert all(f.evidence["kind"] == "exact" and f.fix.safety == "safe" for f in findings)


def test_paragraph_pasted_three_times_between_other_paragraphs_points_at_the_first() -> None:
    text = text_of(SHELTERS, QUOTE, SHELTERS, COUNCIL, SHELTERS)
    findings = check(text)
    assert [lines(f) for f in findings] == [(3, 3), (5, 5)]
    assert [related_lines(f) for f in findings] == [(1, 1), (1, 1)]


# -- cost --------------------------------------------------------------------------------

#: Made-up words, 500 of them, so that the paragraphs below share little but their stock opening and closing.
VOCABULARY = [
    a + b + c
    for a in ("bra", "cle", "dro", "fen", "gal", "hov", "mir", "pol", "sud", "tor")
    for b in ("a", "e", "i", "o", "u")
    for c in ("ck", "ld", "mp", "nt", "rn", "sh", "st", "th", "x", "ve")
]


def stock_paragraphs(count: int, rng: random.Random) -> list[str]:
    """Different paragraphs that all open and close on the same stock words, as attributed news copy does."""
    paragraphs = []
    for _ in range(count):
        middle = " ".join(rng.choices(VOCABULARY, k=rng.choice((8, 30, 70))))
        paragraphs.append(f"The county council said on Tuesday that {middle}, a spokesman said.")
    return paragraphs


def comparisons(paragraphs: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """How many similarity scores the rule computes for an article."""
    import rules.duplicate_paragraph as module

    calls = 0
    real = module.fuzz.ratio

    def counting(*args: object, **kwargs: object) -> float:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(module.fuzz, "ratio", counting)
        check(text_of(*paragraphs))
    return calls


def test_work_grows_linearly_when_many_paragraphs_share_their_opening_and_closing_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(5)
    small = comparisons(stock_paragraphs(200, rng), monkeypatch)
    large = comparisons(stock_paragraphs(400, rng), monkeypatch)
    assert large <= 2.5 * small


# -- single paragraphs -------------------------------------------------------------


def test_exact_repeat_after_normalising_typography_case_and_credit() -> None:
    typeset = QUOTE.replace('"', "“", 1).replace(',"', ",”", 1).replace(" ", "\u00a0", 3)
    copy = typeset.upper().replace("1998, AND", "1998,  AND") + " (Reuters)"
    text = text_of(LEDE, QUOTE, COUNCIL, copy, SCHOOLS)
    [finding] = check(text)
    assert lines(finding) == (4, 4)
    assert related_lines(finding) == (2, 2)
    assert finding.evidence == {"kind": "exact", "similarity": 1.0, "run_length": 1}
    assert finding.fix.safety == "safe"
    assert apply(text, finding.fix) == text_of(LEDE, QUOTE, COUNCIL, SCHOOLS)


def test_near_repeat_with_light_edits_reports_its_similarity() -> None:
    edited = RAIN.replace("kilometres", "km").replace("another ", "").replace(" on Monday", " Monday")
    text = text_of(LEDE, RAIN, SHELTERS, COUNCIL, edited)
    [finding] = check(text)
    assert lines(finding) == (5, 5)
    assert related_lines(finding) == (2, 2)
    assert finding.evidence["kind"] == "near"
    assert 0.85 <= finding.evidence["similarity"] < 1.0
    assert f"{int(finding.evidence['similarity'] * 100)}% similar" in finding.message
    assert finding.fix.safety == "unsafe"
    assert apply(text, finding.fix) == text_of(LEDE, RAIN, SHELTERS, COUNCIL)


def test_copy_that_differs_only_in_punctuation_is_word_for_word() -> None:
    text = text_of(LEDE, SHELTERS, COUNCIL, LEDE.replace(",", "", 2))
    [finding] = check(text)
    assert finding.evidence == {"kind": "exact", "similarity": 1.0, "run_length": 1}
    assert "word for word" in finding.message


def test_heavily_punctuated_copy_is_exact_not_zero_percent_similar() -> None:
    shouted = " ... ".join(f"'{word}'" for word in COUNCIL.rstrip(".").split()) + "!!!"
    text = text_of(COUNCIL, LEDE, SHELTERS, shouted)
    [finding] = check(text)
    assert lines(finding) == (4, 4)
    assert finding.evidence["similarity"] == 1.0
    assert "%" not in finding.message


def test_copy_with_other_punctuation_is_never_reported_below_the_threshold() -> None:
    spaced = "Mayor Ruth Okafor (who took office in May) said: the bridge -- built in 1887 -- is safe; the road is not."
    dotted = (
        "Mayor Ruth Okafor ... who took office in May ... said ... the bridge ... built in 1887 ... is safe "
        "... the road ... is not ..."
    )
    [finding] = check(text_of(spaced, LEDE, SHELTERS, dotted))
    assert (finding.evidence["kind"], finding.evidence["similarity"]) == ("exact", 1.0)
    [near] = check(text_of(spaced, LEDE, SHELTERS, dotted.replace("is not", "is shut for now")))
    assert near.evidence["kind"] == "near"
    assert 0.85 <= near.evidence["similarity"] < 1.0
    assert f"{math.floor(near.evidence['similarity'] * 100)}% similar" in near.message


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.8, 0.85, 0.9, 0.95]))
def test_reported_similarity_never_falls_below_the_threshold(seed: int, threshold: float) -> None:
    rng = random.Random(seed)
    words = RAIN.split()
    for _ in range(rng.randint(1, 5)):
        k = rng.randrange(len(words))
        if rng.random() < 0.5:
            del words[k]
        else:
            words.insert(k, rng.choice(["-", "...", ";", "rather", "(", ")"]))
    text = text_of(RAIN, SHELTERS, COUNCIL, " ".join(words))
    for finding in check(text, **{"similarity-threshold": threshold}):
        assert finding.evidence["similarity"] >= threshold
        shown = re.search(r"(\d+)% similar", finding.message)
        assert shown is None or int(shown.group(1)) >= math.floor(threshold * 100)


def test_near_identical_paragraphs_with_different_numbers_are_conflicting_facts() -> None:
    first = "At least 12 people were killed when a bus left the mountain road near Dravo on Friday, police said."
    later = first.replace("12", "21")
    text = text_of(first, SHELTERS, COUNCIL, later)
    [finding] = check(text)
    assert lines(finding) == (4, 4)
    assert related_lines(finding) == (1, 1)
    assert finding.evidence["kind"] == "conflicting-facts"
    assert finding.evidence["numbers"] == [{"first": ["12"], "later": ["21"]}]
    assert "12 in the first copy vs 21 here" in finding.message
    assert finding.fix.safety == "unsafe"


def test_run_containing_a_changed_number_says_which_numbers_differ() -> None:
    text = text_of(SHELTERS, LEDE, QUOTE, COUNCIL, SCHOOLS, LEDE.replace("300", "350"), QUOTE)
    [finding] = check(text)
    assert finding.evidence["kind"] == "run"
    assert finding.evidence["numbers"] == [{"first": ["300"], "later": ["350"]}]
    assert "numbers differ: 300 in the first copy vs 350 here" in finding.message


# -- sentences ------------------------------------------------------------------------


def test_sentence_pasted_into_another_paragraph_is_a_warning() -> None:
    sentence = "The bridge inspectors found cracks in two of the three arches and closed the footpath for good."
    first = f"Engineers visited the old stone bridge on Saturday. {sentence} Repairs could take a year."
    later = f"Shop owners on Bridge Street fear a long closure. {sentence}"
    text = text_of(LEDE, first, COUNCIL, later)
    [finding] = check(text)
    assert finding.severity == "warning"
    assert finding.evidence == {"kind": "sentence", "similarity": 1.0, "run_length": 1}
    start = later.index(sentence)
    assert (finding.location.line, finding.location.column) == (4, start + 1)
    assert (finding.location.end_line, finding.location.end_column) == (4, start + len(sentence) + 1)
    [rel] = finding.related
    assert (rel.location.line, rel.location.column) == (2, first.index(sentence) + 1)
    assert apply(text, finding.fix) == text_of(
        LEDE, first, COUNCIL, "Shop owners on Bridge Street fear a long closure."
    )


def test_consecutive_repeated_sentences_are_one_finding() -> None:
    one = "The bridge inspectors found cracks in two of the three arches and closed the footpath for good."
    two = "A temporary crossing for pedestrians will be built downstream of the weir by the end of the month."
    first = f"Engineers visited the old stone bridge on Saturday. {one} {two} Repairs could take a year."
    later = f"Shop owners on Bridge Street fear a long closure. {one} {two} Some have already cut their hours."
    [finding] = check(text_of(LEDE, first, COUNCIL, later))
    assert finding.evidence["run_length"] == 2
    assert finding.message.startswith("2 sentences repeat sentences from another paragraph")
    start = later.index(one)
    assert (finding.location.column, finding.location.end_column) == (start + 1, start + len(one) + len(two) + 2)


def test_repeated_quotation_is_not_a_sentence_duplicate() -> None:
    said = "“We will not reopen the bridge until every arch has been repaired and tested,” the engineer said."
    first = f"Engineers visited the old stone bridge on Saturday. {said} Repairs could take a year."
    later = f"Shop owners on Bridge Street fear a long closure after the announcement. {said}"
    assert check(text_of(LEDE, first, COUNCIL, later)) == []


def test_sentence_check_can_be_switched_off() -> None:
    sentence = "The bridge inspectors found cracks in two of the three arches and closed the footpath for good."
    text = text_of(f"Engineers came on Saturday. {sentence} Repairs could take a year.", f"Shops fear it. {sentence}")
    assert len(check(text)) == 1
    assert check(text, **{"check-sentences": False}) == []


def test_sentence_severity_is_one_below_the_configured_severity() -> None:
    sentence = "The bridge inspectors found cracks in two of the three arches and closed the footpath for good."
    text = text_of(f"Engineers came on Saturday. {sentence} Repairs could take a year.", f"Shops fear it. {sentence}")
    from linters.checking import ActiveRule, run_rules
    from linters.testing import read

    [doc] = read(text)
    findings, _, _ = run_rules(doc, [ActiveRule(DuplicateParagraph(), "warning")])
    assert [f.severity for f in findings] == ["info"]


# -- not duplicates -----------------------------------------------------------------------


PULL = "Nobody in the lower town remembers the river rising this fast in a single night."
QUESTION = "What first made you want to open a bakery in a town as small as Arlen, and would you do it again?"
ANSWERS = [
    "I grew up above my grandmother's shop, so flour was always part of my life and I never wanted an office job.",
    "Honestly, the rent. A shop on the high street cost less than a flat in the city, so the choice made itself.",
    "My husband and I moved here for the school, and there was nowhere to buy decent bread on a Sunday morning.",
]
SHELTER_HOURS = [
    "Arlen High School shelter: open from 6am until 10pm, hot meals at noon and 6pm",
    "Mill Lane community hall: open from 7am until 11pm, hot meals at noon and 7pm",
    "Brinemouth sports centre: open from 6am until 10pm, hot meals at noon and 6pm",
]
POLL = [
    f"You can vote for {name} in the reader poll on the last page of this article!"
    for name in ("Olga", "Marta", "Olga", "Irena", "Dana")
]
BAKES = [
    f"Contestant {k} baked a {cake} for the judges on Saturday afternoon in the town square."
    for k, cake in enumerate(("plum tart", "honey cake", "rye loaf", "poppy-seed roll", "cheesecake"))
]
GAUGES = (
    "River levels in this update come from the county flood office, which reads its twelve gauges every "
    "fifteen minutes and posts the figures on its website."
)
SCHOOLS_SHUT = "The lower-town schools stay shut until Friday, the council said."
PACKING = (
    "Bring warm clothes, a torch, drinking water and any medicine you need for three days to the shelter at "
    "Arlen High School."
)
STATEMENT = "[Read the county emergency office's full statement on the flood](https://arlen.invalid/statement)"

#: Articles with look-alike text that is not a copy-paste accident (textlint-tester's "valid" table).
VALID = {
    "template paragraphs, different day and place": (
        text_of(
            "The mobile library will stop at the village hall in Upper Arlen on Monday from 10am until noon.",
            "The mobile library will stop at the village hall in Lower Arlen on Tuesday from 10am until noon.",
            "The mobile library will stop at the village hall in Brinemouth on Wednesday from 10am until noon.",
            COUNCIL,
        ),
        "text",
    ),
    "similar paragraphs naming different people": (
        text_of(
            "Councillor Anna Verhoeven voted against the plan, saying the town could not afford a second bridge.",
            LEDE,
            "Councillor Pieter Lindqvist voted against the plan, saying the town could not afford a second bridge.",
        ),
        "text",
    ),
    "short sentence contained in a longer paragraph": (
        text_of(
            "Police are investigating.",
            LEDE,
            "Two men were seen running from the warehouse shortly after midnight. Police are investigating.",
        ),
        "text",
    ),
    "one-sentence pull quote repeating a sentence of a longer paragraph": (
        text_of(LEDE, f"Residents spoke of shock. {PULL} Many left with only a bag.", PULL, COUNCIL),
        "text",
    ),
    "quotes sharing only the he-said tail": (
        text_of(
            '"We have moved everyone out of the lower town," he said.',
            '"The water is coming up faster than last year," he said.',
            '"Nobody should drive across the bridge tonight," he said.',
            LEDE,
        ),
        "text",
    ),
    "parallel list items (markdown)": (
        "# Shelter opening hours\n\n" + "".join(f"- {item}\n" for item in SHELTER_HOURS),
        "markdown",
    ),
    "parallel list items (text bullets)": (text_of(LEDE, *(f"- {item}" for item in SHELTER_HOURS)), "text"),
    "parallel list items (html)": (
        f"<article><p>{LEDE}</p><ul>" + "".join(f"<li>{item}</li>" for item in SHELTER_HOURS) + "</ul></article>",
        "html",
    ),
    "dek and caption restating the body (html)": (
        "<html><body><article><h1>Arlen flood</h1>"
        f'<p class="article-dek">{LEDE}</p><p>{LEDE}</p><p>{SHELTERS}</p>'
        f'<figure><img src="bridge.jpg" alt=""><figcaption>{SHELTERS}</figcaption></figure>'
        f"<p>{COUNCIL}</p></article></body></html>",
        "html",
    ),
    "repeated link lines (markdown)": (
        f"{LEDE}\n\n{STATEMENT}\n\n{SHELTERS}\n\n{COUNCIL}\n\n{STATEMENT}\n",
        "markdown",
    ),
    "interview question recurring three times": (
        text_of(LEDE, QUESTION, ANSWERS[0], QUESTION, ANSWERS[1], QUESTION, ANSWERS[2]),
        "text",
    ),
    "template line repeated for two people with the same name": (
        text_of(*(x for pair in zip(BAKES, POLL, strict=True) for x in pair)),
        "text",
    ),
    "live blog note closing every update": (
        text_of("10:40 a.m.", LEDE, GAUGES, "10:15 a.m.", SHELTERS, GAUGES, "9:50 a.m.", RAIN, GAUGES),
        "text",
    ),
    "short line recurring three times": (
        text_of(LEDE, SCHOOLS_SHUT, SHELTERS, SCHOOLS_SHUT, COUNCIL, SCHOOLS_SHUT),
        "text",
    ),
    "long list item recurring three times": (
        text_of(LEDE, f"- {PACKING}", SHELTERS, f"- {PACKING}", COUNCIL, f"- {PACKING}"),
        "text",
    ),
    "headings and short lines": (
        text_of("Weather", LEDE, "Weather", SHELTERS, "What happens next", COUNCIL, "What happens next"),
        "text",
    ),
    "clean article": (text_of(LEDE, SHELTERS, QUOTE, RAIN, COUNCIL, SCHOOLS, ROADS), "text"),
}


@pytest.mark.parametrize(("text", "fmt"), VALID.values(), ids=VALID.keys())
def test_look_alikes_that_are_not_copies_are_not_reported(text: str, fmt: str) -> None:
    assert check(text, fmt) == []


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Story continues below advertisement",
        "Photo: Jonas Brandt/Reuters",
        "(Photo by Elena Marsh/Getty Images)",
        "Updated 3:45 p.m. ET, Monday, March 4, 2024",
        "Published 2 hours ago",
        "Sign up for the Arlen Evening newsletter to get the day's local news in your inbox",
    ],
)
def test_recurring_boilerplate_lines_are_not_duplicates(line: str) -> None:
    text = text_of(LEDE, line, SHELTERS, line, COUNCIL, line)
    assert check(text) == []


def test_boilerplate_patterns_are_configurable() -> None:
    promo = "Listen to the Arlen Weekly podcast every Friday on all major podcast apps and our website."
    text = text_of(LEDE, promo, SHELTERS, COUNCIL, promo)
    [finding] = check(text)
    assert finding.evidence["kind"] == "exact"
    assert check(text, **{"extend-boilerplate-patterns": [r"listen to the arlen weekly podcast.*"]}) == []
    # replacing the default list drops the defaults: a long photo credit counts again
    credit = "Photo: Jonas Brandt for the Arlen Evening Post, taken from the old stone bridge at dawn."
    assert check(text_of(credit, LEDE, credit)) == []
    assert len(check(text_of(credit, LEDE, credit), **{"boilerplate-patterns": []})) == 1


# -- options -----------------------------------------------------------------------------------


def test_options_schema_is_valid_and_documented() -> None:
    schema = DuplicateParagraph.options_schema
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name)
        assert "default" in prop and prop["description"]
        jsonschema.validate({name: prop["default"]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"similarity-threshold": 1.5}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"similarity_threshold": 0.9}, schema)


def test_similarity_threshold_option_decides_what_is_near() -> None:
    edited = RAIN.replace("kilometres", "km").replace("another ", "").replace(" on Monday", " Monday")
    text = text_of(LEDE, RAIN, SHELTERS, COUNCIL, edited)
    similarity = check(text)[0].evidence["similarity"]
    assert check(text, **{"similarity-threshold": min(1.0, similarity + 0.02)}) == []


def test_min_length_option_decides_which_short_paragraphs_count() -> None:
    short = "The bridge stays closed until Friday."  # 37 characters
    text = text_of(LEDE, short, SHELTERS, short)
    assert check(text) == []
    [finding] = check(text, **{"min-length": 30})
    assert lines(finding) == (4, 4)


def test_invalid_boilerplate_pattern_is_a_clear_rule_error() -> None:
    with pytest.raises(RuntimeError, match="not a valid regular expression"):
        check(text_of(LEDE, LEDE), **{"extend-boilerplate-patterns": ["(unclosed"]})


# -- every input format ------------------------------------------------------------------------


def test_markdown_run_is_found_with_source_lines() -> None:
    text = (
        "---\ntitle: Arlen flood\n---\n\n# Arlen flood\n\n"
        f"{LEDE}\n\n{SHELTERS}\n\n## What next\n\n{COUNCIL}\n\n{LEDE}\n\n{SHELTERS}\n"
    )
    [finding] = check(text, "markdown")
    assert lines(finding) == (15, 17)
    assert related_lines(finding) == (7, 9)
    assert finding.evidence["run_length"] == 2
    assert apply(text, finding.fix).rstrip("\n").endswith(COUNCIL)


def test_html_duplicate_points_into_the_markup() -> None:
    text = (
        "<html><body><nav><a href='/'>Home</a></nav><article>\n<h1>Arlen flood</h1>\n"
        f"<p>{LEDE}</p>\n<p>{SHELTERS}</p>\n<p>{COUNCIL}</p>\n<p>{SHELTERS}</p>\n</article></body></html>\n"
    )
    [finding] = check(text, "html")
    assert lines(finding) == (6, 6)
    assert finding.location.column == 4  # after "<p>"
    assert related_lines(finding) == (4, 4)
    assert "<p>" + SHELTERS not in apply(text, finding.fix).split(COUNCIL)[1]


def test_same_findings_in_text_markdown_and_html() -> None:
    paragraphs = [LEDE, SHELTERS, QUOTE, COUNCIL, SHELTERS, QUOTE]
    as_text = check(text_of(*paragraphs))
    as_md = check("\n\n".join(paragraphs) + "\n", "markdown")
    as_html = check("<article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>", "html")
    assert [f.evidence for f in as_text] == [f.evidence for f in as_md] == [f.evidence for f in as_html]


def test_cms_json_body_is_checked() -> None:
    doc = {"id": "a1", "title": "Arlen flood", "body": "\n\n".join([LEDE, SHELTERS, COUNCIL, LEDE])}
    [finding] = check(json.dumps(doc, indent=2), "json")
    assert finding.evidence["kind"] == "exact"
    assert finding.location.field == "/body"


def test_cms_json_run_across_content_elements_names_the_fields() -> None:
    story = [LEDE, SHELTERS, COUNCIL, LEDE, SHELTERS]
    ans = {
        "_id": "ARL1",
        "type": "story",
        "headlines": {"basic": "Arlen flood"},
        "content_elements": [{"type": "text", "content": p} for p in story],
    }
    [finding] = check(json.dumps(ans, indent=2), "json")
    assert finding.evidence["kind"] == "run"
    assert finding.location.field == "/content_elements/3/content"
    assert finding.related[0].location.field == "/content_elements/0/content"
    assert finding.flagged_text.startswith(LEDE[:40])


# -- plumbing -------------------------------------------------------------------------------------


def test_rule_is_registered_through_its_entry_point_with_documentation() -> None:
    host = _host()
    assert host.rules["duplicate-paragraph"] is DuplicateParagraph
    assert host.rule_by_name_or_code("CD101") is DuplicateParagraph
    assert DuplicateParagraph.validate_metadata() == []
    assert (DuplicateParagraph.default_severity, DuplicateParagraph.fixable) == ("error", "safe")
    doc = DuplicateParagraph.documentation()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Options"):
        assert heading in doc
    for option in DuplicateParagraph.options_schema["properties"]:
        assert f"`{option}`" in doc


def test_findings_are_deterministic() -> None:
    text = text_of(LEDE, SHELTERS, QUOTE, RAIN, COUNCIL, SHELTERS, QUOTE, LEDE.replace("300", "310"))
    first = [f.to_dict() for f in check(text)]
    assert first == [f.to_dict() for f in check(text)]
    assert len(first) == 2


def test_findings_do_not_depend_on_hash_randomisation(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    sentence = "The bridge inspectors found cracks in two of the three arches and closed the footpath for good."
    article.write_text(
        text_of(LEDE, SHELTERS, f"Engineers came. {sentence} Repairs could take a year.", QUOTE, RAIN, COUNCIL)
        + text_of(SHELTERS, QUOTE, f"Shops fear it. {sentence}", LEDE.replace("300", "310"), RAIN.replace("40", "45")),
        "utf-8",
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "linters.cli",
                "check",
                str(article),
                "--select",
                "duplicate-paragraph",
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        outputs.add(proc.stdout)
    assert len(outputs) == 1
    assert len(json.loads(outputs.pop())["documents"][0]["findings"]) >= 3


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([LEDE, SHELTERS, QUOTE, RAIN, COUNCIL, "Advertisement", "Short line.", ""]), max_size=14)
)
def test_any_mix_of_paragraphs_is_checked_without_error(paragraphs: list[str]) -> None:
    text = text_of(*paragraphs)
    for finding in check(text):
        assert 1 <= finding.location.line <= finding.location.end_line <= text.count("\n") + 1
        assert finding.related and finding.related[0].location.line < finding.location.line + 1
        assert finding.fix is not None and all(0 <= e.start <= e.end <= len(text) for e in finding.fix.edits)


# -- normalisation helpers ---------------------------------------------------------------------------


def test_normalize_removes_typographic_differences() -> None:
    assert normalize("“Quote,” he said — really\u00a0 now") == normalize('"quote," HE SAID - really now')
    assert normalize("ＦＵＬＬ width") == "full width"
    assert normalize("soft\u00adhyphen and zero\u200bwidth") == "softhyphen and zerowidth"
    assert normalize("x -- y") == "x - y"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended. (Reuters)", "the talks ended."),
        ("The talks ended. — AP", "the talks ended."),
        ("The talks ended (AFP/Reuters)", "the talks ended"),
        ("Troops left Pokrovsk (Krasnoarmeisk)", "troops left pokrovsk (krasnoarmeisk)"),
        ("The AP style guide changed.", "the ap style guide changed."),
    ],
)
def test_trailing_credit_tags_are_stripped_and_nothing_else(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_comparison_key_drops_punctuation_only() -> None:
    assert comparison_key("“Stop,” she said; then—nothing.") == "stop she said then nothing"
    assert comparison_key("ok", normalized=True) == "ok"
    assert strip_credit_tag("no credit here") == "no credit here"
