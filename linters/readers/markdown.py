"""Markdown with YAML front matter: the block structure and plain text writers see.

A line-based block parser (CommonMark's common cases: ATX and setext headings,
paragraphs, list items, block quotes, fenced and indented code, thematic
breaks, HTML comments, link reference definitions) and an inline pass that
strips markup from the text (emphasis, code spans, links, images, inline
HTML, escapes, entities) while keeping an exact map from every plain-text
char back to the source. Links keep their URLs. Code blocks are kind
``code`` so rules skip them.
"""

from __future__ import annotations

import bisect
import html
import re
import string
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

import yaml

from linters.document import Block, Document, Link, OffsetMap
from linters.readers._meta import normalize_metadata
from linters.readers._textmap import TextBuilder, rebase
from linters.readers.base import InputError, Source
from linters.readers.html import parse_html

__all__ = ["MarkdownReader", "ParsedMarkdown", "parse_markdown"]

#: Block quotes nested deeper than this are read as text (no recursion limit on hostile input).
MAX_QUOTE_DEPTH = 32
#: Inline constructs (links, code spans, tags) longer than this many chars are read as text.
WINDOW = 4000
#: Link brackets nested deeper than this are read as text.
MAX_LINK_DEPTH = 16

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST = re.compile(r"^([ \t]*)([-*+]|(\d{1,9})[.)])([ \t]+|$)")
_QUOTE = re.compile(r"^ {0,3}> ?")
_REFDEF = re.compile(
    r"""^ {0,3}\[([^\]]{1,999})\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$"""
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]*|mailto:[^\s<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<]*[^\s<?!.,:;*_~)'\"]")
_HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_PUNCT = frozenset(string.punctuation)
# (destination "optional title"): one level of balanced parentheses inside a bare destination.
_DESTINATION = re.compile(
    r"""\([ \n]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"""
    r"""(?:[ \n]+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \n]*\)""",
    re.S,
)
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HTML_OPEN = re.compile(r"^ {0,3}<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>]|$)")
_HTML_RAW_TAGS = frozenset({"script", "pre", "style", "textarea"})
_HTML_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html iframe legend li main menu nav ol p section summary table tbody "
    "td tfoot th thead tr ul".split()
)
_FRONT_KEY = re.compile(r"^[A-Za-z_][\w -]*:")


class Line(NamedTuple):
    """One source line inside a container: where the line starts, where its content starts, the content."""

    phys: int
    start: int
    text: str


@dataclass
class _Leaf:
    kind: str
    start: int
    lines: list[Line] = field(default_factory=list)
    end: int = 0
    level: int = 0


@dataclass
class ParsedMarkdown:
    blocks: list[Block]
    metadata: dict[str, Any]


def _indent(text: str) -> int:
    width = 0
    for ch in text:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _indent_chars(text: str, width: int) -> int:
    """How many leading chars make up ``width`` columns of indentation (tabs count to the next stop of 4)."""
    col = k = 0
    while k < len(text) and col < width and text[k] in " \t":
        col += 4 - col % 4 if text[k] == "\t" else 1
        k += 1
    return k


def _split_lines(text: str, start: int = 0) -> list[Line]:
    lines = []
    pos = start
    for raw in text[start:].split("\n"):
        content = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(pos, pos, content))
        pos += len(raw) + 1
    return lines


# -- front matter -------------------------------------------------------------------
def _front_matter(lines: list[Line]) -> tuple[dict[str, Any], int]:
    """Metadata from a leading YAML (``---``) or TOML (``+++``, Hugo) block, and the first body line."""
    fence = lines[0].text.rstrip() if lines else ""
    if fence not in ("---", "+++"):
        return {}, 0
    ends = ("---", "...") if fence == "---" else ("+++",)
    syntax = "YAML" if fence == "---" else "TOML"
    close = next((i for i in range(1, len(lines)) if lines[i].text.rstrip() in ends), None)
    if close is None:
        if len(lines) > 1 and _FRONT_KEY.match(lines[1].text):
            raise InputError(f"{syntax} front matter opened with '{fence}' is never closed with '{fence}'", 1)
        return {}, 0
    source = "\n".join(line.text for line in lines[1:close])
    data = _load_yaml(source) if fence == "---" else _load_toml(source)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{syntax} front matter must be a mapping of keys to values, not {type(data).__name__}", 2)
    return normalize_metadata(data), close + 1


