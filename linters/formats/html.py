"""``--format html``: one self-contained page for editors (``-o report.html``).

Each article is shown as a reader would see it (its blocks' plain text as
paragraphs, headings, list items), with the flagged spans highlighted by
severity and a note beside each one: the message, the evidence in words, the
other place it refers to and the suggested fix. A summary table by rule and by
article links to every finding.

Findings carry source line:column positions; the page shows plain text. The
way back is: line:column -> source offset (line starts of the source text,
shifted by ``line_offset`` for JSONL records) -> block text offset (inverse of
each block's ``segments``). When the engine did not supply source and blocks,
the page falls back to listing the findings.

The page loads nothing (a Content-Security-Policy forbids network and
scripts) and every piece of article or message text is HTML-escaped.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any, ClassVar

from linters.document import Location
from linters.formats.base import FormatOptions, plural, severity_counts, summary_sentence, tool_version
from linters.report import SEVERITIES, DocumentResult, Edit, ErrorEntry, Finding, Related, Report, severity_rank

__all__ = ["HtmlFormatter", "SourceIndex", "block_range"]

_MAX_LIST_ITEMS = 40
_MAX_QUOTE = 160
_SCORE_KEY_RE = re.compile(r"similarity|score|ratio|relatedness|overlap|confidence|share|density", re.IGNORECASE)


def e(value: object) -> str:
    """HTML-escape any value (quotes included, so it is safe in attributes too)."""
    return escape(str(value), quote=True)


# -- positions: source line:column -> source offset -> block text offset -----------------
class SourceIndex:
    """Line starts of a document's source text, to turn 1-based line:column into offsets."""

    def __init__(self, source: str, line_offset: int = 0) -> None:
        self.length = len(source)
        self.line_offset = line_offset
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def offset(self, line: int, column: int) -> int | None:
        index = line - 1 - self.line_offset
        if index < 0 or index >= len(self.starts):
            return None
        return min(self.starts[index] + max(column, 1) - 1, self.length)

    def span(self, loc: Location) -> tuple[int, int] | None:
        start = self.offset(loc.line, loc.column)
        end = self.offset(loc.end_line, loc.end_column)
        if start is None or end is None:
            return None
        return start, max(start, end)


def block_range(block: dict[str, Any], start: int, end: int) -> tuple[int, int] | None:
    """Text range of ``block`` covering source range ``[start, end)`` (None when they do not meet).

    Text between two covered segments (an inserted space, a decoded entity) is
    included, so one finding stays one highlight.
    """
    hits: list[tuple[int, int]] = []
    for text_start, source_start, length in block.get("segments") or ():
        lo, hi = max(start, source_start), min(end, source_start + length)
        if lo < hi:
            hits.append((text_start + lo - source_start, text_start + hi - source_start))
        elif start == end and source_start <= start <= source_start + length:
            hits.append((text_start + start - source_start, text_start + start - source_start))
    if not hits:
        return None
    return min(h[0] for h in hits), max(h[1] for h in hits)


# -- marks inside one block ---------------------------------------------------------
@dataclass(slots=True)
class Mark:
    """A highlighted text range in one block: a finding (``number``) or a related place of one."""

    start: int
    end: int
    number: int
    severity: str
    anchor: str | None  # id given to the first piece (only in the finding's first block)
    related: bool = False
    title: str = ""


@dataclass(slots=True)
class Placed:
    """Where a document's findings landed: marks per block, notes per block, and the leftovers."""

    marks: dict[int, list[Mark]] = field(default_factory=lambda: defaultdict(list))
    notes: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    unplaced: list[int] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)


def _locate(blocks: list[dict[str, Any]], span: tuple[int, int]) -> list[tuple[int, int, int]]:
    """(block index, text start, text end) of every block a source span touches."""
    found = []
    for i, block in enumerate(blocks):
        lo, hi = block.get("source_start"), block.get("source_end")
        if lo is not None and hi is not None and (hi < span[0] or lo > span[1]):
            continue
        hit = block_range(block, *span)
        if hit is not None:
            found.append((i, *hit))
    return found


