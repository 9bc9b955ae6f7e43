"""``--format json``: the report contract from DESIGN.md, exactly ``Report.to_dict()``.

Validated by ``linters/schemas/report.schema.json``. Key order is the
contract's (no ``sort_keys``), and non-ASCII text stays readable.
"""

from __future__ import annotations

import json
from typing import ClassVar

from linters.formats.base import FormatOptions
from linters.report import Report

__all__ = ["JsonFormatter"]


class JsonFormatter:
    name: ClassVar[str] = "json"
    needs_documents: ClassVar[bool] = False

    def format(self, report: Report, options: FormatOptions) -> str:
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
