"""apply_fixes on reports: JSON/JSONL write-back, overlaps, stale files, re-lint until nothing is left."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linters.document import Location
from linters.engine import Engine, InputItem, RunOptions
from linters.fixes import apply_fixes
from linters.report import DocumentResult, Edit, Finding, Fix, Report

HERE = Location(1, 1, 1, 1)


def finding(rule: str, edits: list[tuple[int, int, str]], *, safe: bool = True, path: str = "x") -> Finding:
    fix = Fix(f"fix {rule}", tuple(Edit(s, e, c) for s, e, c in edits), "safe" if safe else "unsafe")
    return Finding(rule, "XT001", "warning", "msg", HERE, path, path, fix=fix, fingerprint=rule)


def report_for(path: Path, source: str, findings: list[Finding], fmt: str = "text", line_offset: int = 0) -> Report:
    doc = DocumentResult(str(path), str(path), None, fmt, findings, source=source, line_offset=line_offset)
    return Report("test", [doc])


def test_json_field_edit_is_json_escaped_and_file_stays_valid(tmp_path: Path) -> None:
    story = {"id": "s1", "title": "Tide tables", "content": "The harbour master said teh tide was late."}
    text = json.dumps(story, indent=2, ensure_ascii=False)
    path = tmp_path / "story.json"
    path.write_text(text, "utf-8")
    start = text.index("teh")
    fixed = 'the "spring"\ntide'
    outcome = apply_fixes(
        report_for(path, text, [finding("typo", [(start, start + 8, fixed)])], fmt="json"), unsafe=False, write=True
    )
    assert outcome.errors == [] and outcome.applied == 1
    data = json.loads(path.read_text("utf-8"))
    assert data["content"] == 'The harbour master said the "spring"\ntide was late.'
    assert data["title"] == "Tide tables"


def test_jsonl_records_are_fixed_on_their_own_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "body": "Rain teh whole week."}),
        "{broken record",
        json.dumps({"id": "b", "body": "Sun on teh weekend."}),
    ]
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    docs = []
    for number in (0, 2):
        src = lines[number]
        at = src.index("teh")
        docs.append(
            DocumentResult(
                str(path), f"r{number}", None, "json", [finding(f"t{number}", [(at, at + 3, "the")])], src, number
            )
        )
    outcome = apply_fixes(Report("test", docs), unsafe=False, write=True)
    assert outcome.applied == 2 and outcome.files == [str(path)]
    out = path.read_text("utf-8").split("\n")
    assert json.loads(out[0])["body"] == "Rain the whole week."
    assert out[1] == "{broken record"
    assert json.loads(out[2])["body"] == "Sun on the weekend."


def test_fix_that_would_break_json_is_refused(tmp_path: Path) -> None:
    text = '{"body": "Plain words."}'
    path = tmp_path / "story.json"
    path.write_text(text, "utf-8")
    end_quote = text.rindex('"')
    outcome = apply_fixes(
        report_for(path, text, [finding("bad", [(end_quote, end_quote + 1, "")])], fmt="json"), unsafe=True, write=True
    )
    assert path.read_text("utf-8") == text
    assert outcome.applied == 0 and any("break the JSON" in e for e in outcome.errors)


def test_file_changed_since_lint_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Edited by someone else meanwhile.\n", "utf-8")
    outcome = apply_fixes(
        report_for(path, "Original teh text.\n", [finding("typo", [(9, 12, "the")])]), unsafe=False, write=True
    )
    assert path.read_text("utf-8") == "Edited by someone else meanwhile.\n"
    assert outcome.applied == 0 and outcome.files == []
    assert outcome.errors == [f"{path}: changed since it was linted; not fixed"]


def test_overlaps_resolved_by_position_not_by_report_order(tmp_path: Path) -> None:
    source = "abcdefghij\n"
    path = tmp_path / "a.txt"
    results = []
    for order in (1, -1):
        path.write_text(source, "utf-8")
        fixes = [
            finding("early", [(1, 4, "X")]),  # bcd -> X
            finding("late", [(3, 6, "Y")]),  # def -> Y, overlaps early: left out
            finding("pair", [(5, 6, ""), (8, 9, "Z")]),  # overlaps late only, so accepted once late is out
        ][::order]
        outcome = apply_fixes(report_for(path, source, fixes), unsafe=False, write=True)
        results.append((path.read_text("utf-8"), outcome.applied, outcome.overlapping))
    assert results[0] == results[1] == ("aXeghZj\n", 2, 1)


def test_a_fix_is_all_or_nothing(tmp_path: Path) -> None:
    source = "one two three four\n"
    path = tmp_path / "a.txt"
    path.write_text(source, "utf-8")
    fixes = [
        finding("a", [(0, 3, "1")]),
        finding("b", [(2, 5, "?"), (14, 18, "4")]),  # first edit overlaps "a": the second must not apply either
    ]
    outcome = apply_fixes(report_for(path, source, fixes), unsafe=False, write=True)
    assert path.read_text("utf-8") == "1 two three four\n"
    assert outcome.applied == 1 and outcome.overlapping == 1


def test_two_insertions_at_one_point_do_not_both_apply(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("ab\n", "utf-8")
    fixes = [finding("x", [(1, 1, "X")]), finding("y", [(1, 1, "Y")])]
    apply_fixes(report_for(path, "ab\n", fixes), unsafe=False, write=True)
    assert path.read_text("utf-8") == "aXb\n"


def test_unsafe_fixes_counted_and_skipped_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.txt"
    path.write_text("ab cd\n", "utf-8")
    fixes = [finding("s", [(0, 2, "AB")]), finding("u", [(3, 5, "CD")], safe=False)]
    outcome = apply_fixes(report_for(path, "ab cd\n", fixes), unsafe=False, write=False)
    assert path.read_text("utf-8") == "ab cd\n"  # write=False never touches the file
    assert outcome.summary() == "Would fix 1 finding in 1 file (1 unsafe fix not applied: use --unsafe-fixes)."
    assert outcome.diff == "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-ab cd\n+AB cd\n"


def test_diff_marks_missing_final_newline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.txt"
    path.write_text("last line", "utf-8")
    outcome = apply_fixes(report_for(path, "last line", [finding("x", [(0, 4, "final")])]), unsafe=False, write=False)
    assert outcome.diff == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-last line\n\\ No newline at end of file\n"
        "+final line\n\\ No newline at end of file\n"
    )


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch tool")
@pytest.mark.parametrize(
    ("bom", "source"),
    [
        # U+2028, \f, \v and \x1c are line breaks to str.splitlines but not to patch
        (
            False,
            "Ferry timetable\u2028changes on Monday.\nThe harbour\x0cmaster said teh boats run late.\n\x0bEnd\x1c\n",
        ),
        (True, "Tide tables teh\r\nsecond line\r\nthird line"),
    ],
)
def test_diff_applies_with_patch_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bom: bool, source: str
) -> None:
    monkeypatch.chdir(tmp_path)
    raw = (b"\xef\xbb\xbf" if bom else b"") + source.encode("utf-8")
    (tmp_path / "story.txt").write_bytes(raw)
    start = source.index("teh")
    report = report_for(tmp_path / "story.txt", source, [finding("typo", [(start, start + 3, "the")])])
    outcome = apply_fixes(report, unsafe=False, write=False)
    assert outcome.applied == 1 and (tmp_path / "story.txt").read_bytes() == raw  # a diff writes nothing
    (tmp_path / "fix.diff").write_bytes(outcome.diff.encode("utf-8"))
    done = subprocess.run(["patch", "-p1", "-i", "fix.diff"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "story.txt").read_bytes() == raw.replace(b"teh", b"the")


def test_summary_when_nothing_to_do() -> None:
    outcome = apply_fixes(Report("test", []), unsafe=False, write=True)
    assert outcome.summary() == "No fixes applied."
    assert (outcome.applied, outcome.files, outcome.diff, outcome.errors) == (0, [], "", [])


COLLAPSE = '''\
"""Collapses doubled exclamation marks one pair at a time: its fixes overlap on '!!!'."""

import re

from linters import Rule, hookimpl


class Bang(Rule):
    """Bang.

    ## What it does
    Test.

    ## Why is this bad?
    Test.

    ## Example
    Test.

    ## Options
    None.
    """

    code = "XT201"
    name = "test-bang"
    summary = "doubled exclamation marks"
    fixable = "safe"

    def check(self, doc, ctx):
        for block in doc.blocks:
            for m in re.finditer(r"(?=!!)", block.text):
                span = block.span(m.start(), m.start() + 2)
                ctx.report(span, "one is enough", fix=ctx.fix("drop one", [ctx.replace(span, "!")], safe=True))


@hookimpl
def copydesk_add_rules():
    return [Bang]
'''


def test_relint_repeats_until_nothing_is_left(tmp_path: Path) -> None:
    (tmp_path / "bang.py").write_text(COLLAPSE, "utf-8")
    config = tmp_path / "copydesk.yaml"
    config.write_text("plugins: [./bang.py]\nselect: [test-bang]\n", "utf-8")
    path = tmp_path / "a.txt"
    options = RunOptions(config_path=config, keep_documents=True)

    def lint() -> Report:
        return Engine(options).run([str(path)])

    def relint(items: list[InputItem]) -> Report:
        return Engine(options).run_items(items)

    path.write_text("What a goal!!!!\n", "utf-8")
    single = apply_fixes(lint(), unsafe=False, write=True)
    assert path.read_text("utf-8") == "What a goal!!\n"  # overlapping fixes wait for another pass
    assert single.overlapping == 1

    path.write_text("What a goal!!!!\n", "utf-8")
    outcome = apply_fixes(lint(), unsafe=False, write=True, relint=relint)
    assert path.read_text("utf-8") == "What a goal!\n"
    assert outcome.applied == 3 and outcome.files == [str(path)]
    assert apply_fixes(lint(), unsafe=False, write=True, relint=relint).applied == 0


@st.composite
def fix_sets(draw: st.DrawFn) -> list[list[tuple[int, int, str]]]:
    fixes = []
    for _ in range(draw(st.integers(1, 12))):
        edits = []
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.integers(0, 20))
            edits.append((start, start + draw(st.integers(0, 4)), draw(st.sampled_from(["", "#", "@@"]))))
        fixes.append(edits)
    return fixes


def _reference(source: str, fixes: list[list[tuple[int, int, str]]]) -> str:
    """The documented policy, written the slow and obvious way."""

    def clash(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
        return (a[0] == a[1] == b[0] == b[1]) or (a[0] < b[1] and b[0] < a[1])

    order = sorted(
        ((min(e[0] for e in f), max(e[1] for e in f), f"r{i:02d}", sorted(f)) for i, f in enumerate(fixes)),
        key=lambda c: c[:3],
    )

    def merges(e: tuple[int, int, str], with_: list[tuple[int, int, str]]) -> bool:
        """An edit fits, or is a deletion overlapping only real deletions (it removes their union)."""
        hits = [t for t in with_ if clash(e, t)]
        return not hits or (e[2] == "" and all(t[2] == "" and t[0] != t[1] for t in hits))

    taken: list[tuple[int, int, str]] = []
    for *_, edits in order:
        if any(clash(x, y) for i, x in enumerate(edits) for y in edits[i + 1 :]):
            continue
        if edits in [taken[i : i + len(edits)] for i in range(len(taken))]:
            continue
        if all(merges(e, taken) for e in edits):
            for e in edits:
                hits = [t for t in taken if clash(e, t)]
                taken = [t for t in taken if t not in hits]
                taken.append((min([e[0], *(t[0] for t in hits)]), max([e[1], *(t[1] for t in hits)]), e[2]))
            taken.sort()
    out = source
    for start, end, content in sorted(taken, reverse=True):
        out = out[:start] + content + out[end:]
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fixes=fix_sets(), seed=st.randoms())
def test_overlap_resolution_matches_the_policy_in_any_report_order(
    tmp_path: Path, fixes: list[list[tuple[int, int, str]]], seed: Any
) -> None:
    source = "abcdefghijklmnopqrstuvwxyz\n"
    path = tmp_path / "prop.txt"
    findings = [finding(f"r{i:02d}", edits) for i, edits in enumerate(fixes)]
    seed.shuffle(findings)
    path.write_text(source, "utf-8")
    apply_fixes(report_for(path, source, findings), unsafe=False, write=True)
    assert path.read_text("utf-8") == _reference(source, fixes)
