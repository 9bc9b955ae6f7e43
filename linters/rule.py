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
from collections.abc import Iterable, Mapping, Sequence
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
        """Compare documents with each other; report with ``ctx.report(entry, ...)``.

        Called once per group of documents whose configs give the rule the same options (``entries`` in
        path order, ``self.options`` those options); a finding takes its own document's severity unless
        ``ctx.report`` is given one.
        """

    def corpus_data_to_json(self, data: Any) -> Any:
        """JSON-ready form of :meth:`corpus_data` for ``--cache`` (default: the data itself).

        Rules whose corpus data holds objects override this and
        :meth:`corpus_data_from_json`; data that cannot be stored as JSON just
        makes that document uncached.
        """
        return data

    def corpus_data_from_json(self, obj: Any) -> Any:
        """Inverse of :meth:`corpus_data_to_json`."""
        return obj


#: What a finding or related place points at: a span, a block, consecutive blocks
#: (a run), a ready Location, or a source-offset range.
Target = Span | Block | list[Block] | Location | tuple[int, int]


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
        """Location and flagged text for any :data:`Target`."""
        doc = self.doc
        if isinstance(target, Location):
            return target, ""
        if isinstance(target, tuple):
            start, end = target
            return doc.location_of_range(start, end), doc.text[start:end]
        if isinstance(target, list):
            if len(target) == 1:
                target = target[0]
            else:  # several blocks: from the first one's text to the last one's, in the first one's field
                first, last = target[0], target[-1]
                start = first.to_source(0, len(first.text))[0]
                end = last.to_source(0, len(last.text))[1]
                flagged = "\n\n".join(b.text for b in target)
                return doc.location_of_range(start, end, first.field), flagged
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
        """Edits that remove whole blocks with their markup, leaving no stray blank lines.

        A block that fills its own lines is removed with those lines; in text and
        Markdown the blank lines separating it from the next block go too (for the
        last block, the blank lines before it), so paragraphs stay one blank line apart.
        """
        text = self.doc.text
        line_based = self.doc.format in ("text", "markdown")
        ranges: list[list[int]] = []
        for block in sorted(blocks, key=lambda b: b.source_start):
            start, end = _whole_lines(text, block.source_start, block.source_end)
            whole = (start, end) != (block.source_start, block.source_end)
            if whole and line_based and _blank_before(text, start):
                # separated on both sides: take the blank lines after it too (a list item
                # inside a list keeps the blank line that ends the list)
                end = _skip_blank_lines(text, end)
            if ranges and start <= ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], end)
            else:
                ranges.append([start, end])
        if line_based and ranges and ranges[-1][1] >= len(text) and text[ranges[-1][0] - 1 : ranges[-1][0]] == "\n":
            ranges[-1][0] = _skip_blank_lines_back(text, ranges[-1][0])
        return [self.edit(start, end, "") for start, end in ranges]

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


def _line_end(text: str, pos: int) -> int:
    """Offset just past the line break of the line containing ``pos`` (or the end of text)."""
    nl = text.find("\n", pos)
    return len(text) if nl == -1 else nl + 1


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole lines when nothing but whitespace shares them."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = _line_end(text, end)
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    return line_start, line_end


def _blank_before(text: str, line_start: int) -> bool:
    """True at the start of the text or when the line before ``line_start`` is blank."""
    if line_start == 0:
        return True
    prev = text.rfind("\n", 0, line_start - 1) + 1
    return not text[prev:line_start].strip()


def _skip_blank_lines(text: str, pos: int) -> int:
    while pos < len(text):
        nxt = _line_end(text, pos)
        if text[pos:nxt].strip():
            break
        pos = nxt
    return pos


def _skip_blank_lines_back(text: str, pos: int) -> int:
    """Move a line-start offset back over the blank lines before it."""
    while pos > 0:
        prev = text.rfind("\n", 0, pos - 1) + 1
        if text[prev:pos].strip():
            break
        pos = prev
    return pos


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One document's corpus data as seen by ``check_corpus``."""

    path: str
    doc_id: str
    title: str | None
    data: Any


class CorpusContext:
    """Reporting for corpus rules: each finding belongs to one entry's document."""

    def __init__(self, rule: Rule, severity: str, severities: Mapping[tuple[str, str], str] | None = None) -> None:
        self.rule = rule
        self.severity = severity
        #: Per document (path, doc_id): the severity its own config gives the rule, when configs differ.
        self.severities: Mapping[tuple[str, str], str] = severities or {}
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
            severity=severity or self.severities.get((entry.path, entry.doc_id), self.severity),
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
