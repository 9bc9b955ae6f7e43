"""copydesk's host: the document model, plugin hooks and the API plugin authors import.

Plugin authors import only from here::

    from linters import Rule, RuleContext, Document, hookimpl
"""

from linters.document import Block, Document, Link, Location, OffsetMap, Span
from linters.plugins import hookimpl
from linters.report import Edit, Finding, Fix, Related
from linters.rule import CorpusContext, CorpusEntry, Rule, RuleContext

__version__ = "0.1.0"

__all__ = [
    "Block",
    "CorpusContext",
    "CorpusEntry",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "Link",
    "Location",
    "OffsetMap",
    "Related",
    "Rule",
    "RuleContext",
    "Span",
    "__version__",
    "hookimpl",
]
