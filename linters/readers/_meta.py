"""Normalising article metadata from front matter and CMS JSON (private to the readers).

Every reader fills the same keys so rules and reports need not know the
format: ``title``, ``byline``, ``url``, ``tags`` (list of str), ``dates``
(``{"published": ..., "modified": ...}`` as ISO strings), ``description``,
``id`` and ``copydesk`` (the per-document settings object, e.g.
``{"ignore": ["inconsistent-name"]}``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from linters.readers._jsonpos import clean_surrogates

__all__ = ["normalize_metadata"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "byline": ("byline", "author", "authors", "by"),
    "url": ("url", "canonical_url", "canonical", "permalink", "link"),
    "tags": ("tags", "keywords", "categories"),
    "description": ("description", "summary", "excerpt", "subtitle"),
    "id": ("id", "slug"),
}
_DATES: dict[str, tuple[str, ...]] = {
    "published": ("published", "date", "pubdate", "published_at", "publish_date", "first_published"),
    "modified": ("modified", "updated", "lastmod", "updated_at", "modified_at"),
}


def _scalar(value: Any) -> str | None:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    if isinstance(value, Mapping):
        return _scalar(value.get("name") or value.get("text") or value.get("title"))
    return None


def _names(value: Any) -> list[str]:
    """A list of display strings from a string ("a, b"), a list, or a list of {name: ...} objects."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        out = []
        for item in value:
            text = _scalar(item)
            if text and text not in out:
                out.append(text)
        return out
    text = _scalar(value)
    return [text] if text else []


def normalize_metadata(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The shared metadata keys from a front-matter or generic-JSON mapping (first alias present wins)."""
    lowered = {str(k).lower(): v for k, v in raw.items()}
    meta: dict[str, Any] = {}
    for key, aliases in _ALIASES.items():
        value = next((lowered[a] for a in aliases if lowered.get(a) not in (None, "", [])), None)
        if value is None:
            continue
        if key == "tags":
            tags = _names(value)
            if tags:
                meta["tags"] = tags
        elif key == "byline" and isinstance(value, list | tuple):
            names = _names(value)
            if names:
                meta["byline"] = ", ".join(names)
        else:
            text = _scalar(value)
            if text:
                meta[key] = text
    dates = {}
    for key, aliases in _DATES.items():
        value = next((lowered[a] for a in aliases if lowered.get(a) is not None), None)
        text = _scalar(value)
        if text:
            dates[key] = text
    if dates:
        meta["dates"] = dates
    settings = lowered.get("copydesk")
    if isinstance(settings, Mapping):
        meta["copydesk"] = dict(settings)
    # YAML "\ud800" escapes can leave lone surrogates, which no report could encode
    for key, value in meta.items():
        if isinstance(value, str):
            meta[key] = clean_surrogates(value)
        elif isinstance(value, list):
            meta[key] = [clean_surrogates(v) if isinstance(v, str) else v for v in value]
        elif key == "dates":
            meta[key] = {k: clean_surrogates(v) for k, v in value.items()}
    return meta
