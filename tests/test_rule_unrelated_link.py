"""unrelated-link (CD201): unrelated appended teasers are flagged; related ones and non-teasers are not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linters import Document, Finding, Rule
from linters.checking import ActiveRule, run_rules
from linters.testing import lint
from rules.unrelated_link import UnrelatedLink, copydesk_add_rules

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "sample-article.txt"

# A fictional article: Harbor City's council approves a tram line.
ARTICLE = """\
Harbor City council approved the Eastside tram line on Tuesday, ending a decade of argument over how to connect the \
waterfront with the hospital district.
The tram will run 14 kilometres from the ferry terminal to Mercy Hospital, with 19 stops, and is due to open in 2029.
Mayor Lena Okafor said the tram line would cut commuting times in half for nurses and dock workers who now rely on \
crowded buses.
Opponents on the council argued that the tram budget of 1.2 billion would be better spent repairing roads and bridges.
Construction of the Eastside tram depot is expected to begin next spring, the council's transport committee said.
"""

UNRELATED = [
    "Five pumpkin soup recipes for chilly autumn evenings",
    "Heavyweight champion retains title in Las Vegas rematch",
]
RELATED = [
    "Eastside tram: council publishes the route map and stop list",
    "Mayor Okafor defends tram budget against critics",
]


def findings(text: str, fmt: str = "text", **options: object) -> list[Finding]:
    return lint(text, UnrelatedLink, fmt, options)


def flagged(text: str, fmt: str = "text", **options: object) -> list[str]:
    return [str(f.evidence["teaser"]) for f in findings(text, fmt, **options)]


def apply_fixes(text: str, found: list[Finding]) -> str:
    """Apply every fix's edits (they never overlap) from the end of the text backwards."""
    edits = sorted((e for f in found if f.fix for e in f.fix.edits), key=lambda e: e.start, reverse=True)
    for edit in edits:
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


# -- the seed article ----------------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_article_flags_exactly_the_five_teasers_after_you_may_also_like() -> None:
    text = SEED.read_text("utf-8")
    found = findings(text)
    lines = text.split("\n")
    header_line = lines.index("You may also like") + 1
    assert len(found) == 5
    assert all(f.location.line > header_line for f in found)
    assert [lines[f.location.line - 1] for f in found] == [f.evidence["teaser"] for f in found]
    assert {f.evidence["header"] for f in found} == {"You may also like"}
    assert all(f.evidence["shared_words"] == [] and "shared words: none" in f.message for f in found)
    assert all(f.severity == "warning" and f.code == "CD201" for f in found)
    fixed = apply_fixes(text, found)
    assert "You may also like" not in fixed and "Gorakhnath" not in fixed
    assert fixed.startswith(text[:200]) and "Kupyansk" in fixed


# -- header forms ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "You may also like",
        "You might also like:",
        "Read more:",
        "READ MORE",
        "ALSO READ |",
        "Also read:",
        "Recommended",
        "Recommended for you",
        "More stories",
        "Related",
        "Related stories:",
        "Don't miss",
        "Don’t Miss:",
        "Trending",
        "TRENDING NOW",
        "See also",
        "Most popular",
    ],
)
def test_each_header_form_opens_a_teaser_block(header: str) -> None:
    text = ARTICLE + "\n" + header + "\n\n" + "\n\n".join(UNRELATED) + "\n"
    found = findings(text)
    assert [f.evidence["teaser"] for f in found] == UNRELATED
    assert all(f.evidence["header"] == header.rstrip(" :|") for f in found)
    assert all(f.evidence["detected_by"] == "header" for f in found)


def test_teasers_are_reported_at_their_own_lines_with_evidence() -> None:
    text = ARTICLE + "You may also like\n" + "\n".join(UNRELATED) + "\n"
    found = findings(text)
    first_line = ARTICLE.count("\n") + 2
    assert [f.location.line for f in found] == [first_line, first_line + 1]
    assert found[0].location.column == 1
    evidence = found[0].evidence
    assert evidence["relatedness"] == 0.0 and evidence["threshold"] == 0.25
    assert 'under "You may also like"' in found[0].message and "relatedness 0.00" in found[0].message


