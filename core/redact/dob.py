"""Dates of birth (HIPAA Safe Harbor identifier (C)): any date said where birth is spoken of."""

from __future__ import annotations

from ccedge.core.redact.calltext import CallText, Hit
from ccedge.core.redact.context import DOB, before_tokens, distance, scored
from ccedge.core.redact.dates import digits_are_date, find_dates
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


def detect_text(call: CallText, utt_index: int) -> list[Hit]:
    u = call.utts[utt_index]
    hits: list[Hit] = []
    for d in find_dates(u):
        if not (d.day or d.year):
            continue
        ctx = (
            before_tokens(call, utt_index, d.first)
            + " "
            + " ".join(t.norm for t in u.tokens[d.last + 1 :][:6])
        )
        if DOB.search(ctx):
            hits.append(Hit("DOB", "dob-date", 0.93, ((utt_index, d.first, d.last),)))
    return hits
