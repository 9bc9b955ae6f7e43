"""Language guess that keeps English cue lists off articles in other languages."""

from __future__ import annotations

import pytest

from linters.text.language import english_votes, looks_english

ENGLISH = (
    "The council said on Monday that the harbour would stay closed until the storm had passed, and that "
    "the ferry to the islands was cancelled for the rest of the week."
)


@pytest.mark.parametrize(
    "text",
    [
        # Portuguese, Italian, German, Indonesian, Czech (written for this test)
        "A câmara disse na segunda-feira que o porto vai ficar fechado até que a tempestade passe, e que o "
        "barco para as ilhas não vai sair durante o resto da semana.",
        "Il consiglio ha detto lunedì che il porto resterà chiuso fino alla fine della tempesta, e che il "
        "traghetto per le isole non partirà per il resto della settimana.",
        "Der Rat sagte am Montag, dass der Hafen geschlossen bleibt, bis der Sturm vorbei ist, und dass die "
        "Fähre zu den Inseln für den Rest der Woche nicht fährt.",
        "Dewan mengatakan pada hari Senin bahwa pelabuhan itu akan tetap ditutup sampai badai berlalu, dan "
        "kapal ke pulau-pulau tidak akan berlayar untuk sisa minggu ini.",
        "Vláda řekla, že přístav zůstane zavřený, ale trajekt je připraven a lidé jsou na cestě, když se počasí "
        "zlepší, jak bylo oznámeno podle starosty.",
        # a non-Latin script
        "Совет заявил в понедельник, что гавань останется закрытой до тех пор, пока не пройдёт шторм.",
    ],
)
def test_other_languages_are_not_english(text: str) -> None:
    assert not looks_english(text)


def test_english_with_a_foreign_name_or_quote_is_english() -> None:
    text = ENGLISH + ' The mayor, Dona da Silva, added: "Não vamos desistir."'
    assert looks_english(text)
    english, foreign = english_votes(text)
    assert english > foreign > 0


def test_too_little_text_is_assumed_english() -> None:
    assert looks_english("Porto fechado.")
    assert looks_english("")