def test_mixed_block_flags_only_the_unrelated_teasers() -> None:
    block = [RELATED[0], UNRELATED[0], RELATED[1], UNRELATED[1]]
    text = ARTICLE + "\nRelated stories\n" + "\n".join(block) + "\n"
    found = findings(text)
    assert [f.evidence["teaser"] for f in found] == UNRELATED
    # two related teasers are left, so the header stays
    fixed = apply_fixes(text, found)
    assert "Related stories" in fixed and RELATED[0] in fixed and UNRELATED[0] not in fixed


def test_media_kickers_are_teasers_but_media_credits_are_not() -> None:
    teasers = ["Video: Watch the champion's knockout punch in slow motion", "Photos: Inside the new pumpkin festival"]
    text = ARTICLE + "\nMore stories\n" + "\n".join(teasers) + "\n"
    assert flagged(text) == teasers
    credits = ARTICLE + "\nPhoto: Ana Ruiz/Harbor City Courier\nBy Maria Chen\n"
    assert findings(credits) == []


def test_items_sharing_distinctive_words_with_a_related_item_stay_with_it() -> None:
    # a story package: the second item shares nothing with the article, only "Velmora Rail" with the first
    package = [
        "Eastside tram: Velmora Rail wins the depot contract",
        "Velmora Rail founder buys a vineyard in the hills",
        UNRELATED[1],
    ]
    text = ARTICLE + "\nRelated coverage\n" + "\n".join(package) + "\n"
    assert flagged(text) == [UNRELATED[1]]
    alone = ARTICLE + "\nRelated coverage\n" + "\n".join(package[1:]) + "\n"
    assert flagged(alone) == package[1:]


def test_related_teasers_share_words_and_are_not_flagged() -> None:
    text = ARTICLE + "\nRead more:\n" + "\n".join(RELATED) + "\n"
    assert findings(text) == []


def test_demonyms_and_plurals_count_as_shared_words() -> None:
    article = (
        "Ukraine and Poland signed a grain transit agreement in Warsaw on Monday after weeks of talks.\n"
        "The deal lets Ukrainian grain cross Polish territory in sealed trucks bound for the port of Gdansk.\n"
        "Farmers' groups in Poland had blocked border crossings for a month, saying cheap imports hurt prices.\n"
        "Officials said inspections at the border would be doubled to reassure farmers about quality.\n"
    )
    text = (
        article + "\nRecommended\nUkrainian farmers welcome Polish transit deal\nGreek islands brace for record heat\n"
    )
    found = findings(text)
    assert [f.evidence["teaser"] for f in found] == ["Greek islands brace for record heat"]


def test_link_slug_words_count_toward_relatedness() -> None:
    text = (
        ARTICLE
        + "\nRead more:\nWhat happens next? https://news.example.com/city/eastside-tram-depot-construction-plan\n"
        "What happens next? https://news.example.com/food/pumpkin-soup-recipes\n"
    )
    found = findings(text)
    assert len(found) == 1 and "pumpkin-soup" in found[0].evidence["urls"][0]


# -- headerless tails and inline teasers ----------------------------------------------------------------------


def test_headerless_tail_of_headline_links_is_found() -> None:
    tail = [
        "Pumpkin soup: five recipes for chilly evenings https://news.example.com/food/pumpkin-soup",
        "Heavyweight champion retains title in Las Vegas https://news.example.com/sport/boxing-rematch",
        "Eastside tram depot: what the plans show https://news.example.com/city/eastside-tram-depot",
    ]
    found = findings(ARTICLE + "\n" + "\n".join(tail) + "\n")
    assert [f.evidence["detected_by"] for f in found] == ["tail", "tail"]
    assert [f.evidence["teaser"] for f in found] == tail[:2]
    assert "headerless block" in found[0].message


def test_headerless_tail_of_kicker_headlines_without_links_is_found() -> None:
    tail = ["Recipes: Five pumpkin soups for chilly evenings", "Boxing: Champion retains title in Las Vegas rematch"]
    assert flagged(ARTICLE + "\n".join(tail) + "\n") == tail


def test_single_trailing_headline_is_not_a_tail() -> None:
    assert findings(ARTICLE + "Boxing: Champion retains title in Las Vegas rematch\n") == []


def test_inline_read_more_line_inside_the_body_is_checked() -> None:
    lines = ARTICLE.splitlines()
    body = [*lines[:2], "READ MORE: Heavyweight champion retains title in Las Vegas rematch", *lines[2:]]
    found = findings("\n".join(body) + "\n")
    assert len(found) == 1
    assert found[0].evidence["detected_by"] == "inline" and found[0].location.line == 3
    assert found[0].evidence["teaser"] == "Heavyweight champion retains title in Las Vegas rematch"
    assert found[0].location.column == len("READ MORE: ") + 1
    related = [*lines[:2], "ALSO READ | Mayor Okafor defends tram budget against critics", *lines[2:]]
    assert findings("\n".join(related) + "\n") == []


