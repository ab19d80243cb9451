"""The in-band DTMF stage: ``AudioFrame`` in, ``DtmfEvent`` (source ``"inband"``) out, per leg.

Each leg keeps only the audio the detector may still need: the last analysis window and, while
a tone may be in progress, everything since it began. A digit is emitted once the pause after
it is long enough that no later audio can change it (Q.24 timing, see ``ccedge.dsp.dtmf``).
The buffer is only ever trimmed by whole hops where no tone is in progress, so the windows and
the decisions are exactly those of one ``detect_dtmf`` call over the whole leg.

Merging with RFC 2833 / SIP INFO events is ``ccedge.core.dtmf_merge.merge_dtmf``.
"""

from __future__ import annotations

import numpy as np

from ccedge.core.dtmf_merge import tones_to_events
from ccedge.core.frames import AudioFrame, DtmfEvent
from ccedge.core.leg_stage import LegClock, LegStage, LegState
from ccedge.dsp.dtmf import HOP_MS, WINDOW_MS, DtmfParams, detect_dtmf


class _LegTones(LegState[DtmfEvent]):
    def __init__(self, call_id: str, leg: str, rate: int, t0: float, params: DtmfParams) -> None:
        self.call_id = call_id
        self.leg = leg
        self.rate = rate
        self.origin = t0
        self.clock = LegClock(rate, t0)
        self.params = params
        self.hop = rate * HOP_MS // 1000
        self.win = rate * WINDOW_MS // 1000
        # a digit is final when this much audio follows its last valid window
        self.settle = self.win + int((params.max_gap_ms + 2 * HOP_MS) * rate / 1000)
        self.buf = np.zeros(0, np.int16)
        self.buf_start = 0  # leg sample index of buf[0], always a multiple of hop
        self.emitted_until = 0  # leg sample index after the last emitted digit

    def feed(self, frame: AudioFrame) -> list[DtmfEvent]:
        x = self.clock.align(frame)
        if len(x) == 0:
            return []
        self.buf = np.concatenate([self.buf, x])
        return self._scan(final=False)

    def flush(self) -> list[DtmfEvent]:
        return self._scan(final=True)

    def _scan(self, final: bool) -> list[DtmfEvent]:
        tones = detect_dtmf(self.buf, self.rate, self.params)
        end = self.buf_start + len(self.buf)
        out = []
        pending_from = end
        for t in tones:
            a = self.buf_start + round(t.t0 * self.rate)
            b = self.buf_start + round(t.t1 * self.rate)
            if a < self.emitted_until:
                continue
            if final or b + self.settle <= end:
                out.extend(
                    tones_to_events([t], self.call_id, self.leg, self.origin + self.buf_start / self.rate)
                )
                self.emitted_until = b
            else:
                pending_from = min(pending_from, a)
                break
        # keep the last window (and a tone that may be in progress); trim by whole hops
        keep_from = min(pending_from - self.win, end - self.settle - self.win)
        keep_from = max(keep_from, self.buf_start)
        drop = (keep_from - self.buf_start) // self.hop * self.hop
        if drop > 0:
            self.buf = self.buf[drop:]
            self.buf_start += drop
        return out


class InbandDtmfStage(LegStage[DtmfEvent]):
    """``await process(frame)`` returns the in-band digits that became final."""

    def __init__(self, params: DtmfParams | None = None) -> None:
        super().__init__()
        self.params = params or DtmfParams()

    def new_leg(self, frame: AudioFrame) -> _LegTones:
        return _LegTones(frame.call_id, frame.leg, frame.rate, frame.t0, self.params)


__all__ = ["InbandDtmfStage"]
