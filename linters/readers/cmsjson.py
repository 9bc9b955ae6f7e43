"""CMS JSON and JSONL archives: WordPress REST posts, Arc XP ANS stories, a generic shape.

Which shape a record has is detected from its keys (see docs/input-formats.md):

* WordPress REST post: ``content.rendered`` (HTML), ``title.rendered``,
  ``excerpt.rendered``, ``link``, ``date``, ``modified``, ``id``, ``author``;
* Arc XP ANS story: ``type: "story"`` with ``content_elements`` (text, header,
  list, quote, raw_html, image captions, interstitial links, corrections),
  ``headlines.basic``, ``credits.by``, ``canonical_url``, ``_id``;
* generic: ``{id, title, html|markdown|text|body|content, format, url, byline,
  tags, published, updated, copydesk}``.

Strings holding HTML go through the HTML reader, Markdown through the Markdown
reader; their offset maps are composed with the map of the JSON string's
escapes, so a finding points at the line and column inside the JSON file, and
``Block.field`` is the JSON pointer of the string. A ``.json`` file may hold
one record or an array of records; a ``.jsonl`` file holds one per line and
is streamed line by line (a broken line is reported and skipped).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from linters.document import Block, Document, Link, OffsetMap
from linters.readers._jsonpos import decode_string, string_positions, without_surrogates
from linters.readers._meta import normalize_metadata
from linters.readers._textmap import rebase
from linters.readers.base import InputError, Source, decode_text
from linters.readers.html import parse_html
from linters.readers.markdown import parse_markdown
from linters.readers.plaintext import split_text_blocks

__all__ = ["SHAPES_HELP", "JsonReader", "JsonlReader", "records_from_json"]

SHAPES_HELP = (
    "expected a WordPress REST post (content.rendered), an Arc XP ANS story (type 'story' with "
    "content_elements) or a generic article object with one of html/markdown/text/body/content "
    "(see docs/input-formats.md)"
)
#: A JSONL file with this many broken lines is abandoned with one more error.
MAX_BROKEN_LINES = 20
#: ANS lists nested deeper than this are not followed.
MAX_LIST_DEPTH = 16
_TAG_RE = re.compile(r"<[A-Za-z!/][^>]*>")
_BRACKET_RE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


class _Record:
    """One JSON object being turned into a Document: its text, string positions and the blocks so far."""

    def __init__(self, text: str, data: dict[str, Any], positions: dict[str, int], base: str) -> None:
        self.text = text
        self.data = data
        self.positions = positions
        self.base = base
        self.blocks: list[Block] = []
        self.metadata: dict[str, Any] = {}

    def string(self, pointer: str) -> tuple[str, OffsetMap] | None:
        at = self.positions.get(self.base + pointer)
        return None if at is None else decode_string(self.text, at)

    def add(self, pointer: str, parse: Callable[[str], list[Block]], **overrides: Any) -> list[Block]:
        """Parse the string at ``pointer`` with ``parse`` and map its blocks into the JSON file."""
        found = self.string(pointer)
        if found is None:
            return []
        value, jmap = found
        blocks = parse(value)
        for block in blocks:
            rebase(block, jmap)
            block.field = self.base + pointer
            kind = overrides.get("kind")
            if kind and block.kind != "code":
                block.kind = kind
            if overrides.get("tag") and block.attrs.get("tag") in (None, "body", "p"):
                block.attrs["tag"] = overrides["tag"]
            block.attrs.setdefault("in_body", True)
            block.attrs.setdefault("hints", ())
            block.attrs.setdefault("link_density", 0.0)
            block.attrs["hints"] = tuple(dict.fromkeys((*overrides.get("hints", ()), *block.attrs["hints"])))
            for key in ("level", "ans_type"):
                if key in overrides:
                    block.attrs[key] = overrides[key]
        self.blocks.extend(blocks)
        return blocks


# -- what a string holds -------------------------------------------------------------
def _html_blocks(value: str) -> list[Block]:
    return parse_html(value).blocks


def _markdown_blocks(value: str) -> list[Block]:
    return parse_markdown(value).blocks


def _text_blocks(value: str) -> list[Block]:
    blocks = split_text_blocks(value)
    for block in blocks:
        block.attrs.update({"tag": "p", "in_body": True, "hints": (), "link_density": 0.0})
    return blocks


def _plain_line(value: str) -> list[Block]:
    """A title or caption: one block of the whole (whitespace-trimmed) string."""
    text = value.strip()
    if not text:
        return []
    lead = len(value) - len(value.lstrip())
    offsets = OffsetMap([(0, lead, len(text))])
    return [Block("paragraph", text, offsets, lead, lead + len(text), attrs={"tag": "p"})]


def _inline_html(value: str) -> list[Block]:
    """A one-line HTML string (a title, a caption): its text as one block."""
    return _html_blocks(value)[:1] if _TAG_RE.search(value) or "&" in value else _plain_line(value)


def _as_text(blocks: list[Block]) -> str:
    return " ".join(block.text for block in blocks)


# -- shapes ---------------------------------------------------------------------------
def _is_wordpress(data: dict[str, Any]) -> bool:
    content = data.get("content")
    return isinstance(content, dict) and isinstance(content.get("rendered"), str)


def _is_ans(data: dict[str, Any]) -> bool:
    return data.get("type") == "story" or isinstance(data.get("content_elements"), list)


_GENERIC_BODY = ("html", "markdown", "text", "body", "content")


def _is_generic(data: dict[str, Any]) -> bool:
    return any(isinstance(data.get(key), str) for key in _GENERIC_BODY)


def _wordpress(rec: _Record) -> str:
    data = rec.data
    title = rec.add("/title/rendered", _inline_html, kind="heading", tag="h1", level=1)
    rec.add("/content/rendered", _html_blocks)
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = title[0].text
    excerpt = rec.string("/excerpt/rendered")
    if excerpt and excerpt[0].strip():
        meta["description"] = _as_text(_html_blocks(excerpt[0]))
    for key, target in (("link", "url"), ("id", "id"), ("slug", "slug")):
        if isinstance(data.get(key), str | int) and not isinstance(data.get(key), bool):
            meta[target] = str(data[key])
    dates = {k: str(data[src]) for k, src in (("published", "date"), ("modified", "modified")) if data.get(src)}
    if dates:
        meta["dates"] = dates
    embedded = data.get("_embedded") if isinstance(data.get("_embedded"), dict) else {}
    authors = embedded.get("author") if isinstance(embedded.get("author"), list) else []
    names = [a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    if names:
        meta["byline"] = ", ".join(names)
    if isinstance(data.get("author"), int | str):
        meta["author_id"] = str(data["author"])
    terms = embedded.get("wp:term") if isinstance(embedded.get("wp:term"), list) else []
    tags = [
        t["name"]
        for group in terms
        if isinstance(group, list)
        for t in group
        if isinstance(t, dict) and t.get("taxonomy") == "post_tag" and isinstance(t.get("name"), str)
    ]
    if tags:
        meta["tags"] = tags
    rec.metadata.update(meta)
    return "wordpress"


def _ans(rec: _Record) -> str:
    data = rec.data
    title = rec.add("/headlines/basic", _plain_line, kind="heading", tag="h1", level=1)
    rec.add("/subheadlines/basic", _plain_line, kind="heading", tag="h2", level=2)
    elements = data.get("content_elements") if isinstance(data.get("content_elements"), list) else []
    for i, element in enumerate(elements):
        if isinstance(element, dict):
            _ans_element(rec, f"/content_elements/{i}", element)
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = title[0].text
    description = data.get("description")
    if isinstance(description, dict) and isinstance(description.get("basic"), str) and description["basic"].strip():
        meta["description"] = description["basic"].strip()
    credits = data.get("credits") if isinstance(data.get("credits"), dict) else {}
    by = credits.get("by") if isinstance(credits.get("by"), list) else []
    names = [b.get("name") or b.get("by") for b in by if isinstance(b, dict)]
    names = [n for n in names if isinstance(n, str) and n.strip()]
    if names:
        meta["byline"] = ", ".join(names)
    for key, target in (("canonical_url", "url"), ("_id", "id")):
        if isinstance(data.get(key), str) and data[key]:
            meta[target] = data[key]
    dates = {}
    for target, keys in (
        ("published", ("first_publish_date", "publish_date", "display_date")),
        ("modified", ("last_updated_date",)),
    ):
        value = next((data[k] for k in keys if isinstance(data.get(k), str) and data[k]), None)
        if value:
            dates[target] = value
    if dates:
        meta["dates"] = dates
    taxonomy = data.get("taxonomy") if isinstance(data.get("taxonomy"), dict) else {}
    tags = [t.get("text") for t in taxonomy.get("tags", []) if isinstance(t, dict)] if taxonomy else []
    tags = [t for t in tags if isinstance(t, str) and t]
    if tags:
        meta["tags"] = tags
    rec.metadata.update(meta)
    return "ans"


def _ans_element(rec: _Record, pointer: str, element: dict[str, Any], depth: int = 0) -> None:
    kind = element.get("type")
    hints = (f"ans-{kind}",) if isinstance(kind, str) else ()
    common = {"hints": hints, "ans_type": kind}
    if kind == "text":
        rec.add(f"{pointer}/content", _inline_or_blocks, kind="paragraph", tag="p", **common)
    elif kind == "header":
        level = element.get("level") if isinstance(element.get("level"), int) else 2
        level = min(max(level, 1), 6)
        rec.add(f"{pointer}/content", _inline_or_blocks, kind="heading", tag=f"h{level}", level=level, **common)
    elif kind == "list" and depth < MAX_LIST_DEPTH:
        items = element.get("items") if isinstance(element.get("items"), list) else []
        for j, item in enumerate(items):
            if isinstance(item, dict) and item.get("type") == "list":
                _ans_element(rec, f"{pointer}/items/{j}", item, depth + 1)
            elif isinstance(item, dict):
                rec.add(f"{pointer}/items/{j}/content", _inline_or_blocks, kind="list_item", tag="li", **common)
    elif kind == "quote":
        for key in ("content_elements", "items"):
            inner = element.get(key) if isinstance(element.get(key), list) else []
            for j, item in enumerate(inner):
                if isinstance(item, dict):
                    rec.add(f"{pointer}/{key}/{j}/content", _inline_or_blocks, kind="quote", tag="blockquote", **common)
        citation = element.get("citation")
        if isinstance(citation, dict):
            for block in rec.add(f"{pointer}/citation/content", _inline_or_blocks, kind="quote", **common):
                block.attrs["citation"] = True
    elif kind == "raw_html":
        rec.add(f"{pointer}/content", _html_blocks, **common)
    elif kind == "image":
        rec.add(f"{pointer}/caption", _inline_or_blocks, kind="caption", tag="figcaption", **common)
    elif kind == "correction":
        rec.add(f"{pointer}/text", _inline_or_blocks, kind="paragraph", tag="p", **common)
    elif kind == "interstitial_link":
        url = element.get("url") if isinstance(element.get("url"), str) else ""
        for block in rec.add(f"{pointer}/content", _inline_or_blocks, kind="paragraph", tag="a", **common):
            block.links = [Link(block.text, url, 0, len(block.text))]
            block.attrs["link_density"] = 1.0


def _inline_or_blocks(value: str) -> list[Block]:
    """ANS text content: plain text or inline HTML (links, emphasis)."""
    return _html_blocks(value) if _TAG_RE.search(value) or "&" in value else _plain_line(value)


def _generic(rec: _Record) -> str:
    data = rec.data
    rec.add("/title", _plain_line, kind="heading", tag="h1", level=1)
    fmt = str(data.get("format", "")).lower()
    key = next(k for k in _GENERIC_BODY if isinstance(data.get(k), str))
    syntax = key
    if key in ("body", "content"):
        syntax = fmt if fmt in _PARSERS else ("html" if _TAG_RE.search(data[key]) else "text")
    rec.add(f"/{key}", _PARSERS[syntax])
    rec.metadata.update(normalize_metadata({k: v for k, v in data.items() if k not in _GENERIC_BODY}))
    return "generic"


_PARSERS: dict[str, Callable[[str], list[Block]]] = {
    "html": _html_blocks,
    "markdown": _markdown_blocks,
    "text": _text_blocks,
}


_SHAPES: list[tuple[Callable[[dict[str, Any]], bool], Callable[[_Record], str]]] = [
    (_is_wordpress, _wordpress),
    (_is_ans, _ans),
    (_is_generic, _generic),
]


# -- files -----------------------------------------------------------------------------
def _load(text: str, line: int | None = None) -> Any:
    """``json.loads`` with every failure turned into an InputError naming line and column.

    Lone surrogates (``"\\ud800"`` is valid JSON) become U+FFFD, as in :func:`decode_string`, so no
    metadata value or key can break the UTF-8 encoding of a report.
    """
    try:
        return without_surrogates(text, json.loads(text))
    except json.JSONDecodeError as exc:
        where = line or exc.lineno
        hint = " (one record per line? name the file .jsonl)" if exc.msg == "Extra data" and line is None else ""
        raise InputError(f"malformed JSON: {exc.msg} at column {exc.colno}{hint}", where) from None
    except RecursionError:
        depth, at = _too_deep(text)
        where = line or text.count("\n", 0, at) + 1
        raise InputError(f"JSON nested too deeply (over {depth} levels of arrays/objects)", where) from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise InputError(f"malformed JSON: {exc}", line) from None


def _too_deep(text: str, limit: int = 500) -> tuple[int, int]:
    depth = 0
    for m in _BRACKET_RE.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > limit:
                return limit, m.start()
        elif c in "]}":
            depth -= 1
    return limit, 0


def records_from_json(text: str, data: Any, path: str, line: int | None = None) -> Iterator[Document | InputError]:
    """Documents for one parsed JSON value: a record, or an array of records."""
    if isinstance(data, list):
        positions = string_positions(text) if data else {}
        for index, item in enumerate(data):
            yield _document(text, item, path, positions, f"/{index}", f"{path}#{index}", line)
        return
    positions = string_positions(text) if isinstance(data, dict) else {}
    yield _document(text, data, path, positions, "", f"{path}:{line}" if line else path, line)


def _document(
    text: str, data: Any, path: str, positions: dict[str, int], base: str, fallback_id: str, line: int | None
) -> Document | InputError:
    where = f" (record {base[1:]})" if base else ""
    if not isinstance(data, dict):
        return InputError(f"a CMS JSON record must be an object, not {type(data).__name__}{where}; {SHAPES_HELP}", line)
    settings = data.get("copydesk")
    if settings is not None and not isinstance(settings, dict):
        return InputError(f'"copydesk" must be an object such as {{"ignore": ["rule-name"]}}{where}', line)
    for test, build in _SHAPES:
        if test(data):
            rec = _Record(text, data, positions, base)
            shape = build(rec)
            rec.metadata["shape"] = shape
            if settings is not None:
                rec.metadata["copydesk"] = settings
            doc_id = rec.metadata.get("id")
            return Document(
                path=path,
                text=text,
                format="json",
                blocks=rec.blocks,
                id=str(doc_id) if doc_id else fallback_id,
                metadata=rec.metadata,
                line_offset=(line - 1) if line else 0,
            )
    keys = ", ".join(sorted(map(str, data))[:8]) or "none"
    return InputError(f"unrecognised CMS JSON shape{where} (keys: {keys}); {SHAPES_HELP}", line)


class JsonReader:
    """Reads ``.json`` files: one CMS record, or an array of records (e.g. a WordPress posts export)."""

    name: ClassVar[str] = "json"
    extensions: ClassVar[tuple[str, ...]] = (".json",)

    def read(self, source: Source) -> Iterator[Document | InputError]:
        text = source.read_text()
        if not text.strip():
            return
        data = _load(text)
        for item in records_from_json(text, data, source.display):
            if isinstance(item, InputError) and not isinstance(data, list):
                raise item
            yield item


class JsonlReader:
    """Reads ``.jsonl`` archives line by line: one CMS record per line, broken lines reported and skipped.

    A binary file is one error, not one per "line"; after ``MAX_BROKEN_LINES`` broken lines the
    file is given up on (it is probably not JSON Lines at all).
    """

    name: ClassVar[str] = "jsonl"
    extensions: ClassVar[tuple[str, ...]] = (".jsonl",)

    def read(self, source: Source) -> Iterator[Document | InputError]:
        broken = 0
        with source.open_binary() as fh:
            for number, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                if b"\x00" in raw:
                    raise InputError("looks like a binary file (NUL bytes), not JSON Lines", number)
                try:
                    text = decode_text(raw, number - 1).rstrip("\r\n")
                    data = _load(text, number)
                    if isinstance(data, list):
                        raise InputError(f"a JSONL line must hold one record, not an array; {SHAPES_HELP}", number)
                except InputError as exc:
                    yield exc
                    broken += 1
                    if broken >= MAX_BROKEN_LINES:
                        yield InputError(f"gave up after {broken} broken lines: is this really JSON Lines?", number)
                        return
                    continue
                yield from records_from_json(text, data, source.display, number)
