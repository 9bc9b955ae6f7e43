"""Where each JSON string sits in its file, and how its escapes map back (private to copydesk: readers, server).

``json.loads`` validates and builds the value (fast, C); :func:`string_positions`
then walks the already-valid text once, iteratively (no recursion, any depth),
recording the offset of every string value by its JSON pointer.
:func:`decode_string` decodes one string literal into text plus an
:class:`~linters.document.OffsetMap` from text offsets to file offsets, so that a finding inside
``"caf\\u00e9 \\"quoted\\""`` points at the right column of the JSON file.
"""

from __future__ import annotations

import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from linters.document import OffsetMap
from linters.readers._textmap import TextBuilder

__all__ = ["clean_surrogates", "decode_string", "pointer_token", "string_positions", "without_surrogates"]

_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"[^,\]}\s]+")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A ``\\uD800``-``\\uDFFF`` escape: the only way valid JSON text can decode to a surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def pointer_token(key: str | int) -> str:
    """One reference token of a JSON pointer (RFC 6901)."""
    return str(key).replace("~", "~0").replace("/", "~1")


def clean_surrogates(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD, so it can always be encoded as UTF-8.

    ``json.loads`` joins a valid ``\\uD83D\\uDE00`` pair into one character, so whatever surrogate is
    left in a decoded string is a lone one: it would make every later ``.encode("utf-8")`` fail.
    """
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def without_surrogates(text: str, data: Any) -> Any:
    """``data`` (what ``json.loads(text)`` returned) with lone surrogates in keys and strings made U+FFFD.

    Valid JSON can only carry a surrogate as a ``\\uD8xx``-style escape, so text without one is
    returned untouched at no cost; otherwise the value is walked iteratively (any depth).
    """
    if not _SURROGATE_ESCAPE.search(text):
        return data
    if isinstance(data, str):
        return clean_surrogates(data)
    root = [data]
    stack: list[list | dict] = [root]
    while stack:
        container = stack.pop()
        if isinstance(container, dict):
            items = list(container.items())
            container.clear()
            for key, value in items:
                container[clean_surrogates(key)] = value
            keys: list = list(container)
        else:
            keys = list(range(len(container)))
        for key in keys:
            value = container[key]
            if isinstance(value, str):
                container[key] = clean_surrogates(value)
            elif isinstance(value, dict | list):
                stack.append(value)
    return root[0]


def _skip(text: str, i: int) -> int:
    return _WS.match(text, i).end()  # type: ignore[union-attr]


def _key(text: str, i: int) -> tuple[str, int]:
    """Read ``"key" :`` at ``i``; returns the key and the index of its value."""
    key, i = scanstring(text, i + 1)
    i = _skip(text, i)
    return clean_surrogates(key), _skip(text, i + 1)


def string_positions(text: str, start: int = 0) -> dict[str, int]:
    """JSON pointer -> offset of the opening quote, for every string value in valid JSON ``text``."""
    positions: dict[str, int] = {}
    stack: list[list] = []  # [kind, pointer of the container, index]
    pointer = ""
    i = _skip(text, start)
    while True:
        c = text[i]
        if c == "{":
            i = _skip(text, i + 1)
            if text[i] != "}":
                key, i = _key(text, i)
                stack.append(["o", pointer, 0])
                pointer = f"{pointer}/{pointer_token(key)}"
                continue
            i += 1
        elif c == "[":
            i = _skip(text, i + 1)
            if text[i] != "]":
                stack.append(["a", pointer, 0])
                pointer = f"{pointer}/0"
                continue
            i += 1
        elif c == '"':
            positions[pointer] = i
            _, i = scanstring(text, i + 1)
        else:
            i = _SCALAR.match(text, i).end()  # type: ignore[union-attr]
        while stack:  # the value is done: move on to the next sibling, or close containers
            i = _skip(text, i)
            frame = stack[-1]
            if text[i] == ",":
                i = _skip(text, i + 1)
                if frame[0] == "o":
                    key, i = _key(text, i)
                    pointer = f"{frame[1]}/{pointer_token(key)}"
                else:
                    frame[2] += 1
                    pointer = f"{frame[1]}/{frame[2]}"
                break
            stack.pop()
            i += 1
        else:
            return positions


def decode_string(text: str, quote_at: int) -> tuple[str, OffsetMap]:
    """Decode the JSON string literal whose opening quote is at ``quote_at``; text and its map into ``text``."""
    _, end = scanstring(text, quote_at + 1)
    pos, stop = quote_at + 1, end - 1
    if "\\" not in text[pos:stop]:
        value = text[pos:stop]
        return value, OffsetMap([(0, pos, len(value))])
    builder = TextBuilder()
    while True:
        m = _ESCAPE.search(text, pos, stop)
        if m is None:
            builder.add(text[pos:stop], pos)
            break
        builder.add(text[pos : m.start()], pos)
        esc = m.group(1)
        after = m.end()
        if esc[0] == "u":
            code = int(esc[1:], 16)
            low = text[after + 2 : after + 6] if text.startswith("\\u", after) else ""
            if 0xD800 <= code < 0xDC00 and len(low) == 4 and 0xDC00 <= int(low, 16) < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (int(low, 16) - 0xDC00)
                after += 6
            char = "\ufffd" if 0xD800 <= code < 0xE000 else chr(code)
        else:
            char = _SIMPLE.get(esc, esc)
        builder.add_atom(char, m.start(), after)
        pos = after
    return builder.text(), builder.offset_map()
