"""The spoken-number normaliser: numbers as a recogniser writes them, turned into digits.

Whisper writes a number read aloud in many ways: "4111 1111", "4-1-1-1", "four one one one",
"oh nine", "double five", "triple seven", "forty two", "nineteen eighty", "two thousand and
five", or a mix of digits and words. No library handles that for recogniser output, so this
module holds a small grammar for it. It returns *pieces*: runs of tokens that together say
one number, with the digits they say and the role of the number (an identifier-like number,
an amount, a time, an ordinal or a quantity), so that the digit stream can join pieces into
the long numbers people read in groups and leave amounts and times alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ccedge.core.redact import spanish

UNITS = {
    "zero": 0,
    "oh": 0,
    "o": 0,
    "nought": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
REPEAT = {"double": 2, "triple": 3}
SCALE = {"hundred": 100, "thousand": 1000}
# Words after a number that make it an amount, a time or a count rather than an identifier.
AMOUNT_AFTER = {
    "dollar",
    "dollars",
    "bucks",
    "cents",
    "cent",
    "pounds",
    "pound",
    "euros",
    "euro",
    "percent",
    "pence",
    "usd",
    "grand",
    "k",
}
TIME_AFTER = {"am", "a.m", "pm", "p.m", "o'clock", "oclock", "a.m.", "p.m."}
QUANTITY_AFTER = {
    "minutes",
    "minute",
    "hours",
    "hour",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "seconds",
    "items",
    "times",
    "people",
    "digits",
    "digit",
    "numbers",
    "characters",
    "letters",
    "percent",
    "miles",
    "points",
    "calls",
    "orders",
    "pieces",
}

Role = Literal["number", "amount", "time", "ordinal", "quantity"]

_WRITTEN = re.compile(r"[#+]?(\d+(?:[-./]\d+)*)")
_ORDINAL_WRITTEN = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_DECIMAL = re.compile(r"\d{1,6}\.\d{1,2}")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


@dataclass(frozen=True, slots=True)
class NumPiece:
    """Consecutive tokens ``first..last`` (inclusive) that say one number."""

    first: int
    last: int
    digits: str  # the digits said, in order ("" for a time)
    groups: tuple[int, ...]  # lengths of the groups the digits came in (sum = len(digits))
    style: Literal["written", "spoken"]
    role: Role = "number"
    value: int = -1  # the numeric value for ordinals and small cardinals, else -1
    slash: bool = False  # written with "/" ("12/25"): a date shape


@dataclass(frozen=True, slots=True)
class _Atom:
    tok: int
    word: str


def _atoms(norms: Sequence[str]) -> list[_Atom]:
    """Split hyphenated number words ("forty-two", "four-one-one-one") into atoms."""
    out: list[_Atom] = []
    for i, w in enumerate(norms):
        es = spanish.number_atoms(norms, i)  # Spanish number words as English atoms
        if es is not None:
            out.extend(_Atom(i, p) for p in es)
            continue
        if "-" in w and not _WRITTEN.fullmatch(w):
            parts = [p for p in w.split("-") if p]
            if parts and all(_is_number_word(p) for p in parts):
                out.extend(_Atom(i, p) for p in parts)
                continue
        out.append(_Atom(i, w))
    return out


def _is_number_word(w: str) -> bool:
    return w in UNITS or w in TEENS or w in TENS or w in ORDINALS or w in SCALE or w in REPEAT


def _written(w: str) -> tuple[str, tuple[int, ...], bool] | None:
    """Digits and groups of a token written with digits ("4111-1111", "(555)", "12/25")."""
    m = _WRITTEN.fullmatch(w)
    if m is None:
        return None
    parts = re.split(r"[-./]", m.group(1))
    return "".join(parts), tuple(len(p) for p in parts), "/" in w


def parse_numbers(norms: Sequence[str]) -> list[NumPiece]:
    """Find the numbers said in a sequence of normalised tokens (see ``tokens.normal_form``)."""
    atoms = _atoms(norms)
    n = len(atoms)
    pieces: list[NumPiece] = []

    def numeric_at(k: int) -> bool:
        if not 0 <= k < n:
            return False
        w = atoms[k].word
        return (w in UNITS and w not in ("oh", "o")) or w in TEENS or w in TENS or _written(w) is not None

    def _oh_is_zero(k: int) -> bool:
        # A run of "oh"s is zeros when a number stands next to the run ("one oh oh five").
        lo = k
        while lo - 1 >= 0 and atoms[lo - 1].word in ("oh", "o"):
            lo -= 1
        hi = k
        while hi + 1 < n and atoms[hi + 1].word in ("oh", "o"):
            hi += 1
        after = atoms[hi + 1].word if hi + 1 < n else ""
        return numeric_at(lo - 1) or numeric_at(hi + 1) or after in REPEAT

    i = 0
    while i < n:
        a = atoms[i]
        w = a.word
        nxt = atoms[i + 1].word if i + 1 < n else ""
        # Written forms first.
        if _CLOCK.fullmatch(w):
            pieces.append(NumPiece(a.tok, a.tok, "", (), "written", "time"))
            i += 1
            continue
        if w.startswith(("$", "£", "€")) or w.endswith("%") or _DECIMAL.fullmatch(w):
            if any(c.isdigit() for c in w):
                pieces.append(NumPiece(a.tok, a.tok, "", (), "written", "amount"))
                i += 1
                continue
        m = _ORDINAL_WRITTEN.fullmatch(w)
        if m:
            v = int(m.group(1))
            pieces.append(NumPiece(a.tok, a.tok, m.group(1), (len(m.group(1)),), "written", "ordinal", v))
            i += 1
            continue
        wr = _written(w)
        if wr is not None:
            digits, groups, slash = wr
            role = _role_after(nxt)
            v = int(digits) if len(digits) <= 4 else -1
            pieces.append(NumPiece(a.tok, a.tok, digits, groups, "written", role, v, slash))
            i += 1
            continue
        # "double five", "triple seven", "double oh".
        if w in REPEAT and i + 1 < n:
            d = _single_digit(nxt)
            if d is not None:
                k = REPEAT[w]
                pieces.append(NumPiece(a.tok, atoms[i + 1].tok, d * k, (k,), "spoken", "number"))
                i += 2
                continue
        # "oh" and "o" are zero only next to another number ("four oh one"), not as "oh, okay".
        if w in ("oh", "o") and not _oh_is_zero(i):
            i += 1
            continue
        if w in ORDINALS:
            pieces.append(
                NumPiece(
                    a.tok, a.tok, str(ORDINALS[w]), (len(str(ORDINALS[w])),), "spoken", "ordinal", ORDINALS[w]
                )
            )
            i += 1
            continue
        if w in UNITS or w in TEENS or w in TENS or (w == "a" and nxt in SCALE):
            value, j, compound = _cardinal(atoms, i)
            if compound:
                digits = str(value)
            elif w in TENS and i + 1 < j:
                digits = str(value)
            elif w in UNITS:
                digits = str(UNITS[w])
            else:
                digits = str(value)
            after = atoms[j].word if j < n else ""
            # "twenty first": a tens word and an ordinal make one ordinal.
            if w in TENS and not compound and j == i + 1 and after in ORDINALS and ORDINALS[after] < 10:
                v = value + ORDINALS[after]
                pieces.append(NumPiece(a.tok, atoms[j].tok, str(v), (2,), "spoken", "ordinal", v))
                i = j + 1
                continue
            role = _role_after(after)
            if role == "number" and after == "point":
                role = "amount"
            pieces.append(
                NumPiece(
                    a.tok,
                    atoms[j - 1].tok,
                    digits,
                    (len(digits),),
                    "spoken",
                    role,
                    value if len(digits) <= 4 else -1,
                )
            )
            i = j
            continue
        i += 1
    return _merge_same_token(pieces)


def _merge_same_token(pieces: list[NumPiece]) -> list[NumPiece]:
    """Atoms of one hyphenated token ("four-one-one-one") become one written-like piece."""
    out: list[NumPiece] = []
    for p in pieces:
        if out and out[-1].first == p.first and out[-1].last == p.last and p.role == out[-1].role:
            q = out[-1]
            out[-1] = NumPiece(q.first, q.last, q.digits + p.digits, (*q.groups, *p.groups), q.style, q.role)
        else:
            out.append(p)
    return out


def _single_digit(w: str) -> str | None:
    if w in UNITS:
        return str(UNITS[w])
    if len(w) == 1 and w.isdigit():
        return w
    return None


def _role_after(w: str) -> Role:
    if w in AMOUNT_AFTER:
        return "amount"
    if w in TIME_AFTER:
        return "time"
    if w in QUANTITY_AFTER:
        return "quantity"
    return "number"


def _small(atoms: Sequence[_Atom], i: int) -> tuple[int, int] | None:
    """A number below 100 said as words at ``i``: (value, next index)."""
    if i >= len(atoms):
        return None
    w = atoms[i].word
    if w in TENS:
        if i + 1 < len(atoms) and atoms[i + 1].word in UNITS and UNITS[atoms[i + 1].word] > 0:
            if atoms[i + 1].word not in ("oh", "o"):
                return TENS[w] + UNITS[atoms[i + 1].word], i + 2
        return TENS[w], i + 1
    if w in TEENS:
        return TEENS[w], i + 1
    if w in UNITS and w not in ("oh", "o"):
        return UNITS[w], i + 1
    if w == "a" and i + 1 < len(atoms) and atoms[i + 1].word in SCALE:
        return 1, i + 1
    return None


def _cardinal(atoms: Sequence[_Atom], i: int) -> tuple[int, int, bool]:
    """Parse a cardinal at ``i``: (value, next index, whether hundred/thousand was used).

    Without "hundred" or "thousand" only one small number is taken, so that "one two three"
    stays three digits and "nineteen eighty" two pieces (19, 80) that the stream joins.
    """
    first = _small(atoms, i)
    if first is None:
        return 0, i + 1, False
    value, j = first
    if j >= len(atoms) or atoms[j].word not in SCALE:
        return value, j, False
    total = 0
    current = value
    while j < len(atoms) and atoms[j].word in SCALE:
        scale = SCALE[atoms[j].word]
        if scale == 1000:
            total += current * 1000
            current = 0
        else:
            current *= 100
        j += 1
        k = j + 1 if j < len(atoms) and atoms[j].word == "and" else j
        nxt = _small(atoms, k)
        if nxt is None:
            break
        v, k2 = nxt
        if k2 < len(atoms) and atoms[k2].word in SCALE:
            # "two thousand five hundred": the next small number scales again.
            if scale == 1000:
                current = v
                j = k2
                continue
            break
        current += v
        j = k2
        break
    return total + current, j, True
