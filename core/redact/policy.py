"""What to redact and why: a switch and a reason code per detector family, and the knobs.

Reason codes cite the rule that makes the data sensitive, so that a receipt says why a span
was masked: PCI DSS v4.0 requirements 3.3 (sensitive authentication data) and 3.5 (PAN),
and the HIPAA Safe Harbor identifiers of 45 CFR 164.514(b)(2)(i)(A)-(R).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from ccedge.core.redact.errors import RedactError

KINDS = (
    "PAN",
    "CVV",
    "EXPIRY",
    "PIN",
    "DTMF",
    "PAYMENT",
    "SSN",
    "DOB",
    "DATE",
    "MRN",
    "MEMBER",
    "POLICY",
    "ACCOUNT",
    "ROUTING",
    "PHONE",
    "EMAIL",
    "ADDRESS",
    "NAME",
    "NUMBER",
    "UNHEARD",
)

REASONS: dict[str, str] = {
    "PAN": "PCI-DSS-3.5.1",
    "CVV": "PCI-DSS-3.3.1.2",
    "EXPIRY": "PCI-DSS-3.5.1",
    "PIN": "PCI-DSS-3.3.1.3",
    "DTMF": "PCI-DSS-3.3.1",
    "PAYMENT": "PCI-DSS-3.3.1",
    "SSN": "HIPAA-164.514(b)(2)(i)(G)",
    "DOB": "HIPAA-164.514(b)(2)(i)(C)",
    # Any other full calendar date said on a call (appointment, admission, discharge, service
    # dates). On by default: Safe Harbor counts every date element but the year of a date
    # related to the individual, and a recording cannot tell which dates are; a clinic's
    # compliance officer fails closed. A bank that needs due dates readable switches it off
    # (policy {"rules": {"DATE": {"enabled": false}}}); dates of birth stay masked as DOB.
    "DATE": "HIPAA-164.514(b)(2)(i)(C)",
    "MRN": "HIPAA-164.514(b)(2)(i)(H)",
    "MEMBER": "HIPAA-164.514(b)(2)(i)(I)",
    "POLICY": "HIPAA-164.514(b)(2)(i)(J)",
    "ACCOUNT": "HIPAA-164.514(b)(2)(i)(J)",
    "ROUTING": "HIPAA-164.514(b)(2)(i)(J)",
    "PHONE": "HIPAA-164.514(b)(2)(i)(D)",
    "EMAIL": "HIPAA-164.514(b)(2)(i)(F)",
    "ADDRESS": "HIPAA-164.514(b)(2)(i)(B)",
    "NAME": "HIPAA-164.514(b)(2)(i)(A)",
    # A number said in a payment or identity window that no detector could name (a misheard
    # card group, "1.8" for a CVV), or a long digit run nothing labelled: fail closed.
    "NUMBER": "fail-closed: PCI-DSS-3.3.1 / HIPAA-164.514(b)(2)(i)(R)",
    "UNHEARD": "fail-closed: speech not transcribed after a request for data",
}

PAYMENT_TRIGGERS = (
    "card number",
    "long number on the card",
    "number on the front of the card",
    "credit card number",
    "debit card number",
    "card details",
    "take the payment",
    "take a payment",
    "make a payment",
    "expiry date",
    "expiration date",
    "security code",
    "three digit code",
    "cvv",
    "name on the card",
)
PAYMENT_END = (
    "payment has been processed",
    "payment was successful",
    "payment went through",
    "transaction is complete",
    "transaction has been approved",
    "payment is complete",
    "your payment is confirmed",
    "is there anything else i can help you with",
)


@dataclass(frozen=True, slots=True)
class Rule:
    enabled: bool = True
    reason: str = ""


def _default_rules() -> dict[str, Rule]:
    return {k: Rule(True, REASONS[k]) for k in KINDS}


@dataclass(frozen=True)
class RedactPolicy:
    rules: dict[str, Rule] = field(default_factory=_default_rules)
    payment_triggers: tuple[str, ...] = PAYMENT_TRIGGERS
    payment_end: tuple[str, ...] = PAYMENT_END
    trigger_score: float = 88.0  # rapidfuzz partial_ratio needed to match a phrase
    payment_max_s: float = 180.0  # a segment without an end phrase closes this long after it opened
    payment_audio: Literal["all", "digits"] = "all"  # mask whole segment on both legs, or only numbers
    id_patterns: tuple[tuple[str, str], ...] = (
        ("MRN", r"mrn[-:#]?\d{5,10}"),
        ("MEMBER", r"[a-z]{3}\d{6,12}"),
    )
    # Speech the recogniser returned nothing for: mask it when it follows a request for card,
    # identity or account data or lies in a payment segment ("prompted"), always ("all"), or
    # never ("keep"). Stretches of a heard utterance that no word covers likewise, where
    # "prompted" means an answer to a request (``failclosed.unheard_spans``).
    unheard: Literal["prompted", "all", "keep"] = "prompted"
    unheard_lookback_s: float = 30.0
    # How payment/identity cues are matched (windows; see ccedge.core.redact.cues): any of
    # "exact", "fuzzy", "phonetic". Windows are off when the NUMBER rule is disabled.
    cue_match: tuple[str, ...] = ("exact", "fuzzy", "phonetic")
    pad_s: float = 0.2  # audio padding either side of a masked span
    holdback_s: float = 30.0  # longest time audio may wait for redaction to clear it
    lag_action: Literal["mask", "seal"] = "mask"  # audio not cleared within holdback_s
    confidence_floor: float = 0.5  # words under this recogniser probability count as uncovered
    coverage_threshold: float = 0.9  # calls whose payment-segment coverage is lower are flagged

    def enabled(self, kind: str) -> bool:
        r = self.rules.get(kind)
        return r is None or r.enabled

    def reason(self, kind: str) -> str:
        r = self.rules.get(kind)
        return r.reason if r and r.reason else REASONS.get(kind, "")

    def with_switches(self, **switches: bool) -> RedactPolicy:
        rules = dict(self.rules)
        for k, on in switches.items():
            kind = k.upper()
            if kind not in KINDS:
                raise RedactError(f"unknown redaction kind in policy: {k}")
            rules[kind] = replace(rules.get(kind, Rule()), enabled=on)
        return replace(self, rules=rules)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RedactPolicy:
        known = {f.name for f in fields(cls)}
        bad = set(d) - known
        if bad:
            raise RedactError(f"unknown redaction policy keys: {', '.join(sorted(bad))}")
        kw: dict[str, Any] = {}
        for k, v in d.items():
            if k == "rules":
                rules = _default_rules()
                for kind, r in v.items():
                    if kind.upper() not in KINDS:
                        raise RedactError(f"unknown redaction kind in policy rules: {kind}")
                    rules[kind.upper()] = Rule(
                        bool(r.get("enabled", True)), str(r.get("reason", REASONS[kind.upper()]))
                    )
                kw[k] = rules
            elif k in ("payment_triggers", "payment_end"):
                kw[k] = tuple(str(x).lower() for x in v)
            elif k == "cue_match":
                bad_modes = set(v) - {"exact", "fuzzy", "phonetic"}
                if bad_modes:
                    raise RedactError(f"unknown cue_match modes: {', '.join(sorted(bad_modes))}")
                kw[k] = tuple(str(x) for x in v)
            elif k == "id_patterns":
                kw[k] = tuple((str(a), str(b)) for a, b in v)
            else:
                kw[k] = v
        return cls(**kw)

    @classmethod
    def load(cls, path: Path) -> RedactPolicy:
        try:
            return cls.from_dict(json.loads(path.read_text()))
        except (OSError, ValueError) as e:
            raise RedactError(f"cannot read redaction policy {path.name}: {type(e).__name__}") from e
