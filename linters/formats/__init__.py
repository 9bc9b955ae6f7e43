"""Output formatters: one module per format, each a plugin-style object with ``format(report, options)``.

The host registers the built-in ones through ``copydesk_add_formats`` (see
``linters.builtin``); third-party plugins add theirs through the same hook.
"""

from linters.formats.base import FormatOptions, Formatter

__all__ = ["FormatOptions", "Formatter"]
