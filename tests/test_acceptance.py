"""Acceptance: a directory mixing every input format, the examples, and the all-defects article."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from linters.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"

BUILT_IN = ("duplicate-paragraph", "unrelated-link", "unattributed-assertion", "inconsistent-name")

STORY = [
    "The Brackwater county council approved a new cycle lane on Mill Road on Tuesday.",
    "Council leader Petra Lindqvist said the lane would open in the spring.",
]


def report_schema() -> dict:
    return json.loads(resources.files("linters.schemas").joinpath("report.schema.json").read_text("utf-8"))


def mixed_directory(root: Path) -> dict[str, int]:
    """One article per input format plus one broken file; returns expected documents per file."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "plain.txt").write_text("\n".join(STORY) + "\n", "utf-8")
    (root / "story.md").write_text("---\ntitle: Cycle lane\n---\n\n# Cycle lane\n\n" + "\n\n".join(STORY) + "\n")
    (root / "page.html").write_text(
        "<html><head><title>Cycle lane</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Cycle lane</h1>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article></body></html>"
    )
    wordpress = {
        "id": 41,
        "link": "https://news.invalid/cycle-lane",
        "title": {"rendered": "Cycle lane"},
        "content": {"rendered": "".join(f"<p>{p}</p>" for p in STORY)},
    }
    (root / "wordpress.json").write_text(json.dumps(wordpress, indent=2))
    ans = {
        "_id": "ABC123",
        "type": "story",
        "headlines": {"basic": "Cycle lane"},
        "content_elements": [{"type": "text", "content": p} for p in STORY],
    }
    (root / "arc.json").write_text(json.dumps(ans, indent=2))
    (root / "generic.json").write_text(json.dumps({"id": "g1", "title": "Cycle lane", "body": "\n\n".join(STORY)}))
    lines = [json.dumps({"id": f"a{i}", "title": f"Story {i}", "body": STORY[i]}) for i in range(2)]
    (root / "archive.jsonl").write_text("\n".join(lines) + "\n")
    (root / "broken.json").write_text('{"id": "x", "title": "Broken", "body": "unterminated\n')
    return {
        "plain.txt": 1,
        "story.md": 1,
        "page.html": 1,
        "wordpress.json": 1,
        "arc.json": 1,
        "generic.json": 1,
        "archive.jsonl": 2,
    }


def test_mixed_formats_report_is_schema_valid_with_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = mixed_directory(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "content", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    jsonschema.validate(report, report_schema())
    assert code == 2
    [error] = report["errors"]
    assert Path(error["path"]).name == "broken.json" and error["kind"] == "input"
    per_file: dict[str, int] = {}
    for doc in report["documents"]:
        per_file[Path(doc["path"]).name] = per_file.get(Path(doc["path"]).name, 0) + 1
    assert per_file == expected
    assert report["summary"]["documents"] == sum(expected.values())
    formats = {Path(d["path"]).name: d["format"] for d in report["documents"]}
    assert formats["story.md"] == "markdown" and formats["page.html"] == "html"
    assert formats["wordpress.json"] == formats["arc.json"] == "json"


def test_every_example_article_shows_its_defect(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(EXAMPLES), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["errors"] == []
    shown: dict[str, set[str]] = {}
    for doc in report["documents"]:
        # "unrelated-link.md", "unrelated-link.wordpress.json", or a JSONL record with id "unrelated-link"
        archive = doc["path"].endswith(".jsonl")
        name = doc["id"] if archive else Path(doc["path"]).name.split(".")[0]
        if name in BUILT_IN:
            assert name in {f["rule"] for f in doc["findings"]}, (doc["path"], doc["id"])
            shown.setdefault(name, set()).add("jsonl" if archive else doc["format"])
    assert shown == {name: {"text", "markdown", "html", "json", "jsonl"} for name in BUILT_IN}


def test_all_defects_article_is_caught_and_explained(capsys: pytest.CaptureFixture[str]) -> None:
    """A fictional article with the seed's four defects: each is found, once, with its explanation."""
    code = main(["check", str(EXAMPLES / "harbour-talks.txt"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    findings = report["documents"][0]["findings"]
    by_rule: dict[str, list[dict]] = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)

    # 1. the body pasted twice: ONE finding spanning the second copy, pointing at the first
    [dup] = [f for f in by_rule["duplicate-paragraph"] if f["severity"] == "error"]
    assert (dup["location"]["line"], dup["location"]["end_line"]) == (9, 15)
    assert dup["related"][0]["location"]["line"] == 2

    # 2. the four unrelated teasers, not the header, not the body
    teaser_lines = sorted(f["location"]["line"] for f in by_rule["unrelated-link"])
    assert teaser_lines == [18, 20, 22, 24]

    # 3. the unsourced military claim and the hedge (first copy; the second copy is the duplicate)
    unattributed = {(f["location"]["line"], f["evidence"]["kind"]) for f in by_rule["unattributed-assertion"]}
    assert {(7, "hedge"), (8, "claim")} <= unattributed
    assert all(line in (7, 8, 14, 15) for line, _ in unattributed)

    # 4. Rautavaara vs Rautavara; "Sarnhold (Old Sarn)" is a declared alias
    names = by_rule["inconsistent-name"]
    assert {f["location"]["line"] for f in names} == {1}
    assert all("Sarn" not in f["message"] for f in names)
