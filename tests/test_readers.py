"""Readers: Markdown, HTML, CMS JSON and JSONL turn sources into blocks that point back into the file.

Positions are checked against the raw fixture text independently of the host's
own line/column code: the expected line and column of a phrase is computed by
searching the file for it.
"""

from __future__ import annotations

import contextlib
import html
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from linters.document import Block, Document
from linters.readers.base import InputError, Source
from linters.readers.cmsjson import JsonlReader, JsonReader
from linters.readers.html import HtmlReader
from linters.readers.markdown import MarkdownReader

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
READERS = {"markdown": MarkdownReader, "html": HtmlReader, "json": JsonReader, "jsonl": JsonlReader}


# -- helpers ---------------------------------------------------------------------------
def read_all(reader_name: str, data: bytes | str, display: str = "input") -> list[Document | InputError]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(READERS[reader_name]().read(Source(display, data=raw)))


def read_docs(reader_name: str, data: bytes | str) -> list[Document]:
    items = read_all(reader_name, data)
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, errors
    return items  # type: ignore[return-value]


def read_fixture(name: str, reader_name: str) -> tuple[str, list[Document]]:
    path = FIXTURES / name
    return path.read_text(encoding="utf-8"), read_docs(reader_name, path.read_bytes())


def line_col(source: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``source[index]``, computed without the host's helpers."""
    line = source.count("\n", 0, index) + 1
    return line, index - (source.rfind("\n", 0, index) + 1) + 1


def find_block(doc: Document, phrase: str) -> Block:
    matches = [b for b in doc.blocks if phrase in b.text]
    assert len(matches) == 1, f"{phrase!r} in {[b.text for b in matches]}"
    return matches[0]


def assert_at(doc: Document, phrase: str, source: str, source_phrase: str | None = None, nth: int = 0) -> None:
    """``phrase`` in block text is reported where ``source_phrase`` (default: phrase) starts and ends in the file."""
    block = find_block(doc, phrase)
    start = block.text.index(phrase)
    loc = doc.location(block.span(start, start + len(phrase)))
    raw = source_phrase if source_phrase is not None else phrase
    at = -1
    for _ in range(nth + 1):
        at = source.index(raw, at + 1)
    assert (loc.line, loc.column) == line_col(source, at), (phrase, loc)
    end_line, end_col = line_col(source, at + len(raw) - 1)
    assert (loc.end_line, loc.end_column) == (end_line, end_col + 1), (phrase, loc)


def assert_plain_chars_map_to_themselves(doc: Document) -> None:
    """Every char whose source is a single char maps to that very char (decoded escapes span several)."""
    for block in doc.blocks:
        for i, ch in enumerate(block.text):
            s, e = block.to_source(i, i + 1)
            if e - s == 1 and not ch.isspace():
                assert doc.text[s] == ch, (block.text, i, doc.text[s])


def decodes_to(raw: str, ch: str, fmt: str) -> bool:
    """Does the source slice ``raw`` stand for ``ch`` (itself, an entity, a Markdown or JSON escape)?"""
    forms = {raw}
    if fmt == "json":
        with contextlib.suppress(ValueError):
            forms.add(json.loads(f'"{raw}"'))
    forms |= {html.unescape(f) for f in forms}
    if fmt == "markdown" and raw.startswith("\\"):
        forms.add(raw[1:])
    return ch in forms


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("article.md", "markdown"),
        ("page.html", "html"),
        ("wordpress.json", "json"),
        ("ans.json", "json"),
        ("generic.json", "json"),
    ],
)
def test_every_char_maps_to_its_source(name: str, reader: str) -> None:
    """The whole contract in one sweep: each non-space char of each block comes from the source it maps to."""
    source, (doc,) = read_fixture(name, reader)
    for block in doc.blocks:
        assert 0 <= block.source_start < block.source_end <= len(source)
        for i, ch in enumerate(block.text):
            if ch.isspace():
                continue
            s, e = block.to_source(i, i + 1)
            assert block.source_start <= s < e <= block.source_end, (block.text, i)
            assert decodes_to(source[s:e], ch, reader), (block.text, i, source[s:e])


