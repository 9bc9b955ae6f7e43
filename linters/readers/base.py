"""What every reader shares: the Source it reads, the error it raises, and decoding.

Readers never crash the run: anything wrong with an input is an
:class:`InputError` with a message (and a line when known). A reader may also
*yield* InputError objects to report a broken record and go on (JSONL).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, ClassVar, Protocol

from linters.document import Document

__all__ = ["DEFAULT_MAX_BYTES", "InputError", "Reader", "Source", "decode_text"]

#: Inputs larger than this are refused before they are read (config: ``max-file-size``).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class InputError(Exception):
    """A problem with one input; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class Source:
    """One input: a path on disk, or bytes already in memory (stdin, HTTP body).

    ``display`` is the path shown in reports. Size is checked before reading,
    so a huge file is refused without being loaded.
    """

    display: str
    path: str | None = None
    data: bytes | None = None
    max_bytes: int = DEFAULT_MAX_BYTES

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return os.path.getsize(self.path)

    def _check_size(self) -> None:
        size = self.size()
        if size > self.max_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the {self.max_bytes:,}-byte limit (raise max-file-size to lint it)"
            )

    def open_binary(self) -> IO[bytes]:
        self._check_size()
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return open(self.path, "rb")

    def read_bytes(self) -> bytes:
        """The whole input, read at most one byte past the limit (sizes from stat can lie: pipes, devices)."""
        with self.open_binary() as fh:
            data = fh.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise InputError(f"input is over the {self.max_bytes:,}-byte limit (raise max-file-size to lint it)")
        return data

    def read_text(self) -> str:
        return decode_text(self.read_bytes())


def decode_text(data: bytes, line_offset: int = 0) -> str:
    """Decode UTF-8 (a BOM is dropped); binary or other encodings are an InputError."""
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1 + line_offset
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from None


class Reader(Protocol):
    """Reader protocol: ``read`` yields Documents (and InputErrors for broken records)."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    def read(self, source: Source) -> Iterator[Document | InputError]: ...
