"""``--format sarif``: SARIF 2.1.0 for code-scanning upload (GitHub, GitLab, Azure DevOps).

One run, one result per finding. Rule metadata (code, name, summary, the
ruff-style documentation) goes to ``tool.driver.rules`` so the code-scanning
UI can show "why is this bad" next to each alert; the finding fingerprint goes
to ``partialFingerprints`` so alerts survive edits elsewhere in the file.
Columns are Unicode code points (``columnKind``), which is what copydesk counts.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

from linters.document import Location
from linters.formats.base import FormatOptions, tool_version
from linters.report import Edit, ErrorEntry, Finding, Fix, Related, Report

__all__ = ["SARIF_SCHEMA_URI", "SarifFormatter"]

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "copydeskFingerprint/v1"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def level(severity: str) -> str:
    return _LEVELS.get(severity, "warning")


def information_uri() -> str | None:
    """The project's home page from the installed distribution's metadata, when it declares one."""
    try:
        meta = metadata.metadata("copydesk")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source", "documentation"):
            return url.strip()
    home = meta.get("Home-page")
    return home.strip() if home and home.strip() != "UNKNOWN" else None


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path becomes a ``%SRCROOT%``-based URI; one outside the working tree a file URI."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return {"uri": candidate.as_uri()}
    return {"uri": quote(candidate.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def region(loc: Location) -> dict[str, int]:
    return {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}


def physical_location(path: str, loc: Location) -> dict[str, Any]:
    out: dict[str, Any] = {"physicalLocation": {"artifactLocation": artifact_location(path), "region": region(loc)}}
    if loc.field:
        out["logicalLocations"] = [{"fullyQualifiedName": loc.field, "kind": "value"}]
    return out


def rule_descriptor(name: str, code: str, rule: Any) -> dict[str, Any]:
    """``reportingDescriptor`` for a rule; a rule the CLI did not pass gets id and name only."""
    out: dict[str, Any] = {"id": code, "name": name}
    if rule is None:
        return out
    docs = rule.documentation()
    out["shortDescription"] = {"text": rule.summary}
    out["fullDescription"] = {"text": docs, "markdown": docs}
    out["help"] = {"text": docs, "markdown": docs}
    out["defaultConfiguration"] = {"level": level(rule.default_severity)}
    properties: dict[str, Any] = {}
    if getattr(rule, "tags", ()):
        properties["tags"] = sorted(rule.tags)
    if getattr(rule, "fixable", None):
        properties["fixable"] = rule.fixable
    if properties:
        out["properties"] = properties
    return out


def _replacement(edit: Edit) -> dict[str, Any]:
    deleted = (
        region(edit.location)
        if edit.location is not None
        else {"charOffset": edit.start, "charLength": max(0, edit.end - edit.start)}
    )
    return {"deletedRegion": deleted, "insertedContent": {"text": edit.content}}


def sarif_fix(path: str, fix: Fix) -> dict[str, Any]:
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {"artifactLocation": artifact_location(path), "replacements": [_replacement(e) for e in fix.edits]}
        ],
        "properties": {"safety": fix.safety},
    }


def _related(index: int, rel: Related, default_path: str) -> dict[str, Any]:
    out = {"id": index, **physical_location(rel.path or default_path, rel.location)}
    out["message"] = {"text": rel.message}
    return out


def sarif_result(finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [physical_location(finding.path, finding.location)],
    }
    if finding.related:
        result["relatedLocations"] = [_related(i, r, finding.path) for i, r in enumerate(finding.related, 1)]
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.fix is not None:
        result["fixes"] = [sarif_fix(finding.path, finding.fix)]
    properties: dict[str, Any] = {"rule": finding.rule, "severity": finding.severity}
    if finding.evidence:
        properties["evidence"] = json.loads(json.dumps(finding.evidence, default=str))
    result["properties"] = properties
    return result


def notification(error: ErrorEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "level": "error",
        "message": {"text": f"{error.kind} error: {error.message}"},
        "properties": {"kind": error.kind},
    }
    if error.path:
        out["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(error.path)}}]
    return out


def _rules_table(report: Report, options: FormatOptions) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every registered rule (by code), plus any rule that reported without being registered."""
    known: dict[str, tuple[str, Any]] = {cls.code: (name, cls) for name, cls in options.rules.items()}
    for finding in report.findings:
        known.setdefault(finding.code, (finding.rule, None))
    descriptors, index = [], {}
    for i, code in enumerate(sorted(known)):
        name, cls = known[code]
        descriptors.append(rule_descriptor(name, code, cls))
        index[code] = i
    return descriptors, index


class SarifFormatter:
    name: ClassVar[str] = "sarif"
    needs_documents: ClassVar[bool] = False

    def format(self, report: Report, options: FormatOptions) -> str:
        return json.dumps(self.log(report, options), indent=2, ensure_ascii=False) + "\n"

    def log(self, report: Report, options: FormatOptions) -> dict[str, Any]:
        """The SARIF log as a dict (tests and plugins can post-process it)."""
        report.sort()
        rules, index = _rules_table(report, options)
        driver: dict[str, Any] = {"name": "copydesk", "version": tool_version(report, options)}
        uri = information_uri()
        if uri:
            driver["informationUri"] = uri
        driver["rules"] = rules
        run: dict[str, Any] = {
            "tool": {"driver": driver},
            "invocations": [
                {
                    "executionSuccessful": not report.errors,
                    "toolExecutionNotifications": [notification(e) for e in report.errors],
                }
            ],
            "columnKind": "unicodeCodePoints",
            "results": [sarif_result(f, index[f.code]) for f in report.findings],
        }
        return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}
