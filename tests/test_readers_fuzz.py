"""Property tests: whatever bytes or structures a reader is fed, it yields Documents or InputErrors.

A crash in a reader would take down a whole lint run, so every reader is fed
random bytes, random markup-heavy text and random nested JSON, and every
outcome must be a Document (with offsets inside the source) or an InputError.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linters.document import Document
from linters.readers.base import InputError, Source
from linters.readers.cmsjson import JsonlReader, JsonReader
from linters.readers.html import HtmlReader
from linters.readers.markdown import MarkdownReader

READERS = [MarkdownReader(), HtmlReader(), JsonReader(), JsonlReader()]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that drive the parsers' interesting paths, plus some non-ASCII text.
MARKUP = st.lists(
    st.sampled_from([*"<>/&;#*_`[]()!\n\r\t -=>~|\\\"':{}ab pé“\u2028", "&amp;", "<p>", "</a>"]),
    max_size=300,
).map("".join)
TAGGED = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div class='related x'>",
                "</div>",
                "<a href='/u'>",
                "</a>",
                "<li>",
                "<ul>",
                "<article>",
                "<main>",
                "<aside>",
                "<br>",
                "<pre>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "&rsquo;",
                "&#x27;",
                "&bogus;",
                "\r\n",
                "> ",
                "- ",
                "# ",
                "```",
                "**",
                "[t](u)",
                "---\n",
                "<script type='application/ld+json'>",
                '{"@type": "NewsArticle", "author": ',
                '[{"name": ',
                "<meta property='article:tag' content='",
                "'>",
            ]
        ),
        st.text(max_size=12),
    ),
    max_size=60,
).map("".join)
JSON_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), TAGGED
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(["type", "content", "items", "title", "body", "html", "rendered", "copydesk", "x"])
            | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


def check_outcome(reader: Any, data: bytes) -> list[Document | InputError]:
    """Run ``reader`` on ``data``; only Documents and InputErrors may come out."""
    try:
        items = list(reader.read(Source("fuzz", data=data)))
    except InputError:
        return []
    for item in items:
        assert isinstance(item, Document | InputError), type(item)
        if isinstance(item, Document):
            check_document(item)
    return items


def check_document(doc: Document) -> None:
    size = len(doc.text)
    json.dumps(doc.metadata)  # metadata ends up in reports
    for block in doc.blocks:
        assert block.text, "readers never emit empty blocks"
        assert 0 <= block.source_start <= block.source_end <= size
        for start, end in ((0, len(block.text)), (0, 1), (len(block.text) - 1, len(block.text))):
            s, e = block.to_source(start, end)
            assert 0 <= s <= e <= size
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text)
            assert block.text[link.start : link.end] == link.text
        if "link_density" in block.attrs:
            assert 0.0 <= block.attrs["link_density"] <= 1.0
        doc.location(block)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    for reader in READERS:
        check_outcome(reader, data)


@FUZZ
@given(MARKUP)
def test_random_markup_text(text: str) -> None:
    for reader in READERS:
        check_outcome(reader, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(TAGGED)
def test_random_tag_soup(text: str) -> None:
    for reader in (MarkdownReader(), HtmlReader()):
        (doc,) = check_outcome(reader, text.encode("utf-8", "surrogatepass")) or [None]
        assert doc is None or isinstance(doc, Document)


@FUZZ
@given(JSON_VALUES)
def test_random_json_structures(value: Any) -> None:
    check_outcome(JsonReader(), json.dumps(value, indent=1).encode())
    check_outcome(JsonlReader(), (json.dumps(value) + "\n{broken\n" + json.dumps(value)).encode())


@FUZZ
@given(JSON_VALUES, TAGGED, st.sampled_from(["wordpress", "ans", "html", "markdown", "text", "body"]))
def test_random_content_in_known_shapes(extra: Any, content: str, shape: str) -> None:
    """Known shapes with random content: the nested HTML/Markdown readers and their composed maps hold up."""
    if shape == "wordpress":
        record: dict[str, Any] = {"title": {"rendered": content}, "content": {"rendered": content}, "x": extra}
    elif shape == "ans":
        record = {
            "type": "story",
            "headlines": {"basic": content},
            "content_elements": [
                {"type": "text", "content": content},
                {"type": "list", "items": [{"type": "text", "content": content}, extra]},
                {"type": "quote", "content_elements": [extra], "citation": extra},
                {"type": "raw_html", "content": content},
                extra,
            ],
        }
    else:
        record = {"title": content, shape: content, "format": extra if isinstance(extra, str) else "markdown"}
    for ensure_ascii in (True, False):
        items = check_outcome(JsonReader(), json.dumps(record, ensure_ascii=ensure_ascii).encode())
        assert len(items) == 1 and isinstance(items[0], Document)


@FUZZ
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["[", '{"a":', "<div>", "> ", "[x]("]))
def test_deep_nesting(depth: int, opener: str) -> None:
    closer = {"[": "]", '{"a":': "}", "<div>": "</div>", "> ": "", "[x](": ")"}[opener]
    text = opener * depth + ("1" if opener in ("[", '{"a":') else "text") + closer * depth
    for reader in READERS:
        check_outcome(reader, text.encode())
