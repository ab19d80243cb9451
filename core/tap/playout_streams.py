"""Per-stream state of live playout: the stream records, their slot fields, and the RFC 3550 A.1
timestamp extension that places each played packet on its stream's clock.

Stream state lives in slot-indexed arrays (``SUB_FIELDS`` in a :class:`Slots`) so that a tick's
packets of all streams are handled by one set of array operations; :class:`PlayoutSub` and
:class:`PlayoutChain` are the Python side, touched once per stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ccedge.core.tap import codecs, streamwork
from ccedge.core.tap.jitter import JUMP_TOLERANCE_S
from ccedge.core.tap.playout_arrays import LAW_G722, LAW_NONE, Slots, group_starts, payload_tables, seg_cumsum
from ccedge.core.tap.playout_legs import PlayoutLeg

if TYPE_CHECKING:
    from ccedge.core.tap.streams import RtpDemux

NONE = -(1 << 62)


@dataclass(eq=False)
class PlayoutChain:
    first_ts: float
    last_ts: float
    leg: PlayoutLeg | None = None
    resolved: bool = False
    how: str = ""  # which end of the flow the SDP named ("src" | "dst")
    flow: bytes = b""


@dataclass(eq=False)
class PlayoutSub:
    sub: int
    slot: int
    chain: PlayoutChain
    flow: bytes
    decoder: Any = None  # G.722 state across packets


SUB_FIELDS: dict[str, Any] = {
    "state": (np.int8, 0),  # 0 not set up yet, 1 live, -1 dropped
    "leg": (np.int64, -1),  # leg slot
    "offset": (np.int64, 0),  # call-clock sample of stream position 0
    "per_tick": (np.int64, 1),
    "clock": (np.int64, 8000),
    "a_init": (bool, False),  # arrival-order sequence extension (RFC 3550 A.1)
    "a_raw": (np.int64, 0),
    "a_ext": (np.int64, 0),
    "committed": (np.int64, NONE),  # highest extended sequence number played
    "t_init": (bool, False),  # the last timeline packet played: raw ts, extended ts, capture, position, base
    "t_raw": (np.int64, 0),
    "t_ext": (np.int64, 0),
    "t_cap": (np.float64, 0.0),
    "t_pos": (np.int64, 0),
    "t_base": (np.int64, 0),
    "timeline": (bool, False),  # [slot, pt]: timestamps place audio
    "law": (np.int8, LAW_NONE),  # [slot, pt]: how it is decoded
}


def positions(S: Slots, slot: npt.NDArray[np.int64], ts_raw: npt.NDArray[np.int64],
              cap: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.int64], tuple[Any, ...]]:
    """Stream-clock positions (RTP ticks) of timeline packets, grouped by stream in playout
    order, continuing from each stream's last played one with order_stream's rules (RFC 3550
    A.1 timestamp extension; a jump the capture clock does not confirm re-anchored on capture
    time); and the carry (raw ts, extended ts, capture time, position, base) at each packet."""
    first = group_starts(slot)
    starts = np.flatnonzero(first)
    s0 = slot[starts]
    init = S["t_init"][s0]
    raw = ts_raw & 0xFFFFFFFF
    prev = np.empty_like(raw)
    prev[1:] = raw[:-1]
    prev[starts] = np.where(init, S["t_raw"][s0], raw[starts])
    d = ((raw - prev + (1 << 31)) & 0xFFFFFFFF) - (1 << 31)
    counts = np.diff(np.append(starts, len(raw)))
    start_ext = np.where(init, S["t_ext"][s0] + d[starts], raw[starts])
    d[starts] = 0
    ts = seg_cumsum(d, first) + np.repeat(start_ext, counts)
    prev_ts = np.empty_like(ts)
    prev_ts[1:] = ts[:-1]
    prev_ts[starts] = np.where(init, S["t_ext"][s0], ts[starts])
    prev_cap = np.empty_like(cap)
    prev_cap[1:] = cap[:-1]
    prev_cap[starts] = np.where(init, S["t_cap"][s0], cap[starts])
    clock = S["clock"][slot].astype(np.float64)
    d_ts = (ts - prev_ts) / clock
    d_cap = cap - prev_cap
    jump = (d_ts < 0) | (np.abs(d_ts - d_cap) > JUMP_TOLERANCE_S + 0.02 * np.abs(d_cap))
    jump[starts[~init]] = False  # a stream's first packet has nothing before it
    base = np.repeat(np.where(init, S["t_base"][s0], -start_ext), counts)
    position = ts + base
    if jump.any():  # rare: a Python step per jump, not per packet
        seg_end = np.repeat(starts + counts, counts)
        for k in np.flatnonzero(jump).tolist():
            before = int(position[k - 1]) if not first[k] else int(S["t_pos"][slot[k]])
            anchor = before + max(1, round(float(d_cap[k]) * float(clock[k])))
            b = anchor - int(ts[k])
            e = int(seg_end[k])
            base[k:e] = b
            position[k:e] = ts[k:e] + b
    return position, (raw, ts, cap, position, base)


def configure(demux: RtpDemux, S: Slots, legs: Slots, sp: PlayoutSub, leg: PlayoutLeg,
              recs: npt.NDArray[Any], ext: npt.NDArray[np.int64]) -> int:
    """Set a stream up for live playout from its first pending packets ``recs`` (extended sequence
    numbers ``ext``): 1 live from now on, 0 wait (events only so far), -1 leave it to the call's end
    (SRTP, ZRTP, no decodable codec, a second audio rate on the leg)."""
    sub = demux.store.subs[sp.sub]
    pmap = demux.payload_map(sub)
    timeline, law = payload_tables(pmap)
    pts = recs["b1"] & 0x7F
    audio = timeline[pts]
    if not audio.any():
        return 0  # events only so far: wait for audio
    info = codecs.lookup(int(pts[audio][0]), pmap)
    codec = info[0] if info else ""
    srtp = bool(demux.own_keys(sub)) or demux.expects_srtp(sub) or demux.is_zrtp(sub)
    rate = codecs.AUDIO_RATE.get(codec, 0)
    if codec not in codecs.DECODABLE or srtp or (leg.rate and leg.rate != rate):
        return -1  # a second audio rate, SRTP, ...
    rows = demux.store.rows_of(sp.sub)[:64]
    c = demux.store.columns()
    if streamwork.looks_encrypted(demux, sp.sub, rows, timeline[c["b1"][rows] & 0x7F], codec):
        return -1
    leg.rate = rate
    legs["rate"][leg.slot] = rate
    first_cap = float(recs["cap"][int(np.argmin(ext))])  # first in sequence order
    stream = max(0, round((sp.chain.first_ts - leg.call_start) * rate))
    slot = sp.slot
    S["offset"][slot] = stream + max(round((first_cap - sp.chain.first_ts) * rate), 0)
    S["per_tick"][slot] = codecs.SAMPLES_PER_TICK[codec]
    S["clock"][slot] = info[1] if info else 8000
    S["leg"][slot] = leg.slot
    law = law.copy()
    if codec == "G722":
        from ccedge.dsp.g722 import G722Decoder

        sp.decoder = G722Decoder()
        law[law != LAW_G722] = LAW_NONE
    else:
        law[law == LAW_G722] = LAW_NONE  # G.711: both laws (a re-INVITE may switch them)
    S["timeline"][slot] = timeline
    S["law"][slot] = law
    return 1


__all__ = ["NONE", "SUB_FIELDS", "PlayoutChain", "PlayoutSub", "configure", "positions"]