def _widen(start: int, end: int, length: int) -> tuple[int, int]:
    """Give a zero-width position one visible character."""
    if end > start or length == 0:
        return start, end
    return (start, start + 1) if start < length else (start - 1, start)


def place(doc: DocumentResult, numbers: dict[int, int], findings: list[Finding]) -> Placed | None:
    """Map every finding (and its same-document related places) onto the document's blocks."""
    if doc.source is None or not doc.blocks:
        return None
    index = SourceIndex(doc.source, doc.line_offset)
    blocks = doc.blocks
    placed = Placed()
    for finding in findings:
        number = numbers[id(finding)]
        span = index.span(finding.location)
        hits = _locate(blocks, span) if span else []
        if not hits:
            placed.unplaced.append(number)
            continue
        placed.notes[hits[0][0]].append(number)
        title = f"{number}: {finding.code} {finding.rule}"
        for k, (block_index, start, end) in enumerate(hits):
            start, end = _widen(start, end, len(blocks[block_index]["text"]))
            anchor = f"t-{number}" if k == 0 else None
            placed.marks[block_index].append(Mark(start, end, number, finding.severity, anchor, title=title))
        placed.anchors.add(f"t-{number}")
        _place_related(placed, blocks, index, doc, finding, number)
    return placed


def _place_related(
    placed: Placed, blocks: list[dict[str, Any]], index: SourceIndex, doc: DocumentResult, finding: Finding, number: int
) -> None:
    for k, rel in enumerate(finding.related, 1):
        if rel.path not in (None, doc.path):
            continue
        span = index.span(rel.location)
        hits = _locate(blocks, span) if span else []
        for j, (block_index, start, end) in enumerate(hits):
            start, end = _widen(start, end, len(blocks[block_index]["text"]))
            anchor = f"r-{number}-{k}" if j == 0 else None
            title = f"{number}: {rel.message}"
            placed.marks[block_index].append(Mark(start, end, number, "", anchor, related=True, title=title))
        if hits:
            placed.anchors.add(f"r-{number}-{k}")


def _piece_class(active: list[Mark]) -> str:
    findings = [m for m in active if not m.related]
    classes = []
    if findings:
        worst = max(findings, key=lambda m: severity_rank(m.severity))
        classes.append(f"hl sev-{worst.severity}")
        if len({m.number for m in findings}) > 1:
            classes.append("multi")
    if len(findings) < len(active):
        classes.append("rel")
    return " ".join(classes)


def render_marked(text: str, marks: list[Mark]) -> str:
    """Block text with its marks as ``<mark>`` pieces (overlaps split, never nested)."""
    if not marks:
        return e(text)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in itertools.pairwise(cuts):
        active = [m for m in marks if m.start <= a and b <= m.end]
        out.extend(f'<span class="anchor" id="{m.anchor}"></span>' for m in marks if m.start == a and m.anchor)
        piece = e(text[a:b])
        if active:
            titles = "\n".join(dict.fromkeys(m.title for m in active))
            piece = f'<mark class="{_piece_class(active)}" title="{e(titles)}">{piece}</mark>'
        out.append(piece)
        for m in sorted((m for m in marks if m.end == b and m.anchor and not m.related), key=lambda m: m.number):
            out.append(f'<a class="ref sev-{m.severity}" href="#f-{m.number}">{m.number}</a>')
    return "".join(out)


# -- evidence, fixes and notes -------------------------------------------------------
def humanize(key: str) -> str:
    words = re.sub(r"[_\-]+", " ", str(key)).strip()
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", words).lower()
    return words[:1].upper() + words[1:]


