"""The Luhn (mod 10) check digit of ISO/IEC 7812-1 Annex B, used on payment card numbers."""

from __future__ import annotations


def luhn_valid(digits: str) -> bool:
    """True when ``digits`` (only 0-9, at least 2 of them) passes the Luhn check."""
    if len(digits) < 2 or not digits.isdigit() or not digits.isascii():
        return False
    total = 0
    # Double every second digit counting from the right (the check digit is not doubled).
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """The digit that, appended to ``payload``, makes a Luhn-valid number."""
    for c in "0123456789":
        if luhn_valid(payload + c):
            return c
    raise ValueError("Luhn payload must be a non-empty string of digits")
