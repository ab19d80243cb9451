from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ccedge.core.redact.luhn import luhn_check_digit, luhn_valid
from ccedge.core.redact.pan import is_pan, issuer

PUBLIC_TEST_PANS = [
    "4111111111111111",
    "5555555555554444",
    "378282246310005",
    "6011111111111117",
    "3530111333300000",
    "30569309025904",
    "4012888888881881",
    "371449635398431",
]


def test_public_test_pans_are_valid() -> None:
    for p in PUBLIC_TEST_PANS:
        assert luhn_valid(p) and is_pan(p), p


def test_luhn_rejects_one_wrong_digit() -> None:
    assert not luhn_valid("4111111111111112")
    assert not luhn_valid("4012888888881882")
    assert not luhn_valid("")
    assert not luhn_valid("4x11")


@given(st.text(alphabet="0123456789", min_size=1, max_size=18), st.integers(0, 9))
def test_check_digit_makes_valid_and_single_changes_break_it(payload: str, delta: int) -> None:
    full = payload + luhn_check_digit(payload)
    assert luhn_valid(full)
    if delta:
        bad = full[:-1] + str((int(full[-1]) + delta) % 10)
        assert not luhn_valid(bad)


def test_issuer_ranges_and_lengths() -> None:
    assert issuer("4111111111111111") == "visa"
    assert issuer("5555555555554444") == "mastercard"
    assert issuer("2221000000000009") == "mastercard"
    assert issuer("378282246310005") == "amex"
    assert issuer("37828224631000") is None  # Amex is 15 digits
    assert issuer("7111111111111111") is None
    assert not is_pan("1748503543012")
