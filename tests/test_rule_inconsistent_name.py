"""Rule inconsistent-name (CD401): fictional articles, both ways."""

from __future__ import annotations

import pytest

from linters import CorpusContext, CorpusEntry, Rule, RuleContext
from linters.testing import lint, read
from rules.inconsistent_name import InconsistentName, copydesk_add_rules

SEED_LIKE = """\
Moscow: The US is struggling to persuade Volodymyr Zelenski to accept the plan, Foreign Minister Sergey Lavrov said.
"They promised that Zelenskyy would not impede peace," Lavrov said in an interview.
The army is advancing on Pokrovsk (Krasnoarmeisk) and Kupyansk, where Ukrainian troops are blocked.
"We are waiting for Washington," Lavrov added, as Zelenskyy's office declined to comment.
"""


def _flagged(text: str, **options) -> list[str]:
    return [f.flagged_text for f in lint(text, InconsistentName, options=options)]


# -- the motivating article ----------------------------------------------------------


def test_minority_spelling_is_reported_with_evidence_related_and_fix() -> None:
    findings = lint(SEED_LIKE, InconsistentName)
    assert [f.flagged_text for f in findings] == ["Zelenski"]
    finding = findings[0]
    assert finding.severity == "warning"
    assert finding.code == "CD401"
    assert (finding.location.line, finding.location.column) == (1, 52)
    assert finding.evidence["suggested"] == "Zelenskyy"
    assert finding.evidence["basis"] == "majority"
    assert [(v["spelling"], v["count"]) for v in finding.evidence["variants"]] == [("Zelenski", 1), ("Zelenskyy", 2)]
    assert [(r.location.line, r.location.column) for r in finding.related] == [(2, 21)]
    assert "Zelenskyy" in finding.message
    assert finding.fix is not None and finding.fix.safety == "unsafe"
    (edit,) = finding.fix.edits
    assert SEED_LIKE[edit.start : edit.end] == "Zelenski"
    assert edit.content == "Zelenskyy"


def test_the_shared_seed_article_flags_only_zelenski() -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "sample-article.txt"
    if not seed.exists():
        pytest.skip("shared seed article not available")
    findings = lint(seed.read_text(encoding="utf-8"), InconsistentName)
    assert [(f.flagged_text, f.evidence["suggested"]) for f in findings] == [("Zelenski", "Zelenskyy")]


# -- what is one name -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "Muammar Gaddafi ruled for decades. Gaddafi fled south in August. Rebels said Qaddafi was hiding.",
            ["Qaddafi"],
        ),
        ("Shelling hit Kyiv overnight. Kyiv residents sheltered. Officials in Kiev said power was cut.", ["Kiev"]),
        ("Alexei Navalny was jailed. Navalny appealed. Supporters of Navalnyy rallied.", ["Navalnyy"]),
        ("Hillary Clinton spoke first. Hillary Clinton then left. Aides to Hilary Clinton said.", ["Hilary"]),
        ("Dmitry Peskov declined. Peskov said no. Reporters asked Peskow again.", ["Peskow"]),
    ],
)
def test_transliteration_variants_are_reported(text: str, flagged: list[str]) -> None:
    assert _flagged(text) == flagged


@pytest.mark.parametrize(
    "text",
    [
        "Alexei Navalny was jailed. His widow Yulia Navalnaya spoke. Navalnaya said Navalny was murdered.",
        "Dmitry Peskov declined to comment. His daughter Elizaveta Peskova posted a photo. Peskov said nothing.",
        "Volodymyr Zelenskyy met Olena Zelenska. Zelenska spoke about children; Zelenskyy about arms.",
        "Bill Clinton spoke before Hillary Clinton took the stage. Bill Clinton left early.",
        "Kim Jong-un inspected a missile, as his father Kim Jong-il had done. Kim Jong-un smiled.",
        "Trade between Austria and Australia grew. Austria exports wine; Australia exports wool.",
        "Troops left Niger for Nigeria. Niger protested; Nigeria stayed silent.",
        "Iran and Iraq signed a deal. Iran will supply gas; Iraq will pay.",
        "Russia said a Russian soldier was held. Russia asked for his return.",
        "Shelling hit Donetsk. The Donetsk region was without power, officials in Donetsk said.",
        "Dmitry Medvedev attacked Viktor Medvedchuk. Medvedev and Medvedchuk once met.",
        "Marx wrote it. Marks and Spencer sold it. Marx would have objected.",
    ],
)
def test_different_names_that_look_alike_are_not_reported(text: str) -> None:
    assert _flagged(text) == []


