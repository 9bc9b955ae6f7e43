"""Plain text: blank-line paragraphs, one-paragraph-per-line exports, hard-wrapped prose.

CMS text exports often put each paragraph on its own line with no blank lines
between them; hand-written text separates paragraphs with blank lines and may
wrap lines at ~72 columns. Within a blank-line chunk, lines are joined into one
paragraph only when the chunk looks hard-wrapped; otherwise each line is a block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from linters.document import Block, Document, OffsetMap
from linters.readers.base import InputError, Source

__all__ = ["TextReader", "split_text_blocks"]

_SENTENCE_END = re.compile(r"""[.!?:;"'”’)\]]\s*$""")
_WRAP_MAX = 100


def _is_hard_wrapped(lines: list[tuple[int, str]]) -> bool:
    if len(lines) < 2:
        return False
    if max(len(text) for _, text in lines) > _WRAP_MAX:
        return False
    non_final = lines[:-1]
    open_ended = sum(1 for _, text in non_final if not _SENTENCE_END.search(text))
    long_enough = sum(1 for _, text in non_final if len(text) >= 40)
    return open_ended * 2 >= len(non_final) and long_enough * 2 >= len(non_final)


def split_text_blocks(text: str, base: int = 0) -> list[Block]:
    """Split plain text (source offsets start at ``base``) into paragraph blocks."""
    blocks: list[Block] = []
    chunk: list[tuple[int, str]] = []

    def flush() -> None:
        if not chunk:
            return
        groups = [chunk[:]] if _is_hard_wrapped(chunk) else [[line] for line in chunk]
        for group in groups:
            parts: list[str] = []
            segments: list[tuple[int, int, int]] = []
            pos = 0
            for start, line in group:
                if parts:
                    parts.append(" ")
                    pos += 1
                segments.append((pos, base + start, len(line)))
                parts.append(line)
                pos += len(line)
            first, last = group[0], group[-1]
            blocks.append(
                Block(
                    kind="paragraph",
                    text="".join(parts),
                    offsets=OffsetMap(segments),
                    source_start=base + first[0],
                    source_end=base + last[0] + len(last[1]),
                )
            )
        chunk.clear()

    pos = 0
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            chunk.append((pos + lead, stripped))
        else:
            flush()
        pos += len(raw) + 1
    flush()
    return blocks


class TextReader:
    name: ClassVar[str] = "text"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".text")

    def read(self, source: Source) -> Iterator[Document | InputError]:
        text = source.read_text()
        yield Document(path=source.display, text=text, format="text", blocks=split_text_blocks(text))
