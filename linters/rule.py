"""The rule object model: metadata, options, and the context a rule reports through.

A rule is a small class. The host instantiates it once per effective
configuration with validated options (schema defaults filled in) and calls
``check(doc, ctx)`` for each document. Rules that compare articles with each
other also implement ``corpus_data`` (runs next to ``check``, may run in a
worker process, so it returns picklable data) and ``check_corpus`` (runs once,
in the main process, over every document's data).

The class docstring is the rule's documentation and follows ruff's template:
``## What it does``, ``## Why is this bad?``, ``## Example``, ``## Options``.
``copydesk explain RULE`` prints it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from linters.document import Block, Document, Location, Span
from linters.report import Edit, Finding, Fix, Related

__all__ = ["CorpusContext", "CorpusEntry", "Rule", "RuleContext", "option_defaults"]

_CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{2,4}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def option_defaults(schema: dict[str, Any]) -> dict[str, Any]:
    """Top-level ``default`` values of an options schema."""
    props = schema.get("properties", {})
    return {k: copy.deepcopy(v["default"]) for k, v in props.items() if isinstance(v, dict) and "default" in v}


class Rule:
    """Base class for rules. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    default_severity: ClassVar[str] = "warning"
    #: None, "safe" or "unsafe": the best fix this rule can offer.
    fixable: ClassVar[str | None] = None
    tags: ClassVar[tuple[str, ...]] = ()
    options_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {},
        "additionalProperties": False,
    }

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        merged = option_defaults(self.options_schema)
        merged.update(options or {})
        self.options: dict[str, Any] = merged

    @classmethod
    def validate_metadata(cls) -> list[str]:
        """Problems with this rule class's metadata (empty when it is well formed)."""
        problems = []
        if not _CODE_RE.match(cls.code or ""):
            problems.append(f"code {cls.code!r} must look like 'CD101'")
        if not _NAME_RE.match(cls.name or ""):
            problems.append(f"name {cls.name!r} must be kebab-case")
        if cls.default_severity not in ("info", "warning", "error"):
            problems.append(f"default_severity {cls.default_severity!r} is not info/warning/error")
        if not cls.summary:
            problems.append("summary is empty")
        if cls.fixable not in (None, "safe", "unsafe"):
            problems.append(f"fixable {cls.fixable!r} is not None/'safe'/'unsafe'")
        return problems

    @classmethod
    def documentation(cls) -> str:
        """The rule's documentation (class docstring, dedented)."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or cls.summary)

    def check(self, doc: Document, ctx: RuleContext) -> None:
        raise NotImplementedError

    # Optional corpus-level API -------------------------------------------
    has_corpus_check: ClassVar[bool] = False

    def corpus_data(self, doc: Document, ctx: RuleContext) -> Any:
        """Picklable per-document data for :meth:`check_corpus` (None to skip)."""
        return None

    def check_corpus(self, entries: Sequence[CorpusEntry], ctx: CorpusContext) -> None:
        """Compare documents with each other; report with ``ctx.report(entry, ...)``."""


Target = Span | Block | Location | tuple[int, int]


class RuleContext:
    """What a rule sees while checking one document: options, severity and ``report``."""

    def __init__(self, rule: Rule, doc: Document, severity: str) -> None:
        self.rule = rule
        self.doc = doc
        self.severity = severity
        self.options = rule.options
        self.findings: list[Finding] = []

    # -- building blocks ------------------------------------------------
    def locate(self, target: Target) -> tuple[Location, str]:
        """Location and flagged source text for a span, a block, or a source range."""
        doc = self.doc
        if isinstance(target, Location):
            return target, ""
        if isinstance(target, tuple):
            start, end = target
            return doc.location_of_range(start, end), doc.text[start:end]
        if isinstance(target, Block):
            target = target.span()
        return doc.location(target), target.text

    def related(self, message: str, target: Target) -> Related:
        return Related(message, self.locate(target)[0])

    def edit(self, start: int, end: int, content: str) -> Edit:
        """An edit on source offsets of this document."""
        return Edit(start, end, content, self.doc.location_of_range(start, end))

    def replace(self, span: Span, content: str) -> Edit:
        """Replace the source text behind a plain-text span."""
        start, end = span.block.to_source(span.start, span.end)
        return self.edit(start, end, content)

    def delete_blocks(self, blocks: Iterable[Block]) -> list[Edit]:
        """Edits that remove whole blocks, markup and the line break after them included."""
        text = self.doc.text
        edits = []
        for block in blocks:
            start, end = block.source_start, block.source_end
            if self.doc.format in ("text", "markdown"):
                # take the line break(s) that separated this block from the next
                while end < len(text) and text[end] in " \t":
                    end += 1
                if end < len(text) and text[end] == "\n":
                    end += 1
                    if self.doc.format == "markdown" and end < len(text) and text[end] == "\n":
                        end += 1
            edits.append(self.edit(start, end, ""))
        return edits

    def fix(self, description: str, edits: Iterable[Edit], *, safe: bool = False) -> Fix:
        return Fix(description, tuple(sorted(edits, key=lambda e: (e.start, e.end))), "safe" if safe else "unsafe")

    # -- reporting --------------------------------------------------------
    def report(
        self,
        target: Target,
        message: str,
        *,
        evidence: dict[str, Any] | None = None,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        severity: str | None = None,
    ) -> Finding:
        location, flagged = self.locate(target)
        finding = Finding(
            rule=self.rule.name,
            code=self.rule.code,
            severity=severity or self.severity,
            message=message,
            location=location,
            path=self.doc.path,
            doc_id=self.doc.id,
            flagged_text=flagged,
            related=list(related),
            evidence=dict(evidence or {}),
            fix=fix,
        )
        self.findings.append(finding)
        return finding


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One document's corpus data as seen by ``check_corpus``."""

    path: str
    doc_id: str
    title: str | None
    data: Any


class CorpusContext:
    """Reporting for corpus rules: each finding belongs to one entry's document."""

    def __init__(self, rule: Rule, severity: str) -> None:
        self.rule = rule
        self.severity = severity
        self.options = rule.options
        self.findings: list[Finding] = []

    def report(
        self,
        entry: CorpusEntry,
        location: Location,
        message: str,
        *,
        flagged_text: str = "",
        evidence: dict[str, Any] | None = None,
        related: Iterable[Related] = (),
        severity: str | None = None,
    ) -> Finding:
        finding = Finding(
            rule=self.rule.name,
            code=self.rule.code,
            severity=severity or self.severity,
            message=message,
            location=location,
            path=entry.path,
            doc_id=entry.doc_id,
            flagged_text=flagged_text,
            related=list(related),
            evidence=dict(evidence or {}),
        )
        self.findings.append(finding)
        return finding
