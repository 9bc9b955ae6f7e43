"""A single-file local rule plugin: the newsroom's banned phrases.

Load it from a config file you wrote::

    plugins: [./house_style.py]
    rules:
      banned-phrase:
        phrases: {"slammed": "criticised", "amid": "during"}

Plugins import only from ``linters`` (the copydesk host API).
"""

from __future__ import annotations

import re

from linters import Document, Rule, RuleContext, hookimpl


class BannedPhrase(Rule):
    """A phrase the house style guide bans, with the replacement it prescribes.

    ## What it does
    Reports each occurrence of a configured phrase (whole words, any case) and offers the
    style guide's replacement as a fix.

    ## Why is this bad?
    Loaded verbs ("slammed", "blasted") editorialise news copy; house style keeps them out.

    ## Example
    ```text
    The minister slammed the report.
    ```
    Use instead:
    ```text
    The minister criticised the report.
    ```

    ## Options
    `phrases`: mapping of banned phrase to its replacement.
    """

    code = "HS001"
    name = "banned-phrase"
    summary = "A phrase the house style guide bans"
    default_severity = "warning"
    fixable = "unsafe"
    options_schema = {
        "type": "object",
        "properties": {
            "phrases": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "default": {"slammed": "criticised", "blasted": "criticised"},
                "description": "banned phrase -> replacement",
            }
        },
        "additionalProperties": False,
    }

    def check(self, doc: Document, ctx: RuleContext) -> None:
        phrases = self.options["phrases"]
        if not phrases:
            return
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b", re.I
        )
        lookup = {p.casefold(): r for p, r in phrases.items()}
        for block in doc.body_blocks():
            for m in pattern.finditer(block.text):
                replacement = lookup[m.group(1).casefold()]
                span = block.span(m.start(), m.end())
                ctx.report(
                    span,
                    f"house style: write {replacement!r}, not {m.group(1)!r}",
                    evidence={"phrase": m.group(1), "replacement": replacement},
                    fix=ctx.fix(f"replace with {replacement!r}", [ctx.replace(span, replacement)]),
                )


@hookimpl
def copydesk_add_rules() -> list[type[Rule]]:
    return [BannedPhrase]
