"""The CLI in the places it runs: `check --fix/--diff/--unsafe-fixes` rewriting files on disk,
and the GitHub Action and GitLab CI job scripts that drive `copydesk check`."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml

from linters.cli import main

# A local plugin (registered through `plugins:` in the config) with one safe and one unsafe fix,
# and a safe fix that removes a whole paragraph, so overlaps and safety are exercised without
# depending on the built-in rules.
PLUGIN = '''\
"""Test rules with fixes: a typo (safe), a doubled intensifier (unsafe), a drop marker (safe, whole block)."""

import re

from linters import Document, Rule, RuleContext, hookimpl


class _Doc:
    """Test rule.

    ## What it does
    Test.

    ## Why is this bad?
    Test.

    ## Example
    Test.

    ## Options
    None.
    """


class Typo(_Doc, Rule):
    code = "XT101"
    name = "test-typo"
    summary = "teh for the"
    default_severity = "warning"
    fixable = "safe"

    def check(self, doc: Document, ctx: RuleContext) -> None:
        for block in doc.body_blocks():
            for m in re.finditer(r"\\bteh\\b", block.text):
                span = block.span(m.start(), m.end())
                ctx.report(span, "typo", fix=ctx.fix("replace with 'the'", [ctx.replace(span, "the")], safe=True))


class Doubled(_Doc, Rule):
    code = "XT102"
    name = "test-doubled"
    summary = "very very"
    default_severity = "warning"
    fixable = "unsafe"

    def check(self, doc: Document, ctx: RuleContext) -> None:
        for block in doc.body_blocks():
            for m in re.finditer(r"\\bvery very\\b", block.text):
                span = block.span(m.start(), m.end())
                ctx.report(span, "doubled", fix=ctx.fix("keep one 'very'", [ctx.replace(span, "very")]))


class Drop(_Doc, Rule):
    code = "XT103"
    name = "test-drop"
    summary = "paragraphs marked DROP: must go"
    default_severity = "error"
    fixable = "safe"

    def check(self, doc: Document, ctx: RuleContext) -> None:
        for block in doc.body_blocks():
            if block.text.startswith("DROP:"):
                ctx.report(block, "drop it", fix=ctx.fix("delete paragraph", ctx.delete_blocks([block]), safe=True))


@hookimpl
def copydesk_add_rules():
    return [Typo, Doubled, Drop]
'''

# one paragraph per line, as CMS text exports are
ARTICLE = """\
Lighthouse keepers return to Skerry Point
The old lamp at Skerry Point was lit again on Saturday after teh restoration.
DROP: Editors, teh photo credit is still missing.
Volunteers said the work was very very slow because of winter storms.
The harbour trust will open the tower to visitors in May.
"""

FIXED_SAFE = """\
Lighthouse keepers return to Skerry Point
The old lamp at Skerry Point was lit again on Saturday after the restoration.
Volunteers said the work was very very slow because of winter storms.
The harbour trust will open the tower to visitors in May.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "fixrules.py").write_text(PLUGIN, "utf-8")
    (tmp_path / "copydesk.yaml").write_text(
        "plugins: [./fixrules.py]\nselect: [test-typo, test-doubled, test-drop]\n", "utf-8"
    )
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "lighthouse.txt").write_text(ARTICLE, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_fix_applies_safe_fixes_only_and_reports_the_rest(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = project / "news" / "lighthouse.txt"
    code, out, err = check(["--fix", "news"], capsys)
    assert article.read_text("utf-8") == FIXED_SAFE
    assert "Fixed 2 findings in 1 file (1 unsafe fix not applied: use --unsafe-fixes)." in err
    # the report printed after fixing shows only what is left: the unsafe one
    assert "test-doubled" in out and "test-typo" not in out and "test-drop" not in out
    assert code == 1


def test_fix_twice_changes_nothing_the_second_time(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = project / "news" / "lighthouse.txt"
    check(["--fix", "news"], capsys)
    first = article.read_bytes()
    _, _, err = check(["--fix", "news"], capsys)
    assert article.read_bytes() == first
    assert "No fixes applied" in err


def test_unsafe_fixes_on_request(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = project / "news" / "lighthouse.txt"
    code, _, err = check(["--fix", "--unsafe-fixes", "news"], capsys)
    assert article.read_text("utf-8") == FIXED_SAFE.replace("very very slow", "very slow")
    assert "Fixed 3 findings in 1 file." in err
    assert code == 0
    assert check(["--fix", "--unsafe-fixes", "news"], capsys)[0] == 0
    assert article.read_text("utf-8") == FIXED_SAFE.replace("very very slow", "very slow")


def test_diff_prints_unified_diff_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = project / "news" / "lighthouse.txt"
    code, out, err = check(["--diff", "news"], capsys)
    assert article.read_text("utf-8") == ARTICLE
    assert out.startswith("--- a/news/lighthouse.txt\n+++ b/news/lighthouse.txt\n@@ ")
    assert "-DROP: Editors, teh photo credit is still missing.\n" in out
    assert "+The old lamp at Skerry Point was lit again on Saturday after the restoration.\n" in out
    assert "very very" not in "".join(line for line in out.splitlines() if line.startswith(("+", "-")))
    assert "Would fix 2 findings in 1 file" in err
    assert code == 1
    # the diff is deterministic
    assert check(["--diff", "news"], capsys)[1] == out


def test_diff_applies_cleanly_with_patch(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What --diff prints is exactly what --fix writes."""
    if shutil.which("patch") is None:
        pytest.skip("patch(1) not installed")
    _, out, _ = check(["--diff", "--unsafe-fixes", "news"], capsys)
    subprocess.run(["patch", "-p1", "--quiet"], input=out, text=True, check=True, cwd=project)
    patched = (project / "news" / "lighthouse.txt").read_text("utf-8")
    (project / "news" / "lighthouse.txt").write_text(ARTICLE, "utf-8")
    check(["--fix", "--unsafe-fixes", "news"], capsys)
    assert (project / "news" / "lighthouse.txt").read_text("utf-8") == patched


def test_fix_keeps_mode_bom_and_line_endings_and_leaves_no_temp_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = project / "news" / "lighthouse.txt"
    article.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(article, 0o640)
    check(["--fix", "news"], capsys)
    data = article.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"after the restoration.\r\n" in data and b"DROP:" not in data
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert sorted(p.name for p in (project / "news").iterdir()) == ["lighthouse.txt"]


def test_markdown_file_is_fixed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = project / "news" / "keepers.md"
    md.write_text("---\ntitle: Keepers\n---\n\n# Keepers\n\nThey fixed teh lamp.\n\nDROP: note to desk\n", "utf-8")
    check(["--fix", str(md)], capsys)
    assert md.read_text("utf-8") == "---\ntitle: Keepers\n---\n\n# Keepers\n\nThey fixed the lamp.\n"


def test_cms_json_field_is_rewritten_and_stays_valid_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = {"id": "story-7", "title": "Keepers", "body": 'They said "teh lamp" shines.\n\nIt is very very bright.'}
    path = project / "news" / "story.json"
    path.write_text(json.dumps(story, indent=2), "utf-8")
    check(["--fix", "--unsafe-fixes", str(path)], capsys)
    fixed = json.loads(path.read_text("utf-8"))
    assert fixed["body"] == 'They said "the lamp" shines.\n\nIt is very bright.'
    assert fixed["title"] == "Keepers" and fixed["id"] == "story-7"


def test_json_array_of_records_is_fixed_as_one_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [
        {"id": "a", "title": "Ferry", "body": "The ferry left teh harbour late."},
        {"id": "b", "title": "Tram", "body": 'The "new" tram line reopens teh next week.'},
    ]
    path = project / "news" / "export.json"
    path.write_text(json.dumps(records, indent=2), "utf-8")
    check(["--fix", str(path)], capsys)
    fixed = json.loads(path.read_text("utf-8"))
    assert [r["body"] for r in fixed] == [
        "The ferry left the harbour late.",
        'The "new" tram line reopens the next week.',
    ]
    assert check(["--fix", str(path)], capsys)[2].startswith("No fixes applied")


def test_jsonl_archive_fixes_each_record_on_its_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        json.dumps({"id": "1", "title": "Ferry", "body": "The ferry left teh harbour."}),
        "{not a record",
        json.dumps({"id": "2", "title": "Tram", "html": "<p>The tram is very very late.</p><p>teh end</p>"}),
    ]
    path = project / "news" / "archive.jsonl"
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    code, _, err = check(["--fix", "--unsafe-fixes", str(path)], capsys)
    out = path.read_bytes().decode("utf-8").split("\r\n")
    assert json.loads(out[0])["body"] == "The ferry left the harbour."
    assert out[1] == "{not a record"  # a broken line is reported, never touched
    assert json.loads(out[2])["html"] == "<p>The tram is very late.</p><p>the end</p>"
    assert "Fixed 3 findings in 1 file" in err and code == 2  # the broken line is still an input error


def test_wordpress_post_html_field_is_fixed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = {
        "id": 77,
        "title": {"rendered": "Harbour"},
        "content": {"rendered": "<p>The harbour &amp; teh quay reopened.</p>\n<p>DROP: photo needed</p>\n"},
    }
    path = project / "news" / "post.json"
    path.write_text(json.dumps(post), "utf-8")
    check(["--fix", str(path)], capsys)
    fixed = json.loads(path.read_text("utf-8"))
    assert fixed["content"]["rendered"] == "<p>The harbour &amp; the quay reopened.</p>\n\n"
    assert fixed["id"] == 77 and fixed["title"] == {"rendered": "Harbour"}


def test_html_file_is_fixed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "news" / "keepers.html"
    page.write_text(
        "<html><body><article>\n<h1>Keepers</h1>\n<p>Lit after teh restoration &amp; repairs.</p>\n"
        "<p>It was very very slow.</p>\n</article></body></html>\n",
        "utf-8",
    )
    check(["--fix", "--unsafe-fixes", str(page)], capsys)
    assert page.read_text("utf-8") == (
        "<html><body><article>\n<h1>Keepers</h1>\n<p>Lit after the restoration &amp; repairs.</p>\n"
        "<p>It was very slow.</p>\n</article></body></html>\n"
    )


def test_ans_story_elements_are_fixed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = {
        "type": "story",
        "_id": "ANS1",
        "headlines": {"basic": "Keepers"},
        "content_elements": [
            {"type": "text", "content": "The lamp was lit after teh restoration."},
            {"type": "text", "content": "It was <b>very very</b> slow work."},
        ],
    }
    path = project / "news" / "ans.json"
    path.write_text(json.dumps(story, indent=1), "utf-8")
    check(["--fix", "--unsafe-fixes", str(path)], capsys)
    fixed = json.loads(path.read_text("utf-8"))
    assert [e["content"] for e in fixed["content_elements"]] == [
        "The lamp was lit after the restoration.",
        "It was <b>very</b> slow work.",
    ]


def test_fix_refuses_stdin(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(["--fix", "-"], capsys)
    assert code == 2 and "stdin" in err


DUPLICATED = """\
Night ferry service to resume on the Tarn estuary

The Tarn estuary night ferry will run again from 3 March, the harbour authority said on Monday, ending a two-year pause.

The service was halted when the older of the two vessels failed a hull inspection and no replacement could be leased.

A refitted catamaran, the Grey Heron, has now passed its sea trials and will carry up to 180 passengers a crossing.

Commuters who work late shifts at the container terminal had campaigned for the return of the service since last spring.

The Tarn estuary night ferry will run again from 3 March, the harbour authority said on Monday, ending a two-year pause.

The service was halted when the older of the two vessels failed a hull inspection and no replacement could be leased.

Tickets will cost the same as on the daytime crossing, and season passes will be valid on both.
"""


def test_duplicated_paragraphs_are_removed_once_and_for_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The motivating case: an article with a pasted-twice passage, fixed twice with the built-in rule."""
    if importlib.util.find_spec("rules.duplicate_paragraph") is None:
        pytest.skip("duplicate-paragraph rule not built in this checkout")
    article = tmp_path / "ferry.txt"
    article.write_text(DUPLICATED, "utf-8")
    args = ["--fix", "--unsafe-fixes", "--select", "duplicate-paragraph", str(article)]
    check(args, capsys)
    once = article.read_text("utf-8")
    assert once.count("The Tarn estuary night ferry will run again") == 1
    assert once.count("failed a hull inspection") == 1
    assert "Tickets will cost the same" in once and "Commuters who work late shifts" in once
    code, _, _ = check(args, capsys)
    assert article.read_text("utf-8") == once
    assert code == 0


# -- CI integration: the scripts in action.yml and examples/ci/gitlab-ci.yml, run for real -------------
REPO = Path(__file__).resolve().parents[1]


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if shutil.which("copydesk") is None:
        pytest.skip("the copydesk console script is not on PATH")
    # the way GitHub runs `shell: bash` steps
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _action_step(name: str) -> dict:
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    return next(step for step in action["runs"]["steps"] if step.get("name") == name)


def test_action_declares_its_inputs_and_steps() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    assert {"paths", "args", "fail-on", "upload-sarif"} <= set(action["inputs"])
    assert action["runs"]["using"] == "composite"
    uses = [step.get("uses", "") for step in action["runs"]["steps"]]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    install = _action_step("Install copydesk")
    assert install["env"]["COPYDESK_ACTION_PATH"] == "${{ github.action_path }}"
    for step in action["runs"]["steps"]:  # inputs reach scripts only through the environment
        assert "${{" not in step.get("run", "")


def _run_action(project: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    outputs = project / "github_output"
    outputs.write_text("", "utf-8")
    env = {
        "INPUT_PATHS": inputs.get("paths", "news"),
        "INPUT_ARGS": inputs.get("args", ""),
        "INPUT_FAIL_ON": inputs.get("fail_on", "warning"),
        "INPUT_ANNOTATIONS": inputs.get("annotations", "false"),
        "GITHUB_OUTPUT": str(outputs),
    }
    proc = _bash(_action_step("Run copydesk")["run"], project, env)
    values = dict(line.split("=", 1) for line in outputs.read_text("utf-8").splitlines())
    return proc, values


def test_action_run_step_writes_sarif_and_exit_code(project: Path) -> None:
    proc, out = _run_action(project, args="--select test-typo,test-drop", annotations="true")
    assert proc.returncode == 0, proc.stderr  # the step itself succeeds so SARIF can be uploaded
    assert out == {"sarif-file": "copydesk.sarif", "exit-code": "1", "sarif-written": "true"}
    sarif = json.loads((project / "copydesk.sarif").read_text("utf-8"))
    rules = sorted(r["ruleId"] for run in sarif["runs"] for r in run["results"])
    assert rules == ["XT101", "XT101", "XT103"]  # SARIF ruleId is the rule code
    assert "::warning" in proc.stdout or "::error" in proc.stdout  # inline annotations were printed
    _, out = _run_action(project, fail_on="never")
    assert out["exit-code"] == "0"


def test_action_inputs_cannot_inject_commands(project: Path) -> None:
    proc, out = _run_action(project, paths="news; touch pwned $(touch pwned2)", args="`touch pwned3`")
    assert not any((project / name).exists() for name in ("pwned", "pwned2", "pwned3"))
    assert out["exit-code"] == "2"
    proc, out = _run_action(project, fail_on="sometimes")
    assert proc.returncode == 2 and "fail-on must be" in proc.stdout


def test_gitlab_job_produces_code_quality_report(project: Path) -> None:
    job = yaml.safe_load((REPO / "examples" / "ci" / "gitlab-ci.yml").read_text("utf-8"))["copydesk"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    script = "\n".join(line for line in job["script"] if not line.startswith("pip install"))
    proc = _bash(script, project, {"COPYDESK_PATHS": "news"})
    assert proc.returncode == 1, proc.stderr  # findings at or above fail-on fail the job, as copydesk does
    issues = json.loads((project / "gl-code-quality-report.json").read_text("utf-8"))
    assert sorted((i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in issues) == [
        ("test-doubled", "major", 4),
        ("test-drop", "critical", 3),
        ("test-typo", "major", 2),
        ("test-typo", "major", 3),
    ]
    for issue in issues:
        assert issue["location"]["path"] == "news/lighthouse.txt"
        assert issue["description"].startswith("XT10") and len(issue["fingerprint"]) == 32
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_neighbouring_deletions_all_apply_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Adjacent teasers each take the blank line between them: all of them go, in one --fix."""
    article = Path(__file__).resolve().parents[1] / "examples" / "articles" / "harbour-talks.txt"
    target = tmp_path / "harbour.txt"
    target.write_text(article.read_text("utf-8"), "utf-8")
    assert (
        main(["check", str(target), "--fix", "--unsafe-fixes", "--select", "unrelated-link,duplicate-paragraph"]) == 0
    )
    capsys.readouterr()
    fixed = target.read_text("utf-8")
    assert "You may also like" not in fixed and "noodle bar" not in fixed and "equaliser" not in fixed
    assert fixed.count("Kaljurand's remarks came days after") == 1
    assert fixed.rstrip().endswith("foreign advisers are trapped.")
