"""Calls written as timed turns for redaction tests: the words a recogniser returned, with times.

``timed_call`` spreads each turn's words evenly over its span (probability 0.9, or 0.2 for the
turns listed as unsure); ``covered`` says how much of a stretch of a leg the spans mask.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ccedge.core.frames import Transcript, Word
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.redactor import CallRedaction

TimedTurn = tuple[str, str, float, float]  # leg, text, t0, t1


def timed_call(turns: Sequence[TimedTurn], low_p: Collection[int] = (), call_id: str = "t@test") -> CallText:
    c = CallText(call_id)
    for k, (leg, text, t0, t1) in enumerate(turns):
        words = text.split()
        step = (t1 - t0) / max(1, len(words))
        p = 0.2 if k in low_p else 0.9
        ws = tuple(
            Word((" " if i else "") + w, t0 + i * step, t0 + (i + 1) * step, p) for i, w in enumerate(words)
        )
        c.add_transcript(Transcript(call_id, leg, t0, t1, text, ws))
    return c


def covered(res: CallRedaction, leg: str, t0: float, t1: float) -> float:
    """Share of [t0, t1] on ``leg`` that the result's spans mask."""
    iv = sorted((max(s.t0, t0), min(s.t1, t1)) for s in res.spans if s.leg == leg and s.t1 > t0 and s.t0 < t1)
    total, end = 0.0, t0
    for a, b in iv:
        a = max(a, end)
        if b > a:
            total += b - a
            end = b
    return total / (t1 - t0)


__all__ = ["TimedTurn", "covered", "timed_call"]
