"""The shared document tree every reader produces and every rule reads.

A :class:`Document` is the source as read plus a list of :class:`Block` objects
(paragraphs, headings, list items, teaser blocks ...). Each block holds its plain
text and an :class:`OffsetMap` from plain-text offsets back to offsets in
``Document.text``, so that a finding on plain text points at the exact place in
the file as given. Positions shown to users are 1-based lines and columns.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Block", "Document", "Link", "Location", "OffsetMap", "Span"]


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based, end-inclusive-column range in a source file (end_column points past the last char)."""

    line: int
    column: int
    end_line: int
    end_column: int
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "field": self.field,
        }


class OffsetMap:
    """Piecewise map from plain-text offsets to source offsets.

    ``segments`` holds ``(text_start, source_start, length)`` triples sorted by
    ``text_start``: text[t:t+n] corresponds char-for-char to source[s:s+n].
    Offsets that fall between segments (an inserted space) map to the end of
    the previous segment, which is the closest honest answer.

    ``atom_ends`` marks decoded characters that stand for several source
    characters (``&amp;`` -> ``&``, ``\\"`` -> ``"``): text index -> source offset
    just past the escape, so a range ending on such a character ends after the
    whole escape and a fix never cuts one in half.
    """

    __slots__ = ("_starts", "atom_ends", "segments")

    def __init__(self, segments: Iterable[tuple[int, int, int]], atom_ends: dict[int, int] | None = None) -> None:
        self.segments = sorted((tuple(s) for s in segments if s[2] > 0), key=lambda s: s[0])
        self._starts = [s[0] for s in self.segments]
        self.atom_ends: dict[int, int] = atom_ends or {}

    def to_source(self, offset: int, *, end: bool = False) -> int:
        """Source offset of plain-text ``offset``; with ``end`` the offset is exclusive."""
        if not self.segments:
            return 0
        if end and offset > 0 and self.atom_ends:
            atom_end = self.atom_ends.get(offset - 1)
            if atom_end is not None:
                return atom_end
        probe = offset - 1 if end and offset > 0 else offset
        i = bisect.bisect_right(self._starts, probe) - 1
        if i < 0:
            return self.segments[0][1]
        t, s, n = self.segments[i]
        if probe < t + n:
            return s + (probe - t) + (1 if end and offset > 0 else 0)
        return s + n

    def compose(self, outer: OffsetMap) -> OffsetMap:
        """Map through ``self`` then ``outer`` (text -> intermediate -> source), keeping both levels' escapes."""
        out: list[tuple[int, int, int]] = []
        for t, s, n in self.segments:
            pos = 0
            while pos < n:
                mid = s + pos
                j = bisect.bisect_right(outer._starts, mid) - 1
                if j < 0 or mid >= outer.segments[j][0] + outer.segments[j][2]:
                    nxt = bisect.bisect_right(outer._starts, mid)
                    if nxt >= len(outer.segments):
                        break
                    pos = outer.segments[nxt][0] - s
                    continue
                ot, os_, on = outer.segments[j]
                take = min(n - pos, ot + on - mid)
                out.append((t + pos, os_ + (mid - ot), take))
                pos += take
        ends = {index: outer.to_source(mid_end, end=True) for index, mid_end in self.atom_ends.items()}
        if outer.atom_ends:
            by_mid = sorted((s, t, n) for t, s, n in self.segments)
            mid_starts = [s for s, _, _ in by_mid]
            for mid, source_end in outer.atom_ends.items():
                i = bisect.bisect_right(mid_starts, mid) - 1
                if i >= 0:
                    s, t, n = by_mid[i]
                    if mid < s + n:
                        ends.setdefault(t + (mid - s), source_end)
        return OffsetMap(out, ends)


@dataclass(slots=True)
class Link:
    """An anchor inside a block: its text range (plain-text offsets) and URL."""

    text: str
    url: str
    start: int
    end: int


@dataclass(eq=False)
class Block:
    """One unit of article structure with plain text mapped back to the source.

    ``kind`` is one of: paragraph, heading, list_item, quote, caption, link,
    teaser_header, teaser_block, byline, boilerplate, code (readers may add
    more). ``attrs`` carries reader hints rules may use (e.g. ``container``:
    "aside", "related", ``tag``: "p", ``in_body``: False for page chrome).
    ``source_start``/``source_end`` cover the whole element including markup,
    so a fix can delete the block cleanly.
    """

    kind: str
    text: str
    offsets: OffsetMap
    source_start: int
    source_end: int
    links: list[Link] = dataclasses.field(default_factory=list)
    field: str | None = None
    attrs: dict[str, Any] = dataclasses.field(default_factory=dict)
    index: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain data for formatters that render the article (the HTML report)."""
        return {
            "kind": self.kind,
            "text": self.text,
            "field": self.field,
            "segments": [list(s) for s in self.offsets.segments],
            "source_start": self.source_start,
            "source_end": self.source_end,
            "in_body": self.attrs.get("in_body", True),
            "tag": self.attrs.get("tag"),
        }

    def span(self, start: int = 0, end: int | None = None) -> Span:
        return Span(self, start, len(self.text) if end is None else end)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source range for the plain-text range ``[start, end)``."""
        s = self.offsets.to_source(start)
        e = self.offsets.to_source(end, end=True) if end > start else s
        return s, max(s, e)


@dataclass(frozen=True, slots=True, eq=False)
class Span:
    """A plain-text range inside one block."""

    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


class Document:
    """A parsed article: source text, metadata and blocks.

    ``text`` is the source exactly as decoded; ``line_offset`` shifts reported
    lines (a JSONL record on line 12 has ``line_offset`` 11). Derived views such
    as sentences or name mentions are computed once, on first use, via
    :meth:`cached`.
    """

    def __init__(
        self,
        *,
        path: str,
        text: str,
        format: str,
        blocks: list[Block],
        id: str | None = None,
        metadata: dict[str, Any] | None = None,
        line_offset: int = 0,
    ) -> None:
        self.path = path
        self.text = text
        self.format = format
        self.blocks = blocks
        for i, block in enumerate(blocks):
            block.index = i
        self.id = id if id is not None else path
        self.metadata: dict[str, Any] = metadata or {}
        self.line_offset = line_offset
        self._line_starts: list[int] | None = None
        self._cache: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, format={self.format!r}, blocks={len(self.blocks)})"

    @property
    def title(self) -> str | None:
        title = self.metadata.get("title")
        return str(title) if title else None

    def cached(self, key: str, factory: Callable[[Document], Any]) -> Any:
        """Compute ``factory(self)`` once per document and share it between rules."""
        if key not in self._cache:
            self._cache[key] = factory(self)
        return self._cache[key]

    # -- positions -------------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1 + self.line_offset, offset - self._line_starts[i] + 1

    def location_of_range(self, start: int, end: int, field: str | None = None) -> Location:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(end)
        return Location(line, col, end_line, end_col, field)

    def location(self, span: Span | Block) -> Location:
        """Source location of a span (or a whole block's text)."""
        if isinstance(span, Block):
            span = span.span()
        start, end = span.block.to_source(span.start, span.end)
        return self.location_of_range(start, end, span.block.field)

    def body_blocks(self) -> list[Block]:
        """Blocks that belong to the article body (not page chrome)."""
        return [b for b in self.blocks if b.attrs.get("in_body", True)]
