"""Context: the words said around a number, and the keyword patterns detectors look for.

An agent asks "and the three digit code on the back?" on one leg; the customer answers
"one two three" on the other. The context of a number is therefore the words before it on
either leg (a bounded look-back, in time order) and a few words after it on its own leg
("... that's my security code").
"""

from __future__ import annotations

import math
import re

from ccedge.core.redact import spanish
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.digitstream import Chain

LOOKBACK_S = 30.0
LOOKBACK_WORDS = 28
LOOKAHEAD_WORDS = 8

CARD = re.compile(
    r"\b(card|cards|credit|debit|visa|master ?card|amex|american express|discover|maestro|long number|"
    r"cc|pan|card ?number|number on the (front|card))\b"
)
CVV = re.compile(
    r"\b(cvv2?|cvc2?|cid|csc|cv2|security (code|digits)|security code number|three digits?|3 digits?|"
    r"3-digits?|three-digits?|"
    r"four digit code|back of (the|your) card|verification (code|number|value)|card code|code on the back)\b"
)
EXPIRY = re.compile(r"\b(expir\w*|exp|valid (thru|through|until|till)|good (thru|through)|end date)\b")
SSN = re.compile(r"\b(social|ssn|s s n|ss number|ss#|tax ?payer|tax id|tin|itin)\b")
DOB = re.compile(r"\b(date of birth|birth ?date|born|birthday|dob|d o b|d\.o\.b)\b")
PIN = re.compile(r"\b(pin|pins|pin number|passcode|pass code|personal identification)\b")
PHONE = re.compile(
    r"\b(phone|telephone|mobile|cell|cellphone|call (me|you|us|them) (at|on|back)|reach (me|you)|"
    r"contact number|call ?back|fax|number to reach|text me|landline|extension|ext)\b"
)
ACCOUNT = re.compile(r"\b(account|acct|a/c)\b")
BANK = re.compile(
    r"\b(bank|banking|checking|chequing|savings|routing|aba|transit|sort code|direct deposit)\b"
)
ROUTING = re.compile(r"\b(routing|aba|transit number|rtn)\b")
MEDICAL = re.compile(
    r"\b(medical record|mrn|patient (id|number|identifier)|chart number|health plan|hospital number)\b"
)
MEMBER = re.compile(
    r"\b(member (id|number)|membership (id|number)|subscriber (id|number)|insurance (id|number)|"
    r"beneficiary|medicare|medicaid|group number|member)\b"
)
POLICY = re.compile(r"\b(policy|claim (id|number)|claim)\b")
PAYMENT_END = re.compile(
    r"\b(payment|transaction) (has been|was|is) (processed|approved|complete|successful)\b"
)
# Spanish calls: the same kinds' keywords in Spanish (core/redact/spanish.py).
CARD, CVV, EXPIRY, SSN, DOB, PIN, ACCOUNT, MEMBER, POLICY = (
    spanish.widen(rx, key)
    for rx, key in (
        (CARD, "CARD"), (CVV, "CVV"), (EXPIRY, "EXPIRY"), (SSN, "SSN"), (DOB, "DOB"), (PIN, "PIN"),
        (ACCOUNT, "ACCOUNT"), (MEMBER, "MEMBER"), (POLICY, "POLICY"),
    )
)  # fmt: skip


def _window(call: CallText, t: float, utt: int, tok: int, leg: str | None) -> str:
    """Up to LOOKBACK_WORDS words said before time ``t`` (own utterance up to token ``tok``)."""
    words: list[str] = []
    if utt >= 0:
        u = call.utts[utt]
        words = [x.norm for x in u.tokens[max(0, tok - LOOKBACK_WORDS) : tok]]
    brk = max((b for b in call.breaks if b <= t), default=-math.inf)  # a clear close: the talk moved on
    earlier = [
        u
        for u in call.utts
        if u.index != utt
        and u.t0 < t
        and u.t1 >= t - LOOKBACK_S
        and u.t0 >= brk
        and (u.t0, u.index) < _key(call, utt, t)
    ]
    earlier.sort(key=lambda u: (u.t0, u.index))
    for u in reversed(earlier):
        if len(words) >= LOOKBACK_WORDS:
            break
        words = [x.norm for x in u.tokens[-LOOKBACK_WORDS:]] + words
    return " ".join(words[-LOOKBACK_WORDS:])


def _key(call: CallText, utt: int, t: float) -> tuple[float, int]:
    if utt >= 0:
        u = call.utts[utt]
        return u.t0, u.index
    return t, 1 << 30


def before(call: CallText, chain: Chain) -> str:
    d = chain.digits[0]
    if d.utt >= 0:
        return _window(call, d.t0, d.utt, d.first, chain.leg)
    return _window(call, d.t0, -1, 0, chain.leg)


def after(call: CallText, chain: Chain) -> str:
    d = chain.digits[-1]
    if d.utt < 0:
        return ""
    toks = call.utts[d.utt].tokens[d.last + 1 : d.last + 1 + LOOKAHEAD_WORDS]
    return " ".join(t.norm for t in toks)


# Numbers the speaker names as not sensitive ("my order number is 683636"); when such a name is
# nearer a number than any ID word, the number is not an ID (issue 10: over-masking).
BENIGN = re.compile(r"\b(?:order|reference|confirmation|tracking|ticket|invoice)\s+(?:number|no|id)\b")


def named_benign(rx: re.Pattern[str], call: CallText, chain: Chain) -> bool:
    """A benign name ("order number") is within 3 words of the chain and nearer than ``rx``."""
    near, benign = distance(rx, call, chain), distance(BENIGN, call, chain)
    return benign is not None and benign <= 3 and (near is None or benign < near)


def around(call: CallText, chain: Chain) -> str:
    return before(call, chain) + " | " + after(call, chain)


def before_tokens(call: CallText, utt: int, tok: int) -> str:
    u = call.utts[utt]
    return _window(call, u.tokens[tok].t0 if u.tokens else u.t0, utt, tok, u.leg)


def distance(rx: re.Pattern[str], call: CallText, chain: Chain) -> int | None:
    """Words between the nearest match of ``rx`` and the chain (before it, or after it + 2)."""
    b = before(call, chain)
    best: int | None = None
    for m in rx.finditer(b):
        best = len(b[m.end() :].split())
    a = after(call, chain)
    m2 = rx.search(a)
    if m2 is not None:
        d = len(a[: m2.start()].split()) + 2
        best = d if best is None else min(best, d)
    return best


def scored(rx: re.Pattern[str], call: CallText, chain: Chain, base: float) -> float | None:
    """``base`` confidence lowered by 0.01 per word between keyword and number (nearest wins)."""
    d = distance(rx, call, chain)
    if d is None:
        return None
    return base - 0.01 * min(d, 30)
