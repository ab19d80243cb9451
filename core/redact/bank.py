"""Bank account and ABA routing numbers.

An ABA routing transit number has 9 digits whose weighted sum 3-7-1 is a multiple of 10
(ABA Key to Routing Numbers) and whose first two digits are a Federal Reserve district
(00-12), a thrift (21-32), an electronic (61-72) or traveller's cheque (80) prefix. Account
numbers have no checksum: they are found by context ("account number", "checking").
"""

from __future__ import annotations

from ccedge.core.redact.calltext import CallText, Hit
from ccedge.core.redact.context import ACCOUNT, BANK, ROUTING, around
from ccedge.core.redact.digitstream import Chain


def aba_valid(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit():
        return False
    p = int(digits[:2])
    if not (p <= 12 or 21 <= p <= 32 or 61 <= p <= 72 or p == 80):
        return False
    w = (3, 7, 1) * 3
    return sum(int(c) * k for c, k in zip(digits, w, strict=True)) % 10 == 0


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    hits: list[Hit] = []
    for ch in chains:
        n = len(ch)
        if n < 4 or n > 17:
            continue
        ctx = around(call, ch)
        if n == 9 and aba_valid(ch.text) and (ROUTING.search(ctx) or BANK.search(ctx)):
            hits.append(ch.hit("ROUTING", "aba-checksum", 0.95 if ROUTING.search(ctx) else 0.8))
        elif ROUTING.search(ctx) and n == 9:
            hits.append(ch.hit("ROUTING", "routing-context", 0.6))
        elif ACCOUNT.search(ctx) or (BANK.search(ctx) and n >= 6):
            hits.append(ch.hit("ACCOUNT", "account-context", 0.75))
    return hits
