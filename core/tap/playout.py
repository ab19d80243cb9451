"""Live playout: each leg's audio as AudioFrames while its call is in progress.

The demux keeps every packet of a live call (its summary is built when the call ends);
this module renders, batch by batch, only the region of each stream that is new since its
last playout point. A receiver's jitter buffer plays a packet out a fixed delay after the
newest capture time (RFC 3550 §6.4.1 / A.8 describe the jitter such a delay absorbs); here
the playout point is ``newest capture time - delay``, mapped onto the call's clock.

Equivalence with the whole-leg rendering (:meth:`ccedge.core.tap.calls.LegRecord.pcm`) is
the contract: the same ordering rules as :func:`ccedge.core.tap.jitter.order_stream` are
applied incrementally (sequence numbers extended in arrival order, RFC 3550 A.1; duplicates
dropped, keeping the first arrival; RTP timestamps extended in playout order, jumps the
capture clock does not confirm re-anchored on capture time) and each SSRC is anchored on its
first packet the way :func:`ccedge.core.tap.streamwork.render` anchors it. The only
differences are packets that arrive after their place was played out: they are counted
(``late``) and not inserted (a frame handed out is immutable), so the live audio has
silence where the whole rendering has them. A stream whose first packet is overtaken by more
than the delay is anchored on the packet that was first at playout.

Work per batch is one set of array operations over the new packets of all active streams
together (stream state lives in slot-indexed arrays; no Python object per packet, and Python
per stream only when a stream is first seen and when a leg's frames are cut). Legs this
module cannot render live (SRTP, ZRTP, no decodable codec, a second audio rate, no
signalling) are left to the end of the call, when the Tap emits the whole-leg rendering
from the last live sample on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import AudioFrame
from ccedge.core.tap.playout_arrays import (
    Slots,
    frames,
    group_starts,
    seg_cumsum,
    seg_prefix_true,
)
from ccedge.core.tap.playout_legs import LegBuffers, PlayoutLeg
from ccedge.core.tap.playout_streams import SUB_FIELDS, PlayoutChain, PlayoutSub, configure, positions

if TYPE_CHECKING:
    from ccedge.core.tap.streams import RtpDemux

DEFAULT_JITTER_DELAY_S = 0.3
# A stream no signalled call claims within this long is left alone (an orphan: whole at the end).
RESOLVE_WAIT_S = 2.0
# Mirrors ccedge.core.tap.streams.SSRC_HANDOVER_OVERLAP_S (a new SSRC continuing a flow's stream).
_HANDOVER_OVERLAP_S = 0.1

# (call_id, leg name, call start capture time, "src"|"dst": which end the SDP named) for a flow,
# or None when no call claims it.
Resolver = Callable[[str, int, str, int, float], tuple[str, str, float, str] | None]


class LivePlayout:
    """Turns a demux's fresh packets into per-leg AudioFrames up to a trailing playout point."""

    def __init__(self, demux: RtpDemux, resolve: Resolver, delay_s: float = DEFAULT_JITTER_DELAY_S,
                 block_s: float = 0.5) -> None:
        if delay_s < 0:
            raise ValueError("jitter delay must not be negative")
        if block_s <= 0:
            raise ValueError("audio block length must be positive")
        self.demux = demux
        self.resolve = resolve
        self.delay_s = delay_s
        self.block_s = block_s
        demux.fresh = []
        self._subs: dict[int, PlayoutSub] = {}
        self._flows: dict[bytes, list[PlayoutChain]] = {}
        self._legs: dict[tuple[str, str], PlayoutLeg] = {}
        self._calls: dict[str, list[PlayoutLeg]] = {}
        self._slot_sub: dict[int, PlayoutSub] = {}
        self._S = Slots(SUB_FIELDS, {"timeline": 128, "law": 128})
        self.buffers = LegBuffers(block_s)
        self._pend: npt.NDArray[Any] | None = None  # packets not played yet: records, slot, ext
        self._pend_slot = np.zeros(0, np.int64)
        self._pend_ext = np.zeros(0, np.int64)
        self._recent = np.zeros(0, np.int64)  # (slot, ext) keys played in the last tick
        self.late = 0
        self.duplicates = 0

    # -- input ----------------------------------------------------------------------------------
    def _ingest(self) -> None:
        fresh = self.demux.fresh
        if not fresh:
            return
        self.demux.fresh = []
        for subs, recs in fresh:
            self._add(subs, recs)

    def _new_sub(self, s: int, t0: float) -> PlayoutSub:
        flow = self.demux.store.subs[s].flow
        chains = self._flows.setdefault(flow, [])
        chain = next((c for c in chains if t0 >= c.last_ts - _HANDOVER_OVERLAP_S), None)
        if chain is None:
            chain = PlayoutChain(t0, t0)
            chains.append(chain)
        sp = self._subs[s] = PlayoutSub(s, self._S.take(), chain, flow)
        self._slot_sub[sp.slot] = sp
        return sp

    def _add(self, subs: npt.NDArray[np.int64], recs: npt.NDArray[Any]) -> None:
        """One feed's new packets, grouped by sub-stream, arrival order within each."""
        first = group_starts(subs)
        starts = np.flatnonzero(first)
        cap = recs["cap"]
        slots = np.empty(len(starts), np.int64)
        ends = np.append(starts[1:], len(subs)) - 1
        for k, (a, b) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
            s = int(subs[a])
            sp = self._subs.get(s) or self._new_sub(s, float(cap[a]))
            sp.chain.last_ts = max(sp.chain.last_ts, float(cap[b]))
            slots[k] = sp.slot
        slot = np.repeat(slots, np.diff(np.append(starts, len(subs))))
        S = self._S
        # RFC 3550 A.1: extend sequence numbers in arrival order, continuing from the last arrival.
        raw = recs["seq"].astype(np.int64)
        prev = np.empty_like(raw)
        prev[1:] = raw[:-1]
        init = S["a_init"][slots]
        prev[starts] = np.where(init, S["a_raw"][slots], raw[starts])
        d = ((raw - prev + 0x8000) & 0xFFFF) - 0x8000
        base = np.where(init, S["a_ext"][slots] + d[starts], raw[starts])
        d[starts] = 0
        ext = seg_cumsum(d, first) + np.repeat(base, np.diff(np.append(starts, len(subs))))
        S["a_init"][slots] = True
        S["a_raw"][slots] = raw[ends]
        S["a_ext"][slots] = ext[ends]
        keep = S["state"][slot] >= 0
        old = keep & (ext <= S["committed"][slot])
        if old.any():  # their place was played out: a duplicate of a played packet, or late
            dup = np.isin(slot[old] << 40 | (ext[old] & ((1 << 40) - 1)), self._recent)
            self.duplicates += int(dup.sum())
            self.late += int((~dup).sum())
            keep &= ~old
        if not keep.all():
            recs, slot, ext = recs[keep], slot[keep], ext[keep]
        if len(recs):
            self._pend = recs if self._pend is None else np.concatenate([self._pend, recs])
            self._pend_slot = np.concatenate([self._pend_slot, slot])
            self._pend_ext = np.concatenate([self._pend_ext, ext])

    # -- set-up of a new sub-stream (once per stream, in Python) -------------------------------------
    def _leg_of(self, sp: PlayoutSub) -> PlayoutLeg | None:
        ch = sp.chain
        if not ch.resolved:
            sub = self.demux.store.subs[sp.sub]
            m = self.resolve(sub.src, sub.sport, sub.dst, sub.dport, ch.first_ts)
            if m is None:
                return None
            ch.resolved = True
            call_id, name, start, how = m
            ch.how = how
            name = self._crossed(call_id, name, ch, sp.flow)
            key = (call_id, name)
            leg = self._legs.get(key)
            if leg is None:
                slot = self.buffers.slots.take()
                leg = self._legs[key] = PlayoutLeg(slot, call_id, name, start)
                self._calls.setdefault(call_id, []).append(leg)
                self.buffers.at[slot] = leg
                self.buffers.slots["start"][slot] = start
            ch.leg = leg
            ch.flow = sp.flow
        return ch.leg

    def _crossed(self, call_id: str, name: str, ch: PlayoutChain, flow: bytes) -> str:
        """The call assembly's rule for SDP addresses behind a relay or NAT (calls.py,
        ``_split_crossed_leg``): two flows at once on one leg and none on the other, the flow
        only whose destination the SDP named belongs to the other leg. Applied as flows appear;
        a leg that turns out crossed after it was played is left to the whole rendering."""
        peer = {"caller": "callee", "callee": "caller"}.get(name)
        if peer is None:
            return name
        legs = {leg.leg: leg for leg in self._calls.get(call_id, [])}
        if peer in legs:
            return name
        mine = legs.get(name)
        same = [c for c in self._chains_of(mine) if c.flow != flow and c.last_ts > ch.first_ts]
        if not same:
            return name
        if ch.how == "dst" and any(c.how != "dst" for c in same):
            return peer
        if ch.how != "dst" and all(c.how == "dst" for c in same) and mine is not None:
            mine.live = False  # the earlier flow belongs to the other leg: too late to move it
            for s in mine.subs:
                o = self._subs.get(s)
                if o is not None:
                    self._S["state"][o.slot] = -1
        return name

    def _chains_of(self, leg: PlayoutLeg | None) -> list[PlayoutChain]:
        if leg is None:
            return []
        return [self._subs[s].chain for s in leg.subs if s in self._subs]

    def _setup(self, sp: PlayoutSub, now: float) -> int:
        """1: live from now on; 0: wait (no call or no audio yet); -1: leave it to the call's end."""
        S = self._S
        leg = self._leg_of(sp)
        if leg is None:
            return -1 if sp.chain.resolved or now - sp.chain.first_ts > RESOLVE_WAIT_S else 0
        if sp.sub not in leg.subs:
            leg.subs.append(sp.sub)
        if not leg.live:
            return -1
        mine = self._pend_slot == sp.slot
        assert self._pend is not None
        result = configure(self.demux, S, self.buffers.slots, sp, leg, self._pend[mine], self._pend_ext[mine])
        if result < 0:  # the leg is rendered whole when its call ends; its streams stop here
            leg.live = False
            for other in leg.subs:
                o = self._subs.get(other)
                if o is not None and o is not sp:
                    S["state"][o.slot] = -1
        return result

    # -- playout --------------------------------------------------------------------------------
    def advance(self, now: float) -> list[AudioFrame]:
        """Play out everything up to ``now - delay`` (capture time); return the new frames."""
        self._ingest()
        point = now - self.delay_s
        S = self._S
        if self._pend is not None and len(self._pend_slot):
            state = S["state"][self._pend_slot]
            if (state == 0).any():
                for slot in np.unique(self._pend_slot[state == 0]).tolist():
                    S["state"][slot] = self._setup(self._slot_sub[slot], now)
                state = S["state"][self._pend_slot]
            gone = state < 0
            if gone.any():
                self._drop_rows(~gone)
            self._play(point, S["state"][self._pend_slot] == 1)
        if self.buffers.base is None:
            self.buffers.build()
        return self.buffers.emit(point)

    def _drop_rows(self, keep: npt.NDArray[Any]) -> None:
        """Keep these pending rows (a mask or indices, in that order)."""
        assert self._pend is not None
        self._pend, self._pend_slot = self._pend[keep], self._pend_slot[keep]
        self._pend_ext = self._pend_ext[keep]

    def _play(self, point: float, live: npt.NDArray[np.bool_]) -> None:
        S, L = self._S, self.buffers.slots
        assert self._pend is not None
        idx = np.flatnonzero(live)
        if not len(idx):
            return
        order = idx[np.lexsort((self._pend_ext[idx], self._pend_slot[idx]))]  # stable: arrival order kept
        slot, ext = self._pend_slot[order], self._pend_ext[order]
        dup = np.zeros(len(order), bool)
        dup[1:] = (slot[1:] == slot[:-1]) & (ext[1:] == ext[:-1])  # the first arrival stays
        if dup.any():
            self.duplicates += int(dup.sum())
            order, slot, ext = order[~dup], slot[~dup], ext[~dup]
        recs = self._pend[order]
        pts = (recs["b1"] & 0x7F).astype(np.int64)
        on = S["timeline"][slot, pts]
        pos = np.full(len(order), -1, np.int64)
        carry = None
        if on.any():
            pos[on], carry = positions(self._S, slot[on], recs["ts"][on].astype(np.int64), recs["cap"][on])
        leg = S["leg"][slot]
        sample = S["offset"][slot] + pos * S["per_tick"][slot]
        p_sample = (point - L["start"][leg]) * L["rate"][leg]
        ready = np.where(on, sample < p_sample, recs["cap"] < point)
        first = group_starts(slot)
        done = seg_prefix_true(ready, first)
        if done.any():
            # The highest extended sequence number played per stream, and the timeline carry.
            di = np.flatnonzero(done)
            last = di[np.append(slot[di][1:] != slot[di][:-1], True)]
            S["committed"][slot[last]] = ext[last]
            keys = slot[di] << 40 | (ext[di] & ((1 << 40) - 1))
            self._recent = keys
            if carry is not None:
                ti = np.flatnonzero(done[on])
                if len(ti):
                    s_on = slot[on]
                    tl = ti[np.append(s_on[ti][1:] != s_on[ti][:-1], True)]
                    cs = s_on[tl]
                    S["t_init"][cs] = True
                    for name, arr in zip(("t_raw", "t_ext", "t_cap", "t_pos", "t_base"), carry, strict=True):
                        S[name][cs] = arr[tl]
            k = done & on
            self.late += self.buffers.place(S, lambda sl: self._slot_sub[sl].decoder,
                                            self.demux.store.typed_segments(), recs[k], slot[k], sample[k])
        self._drop_rows(np.concatenate([order[~done], np.flatnonzero(~live)]))

    def emitted(self, call_id: str) -> dict[str, tuple[int, int]]:
        """{leg: (rate, samples handed out)} for a call's live legs."""
        L = self.buffers.slots
        return {leg.leg: (leg.rate, int(L["emitted"][leg.slot])) for leg in self._calls.get(call_id, [])
                if L["emitted"][leg.slot]}

    def end_call(self, call_id: str, streams: Mapping[str, set[int]] | None = None
                 ) -> tuple[dict[str, tuple[int, int]], list[AudioFrame]]:
        """One call handed out: :meth:`end_calls` of one."""
        return self.end_calls([(call_id, streams)]).get(call_id, ({}, []))

    def end_calls(self, calls: list[tuple[str, Mapping[str, set[int]] | None]]
                  ) -> dict[str, tuple[dict[str, tuple[int, int]], list[AudioFrame]]]:
        """Calls handed out: play the rest of the legs that were rendered live from exactly the
        sub-streams ``streams`` names ({leg: demux sub-stream ids}, what the call assembly put in
        each leg) and forget the calls (all in one pass). Per call: {leg: (rate, samples handed
        out)} (-1 for a leg played to its end here; the caller renders the others whole from
        there on) and the frames played here."""
        self._ingest()
        S, L = self._S, self.buffers.slots
        legs_of: dict[str, list[PlayoutLeg]] = {}
        flush: list[PlayoutLeg] = []
        for call_id, streams in calls:
            legs = legs_of[call_id] = self._calls.pop(call_id, [])
            flush.extend(leg for leg in legs if streams is not None and leg.live and leg.rate
                         and set(leg.subs) == streams.get(leg.leg)
                         and all(s in self._subs and S["state"][self._subs[s].slot] == 1 for s in leg.subs))
        played: list[AudioFrame] = []
        if flush:
            slots = np.array([self._subs[s].slot for leg in flush for s in leg.subs], np.int64)
            self.buffers.only = np.array(sorted(leg.slot for leg in flush), np.int64)
            try:
                if self._pend is not None and len(self._pend_slot):
                    self._play(np.inf, np.isin(self._pend_slot, slots))
                if self.buffers.base is None:
                    self.buffers.build()
                played = self.buffers.emit(np.inf, self.buffers.only)
            finally:
                self.buffers.only = None
        flushed = {id(leg) for leg in flush}
        result: dict[str, tuple[dict[str, tuple[int, int]], list[AudioFrame]]] = {}
        for call_id, legs in legs_of.items():
            done = {leg.leg: (leg.rate, -1 if id(leg) in flushed else int(L["emitted"][leg.slot]))
                    for leg in legs if id(leg) in flushed or L["emitted"][leg.slot]}
            result[call_id] = (done, [f for f in played if f.call_id == call_id])
        gone: list[int] = []
        for leg in (leg for legs in legs_of.values() for leg in legs):
            self._legs.pop((leg.call_id, leg.leg), None)
            del self.buffers.at[leg.slot]
            L["end"][leg.slot] = 0
            L["emitted"][leg.slot] = 0
            L.give(leg.slot)
            leg.tail = leg.tail[:0]
            for s in leg.subs:
                sp = self._subs.pop(s, None)
                if sp is None:
                    continue
                del self._slot_sub[sp.slot]
                S["state"][sp.slot] = -1
                gone.append(sp.slot)
                chains = self._flows.get(sp.flow, [])
                if sp.chain in chains:
                    chains.remove(sp.chain)
                if not chains:
                    self._flows.pop(sp.flow, None)
        if gone:
            if self._pend is not None:
                self._drop_rows(~np.isin(self._pend_slot, gone))
            for slot in gone:
                S.give(slot)
        return result



__all__ = ["DEFAULT_JITTER_DELAY_S", "LivePlayout", "frames"]
