"""Findings, fixes and the run report (the JSON report contract lives here).

A finding's fingerprint identifies "the same problem" across runs: it hashes
the rule, the document id and the normalised flagged text (plus an ordinal for
identical repeats), never line numbers, so editing another paragraph leaves
the fingerprints of untouched findings unchanged (baselines rely on this).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from linters.document import Location

__all__ = [
    "SEVERITIES",
    "DocumentResult",
    "Edit",
    "ErrorEntry",
    "Finding",
    "Fix",
    "Related",
    "Report",
    "assign_fingerprints",
    "severity_rank",
]

SEVERITIES = ("info", "warning", "error")
Severity = Literal["info", "warning", "error"]


def severity_rank(severity: str) -> int:
    """info < warning < error; unknown severities rank lowest."""
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        return -1


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` of the document's source text with ``content``."""

    start: int
    end: int
    content: str
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start_offset": self.start,
            "end_offset": self.end,
            "content": self.content,
            "location": self.location.to_dict() if self.location else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edit:
        loc = data.get("location")
        return cls(
            data["start_offset"],
            data["end_offset"],
            data["content"],
            Location(**loc) if loc else None,
        )


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that repair one finding. ``safety`` is "safe" or "unsafe" (as in ruff)."""

    description: str
    edits: tuple[Edit, ...]
    safety: Literal["safe", "unsafe"] = "unsafe"

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "safety": self.safety,
            "edits": [e.to_dict() for e in self.edits],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fix:
        return cls(data["description"], tuple(Edit.from_dict(e) for e in data["edits"]), data["safety"])


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a finding (the first copy, the majority spelling).

    ``path`` is set only when that place is in another document (corpus rules).
    """

    message: str
    location: Location
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"message": self.message, "location": self.location.to_dict()}
        if self.path is not None:
            out["path"] = self.path
        return out


@dataclass(slots=True)
class Finding:
    rule: str
    code: str
    severity: str
    message: str
    location: Location
    path: str
    doc_id: str
    flagged_text: str = ""
    related: list[Related] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    fingerprint: str = ""

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (self.path, loc.line, loc.column, self.rule, loc.end_line, loc.end_column, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "related": [r.to_dict() for r in self.related],
            "evidence": self.evidence,
            "fix": self.fix.to_dict() if self.fix else None,
            "fingerprint": self.fingerprint,
        }


_SPACE_RE = re.compile(r"\s+")


def _normalise(text: str) -> str:
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def assign_fingerprints(findings: list[Finding]) -> None:
    """Give each finding a stable fingerprint (rule + doc id + flagged text + ordinal)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for f in sorted(findings, key=Finding.sort_key):
        key = (f.rule, f.doc_id, _normalise(f.flagged_text or f.message))
        ordinal = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(ordinal))).encode("utf-8")).hexdigest()
        f.fingerprint = digest[:16]


@dataclass(slots=True)
class ErrorEntry:
    """Something that stopped part of the run: kind is input, config, plugin or rule."""

    path: str
    kind: Literal["input", "config", "plugin", "rule"]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "message": self.message}

    def sort_key(self) -> tuple[str, str, str]:
        return (self.path, self.kind, self.message)


@dataclass(slots=True)
class DocumentResult:
    """What linting one document produced (picklable, so --jobs can ship it back)."""

    path: str
    id: str
    title: str | None
    format: str
    findings: list[Finding] = field(default_factory=list)
    source: str | None = None
    line_offset: int = 0
    blocks: list[dict[str, Any]] | None = None
    #: position among the documents of its file (records of a JSON array or JSONL archive)
    order: int = 0
    #: ``fail-on`` of the config that applies to this document (None: the default)
    fail_on: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "id": self.id,
            "title": self.title,
            "format": self.format,
            "findings": [f.to_dict() for f in sorted(self.findings, key=Finding.sort_key)],
        }


@dataclass(slots=True)
class Report:
    tool_version: str
    documents: list[DocumentResult] = field(default_factory=list)
    errors: list[ErrorEntry] = field(default_factory=list)
    #: ``--fail-on`` from the command line: overrides every document's config
    fail_on: str | None = None
    #: findings a ``--baseline`` accepted (kept so ``--write-baseline`` can rewrite the same file)
    baselined: list[Finding] = field(default_factory=list)

    def sort(self) -> None:
        self.documents.sort(key=lambda d: (d.path, d.order, d.line_offset, d.id))
        for doc in self.documents:
            doc.findings.sort(key=Finding.sort_key)
        self.errors.sort(key=ErrorEntry.sort_key)

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]

    def summary(self) -> dict[str, Any]:
        findings = self.findings
        by_severity = Counter(f.severity for f in findings)
        by_rule = Counter(f.rule for f in findings)
        return {
            "documents": len(self.documents),
            "findings": len(findings),
            "by_severity": {s: by_severity.get(s, 0) for s in reversed(SEVERITIES)},
            "by_rule": dict(sorted(by_rule.items())),
        }

    def failing(self) -> bool:
        """A finding reaches fail-on: the command line's, else its own document's config's, else warning."""
        for doc in self.documents:
            threshold = severity_rank(self.fail_on or doc.fail_on or "warning")
            if any(severity_rank(f.severity) >= threshold for f in doc.findings):
                return True
        return False

    def exit_code(self) -> int:
        """0 clean, 1 findings at or above fail-on, 2 any error entry (errors win)."""
        if self.errors:
            return 2
        return 1 if self.failing() else 0

    def to_dict(self) -> dict[str, Any]:
        self.sort()
        return {
            "schema_version": "1",
            "tool": {"name": "copydesk", "version": self.tool_version},
            "summary": self.summary(),
            "documents": [d.to_dict() for d in self.documents],
            "errors": [e.to_dict() for e in self.errors],
        }
