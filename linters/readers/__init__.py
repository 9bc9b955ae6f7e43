"""Input readers: one module per format, each turning a source into Documents."""

from linters.readers.base import InputError, Reader, Source

__all__ = ["InputError", "Reader", "Source"]