# -- Markdown --------------------------------------------------------------------------
class TestMarkdown:
    def test_front_matter_becomes_metadata(self) -> None:
        _, (doc,) = read_fixture("article.md", "markdown")
        assert doc.format == "markdown"
        assert doc.metadata["title"] == "Riverside dam talks resume"
        assert doc.metadata["byline"] == "Mara Lindqvist, Tomas Okafor"
        assert doc.metadata["tags"] == ["dams", "council"]
        assert doc.metadata["url"] == "https://news.example/riverside-dam"
        assert doc.metadata["dates"]["published"] == "2026-03-04"
        assert doc.metadata["dates"]["modified"].startswith("2026-03-05T09:30:00")
        assert doc.metadata["copydesk"] == {"ignore": ["inconsistent-name"]}
        json.dumps(doc.metadata)  # reports serialise metadata: dates must be strings

    def test_block_kinds_and_text_without_markup(self) -> None:
        _, (doc,) = read_fixture("article.md", "markdown")
        kinds = [(b.kind, b.text) for b in doc.blocks]
        assert kinds == [
            ("heading", "Riverside dam talks resume"),
            (
                "paragraph",
                "The county council met on Tuesday to discuss the Riverside dam & the reservoir, "
                "and voted 7-2 to reopen the inquiry.",
            ),
            (
                "paragraph",
                "Engineers said the spillway was sound, though one member called it *unsafe*.\n"
                "A second line follows the hard break.",
            ),
            ("heading", "Where the money goes"),
            ("list_item", "Repairs to the spillway gates"),
            ("list_item", "A study of the silt build-up downstream of the dam"),
            ("quote", '"We will not gamble with the valley," said Mayor Ines Halloran. She spoke for ten minutes.'),
            ("code", "gate_level = 4.2"),
            ("paragraph", "Read the full report or visit https://council.example/minutes."),
        ]
        assert [b.attrs.get("level") for b in doc.blocks if b.kind == "heading"] == [1, 2]

    def test_links_keep_urls_and_text_offsets(self) -> None:
        _, (doc,) = read_fixture("article.md", "markdown")
        links = [(link.text, link.url) for b in doc.blocks for link in b.links]
        assert links == [
            ("reopen the inquiry", "https://news.example/inquiry"),
            ("silt build-up", "https://news.example/silt"),
            ("full report", "https://council.example/report.pdf"),
            ("https://council.example/minutes", "https://council.example/minutes"),
        ]
        for block in doc.blocks:
            for link in block.links:
                assert block.text[link.start : link.end] == link.text

    def test_locations_point_into_the_file(self) -> None:
        source, (doc,) = read_fixture("article.md", "markdown")
        assert_at(doc, "Tuesday", source)
        assert_at(doc, "reopen the inquiry", source)
        assert_at(doc, "& the", source, "&amp; the")  # an entity spans the whole entity
        assert_at(doc, "*unsafe*", source, "\\*unsafe\\*")  # escapes span the backslash too
        assert_at(doc, "downstream of the dam", source)  # second line of a list item
        assert_at(doc, "She spoke", source)  # inside a block quote, after the "> " marker
        assert_at(doc, "silt build-up", source)  # inside inline HTML <a>
        assert_at(doc, "Where the money goes", source)
        assert_at(doc, "gate_level", source)
        assert_plain_chars_map_to_themselves(doc)

    def test_block_source_range_covers_the_markup(self) -> None:
        source, (doc,) = read_fixture("article.md", "markdown")
        heading = doc.blocks[0]
        assert source[heading.source_start : heading.source_end] == "# Riverside dam talks *resume*"
        setext = find_block(doc, "Where the money goes")
        assert source[setext.source_start : setext.source_end] == "Where the money goes\n--------------------"
        item = find_block(doc, "downstream")
        assert source[item.source_start : item.source_end].startswith("- A study of the <a href=")
        assert source[item.source_start : item.source_end].endswith("downstream of the dam")
        code = find_block(doc, "gate_level")
        assert source[code.source_start : code.source_end] == "```text\ngate_level = 4.2\n```"

    def test_comments_and_reference_definitions_are_not_text(self) -> None:
        _, (doc,) = read_fixture("article.md", "markdown")
        joined = " ".join(b.text for b in doc.blocks)
        assert "copydesk-disable" not in joined
        assert "report.pdf" not in joined
        assert "---" not in joined and "title:" not in joined

    def test_emphasis_is_stripped_only_when_paired(self) -> None:
        (doc,) = read_docs("markdown", "A *bold* and __strong__ ~~gone~~ claim, snake_case_name and 5 * 3.\n")
        assert doc.blocks[0].text == "A bold and strong gone claim, snake_case_name and 5 * 3."

    def test_images_keep_alt_text_and_linked_images_link(self) -> None:
        (doc,) = read_docs("markdown", "See ![the dam](dam.jpg) and [![logo](l.png)](https://x.example).\n")
        block = doc.blocks[0]
        assert block.text == "See the dam and logo."
        assert [(link.text, link.url) for link in block.links] == [("logo", "https://x.example")]

    def test_unmatched_brackets_stay_literal(self) -> None:
        (doc,) = read_docs("markdown", "Prices [rose] by 3% (again) and [a](unclosed\n")
        assert doc.blocks[0].text == "Prices [rose] by 3% (again) and [a](unclosed"

    def test_malformed_front_matter_names_the_line(self) -> None:
        bad = "---\ntitle: ok\nauthor: [unclosed\ntags: x\n---\nBody.\n"
        with pytest.raises(InputError) as info:
            read_all("markdown", bad)
        assert "front matter" in info.value.message
        assert info.value.line == 4  # where YAML finds the unclosed list's problem
        with pytest.raises(InputError) as info:
            read_all("markdown", "---\ntitle: ok\n  bad: indent\n---\nBody.\n")
        assert info.value.line == 3
        assert info.value.message == "malformed YAML front matter: mapping values are not allowed here"

    def test_toml_front_matter(self) -> None:
        (doc,) = read_docs("markdown", '+++\ntitle = "Dam"\ndate = 2026-03-04\ntags = ["dams"]\n+++\nBody.\n')
        assert doc.metadata == {"title": "Dam", "tags": ["dams"], "dates": {"published": "2026-03-04"}}
        assert [b.text for b in doc.blocks] == ["Body."]
        with pytest.raises(InputError) as info:
            read_all("markdown", '+++\ntitle = "Dam"\nnot a pair\n+++\nBody.\n')
        assert info.value.line == 3 and "TOML" in info.value.message

    def test_front_matter_must_be_a_mapping(self) -> None:
        with pytest.raises(InputError, match="mapping"):
            read_all("markdown", "---\n- just\n- a list\n---\nBody.\n")

    def test_unclosed_front_matter_is_an_error(self) -> None:
        with pytest.raises(InputError, match="never closed"):
            read_all("markdown", "---\ntitle: Dam\n\nBody text.\n")

    def test_leading_thematic_break_is_not_front_matter(self) -> None:
        (doc,) = read_docs("markdown", "---\n\nJust a rule, then text.\n")
        assert [b.text for b in doc.blocks] == ["Just a rule, then text."]

    def test_crlf_and_bom_keep_positions(self) -> None:
        source = "# Title\r\n\r\nThe council met on Tuesday &amp; voted\r\nto reopen it.\r\n"
        (doc,) = read_docs("markdown", b"\xef\xbb\xbf" + source.encode())
        assert doc.blocks[1].text == "The council met on Tuesday & voted to reopen it."
        assert_at(doc, "reopen", source)
        assert_at(doc, "& voted", source, "&amp; voted")

    def test_raw_html_blocks_are_read_as_html(self) -> None:
        source = (
            'Story text.\n\n<div class="related">\n<h3>You may also like</h3>\n'
            '<ul><li><a href="/diet">Ten celebrity diet secrets</a></li></ul>\n</div>\n\n'
            '<script>\nvar x = "<p>not text</p>";\n\nrun();\n</script>\n\nClosing line &amp; more.\n'
        )
        (doc,) = read_docs("markdown", source)
        assert [(b.kind, b.text) for b in doc.blocks] == [
            ("paragraph", "Story text."),
            ("heading", "You may also like"),
            ("list_item", "Ten celebrity diet secrets"),
            ("paragraph", "Closing line & more."),
        ]
        teaser = doc.blocks[2]
        assert teaser.attrs["hints"] == ("related",) and teaser.attrs["link_density"] == 1.0
        assert teaser.links[0].url == "/diet"
        element = '<li><a href="/diet">Ten celebrity diet secrets</a></li>'
        assert source[teaser.source_start : teaser.source_end] == element
        assert_at(doc, "celebrity diet", source)

    def test_nested_quotes_and_lists(self) -> None:
        (doc,) = read_docs("markdown", "> outer\n> > inner\n\n- a\n  - b\n\n  more of a\n")
        assert [(b.kind, b.text) for b in doc.blocks] == [
            ("quote", "outer"),
            ("quote", "inner"),
            ("list_item", "a"),
            ("list_item", "b"),
            ("list_item", "more of a"),
        ]


