"""Sentence segmentation: what rules rely on when they report at sentence spans."""

from __future__ import annotations

import pytest

from linters.testing import read
from linters.text.sentences import sentences, split_long, split_sentences


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


def test_split_long_cuts_over_long_ranges_at_line_breaks_then_spaces() -> None:
    text = "\n".join(" ".join(["word"] * 9) for _ in range(30))  # 30 lines of 44 characters, no punctuation
    pieces = split_long(text, 0, len(text), limit=200)
    assert all(e - s <= 200 for s, e in pieces)
    assert all(text[s:e].count("\n") == 3 for s, e in pieces[:-1])  # whole lines: 4 fit in 200 characters
    assert " ".join(text[s:e] for s, e in pieces).split() == text.split()  # nothing lost, nothing repeated
    spaced = "word " * 100
    assert [spaced[s:e] for s, e in split_long(spaced, 0, len(spaced), limit=23)][:2] == [
        "word word word word",
        "word word word word",
    ]


def test_split_long_keeps_short_ranges_and_hard_cuts_one_huge_token() -> None:
    assert split_long("  Talks ended.  ", 2, 14) == [(2, 14)]
    assert split_long("x" * 25, 0, 25, limit=10) == [(0, 10), (10, 20), (20, 25)]


def test_runs_of_marks_end_sentences_as_before_and_a_huge_run_is_one_sentence() -> None:
    assert parts("He paused...... Then he spoke!!! It ended.") == ["He paused......", "Then he spoke!!!", "It ended."]
    assert parts("Wait...x and then. Go.") == ["Wait...x and then.", "Go."]
    dots = "." * 200_000 + "x"  # no space after the run: no boundary in it
    assert split_sentences(dots) == [(0, len(dots))]
