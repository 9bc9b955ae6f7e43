"""Sentence segmentation: what rules rely on when they report at sentence spans."""

from __future__ import annotations

import pytest

from linters.testing import read
from linters.text.sentences import sentences, split_sentences


def parts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles before names never end a sentence
        (
            "Gen. Mara Okafor met Sen. Jane Doe and Dr. Ilse Brandt. Talks ended.",
            ["Gen. Mara Okafor met Sen. Jane Doe and Dr. Ilse Brandt.", "Talks ended."],
        ),
        # "No." and months with a number
        (
            "The minister left No. 10 Downing St. on Jan. 5 at noon. Nobody spoke.",
            ["The minister left No. 10 Downing St. on Jan. 5 at noon.", "Nobody spoke."],
        ),
        # "no." as a word still ends a sentence
        ("The answer was no. Then the vote began.", ["The answer was no.", "Then the vote began."]),
        # U.S. inside a sentence, and at its end before a sentence opener
        (
            "U.S. officials met in the U.S. The talks resumed later.",
            ["U.S. officials met in the U.S.", "The talks resumed later."],
        ),
        # initials
        (
            "John F. Kennedy and J. K. Rowling were named. They declined.",
            ["John F. Kennedy and J. K. Rowling were named.", "They declined."],
        ),
        # decimals and money
        (
            "Prices rose 2.5 percent to $3.75 a litre. Traders shrugged.",
            ["Prices rose 2.5 percent to $3.75 a litre.", "Traders shrugged."],
        ),
        # quotes: a question inside a quote tagged with its speaker
        (
            '"Why now?" Okafor asked. "We are ready!" she said.',
            ['"Why now?" Okafor asked.', '"We are ready!" she said.'],
        ),
        # a quote with two sentences splits inside the quote
        (
            "“The talks failed. We will go on,” the envoy said.",
            ["“The talks failed.", "We will go on,” the envoy said."],
        ),
        # parentheses: a full stop inside closes nothing; a whole bracketed sentence stands alone
        (
            "The army (which denied it.) withdrew. (She resigned in 2019.) The board met at 5 p.m. The vote was 5-4.",
            [
                "The army (which denied it.) withdrew.",
                "(She resigned in 2019.)",
                "The board met at 5 p.m.",
                "The vote was 5-4.",
            ],
        ),
        # ellipsis followed by lower case continues the sentence
        (
            "Acme Inc. said profits rose... slightly. Is it over? No.",
            ["Acme Inc. said profits rose... slightly.", "Is it over?", "No."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert parts(text) == expected


def test_offsets_are_trimmed_and_cover_the_text() -> None:
    text = "  First one.   Second one!  "
    spans = split_sentences(text)
    assert spans == [(2, 12), (15, 26)]
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!"]


def test_empty_and_unterminated_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("   ") == []
    assert parts("no terminal punctuation here") == ["no terminal punctuation here"]


def test_sentences_of_a_document_are_cached_and_point_into_blocks() -> None:
    doc = read("Lavrov spoke on Sunday. He left.\n\nGen. Petrov stayed in Kyiv.\n", "text")[0]
    first = sentences(doc)
    assert first is sentences(doc)
    assert [s.text for s in first] == ["Lavrov spoke on Sunday.", "He left.", "Gen. Petrov stayed in Kyiv."]
    assert first[2].block is not first[0].block


def test_linear_on_long_text() -> None:
    text = "Gen. Smith said the U.S. Army left No. 4 base. " * 2000
    assert len(split_sentences(text)) == 2000


def test_a_speech_tag_after_a_closed_quote_stays_with_it() -> None:
    assert parts("“The bridge is gone.” Mayor Okafor said. Then she left.") == [
        "“The bridge is gone.” Mayor Okafor said.",
        "Then she left.",
    ]
    # a pronoun opens a new sentence of its own
    assert parts("“The bridge is gone.” He said the river rose. It did.") == [
        "“The bridge is gone.”",
        "He said the river rose.",
        "It did.",
    ]
