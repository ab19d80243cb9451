"""Card expiry dates (PCI DSS: stored with the PAN they must be protected with it)."""

from __future__ import annotations

from ccedge.core.redact.calltext import CallText, Hit
from ccedge.core.redact.context import CARD, EXPIRY, before_tokens, scored
from ccedge.core.redact.dates import digits_are_expiry, find_dates
from ccedge.core.redact.digitstream import Chain


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    hits: list[Hit] = []
    for ch in chains:
        if not 3 <= len(ch) <= 6 or not digits_are_expiry(ch.text):
            continue
        d = ch.digits[0]
        slash = d.utt >= 0 and "/" in call.utts[d.utt].tokens[d.first].text
        conf = scored(EXPIRY, call, ch, 0.9)
        if conf is None and slash:
            conf = scored(CARD, call, ch, 0.8)
        if conf is not None:
            hits.append(ch.hit("EXPIRY", "expiry-context", conf))
    return hits


def detect_text(call: CallText, utt_index: int) -> list[Hit]:
    u = call.utts[utt_index]
    hits: list[Hit] = []
    for d in find_dates(u):
        if not d.year or (d.day and d.first != d.last):
            continue
        ctx = before_tokens(call, utt_index, d.first)
        if EXPIRY.search(ctx):
            hits.append(Hit("EXPIRY", "expiry-date", 0.92, ((utt_index, d.first, d.last),)))
    return hits