# -- HTML ------------------------------------------------------------------------------
class TestHtml:
    def test_metadata_from_head(self) -> None:
        _, (doc,) = read_fixture("page.html", "html")
        assert doc.metadata["title"] == "Riverside dam talks resume"
        assert doc.metadata["byline"] == "Mara Lindqvist"
        assert doc.metadata["url"] == "https://news.example/riverside-dam"
        assert doc.metadata["description"] == "The council reopened the dam inquiry."
        assert doc.metadata["dates"] == {"published": "2026-03-04T08:00:00Z"}
        assert doc.metadata["tags"] == ["dams", "council"]
        assert doc.metadata["language"] == "en"

    def test_json_ld_fills_in_missing_metadata(self) -> None:
        ld = {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Valley Courier"},
                {
                    "@type": "NewsArticle",
                    "headline": "Dam inquiry reopens",
                    "author": [{"@type": "Person", "name": "Mara Lindqvist"}, {"name": "Tomas Okafor"}],
                    "datePublished": "2026-03-04T08:00:00Z",
                    "keywords": "dams, council",
                },
            ],
        }
        page = (
            f'<head><title>Dam | Courier</title><meta name="author" content="https://social.example/mara">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<script type="application/ld+json">{broken</script></head><body><p>Text.</p></body>'
        )
        (doc,) = read_docs("html", page)
        assert doc.metadata["title"] == "Dam inquiry reopens"
        assert doc.metadata["byline"] == "Mara Lindqvist, Tomas Okafor"  # a profile URL is not a byline
        assert doc.metadata["dates"] == {"published": "2026-03-04T08:00:00Z"}
        assert doc.metadata["tags"] == ["dams", "council"]

    def test_chrome_and_non_content_are_skipped(self) -> None:
        _, (doc,) = read_fixture("page.html", "html")
        joined = " | ".join(b.text for b in doc.blocks)
        for absent in ("Valley Courier", "Sport", "not article text", "color", "All rights", "Subscribe", "JavaScript"):
            assert absent not in joined

    def test_kinds_tags_and_body_detection(self) -> None:
        _, (doc,) = read_fixture("page.html", "html")
        got = [(b.kind, b.attrs["tag"], b.attrs["in_body"], b.text[:24]) for b in doc.blocks]
        assert got == [
            ("heading", "h1", True, "Riverside dam talks resu"),
            ("paragraph", "p", True, "By Mara Lindqvist"),
            ("paragraph", "p", True, "The county council met o"),
            ("paragraph", "p", True, "Engineers told members t"),
            ("quote", "p", True, "“We will not gamble with"),
            ("list_item", "li", True, "Repairs to the spillway "),
            ("list_item", "li", True, "A study of the silt buil"),
            ("caption", "figcaption", True, "The Riverside dam in Feb"),
            ("code", "pre", True, "gate_level = 4.2"),
            ("paragraph", "p", True, "The inquiry will report "),
            ("heading", "h2", False, "You may also like"),
            ("list_item", "li", False, "Ten celebrity diet secre"),
            ("list_item", "li", False, "The cars everyone will d"),
        ]
        assert doc.body_blocks() == doc.blocks[:10]

    def test_hints_and_link_density_contract(self) -> None:
        _, (doc,) = read_fixture("page.html", "html")
        teaser = find_block(doc, "celebrity diet")
        assert teaser.attrs["hints"] == ("aside", "related-stories", "outbrain-widget", "teaser")
        assert teaser.attrs["link_density"] == 1.0
        assert [(link.text, link.url) for link in teaser.links] == [
            ("Ten celebrity diet secrets doctors hate", "/celebrity-diet")
        ]
        body = find_block(doc, "county council")
        assert body.attrs["hints"] == ("main", "article", "story", "story-body")
        assert 0 < body.attrs["link_density"] < 0.2
        assert body.links[0].url == "https://news.example/inquiry"
        assert body.text[body.links[0].start : body.links[0].end] == "reopen the inquiry"

    def test_text_is_decoded_and_whitespace_collapsed(self) -> None:
        _, (doc,) = read_fixture("page.html", "html")
        block = find_block(doc, "county council")
        assert block.text == (
            "The county council met on Tuesday to discuss the Riverside dam & the reservoir, and voted 7-2 to "
            "reopen the inquiry into last winter’s flooding."
        )

    def test_locations_point_into_the_file(self) -> None:
        source, (doc,) = read_fixture("page.html", "html")
        assert_at(doc, "Tuesday", source)
        assert_at(doc, "& the reservoir", source, "&amp; the reservoir")
        assert_at(doc, "and voted", source)  # first char after a line break in the source
        assert_at(doc, "’s flooding", source, "&rsquo;s flooding")
        assert_at(doc, "“We will", source, "&ldquo;We will")
        assert_at(doc, "valley,”", source, "valley,&rdquo;")
        assert_at(doc, "The cars everyone", source)
        assert_plain_chars_map_to_themselves(doc)

    def test_block_source_range_is_the_whole_element(self) -> None:
        source, (doc,) = read_fixture("page.html", "html")
        para = find_block(doc, "Engineers told")
        assert source[para.source_start : para.source_end].startswith("<p>Engineers told")
        assert source[para.source_start : para.source_end].endswith("2019 survey.</p>")
        item = find_block(doc, "Repairs")
        assert source[item.source_start : item.source_end] == "<li>Repairs to the spillway gates"
        teaser = find_block(doc, "The cars")
        assert source[teaser.source_start : teaser.source_end] == (
            '<li class="teaser"><a href="/cars">The cars everyone will drive in 2030</a></li>'
        )

    def test_fragment_is_all_body(self) -> None:
        (doc,) = read_docs("html", "<p>First paragraph of a story that is long enough.</p>Loose text<br>after a break")
        assert [(b.text, b.attrs["tag"], b.attrs["in_body"]) for b in doc.blocks] == [
            ("First paragraph of a story that is long enough.", "p", True),
            ("Loose text\nafter a break", "body", True),
        ]

    def test_largest_text_container_wins_without_semantic_tags(self) -> None:
        paragraph = "<p>" + "The reservoir level rose again this week, officials said. " * 3 + "</p>"
        page = (
            "<html><body><div class='teasers'><div><a href='/a'>Short teaser one</a></div></div>"
            f"<div class='content'>{paragraph * 4}</div>"
            "<div class='more'><p><a href='/b'>Another story</a></p></div></body></html>"
        )
        (doc,) = read_docs("html", page)
        assert [b.attrs["in_body"] for b in doc.blocks] == [False, True, True, True, True, False]

    def test_teaser_articles_do_not_win_over_the_story(self) -> None:
        story = "<p>" + "Council members argued about the dam budget for hours. " * 4 + "</p>"
        page = (
            f"<body><div id='story'>{story * 3}</div>"
            "<article class='card'><p><a href='/x'>A short teaser card</a></p></article></body>"
        )
        (doc,) = read_docs("html", page)
        assert [b.attrs["in_body"] for b in doc.blocks] == [True, True, True, False]

    def test_boxes_inside_the_article_are_not_body(self) -> None:
        story = "<p>" + "The council debated the dam budget late into the night again. " * 3 + "</p>"
        page = (
            f"<body><article>{story}<div class='related-posts'><p><a href='/x'>Dam history explained</a></p></div>"
            f"{story}<aside><p>Pull quote text</p></aside><footer><p>Filed under dams</p></footer></article></body>"
        )
        (doc,) = read_docs("html", page)
        assert [(b.text[:12], b.attrs["in_body"]) for b in doc.blocks] == [
            ("The council ", True),
            ("Dam history ", False),
            ("The council ", True),
            ("Pull quote t", False),
            ("Filed under ", False),
        ]
        assert doc.blocks[1].attrs["hints"] == ("article", "related-posts")

    def test_a_box_holding_the_story_is_not_boilerplate(self) -> None:
        story = "<p>" + "The council debated the dam budget late into the night again. " * 3 + "</p>"
        page = f"<body><article><h1>Dam</h1><div class='entry has-related-posts'>{story * 3}</div></article></body>"
        (doc,) = read_docs("html", page)
        assert all(b.attrs["in_body"] for b in doc.blocks)

    def test_double_line_break_separates_paragraphs(self) -> None:
        source = "<div>First line<br>still first<br><br>\n<br>Second paragraph</div>"
        (doc,) = read_docs("html", source)
        assert [b.text for b in doc.blocks] == ["First line\nstill first", "Second paragraph"]
        assert source[doc.blocks[0].source_start : doc.blocks[0].source_end] == "First line<br>still first"
        assert_at(doc, "Second paragraph", source)

    def test_headline_just_before_the_body_belongs_to_it(self) -> None:
        story = "<p>" + "The council debated the dam budget late into the night again. " * 3 + "</p>"
        page = f"<body><div class='top'><h1>Dam budget debated</h1></div><div class='text'>{story * 3}</div></body>"
        (doc,) = read_docs("html", page)
        assert [(b.kind, b.attrs["in_body"]) for b in doc.blocks] == [("heading", True)] + [("paragraph", True)] * 3

    def test_bom_keeps_positions(self) -> None:
        source = "<p>Caf&eacute; owners met on Tuesday.</p>"
        (doc,) = read_docs("html", b"\xef\xbb\xbf" + source.encode())
        assert doc.blocks[0].text == "Café owners met on Tuesday."
        assert_at(doc, "Tuesday", source)

    def test_whole_page_form_wrapper_is_not_skipped(self) -> None:
        story = "<p>" + "The inquiry heard from residents whose homes flooded last winter. " * 4 + "</p>"
        (doc,) = read_docs("html", f"<body><form id='aspnetForm'>{story * 4}</form></body>")
        assert len(doc.blocks) == 4

    def test_malformed_html_does_not_crash(self) -> None:
        (doc,) = read_docs("html", "<div><p>Unclosed <b>bold <i>both</div></p></span><p>Next <a href=x>link")
        assert [b.text for b in doc.blocks] == ["Unclosed bold both", "Next link"]
        assert doc.blocks[1].links[0].url == "x"

    def test_deep_nesting_does_not_crash(self) -> None:
        (doc,) = read_docs("html", "<div>" * 10_000 + "<p>Deep text</p>" + "</div>" * 10_000)
        assert [b.text for b in doc.blocks] == ["Deep text"]

    def test_crlf_positions(self) -> None:
        source = "<p>The council\r\nmet on &quot;Tuesday&quot;.</p>\r\n<p>Second one.</p>\r\n"
        (doc,) = read_docs("html", source)
        assert doc.blocks[0].text == 'The council met on "Tuesday".'
        assert_at(doc, "met on", source)
        assert_at(doc, "Second one.", source)


