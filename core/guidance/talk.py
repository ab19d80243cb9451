"""Talk statistics for talk rules: from the VAD's ``talk_stats`` events when the call has them,
else derived from utterance times (offline transcripts), plus hold from ``call_updated``."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ccedge.core.guidance.records import Hit

_TURN_GAP_S = 3.0  # an agent's utterances closer than this, with no customer speech, are one turn


@dataclass(slots=True)
class TalkTracker:
    from_vad: bool = False
    vad: dict[str, float] = field(default_factory=dict)  # metric -> longest so far (from talk_stats)
    vad_at: dict[str, float] = field(default_factory=dict)  # metric -> t it was reported
    spans: list[tuple[float, float, str]] = field(default_factory=list)  # utterances (t0, t1, role)
    held_at: float | None = None
    holds: list[tuple[float, float]] = field(default_factory=list)

    def utterance(self, t0: float, t1: float, role: str) -> None:
        bisect.insort(self.spans, (t0, t1, role))  # kept sorted: legs may arrive out of order

    def stats(self, t: float, role: str, silence: float, overtalk: float, monologue: float,
              current_silence: float) -> None:
        self.from_vad = True
        for k, v in (("silence", max(silence, current_silence)), ("overtalk", overtalk)):
            if v > self.vad.get(k, -1.0):
                self.vad[k], self.vad_at[k] = v, t
        if role == "agent" and monologue > self.vad.get("monologue", -1.0):
            self.vad["monologue"], self.vad_at["monologue"] = monologue, t

    def hold(self, t: float, held: bool) -> None:
        if held and self.held_at is None:
            self.held_at = t
        elif not held and self.held_at is not None:
            self.holds.append((self.held_at, t))
            self.held_at = None

    def longest(self, metric: str, now: float) -> Hit | None:
        """The worst stretch of ``metric`` so far, as evidence (None when there is none)."""
        if metric == "hold":
            holds = list(self.holds) + ([(self.held_at, now)] if self.held_at is not None else [])
            return _hit(max(holds, key=lambda h: h[1] - h[0], default=None), "hold")
        if self.from_vad and metric in self.vad:
            v, at = self.vad[metric], self.vad_at[metric]
            return Hit(max(0.0, at - v), at, "any", "", f"{metric} {v:.1f} s (VAD)")
        spans = self.spans
        if metric == "silence":
            gaps, end = [], None
            for t0, t1, _ in spans:
                if end is not None and t0 > end:
                    gaps.append((end, t0))
                end = t1 if end is None else max(end, t1)
            return _hit(max(gaps, key=lambda g: g[1] - g[0], default=None), "silence")
        if metric == "overtalk":  # both sides at once: intersect the two merged timelines
            a, b = _merged(spans, "agent"), _merged(spans, "customer")
            total, last, i, j = 0.0, None, 0, 0
            while i < len(a) and j < len(b):
                lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
                if hi > lo:
                    total += hi - lo
                    last = (lo, hi)
                if a[i][1] < b[j][1]:
                    i += 1
                else:
                    j += 1
            return Hit(last[0], last[1], "any", "", f"overtalk {total:.1f} s") if last else None
        if metric == "monologue":
            best: tuple[float, float] | None = None
            cur: list[float] | None = None
            for t0, t1, role in spans:
                if role == "agent" and cur is not None and t0 - cur[1] <= _TURN_GAP_S:
                    cur[1] = max(cur[1], t1)
                elif role == "agent":
                    cur = [t0, t1]
                elif role == "customer":
                    cur = None
                if cur is not None and (best is None or cur[1] - cur[0] > best[1] - best[0]):
                    best = (cur[0], cur[1])
            return _hit(best, "monologue")
        return None


def _merged(spans: list[tuple[float, float, str]], role: str) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for t0, t1, r in spans:
        if r != role:
            continue
        if out and t0 <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], t1))
        else:
            out.append((t0, t1))
    return out


def _hit(span: tuple[float, float] | None, what: str) -> Hit | None:
    if span is None:
        return None
    return Hit(span[0], span[1], "any", "", f"{what} {span[1] - span[0]:.1f} s")


def measured(h: Hit | None) -> float:
    """The length a talk hit stands for (the overtalk total is in its label, not its span)."""
    if h is None:
        return 0.0
    try:
        return float(h.phrase.split()[1])
    except (IndexError, ValueError):
        return h.t1 - h.t0
