"""Dates as people say and write them, for the date-of-birth and card-expiry detectors.

Forms: "April 15th, 1989", "April fifteenth nineteen eighty nine", "the fifteenth of April",
"September twenty twenty six", "04/15/1989", "1989-04-15", "12/25", and digit strings such
as "oh four one five one nine eight nine" (MMDDYYYY) found in the digit stream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ccedge.core.redact import spanish
from ccedge.core.redact.calltext import Utt
from ccedge.core.redact.spoken import NumPiece

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTHS.update(spanish.MONTHS)  # "12 de marzo de 1980"
_OF = ("of", "on", *spanish.OF)  # "13th on February": "of" as the recogniser heard it
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{2}|\d{4})")


@dataclass(frozen=True, slots=True)
class DateExpr:
    first: int  # token range in the utterance
    last: int
    day: bool
    year: bool
    month: bool = True


def _pieces_by_token(u: Utt) -> dict[int, NumPiece]:
    return {p.first: p for p in u.pieces}


def _year_at(u: Utt, by_tok: dict[int, NumPiece], j: int) -> int:
    """Last token of a year said from token j, or -1."""
    p = by_tok.get(j)
    if p is None or p.role not in ("number", "ordinal"):
        return -1
    if len(p.digits) == 4 and p.digits[:2] in ("19", "20"):
        return p.last
    if len(p.digits) == 2 and p.digits in ("19", "20"):
        q = by_tok.get(p.last + 1)
        if q is not None and q.role == "number" and 1 <= len(q.digits) <= 2:
            r = by_tok.get(q.last + 1)
            if len(q.digits) == 1 and r is not None and len(r.digits) == 1:
                return r.last  # "nineteen oh five"
            return q.last
    if len(p.digits) == 2 and p.style == "written" and u.tokens[j].text.startswith("'"):
        return p.last
    if len(p.digits) == 1 and p.digits in "12":
        # Digit by digit: "one nine eight zero".
        digits, last, k = p.digits, p.last, p.last + 1
        while len(digits) < 4:
            q = by_tok.get(k)
            if q is None or q.role != "number":
                break
            digits += q.digits
            last, k = q.last, q.last + 1
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return last
    return -1


def _day_at(by_tok: dict[int, NumPiece], j: int) -> int:
    p = by_tok.get(j)
    if (
        p is not None
        and p.role in ("number", "ordinal")
        and 1 <= len(p.digits) <= 2
        and 1 <= int(p.digits) <= 31
    ):
        return p.last
    return -1


def find_dates(u: Utt) -> list[DateExpr]:
    by_tok = _pieces_by_token(u)
    norms = [t.norm for t in u.tokens]
    out: list[DateExpr] = []
    n = len(norms)
    for i, w in enumerate(norms):
        m = _NUMERIC.fullmatch(w)
        if m:
            out.append(DateExpr(i, i, True, True))
            continue
        m2 = _MONTH_YEAR.fullmatch(w)
        if m2 and 1 <= int(m2.group(1)) <= 12:
            out.append(DateExpr(i, i, False, True))
            continue
        if w not in MONTHS:
            continue
        first = last = i
        day = year = False
        # Before: "the fifteenth of April", "15 April".
        k = i - 1
        if k >= 0 and norms[k] in _OF:
            k -= 1
        if k >= 0:
            p = next((p for p in u.pieces if p.last == k), None)
            if p is not None and _day_at(by_tok, p.first) == k:
                first, day = p.first, True
                if p.first - 1 >= 0 and norms[p.first - 1] == "the":
                    first = p.first - 1
        # After: "April 15th", "April the fifteenth", "April fifteenth nineteen eighty nine".
        j = i + 1
        if j < n and norms[j] == "the":
            j += 1
        if not day and j < n:
            d_end = _day_at(by_tok, j)
            y_end = _year_at(u, by_tok, j)
            if y_end >= 0 and (d_end < 0 or (by_tok[j].digits in ("19", "20") and y_end > d_end)):
                last, year = y_end, True
            elif d_end >= 0:
                last, day = d_end, True
                j = d_end + 1
                if j < n and norms[j] in ("in", *_OF):
                    j += 1
        if not year:
            y_end = _year_at(u, by_tok, last + 1) if last + 1 < n else -1
            if y_end < 0 and last + 2 < n and norms[last + 1] in ("in", "", *_OF):
                y_end = _year_at(u, by_tok, last + 2)
            if y_end >= 0:
                last, year = y_end, True
        if day or year:
            out.append(DateExpr(first, last, day, year))
    return out


def digits_are_date(d: str) -> bool:
    """A digit string that reads as a full date: MMDDYYYY, DDMMYYYY, YYYYMMDD or MMDDYY."""

    def ok(m: int, day: int) -> bool:
        return 1 <= m <= 12 and 1 <= day <= 31

    if len(d) == 8:
        y1 = int(d[4:])
        y0 = int(d[:4])
        if 1900 <= y1 <= 2099 and (ok(int(d[:2]), int(d[2:4])) or ok(int(d[2:4]), int(d[:2]))):
            return True
        return 1900 <= y0 <= 2099 and ok(int(d[4:6]), int(d[6:]))
    if len(d) == 6:
        return ok(int(d[:2]), int(d[2:4])) or ok(int(d[2:4]), int(d[:2]))
    if len(d) in (5, 7):
        # A leading zero dropped: "four fifteen eighty nine", "four fifteen nineteen eighty nine".
        return digits_are_date("0" + d)
    return False


def digits_are_expiry(d: str) -> bool:
    """MMYY, MYY, MMYYYY: a month 01-12 and a year."""
    if len(d) == 4:
        return 1 <= int(d[:2]) <= 12
    if len(d) == 3:
        return d[0] != "0"
    if len(d) == 6:
        return 1 <= int(d[:2]) <= 12 and d[2:4] == "20"
    return False