# -- CMS JSON --------------------------------------------------------------------------
class TestCmsJson:
    def test_wordpress_post(self) -> None:
        _, (doc,) = read_fixture("wordpress.json", "json")
        assert doc.format == "json"
        assert doc.id == "4711"
        assert doc.metadata["shape"] == "wordpress"
        assert doc.metadata["title"] == "Riverside dam talks ‘resume’"
        assert doc.metadata["url"] == "https://news.example/2026/03/riverside-dam-talks-resume/"
        assert doc.metadata["byline"] == "Mara Lindqvist"
        assert doc.metadata["tags"] == ["dams"]
        assert doc.metadata["description"] == "The council reopened the dam inquiry."
        assert doc.metadata["dates"] == {"published": "2026-03-04T08:00:00", "modified": "2026-03-05T09:30:00"}
        assert doc.metadata["copydesk"] == {"ignore": ["inconsistent-name"]}
        assert [(b.kind, b.field) for b in doc.blocks] == [
            ("heading", "/title/rendered"),
            ("paragraph", "/content/rendered"),
            ("paragraph", "/content/rendered"),
            ("heading", "/content/rendered"),
            ("list_item", "/content/rendered"),
            ("list_item", "/content/rendered"),
        ]
        link = doc.blocks[1].links[0]
        assert (link.text, link.url) == ("reopen the inquiry", "https://news.example/inquiry")

    def test_wordpress_locations_compose_html_and_json_escapes(self) -> None:
        source, (doc,) = read_fixture("wordpress.json", "json")
        assert_at(doc, "Tuesday", source)
        assert_at(doc, "& the reservoir", source, "&amp; the reservoir")
        assert_at(doc, "“sound”", source, "\\u201csound\\u201d")
        assert_at(doc, "café owner", source, "caf\\u00e9 owner")
        assert_at(doc, "‘resume’", source, "&#8216;resume&#8217;")
        assert_at(doc, "Where the money goes", source)
        location = doc.location(find_block(doc, "Tuesday"))
        assert location.field == "/content/rendered"

    def test_wordpress_block_range_deletes_cleanly(self) -> None:
        source, (doc,) = read_fixture("wordpress.json", "json")
        block = find_block(doc, "Engineers said")
        removed = source[: block.source_start] + source[block.source_end :]
        assert source[block.source_start : block.source_end].startswith("<p>Engineers")
        assert source[block.source_start : block.source_end].endswith("<\\/p>")
        after = json.loads(removed)
        assert "Engineers" not in after["content"]["rendered"]
        assert "reopen the inquiry" in after["content"]["rendered"]

    def test_ans_story(self) -> None:
        source, (doc,) = read_fixture("ans.json", "json")
        assert doc.id == "ANS7Q2XK"
        assert doc.metadata["shape"] == "ans"
        assert doc.metadata["byline"] == "Tomas Okafor"
        assert doc.metadata["url"] == "/local/2026/03/04/riverside-dam-talks-resume/"
        assert doc.metadata["tags"] == ["dams", "council"]
        assert doc.metadata["dates"] == {"published": "2026-03-04T08:00:00Z", "modified": "2026-03-05T09:30:00Z"}
        got = [(b.kind, b.field, b.text) for b in doc.blocks]
        assert got == [
            ("heading", "/headlines/basic", "Riverside dam talks resume"),
            ("heading", "/subheadlines/basic", "Council reopens the flooding inquiry"),
            (
                "paragraph",
                "/content_elements/0/content",
                "The county council met on Tuesday to discuss the Riverside dam.",
            ),
            ("heading", "/content_elements/1/content", "Where the money goes"),
            ("list_item", "/content_elements/2/items/0/content", "Repairs to the spillway gates"),
            ("list_item", "/content_elements/2/items/1/content", 'A study of the "silt" build-up'),
            ("quote", "/content_elements/3/content_elements/0/content", "We will not gamble with the valley."),
            ("quote", "/content_elements/3/citation/content", "Mayor Ines Halloran"),
            ("caption", "/content_elements/4/caption", "The Riverside dam in February."),
            ("paragraph", "/content_elements/5/content", "Ten celebrity diet secrets"),
            ("paragraph", "/content_elements/6/content", "More: The cars of 2030"),
        ]
        teaser = find_block(doc, "celebrity")
        assert teaser.links[0].url == "https://news.example/celebrity-diet"
        assert teaser.attrs["link_density"] == 1.0
        related = find_block(doc, "cars of 2030")
        assert "related" in related.attrs["hints"]
        assert_at(doc, "Riverside dam.", source, "Riverside</b> dam.")
        assert_at(doc, '"silt" build-up', source, '\\"silt\\" build-up')
        assert_at(doc, "Mayor Ines", source)

    def test_generic_shape_with_markdown_body(self) -> None:
        source, (doc,) = read_fixture("generic.json", "json")
        assert doc.id == "courier-2026-0304-dam"
        assert doc.metadata["shape"] == "generic"
        assert doc.metadata["byline"] == "Mara Lindqvist"
        assert doc.metadata["copydesk"] == {"ignore": ["inconsistent-name"]}
        assert [(b.kind, b.field, b.text) for b in doc.blocks] == [
            ("heading", "/title", "Riverside dam talks resume"),
            ("paragraph", "/markdown", "The county council met on Tuesday to discuss the dam."),
            ("paragraph", "/markdown", 'Engineers said the gates were "sound" & safe.'),
        ]
        assert_at(doc, "Tuesday", source)
        assert_at(doc, '"sound" & safe', source, '\\"sound\\" &amp; safe')

    def test_generic_body_format_detection(self) -> None:
        html_doc, text_doc, md_doc, content_doc = (
            read_docs("json", json.dumps({"title": "T", key: body, **extra}))[0]
            for key, body, extra in (
                ("body", "<p>Tagged body.</p>", {}),
                ("body", "Line one.\nLine two.", {}),
                ("body", "Some *emphasis* here.", {"format": "markdown"}),
                ("content", "<p>A <em>content</em> string.</p>", {}),
            )
        )
        assert [b.text for b in html_doc.blocks] == ["T", "Tagged body."]
        assert [b.text for b in text_doc.blocks] == ["T", "Line one.", "Line two."]
        assert [b.text for b in md_doc.blocks] == ["T", "Some emphasis here."]
        assert [(b.text, b.field) for b in content_doc.blocks] == [("T", "/title"), ("A content string.", "/content")]

    def test_crlf_and_bom_keep_positions_in_json(self) -> None:
        record = {"title": "Dam", "html": "<p>The council met\r\non \u201cTuesday\u201d.</p>"}
        source = json.dumps(record, indent=2).replace("\n", "\r\n")
        (doc,) = read_docs("json", b"\xef\xbb\xbf" + source.encode())
        assert doc.blocks[1].text == "The council met on “Tuesday”."
        assert_at(doc, "“Tuesday”", source, "\\u201cTuesday\\u201d")
        assert doc.location(doc.blocks[1]).line == 3

    def test_array_of_records(self) -> None:
        data = json.dumps([{"id": 1, "title": "One", "text": "First."}, {"title": "Two", "text": "Second."}], indent=1)
        docs = read_docs("json", data)
        assert [(d.id, d.blocks[1].field) for d in docs] == [("1", "/0/text"), ("input#1", "/1/text")]
        assert_at(docs[1], "Second.", data)

    def test_unknown_shape_lists_the_accepted_ones(self) -> None:
        with pytest.raises(InputError) as info:
            read_all("json", '{"headline": "x", "words": 12}')
        message = info.value.message
        assert "WordPress" in message and "ANS" in message and "generic" in message

    def test_malformed_json_names_line_and_column(self) -> None:
        with pytest.raises(InputError) as info:
            read_all("json", '{\n  "title": "x",\n  "text": "y",,\n}')
        assert info.value.line == 3
        expected = "line 3: malformed JSON: Expecting property name enclosed in double quotes at column 15"
        assert str(info.value) == expected

    def test_deep_nesting_is_an_input_error(self) -> None:
        with pytest.raises(InputError, match="nested too deeply"):
            read_all("json", "[" * 10_000 + "]" * 10_000)
        with pytest.raises(InputError, match="nested too deeply"):
            read_all("json", '{"a":' * 10_000 + "1" + "}" * 10_000)

    def test_copydesk_settings_must_be_an_object(self) -> None:
        with pytest.raises(InputError, match='"copydesk" must be an object'):
            read_all("json", '{"title": "x", "text": "y", "copydesk": "ignore everything"}')

    def test_offset_maps_survive_pickling_for_parallel_jobs(self) -> None:
        source, (doc,) = read_fixture("wordpress.json", "json")
        block = pickle.loads(pickle.dumps(find_block(doc, "café")))
        start = block.text.index("café")
        assert block.to_source(start, start + 4) == (source.index("caf\\u00e9"), source.index(" owner agreed"))

    def test_lone_surrogates_become_replacement_characters(self) -> None:
        # "\ud800" is valid JSON but cannot be encoded as UTF-8: it must never reach a report
        data = (
            '{"title": "Bad \\ud800 news", "byline": "Ana \\udc00 Ruiz", "tags": ["x\\udbff"], '
            '"k\\ud801ey": "v", "text": "Pair \\ud83d\\ude00 kept. Lone \\ud800\\ud800 gone here."}'
        )
        (doc,) = read_docs("json", data)
        assert doc.blocks[0].text == "Bad \ufffd news"
        assert doc.metadata["title"] == "Bad \ufffd news" and doc.metadata["byline"] == "Ana \ufffd Ruiz"
        assert doc.metadata["tags"] == ["x\ufffd"]
        body = find_block(doc, "Pair")
        assert body.text == "Pair \U0001f600 kept. Lone \ufffd\ufffd gone here."
        json.dumps([b.text for b in doc.blocks] + [doc.metadata], ensure_ascii=False).encode("utf-8")
        # one decoded char for each 6-char escape: what follows still points at the right column
        assert_at(doc, "news", data)
        assert_at(doc, "gone here.", data)
        start = body.text.index("\ufffd")
        assert body.to_source(start, start + 1) == (data.index("\\ud800\\ud800"), data.index("\\ud800\\ud800") + 6)

    def test_lone_surrogate_in_a_jsonl_record(self) -> None:
        (doc,) = read_docs("jsonl", '{"title": "T\\udfff", "text": "Body text."}\n')
        assert doc.metadata["title"] == "T\ufffd" and doc.blocks[0].text == "T\ufffd"

    def test_check_report_survives_a_lone_surrogate(self, tmp_path: Path) -> None:
        """One such file must not wipe out the whole report (it used to end in UnicodeEncodeError, exit 2)."""
        (tmp_path / "bad.json").write_text('{"title": "Bad \\ud800", "text": "Ferry fares rise XXX today."}', "utf-8")
        para = "The island ferry will run every forty minutes from Monday, the harbour office announced on Friday."
        (tmp_path / "good.md").write_text(f"# Fares\n\n{para}\n\n{para}\n", "utf-8")
        command = [sys.executable, "-c", "import sys; from linters.cli import main; sys.exit(main())", "check"]
        for fmt in ("json", "html"):
            done = subprocess.run(
                [*command, str(tmp_path), "--format", fmt, "--select", "duplicate-paragraph"],
                capture_output=True,
                cwd=tmp_path,
            )
            assert done.returncode == 1, done.stderr.decode()
            assert b"internal error" not in done.stderr
            if fmt == "json":
                report = json.loads(done.stdout)
                assert report["errors"] == []
                by_path = {Path(d["path"]).name: d for d in report["documents"]}
                assert by_path["bad.json"]["title"] == "Bad \ufffd"
                assert [f["rule"] for f in by_path["good.md"]["findings"]] == ["duplicate-paragraph"]
            else:
                assert "Bad \ufffd".encode() in done.stdout and b"good.md" in done.stdout


