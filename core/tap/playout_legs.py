"""The legs of live playout: per-leg slot arrays, the scratch buffer a tick's packets are placed in,
and cutting the played audio into AudioFrames.

Each leg's audio between what was handed out (``emitted``) and the end of what was placed so far
(``end``) lives back to back with the other legs' in one scratch buffer per tick, so placing a tick's
packets of every leg is one scatter; what is not handed out yet stays as the leg's ``tail``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import AudioFrame
from ccedge.core.tap import _rtp_kernels as K
from ccedge.core.tap.playout_arrays import LAW_A, LAW_G722, LAW_MU, LAW_NONE, LUTS, Slots, frames

LEG_FIELDS: dict[str, Any] = {
    "emitted": (np.int64, 0),  # samples handed out (call clock)
    "end": (np.int64, 0),  # end of the audio played into the leg so far
    "start": (np.float64, 0.0),
    "rate": (np.int64, 0),
}


@dataclass(eq=False)
class PlayoutLeg:
    slot: int
    call_id: str
    leg: str
    call_start: float
    rate: int = 0
    tail: npt.NDArray[np.int16] = field(default_factory=lambda: np.zeros(0, np.int16))  # [emitted, end)
    live: bool = True
    subs: list[int] = field(default_factory=list)


class LegBuffers:
    """Slot arrays of every live leg (``LEG_FIELDS``) and this tick's scratch buffer."""

    def __init__(self, block_s: float) -> None:
        self.block_s = block_s
        self.slots = Slots(LEG_FIELDS)
        self.at: dict[int, PlayoutLeg] = {}  # slot -> leg
        self.scratch = np.zeros(0, np.int16)
        self.base: npt.NDArray[np.int64] | None = None  # per slot: where its region starts in scratch
        self.in_scratch = np.zeros(0, np.int64)  # the slots that have a region
        self.only: npt.NDArray[np.int64] | None = None

    def build(self) -> None:
        """One buffer holding every leg's region [emitted, end) back to back, old tails first
        (only the legs of the calls being finished while ``only`` is set)."""
        L = self.slots
        span = L["end"] - L["emitted"]
        legs = np.flatnonzero(span > 0)
        if self.only is not None:
            legs = np.intersect1d(legs, self.only)
        base = np.zeros(L.size, np.int64)
        if len(legs):
            base[legs[1:]] = np.cumsum(span[legs])[:-1]
        self.scratch = np.zeros(int(span[legs].sum()), np.int16)
        tails = [self.at[sl].tail for sl in legs.tolist()]
        lens = np.array([len(t) for t in tails], np.int64)
        if lens.any():  # each old tail to the start of its leg's region, in one scatter
            first = np.repeat(base[legs] - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
            self.scratch[first + np.arange(int(lens.sum()))] = np.concatenate(tails)
        self.base, self.in_scratch = base, legs

    # -- output ---------------------------------------------------------------------------------
    def emit(self, point: float, only: npt.NDArray[np.int64] | None = None) -> list[AudioFrame]:
        """Hand out every leg's audio up to the playout point (only the legs ``only`` names)."""
        L = self.slots
        base = self.base
        assert base is not None
        out: list[AudioFrame] = []
        with np.errstate(invalid="ignore"):
            lim = np.nan_to_num((point - L["start"]) * L["rate"], nan=0.0, posinf=2.0**62)
        upto = np.minimum(L["end"], np.floor(lim).astype(np.int64))
        chosen = None if only is None else set(only.tolist())
        for sl in self.in_scratch.tolist():
            leg = self.at[sl]
            e, end = int(L["emitted"][sl]), int(L["end"][sl])
            region = self.scratch[base[sl] : base[sl] + end - e]
            u = int(upto[sl]) if leg.live and leg.rate and (chosen is None or sl in chosen) else e
            if u > e:
                out.extend(frames(leg.call_id, leg.leg, leg.rate, region[: u - e], e, self.block_s))
                L["emitted"][sl] = u
            leg.tail = region[max(0, u - e) :]  # a view: this tick's buffer lives until the next
        self.base = None
        self.scratch = np.zeros(0, np.int16)
        return out


    def place(self, S: Slots, decoder_of: Callable[[int], Any], segs: K.TypedSegments, recs: npt.NDArray[Any],
              slot: npt.NDArray[np.int64], sample: npt.NDArray[np.int64]) -> int:
        """Decode played audio packets (stream slots ``slot``, slot fields ``S``) into their legs' regions
        at their call-clock samples; returns how many came too late (placed before what went out)."""
        L = self.slots
        pts = (recs["b1"] & 0x7F).astype(np.int64)
        law = S["law"][slot, pts]
        start = recs["off"].astype(np.int64) + recs["hdr"]
        length = recs["len"].astype(np.int64) - recs["hdr"] - recs["pad"]
        leg = S["leg"][slot]
        ok = (law != LAW_NONE) & (length > 0) & (recs["hdr"] <= recs["len"])
        behind = ok & (sample < L["emitted"][leg])  # placed before what went out (timestamp jumps)
        late = int(behind.sum())
        ok &= ~behind
        if not ok.any():
            return late
        recs, slot, sample, law, start, length, leg = (
            recs[ok], slot[ok], sample[ok], law[ok], start[ok], length[ok], leg[ok])
        n = length * S["per_tick"][slot]
        g722 = law == LAW_G722
        if g722.any():  # stateful: every played packet is decoded, in order, per stream
            n = n.copy()
            pieces: list[tuple[npt.NDArray[np.int16], npt.NDArray[np.bool_], npt.NDArray[np.int64]]] = []
            for sl in np.unique(slot[g722]).tolist():
                k = g722 & (slot == sl)
                code = K.gather_segments(segs, recs["seg"][k], start[k], length[k])
                pcm = decoder_of(sl).decode(code)
                n[k] = length[k] * (len(pcm) // max(1, len(code)))
                pieces.append((pcm, k, n[k]))
        np.maximum.at(L["end"], leg, sample + n)
        self.build()
        assert self.base is not None
        dest = self.base[leg] + sample - L["emitted"][leg]
        for lw in (LAW_MU, LAW_A):  # G.711: the 256-entry table applied where the octets lie
            k = law == lw
            if k.any():
                K.lut_place(segs, recs["seg"][k], start[k], length[k], dest[k], LUTS[lw], self.scratch)
        if g722.any():
            for pcm, k, nk in pieces:
                K.place(pcm, nk, dest[k], self.scratch)
        return late


__all__ = ["LEG_FIELDS", "LegBuffers", "PlayoutLeg"]
