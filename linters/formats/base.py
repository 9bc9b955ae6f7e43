"""The formatter contract and helpers shared by the built-in formatters.

A formatter turns a finished :class:`~linters.report.Report` into the text the
CLI writes to stdout or ``--output``. Formatters are pure: same report and
options, same bytes, so CI diffs and caches stay stable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from linters.report import SEVERITIES, Finding, Report

if TYPE_CHECKING:
    from linters.rule import Rule

__all__ = [
    "FormatOptions",
    "Formatter",
    "plural",
    "rule_class",
    "severity_counts",
    "summary_sentence",
    "tool_version",
]


@dataclass
class FormatOptions:
    """What the CLI tells a formatter besides the report itself."""

    #: Registered rule classes by rule name (code, summary, documentation, default severity).
    rules: Mapping[str, type[Rule]] = field(default_factory=dict)
    #: ``--statistics``: append per-rule counts (text format).
    statistics: bool = False
    #: ANSI colour (text format only; the CLI sets it only when stdout is a terminal).
    color: bool = False
    tool_version: str = ""


@runtime_checkable
class Formatter(Protocol):
    """An output format. ``needs_documents`` asks the engine for source text and blocks."""

    name: ClassVar[str]
    needs_documents: ClassVar[bool]

    def format(self, report: Report, options: FormatOptions) -> str: ...


def tool_version(report: Report, options: FormatOptions) -> str:
    """The version to print: the CLI's word first, then what the report carries."""
    return options.tool_version or report.tool_version


def rule_class(options: FormatOptions, finding: Finding) -> type[Rule] | None:
    """The registered class of a finding's rule, if the CLI passed it."""
    return options.rules.get(finding.rule)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 error`` / ``2 errors`` (``many`` for irregular plurals)."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or word + 's'}"


_SEVERITY_WORDS = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info")}


def severity_counts(findings: list[Finding]) -> str:
    """``1 error, 2 warnings`` (most severe first, zero counts left out)."""
    counts = Counter(f.severity for f in findings)
    parts = []
    for severity in (*reversed(SEVERITIES), *sorted(set(counts) - set(SEVERITIES))):
        if counts[severity]:
            one, many = _SEVERITY_WORDS.get(severity, (severity, severity + "s"))
            parts.append(plural(counts[severity], one, many))
    return ", ".join(parts)


_ERROR_PHRASES = {
    "input": ("file could not be read", "files could not be read"),
    "config": ("configuration error", "configuration errors"),
    "plugin": ("plugin error", "plugin errors"),
    "rule": ("rule crashed", "rule crashes"),
}


def _error_phrase(kind: str, count: int) -> str:
    one, many = _ERROR_PHRASES.get(kind, (f"{kind} error", f"{kind} errors"))
    return f"{count} {one if count == 1 else many}"


def summary_sentence(report: Report) -> str:
    """One line a person reads first: what was found, where, and what could not be checked."""
    findings = report.findings
    total_docs = len(report.documents)
    if findings:
        flagged = sum(1 for d in report.documents if d.findings)
        where = (
            plural(flagged, "document") if flagged == total_docs else f"{flagged} of {plural(total_docs, 'document')}"
        )
        text = f"Found {plural(len(findings), 'finding')} ({severity_counts(findings)}) in {where}"
    elif report.errors:
        text = f"No findings in {plural(total_docs, 'document')}"
    else:
        return f"All checks passed ({plural(total_docs, 'document')})."
    kinds = Counter(e.kind for e in report.errors)
    problems = [_error_phrase(kind, kinds[kind]) for kind in sorted(kinds)]
    return text + ("; " + "; ".join(problems) if problems else "") + "."