# -- JSONL -----------------------------------------------------------------------------
class TestJsonl:
    def test_records_stream_and_a_broken_line_is_reported(self) -> None:
        source = (FIXTURES / "archive.jsonl").read_text()
        items = read_all("jsonl", source.encode(), "archive.jsonl")
        assert [type(i).__name__ for i in items] == ["Document", "Document", "InputError", "Document"]
        first, second, error, fourth = items
        assert isinstance(error, InputError) and error.line == 3 and "malformed JSON" in error.message
        assert [first.id, second.id, fourth.id] == ["a1", "a2", "archive.jsonl:5"]
        assert [d.line_offset for d in (first, second, fourth)] == [0, 1, 4]
        assert [b.text for b in first.blocks] == [
            "Council votes on dam",
            "The council voted 7-2 on Tuesday.",
            "The inquiry reopens in June.",
        ]
        location = fourth.location(find_block(fourth, "A record"))
        assert (location.line, location.field) == (5, "/body")
        assert location.column == source.splitlines()[4].index("A record") + 1

    def test_undecodable_line_is_skipped_not_fatal(self) -> None:
        data = (
            b'{"title": "ok", "text": "One."}\n{"title": "bad \xff", "text": "x"}\n{"title": "ok2", "text": "Two."}\n'
        )
        items = read_all("jsonl", data)
        assert isinstance(items[1], InputError) and items[1].line == 2 and "UTF-8" in items[1].message
        assert [d.metadata["title"] for d in items if isinstance(d, Document)] == ["ok", "ok2"]

    def test_a_file_that_is_not_json_lines_gives_up_early(self) -> None:
        pretty = json.dumps([{"title": f"t{i}", "text": "x"} for i in range(30)], indent=2)
        items = read_all("jsonl", pretty)
        assert len(items) == 21 and all(isinstance(i, InputError) for i in items)
        assert "gave up after 20 broken lines" in items[-1].message
        with pytest.raises(InputError, match="binary"):
            read_all("jsonl", b'{"title": "ok", "text": "x"}\n\x00\x01\x02\n')

    def test_array_line_and_unknown_shape_are_errors(self) -> None:
        items = read_all("jsonl", '[1, 2]\n{"nothing": true}\n{"title": "t", "text": "fine"}\n')
        assert [type(i).__name__ for i in items] == ["InputError", "InputError", "Document"]
        assert [i.line for i in items[:2]] == [1, 2]


