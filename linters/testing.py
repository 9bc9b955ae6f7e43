"""Helpers for testing rules, in the spirit of textlint-tester.

``lint(text, RuleClass, fmt="markdown", options={...})`` reads ``text`` with the
registered reader for ``fmt`` and runs only that rule, returning its findings
sorted. Plugin authors use it in their own test suites.
"""

from __future__ import annotations

from typing import Any

from linters.checking import ActiveRule, run_rules
from linters.document import Document
from linters.readers.base import InputError, Source
from linters.report import Finding
from linters.rule import Rule

__all__ = ["lint", "read"]

_EXTENSIONS = {"text": ".txt", "markdown": ".md", "html": ".html", "json": ".json", "jsonl": ".jsonl"}


def read(text: str, fmt: str = "text", path: str | None = None) -> list[Document]:
    """Parse ``text`` with the built-in (or plugin) reader named ``fmt``."""
    host = _host()
    reader = host.readers.get(fmt)
    if reader is None:
        raise ValueError(f"no reader named {fmt!r}; known: {sorted(host.readers)}")
    display = path or f"article{_EXTENSIONS.get(fmt, '.txt')}"
    docs = []
    for item in reader.read(Source(display, data=text.encode("utf-8"))):
        if isinstance(item, InputError):
            raise item
        docs.append(item)
    return docs


_HOST = None


def _host() -> Any:
    global _HOST
    if _HOST is None:
        from linters.plugins import Host

        _HOST = Host.create()
    return _HOST


def lint(
    text: str,
    rule: type[Rule],
    fmt: str = "text",
    options: dict[str, Any] | None = None,
    path: str | None = None,
) -> list[Finding]:
    """Findings of one rule on ``text`` (the rule's default severity), sorted."""
    instance = rule(options or {})
    findings: list[Finding] = []
    for doc in read(text, fmt, path):
        found, errors, _ = run_rules(doc, [ActiveRule(instance, rule.default_severity, "test")])
        if errors:
            raise RuntimeError(errors[0].message)
        findings.extend(found)
    return sorted(findings, key=Finding.sort_key)
