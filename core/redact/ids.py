"""Medical record, member and policy numbers (HIPAA Safe Harbor identifiers (H), (I), (J)).

Sites differ in how they number things, so a site lists its own patterns (kind, regular
expression over a written token, e.g. ``("MRN", r"MRN\\d{7}")``); besides those, a number
said after words such as "medical record number" or "policy number" is masked by context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ccedge.core.redact.calltext import CallText, Hit, Utt
from ccedge.core.redact.context import (
    MEDICAL,
    MEMBER,
    POLICY,
    around,
    before_tokens,
    named_benign,
    scored,
)
from ccedge.core.redact.digitstream import Chain

DEFAULT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("MRN", r"mrn[-:#]?\d{5,10}"),
    ("MEMBER", r"[a-z]{3}\d{6,12}"),  # payer-style member IDs ("XYZ123456789")
)
_ALNUM = re.compile(r"(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9-]{5,20}")


def _context_kind(ctx: str) -> str | None:
    if MEDICAL.search(ctx):
        return "MRN"
    if POLICY.search(ctx):
        return "POLICY"
    if MEMBER.search(ctx):
        return "MEMBER"
    return None


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    hits: list[Hit] = []
    for ch in chains:
        if len(ch) < 4 or len(ch) > 20:
            continue
        kind = _context_kind(around(call, ch))
        if kind and len(ch) == 4 and ch.text[:2] in ("19", "20") and ch.groups() == [2, 2]:
            hits.append(ch.hit("NUMBER", "year-in-id-context", 0.7))  # "nineteen ninety nine"
        elif kind:
            rx = {"MRN": MEDICAL, "POLICY": POLICY, "MEMBER": MEMBER}[kind]
            if named_benign(rx, call, ch):
                continue  # "my order number is 683636" after a member ID question
            conf = scored(rx, call, ch, 0.9)
            hits.append(ch.hit(kind, "id-context", conf if conf is not None else 0.6))
    return hits


def detect_text(
    call: CallText, utt: Utt, patterns: Sequence[tuple[str, str]] = DEFAULT_PATTERNS
) -> list[Hit]:
    """Site patterns, and alphanumeric IDs ("AB12345") after ID words."""
    hits: list[Hit] = []
    compiled = [(k, re.compile(p)) for k, p in patterns]
    for i, t in enumerate(utt.tokens):
        for kind, rx in compiled:
            if rx.fullmatch(t.norm):
                hits.append(Hit(kind, "id-pattern", 0.9, ((utt.index, i, i),)))
                break
        else:
            if _ALNUM.fullmatch(t.norm) and not t.norm.isdigit():
                ckind = _context_kind(before_tokens(call, utt.index, i))
                if ckind:
                    hits.append(Hit(ckind, "id-context", 0.8, ((utt.index, i, i),)))
    return hits
