"""The host end to end through the CLI: plugins, config, suppression, baseline, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from linters.cli import main

PLUGINS = Path(__file__).parent / "fixtures" / "plugins"

ARTICLE = """\
Harbour town council approves new ferry timetable

The council of Port Elwyn voted on Tuesday to add two evening ferry crossings. TODO check the vote count.

Councillor Maren Ostby said the change would help commuters who work late shifts.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content repo with the test plugin configured and built-in rules switched off."""
    shutil.copy(PLUGINS / "todo_rule.py", tmp_path / "todo_rule.py")
    write(
        tmp_path / "copydesk.yaml",
        "plugins: [./todo_rule.py]\nselect: [leftover-todo, invalid-directive, unused-directive]\n",
    )
    write(tmp_path / "news" / "ferry.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out)


def findings(report: dict) -> list[dict]:
    return [{**f, "path": d["path"]} for d in report["documents"] for f in d["findings"]]


# -- plugins ----------------------------------------------------------------------
def test_config_plugin_rule_reports_with_exact_position(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(["news"], capsys)
    assert code == 1
    [f] = findings(report)
    assert f["rule"] == "leftover-todo" and f["code"] == "TST001" and f["severity"] == "error"
    assert (f["location"]["line"], f["location"]["column"]) == (3, 80)
    assert f["fix"]["safety"] == "safe"
    assert report["errors"] == []


def test_broken_plugin_is_an_error_entry_and_other_plugins_still_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(PLUGINS / "broken_import.py", project / "broken_import.py")
    write(project / "copydesk.yaml", "plugins: [./todo_rule.py, ./broken_import.py]\nselect: [leftover-todo]\n")
    code, report = run_json(["news"], capsys)
    assert code == 2
    assert len(findings(report)) == 1
    [error] = report["errors"]
    assert error["kind"] == "plugin" and "broken_import.py" in error["path"] and "broken on purpose" in error["message"]


def test_misspelt_hook_fails_loudly(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(PLUGINS / "misspelt_hook.py", project / "misspelt_hook.py")
    write(project / "copydesk.yaml", "plugins: [./todo_rule.py, ./misspelt_hook.py]\nselect: [leftover-todo]\n")
    code, report = run_json(["news"], capsys)
    assert code == 2
    assert any("copydesk_add_rulez" in e["message"] for e in report["errors"])


def test_raising_rule_becomes_error_naming_plugin_rule_and_document(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(PLUGINS / "crash_rule.py", project / "crash_rule.py")
    write(project / "copydesk.yaml", "plugins: [./todo_rule.py, ./crash_rule.py]\nselect: [leftover-todo, crashy]\n")
    write(project / "news" / "crash.txt", "A CRASH paragraph with a TODO marker.\n")
    code, report = run_json(["news"], capsys)
    assert code == 2
    [error] = report["errors"]
    assert error["kind"] == "rule"
    assert "crashy" in error["message"] and "crash_rule.py" in error["message"] and "crash.txt" in error["message"]
    # the other rule still ran on both documents
    assert {Path(d["path"]).name for d in report["documents"] if d["findings"]} == {"crash.txt", "ferry.txt"}


def test_lifecycle_hooks_enrich_filter_and_finish(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(PLUGINS / "hooks_plugin.py", project / "hooks_plugin.py")
    write(project / "copydesk.yaml", "plugins: [./todo_rule.py, ./hooks_plugin.py]\nselect: [leftover-todo]\n")
    write(project / "news" / "filtered.txt", "keep-only-first TODO first. Another TODO second.\n")
    _, report = run_json(["news/filtered.txt"], capsys)
    assert [f["message"] for f in findings(report)] == ["remove the TODO marker"]
    assert findings(report)[0]["location"]["column"] == 17


# -- config -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            "rules:\n  lefover-todo: error\n",
            "rules.lefover-todo: unknown rule 'lefover-todo' (did you mean 'leftover-todo'?)",
        ),
        ("rules:\n  leftover-todo:\n    marker: 3\n", "rules.leftover-todo.marker: 3 is not of type 'string'"),
        (
            "rules:\n  leftover-todo:\n    markr: X\n",
            "rules.leftover-todo: unknown key 'markr' (did you mean 'marker'?)",
        ),
        ("rules:\n  leftover-todo: loud\n", "rules.leftover-todo: expected off, error, warning, info"),
        ("fail_on: error\n", "fail_on: unknown key (did you mean 'fail-on'?)"),
        ("fail-on: fatal\n", "fail-on: 'fatal' is not one of"),
        ("rules: [a\n", "invalid YAML: line 3"),
        ("select: [CD9]\n", "select: unknown rule or code 'CD9'"),
    ],
)
def test_config_errors_name_file_key_and_expectation(
    project: Path, capsys: pytest.CaptureFixture[str], config: str, expected: str
) -> None:
    write(project / "copydesk.yaml", "plugins: [./todo_rule.py]\n" + config)
    code = main(["check", "news"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1, err
    assert "copydesk.yaml: " in err and expected in err


def test_config_found_upward_overrides_and_extends(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "base.yaml", "plugins: [./todo_rule.py]\nselect: [leftover-todo]\nrules:\n  leftover-todo: info\n")
    write(
        project / "copydesk.yaml",
        "extends: base.yaml\noverrides:\n  - files: ['opinion/**']\n    rules:\n      leftover-todo: off\n",
    )
    write(project / "opinion" / "column.txt", "A column with a TODO marker.\n")
    code, report = run_json(["news", "opinion"], capsys)
    assert code == 0  # info is below the default fail-on (warning)
    assert [(Path(f["path"]).name, f["severity"]) for f in findings(report)] == [("ferry.txt", "info")]
    # a nested config wins for its subtree
    write(project / "opinion" / "copydesk.yaml", "plugins: [../todo_rule.py]\nselect: [leftover-todo]\n")
    code, report = run_json(["opinion"], capsys)
    assert code == 1 and findings(report)[0]["severity"] == "error"


@pytest.mark.parametrize(
    ("base", "child", "expected"),
    [
        # an option error in the extended file names that file
        (
            "rules:\n  unattributed-assertion:\n    sensitivity: extreme\n",
            "extends: base.yaml\nrules:\n  duplicate-paragraph: {}\n",
            "base.yaml: rules.unattributed-assertion.sensitivity: 'extreme' is not one of",
        ),
        # the child's own value wins, and so does the blame
        (
            "rules:\n  unattributed-assertion:\n    sensitivity: low\n",
            "extends: base.yaml\nrules:\n  unattributed-assertion:\n    sensitivity: extreme\n",
            "copydesk.yaml: rules.unattributed-assertion.sensitivity: 'extreme' is not one of",
        ),
        # overrides are numbered as written in their own file
        (
            "overrides:\n  - files: ['x/*']\n    rules:\n      duplicate-paragraph: off\n",
            "extends: base.yaml\n"
            "overrides:\n  - files: ['y/*']\n    rules:\n      duplicate-paragraph: {threshold: 7}\n",
            "copydesk.yaml: overrides[0].rules.duplicate-paragraph: unknown key 'threshold'",
        ),
        ("select: [unatributed-assertion]\n", "extends: base.yaml\n", "base.yaml: select: unknown rule or code"),
    ],
)
def test_config_errors_name_the_file_of_the_extends_chain_that_wrote_the_key(
    project: Path, capsys: pytest.CaptureFixture[str], base: str, child: str, expected: str
) -> None:
    write(project / "base.yaml", base)
    write(project / "copydesk.yaml", child)
    assert main(["check", "news"]) == 2
    err = capsys.readouterr().err
    assert expected in err, err
    assert err.count("base.yaml") + err.count("copydesk.yaml") == 1, err


def test_config_error_in_a_three_file_chain_names_the_file_that_wrote_the_bad_option(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "base.yaml", "rules:\n  unattributed-assertion:\n    sensitivty: low\n")
    write(project / "mid.yaml", "extends: base.yaml\n")
    write(project / "copydesk.yaml", "extends: mid.yaml\nrules:\n  unattributed-assertion:\n    severity: error\n")
    assert main(["check", "news"]) == 2
    err = capsys.readouterr().err
    assert "base.yaml: rules.unattributed-assertion: unknown key 'sensitivty'" in err, err
    write(project / "base.yaml", "rules:\n  unattributed-assertion:\n    block-kinds: [paragraph, 5]\n")
    assert main(["check", "news"]) == 2
    assert "base.yaml: rules.unattributed-assertion.block-kinds[1]: 5 is not of type" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "key"), [("rules: {1: off}\n", "rules"), ("1: foo\n", "(top level)"), ("select: [{2: x}]\n", "select[0]")]
)
def test_config_keys_that_are_not_strings_are_config_errors(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, key: str
) -> None:
    write(project / "copydesk.yaml", text)
    assert main(["check", "news"]) == 2
    err = capsys.readouterr().err
    assert f"copydesk.yaml: {key}: keys must be strings" in err and "Traceback" not in err, err


@pytest.mark.parametrize(
    ("parent", "child", "merged"),
    [
        # a severity keeps the parent's options
        ("{severity: error, sensitivity: high}", "warning", {"severity": "warning", "sensitivity": "high"}),
        # options keep the parent's severity: a rule the parent turned off stays off
        ("off", "{sensitivity: low}", {"severity": "off", "sensitivity": "low"}),
        ("{severity: error, sensitivity: high}", "{sensitivity: low}", {"severity": "error", "sensitivity": "low"}),
    ],
)
def test_extends_applies_a_childs_rule_setting_like_an_override(
    tmp_path: Path, parent: str, child: str, merged: dict
) -> None:
    from linters.config import load_config

    write(tmp_path / "base.yaml", f"rules:\n  unattributed-assertion: {parent}\n")
    write(tmp_path / "copydesk.yaml", f"extends: base.yaml\nrules:\n  unattributed-assertion: {child}\n")
    assert load_config(tmp_path / "copydesk.yaml").raw["rules"]["unattributed-assertion"] == merged


def test_select_ignore_and_fail_on_from_cli(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "news", "--ignore", "TST"]) == 0
    assert main(["check", "news", "--select", "TST001"]) == 1
    assert main(["check", "news", "--fail-on", "error"]) == 1
    write(
        project / "copydesk.yaml",
        "plugins: [./todo_rule.py]\nselect: [leftover-todo]\nrules:\n  leftover-todo: warning\n",
    )
    assert main(["check", "news", "--fail-on", "error"]) == 0
    assert main(["check", "news", "--select", "nope"]) == 2
    capsys.readouterr()


def test_option_from_config_reaches_the_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project / "copydesk.yaml",
        "plugins: [./todo_rule.py]\nselect: [leftover-todo]\nrules:\n  leftover-todo:\n    marker: Councillor\n",
    )
    _, report = run_json(["news"], capsys)
    assert [f["evidence"]["marker"] for f in findings(report)] == ["Councillor"]


# -- inputs and errors ------------------------------------------------------------
def test_bad_inputs_are_error_entries_and_the_rest_is_linted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "news" / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (project / "news" / "latin1.txt").write_bytes("Caf\xe9 TODO".encode("latin-1"))
    (project / "news" / "empty.txt").write_bytes(b"")
    code, report = run_json(["news", "missing.txt"], capsys)
    assert code == 2
    errors = {Path(e["path"]).name: e["message"] for e in report["errors"]}
    assert "binary" in errors["binary.txt"]
    assert "UTF-8" in errors["latin1.txt"] and "line 1" in errors["latin1.txt"]
    assert "no such file" in errors["missing.txt"]
    assert [Path(f["path"]).name for f in findings(report)] == ["ferry.txt"]


def test_oversized_input_is_refused_without_reading(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(["news", "--max-file-size", "100"], capsys)
    assert code == 2
    assert "over the 100-byte limit" in report["errors"][0]["message"]


def test_stdin_is_linted(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Stdin copy with a TODO.\n")))
    code, report = run_json(["-"], capsys)
    assert code == 1
    assert findings(report)[0]["location"]["column"] == 19
    assert report["documents"][0]["path"] == "-"


def test_output_is_identical_across_jobs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(6):
        write(project / "news" / f"story-{i}.txt", f"Story {i} body. TODO {i}.\n" * (i + 1))
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", "news", "--format", "json", "--jobs", jobs])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1


# -- suppression --------------------------------------------------------------------
def test_inline_directives(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project / "news" / "directives.md",
        "Para one TODO.\n\n"
        "<!-- copydesk-disable-next leftover-todo -->\n"
        "Para two TODO.\n\n"
        "Para three TODO.\n\n"
        "<!-- copydesk-disable TST001 -->\n\n"
        "Para four TODO.\n\n"
        "<!-- copydesk-enable -->\n\n"
        "Para five TODO.\n\n"
        "<!-- copydesk-disable -->\n\n"
        "<!-- copydesk-disable-next leftover-todo -->\n\n"
        "Para six is clean.\n",
    )
    _, report = run_json(["news/directives.md"], capsys)
    got = [(f["rule"], f["location"]["line"]) for f in findings(report)]
    assert got == [
        ("leftover-todo", 1),
        ("leftover-todo", 6),
        ("leftover-todo", 14),
        ("invalid-directive", 16),
        ("unused-directive", 18),
    ]


def test_metadata_ignore_in_front_matter(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project / "news" / "meta.md", "---\ntitle: Ferry\ncopydesk:\n  ignore: [leftover-todo]\n---\n\nA TODO here.\n"
    )
    _, report = run_json(["news/meta.md"], capsys)
    assert findings(report) == []
    assert report["documents"][0]["title"] == "Ferry"


def test_baseline_accepts_known_findings_and_survives_unrelated_edits(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "news", "--write-baseline", "baseline.json"]) == 1
    capsys.readouterr()
    assert main(["check", "news", "--baseline", "baseline.json"]) == 0
    # an edit to another paragraph moves the finding down a line: still accepted
    text = (project / "news" / "ferry.txt").read_text()
    write(project / "news" / "ferry.txt", "Updated: new standfirst paragraph.\n\n" + text)
    assert main(["check", "news", "--baseline", "baseline.json"]) == 0
    # a new finding is not
    write(project / "news" / "ferry.txt", text + "\nA fresh TODO appears.\n")
    capsys.readouterr()
    code, report = run_json(["news", "--baseline", "baseline.json"], capsys)
    assert code == 1 and len(findings(report)) == 1
    assert main(["check", "news", "--baseline", "missing.json"]) == 2
    capsys.readouterr()


def test_fingerprints_are_stable_and_distinct(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "news" / "twice.txt", "One TODO here.\n\nOne TODO here.\n")
    _, first = run_json(["news/twice.txt"], capsys)
    _, second = run_json(["news/twice.txt"], capsys)
    prints = [f["fingerprint"] for f in findings(first)]
    assert prints == [f["fingerprint"] for f in findings(second)]
    assert len(set(prints)) == 2


def test_cache_skips_unchanged_documents(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code1, first = run_json(["news", "--cache", ".cache"], capsys)
    assert any((project / ".cache").rglob("*.json"))
    code2, second = run_json(["news", "--cache", ".cache"], capsys)
    assert (code1, first) == (code2, second)
    # a config change invalidates the entry
    write(
        project / "copydesk.yaml", "plugins: [./todo_rule.py]\nselect: [leftover-todo]\nrules:\n  leftover-todo: info\n"
    )
    _, third = run_json(["news", "--cache", ".cache"], capsys)
    assert findings(third)[0]["severity"] == "info"


# -- commands ---------------------------------------------------------------------
def test_rules_explain_init_and_version(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "starter.yaml"]) == 0
    assert main(["init", "starter.yaml"]) == 2  # never overwrites silently
    capsys.readouterr()
    assert main(["check", "news", "--config", "starter.yaml"]) in (0, 1)
    capsys.readouterr()
    assert main(["explain", "invalid-directive"]) == 0
    out = capsys.readouterr().out
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Options"):
        assert heading in out
    assert main(["explain", "invalid-directiv"]) == 2
    assert "did you mean 'invalid-directive'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("copydesk ")


def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "news", "--format", "yaml"]) == 2
    assert "unknown --format 'yaml'" in capsys.readouterr().err
    assert main(["check", "news", "--jobs", "0"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--fail-on", "fatal"])
    assert exc.value.code == 2


class _FakeTTY:
    """A stderr stand-in that says it is a terminal."""

    def __init__(self) -> None:
        import io

        self.buffer = io.StringIO()

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return self.buffer.write(text)

    def flush(self) -> None:
        pass


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    write(project / "news" / "second.txt", "Another story.\n")
    tty = _FakeTTY()
    monkeypatch.setattr(sys, "stderr", tty)
    main(["check", "news"])
    assert "2/2" in tty.buffer.getvalue()
    tty = _FakeTTY()
    monkeypatch.setattr(sys, "stderr", tty)
    main(["check", "news", "--quiet"])
    assert "2/2" not in tty.buffer.getvalue()
    monkeypatch.undo()
    main(["check", "news"])
    assert "2/2" not in capsys.readouterr().err  # not a terminal


def test_cms_json_ignore_field(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = {"id": "s1", "title": "Ferry", "body": "A TODO here.", "copydesk": {"ignore": ["leftover-todo"]}}
    write(project / "news" / "story.json", json.dumps(story))
    write(project / "news" / "other.json", json.dumps({**story, "id": "s2", "copydesk": {"ignore": []}}))
    _, report = run_json(["news/story.json", "news/other.json"], capsys)
    assert [(d["id"], len(d["findings"])) for d in report["documents"]] == [("s2", 1), ("s1", 0)]


def test_50_mb_file_is_refused_by_default_and_the_run_goes_on(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open(project / "news" / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no real disk
    code, report = run_json(["news"], capsys)
    assert code == 2
    [error] = report["errors"]
    assert Path(error["path"]).name == "huge.txt" and "over the 10,485,760-byte limit" in error["message"]
    assert [Path(f["path"]).name for f in findings(report)] == ["ferry.txt"]


def test_corpus_rule_across_documents_jobs_suppression_and_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(PLUGINS / "corpus_rule.py", project / "corpus_rule.py")
    write(project / "copydesk.yaml", "plugins: [./corpus_rule.py]\nselect: [repeated-headline]\n")
    for name in ("a", "b", "c"):
        write(project / "wire" / f"{name}.md", "Ferry timetable changes\n\nBody of story " + name + ".\n")
    directive = "<!-- copydesk-disable-next repeated-headline -->\n"
    write(project / "wire" / "c.md", directive + "Ferry timetable changes\n\nBody.\n")
    write(project / "wire" / "d.md", "A different story\n")
    outputs = set()
    for args in ([], ["--jobs", "2"], ["--cache", ".cache"], ["--cache", ".cache"]):
        code, report = run_json(["wire", *args], capsys)
        assert code == 1
        found = [(Path(f["path"]).name, f["related"][0]["path"]) for f in findings(report)]
        assert found == [("b.md", str(Path("wire") / "a.md"))]
        outputs.add(json.dumps(report, sort_keys=True))
    assert len(outputs) == 1
    assert len(list((project / ".cache").rglob("*.json"))) == 4


def test_corpus_rule_compares_documents_that_share_its_options_and_keeps_each_documents_severity(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(PLUGINS / "corpus_rule.py", project / "corpus_rule.py")
    write(
        project / "copydesk.yaml",
        "plugins: [./corpus_rule.py]\nselect: [repeated-headline]\n"
        "overrides:\n  - files: ['wire/b.md']\n    rules:\n      repeated-headline: error\n",
    )
    write(
        project / "desk" / "copydesk.yaml",
        "plugins: [../corpus_rule.py]\nselect: [repeated-headline]\n"
        "rules:\n  repeated-headline:\n    ignore-case: true\n",
    )
    write(project / "wire" / "a.md", "Ferry timetable changes\n\nWire story.\n")
    write(project / "wire" / "b.md", "Ferry timetable changes\n\nWire story again.\n")
    write(project / "desk" / "c.md", "ferry timetable changes\n\nDesk story.\n")
    write(project / "desk" / "d.md", "Ferry Timetable Changes\n\nDesk story again.\n")
    for args in (["wire", "desk"], ["desk", "wire"], ["wire", "desk", "--jobs", "2"]):
        _, report = run_json(args, capsys)
        found = [(Path(f["path"]).name, f["severity"], Path(f["related"][0]["path"]).name) for f in findings(report)]
        # desk/ compares without case (its own config), wire/ with case; the two groups are not mixed
        assert found == [("d.md", "warning", "c.md"), ("b.md", "error", "a.md")]


def test_init_output_and_example_config_validate_against_the_published_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import jsonschema

    from linters.config import load_config

    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert main(["init"]) == 0
    root = Path(__file__).resolve().parents[1]
    for config in (tmp_path / "copydesk.yaml", root / "examples" / "copydesk.yaml"):
        jsonschema.validate(load_config(config).raw, schema)
    assert set(schema["properties"]["rules"]["properties"]) >= {"duplicate-paragraph", "inconsistent-name"}


def test_directives_cover_blocks_not_lines_and_enable_ends_only_named_rules(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # minified HTML: everything on one line, the directive covers only the next paragraph
    write(
        project / "news" / "minified.html",
        "<article><p>One TODO.</p><!-- copydesk-disable-next leftover-todo --><p>Two TODO.</p><p>Three TODO.</p>"
        "</article>\n",
    )
    _, report = run_json(["news/minified.html"], capsys)
    assert [f["location"]["column"] for f in findings(report)] == [17, 95]
    # the same inside a one-line JSON string
    body = "<p>One TODO.</p><!-- copydesk-disable-next leftover-todo --><p>Two TODO.</p><p>Three TODO.</p>"
    write(project / "news" / "story.json", json.dumps({"id": "s", "title": "T", "html": body}))
    _, report = run_json(["news/story.json"], capsys)
    assert len(findings(report)) == 2
    # enable naming one rule ends only that rule's range; directives in code are examples
    write(
        project / "news" / "partial.md",
        "<!-- copydesk-disable leftover-todo, invalid-directive -->\n\nFirst TODO.\n\n"
        "<!-- copydesk-enable invalid-directive -->\n\nSecond TODO.\n\n"
        "```\n<!-- copydesk-disable leftover-todo -->\n```\n\nThird TODO.\n",
    )
    _, report = run_json(["news/partial.md"], capsys)
    got = [(f["rule"], f["location"]["line"]) for f in findings(report)]
    assert got == [("unused-directive", 1)]


# -- regressions found in review ------------------------------------------------------
def test_config_in_a_subdirectory_is_validated(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "news" / "copydesk.yaml", "plugins: [../todo_rule.py]\nrules:\n  leftover-tod: off\n")
    assert main(["check", "."]) == 2
    err = capsys.readouterr().err
    assert "news/copydesk.yaml: rules.leftover-tod: unknown rule" in err and "did you mean 'leftover-todo'" in err


def test_fail_on_is_per_document_config_not_argument_order(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "lenient" / "copydesk.yaml", "plugins: [../todo_rule.py]\nfail-on: info\nselect: [leftover-todo]\n")
    write(project / "lenient" / "a.txt", "Clean copy.\n")
    write(project / "strict" / "b.txt", "A TODO marker.\n")
    write(
        project / "strict" / "copydesk.yaml",
        "plugins: [../todo_rule.py]\nfail-on: error\nselect: [leftover-todo]\nrules:\n  leftover-todo: warning\n",
    )
    assert main(["check", "lenient", "strict"]) == main(["check", "strict", "lenient"]) == 0
    write(project / "lenient" / "a.txt", "Lenient TODO copy.\n")
    assert main(["check", "lenient", "strict"]) == main(["check", "strict", "lenient"]) == 1
    capsys.readouterr()


def test_json_array_records_keep_their_order(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [{"id": f"r{i}", "title": f"Story {i}", "body": f"Story {i} has a TODO."} for i in range(12)]
    write(project / "news" / "export.json", json.dumps(records, indent=1))
    _, report = run_json(["news/export.json"], capsys)
    lines = [f["location"]["line"] for f in findings(report)]
    assert lines == sorted(lines) and len(lines) == 12


def test_write_baseline_over_the_baseline_in_use_keeps_accepted_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "news", "--write-baseline", "b.json"]) == 1
    assert main(["check", "news", "--baseline", "b.json", "--write-baseline", "b.json"]) == 0
    assert len(json.loads((project / "b.json").read_text())["fingerprints"]) == 1
    assert main(["check", "news", "--baseline", "b.json"]) == 0
    capsys.readouterr()


def test_errors_reach_stderr_in_every_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "news" / "binary.txt").write_bytes(b"\x00\x01")
    for fmt in ("text", "json"):
        assert main(["check", "news/binary.txt", "--format", fmt]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("copydesk: error: news/binary.txt: ")


def test_pipes_are_skipped_when_walking_and_refused_when_named(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    os.mkfifo(project / "news" / "pipe.txt")
    code, report = run_json(["news"], capsys)
    assert code == 1 and report["errors"] == [] and len(report["documents"]) == 1
    code, report = run_json(["news/pipe.txt"], capsys)
    assert code == 2 and "not a regular file" in report["errors"][0]["message"]


def test_config_shape_errors_and_globs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from linters.config import _glob_match

    write(project / "copydesk.yaml", "plugins: [./todo_rule.py]\noverrides: 5\n")
    assert main(["check", "news"]) == 2
    assert "copydesk.yaml: overrides: 5 is not of type 'array'" in capsys.readouterr().err
    assert _glob_match("opinion/x.txt", "./opinion/**")
    assert not _glob_match("opinion/deep/x.txt", "opinion/*.txt")
    assert _glob_match("a/b/drafts/x.md", "drafts") and not _glob_match("a/drafts/x.md", "drafts/**")


def test_stdin_edge_cases_and_unwritable_outputs(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, report = run_json(["-"], capsys)
    assert code == 0 and report["errors"] == []
    story = json.dumps({"id": "piped", "title": "Piped", "body": "A TODO from the CMS."}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(story)))
    _, report = run_json(["-"], capsys)
    assert report["documents"][0]["format"] == "json" and report["documents"][0]["id"] == "piped"
    assert main(["init", "missing/dir/copydesk.yaml"]) == 2
    assert main(["check", "news", "-o", "missing/dir/report.json"]) == 2
    err = capsys.readouterr().err
    assert "missing/dir: no such directory" in err and "cannot write the report" in err
