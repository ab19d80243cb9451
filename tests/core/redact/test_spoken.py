from __future__ import annotations

import pytest

from ccedge.core.redact.spoken import parse_numbers
from ccedge.core.redact.tokens import tokenise


def digits(text: str) -> list[str]:
    return [p.digits for p in parse_numbers([t.norm for t in tokenise(text)]) if p.role == "number"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("four one one one", ["4", "1", "1", "1"]),
        ("4111 1111 1111 1111", ["4111", "1111", "1111", "1111"]),
        ("4111-1111-1111-1111", ["4111111111111111"]),
        ("oh nine", ["0", "9"]),
        ("double five", ["55"]),
        ("triple seven", ["777"]),
        ("double oh seven", ["00", "7"]),
        ("forty two", ["42"]),
        ("forty-two", ["42"]),
        ("nineteen eighty", ["19", "80"]),
        ("nineteen oh five", ["19", "0", "5"]),
        ("twenty twenty five", ["20", "25"]),
        ("two thousand and five", ["2005"]),
        ("four thousand one hundred eleven", ["4111"]),
        ("nineteen hundred eighty", ["1980"]),
        ("a hundred", ["100"]),
        ("five hundred", ["500"]),
        ("four 1 one 1", ["4", "1", "1", "1"]),
        ("four-one-one-one", ["4111"]),
        ("(555) 123-4567", ["555", "1234567"]),
    ],
)
def test_spoken_numbers_become_digits(text: str, expected: list[str]) -> None:
    assert digits(text) == expected


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("forty two dollars", "amount"),
        ("$42.50", "amount"),
        ("12.50", "amount"),
        ("ten percent", "amount"),
        ("10:30", "time"),
        ("five o'clock", "time"),
        ("twenty first", "ordinal"),
        ("15th", "ordinal"),
        ("three days", "quantity"),
        ("the last four digits", "quantity"),
    ],
)
def test_amounts_times_and_counts_are_not_identifiers(text: str, role: str) -> None:
    pieces = parse_numbers([t.norm for t in tokenise(text)])
    assert pieces and all(p.role == role for p in pieces)


def test_oh_is_zero_only_among_numbers() -> None:
    assert digits("Oh, okay, thanks") == []
    assert digits("four oh one") == ["4", "0", "1"]


def test_words_keep_their_token_positions() -> None:
    toks = tokenise("it is forty two, then seven")
    pieces = parse_numbers([t.norm for t in toks])
    assert [(p.first, p.last) for p in pieces] == [(2, 3), (5, 5)]