def _load_yaml(source: str) -> Any:
    try:
        return yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"malformed YAML front matter: {problem}", line) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise InputError(f"malformed YAML front matter: {type(exc).__name__}: {exc}", 1) from None


def _load_toml(source: str) -> Any:
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", str(exc))
        line = 1 + (int(where.group(1)) if where else source.count("\n") + 1)
        raise InputError(f"malformed TOML front matter: {message}", line) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"malformed TOML front matter: {type(exc).__name__}: {exc}", 1) from None


# -- block structure ----------------------------------------------------------------
@dataclass
class _State:
    """Where the block parser is inside one container (the document or a block quote)."""

    depth: int
    cur: _Leaf | None = None
    in_list: bool = False
    prev_blank: bool = True


class _BlockParser:
    """Line-based block structure: each ``_on_*`` handler takes the line if it starts its kind of block."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.refs: dict[str, str] = {}
        self.leaves: list[_Leaf] = []

    def collect_refs(self, lines: list[Line]) -> None:
        in_fence = False
        for line in lines:
            if _FENCE.match(line.text):
                in_fence = not in_fence
            elif not in_fence:
                m = _REFDEF.match(_QUOTE.sub("", line.text))
                if m:
                    self.refs.setdefault(_label(m.group(1)), m.group(2))

    def parse(self, lines: list[Line], quote_depth: int = 0) -> None:
        """Turn ``lines`` (the content of the document or of one block quote) into leaves."""
        state = _State(quote_depth)
        i = 0
        while i < len(lines):
            if not lines[i].text.strip():
                self._close(state)
                state.prev_blank = True
                i += 1
                continue
            for handler in self._handlers:
                after = handler(self, lines, i, state)
                if after is not None:
                    i = after
                    break
            else:
                self._text_line(lines[i], state)
                i += 1
        self._close(state)

    def _close(self, state: _State) -> None:
        leaf = state.cur
        if leaf is not None and (leaf.lines or leaf.kind in ("heading", "code")):
            self._add(leaf, state.depth > 0)
        state.cur = None

    def _on_fence(self, lines: list[Line], i: int, state: _State) -> int | None:
        fence = _FENCE.match(lines[i].text)
        if not fence or (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            return None
        self._close(state)
        state.prev_blank = False
        return self._fence(lines, i, fence)

    def _on_indented_code(self, lines: list[Line], i: int, state: _State) -> int | None:
        if _indent(lines[i].text) < 4 or state.cur is not None or state.in_list:
            return None
        return self._indented_code(lines, i)

    def _on_comment(self, lines: list[Line], i: int, state: _State) -> int | None:
        if not lines[i].text.lstrip().startswith("<!--"):
            return None
        self._close(state)
        state.prev_blank = True
        return self._skip_comment(lines, i)

    def _on_html_block(self, lines: list[Line], i: int, state: _State) -> int | None:
        """Raw HTML (CommonMark block types 1 and 6): read later by the HTML reader."""
        m = _HTML_OPEN.match(lines[i].text)
        if m is None or state.depth:
            return None
        tag = m.group(2).lower()
        j = i
        if tag in _HTML_RAW_TAGS and not m.group(1):
            closer = f"</{tag}>"
            while j < len(lines) and closer not in lines[j].text.lower():
                j += 1
            j = min(j + 1, len(lines))
        elif tag in _HTML_BLOCK_TAGS:
            while j < len(lines) and lines[j].text.strip():
                j += 1
        else:
            return None
        self._close(state)
        leaf = _Leaf("html", lines[i].phys, lines[i:j])
        leaf.end = lines[j - 1].start + len(lines[j - 1].text)
        self.leaves.append(leaf)
        state.prev_blank = True
        return j

    def _on_quote(self, lines: list[Line], i: int, state: _State) -> int | None:
        if not _QUOTE.match(lines[i].text) or state.depth >= MAX_QUOTE_DEPTH:
            return None
        self._close(state)
        state.prev_blank = state.in_list = False
        return self._quote(lines, i, state.depth)

    def _on_setext(self, lines: list[Line], i: int, state: _State) -> int | None:
        line, leaf = lines[i], state.cur
        setext = _SETEXT.match(line.text)
        if not setext or leaf is None or leaf.kind != "paragraph" or not leaf.lines:
            return None
        leaf.kind, leaf.level = "heading", 1 if setext.group(1)[0] == "=" else 2
        leaf.end = line.start + len(line.text.rstrip())
        self._close(state)
        return i + 1

    def _on_thematic_break(self, lines: list[Line], i: int, state: _State) -> int | None:
        if not _HR.match(lines[i].text):
            return None
        self._close(state)
        state.prev_blank = True
        return i + 1

    def _on_atx(self, lines: list[Line], i: int, state: _State) -> int | None:
        line = lines[i]
        atx = _ATX.match(line.text)
        if not atx:
            return None
        self._close(state)
        leaf = _Leaf("heading", line.phys, level=len(atx.group(1)))
        content = atx.group(2)
        offset = line.start + (atx.start(2) if content else len(line.text))
        leaf.lines.append(Line(line.phys, offset, content))
        leaf.end = line.start + len(line.text.rstrip())
        self._add(leaf, state.depth > 0)
        state.prev_blank = False
        return i + 1

    def _on_reference(self, lines: list[Line], i: int, state: _State) -> int | None:
        return i + 1 if state.cur is None and _REFDEF.match(lines[i].text) else None

    def _on_list_item(self, lines: list[Line], i: int, state: _State) -> int | None:
        line = lines[i]
        item = _LIST.match(line.text)
        if not item:
            return None
        number = item.group(3)
        if state.cur is not None and not state.in_list and number and number != "1":
            return None  # "2026. A year..." inside a paragraph does not start a list
        self._close(state)
        state.cur = _Leaf("list_item", line.phys)
        if line.text[item.end() :].strip():
            self._append(state.cur, line, item.end())
        state.in_list, state.prev_blank = True, False
        return i + 1

    def _text_line(self, line: Line, state: _State) -> None:
        """A line that starts no block: continues the open leaf or opens a paragraph."""
        if state.cur is not None:
            self._append(state.cur, line, 0)
        elif state.in_list and state.prev_blank and _indent(line.text) >= 2:
            state.cur = _Leaf("list_item", line.phys)  # a further paragraph of the list item
            self._append(state.cur, line, 0)
        else:
            if state.prev_blank and _indent(line.text) < 2:
                state.in_list = False
            state.cur = _Leaf("paragraph", line.phys)
            self._append(state.cur, line, 0)
        state.prev_blank = False

    _handlers = (
        _on_fence,
        _on_indented_code,
        _on_comment,
        _on_html_block,
        _on_quote,
        _on_setext,
        _on_thematic_break,
        _on_atx,
        _on_reference,
        _on_list_item,
    )

    @staticmethod
    def _append(leaf: _Leaf, line: Line, at: int) -> None:
        text = line.text[at:]
        lead = len(text) - len(text.lstrip())
        leaf.lines.append(Line(line.phys, line.start + at + lead, text[lead:]))
        leaf.end = line.start + len(line.text.rstrip())

    def _fence(self, lines: list[Line], i: int, fence: re.Match[str]) -> int:
        opener = lines[i]
        marker = fence.group(2)
        leaf = _Leaf("code", opener.phys)
        leaf.end = opener.start + len(opener.text.rstrip())
        j = i + 1
        while j < len(lines):
            text = lines[j].text
            stripped = text.strip()
            if _indent(text) < 4 and stripped.startswith(marker) and set(stripped) == {marker[0]}:
                leaf.end = lines[j].start + len(text.rstrip())
                j += 1
                break
            leaf.lines.append(lines[j])
            leaf.end = lines[j].start + len(text)
            j += 1
        self._add(leaf, False)
        return j

    def _indented_code(self, lines: list[Line], i: int) -> int:
        leaf = _Leaf("code", lines[i].phys)
        j = i
        while j < len(lines) and (not lines[j].text.strip() or _indent(lines[j].text) >= 4):
            j += 1
        while j > i and not lines[j - 1].text.strip():
            j -= 1
        for line in lines[i:j]:
            cut = _indent_chars(line.text, 4)
            leaf.lines.append(Line(line.phys, line.start + cut, line.text[cut:]))
            leaf.end = line.start + len(line.text.rstrip())
        self._add(leaf, False)
        return j

    @staticmethod
    def _skip_comment(lines: list[Line], i: int) -> int:
        j = i
        while j < len(lines):
            if "-->" in lines[j].text[(lines[j].text.find("<!--") + 4) if j == i else 0 :]:
                return j + 1
            j += 1
        return j

    def _quote(self, lines: list[Line], i: int, depth: int) -> int:
        inner: list[Line] = []
        j = i
        while j < len(lines):
            line = lines[j]
            m = _QUOTE.match(line.text)
            if m:
                inner.append(Line(line.phys, line.start + m.end(), line.text[m.end() :]))
            elif line.text.strip() and inner and inner[-1].text.strip() and not _starts_block(line.text):
                inner.append(line)  # lazy continuation of the quoted paragraph
            else:
                break
            j += 1
        self.parse(inner, depth + 1)
        return j

    def _add(self, leaf: _Leaf, quoted: bool) -> None:
        if quoted and leaf.kind in ("paragraph", "list_item"):
            leaf.kind = "quote"
        self.leaves.append(leaf)


def _starts_block(text: str) -> bool:
    return bool(_ATX.match(text) or _FENCE.match(text) or _HR.match(text) or _LIST.match(text))


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


# -- inline markup ------------------------------------------------------------------
class _Raw:
    """A leaf's content lines joined into one string; ``pieces`` map each line back to the source.

    ``starts[k]`` is where line k begins in ``text``, ``sources[k]`` where it begins in the
    source, ``lengths[k]`` its length; the join chars between lines (a space, or ``\n`` for
    a hard break) map nowhere.
    """

    def __init__(self, lines: list[Line]) -> None:
        parts: list[str] = []
        self.starts: list[int] = []
        self.sources: list[int] = []
        self.lengths: list[int] = []
        pos = 0
        last = len(lines) - 1
        for k, line in enumerate(lines):
            text = line.text
            hard = False
            if k < last:
                body = text.rstrip()
                backslash_break = body.endswith("\\") and not body.endswith("\\\\")
                hard = text.endswith("  ") or backslash_break
                text = body[:-1] if backslash_break else body
            else:
                text = text.rstrip()
            parts.append(text)
            self.starts.append(pos)
            self.sources.append(line.start)
            self.lengths.append(len(text))
            pos += len(text)
            if k < last:
                parts.append("\n" if hard else " ")
                pos += 1
        self.text = "".join(parts)

    def source_of(self, i: int) -> int:
        """Source offset of ``text[i]``, or -1 for a join char."""
        k = bisect.bisect_right(self.starts, i) - 1
        if k < 0 or i >= self.starts[k] + self.lengths[k]:
            return -1
        return self.sources[k] + i - self.starts[k]


class _Inline:
    """Strips inline markup from a _Raw string into a TextBuilder, collecting links."""

    def __init__(self, raw: _Raw, refs: dict[str, str]) -> None:
        self.raw = raw
        self.refs = refs
        self.out = TextBuilder()
        self.links: list[tuple[int, int, str]] = []
        self.removed = _emphasis_delimiters(raw.text)
        self.pairs = _bracket_pairs(raw.text)
        self.anchor: tuple[int, str] | None = None

    def emit(self, i: int, j: int) -> None:
        """Copy raw[i:j] verbatim, mapping each line's part to its source offset."""
        raw = self.raw
        pos = i
        k = max(0, bisect.bisect_right(raw.starts, i) - 1)
        while pos < j:
            start = raw.starts[k] if raw.starts else j
            length = raw.lengths[k] if raw.starts else 0
            if pos < start:  # a join char before line k
                stop = min(j, start)
                self.out.add(raw.text[pos:stop], None)
            elif pos < start + length:
                stop = min(j, start + length)
                self.out.add(raw.text[pos:stop], raw.sources[k] + pos - start)
            elif k + 1 < len(raw.starts):
                k += 1
                continue
            else:
                stop = j
                self.out.add(raw.text[pos:stop], None)
            pos = stop

    def atom(self, decoded: str, i: int, j: int) -> None:
        start, end = self.raw.source_of(i), self.raw.source_of(j - 1)
        if start < 0 or end < 0:
            self.out.add(decoded, None)
        else:
            self.out.add_atom(decoded, start, end + 1)

    def run(self, i: int, j: int, depth: int = 0, images_only: bool = False) -> None:
        text = self.raw.text
        while i < j:
            c = text[i]
            if c == "\\" and i + 1 < j and text[i + 1] in _PUNCT:
                self.atom(text[i + 1], i, i + 2)
                i += 2
            elif c == "`":
                i = self._code_span(i, j)
            elif c in "*_~" and i in self.removed:
                i += 1
            elif c == "[" or (c == "!" and i + 1 < j and text[i + 1] == "["):
                i = self._link(i, j, depth, images_only)
            elif c == "<":
                i = self._angle(i, j, images_only)
            elif c == "&" and (m := _ENTITY.match(text, i, j)):
                self.atom(html.unescape(m.group()), i, m.end())
                i = m.end()
            elif c in "hw" and not images_only and (i == 0 or not text[i - 1].isalnum()):
                m = _BARE_URL.match(text, i, _near(i, j))
                if m and (c == "w" or "://" in m.group()):
                    start = self.out.length
                    self.emit(i, m.end())
                    url = m.group() if c == "h" else "http://" + m.group()
                    self.links.append((start, self.out.length, url))
                    i = m.end()
                else:
                    self.emit(i, i + 1)
                    i += 1
            else:
                k = i + 1
                while k < j and text[k] not in "\\`*_~[!<&hw":
                    k += 1
                self.emit(i, k)
                i = k

    def _code_span(self, i: int, j: int) -> int:
        text = self.raw.text
        n = i
        while n < j and text[n] == "`":
            n += 1
        ticks = n - i
        k = n
        while True:
            k = text.find("`" * ticks, k, _near(i, j))
            if k < 0:
                self.emit(i, n)
                return n
            end = k + ticks
            if (end >= j or text[end] != "`") and (k == 0 or text[k - 1] != "`" or k == n):
                break
            k = end
            while k < j and text[k] == "`":
                k += 1
        a, b = n, k
        if b - a >= 2 and text[a] == " " and text[b - 1] == " " and text[a:b].strip():
            a, b = a + 1, b - 1
        self.emit(a, b)
        return end

    def _link(self, i: int, j: int, depth: int, images_only: bool) -> int:
        text = self.raw.text
        image = text[i] == "!"
        open_at = i + 1 if image else i
        close = self.pairs.get(open_at, -1)
        close = close if close < j else -1
        if close < 0 or depth >= MAX_LINK_DEPTH:
            self.emit(i, open_at + 1)
            return open_at + 1
        url, after = _destination(text, close + 1, j)
        if url is None:
            label = _label(text[open_at + 1 : close])
            after = close + 1
            if text.startswith("[", after):
                ref_close = self.pairs.get(after, -1)
                ref_close = ref_close if ref_close < j else -1
                if ref_close > after + 1:
                    label = _label(text[after + 1 : ref_close])
                if ref_close >= 0:
                    after = ref_close + 1
            url = self.refs.get(label)
            if url is None or text.startswith("^", open_at + 1):
                self.emit(i, open_at + 1)
                return open_at + 1
        start = self.out.length
        self.run(open_at + 1, close, depth + 1, images_only=images_only or image)
        if not image and not images_only and self.out.length > start:
            self.links.append((start, self.out.length, url))
        return after

    def _angle(self, i: int, j: int, images_only: bool) -> int:
        text = self.raw.text
        m = _AUTOLINK.match(text, i, _near(i, j))
        if m:
            start = self.out.length
            self.emit(m.start(1), m.end(1))
            if not images_only:
                url = m.group(1) if ":" in m.group(1) else "mailto:" + m.group(1)
                self.links.append((start, self.out.length, url))
            return m.end()
        if text.startswith("<!--", i):
            end = text.find("-->", i + 4, _near(i, j))
            if end >= 0:
                return end + 3
        m = _HTML_TAG.match(text, i, _near(i, j))
        if not m:
            self.emit(i, i + 1)
            return i + 1
        tag = m.group(1).lower()
        closing = m.group().startswith("</")
        if tag == "br":
            self.out.add("\n", None)
        elif tag == "a" and not closing and not images_only:
            href = _HREF.search(m.group())
            if href:
                self.anchor = (self.out.length, next(g for g in href.groups() if g is not None))
        elif tag == "a" and closing and self.anchor is not None:
            start, url = self.anchor
            if self.out.length > start:
                self.links.append((start, self.out.length, url))
            self.anchor = None
        return m.end()


