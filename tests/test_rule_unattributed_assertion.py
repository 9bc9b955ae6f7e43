"""unattributed-assertion (CD301): contested claims with no source, and weasel hedges.

Fixtures are fictional news written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from linters.testing import lint
from linters.text.attribution import AttributionFinder, verb_forms
from linters.text.claims import assess_claim
from rules.unattributed_assertion import UnattributedAssertion

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

CLAIM = (
    "The Northern Army, meanwhile, is advancing to capture the river towns of Velm and Ostra, where more than "
    "8,000 soldiers are encircled."
)


def claims(text: str, fmt: str = "text", **options: object) -> list[str]:
    return [
        f.flagged_text for f in lint(text, UnattributedAssertion, fmt, dict(options)) if f.evidence["kind"] == "claim"
    ]


def hedges(text: str, fmt: str = "text", **options: object) -> list[str]:
    return [
        f.flagged_text for f in lint(text, UnattributedAssertion, fmt, dict(options)) if f.evidence["kind"] == "hedge"
    ]


# -- metadata -----------------------------------------------------------------------------------------


def test_metadata_and_options_schema() -> None:
    assert UnattributedAssertion.validate_metadata() == []
    assert (UnattributedAssertion.code, UnattributedAssertion.name) == ("CD301", "unattributed-assertion")
    assert UnattributedAssertion.default_severity == "warning"
    schema = UnattributedAssertion.options_schema
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    for prop in schema["properties"].values():
        assert "default" in prop and "description" in prop
    doc = UnattributedAssertion.documentation()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Options"):
        assert heading in doc


def test_unknown_option_is_rejected_by_the_schema() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"sensitivty": "low"}, UnattributedAssertion.options_schema)


# -- claims -------------------------------------------------------------------------------------------


def test_unsourced_military_claim_is_flagged_with_cues_and_missing_source() -> None:
    findings = lint(CLAIM, UnattributedAssertion)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.flagged_text == CLAIM
    assert (finding.location.line, finding.location.column) == (1, 1)
    assert finding.severity == "warning"
    ev = finding.evidence
    assert ev["kind"] == "claim"
    kinds = {cue.split(":")[0] for cue in ev["cues"]}
    assert {"military", "toll", "estimate", "ongoing"} <= kinds
    assert ev["score"] >= ev["threshold"]
    assert "source" in ev["missing"]


@pytest.mark.parametrize(
    "attributed",
    [
        CLAIM[:-1] + ", the defence ministry said.",
        CLAIM[:-1] + ", according to the defence ministry.",
        "Minister Ana Kolar said the Northern Army is advancing to capture Velm, where 8,000 soldiers are encircled.",
        "The Northern Army is advancing on Velm, where 8,000 soldiers are encircled, Kolar told reporters on Monday.",
        "Kolar has repeatedly claimed that the Northern Army is advancing on Velm and 8,000 soldiers are encircled.",
        "In a statement, the ministry said 8,000 soldiers are encircled as the Northern Army is advancing on Velm.",
        "Data from the monitoring mission show that 8,000 soldiers are encircled as the army is advancing on Velm.",
        "The army is advancing on Velm and 8,000 soldiers are encircled, Reuters reported, citing a commander.",
        "Kolar denied that 8,000 soldiers are encircled as the Northern Army is advancing on the town of Velm.",
        "The army estimated that more than 8,000 soldiers are encircled as it is advancing on the town of Velm.",
    ],
)
def test_attributed_claims_pass(attributed: str) -> None:
    assert claims(attributed) == []


def test_leading_transition_does_not_hide_a_claim() -> None:
    text = "Meanwhile, the Northern Army is advancing on Velm, where more than 8,000 soldiers are encircled."
    assert claims(text) == [text]
    text = "However, the Northern Army is advancing on Velm, where more than 8,000 soldiers are encircled."
    assert claims(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        # background: dated history
        "The two leaders last met in Halden on August 15, 2023, where they did not reach a deal to end the war.",
        # a question
        "Will the Northern Army try to capture Velm, where more than 8,000 soldiers are said to be?",
        # the writer's framing
        "Here is what we know about the fighting around Velm and the 8,000 soldiers there.",
        "This comes as the Northern Army is advancing on Velm with more than 8,000 soldiers.",
        "The claims about 8,000 encircled soldiers could not be independently verified by this newspaper.",
        # short sentence with no facts
        "The mood was tense.",
        # plain narration without contestable cues
        "The delegation arrived in the capital by train and went straight to the foreign ministry.",
    ],
)
def test_background_questions_framing_and_plain_narration_pass(text: str) -> None:
    assert claims(text) == []


def test_explanatory_apposition_is_background() -> None:
    result = assess_claim("Kolar met Ivo Brandt, a former general who shelled the rebel towns in 2014, on Friday.")
    assert "apposition" in result.discounts
    assert not any(cue.kind == "military" for cue in result.cues)


def test_sensitivity_moves_the_threshold() -> None:
    text = "The new bridge will be the longest in the region when it opens."
    assert claims(text, sensitivity="low") == []
    assert claims(text, sensitivity="high") == [text]


def test_claim_words_option_extends_the_cues() -> None:
    text = "The regional council is quietly rezoning the harbour district for luxury towers and hotels."
    assert claims(text) == []
    assert claims(text, **{"claim-words": ["rezoning", "luxury towers"]}) == [text]


def test_reporting_verbs_option_extends_attribution() -> None:
    text = "The Northern Army is advancing on Velm, where 8,000 soldiers are encircled, Kolar harrumphed."
    assert claims(text) == [text]
    assert claims(text, **{"reporting-verbs": ["harrumph"]}) == []


def test_source_phrases_option_extends_attribution() -> None:
    text = "Per the garrison log, the Northern Army is advancing on Velm, where 8,000 soldiers are encircled."
    assert claims(text) == [text]
    assert claims(text, **{"source-phrases": ["per the garrison log"]}) == []


# -- quotes and carried attribution -------------------------------------------------------------------


def test_quote_with_speaker_passes_and_quote_without_speaker_is_flagged() -> None:
    assert claims("“We will retake every village before the winter comes,” Kolar said.") == []
    assert claims("“We will retake every village before the winter comes,” said the minister.") == []
    bare = "“We will retake every village before the winter comes.”"
    assert claims(bare) == [bare]


def test_mixed_quote_with_speaker_passes() -> None:
    assert claims("Kolar called the offensive “the largest operation since the war began” on Sunday.") == []


def test_quote_only_paragraph_after_attributed_sentence_inherits_the_source() -> None:
    text = (
        "“The encirclement is complete and 8,000 soldiers are trapped,” Zelin said.\n"
        "“They will surrender or they will be destroyed within days.”\n"
    )
    assert claims(text) == []


def test_rest_of_a_multi_sentence_quote_inherits_the_speaker() -> None:
    text = "“The army lost 300 men. The bridges are all destroyed and it will retreat soon,” Kolar said."
    assert claims(text) == []


def test_he_added_carries_attribution() -> None:
    text = (
        "Kolar said the ministry had evidence of the shelling.\n"
        "He added that more than 40 civilians were killed in the attack on the market.\n"
    )
    assert claims(text) == []


def test_transcript_after_a_colon_is_attributed() -> None:
    text = (
        "The minister's remarks, as released by her office, were as follows:\n"
        "“We have destroyed 40 tanks this week and we will destroy more.”\n"
        "“Our soldiers are the bravest in the world.”\n"
    )
    assert claims(text) == []


# -- hedges -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The summit was reportedly cancelled after the talks collapsed.", "reportedly"),
        ("The general allegedly ordered the strike on the depot.", "allegedly"),
        ("It is believed that the convoy left the city overnight.", "It is believed that"),
        ("The envoy is said to have left the talks early.", "is said to"),
        ("Critics say the ceasefire plan rewards the aggressor.", "Critics say"),
        ("Experts believe the dam could fail within a year.", "Experts believe"),
        ("Sources said the minister would resign on Friday.", "Sources said"),
        ("According to sources, the minister would resign on Friday.", "According to sources"),
    ],
)
def test_weasel_hedges_are_flagged_at_the_phrase(text: str, cue: str) -> None:
    findings = [f for f in lint(text, UnattributedAssertion) if f.evidence["kind"] == "hedge"]
    assert [f.flagged_text for f in findings] == [cue]
    assert findings[0].evidence["missing"]


def test_hedge_is_flagged_even_with_a_verb_of_saying() -> None:
    text = "Kolar said the summit was reportedly cancelled after the talks collapsed."
    assert hedges(text) == ["reportedly"]


@pytest.mark.parametrize(
    "text",
    [
        "Critics of the bill, including Senator Jane Doe, say it rewards the aggressor.",
        "Economists at the Central Bank of Velmoria believe the currency will recover.",
        "The official said the minister would resign on Friday.",
        "The convoy is believed by investigators at Interpol to have left the city.",
        # hedges inside a quotation belong to the speaker
        "“Apparently the summit was reportedly cancelled,” Kolar said.",
    ],
)
def test_named_or_quoted_sources_are_not_hedges(text: str) -> None:
    assert hedges(text) == []


def test_check_hedges_can_be_switched_off() -> None:
    text = "The summit was reportedly cancelled after the talks collapsed."
    assert hedges(text, **{"check-hedges": False}) == []


def test_hedge_options_extend_the_lists() -> None:
    assert hedges("Bloggers say the dam will fail.") == []
    assert hedges("Bloggers say the dam will fail.", **{"vague-sources": ["bloggers"]}) == ["Bloggers say"]
    assert hedges("The dam ostensibly passed inspection in May.", **{"hedge-adverbs": ["ostensibly"]}) == ["ostensibly"]


def test_uncertainty_scope_adds_vague_quantities_and_epistemic_hedges() -> None:
    text = "The treaty was probably the cause of the war, and many of the villages burned."
    assert hedges(text) == []
    assert hedges(text, **{"hedge-scope": "uncertainty"}) == ["probably", "many"]
    # a vague group with a verb of regarding is a weasel source in either scope
    assert hedges("Many historians regard the treaty as a failure.") == ["historians regard"]


def test_questions_carry_no_hedges() -> None:
    assert hedges("Why do people whisper to the statue?") == []


# -- helpers ------------------------------------------------------------------------------------------


def test_verb_forms_cover_every_tense() -> None:
    assert {"say", "says", "said", "saying"} <= verb_forms("say")
    assert {"deny", "denies", "denied", "denying"} <= verb_forms("deny")
    assert {"estimate", "estimates", "estimated", "estimating"} <= verb_forms("estimate")
    assert {"admit", "admits", "admitted", "admitting"} <= verb_forms("admit")


def test_finder_names_the_source() -> None:
    finder = AttributionFinder()
    result = finder.analyse("Smith, a former general, warned that the dam would fail.")
    assert [(a.cue, a.source) for a in result.attributions] == [("warned", "Smith")]
    assert finder.analyse("The claims were false and the report was late.").attributions == []


# -- formats and the seed example ---------------------------------------------------------------------


def test_markdown_and_html_report_at_sentence_spans() -> None:
    md = "# Front line\n\nTalks resumed. " + CLAIM + "\n"
    found = lint(md, UnattributedAssertion, "markdown")
    assert [f.flagged_text for f in found] == [CLAIM]
    assert found[0].location.line == 3
    html = "<html><body><article><h1>Front line</h1><p>Talks resumed. " + CLAIM + "</p></article></body></html>"
    assert [f.flagged_text for f in lint(html, UnattributedAssertion, "html")] == [CLAIM]


def test_headings_are_not_checked() -> None:
    md = "# Army is advancing on Velm where 8,000 soldiers are encircled and 40 were killed\n\nCalm day.\n"
    assert lint(md, UnattributedAssertion, "markdown") == []


@pytest.mark.parametrize(
    "name", ["unattributed-assertion.txt", "unattributed-assertion.md", "unattributed-assertion.html"]
)
def test_example_articles(name: str) -> None:
    fmt = {"txt": "text", "md": "markdown", "html": "html"}[name.rsplit(".", 1)[1]]
    found = lint((EXAMPLES / name).read_text(encoding="utf-8"), UnattributedAssertion, fmt)
    flagged = [(f.evidence["kind"], f.flagged_text) for f in found]
    assert ("hedge", "reportedly") in flagged
    assert any(
        kind == "claim" and text.startswith("The Northern Army, meanwhile, is advancing") for kind, text in flagged
    )
    assert not any("Kolar" in text or "she said" in text for _, text in flagged)
    assert len(found) == 2


def test_output_is_deterministic() -> None:
    text = (EXAMPLES / "unattributed-assertion.txt").read_text(encoding="utf-8")
    first = [(f.message, f.evidence) for f in lint(text, UnattributedAssertion)]
    assert first == [(f.message, f.evidence) for f in lint(text, UnattributedAssertion)]


def test_tolls_weigh_more_than_other_quantities() -> None:
    toll = assess_claim("Shelling overnight killed 40 civilians in the market district of Velm.")
    money = assess_claim("The council approved a budget of $40 million for the market district of Velm.")
    assert any(cue.kind == "toll" for cue in toll.cues)
    assert not any(cue.kind == "toll" for cue in money.cues)
    assert toll.score > money.score
    # years, dates and ids are not quantities
    dated = assess_claim("The treaty was signed on March 3, 1991 in Velm, document 4417893321 says.")
    assert not any(cue.kind in ("quantity", "toll") for cue in dated.cues)


def test_noun_like_verb_forms_do_not_attribute() -> None:
    finder = AttributionFinder()
    assert (
        finder.analyse("Thousands of Kolar emails held on a private server were deleted last year.").attributions == []
    )
    assert finder.analyse("The Islamic State group seized the town of Brask.").attributions == []
    assert [a.cue for a in finder.analyse("Kolar emailed the cabinet that the army withdrew.").attributions] == [
        "emailed"
    ]


def test_particular_unnamed_speaker_after_a_quote_attributes() -> None:
    assert claims("“There will be 8,000 more soldiers at the border by spring,” the businessman replied.") == []


def test_ordinals_are_not_quantities_and_foreign_text_is_left_alone() -> None:
    assert not any(
        c.kind == "quantity" for c in assess_claim("Okafor won her 10th title in the 3rd round of play.").cues
    )
    assert assess_claim("Telah ada orang-orang yang berlebihan dalam mencintai satu kaum akhirnya binasa.").exempt == (
        "not English"
    )


def test_unnamed_plural_group_is_a_vague_source() -> None:
    assert hedges("But hacking specialists say the leaked files might not be genuine.") == ["specialists say"]
    assert hedges("Republican senators say the leaked files might not be genuine.") == []


def test_two_apostrophes_work_as_quotation_marks() -> None:
    text = "''The bridge will be rebuilt within 90 days and 400 workers will be hired,'' Mayor Okafor said."
    assert claims(text) == []


def test_one_person_quipped_is_a_speaker() -> None:
    assert claims("“We lost 8,000 soldiers and the war will go on for years,” one veteran quipped.") == []


def test_mixed_straight_and_curly_quotes_pair_up() -> None:
    text = (
        '"The levee will hold for 30 days at most,” she said.\n'
        "“After that, 4,000 homes will flood. We need the army.”\n"
    )
    assert claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a backwards opening quote used as the closing one
        "“The dam will fail within 30 days and 4,000 homes will flood,“ said Ivo Brandt, the city engineer.",
        # a verb that reports speech only when it introduces it
        "Kolar responded, “The army lost 300 men and it will retreat.”",
        # the relative clause names its source
        "The ministry cited the UN report, which notes, “More than 4,000 homes were destroyed in the shelling.”",
    ],
)
def test_speech_forms_seen_in_real_copy_attribute(text: str) -> None:
    assert claims(text) == []


def test_quote_closing_in_a_later_paragraph_keeps_its_speaker() -> None:
    text = "“The front will hold.\n“In the spring we will retake the 40 villages we lost,” Kolar said.\n"
    assert claims(text) == []


def test_verb_meaning_not_speech_does_not_attribute() -> None:
    text = "The troops responded to the attack by shelling 12 villages, where 300 civilians were killed."
    assert claims(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        # a surname ending in -ly is not an adverb
        "“Tariffs will cost 40,000 jobs and the mills will close,” Lovely said.",
        # a quoted title inside the speaker's description
        "“We lost 300 men in the first week of the offensive,” the “Front Line” reporter said on Sunday.",
        # an inverted speech tag with a noun-like verb
        "More than 2,000 soldiers were killed near Velm last month, reports Reuters.",
        # a comment clause names the speaker
        "As Kolar put it, “the army will not retreat and 8,000 soldiers will hold the line.”",
    ],
)
def test_more_speaker_forms_attribute(text: str) -> None:
    assert claims(text) == []


def test_non_latin_script_and_product_names_are_not_claims() -> None:
    assert assess_claim("«Когда вся ваша жизнь состояла в том, чтобы выглядеть хорошо».").exempt == "not English"
    cues = assess_claim("The update for Apple Watch Series 5 and Destiny 2 costs $250.").cue_summary()
    assert cues == ["quantity: $250"]


def test_dash_credit_lines_name_the_speaker_of_the_quote_before_them() -> None:
    text = (
        "“He is the most unqualified candidate in history and will ruin the economy.” ― Jane Doe, 34, Phoenix\n\n"
        "“The war will last 10 years. Thousands of soldiers will die.”\n\n"
        "― Ivo Brandt, 61, Velm\n\n"
        "“The army is advancing on Velm, where 8,000 soldiers are encircled.”\n"
    )
    # the credit line covers the quotation before it, not the one after it
    assert claims(text) == ["“The army is advancing on Velm, where 8,000 soldiers are encircled.”"]


@pytest.mark.parametrize(
    "text",
    [
        "“The levy will cost 4,000 jobs in the first year,” Rep. Jane Doe (D-Velm) said Friday.",
        "Said Okafor: “The strike will cost the port 40 million dollars a week.”",
    ],
)
def test_affiliations_and_inverted_openers_keep_the_speaker(text: str) -> None:
    assert claims(text) == []


def test_a_colon_introduces_only_words_it_attributes() -> None:
    text = "Here are the facts:\n\nThe Northern Army is advancing on Velm, where 8,000 soldiers are encircled.\n"
    assert claims(text) == ["The Northern Army is advancing on Velm, where 8,000 soldiers are encircled."]


# -- second pass: false alarms seen on published articles, carried quotes, the uncertainty tier ---------


@pytest.mark.parametrize(
    "text",
    [
        "And at some point, the lenders will have to make more money from their customers.",
        "Oil fell on Tuesday, as strong output combined with some worries over demand next year weighed on prices.",
        "In a research report on Tuesday, Harbor Securities analyst Mina Ortiz said the shares would recover.",
        "The council urged people to be cautious of believing rumours about the closure of the bridge.",
    ],
)
def test_vague_words_inside_noun_phrases_are_not_weasel_sources(text: str) -> None:
    assert hedges(text) == []


def test_officials_of_a_named_kind_of_body_are_a_source_but_bare_officials_are_not() -> None:
    assert hedges("The contract runs until 2028 and is worth $2.6 billion, agency officials said.") == []
    assert hedges("The contract runs until 2028 and is worth $2.6 billion, officials said.") == ["officials said"]


def test_quote_only_paragraph_after_the_speakers_paragraph_is_attributed() -> None:
    text = (
        "Mayor Ilse Varga defended the budget at a meeting on Monday, saying the cuts were temporary.\n\n"
        '"We will restore every library hour and rehire all 40 drivers by the end of next year."\n'
    )
    assert claims(text) == []
    # two paragraphs later the quotation has lost its speaker
    detached = text.replace("\n\n", "\n\nThe meeting ran late into the evening and the vote was postponed.\n\n")
    assert claims(detached) == [
        '"We will restore every library hour and rehire all 40 drivers by the end of next year."'
    ]


def test_words_quoted_without_a_speaker_count_toward_a_claim() -> None:
    base = "The port authority will close the northern terminal within weeks, which would cost jobs."
    quoted = (
        "The port authority will close the northern terminal within weeks, which would be "
        '"a disaster for every family in the harbour district".'
    )
    found = lint(quoted, UnattributedAssertion, "text", {"sensitivity": "medium"})
    assert [f.evidence["cues"][0] for f in found] == [
        'quotation: "a disaster for every family in the harbour district"'
    ]
    assert "a speaker for the quotation" in found[0].message
    assert claims(base) == []


@pytest.mark.parametrize(
    "sentence",
    [
        'The new levy is "ripe for abuse" and will drive small traders out of the harbour market.',
        "The harbour plan is “a direct attack on our fishermen” and on the town.",
        "The ferry operator has become a “dumping ground for everybody else’s problems” and will cut 300 jobs.",
    ],
)
def test_lowercase_phrase_quoted_without_a_speaker_is_a_claim(sentence: str) -> None:
    assert claims(sentence) == [sentence]


def test_quoted_phrase_adds_to_other_cues_but_is_no_claim_alone() -> None:
    quoted = "Councillor Brandt is “a total lightweight” who will cost the town 2,000 jobs."
    assert claims(quoted) == [quoted]
    assert claims(quoted.replace("“", "").replace("”", "")) == []
    # set phrases and terms look like lifted words; alone they are not claims
    for sentence in (
        'The buffet is "all you can eat" until nine in the evening at the harbour hall.',
        'The defendant was found "not guilty by reason of insanity" by the valley court.',
        'Customers at the harbour market can "buy now, pay later" at every till.',
    ):
        assert claims(sentence) == [], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        # a term introduced by its name
        "When the spores come from a damp attic, the illness is often called “attic mould fever” by doctors.",
        "Doctors have a name for the condition: it has earned the nickname of “ferryman's cough” along the coast.",
        # a quoted modifier of the noun after it
        "The council kept its “tough on parking” stance and left the harbour car park closed for the winter.",
        # titles, slogans and names are capitalised
        "Tickets for “The Long Harbour Night” went on sale at the ferry terminal on a windy Tuesday morning.",
        "The campaign “Starts With One” was shown on buses and trams across the valley for three weeks.",
        # attributed in the same sentence, the speaker separated from the verb by a long relative clause
        "Mayor Varga, who has split with many of her own councillors over the ferry subsidy and the parking levy, "
        "told cheering drivers that they were not “asking for the moon.”",
    ],
)
def test_quoted_terms_titles_and_attributed_phrases_are_not_claims(sentence: str) -> None:
    assert claims(sentence) == []


def test_speech_tag_after_an_apposition_attributes_the_quotation() -> None:
    text = (
        "“The crossing we made finished the whole survey in one season, and nobody will ever need to repeat it,” "
        "Rask, a member of the 1998 survey crew, responded."
    )
    assert claims(text) == []
    unattributed = text.replace("responded.", "packed the tents.")
    assert claims(unattributed) == [unattributed]


def test_straight_quote_with_curly_quotes_inside_stays_open_over_the_paragraph() -> None:
    text = (
        "Senator Rhea Olin stated:\n\n"
        "\"The ministry isn't about “fair play” anymore. It is about control.\n\n"
        '"The latest example is the “Harbour Act,” which lets the ministry close ports at will. '
        'The minister should resign over this outrageous overreach and the 3,000 lost jobs."\n'
    )
    assert claims(text, sensitivity="high") == []


def test_contracted_pronoun_and_thanks_name_the_speaker() -> None:
    finder = AttributionFinder()
    assert finder.analyse("And he’s predicting that the rebels will capture the airport by Friday.").attributed
    assert finder.analyse("Moore thanked him for “stepping up when the council would not.”").attributed


def test_uncertainty_scope_skips_counts_and_frequencies() -> None:
    scope = {"hedge-scope": "uncertainty"}
    assert hedges("The bridge was built some 20 years ago and has been repaired many times.", **scope) == []
    assert hedges("Some historians regard the treaty as a failure.", **scope) == ["historians regard"]
    assert hedges("Many of the settlers probably left before the war.", **scope) == ["Many", "probably"]
    assert hedges("The treaty is widely considered a failure.", **scope) != []


def test_specifications_and_reader_advice_are_not_contested_claims() -> None:
    assert claims("The sports version will go from zero to 60 mph in about 3.5 seconds and seat five adults.") == []
    assert claims("If you retire early, you should aim to save at least 25 times your yearly spending.") == []
    # the same figures about people stay claims
    assert claims("More than 60 civilians will be moved from the besieged quarter within 3.5 hours.") != []


def test_capitalised_cue_words_inside_a_sentence_are_names() -> None:
    assert assess_claim("The panel was chaired by Will Archer of the Strike Foundation on Monday.").cues == []
    assert [c.text for c in assess_claim("The panel chaired by Will Archer will strike the clause.").cues] == [
        "will",
        "strike",
    ]


def test_name_suffix_before_the_verb_keeps_the_speaker() -> None:
    finder = AttributionFinder()
    assert finder.analyse("Tomas Rey Jr. said the flood barriers failed in three places.").attributed
    assert finder.analyse("Norvik Shipping Inc. said it would cut 2,000 jobs.").attributed


def test_quotation_after_its_speaker_in_the_paragraph_is_attributed_but_a_mixed_claim_is_not() -> None:
    text = (
        "The night shift was short. “Every ward had to keep its night clinic,” Dr. Hana Ruml said. “So we moved 30 "
        "nurses from the day shift and closed the overflow wing for the winter.”\n"
    )
    assert claims(text, sensitivity="high") == []
    unsourced = text.replace(" Dr. Hana Ruml said.", " The ward was busy.")
    assert claims(unsourced, sensitivity="high") != []
    # the writer's own predicate around a short quotation still needs its source
    mixed = text.replace(
        "“So we moved 30 nurses from the day shift and closed the overflow wing for the winter.”",
        "Moving 30 nurses from the day shift to close the wing was a reckless gamble, “a bad bet”.",
    )
    assert claims(mixed, sensitivity="high") != []


# -- text without sentence punctuation ------------------------------------------------------------------

_FILLER = "the army troops killed 10,000 advancing city river council budget market village school road".split()


def _run_on(words: int, line_words: int = 0) -> str:
    """A paragraph of claim-like words with no full stop anywhere (or lines of ``line_words`` words)."""
    seq = [_FILLER[(i * 7 + i // 13) % len(_FILLER)] for i in range(words)]
    if not line_words:
        return " ".join(seq)
    return "\n".join(" ".join(seq[i : i + line_words]) for i in range(0, len(seq), line_words))


@pytest.mark.parametrize("line_words", [0, 12])
def test_over_long_text_without_full_stops_reports_only_its_real_hedges(line_words: int) -> None:
    words = _run_on(12_000, line_words).split(" ")  # about 80,000 characters, forty times the sentence bound
    words[3_000] = "reportedly " + words[3_000]
    words[9_000] = "but critics say " + words[9_000]
    text = " ".join(words) + "\n"
    found = lint(text, UnattributedAssertion)
    # no claim over an arbitrary window of the run-on text, and each hedge at its own words, not the whole block
    assert [(f.evidence["kind"], f.flagged_text) for f in found] == [
        ("hedge", "reportedly"),
        ("hedge", "critics say"),
    ]


def test_a_run_on_paragraph_does_not_switch_off_the_sentences_after_it() -> None:
    text = _run_on(3_000) + "\n\n" + CLAIM + "\n"
    assert claims(text) == [CLAIM]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ada Morrow, the head of Harbour Watch, a residents' group that has sued the port over the dredging, said "
        "that more than 2,000 homes were flooded because the council ignored the warnings.",
        "Rep. Ivo Dane (D-Ore.), chair of the flood committee, said that more than 2,000 homes were flooded because "
        "the council ignored the warnings.",
    ],
)
def test_speaker_before_two_appositions_still_attributes(sentence: str) -> None:
    assert claims(sentence) == []
    unattributed = sentence.split(" said that ", 1)[1]
    unattributed = unattributed[0].upper() + unattributed[1:]
    assert claims(unattributed) == [unattributed]


@pytest.mark.parametrize(
    "sentence",
    [
        "Governor Lind's assertion that the dam will fail within weeks drew criticism from both parties.",
        "The ministry's assertion that the army will shell Velm and kill 2,000 people is spreading.",
        "His warning on Monday that the dam would fail and kill 2,000 people went unheeded.",
        "Senator Ruiz is standing by an accusation he made on the floor that the port director lied to the committee.",
        "The claim by the ministry that more than 10,000 troops are trapped near the river was disputed.",
        "Senator Ruiz is not responding to recent Varga campaign accusations that his backers waged sexist attacks.",
    ],
)
def test_words_of_a_named_owner_are_attributed(sentence: str) -> None:
    assert claims(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The claim that more than 10,000 troops are trapped near the river has been disputed for weeks.",
        "The claim by some that more than 10,000 troops are trapped near the river has been disputed for weeks.",
    ],
)
def test_claim_nouns_without_an_owner_do_not_attribute(sentence: str) -> None:
    assert claims(sentence) == [sentence]


def test_article_in_another_language_gets_no_claim_findings() -> None:
    portuguese = (
        "O exército está avançando para capturar a cidade, onde mais de 10.000 soldados estão cercados. "
        "A ponte foi destruída e não há água para os moradores.\n\n"
        "“Cada criança tem seu tempo”.\n"
    )
    assert claims(portuguese) == []
    english = "The army is advancing to capture the city, where more than 10,000 troops are trapped.\n"
    assert claims(english) == [english.strip()]


def test_rest_of_a_vague_sources_quotation_is_reported_once_as_a_hedge() -> None:
    text = (
        '"The harbour master is furious because his name is being dragged through the mud," an insider told '
        'the paper on Monday. "He does not run the port authority or control any of its contracts. He has not '
        'taken part in these negotiations."\n'
    )
    found = lint(text, UnattributedAssertion, "text", {})
    assert [(f.evidence["kind"], f.flagged_text) for f in found] == [("hedge", "insider told")]


@pytest.mark.parametrize("phrase", ["by her own account", "by their own admission", "in his view"])
def test_account_and_view_phrases_attribute(phrase: str) -> None:
    sentence = f"The mayor, {phrase}, has lost more than 2,000 votes because of the ferry closures."
    assert claims(sentence) == []
    assert claims(sentence.replace(f", {phrase},", "")) != []


def test_inverted_vague_source_is_highlighted_whole() -> None:
    text = "The ferry will not sail again before spring, say officials.\n"
    found = lint(text, UnattributedAssertion, "text", {})
    assert [(f.evidence["hedge"], f.flagged_text) for f in found] == [("vague-source", "say officials")]


def test_shot_back_after_a_quotation_is_a_speech_tag() -> None:
    text = '"The mayor will lose the vote on the ferry because she ignored 2,000 families," Ruiz shot back.\n'
    assert claims(text) == []
    assert claims(text.replace(" Ruiz shot back.", "")) != []


def test_bracketed_credit_after_a_quotation_attributes_it() -> None:
    text = (
        "HARBOUR TALKS COLLAPSE “The talks collapsed on Sunday after the ministry refused to pay. "
        "The strike will go on for weeks and cost 2,000 jobs.” [Harbour Times.]\n"
    )
    assert claims(text) == []
    uncredited = text.replace(" [Harbour Times.]", "")
    assert claims(uncredited) != []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Harbour Lamp dropped to an all-time low of $39 at the valley store, the biggest price drop of the year.",
        "Usually selling for $240, the kayak is 25% off this week, the lowest price we have tracked since spring.",
    ],
)
def test_shopping_offers_are_not_claims(sentence: str) -> None:
    assert claims(sentence) == []


def test_finance_news_with_a_discount_is_still_a_claim() -> None:
    sentence = (
        "The port operator is set to raise up to $12.9bn from its record-breaking listing, pricing its shares "
        "at a 2.8 per cent discount."
    )
    assert claims(sentence) == [sentence]


def test_history_dated_by_century_is_background() -> None:
    sentence = "The plague killed an estimated 25 million people in the valley towns in the 14th century."
    assert claims(sentence) == []
    assert claims(sentence.replace(" in the 14th century", " this winter")) == [
        sentence.replace(" in the 14th century", " this winter")
    ]


def test_recent_dates_and_counts_like_years_are_not_history() -> None:
    recent = "In 1998, troops killed 300 protesters in the square and wounded hundreds more."
    counts = "The militia grew from 800 fighters to 1,200 in a month and killed dozens of villagers."
    assert claims(recent) == [recent]
    assert claims(counts) == [counts]
    assert claims(recent.replace("1998", "1848")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Known as the Great Fever during the fourteenth century, it caused more than 50 million deaths in the valley.",
        "Over the centuries, the fever has killed millions of people, most of them in the valley towns in the 1300s.",
    ],
)
def test_history_in_words_is_background(sentence: str) -> None:
    assert claims(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # an adjective or a conjunction before "allegations that" is no owner
        "Widespread allegations that the army killed 500 civilians in Ostra are accurate.",
        "But warnings that the dam will burst and kill 2,000 people were ignored.",
        # the "that" of another clause
        "In Ostra, his comments came a day after the army that killed 500 civilians advanced on Velm.",
        # a scare-quoted term before an action verb is no quotation with a speech tag
        'During the "amnesty," the army responded by shelling Velm and killing 500 civilians.',
        'Despite the "ceasefire," the army hit back and killed 500 civilians in Ostra.',
        # the 20th and 21st centuries are not the distant past; "ad hoc" is not "AD"
        "In the 21st century, the regime murdered more than 2 million people in the camps.",
        "The militia executed 400 ad hoc volunteers and 30 doctors in Velm this week.",
        # money in a crime story is no shopping offer
        "The bribe was $4 million, and the mayor used it to arm 300 militia fighters who killed 12 guards.",
        # Spanish place names in an English article
        "El Niño will bring floods to El Paso, Las Cruces, Los Alamos and San Juan del Sur, killing 3,000 people.",
    ],
)
def test_new_exemptions_and_attributions_do_not_hide_real_claims(sentence: str) -> None:
    assert claims(sentence) == [sentence]


def test_a_vague_source_without_a_quotation_does_not_speak_for_the_next_one() -> None:
    text = 'Critics say the budget is too small.\n\n"The army will shell Velm and kill 2,000 people next week."\n'
    found = lint(text, UnattributedAssertion, "text", {})
    assert [f.evidence["kind"] for f in found] == ["hedge", "claim"]


def test_language_is_judged_on_the_article_body_only() -> None:
    claim = "The army will shell Velm next week and kill more than 2,000 people, the worst attack of the war."
    aside = "".join(
        f"<li>Noticia {i}: el gobierno dice que la ciudad está lista para las fiestas</li>" for i in range(8)
    )
    html = f"<html><body><article><p>{claim}</p></article><aside class='related'><ul>{aside}</ul></aside></body></html>"
    assert claims(html, "html") == [claim]


def test_a_speakerless_quotation_over_several_sentences_is_one_finding() -> None:
    quotation = (
        "“We are having to put up with a lot on the quay every day. The visitors want to feed the seals and "
        "touch them. We feel that is ridiculous and dangerous.”"
    )
    text = f"The harbour was quiet on Sunday.\n\n{quotation}\n\nThe ferry left at noon.\n"
    found = lint(text, UnattributedAssertion, "text", {})
    assert [f.flagged_text for f in found] == [quotation]
    assert found[0].evidence["cues"][0] == "quotation: quotation without a speaker"
    assert "evaluative: ridiculous" in found[0].evidence["cues"]


@pytest.mark.parametrize(
    "sentence",
    [
        # a caption's own framing
        "In this photo taken on Tuesday, the 300 soldiers of the harbour garrison march past the burned depot.",
        # a noun-like verb form before a possessive is a verb: the company says so
        "The ferry company claims its new timetable has saved passengers “hundreds of thousands of hours” a year.",
        # a quoted product label starting in lower case is no quoted statement
        "There is nothing ordinary about a “fresh, sustainable, line-caught harbour cod fillet.”",
    ],
)
def test_captions_company_claims_and_labels_are_not_flagged(sentence: str) -> None:
    assert claims(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Last week, a storm destroyed the bridge at Norvik, killing more than 200 people.",
        "In 1998 a drought began in Norvik that is still killing more than 200 people a year.",
        # a year does not make recent or unfinished events history
        "Militia forces have killed more than 12,000 civilians in the valley since 2022.",
        "Militia forces killed more than 12,000 civilians in the valley in 2022.",
        "Emissions must fall by 40 percent by 2030 to avoid catastrophic warming.",
        # "picture-perfect" is no photo caption; "killed 1900," is a count
        "In this picture-perfect village, soldiers massacred 300 civilians and burned every home.",
    ],
)
def test_dated_but_contested_events_are_still_flagged(sentence: str) -> None:
    assert claims(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        'After the "stand your ground" vote: "Nobody trusts the courts anymore and the judges were bought."',
        '"nobody trusts the courts anymore and the judges were bought by the cartel."',
    ],
)
def test_quoted_statements_keep_their_speakerless_cue(sentence: str) -> None:
    assert claims(sentence) == [sentence]


def test_merged_quotation_stops_at_its_closing_mark() -> None:
    text = (
        '"Prices will rise by 40 percent next year. Wages will not follow" as the army reportedly prepares to '
        "invade the capital with 10,000 troops.\n"
    )
    found = lint(text, UnattributedAssertion, "text", {})
    assert [(f.evidence["kind"], f.flagged_text) for f in found] == [
        ("claim", '"Prices will rise by 40 percent next year. Wages will not follow"'),
        ("hedge", "reportedly"),
    ]


def test_vague_lede_source_named_in_the_next_paragraphs_is_not_a_weasel() -> None:
    lede = (
        "Floodwaters rose through the night along the Harbour River, killing 12 people and forcing 2,000 "
        "residents from their homes, officials said.\n\n"
    )
    named = "The Valley Division of Emergency Management said on Sunday that three shelters had opened.\n"
    assert lint(lede + named, UnattributedAssertion, "text", {}) == []
    unnamed = lint(lede + "Three shelters opened on Sunday.\n", UnattributedAssertion, "text", {})
    assert [(f.evidence["kind"], f.flagged_text) for f in unnamed] == [("hedge", "officials said")]
    # "critics say" stays a weasel whoever is named next
    critics = lint("Critics say the plan will fail.\n\n" + named, UnattributedAssertion, "text", {})
    assert [f.flagged_text for f in critics] == ["Critics say"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The pump maker, based in Norvik, employs about 9,000 people and makes chillers for data centres.",
        "About 40 residents attended the harbour meeting, and 11 spoke during public comment.",
        "Dana Holt, 58, was found guilty on 14 counts of wire fraud after a nine-day trial in the valley court.",
        "Holt faces up to 20 years in prison on each count when she is sentenced next month.",
    ],
)
def test_head_counts_court_records_and_ages_are_not_claims(sentence: str) -> None:
    assert claims(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "About 2,000 residents fled the valley as the fire spread towards the harbour.",
        "The ceasefire will collapse within weeks as both armies regroup along the river.",
        "Inflation will hit 12% by the end of the year, forcing the central bank to raise rates again.",
    ],
)
def test_harm_and_forecasts_are_claims(sentence: str) -> None:
    assert claims(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Police used live ammunition against peaceful protesters in the harbour square.",
        "The company knowingly sold contaminated baby formula to hospitals in the valley.",
    ],
)
def test_force_and_deliberate_acts_are_one_strong_cue_each(sentence: str) -> None:
    # one strong cue: a claim at sensitivity high, below the medium threshold without a second cue
    assert claims(sentence, sensitivity="high") == [sentence]
    assert claims(sentence) == []


def test_present_tense_cause_is_a_causal_cue() -> None:
    cause = "The new fertiliser causes serious kidney damage in children who live near the farms."
    assert "causal: causes" in assess_claim(cause).cue_summary()
    assert claims(cause.replace("who live", "and will kill 300 of them")) != []