# -- what is not a teaser ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ending",
    [
        "Read more about the tram route in our explainer.",
        "Reporting by Ana Ruiz; Editing by Tom Hale",
        "Maria Chen is a senior transport correspondent based in Harbor City.",
        "Topics: Transport, Harbor City, Council",
        "Tags: trams | city council | budgets",
        "Photo: A tram prototype on display at the ferry terminal (Getty Images)",
        "Copyright 2026 Harbor City Courier. All rights reserved.",
        "Follow Maria Chen on Bluesky @mariachen\nWrite to Maria Chen at Maria Chen Desk Harbor City Courier",
        "— Maria Chen, Harbor City\nGot a tip? Send Us Your Stories Through Our Secure Channel",
    ],
)
def test_closing_lines_are_not_teasers(ending: str) -> None:
    assert findings(ARTICLE + "\n" + ending + "\n") == []
    assert findings(ARTICLE + ending + "\nReporting by Ana Ruiz; Editing by Tom Hale\n") == []


def test_affiliate_product_box_is_not_a_teaser_block() -> None:
    box = [
        "Harbor Commuter Folding Scooter",
        "Folds in three seconds for trains and trams",
        "Puncture-proof tyres rated for cobblestones",
        "$349.00",
        "Buy now",
    ]
    text = ARTICLE + "\nDon't miss\n" + "\n".join(box) + "\n" + ARTICLE
    assert findings(text) == []


def test_dated_timeline_in_the_body_is_not_a_teaser_tail() -> None:
    timeline = (
        "2014: Pumpkin festival committee first proposes a tram\n"
        "2019: Voters reject a bond measure for stadium lighting\n"
        "March 2024: Ferry operators sign new union contract\n"
    )
    assert findings(ARTICLE + timeline) == []


def test_templated_list_closing_the_article_is_not_a_teaser_tail() -> None:
    stops = (
        "Ferry Terminal (Zone A): First Stop\nMarket Square (Zone B): Second Stop\nMercy Hospital (Zone C): Last Stop\n"
    )
    assert findings(ARTICLE + stops) == []


@pytest.mark.parametrize("subheading", ["Related", "Trending", "More stories", "Recommended"])
def test_subheading_followed_by_prose_is_not_a_teaser_header(subheading: str) -> None:
    prose = (
        "Economists at the city university said related projects in other ports had paid for themselves within "
        "twenty years. Their report was published on Monday."
    )
    assert findings(ARTICLE + subheading + "\n" + prose + "\n" + ARTICLE) == []


def test_header_words_starting_a_sentence_are_not_headers() -> None:
    text = ARTICLE + "Related costs remain unknown\nRecommended dose: five kilometres a day\n"
    assert findings(text) == []


# -- options ----------------------------------------------------------------------------------------------


def test_threshold_option_decides_what_is_related() -> None:
    text = ARTICLE + "\nYou may also like\n" + "\n".join([*RELATED, *UNRELATED]) + "\n"
    assert len(findings(text)) == 2
    assert findings(text, threshold=0.0) == []
    assert len(findings(text, threshold=1.0)) == 4


def test_custom_and_extended_header_lists() -> None:
    text = ARTICLE + "\nElsewhere on the site\n" + "\n".join(UNRELATED) + "\n"
    assert findings(text) == []
    assert len(findings(text, **{"extend-headers": ["Elsewhere on the site"]})) == 2
    only = findings(ARTICLE + "\nYou may also like\n" + "\n".join(UNRELATED) + "\n", headers=["More from us"])
    # without its header the block is still caught as a headerless tail only if headline-shaped: these are not
    assert only == []


def test_flag_any_appended_block_reports_related_teasers_too() -> None:
    text = ARTICLE + "\nRelated stories\n" + "\n".join(RELATED) + "\n"
    found = findings(text, **{"flag-any-appended-block": True})
    assert [f.evidence["teaser"] for f in found] == RELATED
    assert "flag-any-appended-block" in found[0].message
    assert "Related stories" not in apply_fixes(text, found)


