"""The redaction receipt: per call, what kinds were masked where, by which detector and model.

It also states a coverage figure: the share of speech inside payment segments (the whole
call when there was none) that the recogniser transcribed with word probability at or above
the policy's floor. Speech the recogniser was unsure of may hide a number no detector saw,
so a call whose coverage is below the policy's threshold is flagged for review. The receipt
holds times, kinds and names of detectors; never a value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ccedge.core.redact.calltext import CallText, Utt
from ccedge.core.redact.policy import RedactPolicy
from ccedge.core.redact.redactor import CallRedaction

REDACTOR_VERSION = "ccedge-redact/1"


@dataclass(slots=True)
class Receipt:
    call_id: str
    redacted: list[dict[str, Any]]  # one per span: kind, leg, start_s, end_s, detector, reason
    kinds: dict[str, int]  # kind -> number of spans
    detectors: list[str]
    models: list[str]  # transcription model versions seen
    segments: list[dict[str, Any]]
    coverage: float  # 0..1
    coverage_scope: str  # "payment-segments" or "call"
    flagged: bool
    flags: list[str] = field(default_factory=list)
    redactor: str = REDACTOR_VERSION
    # Fail closed (issue 10): payment/identity windows, what they masked, and speech the
    # recogniser could not hear that was masked (no transcript, failed, or past the horizon).
    windows: list[dict[str, Any]] = field(default_factory=list)
    window_utterances: int = 0
    unheard_masked: int = 0
    unheard_masked_s: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "call_id": self.call_id,
            "redactor": self.redactor,
            "models": self.models,
            "kinds": self.kinds,
            "detectors": self.detectors,
            "segments": self.segments,
            "coverage": round(self.coverage, 4),
            "coverage_scope": self.coverage_scope,
            "flagged": self.flagged,
            "flags": self.flags,
            "windows": self.windows,
            "window_utterances": self.window_utterances,
            "unheard_masked": self.unheard_masked,
            "unheard_masked_s": round(self.unheard_masked_s, 3),
            "redacted": self.redacted,
        }


def _covered(u: Utt, lo: float, hi: float, floor: float) -> tuple[float, float]:
    """(confident seconds, all seconds) of utterance ``u`` inside [lo, hi]."""
    total = max(0.0, min(u.t1, hi) - max(u.t0, lo))
    if total <= 0:
        return 0.0, 0.0
    if not u.words:
        return total, total
    conf = 0.0
    for w in u.words:
        d = max(0.0, min(w.t1, hi) - max(w.t0, lo))
        if w.p >= floor:
            conf += d
    word_time = sum(max(0.0, min(w.t1, hi) - max(w.t0, lo)) for w in u.words)
    # Gaps between words (pauses) count as covered; only low-probability words do not.
    return total - (word_time - conf), total


def coverage(
    call: CallText, res: CallRedaction, floor: float, speech: Sequence[tuple[str, float, float]] = ()
) -> tuple[float, str]:
    """Confidently transcribed share of speech in payment segments (or the whole call).

    ``speech`` lists the VAD's speech stretches (leg, t0, t1); speech the recogniser returned
    nothing for (dropped as noise or as a repetition loop) then counts as uncovered.
    """
    windows = [(s.t0, s.t1) for s in res.segments]
    scope = "payment-segments" if windows else "call"
    if not windows:
        windows = [(-1e18, 1e18)]
    good = total = 0.0
    for lo, hi in windows:
        for u in call.utts:
            g, t = _covered(u, lo, hi, floor)
            good += g
            total += t
        for leg, a, b in speech:
            d = max(0.0, min(b, hi) - max(a, lo))
            heard = sum(max(0.0, min(b, u.t1, hi) - max(a, u.t0, lo)) for u in call.utts if u.leg == leg)
            total += max(0.0, d - heard)
    return (good / total if total > 0 else 1.0), scope


def build_receipt(
    call: CallText,
    res: CallRedaction,
    policy: RedactPolicy,
    extra_flags: list[str] | None = None,
    speech: Sequence[tuple[str, float, float]] = (),
) -> Receipt:
    kinds: dict[str, int] = {}
    for s in res.spans:
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
    cov, scope = coverage(call, res, policy.confidence_floor, speech)
    flags = list(extra_flags or [])
    if cov < policy.coverage_threshold:
        flags.append("low-coverage")
    if any(s.closed_by != "end-phrase" for s in res.segments):
        flags.append("payment-segment-not-closed")
    return Receipt(
        call_id=res.call_id,
        redacted=[
            {
                "kind": s.kind,
                "leg": s.leg,
                "start_s": round(s.t0, 3),
                "end_s": round(s.t1, 3),
                "detector": s.detector,
                "confidence": round(s.confidence, 3),
                "reason": policy.reason(s.kind),
            }
            for s in res.spans
        ],
        kinds=kinds,
        detectors=sorted({s.detector for s in res.spans}),
        models=sorted({u.model for u in call.utts if u.model}),
        segments=[
            {"start_s": round(s.t0, 3), "end_s": round(s.t1, 3), "closed_by": s.closed_by}
            for s in res.segments
        ],
        coverage=cov,
        coverage_scope=scope,
        flagged=bool(flags),
        flags=flags,
        windows=[
            {
                "kind": w.kind,
                "start_s": round(w.t0, 3),
                "end_s": None if math.isinf(w.t1) else round(w.t1, 3),
                "closed_by": w.closed_by,
                "cue_match": w.how,
            }
            for w in res.windows
        ],
        window_utterances=res.window_utterances,
        unheard_masked=sum(1 for s in res.spans if s.kind == "UNHEARD"),
        unheard_masked_s=sum(s.t1 - s.t0 for s in res.spans if s.kind == "UNHEARD"),
    )
