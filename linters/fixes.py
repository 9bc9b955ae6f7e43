"""Apply the rules' fixes to the files they came from (``--fix``, ``--diff``, ``--unsafe-fixes``).

Edits are offsets into ``DocumentResult.source`` (the document text as read).
A file holds one document (text, Markdown, HTML, CMS JSON) or one per line
(JSONL, where ``line_offset`` says which line). Inside CMS JSON the edited text
lives in a JSON string, so replacement content is JSON-escaped and the result
must still parse before anything is written.

Guarantees, in the spirit of ruff's fixer:

* deterministic: fixes are taken in source order; a fix whose edits overlap an
  already accepted fix is left out whole (a fix is all-or-nothing), except that
  overlapping deletions compose into one deletion of their union (neighbouring
  teasers or paragraphs each claim the blank line between them);
* safe: a file is written only if it still holds exactly what was linted, via a
  temporary file in the same directory and an atomic ``os.replace`` that keeps
  the file mode, so a crash never leaves a half-written article;
* convergent: with a ``relint`` callback the fixer re-lints the fixed text and
  repeats (as ruff does) until nothing is left to fix, so a second ``--fix``
  changes nothing.
"""

from __future__ import annotations

import bisect
import difflib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from linters.engine import InputItem
from linters.report import DocumentResult, Finding, Report

__all__ = ["FixOutcome", "apply_fixes"]

_BOM = b"\xef\xbb\xbf"
_JSON_FORMATS = ("json", "jsonl")
_JSON_SUFFIXES = (".json", ".jsonl")
#: How often the fixer re-lints and fixes again (a fix that keeps re-creating its finding stops here).
MAX_ROUNDS = 10

Relint = Callable[[list[InputItem]], Report]
_PlannedEdit = tuple[int, int, str]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass
class FixOutcome:
    """What applying fixes did (or, without ``write``, would do)."""

    applied: int = 0
    files: list[str] = field(default_factory=list)
    diff: str = ""
    errors: list[str] = field(default_factory=list)
    unsafe_skipped: int = 0
    overlapping: int = 0
    written: bool = True

    def summary(self) -> str:
        """One line for stderr, e.g. "Fixed 3 findings in 2 files (1 unsafe fix not applied: use --unsafe-fixes)."."""
        if self.applied:
            verb = "Fixed" if self.written else "Would fix"
            head = f"{verb} {_plural(self.applied, 'finding')} in {_plural(len(self.files), 'file')}"
        else:
            head = "No fixes applied" if self.written else "No fixes to apply"
        notes = []
        if self.unsafe_skipped:
            notes.append(f"{_plural(self.unsafe_skipped, 'unsafe fix')} not applied: use --unsafe-fixes")
        if self.errors:
            notes.append(_plural(len(self.errors), "error"))
        return head + (f" ({'; '.join(notes)})" if notes else "") + "."


@dataclass
class _FileState:
    """One file being fixed: what was read from disk and the text as fixed so far."""

    path: str
    raw: bytes
    bom: bool
    original: str
    text: str
    is_json: bool
    #: one document per line (JSONL) rather than one per file
    per_line: bool
    applied: int = 0
    failed: bool = False


class _FixError(Exception):
    """A problem that stops fixing one file (the others go on)."""


