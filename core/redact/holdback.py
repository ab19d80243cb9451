"""The hold-back buffer: each leg's audio waits in memory until redaction has cleared it.

ARCHITECTURE.md invariant 1: audio reaches the vault only after redaction has seen the
words said in it. Frames wait per leg; the pipeline tells the buffer how far redaction has
cleared a leg (``clear``) and which spans to mask (``add_spans``); cleared frames leave with
those spans masked (padded on both sides). The buffer is bounded: a frame older than the
horizon (``policy.holdback_s``) behind the newest audio leaves whether cleared or not, and
then, per policy, either fully masked or marked *sealed* for the caller to store under a
quarantine key for re-scan. It never leaves plain.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from ccedge.core.frames import AudioFrame, RedactionSpan
from ccedge.core.redact.errors import RedactError
from ccedge.core.redact.policy import RedactPolicy
from ccedge.dsp.mask import mask_spans

Status = Literal["cleared", "masked-lag", "sealed"]


@dataclass(frozen=True, slots=True)
class Released:
    frame: AudioFrame  # masked where redaction said so (all of it for "masked-lag")
    status: Status  # "sealed": the original audio, to be stored only under a quarantine key


@dataclass(slots=True)
class _Leg:
    frames: deque[AudioFrame] = field(default_factory=deque)
    cleared_t: float = float("-inf")
    spans: list[tuple[float, float]] = field(default_factory=list)
    newest_t: float = float("-inf")


class HoldBack:
    def __init__(self, policy: RedactPolicy | None = None) -> None:
        self.policy = policy or RedactPolicy()
        if self.policy.holdback_s <= 0:
            raise RedactError("holdback_s must be positive")
        self._legs: dict[tuple[str, str], _Leg] = {}
        self.lagged_s = 0.0  # audio seconds that left uncleared (masked or sealed)

    def _leg(self, call_id: str, leg: str) -> _Leg:
        return self._legs.setdefault((call_id, leg), _Leg())

    def push(self, frame: AudioFrame) -> list[Released]:
        lg = self._leg(frame.call_id, frame.leg)
        lg.frames.append(frame)
        lg.newest_t = max(lg.newest_t, frame.t1)
        return self._drain(frame.call_id, frame.leg)

    def add_spans(self, spans: Iterable[RedactionSpan]) -> None:
        pad = self.policy.pad_s
        for s in spans:
            self._leg(s.call_id, s.leg).spans.append((max(0.0, s.t0 - pad), s.t1 + pad))

    def clear(self, call_id: str, leg: str, t: float) -> list[Released]:
        """Redaction has seen everything said on ``leg`` before ``t``."""
        lg = self._leg(call_id, leg)
        lg.cleared_t = max(lg.cleared_t, t)
        return self._drain(call_id, leg)

    def held_s(self, call_id: str, leg: str) -> float:
        lg = self._legs.get((call_id, leg))
        return sum(len(f.samples) / f.rate for f in lg.frames) if lg else 0.0

    def finish(self, call_id: str, cleared: bool = True) -> list[Released]:
        """The call ended: release what is left (cleared when redaction has finished the call)."""
        out: list[Released] = []
        for (cid, leg), lg in list(self._legs.items()):
            if cid != call_id:
                continue
            if cleared:
                lg.cleared_t = float("inf")
            out.extend(self._drain(cid, leg, force=True))
            del self._legs[(cid, leg)]
        return out

    def _drain(self, call_id: str, leg: str, force: bool = False) -> list[Released]:
        lg = self._legs[(call_id, leg)]
        out: list[Released] = []
        horizon = lg.newest_t - self.policy.holdback_s
        while lg.frames:
            f = lg.frames[0]
            # Padding of a span that starts just after the frame still reaches into it.
            if f.t1 + self.policy.pad_s <= lg.cleared_t:
                out.append(Released(self._mask(f, lg.spans), "cleared"))
            elif f.t1 <= horizon or force:
                self.lagged_s += len(f.samples) / f.rate
                if self.policy.lag_action == "seal":
                    out.append(Released(f, "sealed"))
                else:
                    silent = np.zeros_like(f.samples)
                    out.append(
                        Released(AudioFrame(f.call_id, f.leg, f.t0, f.rate, silent, f.gap), "masked-lag")
                    )
            else:
                break
            lg.frames.popleft()
        # Spans wholly before everything still held are no longer needed.
        if lg.frames:
            t0 = lg.frames[0].t0
            lg.spans = [s for s in lg.spans if s[1] > t0]
        return out

    @staticmethod
    def _mask(f: AudioFrame, spans: list[tuple[float, float]]) -> AudioFrame:
        local = [(max(a, f.t0) - f.t0, min(b, f.t1) - f.t0) for a, b in spans if a < f.t1 and b > f.t0]
        if not local:
            return f
        return AudioFrame(f.call_id, f.leg, f.t0, f.rate, mask_spans(f.samples, f.rate, local), f.gap)
