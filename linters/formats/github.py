"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message``; warning
and notice for lower severities. Escaping follows the Actions toolkit: in the
message ``%``, CR and LF are percent-encoded; in property values ``:`` and
``,`` are too, so an article path or message can never end the command early.
"""

from __future__ import annotations

from typing import ClassVar

from linters.formats.base import FormatOptions
from linters.report import ErrorEntry, Finding, Report

__all__ = ["GithubFormatter", "escape_data", "escape_property"]

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}"


def _message(finding: Finding) -> str:
    lines = [finding.message]
    for rel in finding.related:
        loc = rel.location
        lines.append(f"{rel.message}: {rel.path or finding.path}:{loc.line}:{loc.column}")
    if finding.fix is not None:
        lines.append(f"Fix ({finding.fix.safety}): {finding.fix.description}")
    return "\n".join(lines)


def annotation(finding: Finding) -> str:
    loc = finding.location
    props: dict[str, object] = {"file": finding.path, "line": loc.line}
    if loc.line == loc.end_line:  # GitHub honours columns only on single-line annotations
        props.update(col=loc.column, endLine=loc.end_line, endColumn=loc.end_column)
    else:
        props["endLine"] = loc.end_line
    props["title"] = f"{finding.code} {finding.rule}"
    return command(_COMMANDS.get(finding.severity, "warning"), props, _message(finding))


def error_annotation(error: ErrorEntry) -> str:
    props: dict[str, object] = {"file": error.path} if error.path else {}
    props["title"] = f"copydesk {error.kind} error"
    return command("error", props, error.message)


class GithubFormatter:
    name: ClassVar[str] = "github"
    needs_documents: ClassVar[bool] = False

    def format(self, report: Report, options: FormatOptions) -> str:
        report.sort()
        lines = [annotation(f) for f in report.findings]
        lines.extend(error_annotation(e) for e in report.errors)
        return "".join(line + "\n" for line in lines)