def test_nicknames_are_not_inconsistencies() -> None:
    text = "William Clinton signed the bill. Bill Clinton later said the law worked. Clinton smiled."
    assert _flagged(text) == []


def test_different_people_sharing_a_family_name_are_not_merged() -> None:
    text = "Muammar Gaddafi ruled Libya. His son Khamis Qaddafi led a brigade. Qaddafi was later killed."
    assert _flagged(text) == []


def test_a_misspelt_shared_family_name_is_reported() -> None:
    text = "Donald Trump praised Ivanka Trump on Monday. Aides said Trump was pleased and Troump smiled."
    findings = lint(text, InconsistentName)
    assert [(f.flagged_text, f.evidence["suggested"]) for f in findings] == [("Troump", "Trump")]


def test_given_names_of_one_person_are_compared_unless_disabled() -> None:
    text = "Sergey Lavrov spoke on Monday. Sergey Lavrov then flew home. Sergei Lavrov said later."
    assert _flagged(text) == ["Sergei"]
    assert _flagged(text, **{"check-given-names": False}) == []


def test_surname_only_mentions_count_toward_the_full_name() -> None:
    text = "Volodymyr Zelenskyy visited the front. Zelensky said troops held. Zelenskyy returned."
    findings = lint(text, InconsistentName)
    assert [f.flagged_text for f in findings] == ["Zelensky"]
    assert findings[0].evidence["name"] == "Volodymyr Zelenskyy"


def test_a_tie_suggests_the_first_spelling() -> None:
    findings = lint("Anna Kovalenko spoke. Kowalenko left.", InconsistentName)
    assert [(f.flagged_text, f.evidence["suggested"], f.evidence["basis"]) for f in findings] == [
        ("Kowalenko", "Kovalenko", "first")
    ]


def test_a_tie_prefers_the_spelling_the_article_uses_outside_quotes() -> None:
    text = '"Zelenskyy will come," an aide said on Monday. Later Volodymyr Zelensky arrived in Lviv.'
    findings = lint(text, InconsistentName)
    assert [(f.flagged_text, f.evidence["suggested"], f.severity) for f in findings] == [
        ("Zelenskyy", "Zelensky", "info")
    ]


def test_a_common_word_the_article_also_writes_in_lower_case_is_not_a_name() -> None:
    text = "The museum shows neon lights. Neon Art opened in May; critics loved Neon Art. Néon Art moved."
    assert _flagged(text) == []
    assert _flagged(text.replace("neon lights", "bright lights")) == ["Néon"]


# -- declared aliases, quotes, accents -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Troops reached Pokrovsk (Krasnoarmeisk) at dawn. Pokrovsk was shelled.",
        "Officials in Kyiv, formerly Kiev, said the city held. Kyiv was calm.",
        "Muammar Gaddafi, also spelled Qaddafi, ruled Libya. Gaddafi fled south.",
        "The leader Volodymyr Zelenskyy (also known as Zelensky) spoke. Zelenskyy left.",
        "Prosecutors quoted a note praising Angela Correy's [sic] work. Angela Corey declined to comment.",
    ],
)
def test_declared_aliases_and_sic_are_not_reported(text: str) -> None:
    assert _flagged(text) == []


def test_declared_alias_scope_document_exempts_later_uses() -> None:
    text = "Officials in Kyiv, formerly Kiev, said the city held. Kyiv was calm. Kiev had been quiet."
    assert _flagged(text) == ["Kiev"]
    assert _flagged(text, **{"declared-aliases": "document"}) == []