def test_allowlisted_house_promo_is_kept_and_keeps_the_header() -> None:
    text = (
        ARTICLE + "\nMore stories\n" + "\n".join([UNRELATED[0], "Subscribe to our newsletter for daily updates"]) + "\n"
    )
    found = findings(text)
    assert [f.evidence["teaser"] for f in found] == [UNRELATED[0]]
    fixed = apply_fixes(text, found)
    assert "More stories" in fixed and "Subscribe to our newsletter" in fixed
    promo_only = findings(text, **{"allowed-promos": []})
    assert len(promo_only) == 2


def test_too_short_an_article_is_not_judged() -> None:
    text = "Council approves tram.\nYou may also like\n" + "\n".join(UNRELATED) + "\n"
    assert findings(text) == []
    assert len(findings(text, **{"flag-any-appended-block": True})) == 2


# -- fixes ------------------------------------------------------------------------------------------------


def test_fix_removes_unrelated_teasers_and_the_emptied_header() -> None:
    text = ARTICLE + "You may also like\n" + "\n".join(UNRELATED) + "\n"
    found = findings(text)
    assert all(f.fix is not None and f.fix.safety == "unsafe" for f in found)
    assert apply_fixes(text, found) == ARTICLE


def test_fix_inside_a_stacked_text_block_removes_only_its_line() -> None:
    # lines without blank lines between them may be read as one block; each teaser is still its own line
    text = ARTICLE + "\nYou may also like\n" + "\n".join([RELATED[0], *UNRELATED]) + "\n"
    found = findings(text)
    assert [f.evidence["teaser"] for f in found] == UNRELATED
    assert apply_fixes(text, found) == ARTICLE + "\nYou may also like\n" + RELATED[0] + "\n"


# -- other formats ------------------------------------------------------------------------------------------


def _html(article_extra: str = "", after: str = "") -> str:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in ARTICLE.splitlines())
    return (
        "<html><head><title>Eastside tram approved</title></head><body>\n"
        "<nav><a href='/'>Home</a> <a href='/city'>City</a></nav>\n"
        f"<article><h1>Harbor City approves Eastside tram</h1>\n{paragraphs}{article_extra}</article>\n"
        f"{after}<footer><p>Copyright 2026 Harbor City Courier</p></footer></body></html>\n"
    )


def _links(items: list[str]) -> str:
    return "".join(f'<li><a href="/news/{re.sub(r"[^a-z]+", "-", t.lower()).strip("-")}">{t}</a></li>\n' for t in items)


def test_html_aside_with_related_class_flags_only_unrelated_links() -> None:
    items = _links([RELATED[0], UNRELATED[0]])
    aside = f'<aside class="related-stories"><h2>Related stories</h2><ul>\n{items}</ul></aside>\n'
    found = findings(_html(article_extra=aside), "html")
    assert [f.evidence["teaser"] for f in found] == [UNRELATED[0]]
    assert found[0].evidence["header"] == "Related stories"


def test_html_recommendation_widget_outside_the_body_is_found() -> None:
    widget = f'<div class="outbrain-widget"><ul>\n{_links(UNRELATED)}</ul></div>\n'
    found = findings(_html(after=widget), "html")
    assert [f.evidence["teaser"] for f in found] == UNRELATED
    assert all(f.evidence["detected_by"] == "widget" for f in found)


def test_html_link_list_after_the_body_without_class_hints_is_found() -> None:
    after = f"<div><h3>More news</h3><ul>\n{_links(UNRELATED)}</ul></div>\n"
    found = findings(_html(after=after), "html")
    assert [f.evidence["teaser"] for f in found] == UNRELATED
    text = _html(after=after)
    fixed = apply_fixes(text, found)
    assert UNRELATED[0] not in fixed and "More news" not in fixed and "Eastside tram" in fixed


def test_html_aside_fact_box_related_to_the_article_is_not_flagged() -> None:
    box = "<aside><h3>Key facts</h3><ul><li>Eastside tram: 14 kilometres, 19 stops</li></ul></aside>\n"
    assert findings(_html(article_extra=box), "html") == []


def test_html_and_markdown_subheadings_followed_by_prose_and_tag_lists_are_not_teasers() -> None:
    prose = "<h2>Trending</h2><p>Bus ridership has fallen for three years, which the council blames on traffic.</p>\n"
    tags = '<div class="related-tags"><a href="/t/trams">Trams</a> <a href="/t/council">Council</a></div>\n'
    assert findings(_html(article_extra=prose, after=tags), "html") == []
    markdown = "# Tram approved\n\n" + ARTICLE.replace("\n", "\n\n") + "## Related\n\nThe budget vote was close.\n"
    assert findings(markdown, "markdown") == []


