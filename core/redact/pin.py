"""PINs (PCI PIN Security Requirements; PCI DSS 3.3.3): 4-12 digits said or keyed after a PIN prompt."""

from __future__ import annotations

from ccedge.core.redact.calltext import CallText, Hit
from ccedge.core.redact.context import PIN, scored
from ccedge.core.redact.digitstream import Chain


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    hits: list[Hit] = []
    for ch in chains:
        if not 4 <= len(ch) <= 12:
            continue
        conf = scored(PIN, call, ch, 0.9)
        if conf is not None:
            hits.append(ch.hit("PIN", "pin-context", conf))
    return hits