def test_spellings_inside_direct_quotes_are_softened_or_ignored() -> None:
    text = 'Volodymyr Zelenskyy spoke. Zelenskyy left. "We trust Zelensky," a soldier said.'
    findings = lint(text, InconsistentName)
    assert [(f.flagged_text, f.severity) for f in findings] == [("Zelensky", "info")]
    assert findings[0].evidence["in_quote"] is True
    assert _flagged(text, **{"in-quotes": "ignore"}) == []
    report = lint(text, InconsistentName, options={"in-quotes": "report"})
    assert [f.severity for f in report] == ["warning"]


def test_accent_only_differences_are_info_by_default() -> None:
    text = "Junot Díaz read aloud. Díaz signed books. Fans thanked Diaz."
    assert [(f.flagged_text, f.severity) for f in lint(text, InconsistentName)] == [("Diaz", "info")]
    assert _flagged(text, diacritics="ignore") == []
    assert [f.severity for f in lint(text, InconsistentName, options={"diacritics": "report"})] == ["warning"]


def test_typography_and_the_arabic_article_are_not_spellings() -> None:
    text = "Bashar al-Assad spoke. Assad left. Kevin O'Neill agreed; O’Neill said so twice."
    assert _flagged(text) == []


# -- house style -------------------------------------------------------------------------


HOUSE = {"preferred": {"Zelenskyy": ["Zelensky", "Zelenskiy", "Zelenski"]}}


def test_house_style_flags_a_consistent_non_preferred_spelling() -> None:
    text = "Volodymyr Zelensky visited Kharkiv. Zelensky met troops."
    assert _flagged(text) == []
    findings = lint(text, InconsistentName, options=HOUSE)
    assert [(f.flagged_text, f.evidence["suggested"], f.evidence["basis"]) for f in findings] == [
        ("Zelensky", "Zelenskyy", "house-style"),
        ("Zelensky", "Zelenskyy", "house-style"),
    ]
    assert "house spelling" in findings[0].message


def test_house_style_overrides_the_majority() -> None:
    text = "Volodymyr Zelensky spoke. Zelensky left. Zelenskyy returned."
    findings = lint(text, InconsistentName, options=HOUSE)
    assert [(f.flagged_text, f.evidence["suggested"]) for f in findings] == [
        ("Zelensky", "Zelenskyy"),
        ("Zelensky", "Zelenskyy"),
    ]


def test_house_style_leaves_the_preferred_spelling_and_other_people_alone() -> None:
    text = "Volodymyr Zelenskyy met Olena Zelenska. Zelenskyy left."
    assert _flagged(text, **HOUSE) == []


# -- formats ---------------------------------------------------------------------------------


def test_markdown_articles_are_checked_when_the_reader_is_installed() -> None:
    try:
        read("# t\n", "markdown")
    except ValueError:
        pytest.skip("markdown reader not installed")
    text = "# Talks stall\n\nVolodymyr Zelenskyy spoke.\n\n> Zelenskyy will not yield.\n\nAides to Zelensky left.\n"
    findings = lint(text, InconsistentName, fmt="markdown")
    assert [(f.flagged_text, f.location.line) for f in findings] == [("Zelensky", 7)]


# -- across documents -------------------------------------------------------------------------


def _entries(articles: dict[str, str], rule: InconsistentName) -> list[CorpusEntry]:
    entries = []
    for path, text in sorted(articles.items()):
        doc = read(text, "text", path=path)[0]
        data = rule.corpus_data(doc, RuleContext(rule, doc, "warning"))
        entries.append(CorpusEntry(path, doc.id, None, data))
    return entries


def test_corpus_check_reports_the_article_that_spells_a_name_differently() -> None:
    import pickle

    rule = InconsistentName()
    articles = {
        "a.txt": "Volodymyr Zelenskyy visited Odesa. Zelenskyy met sailors.",
        "b.txt": "President Volodymyr Zelenskyy addressed parliament on Monday.",
        "c.txt": "Volodymyr Zelenskyy spoke to reporters.",
        "d.txt": "Volodymyr Zelensky thanked donors. Zelensky smiled.",
    }
    entries = _entries(articles, rule)
    pickle.dumps(entries)  # corpus data crosses process boundaries
    ctx = CorpusContext(rule, "warning")
    rule.check_corpus(entries, ctx)
    assert [(f.path, f.flagged_text, f.severity) for f in ctx.findings] == [("d.txt", "Zelensky", "info")]
    finding = ctx.findings[0]
    assert finding.evidence["suggested"] == "Zelenskyy"
    assert finding.evidence["documents"] == {"Zelenskyy": 3, "Zelensky": 1}
    assert {r.path for r in finding.related} == {"a.txt", "b.txt", "c.txt"}
    assert (finding.location.line, finding.location.column) == (1, 11)


