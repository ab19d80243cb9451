"""Events for guidance and QM tests and benchmarks (only test helpers may build RedactedText)."""

from __future__ import annotations

from ccedge.core.events import RedactedText, UtteranceRedacted


def utterance_event(
    call_id: str, role: str, t0: float, t1: float, text: str, wall: float = 0.0
) -> UtteranceRedacted:
    leg = {"agent": "callee", "customer": "caller"}.get(role, "orphan-1")
    return UtteranceRedacted(
        call_id=call_id,
        t=t0,
        wall=wall,
        leg=leg,
        role=role,
        start_s=t0,
        end_s=t1,
        text=RedactedText(text),
    )
