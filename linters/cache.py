"""``--cache DIR``: skip documents whose content, effective config and plugins did not change.

The key hashes the input bytes, the effective rule settings, the reader, and
the versions of copydesk and of every plugin — never file times, so a cache
restored in CI is as good as a local one. Entries are JSON (never pickle: a
cache directory must not be a way to run code), written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linters.document import Location
from linters.report import DocumentResult, ErrorEntry, Finding, Fix, Related

__all__ = ["CachedFile", "ResultCache"]

CACHE_FORMAT = 2


@dataclass
class CachedFile:
    """One input's results: documents, errors, and (document index, rule, JSON-ready corpus data)."""

    documents: list[DocumentResult]
    errors: list[ErrorEntry]
    corpus: list[tuple[int, str, Any]]
    #: document index -> SuppressionMap.to_json(), for documents with corpus data
    suppressions: dict[int, Any]


class ResultCache:
    def __init__(self, directory: Path, salt: dict[str, Any]) -> None:
        self.directory = directory
        self.salt = json.dumps({"format": CACHE_FORMAT, **salt}, sort_keys=True, default=str)

    def key(self, data: bytes, settings: Any, reader: str) -> str:
        h = hashlib.sha256()
        h.update(self.salt.encode())
        h.update(json.dumps(settings, sort_keys=True, default=str).encode())
        h.update(reader.encode())
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedFile | None:
        try:
            payload = json.loads(self._path(key).read_text("utf-8"))
            entry = CachedFile(
                [_doc_from_dict(d) for d in payload["documents"]],
                [ErrorEntry(**e) for e in payload["errors"]],
                [(int(i), str(rule), data) for i, rule, data in payload["corpus"]],
                {int(i): data for i, data in payload["suppressions"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return entry

    def put(self, key: str, entry: CachedFile) -> None:
        """Store one file's results; corpus data must already be JSON-ready (else nothing is stored)."""
        payload = {
            "documents": [_doc_to_dict(d) for d in entry.documents],
            "errors": [e.to_dict() for e in entry.errors],
            "corpus": [list(c) for c in entry.corpus],
            "suppressions": {str(i): data for i, data in entry.suppressions.items()},
        }
        try:
            text = json.dumps(payload, ensure_ascii=False)
        except (TypeError, ValueError):
            return  # corpus data that JSON cannot hold: this file stays uncached
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written only costs speed


def _doc_to_dict(doc: DocumentResult) -> dict[str, Any]:
    return {
        "path": doc.path,
        "id": doc.id,
        "title": doc.title,
        "format": doc.format,
        "line_offset": doc.line_offset,
        "findings": [{**f.to_dict(), "doc_id": f.doc_id, "flagged_text": f.flagged_text} for f in doc.findings],
    }


def _doc_from_dict(data: dict[str, Any]) -> DocumentResult:
    findings = []
    for f in data["findings"]:
        findings.append(
            Finding(
                rule=f["rule"],
                code=f["code"],
                severity=f["severity"],
                message=f["message"],
                location=Location(**f["location"]),
                path=data["path"],
                doc_id=f["doc_id"],
                flagged_text=f["flagged_text"],
                related=[Related(r["message"], Location(**r["location"]), r.get("path")) for r in f["related"]],
                evidence=f["evidence"],
                fix=Fix.from_dict(f["fix"]) if f["fix"] else None,
            )
        )
    return DocumentResult(
        data["path"], data["id"], data["title"], data["format"], findings, line_offset=data["line_offset"]
    )