def test_corpus_check_keeps_different_people_and_places_apart() -> None:
    rule = InconsistentName({"corpus-severity": "warning"})
    articles = {
        "a.txt": "Muammar Gaddafi ruled Libya for decades.",
        "b.txt": "Khamis Qaddafi commanded a brigade.",
        "c.txt": "Troops left Niger on Monday.",
        "d.txt": "Troops entered Nigeria on Monday.",
        "e.txt": "Alexei Navalny was jailed.",
        "f.txt": "Yulia Navalnaya spoke in Munich.",
    }
    ctx = CorpusContext(rule, "warning")
    rule.check_corpus(_entries(articles, rule), ctx)
    assert ctx.findings == []


def test_corpus_severity_option_and_house_style() -> None:
    rule = InconsistentName({"corpus-severity": "warning", **HOUSE})
    articles = {
        "a.txt": "Volodymyr Zelensky spoke.",
        "b.txt": "Volodymyr Zelensky left.",
        "c.txt": "Aides to Zelenskyy won.",
    }
    ctx = CorpusContext(rule, "info")
    rule.check_corpus(_entries(articles, rule), ctx)
    assert [(f.path, f.evidence["suggested"], f.severity) for f in ctx.findings] == [
        ("a.txt", "Zelenskyy", "warning"),
        ("b.txt", "Zelenskyy", "warning"),
    ]


def _corpus(articles: dict[str, str], **options) -> list[tuple[str, str, str]]:
    rule = InconsistentName(options)
    ctx = CorpusContext(rule, "info")
    rule.check_corpus(_entries(articles, rule), ctx)
    return [(f.path, f.flagged_text, f.evidence["suggested"]) for f in ctx.findings]


def _profile(surname: str, given: str = "Anna") -> str:
    """A short fictional article that uses ``surname`` clearly as a person's name."""
    return (
        f"The trade envoy {given} {surname} arrived in the port city on Tuesday.\n"
        f"Officials said {surname} would meet dock workers, and aides to {surname} confirmed the visit."
    )


def test_corpus_true_positive_one_article_against_two() -> None:
    articles = {
        "a.txt": "Rebels said Muammar Gaddafi had fled south. Loyalists of Gaddafi held the town of Sirte.",
        "b.txt": "Muammar Qaddafi ruled Libya for four decades. Critics of Qaddafi were jailed.",
        "c.txt": "The archive holds letters of Muammar Qaddafi. Historians say Qaddafi wrote them himself.",
    }
    rule = InconsistentName()
    ctx = CorpusContext(rule, "info")
    rule.check_corpus(_entries(articles, rule), ctx)
    assert [(f.path, f.flagged_text, f.evidence["suggested"]) for f in ctx.findings] == [
        ("a.txt", "Gaddafi", "Qaddafi")
    ]
    assert ctx.findings[0].evidence["documents"] == {"Qaddafi": 2, "Gaddafi": 1}
    assert ctx.findings[0].evidence["basis"] == "majority"


def test_corpus_listed_exonyms_are_names_even_when_mentioned_once() -> None:
    articles = {
        "a.txt": "Talks resumed in Kyiv on Monday, officials said.",
        "b.txt": "The delegation flew to Kyiv after the summit.",
        "c.txt": "Grain prices rose after officials in Kiev announced new export routes.",
    }
    assert _corpus(articles) == [("c.txt", "Kiev", "Kyiv")]


