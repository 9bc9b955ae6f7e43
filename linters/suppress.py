"""Suppressions: inline directives, CMS metadata ignores, and the directive rules.

Directives are HTML comments, valid in Markdown and HTML (and tolerated in
plain text)::

    <!-- copydesk-disable inconsistent-name, CD101 -->   until enable or end of file
    <!-- copydesk-enable -->                             re-enables everything (or the named rules)
    <!-- copydesk-disable-next unrelated-link -->        the next block only

A directive that names no rule suppresses nothing and is reported
(``invalid-directive``); so is one naming an unknown rule. A directive that
suppressed no finding of an enabled rule is reported as ``unused-directive``
(like ruff's RUF100), so stale suppressions do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linters.document import Document, Location
from linters.report import Finding
from linters.rule import Rule, RuleContext

__all__ = [
    "Directive",
    "InvalidDirective",
    "SuppressionMap",
    "UnusedDirective",
    "apply_suppressions",
    "parse_directives",
]

_DIRECTIVE_RE = re.compile(
    r"<!--\s*copydesk-(?P<kind>disable-next|disable|enable)(?P<rules>[^>]*?)\s*-->", re.IGNORECASE
)
_ALMOST_RE = re.compile(r"<!--\s*copy-?desk[-_ ]?(?P<word>[a-z-]*)", re.IGNORECASE)


Position = tuple[int, int]  # (line, column), 1-based, as in Location


@dataclass
class Directive:
    kind: str
    rules: list[str]
    start: int
    end: int
    location: Location
    #: per rule: the source positions it covers, start inclusive, end exclusive
    ranges: dict[str, tuple[Position, Position]] = field(default_factory=dict)
    problem: str | None = None
    matched: set[str] = field(default_factory=set)


def _resolve(ident: str, known: dict[str, str]) -> str | None:
    """Rule name for a name or code (known maps both to the name)."""
    return known.get(ident) or known.get(ident.upper())


def parse_directives(doc: Document, known: dict[str, str]) -> list[Directive]:
    """All directives in the document's source, with the source positions each one covers.

    Ranges are positions, not lines, so a directive inside a one-line JSON string
    or minified HTML covers only the next block. Directives inside code blocks are
    examples, not instructions, and are ignored.
    """
    text = doc.text
    if "copydesk-" not in text:
        return []
    code = [(b.source_start, b.source_end) for b in doc.blocks if b.kind == "code"]
    directives: list[Directive] = []
    for m in _DIRECTIVE_RE.finditer(text):
        if any(start <= m.start() < end for start, end in code):
            continue
        names = [r.strip() for r in re.split(r"[,\s]+", m.group("rules")) if r.strip()]
        d = Directive(m.group("kind").lower(), names, m.start(), m.end(), doc.location_of_range(m.start(), m.end()))
        unknown = [n for n in names if known and _resolve(n, known) is None]
        if d.kind != "enable" and not names:
            d.problem = f"copydesk-{d.kind} names no rule; write the rule names it should suppress"
        elif unknown:
            d.problem = f"copydesk-{d.kind} names unknown rule(s): {', '.join(unknown)}"
        d.rules = [_resolve(n, known) or n for n in names]
        directives.append(d)
    end_of_text = doc.line_col(len(text))
    end_of_text = (end_of_text[0], end_of_text[1] + 1)
    for i, d in enumerate(directives):
        if d.problem or d.kind == "enable":
            continue
        if d.kind == "disable-next":
            nxt = next((b for b in doc.blocks if b.source_start >= d.end), None)
            if nxt is not None:
                span = (doc.line_col(nxt.source_start), doc.line_col(max(nxt.source_end, nxt.source_start + 1)))
                d.ranges = dict.fromkeys(d.rules, span)
            continue
        start = doc.line_col(d.end)
        for rule in d.rules:  # each rule runs until an enable that names it (or names none)
            enable = next(
                (e for e in directives[i + 1 :] if e.kind == "enable" and (not e.rules or rule in e.rules)), None
            )
            d.ranges[rule] = (start, (enable.location.line, enable.location.column) if enable else end_of_text)
    return directives


def _covers(span: tuple[Position, Position], finding: Finding) -> bool:
    return span[0] <= (finding.location.line, finding.location.column) < span[1]


def apply_suppressions(
    findings: list[Finding], directives: list[Directive], ignored: set[str]
) -> tuple[list[Finding], int]:
    """Drop findings covered by directives or by the document's metadata ignore list."""
    kept: list[Finding] = []
    dropped = 0
    for f in findings:
        if f.rule in ignored or f.code in ignored:
            dropped += 1
            continue
        hit = False
        for d in directives:
            span = d.ranges.get(f.rule)
            if span is not None and _covers(span, f):
                d.matched.add(f.rule)
                hit = True
        if hit:
            dropped += 1
        else:
            kept.append(f)
    return kept, dropped