def _near(i: int, j: int) -> int:
    """End of the window searched for a construct at ``i``: keeps hostile input (10,000 ``[``) linear."""
    return min(j, i + WINDOW)


def _bracket_pairs(text: str) -> dict[int, int]:
    """Index of each ``[`` -> index of its matching ``]`` (escapes and code spans skipped), in one pass."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    k, n = 0, len(text)
    while k < n:
        c = text[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            stack.append(k)
        elif c == "]" and stack:
            pairs[stack.pop()] = k
        elif c == "`":
            m = k
            while m < n and text[m] == "`":
                m += 1
            end = text.find(text[k:m], m, _near(m, n))
            k = end + (m - k) if end >= 0 else m
            continue
        k += 1
    return pairs


def _destination(text: str, i: int, j: int) -> tuple[str | None, int]:
    """Parse ``(url "title")`` at ``i``; (None, i) when there is none."""
    m = _DESTINATION.match(text, i, _near(i, j))
    if m is None:
        return None, i
    url = m.group(1) if m.group(1) is not None else m.group(2)
    return _UNESCAPE.sub(r"\1", url), m.end()


def _emphasis_delimiters(text: str) -> set[int]:
    """Indices of ``*``/``_``/``~~`` runs that open or close emphasis (matched pairs only)."""
    runs: list[tuple[str, int, int, bool, bool]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
        elif c == "`":
            k = i
            while k < n and text[k] == "`":
                k += 1
            end = text.find(text[i:k], k, _near(k, n))
            i = end + (k - i) if end >= 0 else k
        elif c == "<" and (m := _AUTOLINK.match(text, i, _near(i, n)) or _HTML_TAG.match(text, i, _near(i, n))):
            i = m.end()
        elif c in "*_~":
            k = i
            while k < n and text[k] == c:
                k += 1
            before = text[i - 1] if i > 0 else " "
            after = text[k] if k < n else " "
            left = not after.isspace() and (after not in _PUNCT or before.isspace() or before in _PUNCT)
            right = not before.isspace() and (before not in _PUNCT or after.isspace() or after in _PUNCT)
            if c == "_":
                opens, closes = left and (not right or before in _PUNCT), right and (not left or after in _PUNCT)
            else:
                opens, closes = left, right
            if c != "~" or k - i == 2:
                runs.append((c, i, k, opens, closes))
            i = k
        else:
            i += 1
    removed: set[int] = set()
    stack: list[tuple[str, int, int]] = []
    for c, start, end, opens, closes in runs:
        if closes:
            match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == c), None)
            if match is not None:
                _, o_start, o_end = stack[match]
                removed.update(range(o_start, o_end))
                removed.update(range(start, end))
                del stack[match:]
                continue
        if opens:
            stack.append((c, start, end))
    return removed


# -- blocks -------------------------------------------------------------------------
def _html_blocks(leaf: _Leaf, source: str) -> list[Block]:
    """Blocks of a raw HTML block, with the HTML reader's attrs (tag, hints, link density)."""
    start, end = leaf.start, leaf.end
    outer = OffsetMap([(0, start, end - start)])
    blocks = parse_html(source[start:end]).blocks
    for block in blocks:
        rebase(block, outer)
    return blocks


