"""The example plugin's own tests, written with copydesk's rule-testing helper."""

from copydesk_headlines import ShoutingHeadline

from linters.testing import lint


def test_flags_shouting_word_in_heading_with_fix() -> None:
    findings = lint(
        "# Mayor says bridge will NEVER reopen\n\nThe NEVER in prose is fine.\n", ShoutingHeadline, "markdown"
    )
    assert [(f.location.line, f.location.column, f.evidence["word"]) for f in findings] == [(1, 26, "NEVER")]
    assert findings[0].fix is not None and findings[0].fix.edits[0].content == "never"


def test_acronyms_are_allowed_and_configurable() -> None:
    assert lint("# NATO meets in Brussels\n", ShoutingHeadline, "markdown") == []
    assert len(lint("# NATO meets in Brussels\n", ShoutingHeadline, "markdown", options={"acronyms": []})) == 1


def test_registered_through_entry_point() -> None:
    from linters.plugins import Host

    host = Host.create()
    assert host.rules["shouting-headline"] is ShoutingHeadline
    assert host.rule_plugins["shouting-headline"] == "headlines"