# -- planning ---------------------------------------------------------------------------
def _load(path: str, docs: list[DocumentResult]) -> _FileState:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise _FixError(f"{path}: cannot read for fixing: {exc.strerror or exc}") from None
    bom = raw.startswith(_BOM)
    try:
        text = raw[3 if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        raise _FixError(f"{path}: not valid UTF-8 any more; not fixed") from None
    lower = path.lower()
    is_json = lower.endswith(_JSON_SUFFIXES) or any(d.format in _JSON_FORMATS for d in docs)
    # a JSON array of records gives several documents that each hold the whole file; JSONL gives one per line
    per_line = lower.endswith(".jsonl") or any(d.line_offset or _is_line_of(d.source, text) for d in docs)
    return _FileState(path, raw, bom, text, text, is_json, per_line)


def _is_line_of(source: str | None, text: str) -> bool:
    """``source`` is the first line of ``text`` but not all of it (a one-record JSONL read with --input-format)."""
    return bool(source) and source != text and text.split("\n", 1)[0].rstrip("\r") == source


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _document_base(state: _FileState, doc: DocumentResult, starts: list[int]) -> int:
    """Offset of ``doc.source`` in the file; raises when the file no longer holds what was linted."""
    source = doc.source or ""
    if not state.per_line:
        if state.text != source:
            raise _FixError(f"{state.path}: changed since it was linted; not fixed")
        return 0
    if doc.line_offset >= len(starts):
        raise _FixError(f"{state.path}: changed since it was linted (line {doc.line_offset + 1} is gone); not fixed")
    base = starts[doc.line_offset]
    end = base + len(source)
    if state.text[base:end] != source or state.text[end : end + 1] not in ("", "\n", "\r"):
        raise _FixError(f"{state.path}: changed since it was linted (line {doc.line_offset + 1}); not fixed")
    return base


def _escape(content: str, is_json: bool) -> str:
    return json.dumps(content, ensure_ascii=False)[1:-1] if is_json else content


def _conflicts(a: _PlannedEdit, b: _PlannedEdit) -> bool:
    """Two edits touch the same text (two insertions at one point conflict too: their order is ambiguous)."""
    if a[0] == a[1] == b[0] == b[1]:
        return True
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class _Plan:
    edits: list[_PlannedEdit] = field(default_factory=list)
    applied: int = 0
    unsafe_skipped: int = 0
    overlapping: int = 0
    errors: list[str] = field(default_factory=list)


def _candidates(
    state: _FileState, docs: list[DocumentResult], unsafe: bool, plan: _Plan
) -> list[tuple[tuple[int, int, str, str], list[_PlannedEdit], Finding]]:
    starts = _line_starts(state.text)
    out = []
    for doc in docs:
        base = _document_base(state, doc, starts)
        length = len(doc.source or "")
        for finding in doc.findings:
            fix = finding.fix
            if fix is None or not fix.edits:
                continue
            if fix.safety != "safe" and not unsafe:
                plan.unsafe_skipped += 1
                continue
            if any(not 0 <= e.start <= e.end <= length for e in fix.edits):
                plan.errors.append(f"{state.path}: fix from {finding.rule} points outside the document; skipped")
                continue
            edits = sorted((base + e.start, base + e.end, _escape(e.content, state.is_json)) for e in fix.edits)
            if any(_conflicts(x, y) for i, x in enumerate(edits) for y in edits[i + 1 :]):
                plan.errors.append(f"{state.path}: fix from {finding.rule} has overlapping edits; skipped")
                continue
            key = (edits[0][0], max(e[1] for e in edits), finding.rule, finding.fingerprint)
            out.append((key, edits, finding))
    out.sort(key=lambda c: c[0])
    return out


def _fits(accepted: list[_PlannedEdit], edit: _PlannedEdit) -> bool:
    """No conflict with the accepted edits (sorted, pairwise non-overlapping, so ends rise with starts)."""
    i = bisect.bisect_left(accepted, (edit[0],))
    if i > 0 and _conflicts(accepted[i - 1], edit):
        return False
    while i < len(accepted) and (accepted[i][0] < edit[1] or accepted[i][0] == edit[0]):
        if _conflicts(accepted[i], edit):
            return False
        i += 1
    return True


def _plan_file(state: _FileState, docs: list[DocumentResult], unsafe: bool) -> _Plan:
    plan = _Plan()
    accepted_sets: set[tuple[_PlannedEdit, ...]] = set()
    for _key, edits, _finding in _candidates(state, docs, unsafe, plan):
        if tuple(edits) in accepted_sets:  # two findings, one repair: both are fixed
            plan.applied += 1
            continue
        if not all(_fits(plan.edits, e) or _deletions_merge(plan.edits, e) for e in edits):
            plan.overlapping += 1
            continue
        accepted_sets.add(tuple(edits))
        for edit in edits:
            _accept(plan.edits, edit)
        plan.applied += 1
    return plan


def _overlapping(accepted: list[_PlannedEdit], edit: _PlannedEdit) -> list[_PlannedEdit]:
    return [a for a in accepted if _conflicts(a, edit)]


def _deletions_merge(accepted: list[_PlannedEdit], edit: _PlannedEdit) -> bool:
    """Overlapping deletions compose: removing both ranges is removing their union.

    (Two neighbouring teasers or paragraphs each take the blank line between them.)
    """
    clashes = _overlapping(accepted, edit)
    return bool(clashes) and edit[2] == "" and all(a[2] == "" and a[0] != a[1] for a in clashes)


def _accept(accepted: list[_PlannedEdit], edit: _PlannedEdit) -> None:
    """Insert ``edit``, folding overlapping deletions into one (callers checked they merge)."""
    clashes = _overlapping(accepted, edit)
    for clash in clashes:
        accepted.remove(clash)
    start = min([edit[0], *(c[0] for c in clashes)])
    end = max([edit[1], *(c[1] for c in clashes)])
    bisect.insort(accepted, (start, end, edit[2]))


def _splice(text: str, edits: list[_PlannedEdit]) -> str:
    parts = []
    pos = 0
    for start, end, content in edits:
        parts.append(text[pos:start])
        parts.append(content)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _check_json(state: _FileState, new_text: str) -> None:
    """Fixed CMS JSON must still parse (each changed line, for JSONL)."""
    if state.per_line:
        old_lines = state.text.split("\n")
        new_lines = new_text.split("\n")
        pairs = zip(old_lines, new_lines, strict=False) if len(old_lines) == len(new_lines) else [("", new_text)]
        chunks = [new for old, new in pairs if old != new and new.strip()]
    else:
        chunks = [new_text]
    for chunk in chunks:
        try:
            json.loads(chunk)
        except ValueError:
            raise _FixError(f"{state.path}: fixes would break the JSON; not fixed") from None


# -- one round over a report ---------------------------------------------------------------
def _fixable_documents(report: Report) -> dict[str, list[DocumentResult]]:
    by_path: dict[str, list[DocumentResult]] = {}
    for doc in report.documents:
        if doc.source is None or doc.path == "-" or not any(f.fix for f in doc.findings):
            continue
        by_path.setdefault(doc.path, []).append(doc)
    for docs in by_path.values():
        docs.sort(key=lambda d: d.line_offset)
    return by_path


def _round(report: Report, states: dict[str, _FileState], unsafe: bool, outcome: FixOutcome) -> list[str]:
    """Apply one round of fixes in memory; returns the paths whose text changed."""
    changed = []
    outcome.unsafe_skipped = outcome.overlapping = 0
    for path, docs in sorted(_fixable_documents(report).items()):
        state = states.get(path)
        try:
            if state is None:
                state = states[path] = _load(path, docs)
            if state.failed:
                continue
            plan = _plan_file(state, docs, unsafe)
            outcome.errors.extend(plan.errors)
            outcome.unsafe_skipped += plan.unsafe_skipped
            outcome.overlapping += plan.overlapping
            if not plan.edits:
                continue
            new_text = _splice(state.text, plan.edits)
            if state.is_json:
                _check_json(state, new_text)
        except _FixError as exc:
            outcome.errors.append(str(exc))
            if state is not None:
                state.failed = True
            continue
        if new_text != state.text:
            state.text = new_text
            state.applied += plan.applied
            changed.append(path)
    return changed


# -- output ---------------------------------------------------------------------------------
def _display(path: str) -> str:
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    if rel.startswith(".."):
        rel = path
    rel = Path(rel).as_posix()
    return rel[2:] if rel.startswith("./") else rel.lstrip("/")


def _lines(text: str, bom: bool) -> list[str]:
    """``text`` as ``patch`` sees its lines: split on "\n" only (U+2028, \f, \v stay inside a line; "\r" is kept).

    ``str.splitlines`` would also break on those, and the diff would no longer match the file.
    A leading BOM is part of the first line on disk, so it is put back for the context to match.
    """
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    if not lines[-1]:
        lines.pop()
    if bom:
        lines[:1] = ["\ufeff" + (lines[0] if lines else "")]
    return lines


def _unified(state: _FileState) -> str:
    name = _display(state.path)
    old = _lines(state.original, state.bom)
    new = _lines(state.text, state.bom)
    out = []
    for line in difflib.unified_diff(old, new, fromfile=f"a/{name}", tofile=f"b/{name}"):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _write(state: _FileState) -> None:
    """Atomically replace the file with the fixed text, if it still holds what was linted."""
    target = os.path.realpath(state.path)
    try:
        if Path(target).read_bytes() != state.raw:
            raise _FixError(f"{state.path}: changed on disk while fixing; not written")
        mode = stat.S_IMODE(os.stat(target).st_mode)
        data = (_BOM if state.bom else b"") + state.text.encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise _FixError(f"{state.path}: cannot write: {exc.strerror or exc}") from None


def apply_fixes(
    report: Report,
    *,
    unsafe: bool,
    write: bool,
    relint: Relint | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> FixOutcome:
    """Apply the fixes in ``report``: write the files (``write``) or only compute the diff.

    ``relint(items)`` lints in-memory contents (items carry ``data``) and returns a
    report with sources kept; when given, fixing repeats until nothing changes.
    """
    outcome = FixOutcome(written=write)
    states: dict[str, _FileState] = {}
    current = report
    for round_no in range(max(1, max_rounds)):
        changed = _round(current, states, unsafe, outcome)
        if not changed or relint is None or round_no == max_rounds - 1:
            break
        live = sorted(p for p, s in states.items() if not s.failed)
        items = [InputItem(p, path=p, data=states[p].text.encode("utf-8")) for p in live]
        current = relint(items)
    done = [s for _, s in sorted(states.items()) if not s.failed and s.text != s.original]
    diffs = []
    for state in done:
        if write:
            try:
                _write(state)
            except _FixError as exc:
                outcome.errors.append(str(exc))
                continue
        diffs.append(_unified(state))
        outcome.files.append(state.path)
        outcome.applied += state.applied
    outcome.diff = "".join(diffs)
    outcome.errors = list(dict.fromkeys(outcome.errors))
    return outcome
