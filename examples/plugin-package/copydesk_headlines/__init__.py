"""Example third-party plugin package for copydesk: flags headlines that shout.

Installed with ``pip install ./examples/plugin-package``; its rule then shows
up in ``copydesk rules`` through the ``copydesk`` entry-point group.
"""

from __future__ import annotations

import re

from linters import Document, Rule, RuleContext, hookimpl

__version__ = "0.1.0"

_WORD_RE = re.compile(r"\b[A-Z]{3,}\b")


class ShoutingHeadline(Rule):
    """A headline with words in capitals for emphasis.

    ## What it does
    Reports headings (and the document title) that contain words of three or more capital
    letters that are not known acronyms.

    ## Why is this bad?
    Capitalised words read as shouting and as clickbait; house style uses sentence case.

    ## Example
    ```markdown
    # Mayor says bridge will NEVER reopen
    ```
    Use instead:
    ```markdown
    # Mayor says bridge will never reopen
    ```

    ## Options
    `acronyms`: capitalised words that are allowed (NATO, BBC ...).
    """

    code = "HL101"
    name = "shouting-headline"
    summary = "Headline words in capitals for emphasis"
    default_severity = "warning"
    fixable = "unsafe"
    options_schema = {
        "type": "object",
        "properties": {
            "acronyms": {
                "type": "array",
                "items": {"type": "string"},
                "default": ["NATO", "BBC", "UN", "EU", "USA", "UK", "NHS", "FBI", "CEO"],
                "description": "words in capitals that are allowed",
            }
        },
        "additionalProperties": False,
    }

    def check(self, doc: Document, ctx: RuleContext) -> None:
        allowed = set(self.options["acronyms"])
        for block in doc.blocks:
            if block.kind != "heading":
                continue
            for m in _WORD_RE.finditer(block.text):
                if m.group() in allowed:
                    continue
                span = block.span(m.start(), m.end())
                ctx.report(
                    span,
                    f"headline shouts {m.group()!r}: use sentence case",
                    evidence={"word": m.group()},
                    fix=ctx.fix("lower-case the word", [ctx.replace(span, m.group().lower())]),
                )


@hookimpl
def copydesk_add_rules() -> list[type[Rule]]:
    return [ShoutingHeadline]
