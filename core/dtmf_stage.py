"""The in-band DTMF stage: ``AudioFrame`` in, ``DtmfEvent`` (source ``"inband"``) out, per leg.

Each window of a leg is analysed once, as soon as its audio is in; the per-window results are
kept from the oldest window a digit may still need (while a tone may be in progress, all since
it began). A digit is emitted once the pause after it is long enough that no later audio can
change it (Q.24 timing, see ``ccedge.dsp.dtmf``). Windows sit on the same 5 ms grid as in a
whole-leg analysis and are only dropped where no tone is in progress, so the decisions are
exactly those of one ``detect_dtmf`` call over the whole leg.

Merging with RFC 2833 / SIP INFO events is ``ccedge.core.dtmf_merge.merge_dtmf``.
"""

from __future__ import annotations

import numpy as np

from ccedge.core.dtmf_merge import tones_to_events
from ccedge.core.frames import AudioFrame, DtmfEvent
from ccedge.core.leg_stage import LegClock, LegStage, LegState
from ccedge.dsp.dtmf import HOP_MS, WINDOW_MS, DtmfParams, DtmfWindows, dtmf_windows, windows_to_tones


class _LegTones(LegState[DtmfEvent]):
    """Per-leg state: the samples of windows not yet analysed, and the per-window results
    since the oldest window a digit may still need (each window is analysed once)."""

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
        self.next_win = 0  # leg sample index where the next window starts (= start of buf)
        self.w_base = 0  # leg sample index where the first kept window starts
        self.codes = np.zeros(0, np.int8)
        self.cands = np.zeros(0, np.int8)
        self.levels = np.zeros(0)
        self.emitted_until = 0  # leg sample index after the last emitted digit

    def feed(self, frame: AudioFrame) -> list[DtmfEvent]:
        x = self.clock.align(frame)
        if len(x) == 0:
            return []
        self.buf = np.concatenate([self.buf, x])
        w = dtmf_windows(self.buf, self.rate, self.params)
        k = len(w.codes)
        if k:
            self.codes = np.concatenate([self.codes, w.codes])
            self.cands = np.concatenate([self.cands, w.cands])
            self.levels = np.concatenate([self.levels, w.levels])
            self.next_win += k * self.hop
            self.buf = self.buf[k * self.hop :]
        return self._scan(final=False)

    def flush(self) -> list[DtmfEvent]:
        return self._scan(final=True)

    def _scan(self, final: bool) -> list[DtmfEvent]:
        tones = []
        if (self.codes >= 0).any():  # no accepted window, no digit: the common case
            kept = DtmfWindows(self.codes, self.cands, self.levels, np.zeros((0, 8)))
            tones = windows_to_tones(kept, self.params)
        end = self.clock.fed
        out = []
        pending_from = end
        for t in tones:
            a = self.w_base + round(t.t0 * self.rate)
            b = self.w_base + round(t.t1 * self.rate)
            if a < self.emitted_until:
                continue
            if final or b + self.settle <= end:
                out.extend(
                    tones_to_events([t], self.call_id, self.leg, self.origin + self.w_base / self.rate)
                )
                self.emitted_until = b
            else:
                pending_from = min(pending_from, a)
                break
        # keep the windows a digit in progress (or the next one) may still need
        keep_from = max(min(pending_from - self.win, end - self.settle - self.win), self.w_base)
        drop = (keep_from - self.w_base) // self.hop
        if drop > 0:
            self.codes = self.codes[drop:]
            self.cands = self.cands[drop:]
            self.levels = self.levels[drop:]
            self.w_base += drop * self.hop
        return out


class InbandDtmfStage(LegStage[DtmfEvent]):
    """``await process(frame)`` returns the in-band digits that became final."""

    def __init__(self, params: DtmfParams | None = None) -> None:
        super().__init__()
        self.params = params or DtmfParams()

    def new_leg(self, frame: AudioFrame) -> _LegTones:
        return _LegTones(frame.call_id, frame.leg, frame.rate, frame.t0, self.params)


__all__ = ["InbandDtmfStage"]