def _code_block(leaf: _Leaf) -> Block | None:
    builder = TextBuilder()
    for k, line in enumerate(leaf.lines):
        if k:
            builder.add("\n", None)
        builder.add(line.text, line.start)
    if not builder.text().strip():
        return None
    return Block("code", builder.text(), builder.offset_map(), leaf.start, leaf.end, attrs={"tag": "pre"})


def _text_block(leaf: _Leaf, refs: dict[str, str]) -> Block | None:
    inline = _Inline(_Raw(leaf.lines), refs)
    inline.run(0, len(inline.raw.text))
    raw_text = inline.out.text()
    text, offsets = inline.out.strip()
    if not text:
        return None
    left = len(raw_text) - len(raw_text.lstrip())
    links = []
    for a, b, url in inline.links:
        a, b = max(0, a - left), min(len(text), b - left)
        if a < b:
            links.append(Link(text[a:b], url, a, b))
    linked = sum(link.end - link.start for link in links)
    attrs: dict[str, Any] = {"link_density": round(min(1.0, linked / len(text)), 4)}
    if leaf.kind == "heading":
        attrs["level"] = leaf.level
        attrs["tag"] = f"h{leaf.level}"
    else:
        attrs["tag"] = {"paragraph": "p", "list_item": "li", "quote": "blockquote"}[leaf.kind]
    return Block(leaf.kind, text, offsets, leaf.start, leaf.end, links, None, attrs)


