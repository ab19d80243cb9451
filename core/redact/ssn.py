"""US Social Security numbers: 9 digits under the SSA's validity rules, found by shape or context.

SSA rules (SSA POMS RM 10201.035; the 2011 randomisation kept them): area 000, 666 and
900-999 are never issued, nor group 00 nor serial 0000. Numbers used in advertising
(078-05-1120, 219-09-9999) and the textbook 123-45-6789 are rejected too. A 9-digit
number said as 3-2-4 is an SSN by shape; otherwise it takes words such as "social" around
it. "The last four of my social" makes 4 digits an SSN as well.
"""

from __future__ import annotations

import re

from ccedge.core.redact.calltext import CallText, Hit
from ccedge.core.redact.context import SSN, around, named_benign, scored
from ccedge.core.redact.digitstream import Chain

_NEVER_ISSUED = frozenset({"078051120", "219099999", "123456789"})
_PART = re.compile(r"\b(last|first) (four|4|five|5|three|3|two|2)\b|\bends? (in|with)\b|\bending\b")


def ssn_valid(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit():
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return False
    if len(set(digits)) == 1:
        return False
    return digits not in _NEVER_ISSUED


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    hits: list[Hit] = []
    for ch in chains:
        n = len(ch)
        if n < 2 or n > 11:
            continue
        ctx_text = around(call, ch)
        score = scored(SSN, call, ch, 0.95)
        ctx = score is not None
        text = ch.text
        if n == 9:
            shape = ch.shape()
            d0, d1 = ch.digits[0], ch.digits[-1]
            if d0.utt >= 0 and (d0.utt, d0.first) == (d1.utt, d1.first):
                # One written token: its separators must agree ("078-05-1123", not "693-09.4444").
                seps = set(re.sub(r"[0-9]", "", call.utts[d0.utt].tokens[d0.first].norm))
                if len(seps) > 1:
                    shape = []
            if ssn_valid(text):
                if score is not None:
                    hits.append(ch.hit("SSN", "ssn-context", score))
                elif shape == [3, 2, 4]:
                    hits.append(ch.hit("SSN", "ssn-shape", 0.85))
            elif ctx:
                # In SSN context a number that breaks the rules is still masked (fail closed).
                hits.append(ch.hit("SSN", "ssn-context", 0.6))
        elif ctx and n in (10, 11):
            # A misheard extra digit: mask when an SSN was asked for.
            hits.append(ch.hit("SSN", "ssn-context", 0.5))
        elif score is not None and named_benign(SSN, call, ch):
            pass  # "my order number is 161673" after "the last four of your social"
        elif score is not None and 2 <= n <= 5 and _PART.search(ctx_text):
            hits.append(ch.hit("SSN", "ssn-partial", score - 0.1))
        elif score is not None and 3 <= n <= 8:
            hits.append(ch.hit("SSN", "ssn-partial", score - 0.3))
    return hits
