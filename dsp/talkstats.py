"""Per-call talk statistics from VAD segments: talk time and ratio per leg, long silences,
overtalk, the longest monologue and the response latency between turns.

Input: for each leg, speech segments ``(t0, t1)`` in seconds on the call clock (as
``ccedge.dsp.vad.frames_to_segments`` gives them), and the call's duration. A *turn* is a
leg's speech with pauses shorter than ``turn_gap_s`` bridged, as long as no other leg speaks
in the pause; the longest turn is the longest monologue. A *response latency* is the time
from the end of one leg's turn to the start of the next turn of another leg (negative when
the next speaker starts before the previous one stops).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ccedge.dsp import DspError

Span = tuple[float, float]


@dataclass(frozen=True, slots=True)
class TalkStats:
    duration_s: float
    talk_s: dict[str, float]  # per leg
    talk_ratio: dict[str, float]  # share of all talk, per leg (sums to 1 when anyone talked)
    speech_fraction: dict[str, float]  # talk time / call duration, per leg
    silence_runs: list[Span]  # nobody talks for at least min_silence_s
    overtalk: list[Span]  # two or more legs at once, at least min_overtalk_s
    overtalk_s: float
    longest_monologue: tuple[str, float, float] | None  # (leg, t0, t1)
    latencies: list[tuple[str, str, float]] = field(default_factory=list)  # (from leg, to leg, seconds)

    @property
    def mean_latency_s(self) -> float | None:
        return float(np.mean([x[2] for x in self.latencies])) if self.latencies else None

    def to_json(self) -> dict[str, object]:
        r = lambda v: round(v, 3)  # noqa: E731 - local shorthand
        return {
            "duration_s": r(self.duration_s),
            "talk_s": {k: r(v) for k, v in self.talk_s.items()},
            "talk_ratio": {k: r(v) for k, v in self.talk_ratio.items()},
            "speech_fraction": {k: r(v) for k, v in self.speech_fraction.items()},
            "silence_runs": [[r(a), r(b)] for a, b in self.silence_runs],
            "overtalk": [[r(a), r(b)] for a, b in self.overtalk],
            "overtalk_s": r(self.overtalk_s),
            "longest_monologue": None
            if self.longest_monologue is None
            else {
                "leg": self.longest_monologue[0],
                "t0": r(self.longest_monologue[1]),
                "t1": r(self.longest_monologue[2]),
            },
            "latencies": [{"from": a, "to": b, "s": r(s)} for a, b, s in self.latencies],
            "mean_latency_s": None if self.mean_latency_s is None else r(self.mean_latency_s),
        }


def _merge(spans: Sequence[Span]) -> list[Span]:
    out: list[Span] = []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _sweep(legs: Mapping[str, list[Span]]) -> list[tuple[float, float, int]]:
    """Elementary intervals with how many legs speak in each."""
    edges: list[tuple[float, int]] = []
    for spans in legs.values():
        for a, b in spans:
            edges.append((a, 1))
            edges.append((b, -1))
    edges.sort()
    out = []
    count = 0
    prev = None
    for t, d in edges:
        if prev is not None and t > prev:
            out.append((prev, t, count))
        count += d
        prev = t
    return out


def _turns(legs: Mapping[str, list[Span]], gap: float) -> list[tuple[str, float, float]]:
    events = sorted((a, b, leg) for leg, spans in legs.items() for a, b in spans)
    turns: list[tuple[str, float, float]] = []
    for a, b, leg in events:
        if turns and turns[-1][0] == leg and a - turns[-1][2] < gap:
            last = turns[-1]
            # bridge only when no other leg spoke in the pause
            others = any(x < a and y > last[2] for other, sp in legs.items() if other != leg for x, y in sp)
            if not others:
                turns[-1] = (leg, last[1], max(last[2], b))
                continue
        turns.append((leg, a, b))
    return turns


def talk_stats(
    segments: Mapping[str, Sequence[Span]],
    duration_s: float,
    min_silence_s: float = 5.0,
    min_overtalk_s: float = 0.0,
    turn_gap_s: float = 1.5,
) -> TalkStats:
    """Statistics of one call from each leg's speech segments."""
    if duration_s < 0 or min_silence_s < 0 or min_overtalk_s < 0 or turn_gap_s < 0:
        raise DspError("talk statistics durations must be >= 0")
    legs = {
        leg: _merge([(max(0.0, a), min(duration_s, b)) for a, b in spans]) for leg, spans in segments.items()
    }
    talk = {leg: float(sum(b - a for a, b in spans)) for leg, spans in legs.items()}
    total = sum(talk.values())
    ratio = {leg: (t / total if total > 0 else 0.0) for leg, t in talk.items()}
    frac = {leg: (t / duration_s if duration_s > 0 else 0.0) for leg, t in talk.items()}
    pieces = _sweep(legs)
    busy = _merge([(a, b) for a, b, c in pieces if c > 0])
    silences: list[Span] = []
    cursor = 0.0
    for a, b in [*busy, (duration_s, duration_s)]:
        if a - cursor >= min_silence_s and a > cursor:
            silences.append((cursor, a))
        cursor = max(cursor, b)
    overtalk = [s for s in _merge([(a, b) for a, b, c in pieces if c >= 2]) if s[1] - s[0] >= min_overtalk_s]
    turns = _turns(legs, turn_gap_s)
    longest = max(turns, key=lambda t: t[2] - t[1]) if turns else None
    latencies = []
    for prev, nxt in itertools.pairwise(turns):
        if prev[0] != nxt[0]:
            latencies.append((prev[0], nxt[0], nxt[1] - prev[2]))
    return TalkStats(
        duration_s=duration_s,
        talk_s=talk,
        talk_ratio=ratio,
        speech_fraction=frac,
        silence_runs=silences,
        overtalk=overtalk,
        overtalk_s=float(sum(b - a for a, b in overtalk)),
        longest_monologue=longest,
        latencies=latencies,
    )


def talk_stats_from_labels(
    labels: Mapping[str, npt.NDArray[np.bool_]], frame_ms: int, duration_s: float | None = None, **kw: float
) -> TalkStats:
    """The same from per-leg VAD frame decisions."""
    from ccedge.dsp.vad import frames_to_segments

    if duration_s is None:
        duration_s = max((len(v) for v in labels.values()), default=0) * frame_ms / 1000
    segs = {leg: frames_to_segments(v, frame_ms) for leg, v in labels.items()}
    return talk_stats(segs, duration_s, **kw)


__all__ = ["TalkStats", "talk_stats", "talk_stats_from_labels"]