@pytest.mark.parametrize(
    ("majority", "minority"),
    [
        ("Americans", "Americas"),
        ("Class", "Glass"),
        ("Face", "Phase"),
        ("Thank", "Tang"),
        ("Lowe", "Love"),
        ("Sentra", "Sinatra"),
        ("Tour", "Tur"),
        ("Fed", "Feed"),
        ("Books", "Bugs"),
        ("Tags", "Tax"),
        ("Streets", "Starts"),
        ("Meth", "Met"),
        ("Colombia", "Columbia"),
        ("Angeles", "Angels"),
        ("Ernst", "Earnest"),
        ("Hope", "Hoppe"),
    ],
)
def test_corpus_look_alike_names_are_not_reported_even_as_clear_names(majority: str, minority: str) -> None:
    articles = {"a.txt": _profile(majority), "b.txt": _profile(majority, "Mark"), "c.txt": _profile(minority)}
    assert _corpus(articles) == []


def test_corpus_brand_words_and_mixed_scripts_are_not_reported() -> None:
    articles = {
        "a.txt": "Guests at the Hotel Miramar praised the WiFi. Staff said WiFi was free.",
        "b.txt": "The café offers free Wi-Fi to guests. Its Wi-Fi is fast.",
        "c.txt": "The library added Wi-Fi on every floor. Readers said Wi-Fi helped.",
        "d.txt": "アプリはGoogle Play Storeにない非公式アプリです。The Google Play Store team declined to comment.",
        "e.txt": "Developers praised the Google Play Store. The Google Play Store grew.",
    }
    assert _corpus(articles) == []


def test_corpus_needs_clear_names_not_headline_or_sentence_initial_words() -> None:
    base = {"a.txt": _profile("Navalny", "Alexei"), "b.txt": _profile("Navalny", "Alexei")}
    headline = "Navalnyy Supporters Rally In The Rain\nNavalnyy supporters marched in the rain on Sunday."
    assert _corpus({**base, "c.txt": headline}) == []
    assert _corpus({**base, "c.txt": _profile("Navalnyy", "Alexei")}) == [("c.txt", "Navalnyy", "Navalny")]


def test_corpus_words_seen_in_lower_case_anywhere_in_the_run_are_not_names() -> None:
    base = {"a.txt": _profile("Sterling", "Tracy"), "b.txt": _profile("Sterling", "Tracy")}
    assert _corpus({**base, "c.txt": _profile("Sterlling", "Tracy")}) == [("c.txt", "Sterlling", "Sterling")]
    market = "The pound sterling fell against the dollar on Friday, traders in London said."
    assert _corpus({**base, "c.txt": _profile("Sterlling", "Tracy"), "d.txt": market}) == []


def test_corpus_english_looking_names_need_full_names_of_one_person() -> None:
    base = {"a.txt": _profile("Phillips", "Jane"), "b.txt": _profile("Phillips", "Jane")}
    company = "Shares of Philips rose on Monday. Analysts said Philips had beaten forecasts, and Philips agreed."
    assert _corpus({**base, "c.txt": company}) == []
    assert _corpus({**base, "c.txt": _profile("Philips", "Jane")}) == [("c.txt", "Philips", "Phillips")]
    assert _corpus({**base, "c.txt": _profile("Philips", "Mark")}) == []


def test_corpus_one_article_against_one_is_no_evidence_unless_house_style() -> None:
    articles = {"a.txt": _profile("Zelensky", "Volodymyr"), "b.txt": _profile("Zelenskiy", "Volodymyr")}
    assert _corpus(articles) == []
    house = {"preferred": {"Zelensky": ["Zelenskiy"]}}
    assert _corpus(articles, **house) == [("b.txt", "Zelenskiy", "Zelensky")]


def test_corpus_tie_between_established_spellings_suggests_the_first_seen() -> None:
    articles = {
        "a.txt": _profile("Zelenskiy", "Volodymyr"),
        "b.txt": _profile("Zelensky", "Volodymyr"),
        "c.txt": _profile("Zelenskiy", "Volodymyr"),
        "d.txt": _profile("Zelensky", "Volodymyr"),
    }
    rule = InconsistentName()
    ctx = CorpusContext(rule, "info")
    rule.check_corpus(_entries(articles, rule), ctx)
    assert [(f.path, f.flagged_text, f.evidence["suggested"], f.evidence["basis"]) for f in ctx.findings] == [
        ("b.txt", "Zelensky", "Zelenskiy", "first"),
        ("d.txt", "Zelensky", "Zelenskiy", "first"),
    ]


