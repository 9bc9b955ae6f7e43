"""Building plain text with an exact map back to the source (private to the readers).

Markup readers decode text: ``&amp;`` becomes ``&``, ``\\"`` in a JSON string
becomes ``"``. :class:`TextBuilder` records each decoded piece with its source
offsets, and each escape's end as an "atom" of the host's :class:`OffsetMap`,
so that fixes that delete or replace a range never cut an escape in half.
"""

from __future__ import annotations

from linters.document import Block, OffsetMap

__all__ = ["TextBuilder", "rebase"]


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

    def offset_map(self) -> OffsetMap:
        return OffsetMap([tuple(seg) for seg in self.segments], dict(self.atom_ends))

    def strip(self) -> tuple[str, OffsetMap]:
        """Text without leading/trailing whitespace, and its map."""
        text = self.text()
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return text[left:right], self.slice_map(left, right)

    def slice_map(self, start: int, end: int) -> OffsetMap:
        """Map for ``text[start:end]`` re-based to offset 0."""
        segments = []
        for t, s, n in self.segments:
            a, b = max(t, start), min(t + n, end)
            if a < b:
                segments.append((a - start, s + (a - t), b - a))
        ends = {t - start: e for t, e in self.atom_ends.items() if start <= t < end}
        return OffsetMap(segments, ends)


def rebase(block: Block, outer: OffsetMap) -> None:
    """Re-point a block parsed from an embedded string (HTML in JSON or Markdown) at the enclosing file."""
    start, end = block.source_start, block.source_end
    block.offsets = block.offsets.compose(outer)
    block.source_start = outer.to_source(start)
    block.source_end = outer.to_source(end, end=True) if end > start else block.source_start
