"""Spanish calls: number words in the digit stream, Spanish cues and months (issue 15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ccedge.core.redact import cues
from ccedge.core.redact.spoken import parse_numbers

PAN_WORDS = (
    "cuatro cinco tres nueve cero uno dos tres cuatro cinco seis siete ocho nueve cero cuatro"
)  # 4539 0123 4567 8904: Luhn-valid


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("cuatro cinco tres nueve", ["4", "5", "3", "9"]),
        ("cero ocho", ["0", "8"]),
        ("veinte", ["20"]),
        ("treinta y cinco", ["35"]),
        ("veintitrés", ["23"]),
        ("mil novecientos ochenta", ["1980"]),
        ("dos mil veinticuatro", ["2024"]),
        ("ciento cinco", ["105"]),
        ("quinientos", ["500"]),
        ("dieciséis", ["16"]),
    ],
)
def test_spanish_number_words(text: str, digits: list[str]) -> None:
    assert [p.digits for p in parse_numbers(text.split())] == digits


def test_english_words_that_are_spanish_numbers_stay_words() -> None:
    assert parse_numbers("once again please".split()) == []
    assert parse_numbers("i paid once".split()) == []
    assert [p.digits for p in parse_numbers("cero once".split())] == ["0", "11"]
    assert parse_numbers("blanco y negro".split()) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("¿Me puede dar el número de su tarjeta?", "PAN"),
        ("¿Cuál es su fecha de nacimiento?", "DOB"),
        ("Necesito su número de seguro social.", "SSN"),
        ("Y el código de seguridad, por favor.", "CVV"),
        ("¿Y la fecha de caducidad?", "EXPIRY"),
    ],
)
def test_spanish_cues(text: str, kind: str) -> None:
    assert kind in {c.kind for c in cues.find(text)}


def test_spanish_card_number_in_words_is_redacted(texts: Callable[..., list[str]]) -> None:
    out = texts(
        [
            ("agent", "¿Me puede dar el número de su tarjeta?"),
            ("caller", f"Sí, es {PAN_WORDS}."),
            ("agent", "Gracias. ¿Y el código de seguridad?"),
            ("caller", "Siete tres dos."),
        ]
    )
    joined = " ".join(out)
    assert "[PAN]" in out[1] and "cinco tres nueve" not in out[1], out
    assert "siete tres dos" not in joined.lower(), out


def test_spanish_card_number_in_digits_is_redacted(texts: Callable[..., list[str]]) -> None:
    # How Whisper base mostly writes it: digits in groups.
    out = texts([("agent", "¿El número de su tarjeta?"), ("caller", "Es 4539 0123 4567 8904.")])
    assert "4539" not in out[1] and "[PAN]" in out[1], out


@pytest.mark.parametrize(
    "answer",
    [
        "Nací el doce de marzo de mil novecientos ochenta.",
        "El 12 de marzo de 1980.",
        "Doce de marzo, mil novecientos ochenta.",
    ],
)
def test_spanish_date_of_birth_is_redacted(texts: Callable[..., list[str]], answer: str) -> None:
    out = texts([("agent", "¿Cuál es su fecha de nacimiento?"), ("caller", answer)])
    low = out[1].lower()
    assert "[dob]" in low, out
    assert "1980" not in low and "ochenta" not in low and "marzo" not in low, out