@dataclass
class SuppressionMap:
    """What a document suppresses, as plain data: it outlives the document (corpus rules, ``--cache``)."""

    ranges: list[tuple[str, Position, Position]]
    ignored: list[str]

    @classmethod
    def build(cls, directives: list[Directive], ignored: set[str]) -> SuppressionMap:
        ranges = [(rule, start, end) for d in directives for rule, (start, end) in sorted(d.ranges.items())]
        return cls(ranges, sorted(ignored))

    def covers(self, finding: Finding) -> bool:
        if finding.rule in self.ignored or finding.code in self.ignored:
            return True
        return any(rule == finding.rule and _covers((start, end), finding) for rule, start, end in self.ranges)

    def to_json(self) -> dict[str, list]:
        return {"ranges": [[rule, list(start), list(end)] for rule, start, end in self.ranges], "ignored": self.ignored}

    @classmethod
    def from_json(cls, data: dict[str, list]) -> SuppressionMap:
        ranges = [(str(r), (int(a[0]), int(a[1])), (int(b[0]), int(b[1]))) for r, a, b in data["ranges"]]
        return cls(ranges, [str(x) for x in data["ignored"]])


class InvalidDirective(Rule):
    """A copydesk directive comment that cannot work.

    ## What it does
    Reports `<!-- copydesk-disable -->` and `<!-- copydesk-disable-next -->` comments that name no
    rule, or name a rule that does not exist.

    ## Why is this bad?
    A blanket or misspelt directive silently hides nothing (or everything): the editor believes a
    finding is handled while it is not. Naming the rule keeps suppressions deliberate and reviewable.

    ## Example
    ```markdown
    <!-- copydesk-disable -->
    ```
    Use instead:
    ```markdown
    <!-- copydesk-disable inconsistent-name -->
    ```

    ## Options
    None.
    """

    code = "CD001"
    name = "invalid-directive"
    summary = "A copydesk directive names no rule or an unknown rule"
    default_severity = "warning"
    tags = ("directives",)

    #: rule names and codes -> names; the engine sets it from the registered rules
    known_rules: dict[str, str] = {}

    def check(self, doc: Document, ctx: RuleContext) -> None:
        for d in parse_directives(doc, self.known_rules):
            if d.problem:
                ctx.report((d.start, d.end), d.problem, evidence={"directive": d.kind, "rules": d.rules})


class UnusedDirective(Rule):
    """A suppression directive that suppressed nothing.

    ## What it does
    Reports `copydesk-disable` / `copydesk-disable-next` comments naming an enabled rule that
    reported nothing in the range they cover.

    ## Why is this bad?
    Stale suppressions outlive the problem they hid and would hide the next, real one.

    ## Example
    A `<!-- copydesk-disable-next duplicate-paragraph -->` above a paragraph that is no longer
    duplicated.

    ## Options
    None.
    """

    code = "CD002"
    name = "unused-directive"
    summary = "A copydesk directive suppressed no finding"
    default_severity = "warning"
    tags = ("directives",)

    def check(self, doc: Document, ctx: RuleContext) -> None:
        """Unused directives are known only after suppression: the engine calls :meth:`report_unused`."""

    def report_unused(self, ctx: RuleContext, directives: list[Directive], enabled: set[str]) -> None:
        for d in directives:
            if d.problem or d.kind == "enable":
                continue
            unused = [r for r in d.rules if r in enabled and r not in d.matched]
            if unused:
                ctx.report(
                    (d.start, d.end),
                    f"copydesk-{d.kind} suppresses nothing for {', '.join(unused)}; remove it",
                    evidence={"directive": d.kind, "unused_rules": unused},
                    fix=ctx.fix(
                        "remove the directive", [ctx.edit(d.start, d.end, "")], safe=len(unused) == len(d.rules)
                    ),
                )
