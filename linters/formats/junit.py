"""``--format junit``: JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``testsuite`` per document, one failing ``testcase`` per finding, a single
passing ``testcase`` for a clean document, and ``<error>`` test cases for files
that could not be checked. ``xml.etree`` does the escaping; characters XML 1.0
cannot carry at all (most C0 controls) are replaced first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import ClassVar

from linters.formats.base import FormatOptions
from linters.report import DocumentResult, ErrorEntry, Finding, Report

__all__ = ["JunitFormatter"]

_INVALID_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _INVALID_XML_RE.sub("\ufffd", text)


def _suite_name(doc: DocumentResult) -> str:
    return doc.path if doc.id == doc.path else f"{doc.path} [{doc.id}]"


def _failure_body(finding: Finding) -> str:
    loc = finding.location
    lines = [
        f"{finding.path}:{loc.line}:{loc.column}: {finding.code} {finding.rule} {finding.severity}: {finding.message}"
    ]
    if loc.field:
        lines.append(f"field: {loc.field}")
    for rel in finding.related:
        lines.append(f"  {rel.path or finding.path}:{rel.location.line}:{rel.location.column}: {rel.message}")
    if finding.fix is not None:
        lines.append(f"fix ({finding.fix.safety}): {finding.fix.description}")
    return xml_text("\n".join(lines))


def _suite(name: str, tests: int, failures: int, errors: int) -> ET.Element:
    return ET.Element(
        "testsuite", {"name": xml_text(name), "tests": str(tests), "failures": str(failures), "errors": str(errors)}
    )


def _testcase(suite: ET.Element, name: str, classname: str, **extra: str) -> ET.Element:
    attrs = {"name": xml_text(name), "classname": xml_text(classname), **{k: xml_text(v) for k, v in extra.items()}}
    return ET.SubElement(suite, "testcase", attrs)


def document_suite(doc: DocumentResult) -> ET.Element:
    name = _suite_name(doc)
    suite = _suite(name, max(1, len(doc.findings)), len(doc.findings), 0)
    if not doc.findings:
        _testcase(suite, "no findings", name, file=doc.path)
    for finding in doc.findings:
        loc = finding.location
        case = _testcase(
            suite,
            f"{finding.code} {finding.rule} at {loc.line}:{loc.column}",
            name,
            file=finding.path,
            line=str(loc.line),
        )
        failure = ET.SubElement(
            case, "failure", {"message": xml_text(finding.message), "type": f"{finding.severity} {finding.rule}"}
        )
        failure.text = _failure_body(finding)
    return suite


def errors_suite(path: str, errors: list[ErrorEntry]) -> ET.Element:
    suite = _suite(path, len(errors), 0, len(errors))
    for error in errors:
        case = _testcase(suite, f"{error.kind} error", path, file=path)
        element = ET.SubElement(case, "error", {"message": xml_text(error.message), "type": error.kind})
        element.text = xml_text(f"{path}: error[{error.kind}]: {error.message}")
    return suite


class JunitFormatter:
    name: ClassVar[str] = "junit"
    needs_documents: ClassVar[bool] = False

    def format(self, report: Report, options: FormatOptions) -> str:
        report.sort()
        suites = [document_suite(doc) for doc in report.documents]
        by_path: dict[str, list[ErrorEntry]] = defaultdict(list)
        for error in report.errors:
            by_path[error.path].append(error)
        suites.extend(errors_suite(path, errors) for path, errors in sorted(by_path.items()))
        root = ET.Element(
            "testsuites",
            {
                "name": "copydesk",
                "tests": str(sum(int(s.get("tests", "0")) for s in suites)),
                "failures": str(sum(int(s.get("failures", "0")) for s in suites)),
                "errors": str(sum(int(s.get("errors", "0")) for s in suites)),
            },
        )
        root.extend(suites)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