def parse_markdown(text: str, front_matter: bool = True) -> ParsedMarkdown:
    """Blocks (offsets into ``text``) and front-matter metadata of a Markdown document."""
    lines = _split_lines(text)
    metadata, first = _front_matter(lines) if front_matter else ({}, 0)
    parser = _BlockParser(text)
    body = lines[first:]
    parser.collect_refs(body)
    parser.parse(body)
    blocks: list[Block] = []
    for leaf in parser.leaves:
        if leaf.kind == "html":
            blocks.extend(_html_blocks(leaf, text))
            continue
        block = _code_block(leaf) if leaf.kind == "code" else _text_block(leaf, parser.refs)
        if block is not None:
            blocks.append(block)
    if "title" not in metadata:
        heading = next((b for b in blocks if b.kind == "heading" and b.attrs.get("level") == 1), None)
        if heading is not None:
            metadata["title"] = heading.text
    return ParsedMarkdown(blocks, metadata)


class MarkdownReader:
    """Reads ``.md``/``.markdown`` files: one Document per file."""

    name: ClassVar[str] = "markdown"
    extensions: ClassVar[tuple[str, ...]] = (".md", ".markdown")

    def read(self, source: Source) -> Iterator[Document | InputError]:
        text = source.read_text()
        parsed = parse_markdown(text)
        doc_id = parsed.metadata.get("id")
        yield Document(
            path=source.display,
            text=text,
            format="markdown",
            blocks=parsed.blocks,
            id=str(doc_id) if doc_id else None,
            metadata=parsed.metadata,
        )
