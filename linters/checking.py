"""Run rules over one document: the innermost loop of the engine.

A rule that raises does not stop the others: its exception becomes an
``ErrorEntry`` of kind ``rule`` naming the plugin, the rule and the document.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from linters.document import Document
from linters.report import ErrorEntry, Finding
from linters.rule import Rule, RuleContext

__all__ = ["ActiveRule", "run_rules"]


@dataclass(slots=True)
class ActiveRule:
    """A configured rule instance with its effective severity and owning plugin."""

    rule: Rule
    severity: str
    plugin: str = "?"


def _describe(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def run_rules(doc: Document, active: Sequence[ActiveRule]) -> tuple[list[Finding], list[ErrorEntry], dict[str, Any]]:
    """Check ``doc`` with every active rule; returns findings, errors and corpus data by rule name."""
    findings: list[Finding] = []
    errors: list[ErrorEntry] = []
    corpus: dict[str, Any] = {}
    for item in active:
        ctx = RuleContext(item.rule, doc, item.severity)
        try:
            item.rule.check(doc, ctx)
            if item.rule.has_corpus_check:
                data = item.rule.corpus_data(doc, ctx)
                if data is not None:
                    corpus[item.rule.name] = data
        except Exception as exc:
            errors.append(
                ErrorEntry(
                    doc.path,
                    "rule",
                    f"rule {item.rule.name} ({item.rule.code}) from plugin {item.plugin} "
                    f"raised on document {doc.id}: {_describe(exc)}",
                )
            )
            continue
        findings.extend(ctx.findings)
    return findings, errors, corpus
