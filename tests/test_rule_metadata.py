"""Every registered rule follows the rule contract: metadata, documentation template, options schema."""

from __future__ import annotations

import re

import jsonschema
import pytest

from linters.plugins import Host

HOST = Host.create()
RULES = sorted(HOST.rules.values(), key=lambda r: r.code)


def test_the_built_in_rules_are_registered_through_entry_points() -> None:
    assert HOST.errors == []
    names = {r.name: r.code for r in RULES}
    assert names["duplicate-paragraph"] == "CD101"
    assert names["unrelated-link"] == "CD201"
    assert names["unattributed-assertion"] == "CD301"
    assert names["inconsistent-name"] == "CD401"
    assert HOST.rule_plugins["duplicate-paragraph"] == "duplicate-paragraph"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_documents_itself_like_ruff(rule: type) -> None:
    doc = rule.documentation()
    positions = [doc.find(h) for h in ("## What it does", "## Why is this bad?", "## Example", "## Options")]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), rule.name
    assert rule.validate_metadata() == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_options_schema_is_strict_with_defaults(rule: type) -> None:
    schema = rule.options_schema
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema.get("additionalProperties") is False
    for name, spec in schema.get("properties", {}).items():
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name), name
        assert "default" in spec and spec.get("description"), f"{rule.name}.{name}"
    # the defaults themselves are valid options
    jsonschema.validate(rule().options, schema)
