"""Dates of birth and other full dates (HIPAA Safe Harbor identifier (C)).

45 CFR 164.514(b)(2)(i)(C): all elements of dates (except year) directly related to an
individual are identifiers. A date said where birth is spoken of (or asked for, however the
recogniser garbled the question) is DOB; a full calendar date (month and day, with or without a
year; numeric forms too) is DOB when its year looks like a birth year (1900..last year) and
DATE otherwise. Month alone ("in March"), weekdays, years alone, counts ("2 days") and times
("at 4 o'clock") are not dates of a person and are left alone.
"""

from __future__ import annotations

import datetime
import re

from ccedge.core.redact.asked import requested
from ccedge.core.redact.calltext import CallText, Hit, Utt
from ccedge.core.redact.context import DOB, before_tokens, distance, scored
from ccedge.core.redact.dates import MONTHS, DateExpr, digits_are_date, find_dates
from ccedge.core.redact.digitstream import Chain


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    hits: list[Hit] = []
    for ch in chains:
        if 5 <= len(ch) <= 8 and digits_are_date(ch.text):
            conf = scored(DOB, call, ch, 0.92)
            if conf is not None:
                hits.append(ch.hit("DOB", "dob-digits", conf))
                continue
        if len(ch) <= 8:
            # Part of a date said oddly ("…, nine eight five") right after birth was asked for.
            d = distance(DOB, call, ch)
            if d is not None and d <= 14:
                hits.append(ch.hit("DOB", "dob-context", 0.7 - 0.01 * d))
    return hits


_NUM_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_NUM_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# Month words that are also everyday words: a date needs a capital ("May"), an ordinal day or a
# year with them, so "we may 2 ..." or "march 5 miles" are not dates.
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})


def _valid(m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= 31


def _numeric(tok: str) -> tuple[bool, int | None]:
    """(is a full numeric date, its four-digit year) for "04/15/1989", "15.04.89", "1989-04-15"."""
    m = _NUM_ISO.fullmatch(tok)
    if m:
        return _valid(int(m.group(2)), int(m.group(3))), int(m.group(1))
    m = _NUM_DMY.fullmatch(tok)
    if not m:
        return False, None
    a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
    if not (_valid(a, b) or _valid(b, a)):
        return False, None
    year = int(y)
    if len(y) == 2:
        # Two-digit years: the nearest past century reading (DOBs are in the past).
        now = datetime.date.today().year
        year += 2000 if 2000 + year <= now else 1900
    return True, year


def _full_date(u: Utt, d: DateExpr) -> tuple[bool, int | None]:
    """Whether ``d`` is a full calendar date (month and day), and its year if said."""
    if d.first == d.last and u.tokens[d.first].norm not in MONTHS:
        return _numeric(u.tokens[d.first].norm)
    if not d.day:
        return False, None
    month_tok = next(t for t in u.tokens[d.first : d.last + 1] if t.norm in MONTHS)
    if month_tok.norm in _AMBIGUOUS_MONTHS and not month_tok.text[:1].isupper():
        ordinal = any(p.role == "ordinal" for p in u.pieces if d.first <= p.first <= d.last)
        if not (ordinal or d.year):
            return False, None
    if not d.year:
        return True, None
    digits = "".join(p.digits for p in u.pieces if d.first <= p.first and p.last <= d.last)
    return True, int(digits[-4:]) if len(digits) >= 5 else None


def detect_text(call: CallText, utt_index: int) -> list[Hit]:
    u = call.utts[utt_index]
    hits: list[Hit] = []
    asked_birth: bool | None = None
    last_year = datetime.date.today().year - 1
    for d in find_dates(u):
        if not (d.day or d.year):
            continue
        ctx = (
            before_tokens(call, utt_index, d.first)
            + " "
            + " ".join(t.norm for t in u.tokens[d.last + 1 :][:6])
        )
        ref = ((utt_index, d.first, d.last),)
        if DOB.search(ctx):
            hits.append(Hit("DOB", "dob-date", 0.93, ref))
            continue
        if asked_birth is None:
            asked_birth = requested(call, u) == "DOB"
        if asked_birth:
            # The other leg asked for a date of birth in words the recogniser garbled.
            hits.append(Hit("DOB", "dob-asked", 0.88, ref))
            continue
        full, year = _full_date(u, d)
        if not full:
            continue
        if year is not None and 1900 <= year <= last_year:
            hits.append(Hit("DOB", "dob-shape", 0.8, ref))
        else:
            hits.append(Hit("DATE", "date-full", 0.75, ref))
    return hits