def test_markdown_related_list_with_links() -> None:
    items = "".join(
        f"- [{t}](https://news.example.com/{i})\n" for i, t in enumerate([RELATED[0], UNRELATED[0], UNRELATED[1]])
    )
    text = "# Harbor City approves Eastside tram\n\n" + ARTICLE.replace("\n", "\n\n") + "## Related\n\n" + items
    found = findings(text, "markdown")
    assert [f.evidence["teaser"] for f in found] == UNRELATED
    # the list's own line goes, the blank line that ends the list stays
    fixed = apply_fixes(text + "\nSubscribe to our newsletter.\n", found)
    assert fixed.endswith("(https://news.example.com/0)\n\nSubscribe to our newsletter.\n")


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("unrelated-link.txt", "text", ["Film festival", "Transfer news"]),
        ("unrelated-link.md", "markdown", ["Celebrity chef", "Five gadgets"]),
        ("unrelated-link.html", "html", ["Ten cosy knitting", "Retirees are", "Gardeners swear"]),
    ],
)
def test_example_articles_show_the_defect(name: str, fmt: str, expected: list[str]) -> None:
    path = ROOT / "examples" / "articles" / name
    found = findings(path.read_text("utf-8"), fmt)
    assert [
        str(f.evidence["teaser"]).split(":")[0][: len(e)] for f, e in zip(found, expected, strict=False)
    ] == expected
    assert len(found) == len(expected)


# -- whole rendered pages: chrome, utility links, labels, metadata ---------------------------------------------

MORE_UNRELATED = [
    "Vintage car rally draws thousands to the seaside promenade",
    "Pop star announces farewell tour with twelve stadium dates",
]


def test_header_followed_by_social_and_account_links_opens_no_teaser_block() -> None:
    chrome = ["Follow on Facebook", "Follow on Twitter", "Register Log in", "Privacy policy", "Terms of use"]
    assert findings(ARTICLE + "\nMore from the Courier\n" + "\n".join(chrome) + "\n") == []
    # the block ends where the account links start: teasers before them are still checked
    text = ARTICLE + "\nMore stories\n" + "\n".join([UNRELATED[0], *chrome, UNRELATED[1]]) + "\n"
    assert flagged(text) == [UNRELATED[0]]


def test_html_related_topics_header_does_not_run_into_social_and_comment_blocks() -> None:
    tags = (
        "<h3>Related Topics</h3><ul><li><a href='/t/trams'>Trams</a></li><li><a href='/t/city'>City hall</a></li></ul>"
    )
    social = (
        "<div class='social-follow'><ul><li><a href='https://facebook.example'>Follow on Facebook</a></li>"
        "<li><a href='https://x.example'>Follow on Twitter</a></li></ul></div>"
    )
    comments = (
        "<div class='comments-block'><div><a href='/register'>Register</a> <a href='/login'>Log in</a></div>"
        "<div><a href='/policy'>Please review our commenting policy</a></div></div>"
    )
    aside = f"<aside class='article-sidebar'>{tags}{social}{comments}</aside>\n"
    assert findings(_html(after=aside), "html") == []


def test_widget_labels_are_not_teasers() -> None:
    label = "<div class='trc-label'><a href='https://taboola.example'>by Taboola by Taboola</a></div>"
    widget = f"<div class='taboola-feed'>{label}<ul>\n{_links(UNRELATED)}</ul><div>Sponsored Links</div></div>\n"
    found = findings(_html(after=widget), "html", **{"one-finding-per-widget": False})
    assert [f.evidence["teaser"] for f in found] == UNRELATED
    text = ARTICLE + "\nAround the web\n" + "\n".join(["Powered by ZergNet", UNRELATED[0]]) + "\n"
    assert flagged(text) == [UNRELATED[0]]


def test_navigation_footer_and_share_lists_are_never_teasers() -> None:
    headlines = _links([*UNRELATED, *MORE_UNRELATED])
    for chrome in ("main-menu", "footer-nav", "breadcrumbs", "share-tools", "site-navigation"):
        page = _html(after=f"<div class='{chrome}'><ul>\n{headlines}</ul></div>\n")
        assert findings(page, "html") == [], chrome
    # share buttons inside a related widget are chrome; the widget's headlines are still checked
    share = "<div class='share-bar'><a href='/s'>Share this story on your favourite network today</a></div>"
    widget = f"<div class='related-stories'><ul>\n{_links(UNRELATED)}</ul>{share}</div>\n"
    found = findings(_html(after=widget), "html", **{"one-finding-per-widget": False})
    assert [f.evidence["teaser"] for f in found] == UNRELATED