def _is_location(value: Any) -> bool:
    """A position dict such as ``{"line": 3, "column": 92, ...}`` (shown as ``line 3:92``)."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("line"), int)
        and isinstance(value.get("column"), int)
        and set(value) <= {"line", "column", "end_line", "end_column", "field"}
    )


def _scalar(value: Any, key: str = "") -> str:
    if value is None:
        return '<span class="muted">none</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if _SCORE_KEY_RE.search(key) and 0.0 <= value <= 1.0:
            pct = round(value * 100)
            return f'{value:.2f} <span class="meter" aria-hidden="true"><span style="width:{pct}%"></span></span>'
        return f"{value:.4g}"
    if _is_location(value):
        return e(f"line {value['line']}:{value['column']}")
    return e(value)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool) or _is_location(value)


def render_value(value: Any, key: str = "") -> str:
    """Evidence as readable HTML: numbers as numbers, lists as lists, mappings as definition lists."""
    if _is_scalar(value):
        return _scalar(value, key)
    if isinstance(value, dict):
        return render_mapping(value)
    if isinstance(value, list | tuple):
        return _render_list(list(value), key)
    return e(value)


def _render_list(items: list[Any], key: str) -> str:
    if not items:
        return '<span class="muted">none</span>'
    more = len(items) - _MAX_LIST_ITEMS
    shown = items[:_MAX_LIST_ITEMS]
    tail = f' <span class="muted">… and {more} more</span>' if more > 0 else ""
    if all(_is_scalar(v) for v in shown):
        return ", ".join(f'<span class="item">{_scalar(v, key)}</span>' for v in shown) + tail
    if all(isinstance(v, dict) for v in shown):
        columns = list(dict.fromkeys(k for v in shown for k in v))
        if len(columns) <= 6 and all(_is_scalar(x) for v in shown for x in v.values()):
            head = "".join(f"<th>{e(humanize(c))}</th>" for c in columns)
            rows = "".join(
                "<tr>" + "".join(f"<td>{_scalar(v.get(c), c)}</td>" for c in columns) + "</tr>" for v in shown
            )
            return f'<table class="ev"><tr>{head}</tr>{rows}</table>{tail}'
    return "<ol>" + "".join(f"<li>{render_value(v, key)}</li>" for v in shown) + "</ol>" + tail


def render_mapping(mapping: dict[str, Any]) -> str:
    if not mapping:
        return '<span class="muted">none</span>'
    rows = "".join(f"<dt>{e(humanize(k))}</dt><dd>{render_value(v, str(k))}</dd>" for k, v in mapping.items())
    return f"<dl>{rows}</dl>"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _MAX_QUOTE:
        text = text[: _MAX_QUOTE - 1] + "…"
    return f"<q>{e(text)}</q>"


def describe_edit(edit: Edit, source: str | None) -> str:
    """``replace “Zelenski” with “Zelenskyy”`` (or delete / insert), quoting the source when known."""
    old = source[edit.start : edit.end] if source is not None and 0 <= edit.start <= edit.end <= len(source) else None
    where = f" at line {edit.location.line}:{edit.location.column}" if edit.location else ""
    if edit.end == edit.start:
        return f"insert {_quote(edit.content)}{e(where)}"
    if not edit.content:
        return f"delete {_quote(old) if old else 'the flagged text'}{e(where)}"
    return f"replace {_quote(old) if old else 'the flagged text'} with {_quote(edit.content)}{e(where)}"


def loc_text(loc: Location) -> str:
    if loc.line == loc.end_line:
        text = f"line {loc.line}, columns {loc.column}–{loc.end_column}"
    else:
        text = f"lines {loc.line}:{loc.column}–{loc.end_line}:{loc.end_column}"
    return text + (f", field {loc.field}" if loc.field else "")


@dataclass(slots=True)
class PageIndex:
    """What notes need to link across the page: finding numbers, anchors, document sections."""

    numbers: dict[int, int]
    anchors: set[str]
    sections: dict[str, str]


def _related_item(rel: Related, k: int, number: int, finding: Finding, page: PageIndex) -> str:
    where = loc_text(rel.location)
    other = rel.path not in (None, finding.path)
    if other:
        where = f"{rel.path}, {where}"
    anchor = f"r-{number}-{k}"
    if anchor in page.anchors:
        label = f'<a href="#{anchor}">{e(rel.message)}</a>'
    elif other and rel.path in page.sections:
        label = f'<a href="#{page.sections[rel.path]}">{e(rel.message)}</a>'
    else:
        label = e(rel.message)
    return f'<li>{label} <span class="muted">({e(where)})</span></li>'


def render_note(finding: Finding, page: PageIndex, doc: DocumentResult, rule_summary: str) -> str:
    number = page.numbers[id(finding)]
    sev = e(finding.severity)
    jump = (
        f'<a class="num sev-{sev}" href="#t-{number}">{number}</a>'
        if f"t-{number}" in page.anchors
        else (f'<span class="num sev-{sev}">{number}</span>')
    )
    parts = [
        f'<div class="note sev-{sev}" id="f-{number}">',
        f'<div class="note-head">{jump} <span class="badge sev-{sev}">{sev}</span> '
        f'<code>{e(finding.code)}</code> <span class="rule" title="{e(rule_summary)}">{e(finding.rule)}</span></div>',
        f'<p class="msg">{e(finding.message)}</p>',
        f'<p class="loc muted">{e(loc_text(finding.location))}</p>',
    ]
    if finding.evidence:
        parts.append(f'<div class="evidence">{render_mapping(finding.evidence)}</div>')
    if finding.related:
        items = "".join(_related_item(r, k, number, finding, page) for k, r in enumerate(finding.related, 1))
        parts.append(f'<ul class="related">{items}</ul>')
    if finding.fix is not None:
        edits = "".join(f"<li>{describe_edit(ed, doc.source)}</li>" for ed in finding.fix.edits)
        parts.append(
            f'<div class="fix"><span class="badge fix-{e(finding.fix.safety)}">{e(finding.fix.safety)} fix</span> '
            f"{e(finding.fix.description)}<ul>{edits}</ul></div>"
        )
    if finding.evidence:
        raw = json.dumps(finding.evidence, indent=2, ensure_ascii=False, default=str)
        parts.append(f"<details><summary>Evidence as JSON</summary><pre>{e(raw)}</pre></details>")
    parts.append("</div>")
    return "".join(parts)


# -- documents ------------------------------------------------------------------------
_BLOCK_TAGS = {
    "heading": ("h3", ""),
    "list_item": ("p", "li"),
    "quote": ("blockquote", ""),
    "caption": ("p", "caption"),
    "code": ("pre", ""),
    "link": ("p", "teaser"),
    "teaser_header": ("p", "teaser teaser-header"),
    "teaser_block": ("p", "teaser"),
    "byline": ("p", "byline"),
    "boilerplate": ("p", "boilerplate"),
}


def _in_body(block: dict[str, Any]) -> bool:
    attrs = block.get("attrs") or {}
    return bool(block.get("in_body", attrs.get("in_body", True)))


def render_block(block: dict[str, Any], marks: list[Mark]) -> str:
    kind = str(block.get("kind", "paragraph"))
    tag, cls = _BLOCK_TAGS.get(kind, ("p", ""))
    outside = "" if _in_body(block) else "outside"
    classes = " ".join(c for c in (f"k-{re.sub(r'[^a-z0-9_-]', '', kind.lower())}", cls, outside) if c)
    return f'<{tag} class="{classes}">{render_marked(str(block.get("text", "")), marks)}</{tag}>'


def _notes_html(
    numbers: Iterable[int],
    by_number: dict[int, Finding],
    page: PageIndex,
    doc: DocumentResult,
    summaries: dict[str, str],
) -> str:
    return "".join(render_note(by_number[n], page, doc, summaries.get(by_number[n].rule, "")) for n in numbers)


def render_document(
    doc: DocumentResult, section: str, placed: Placed | None, page: PageIndex, summaries: dict[str, str]
) -> str:
    by_number = {page.numbers[id(f)]: f for f in doc.findings}
    title = doc.title or doc.path
    counts = severity_counts(doc.findings) or "no findings"
    meta = f"{doc.path} · {doc.format}" + (f" · id {doc.id}" if doc.id != doc.path else "") + f" · {counts}"
    out = [f'<section class="article" id="{section}">', f"<h2>{e(title)}</h2>", f'<p class="meta">{e(meta)}</p>']
    if placed is None:
        out.append('<p class="muted">The article text is not available in this report; its findings:</p>')
        out.append(f'<div class="unplaced">{_notes_html(sorted(by_number), by_number, page, doc, summaries)}</div>')
        return "".join(out) + "</section>"
    # Notes float into the right margin next to the block they annotate; the text keeps flowing.
    out.append('<div class="flow">')
    was_body = True
    for i, block in enumerate(doc.blocks or []):
        body = _in_body(block)
        if was_body and not body:
            out.append('<p class="divider">Outside the article body (page furniture, related links)</p>')
        was_body = body
        if placed.notes.get(i):
            out.append(f'<aside class="notes">{_notes_html(placed.notes[i], by_number, page, doc, summaries)}</aside>')
        out.append(render_block(block, placed.marks.get(i, [])))
    out.append("</div>")
    if placed.unplaced:
        out.append('<h3 class="unplaced-head">Findings outside the article text</h3>')
        out.append(f'<div class="unplaced">{_notes_html(placed.unplaced, by_number, page, doc, summaries)}</div>')
    return "".join(out) + "</section>"


# -- summary tables ----------------------------------------------------------------------
def _links(findings: list[Finding], numbers: dict[int, int]) -> str:
    return " ".join(
        f'<a class="num sev-{e(f.severity)}" href="#f-{numbers[id(f)]}">{numbers[id(f)]}</a>' for f in findings
    )


def _severity_cells(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    return "".join(f'<td class="n">{counts.get(s, 0) or ""}</td>' for s in reversed(SEVERITIES))


_SEVERITY_HEAD = "".join(f'<th class="n">{s}</th>' for s in reversed(SEVERITIES))


def rule_table(findings: list[Finding], numbers: dict[int, int], summaries: dict[str, str]) -> str:
    by_rule: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[(f.code, f.rule)].append(f)
    rows = []
    for (code, rule), group in sorted(by_rule.items()):
        rows.append(
            f"<tr><td><code>{e(code)}</code></td><td>{e(rule)}<div class='muted'>{e(summaries.get(rule, ''))}</div>"
            f"</td>{_severity_cells(group)}<td class='n'>{len(group)}</td><td>{_links(group, numbers)}</td></tr>"
        )
    head = f"<tr><th>Code</th><th>Rule</th>{_SEVERITY_HEAD}<th class='n'>total</th><th>Findings</th></tr>"
    return f'<table class="summary" id="by-rule"><caption>By rule</caption>{head}{"".join(rows)}</table>'


def article_table(docs: list[DocumentResult], sections: list[str], numbers: dict[int, int]) -> str:
    rows = []
    for doc, section in zip(docs, sections, strict=True):
        title = e(doc.title or doc.path)
        name = f'<a href="#{section}">{title}</a>' if doc.findings else title
        sub = f"<div class='muted'>{e(doc.path)}</div>" if doc.title else ""
        status = _links(doc.findings, numbers) if doc.findings else '<span class="clean">clean</span>'
        rows.append(
            f"<tr><td>{name}{sub}</td>{_severity_cells(doc.findings)}<td class='n'>{len(doc.findings)}</td>"
            f"<td>{status}</td></tr>"
        )
    head = f"<tr><th>Article</th>{_SEVERITY_HEAD}<th class='n'>total</th><th>Findings</th></tr>"
    return f'<table class="summary" id="by-article"><caption>By article</caption>{head}{"".join(rows)}</table>'


def errors_table(errors: list[ErrorEntry]) -> str:
    rows = "".join(f"<tr><td>{e(err.path)}</td><td>{e(err.kind)}</td><td>{e(err.message)}</td></tr>" for err in errors)
    return (
        '<table class="summary errors" id="errors"><caption>Could not be checked</caption>'
        f"<tr><th>Path</th><th>Kind</th><th>Message</th></tr>{rows}</table>"
    )


_CSS = """
:root{--err:#c62828;--err-bg:#ffd9d6;--warn:#b26a00;--warn-bg:#ffecb3;--info:#1565c0;--info-bg:#d6e9ff;
--ink:#1d1d1f;--muted:#6b6b73;--line:#e3e3e8;--paper:#fff;--bg:#f4f4f6}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
header.page{background:#23262e;color:#fff;padding:1.2rem 2rem}
header.page h1{margin:0;font-size:1.4rem}
header.page p{margin:.3rem 0 0}
main{padding:1rem 2rem 3rem;max-width:90rem;margin:0 auto}
.muted{color:var(--muted);font-size:.9em}
table.summary{border-collapse:collapse;background:var(--paper);margin:1rem 0;width:100%}
table.summary caption{text-align:left;font-weight:600;font-size:1.1rem;padding:.4rem 0}
table.summary th,table.summary td{border-bottom:1px solid var(--line);padding:.35rem .6rem;text-align:left;
vertical-align:top}
th.n,td.n{text-align:right;width:4.5rem}
.clean{color:#2e7d32;font-weight:600}
section.article{background:var(--paper);margin:2rem 0;padding:1.2rem 1.6rem;border-radius:6px;
box-shadow:0 1px 3px rgba(0,0,0,.08)}
section.article h2{font:600 1.6rem/1.25 Georgia,"Times New Roman",serif;margin:.2rem 0}
.meta{color:var(--muted);margin:0 0 1rem}
.flow{padding-right:26rem;font:17px/1.65 Georgia,"Times New Roman",serif}
.flow::after{content:"";display:block;clear:both}
.flow>aside.notes{float:right;clear:right;width:24.5rem;margin-right:-26rem;font:15px/1.5 system-ui,sans-serif}
.flow>p,.flow>h3,.flow>blockquote,.flow>pre{margin:.45rem 0;max-width:42rem}
.flow>h3{font-size:1.2rem}
.flow>blockquote{border-left:3px solid var(--line);padding-left:1rem;font-style:italic}
.flow>pre{white-space:pre-wrap;font:14px/1.4 ui-monospace,monospace;background:var(--bg);padding:.5rem}
.flow>.li{padding-left:1.2rem;position:relative}
.flow>.li::before{content:"•";position:absolute;left:.3rem}
.flow>.caption,.flow>.byline{color:var(--muted);font-size:.9em}
.flow>.teaser{font-family:system-ui,sans-serif;font-size:.95em}
.flow>.outside{opacity:.8;border-left:3px dashed var(--line);padding-left:.7rem}
.divider{margin:1rem 0 .3rem;color:var(--muted);font-size:.85em;text-transform:uppercase;letter-spacing:.05em;
border-top:1px dashed var(--line);padding-top:.5rem}
mark{color:inherit;padding:.05em 0}
.swatch{color:var(--ink);padding:0 .3rem;margin-right:.6rem;border-radius:2px}
mark.sev-error,.swatch.sev-error{background:var(--err-bg);border-bottom:2px solid var(--err)}
mark.sev-warning,.swatch.sev-warning{background:var(--warn-bg);border-bottom:2px solid var(--warn)}
mark.sev-info,.swatch.sev-info{background:var(--info-bg);border-bottom:2px solid var(--info)}
mark.multi{outline:1px dotted var(--ink)}
mark.rel{border-bottom:2px dotted var(--muted)}
mark.rel:not(.hl){background:transparent}
mark.hl.rel{border-bottom-style:double}
a.ref{font:700 .7em system-ui,sans-serif;vertical-align:super;text-decoration:none;margin-left:1px}
.sev-error.ref,.num.sev-error{color:var(--err)}
.sev-warning.ref,.num.sev-warning{color:var(--warn)}
.sev-info.ref,.num.sev-info{color:var(--info)}
a.num,span.num{font-weight:700;text-decoration:none;margin-right:.25rem}
.note{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:4px;padding:.5rem .7rem;
margin:0 0 .45rem;font-size:.88rem;background:#fcfcfd}
.note.sev-error{border-left-color:var(--err)}
.note.sev-warning{border-left-color:var(--warn)}
.note.sev-info{border-left-color:var(--info)}
.note:target{box-shadow:0 0 0 3px #90caf9}
.note p{margin:.25rem 0}
.note .msg{font-weight:500}
.badge{display:inline-block;border-radius:3px;padding:0 .35rem;font-size:.78rem;font-weight:700;color:#fff;
background:var(--muted)}
.badge.sev-error{background:var(--err)}
.badge.sev-warning{background:var(--warn)}
.badge.sev-info{background:var(--info)}
.badge.fix-safe{background:#2e7d32}
.badge.fix-unsafe{background:#6d4c41}
.evidence dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1rem .6rem;margin:.3rem 0}
.evidence dt{color:var(--muted)}
.evidence dd{margin:0;overflow-wrap:anywhere}
.evidence ol{margin:0;padding-left:1.2rem}
table.ev{border-collapse:collapse;font-size:.95em}
table.ev th,table.ev td{border:1px solid var(--line);padding:0 .3rem;text-align:left}
.item+.item{margin-left:.1rem}
.meter{display:inline-block;width:4rem;height:.5rem;background:var(--line);vertical-align:middle;border-radius:2px}
.meter span{display:block;height:100%;background:#5c6bc0;border-radius:2px}
.related,.fix ul{margin:.25rem 0;padding-left:1.1rem}
.fix{margin-top:.3rem}
details summary{cursor:pointer;color:var(--muted);font-size:.85em}
details pre{white-space:pre-wrap;font-size:.8rem;background:var(--bg);padding:.4rem;margin:.2rem 0}
.unplaced .note{max-width:42rem}
.anchor{scroll-margin-top:2rem}
@media (max-width:900px){.flow{padding-right:0}.flow>aside.notes{float:none;width:auto;margin:.4rem 0}}
@media print{body{background:#fff}section.article{box-shadow:none}}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


class HtmlFormatter:
    name: ClassVar[str] = "html"
    needs_documents: ClassVar[bool] = True

    def format(self, report: Report, options: FormatOptions) -> str:
        report.sort()
        findings = report.findings
        numbers = {id(f): n for n, f in enumerate(findings, 1)}
        summaries = {name: getattr(cls, "summary", "") for name, cls in options.rules.items()}
        docs = report.documents
        sections = [f"doc-{i}" for i, _ in enumerate(docs, 1)]
        placements = [place(doc, numbers, doc.findings) if doc.findings else None for doc in docs]
        anchors = set().union(*(p.anchors for p in placements if p is not None))
        first_section: dict[str, str] = {}
        for doc, section in zip(docs, sections, strict=True):
            first_section.setdefault(doc.path, section)
        page = PageIndex(numbers, anchors, first_section)
        body = [self._header(report, options)]
        body.append("<main>")
        if findings:
            body.append(rule_table(findings, numbers, summaries))
        if docs:
            body.append(article_table(docs, sections, numbers))
        if report.errors:
            body.append(errors_table(report.errors))
        for doc, section, placed in zip(docs, sections, placements, strict=True):
            if doc.findings:
                body.append(render_document(doc, section, placed, page, summaries))
        body.append("</main>")
        return self._page("".join(body), report)

    @staticmethod
    def _header(report: Report, options: FormatOptions) -> str:
        legend = " ".join(f'<span class="swatch sev-{s}">{s}</span>' for s in reversed(SEVERITIES))
        version = tool_version(report, options)
        return (
            '<header class="page"><h1>copydesk report</h1>'
            f'<p class="summary-line">{e(summary_sentence(report))}</p>'
            f'<p class="legend">{legend} <span>copydesk {e(version)} · '
            f"{e(plural(len(report.documents), 'document'))}</span></p></header>"
        )

    @staticmethod
    def _page(body: str, report: Report) -> str:
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>copydesk report — {e(summary_sentence(report))}</title>"
            f"<style>{_CSS}</style></head><body>{body}</body></html>\n"
        )