# -- bad input common to every reader ---------------------------------------------------
@pytest.mark.parametrize("name", sorted(READERS))
def test_empty_file(name: str) -> None:
    """Empty Markdown/HTML is one document without blocks; empty JSON/JSONL has no record, so no document."""
    items = read_all(name, b"")
    if name in ("json", "jsonl"):
        assert items == []
    else:
        assert len(items) == 1 and isinstance(items[0], Document) and items[0].blocks == []


@pytest.mark.parametrize("name", sorted(READERS))
def test_binary_file_is_an_input_error(name: str) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    try:
        items = read_all(name, data)
    except InputError as exc:
        assert "binary" in exc.message or "UTF-8" in exc.message
        return
    assert items and all(isinstance(i, InputError) for i in items)


@pytest.mark.parametrize("name", ["markdown", "html", "json"])
def test_latin1_file_is_an_input_error_with_line(name: str) -> None:
    with pytest.raises(InputError) as info:
        read_all(name, "line one\nline two caf\xe9\n".encode("latin-1"))
    assert info.value.line == 2 and "UTF-8" in info.value.message


@pytest.mark.parametrize("name", sorted(READERS))
def test_oversized_input_is_refused_before_reading(name: str, tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(InputError, match="limit"):
        list(READERS[name]().read(Source(str(path), path=str(path), max_bytes=1024)))


def test_front_matter_lone_surrogates_do_not_break_reports(tmp_path, capsys) -> None:
    import json as _json

    from linters.cli import main

    (tmp_path / "a.md").write_text('---\ntitle: "Bad \\ud800"\n---\n\nBody text.\n', "utf-8")
    assert main(["check", str(tmp_path / "a.md"), "--format", "json"]) == 0
    assert _json.loads(capsys.readouterr().out)["documents"][0]["title"] == "Bad \ufffd"