def test_dates_and_counters_between_headlines_are_kept_not_judged() -> None:
    lines = [UNRELATED[0], "21 Nov 2026, 6:17pm", "1,204 Comments", UNRELATED[1], "3 hours ago"]
    text = ARTICLE + "\nMost read\n" + "\n".join(lines) + "\n"
    found = findings(text)
    assert [f.evidence["teaser"] for f in found] == UNRELATED
    assert "Most read" in apply_fixes(text, found)  # the dates and counters are still under it


def test_next_section_heading_ends_a_headed_list() -> None:
    items = "".join(f"- {t}\n" for t in UNRELATED)
    body = "# Harbor City approves Eastside tram\n\n" + ARTICLE.replace("\n", "\n\n")
    text = body + "## Related\n\n" + items + "\n## Corrections\n\n" + "".join(f"- {t}\n" for t in MORE_UNRELATED)
    found = findings(text, "markdown")
    assert [f.evidence["teaser"] for f in found] == UNRELATED
    assert {f.evidence["header"] for f in found} == {"Related"}


def test_page_widget_with_many_unrelated_teasers_is_one_finding_listing_each() -> None:
    items = [*UNRELATED, *MORE_UNRELATED]
    page = _html(after=f"<div class='outbrain-widget'><h3>Around the web</h3><ul>\n{_links(items)}</ul></div>\n")
    found = findings(page, "html")
    assert len(found) == 1
    finding = found[0]
    assert finding.message.startswith('4 of 4 teasers under "Around the web" look unrelated')
    assert [t["teaser"] for t in finding.evidence["teasers"]] == items
    assert len(finding.related) == 4
    lines = page.split("\n")
    assert [items[k] in lines[r.location.line - 1] for k, r in enumerate(finding.related)] == [True] * 4
    fixed = apply_fixes(page, found)
    assert not any(t in fixed for t in items) and "Around the web" not in fixed and "Eastside tram" in fixed
    each = findings(page, "html", **{"one-finding-per-widget": False})
    assert [f.evidence["teaser"] for f in each] == items


def test_teasers_in_the_article_text_are_reported_one_by_one() -> None:
    text = ARTICLE + "\nYou may also like\n" + "\n".join([*UNRELATED, *MORE_UNRELATED]) + "\n"
    assert flagged(text) == [*UNRELATED, *MORE_UNRELATED]


# -- contract ---------------------------------------------------------------------------------------------


def test_rule_metadata_and_documentation() -> None:
    assert UnrelatedLink.validate_metadata() == []
    assert (UnrelatedLink.code, UnrelatedLink.name, UnrelatedLink.default_severity, UnrelatedLink.fixable) == (
        "CD201",
        "unrelated-link",
        "warning",
        "unsafe",
    )
    doc = UnrelatedLink.documentation()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Options"):
        assert heading in doc
    schema = UnrelatedLink.options_schema
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name)
        assert "default" in prop and prop["description"]
        assert f"`{name}`" in doc
    assert copydesk_add_rules() == [UnrelatedLink]
    assert issubclass(UnrelatedLink, Rule)


def test_output_is_deterministic() -> None:
    text = ARTICLE + "\nYou may also like\n" + "\n".join([*UNRELATED, *RELATED]) + "\n"
    first = [(f.message, f.evidence) for f in findings(text)]
    assert first == [(f.message, f.evidence) for f in findings(text)]


def test_empty_and_one_line_documents() -> None:
    assert findings("") == []
    assert findings("You may also like\n") == []


def test_document_built_directly_works_without_metadata() -> None:
    from linters.readers.plaintext import split_text_blocks

    text = ARTICLE + "You may also like\n" + UNRELATED[0] + "\n"
    doc = Document(path="a.txt", text=text, format="text", blocks=split_text_blocks(text))
    assert doc.title is None

    found, errors, _ = run_rules(doc, [ActiveRule(UnrelatedLink(), "warning")])
    assert errors == [] and [f.evidence["teaser"] for f in found] == [UNRELATED[0]]
