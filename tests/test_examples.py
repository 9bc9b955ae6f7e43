"""The examples a newcomer runs: the local plugin and the installable plugin package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linters.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_local_plugin_example_reports_and_fixes(tmp_path: Path) -> None:
    proc = run(["check", "article.md", "--format", "json"], EXAMPLES / "local-plugin")
    report = json.loads(proc.stdout)
    assert proc.returncode == 1, proc.stderr
    findings = report["documents"][0]["findings"]
    assert [(f["rule"], f["evidence"]["phrase"]) for f in findings] == [
        ("banned-phrase", "slammed"),
        ("banned-phrase", "slammed"),
        ("banned-phrase", "amid"),
    ]


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plugin package installed into a private directory (the environment stays clean)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(EXAMPLES / "plugin-package"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def _env(site: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT), env.get("PYTHONPATH", "")])
    return env


def test_plugin_package_rule_appears_in_rules(plugin_site: Path, tmp_path: Path) -> None:
    proc = run(["rules"], tmp_path, _env(plugin_site))
    assert proc.returncode == 0, proc.stderr
    assert any(line.split()[:2] == ["HL101", "shouting-headline"] for line in proc.stdout.splitlines())
    article = tmp_path / "story.md"
    article.write_text("# Bridge will NEVER reopen, says mayor\n\nThe mayor spoke on Monday.\n", "utf-8")
    proc = run(["check", "story.md", "--select", "shouting-headline", "--format", "json"], tmp_path, _env(plugin_site))
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["documents"][0]["findings"][0]["evidence"] == {"word": "NEVER"}


def test_plugin_package_own_tests_pass(plugin_site: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLES / "plugin-package" / "tests")],
        env=_env(plugin_site),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=EXAMPLES / "plugin-package",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
