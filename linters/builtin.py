"""The host's own plugin: built-in readers and output formats.

Registered directly by the host (before entry points) so that input and
output work even when no rule package is installed. Rules are not here: each
built-in rule is its own plugin module under ``rules/`` with an entry point.
"""

from __future__ import annotations

import importlib
from typing import Any

from linters.plugins import hookimpl

_READERS = [
    ("linters.readers.plaintext", "TextReader"),
    ("linters.readers.markdown", "MarkdownReader"),
    ("linters.readers.html", "HtmlReader"),
    ("linters.readers.cmsjson", "JsonReader"),
    ("linters.readers.cmsjson", "JsonlReader"),
]
_FORMATS = [
    ("linters.formats.json", "JsonFormatter"),
    ("linters.formats.text", "TextFormatter"),
    ("linters.formats.sarif", "SarifFormatter"),
    ("linters.formats.github", "GithubFormatter"),
    ("linters.formats.junit", "JunitFormatter"),
    ("linters.formats.html", "HtmlFormatter"),
]


def _instances(specs: list[tuple[str, str]]) -> list[Any]:
    """Import lazily, so a reader's or formatter's dependencies load only with the host."""
    return [getattr(importlib.import_module(module), attr)() for module, attr in specs]


@hookimpl
def copydesk_add_rules() -> list[Any]:
    from linters.suppress import InvalidDirective, UnusedDirective

    return [InvalidDirective, UnusedDirective]


@hookimpl
def copydesk_add_readers() -> list[Any]:
    return _instances(_READERS)


@hookimpl
def copydesk_add_formats() -> list[Any]:
    return _instances(_FORMATS)
