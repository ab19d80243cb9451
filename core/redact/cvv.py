"""Card verification codes (CVV2/CVC2/CID): 3 or 4 digits by context (PCI DSS 3.3.2).

Sensitive authentication data may never be stored after authorisation, so a code is masked
whenever the words around it (either leg, recent turns) speak of a security code.
"""

from __future__ import annotations

from ccedge.core.redact.calltext import CallText, Hit
from ccedge.core.redact.context import CVV, scored
from ccedge.core.redact.digitstream import Chain


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    hits: list[Hit] = []
    for ch in chains:
        if not 3 <= len(ch) <= 4:
            continue
        conf = scored(CVV, call, ch, 0.9)
        if conf is not None:
            hits.append(ch.hit("CVV", "cvv-context", conf))
    return hits
