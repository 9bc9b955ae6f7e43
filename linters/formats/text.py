"""``--format text`` (the default): one line per finding, like compilers and ruff print them.

``path:line:col: CODE rule severity: message`` keeps the ``path:line:col:``
prefix editors and CI problem matchers already understand. Related places and
the offered fix follow, indented. Article text can contain anything, so
control characters are neutralised before they reach a terminal.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import ClassVar

from linters.document import Location
from linters.formats.base import FormatOptions, summary_sentence
from linters.report import ErrorEntry, Finding, Report

__all__ = ["TextFormatter"]

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_CYAN = "\x1b[36m"
_GREEN = "\x1b[32m"


def clean(text: str) -> str:
    """One terminal line: newlines become spaces, other control characters become U+FFFD."""
    return _CONTROL_RE.sub("\ufffd", _NEWLINE_RE.sub(" ", text))


class _Paint:
    """Wraps text in ANSI codes only when colour is on."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *codes: str) -> str:
        if not self.enabled or not codes:
            return text
        return "".join(codes) + text + _RESET


def position(path: str, loc: Location) -> str:
    return f"{clean(path)}:{loc.line}:{loc.column}"


def _finding_lines(finding: Finding, paint: _Paint) -> list[str]:
    colour = _COLOURS.get(finding.severity, "")
    where = "" if not finding.location.field else f" (in {clean(finding.location.field)})"
    head = (
        f"{paint(position(finding.path, finding.location), _BOLD)}: "
        f"{paint(finding.code, _BOLD, colour)} {finding.rule} "
        f"{paint(finding.severity + ':', colour)} {clean(finding.message)}{where}"
    )
    lines = [head]
    for rel in finding.related:
        lines.append(paint(f"  {position(rel.path or finding.path, rel.location)}: {clean(rel.message)}", _DIM))
    if finding.fix is not None:
        lines.append(f"  {paint(f'fix ({finding.fix.safety}):', _CYAN)} {clean(finding.fix.description)}")
    return lines


def _error_line(error: ErrorEntry, paint: _Paint) -> str:
    return (
        f"{paint(clean(error.path), _BOLD)}: {paint(f'error[{error.kind}]:', _COLOURS['error'])} {clean(error.message)}"
    )


def statistics_table(findings: list[Finding]) -> list[str]:
    """Per-rule counts, most frequent first (ties by code), as ``ruff --statistics`` prints them."""
    counts = Counter((f.code, f.rule) for f in findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not rows:
        return []
    width = max(len(str(n)) for _, n in rows)
    code_width = max(len(code) for (code, _), _ in rows)
    return [f"{n:>{width}}  {code:<{code_width}}  {rule}" for (code, rule), n in rows]


def _fix_hint(findings: list[Finding]) -> str | None:
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safety == "safe")
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.safety != "safe")
    if not safe and not unsafe:
        return None
    parts = []
    if safe:
        parts.append(f"{safe} fixable with --fix")
    if unsafe:
        parts.append(f"{unsafe} more with --fix --unsafe-fixes")
    return "; ".join(parts) + "."


class TextFormatter:
    name: ClassVar[str] = "text"
    needs_documents: ClassVar[bool] = False

    def format(self, report: Report, options: FormatOptions) -> str:
        report.sort()
        paint = _Paint(options.color)
        findings = report.findings
        lines: list[str] = []
        for finding in findings:
            lines.extend(_finding_lines(finding, paint))
        lines.extend(_error_line(error, paint) for error in report.errors)
        if options.statistics and findings:
            lines.append("")
            lines.extend(statistics_table(findings))
        hint = _fix_hint(findings)
        if lines:
            lines.append("")
        if hint:
            lines.append(hint)
        summary = summary_sentence(report)
        ok = not findings and not report.errors
        lines.append(paint(summary, _BOLD, _GREEN if ok else _COLOURS["error" if report.exit_code() else "warning"]))
        return "\n".join(lines) + "\n"
