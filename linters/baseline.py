"""``--baseline`` / ``--write-baseline``: accept today's findings, fail only on new ones.

A baseline is a JSON file of finding fingerprints (see :mod:`linters.report`),
which hash the rule, the document and the flagged text, never line numbers, so
edits elsewhere in an article leave accepted findings accepted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from linters import __version__
from linters.config import ConfigError
from linters.report import Finding, Report

__all__ = ["apply_baseline", "load_baseline", "write_baseline"]

BASELINE_VERSION = 1


def write_baseline(report: Report, path: Path) -> int:
    """Record every current finding's fingerprint (those the baseline accepted too); returns the count."""
    entries = {
        f.fingerprint: {"rule": f.rule, "path": f.path, "message": f.message}
        for f in sorted([*report.findings, *report.baselined], key=Finding.sort_key)
    }
    payload = {"copydesk_baseline": BASELINE_VERSION, "tool_version": __version__, "fingerprints": entries}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    os.replace(tmp, path)
    return len(entries)


def load_baseline(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "", "baseline file not found (create it with --write-baseline)") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(path, "", f"cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("fingerprints"), dict):
        raise ConfigError(path, "", "not a copydesk baseline (expected an object with 'fingerprints')")
    return set(data["fingerprints"])


def apply_baseline(report: Report, path: Path) -> None:
    accepted = load_baseline(path)
    for doc in report.documents:
        report.baselined.extend(f for f in doc.findings if f.fingerprint in accepted)
        doc.findings = [f for f in doc.findings if f.fingerprint not in accepted]
