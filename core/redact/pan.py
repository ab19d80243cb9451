"""Primary account numbers (PCI DSS 3.5): 12-19 digits, Luhn-valid, in a known issuer range.

A card number is found in a chain of the call's digit stream, so a number read in groups
over several utterances, or keyed on the phone, is found whole. Windows of a chain are
tried at group boundaries, longest first, so "4111 1111 1111 1111 12 25 123" yields the
PAN and leaves the expiry and code to their detectors.
"""

from __future__ import annotations

from ccedge.core.redact.calltext import CallText, Hit
from ccedge.core.redact.context import CARD, around
from ccedge.core.redact.digitstream import Chain
from ccedge.core.redact.luhn import luhn_valid

# Issuer identification number ranges (ISO/IEC 7812-1; networks' published BIN ranges),
# as (low prefix, high prefix, allowed lengths).
_ALL = tuple(range(12, 20))
IIN_RANGES: tuple[tuple[str, str, tuple[int, ...], str], ...] = (
    ("4", "4", (13, 16, 19), "visa"),
    ("51", "55", (16,), "mastercard"),
    ("2221", "2720", (16,), "mastercard"),
    ("34", "34", (15,), "amex"),
    ("37", "37", (15,), "amex"),
    ("6011", "6011", (16, 17, 18, 19), "discover"),
    ("644", "649", (16, 17, 18, 19), "discover"),
    ("65", "65", (16, 17, 18, 19), "discover"),
    ("300", "305", (14, 15, 16, 17, 18, 19), "diners"),
    ("309", "309", (14, 15, 16, 17, 18, 19), "diners"),
    ("36", "36", (14, 15, 16, 17, 18, 19), "diners"),
    ("38", "39", (14, 15, 16, 17, 18, 19), "diners"),
    ("3528", "3589", (15, 16, 17, 18, 19), "jcb"),
    ("2131", "2131", (15,), "jcb"),
    ("1800", "1800", (15,), "jcb"),
    ("62", "62", (16, 17, 18, 19), "unionpay"),
    ("81", "82", (16, 17, 18, 19), "unionpay"),
    ("2200", "2204", (16, 17, 18, 19), "mir"),
    ("50", "50", _ALL, "maestro"),
    ("56", "69", _ALL, "maestro"),
    ("0604", "0604", _ALL, "maestro"),
    ("1", "1", (15,), "uatp"),
    ("9792", "9792", (16,), "troy"),
)


def issuer(digits: str) -> str | None:
    """The card network whose range holds ``digits`` and allows its length, or None."""
    for lo, hi, lengths, name in IIN_RANGES:
        p = digits[: len(lo)]
        if len(p) == len(lo) and lo <= p <= hi and len(digits) in lengths:
            return name
    return None


def is_pan(digits: str) -> bool:
    """Luhn-valid, 13-19 digits (12 for Maestro) and in an issuer range."""
    return 12 <= len(digits) <= 19 and luhn_valid(digits) and issuer(digits) is not None


def find_windows(chain: Chain, card_context: bool) -> list[tuple[int, int, float]]:
    """Card-number windows (a, b, confidence) of a chain, non-overlapping, left to right."""
    text = chain.text
    n = len(text)
    out: list[tuple[int, int, float]] = []
    starts = sorted(x for x in chain.bounds if x < n)
    pos = 0
    for a in starts:
        if a < pos:
            continue
        best: tuple[int, int, float] | None = None
        for length in range(min(19, n - a), 11, -1):
            b = a + length
            if b not in chain.bounds and not card_context:
                continue
            w = text[a:b]
            if not luhn_valid(w):
                continue
            if issuer(w) is not None and (length >= 13 or card_context):
                conf = 0.97 if b in chain.bounds else 0.85
                best = (a, b, conf)
                break
            if card_context and length >= 13 and b in chain.bounds:
                best = (a, b, 0.8)
                break
        if best is not None:
            out.append(best)
            pos = best[1]
    return out


def detect_split(call: CallText, chains: list[Chain]) -> tuple[list[Hit], list[Chain]]:
    """Card numbers, and the chains left for other detectors once card numbers are cut out.

    "4111 1111 1111 1111, 12 25, 123" said in one breath leaves "1225" and "123" for the
    expiry and code detectors.
    """
    hits: list[Hit] = []
    rest: list[Chain] = []
    for ch in chains:
        if len(ch) < 12:
            rest.append(ch)
            continue
        ctx = bool(CARD.search(around(call, ch)))
        wins = find_windows(ch, ctx)
        for a, b, conf in wins:
            hits.append(ch.hit("PAN", "pan-luhn", conf, a, b))
        if not wins and ctx and 13 <= len(ch) <= 19:
            # A number of card length in card context that fails Luhn is still masked: a
            # misrecognised digit must not let the other fifteen through (fail closed).
            hits.append(ch.hit("PAN", "pan-context", 0.6))
            continue
        if not wins and ctx and len(ch) > 19 and ch.text[0] in "3456":
            wins = [(0, 16, 0.5)]
            hits.append(ch.hit("PAN", "pan-context", 0.5, 0, 16))
        if not wins:
            rest.append(ch)
            continue
        pos = 0
        for a, b, _ in wins:
            if a > pos:
                rest.append(ch.sub(pos, a))
            pos = b
        if pos < len(ch):
            rest.append(ch.sub(pos, len(ch)))
    return hits, rest


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    return detect_split(call, chains)[0]
