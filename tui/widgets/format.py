"""Small text formats shared by the widgets (durations, times, scores)."""

from __future__ import annotations

import time


def duration(s: float) -> str:
    s = max(0, int(s))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"


def clock_time(epoch: float) -> str:
    return time.strftime("%H:%M:%S", time.gmtime(epoch)) if epoch else "—"


def call_time(s: float) -> str:
    m, sec = divmod(max(0.0, s), 60)
    return f"{int(m):02d}:{sec:04.1f}"


def score(v: float | None) -> str:
    return "—" if v is None else f"{v:.0f}"


def sentiment(v: float | None) -> str:
    """A number and a face, so the column reads in monochrome too."""
    if v is None:
        return "—"
    face = "☹" if v < -0.2 else ("☺" if v > 0.2 else "·")
    return f"{v:+.2f} {face}"


SEVERITY_STYLE = {"info": "cyan", "warning": "yellow", "critical": "bold red"}
