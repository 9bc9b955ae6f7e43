"""Building plain text with an exact map back to the source (private to the readers).

Markup readers decode text: ``&amp;`` becomes ``&``, ``\\"`` in a JSON string
becomes ``"``. The host's :class:`OffsetMap` maps text to source char for char;
:class:`AtomMap` adds "atoms" (one decoded char that stands for several source
chars) so that the *end* of a range ending on ``&amp;`` is the end of the
entity, not its second char. Fixes that delete or replace a range then never
cut an escape in half.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from linters.document import Block, OffsetMap

__all__ = ["AtomMap", "TextBuilder", "rebase"]


class AtomMap(OffsetMap):
    """An OffsetMap that knows where multi-char source escapes end."""

    __slots__ = ("atom_ends",)

    def __init__(self, segments: Iterable[tuple[int, int, int]], atom_ends: dict[int, int] | None = None) -> None:
        super().__init__(segments)
        self.atom_ends: dict[int, int] = atom_ends or {}

    def to_source(self, offset: int, *, end: bool = False) -> int:
        if end and offset > 0 and self.atom_ends:
            atom_end = self.atom_ends.get(offset - 1)
            if atom_end is not None:
                return atom_end
        return super().to_source(offset, end=end)

    def compose(self, outer: OffsetMap) -> AtomMap:
        """Map through ``self`` then ``outer``, keeping the escapes of both levels."""
        base = super().compose(outer)
        ends: dict[int, int] = {}
        for index, mid_end in self.atom_ends.items():
            ends[index] = outer.to_source(mid_end, end=True)
        outer_atoms = getattr(outer, "atom_ends", None)
        if outer_atoms:
            by_source = sorted((s, t, n) for t, s, n in self.segments)
            source_starts = [s for s, _, _ in by_source]
            for mid, source_end in outer_atoms.items():
                i = bisect.bisect_right(source_starts, mid) - 1
                if i >= 0:
                    s, t, n = by_source[i]
                    if mid < s + n:
                        ends.setdefault(t + (mid - s), source_end)
        return AtomMap(base.segments, ends)


class TextBuilder:
    """Accumulates decoded text pieces together with their source offsets."""

    __slots__ = ("atom_ends", "length", "parts", "segments")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[list[int]] = []
        self.atom_ends: dict[int, int] = {}
        self.length = 0

    def add(self, text: str, source_start: int | None) -> None:
        """Append ``text`` that appears verbatim at ``source_start`` (None: inserted, unmapped)."""
        if not text:
            return
        if source_start is not None:
            last = self.segments[-1] if self.segments else None
            if last is not None and last[0] + last[2] == self.length and last[1] + last[2] == source_start:
                last[2] += len(text)
            else:
                self.segments.append([self.length, source_start, len(text)])
        self.parts.append(text)
        self.length += len(text)

    def add_atom(self, text: str, source_start: int, source_end: int) -> None:
        """Append decoded ``text`` standing for the escape ``source[source_start:source_end]``."""
        if source_end - source_start == len(text):
            self.add(text, source_start)
            return
        for ch in text:
            self.segments.append([self.length, source_start, 1])
            self.atom_ends[self.length] = source_end
            self.parts.append(ch)
            self.length += 1

    def text_since(self, start: int) -> str:
        """The text appended after the builder was ``start`` chars long."""
        pieces: list[str] = []
        covered = self.length
        for part in reversed(self.parts):
            if covered <= start:
                break
            pieces.append(part[max(0, start - (covered - len(part))) :])
            covered -= len(part)
        return "".join(reversed(pieces))

    def last_char(self) -> str:
        return self.parts[-1][-1] if self.parts else ""

    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def source_range(self) -> tuple[int, int] | None:
        """First and past-the-end source offsets of the mapped text, if any."""
        if not self.segments:
            return None
        start = min(s for _, s, _ in self.segments)
        end = max(self.atom_ends.get(t + n - 1, s + n) for t, s, n in self.segments)
        return start, end

    def offset_map(self) -> AtomMap:
        return AtomMap([tuple(seg) for seg in self.segments], dict(self.atom_ends))

    def strip(self) -> tuple[str, AtomMap]:
        """Text without leading/trailing whitespace, and its map."""
        text = self.text()
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return text[left:right], self.slice_map(left, right)

    def slice_map(self, start: int, end: int) -> AtomMap:
        """Map for ``text[start:end]`` re-based to offset 0."""
        segments = []
        for t, s, n in self.segments:
            a, b = max(t, start), min(t + n, end)
            if a < b:
                segments.append((a - start, s + (a - t), b - a))
        ends = {t - start: e for t, e in self.atom_ends.items() if start <= t < end}
        return AtomMap(segments, ends)


def rebase(block: Block, outer: OffsetMap) -> None:
    """Re-point a block parsed from an embedded string (HTML in JSON or Markdown) at the enclosing file."""
    offsets = block.offsets if isinstance(block.offsets, AtomMap) else AtomMap(block.offsets.segments)
    start, end = block.source_start, block.source_end
    block.offsets = offsets.compose(outer)
    block.source_start = outer.to_source(start)
    block.source_end = outer.to_source(end, end=True) if end > start else block.source_start