STORY = (
    "Volodymyr {z} met Emmanuel Macron and Olaf Scholz in Paris on Monday.\n"
    "Aides to Giorgia Meloni said {z} asked for air defence, and Ursula von der Leyen agreed."
)


def test_corpus_copies_of_one_story_count_once() -> None:
    copies = {"a.html.txt": STORY.format(z="Zelensky"), "a.txt": STORY.format(z="Zelensky")}
    other = {"b.txt": _profile("Zelenskiy", "Volodymyr")}
    assert _corpus({**copies, **other}) == []
    third = {"c.txt": _profile("Zelensky", "Volodymyr")}
    assert _corpus({**copies, **other, **third}) == [("b.txt", "Zelenskiy", "Zelensky")]


def test_corpus_skips_articles_not_in_english() -> None:
    spanish = (
        "El presidente Volodymyr Zelenskiy llegó a Madrid el lunes por la tarde para una visita oficial. "
        "Según fuentes del gobierno, Zelenskiy se reunió con el rey y con los ministros de la defensa, "
        "y después habló con la prensa sobre la guerra y las sanciones que la Unión Europea prepara."
    )
    articles = {"a.txt": _profile("Zelensky", "Volodymyr"), "b.txt": _profile("Zelensky", "Mark"), "c.txt": spanish}
    assert _corpus(articles) == []


# -- metadata ---------------------------------------------------------------------------------


def test_rule_metadata_documentation_and_registration() -> None:
    assert InconsistentName.validate_metadata() == []
    assert (InconsistentName.code, InconsistentName.name) == ("CD401", "inconsistent-name")
    assert InconsistentName.default_severity == "warning"
    assert InconsistentName.fixable == "unsafe"
    doc = InconsistentName.documentation()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Options"):
        assert heading in doc
    schema = InconsistentName.options_schema
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert "default" in prop and prop.get("description"), name
        assert f"`{name}`" in doc
    rules = copydesk_add_rules()
    assert rules == [InconsistentName] and all(issubclass(r, Rule) for r in rules)


def test_output_is_deterministic() -> None:
    text = SEED_LIKE + "Kiev and Kyiv. Kyiv again. Navalny, Navalnyy, Navalny. Alexei Navalny.\n"
    first = [f.to_dict() for f in lint(text, InconsistentName)]
    assert first == [f.to_dict() for f in lint(text, InconsistentName)]
    assert len(first) == 3


@pytest.mark.parametrize(("ext", "fmt"), [("txt", "text"), ("md", "markdown"), ("html", "html")])
def test_example_articles_flag_only_the_minority_spelling(ext: str, fmt: str) -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "examples" / "articles" / f"inconsistent-name.{ext}"
    try:
        read("x", fmt)
    except ValueError:
        pytest.skip(f"{fmt} reader not installed")
    findings = lint(path.read_text(encoding="utf-8"), InconsistentName, fmt=fmt)
    assert [(f.flagged_text, f.evidence["suggested"], f.severity) for f in findings] == [
        ("Hritsenko", "Hrytsenko", "warning")
    ]


def test_a_typo_in_a_full_name_surname_is_caught_by_similarity() -> None:
    text = "Attorney General Eric Schneiderman sued on Monday. Scheiderman said the case was strong."
    findings = lint(text, InconsistentName)
    assert [(f.flagged_text, f.evidence["suggested"]) for f in findings] == [("Scheiderman", "Schneiderman")]
    assert findings[0].evidence["match"].startswith("similar spelling")


def test_lone_common_words_are_not_matched_by_similarity() -> None:
    text = "The Americans voted. Relations across the Americas improved, analysts in the Americas said."
    assert _flagged(text) == []


def test_corpus_data_round_trips_through_json_for_the_cache() -> None:
    import json

    rule = InconsistentName()
    doc = read("Colonel Muammar Gaddafi spoke in Tripoli on Monday. Gaddafi said the talks would go on.\n", "text")[0]
    data = rule.corpus_data(doc, RuleContext(rule, doc, "info"))
    assert data is not None and data.uses
    restored = rule.corpus_data_from_json(json.loads(json.dumps(rule.corpus_data_to_json(data))))
    assert restored == data
