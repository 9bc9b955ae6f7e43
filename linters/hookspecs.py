"""The plugin contract: every hook copydesk calls, documented like pytest's hookspecs.

Plugins implement hooks with ``@linters.hookimpl`` and are registered from the
entry-point group ``copydesk`` or from ``plugins:`` in a config file the user
wrote. All hooks are called with keyword arguments; an implementation may
accept any subset of a hook's arguments (pluggy's rule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from linters.config import Config
    from linters.document import Document
    from linters.formats.base import Formatter
    from linters.readers.base import Reader
    from linters.report import Finding, Report
    from linters.rule import Rule

hookspec = pluggy.HookspecMarker("copydesk")


# -- registration --------------------------------------------------------
@hookspec
def copydesk_add_rules() -> list[type[Rule]]:
    """Return the rule classes this plugin provides.

    Each class subclasses :class:`linters.Rule` and has a unique ``code`` and
    ``name``. Called once when the plugin manager starts.
    """


@hookspec
def copydesk_add_readers() -> list[Reader]:
    """Return input readers (objects with ``name``, ``extensions`` and ``read``).

    A reader turns one input source into :class:`linters.Document` objects. A
    later plugin's reader for the same name replaces an earlier one.
    """


@hookspec
def copydesk_add_formats() -> list[Formatter]:
    """Return output formatters (objects with ``name`` and ``format(report, options)``)."""


@hookspec
def copydesk_config_schema() -> dict[str, Any]:
    """Return JSON Schema ``properties`` this plugin adds at the top level of the config.

    Keys must not collide with built-in keys; the merged schema validates
    every config file.
    """


# -- lifecycle -----------------------------------------------------------
@hookspec
def copydesk_configure(config: Config) -> None:
    """Called once after the configuration is loaded and validated, before any document."""


@hookspec
def copydesk_document_loaded(document: Document, config: Config) -> None:
    """Called for each document after reading and before rules run.

    Enrichment plugins (an NER tagger, say) can add derived data here with
    ``document.cached(key, ...)`` or ``document.metadata``.
    """


@hookspec
def copydesk_filter_findings(document: Document, findings: list[Finding]) -> list[Finding] | None:
    """Return a replacement list of findings for a document, or None to keep them.

    Implementations are chained: each sees the previous one's result.
    """


@hookspec
def copydesk_session_finish(report: Report, exit_code: int) -> None:
    """Called once after all documents were linted, before the report is written."""
