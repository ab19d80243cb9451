"""Coaching material from the redacted transcript: an extractive summary and topic tags.

Extractive on purpose: every sentence shown is one the agent or customer said (redacted), so
a reviewer can trust it and find it at its time. Cues pick the reason for the call (the
customer's first substantial request), what was done (agent statements in the perfect or
past), what was promised (agent future statements) and open follow-ups (promises with a time).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ccedge.core.language import normalise

_REASON = re.compile(r"\b(i would like|i want|i need|i am calling|calling about|can you|could you|my )")
_DONE = re.compile(
    r"\b(i have|i have just|has gone through|is done|has been|i updated|i processed|"
    r"i logged|i sent|is set up|is ready|came back)\b"
)
_PROMISE = re.compile(
    r"\b(i will|we will|someone will|will call|will send|will be|i can offer|we can set up)\b"
)
_WHEN = re.compile(
    r"\b(today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"next week|this afternoon|later|within|by the end|back)\b"
)
_MAX_CHARS = 160

TOPICS: dict[str, tuple[str, ...]] = {
    "balance": ("balance", "statement"),
    "payment": ("payment", "pay", "card", "keypad"),
    "fees": ("fee", "fees", "charged", "charge", "refund"),
    "debt": ("overdue", "debt", "arrears", "collect"),
    "hardship": ("hardship", "afford", "struggling", "job"),
    "cancellation": ("cancel", "cancellation", "close"),
    "technical": ("internet", "line", "dropping", "outage", "connection", "signal"),
    "results": ("results", "lab", "blood", "test", "scan"),
    "prescription": ("prescription", "medication", "pharmacy", "metformin"),
    "appointment": ("appointment", "booking", "reschedule"),
    "bereavement": ("passed", "died", "bereavement", "loss"),
    "waiting": ("waited", "hold", "wait", "waiting", "queue"),
}
COMPLAINT_CUES = ("complaint", "complain", "unacceptable", "ridiculous", "unhappy", "disappointed", "worst")


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_CHARS else text[: _MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


def summarise(lines: Sequence[tuple[str, float, str]]) -> dict[str, Any]:
    """``lines``: (role, start_s, redacted text) in call order."""
    reason = None
    done: list[dict[str, Any]] = []
    promised: list[dict[str, Any]] = []
    follow: list[dict[str, Any]] = []
    for role, t, text in lines:
        n = normalise(text)
        item = {"t": round(t, 1), "text": _clip(text)}
        if role == "customer" and reason is None and len(n.split()) >= 5 and _REASON.search(n):
            reason = item
        if role == "agent":
            if _PROMISE.search(n):
                promised.append(item)
                if _WHEN.search(n):
                    follow.append(item)
            elif _DONE.search(n):
                done.append(item)
    if reason is None:
        reason = next(
            (
                {"t": round(t, 1), "text": _clip(x)}
                for r, t, x in lines
                if r == "customer" and len(x.split()) >= 4
            ),
            None,
        )
    return {"reason": reason, "done": done[:3], "promised": promised[:3], "follow_ups": follow[:3]}


def tags(lines: Sequence[tuple[str, float, str]]) -> list[str]:
    """Topic tags of the call, plus ``complaint`` when the customer complained."""
    words = set(" ".join(normalise(x) for _, _, x in lines).split())
    out = [topic for topic, cues in TOPICS.items() if words & set(cues)]
    customer = set(" ".join(normalise(x) for r, _, x in lines if r == "customer").split())
    if customer & set(COMPLAINT_CUES):
        out.append("complaint")
    return out
