"""Putting one RTP stream's packets back in order, on whole arrays (a jitter buffer after the fact).

A passive tap sees every packet of a stream; it can order them by sequence number once,
rather than play out against a clock. What it must get right is what a receiver gets
right (RFC 3550 Appendix A.1, A.3, A.8):

* sequence numbers are extended across the 16-bit wrap by the signed difference to the
  previous packet in arrival order, so a reordered packet just after a wrap lands in the
  right cycle;
* duplicates (same extended sequence number) are dropped, keeping the first arrival;
* ``expected - received`` from the extended highest and first sequence numbers is the
  loss count (A.3), never negative here because duplicates are removed first;
* the RTP timestamp gives each packet's place on the stream's sample clock; a jump that
  the capture clock does not confirm (a sender restarting its clock, a new talk spurt
  after a long silence with a mangled timestamp) starts a new segment that is re-anchored
  on capture time, so one bad timestamp cannot stretch a call by hours;
* interarrival jitter is the RFC 3550 A.8 estimator (a Numba kernel).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

# Largest disagreement between the RTP clock and the capture clock that is still taken as
# network jitter rather than a timestamp jump (seconds).
JUMP_TOLERANCE_S = 1.0


def unwrap(values: npt.NDArray[np.integer], bits: int) -> npt.NDArray[np.int64]:
    """Extend a modular counter in arrival order: each step is the signed modular difference."""
    v = values.astype(np.int64)
    if len(v) == 0:
        return v
    m = 1 << bits
    half = m >> 1
    d = np.diff(v)
    d = (d + half) % m - half
    out = np.empty_like(v)
    out[0] = v[0]
    np.cumsum(d, out=out[1:])
    out[1:] += v[0]
    return out


@dataclass(frozen=True, slots=True)
class Ordered:
    """The result of ordering one stream's packets (indices into its arrival-order arrays)."""

    order: npt.NDArray[np.int64]  # arrival indices in playout order, duplicates removed
    ext_seq: npt.NDArray[np.int64]  # extended sequence numbers, in ``order``
    position: npt.NDArray[np.int64]  # place of each packet on the stream clock (RTP ticks from 0)
    duplicates: int
    lost: int  # RFC 3550 A.3: expected - received
    gaps: int  # runs of missing sequence numbers
    segments: int  # timestamp segments (1 + re-anchored jumps)


def order_stream(
    seq: npt.NDArray[np.integer],
    rtp_ts: npt.NDArray[np.integer],
    cap_ts: npt.NDArray[np.float64],
    clock_rate: int,
    timeline: npt.NDArray[np.bool_] | None = None,
) -> Ordered:
    """Order one SSRC's packets given in arrival order.

    ``timeline`` selects the packets whose RTP timestamps place audio (telephone-event
    packets repeat their event's onset timestamp, RFC 4733 §2.5, so they must not take
    part); the others get position -1.
    """
    n = len(seq)
    if n == 0:
        z = np.zeros(0, dtype=np.int64)
        return Ordered(z, z, z, 0, 0, 0, 0)
    ext = unwrap(seq, 16)
    order = np.argsort(ext, kind="stable")
    es = ext[order]
    keep = np.ones(n, dtype=bool)
    keep[1:] = es[1:] != es[:-1]
    order, es = order[keep], es[keep]
    duplicates = n - len(order)
    steps = np.diff(es)
    lost = int(es[-1] - es[0] + 1 - len(es))
    gaps = int(np.count_nonzero(steps > 1))
    position_all = np.full(len(order), -1, dtype=np.int64)
    on = np.ones(len(order), bool) if timeline is None else np.asarray(timeline, bool)[order]
    if not on.any():
        return Ordered(order.astype(np.int64), es, position_all, duplicates, lost, gaps, 0)
    # Timestamps unwrapped in playout order (A.1 works the same way for 32-bit counters).
    ts = unwrap(rtp_ts[order][on].astype(np.int64) & 0xFFFFFFFF, 32)
    cap = cap_ts[order][on]
    d_ts = np.diff(ts) / float(clock_rate)
    d_cap = np.diff(cap)
    jump = (d_ts < 0) | (np.abs(d_ts - d_cap) > JUMP_TOLERANCE_S + 0.02 * np.abs(d_cap))
    starts = np.flatnonzero(jump) + 1
    position = ts - ts[0]
    if len(starts):
        # Re-anchor each segment on capture time, never earlier than where the last one was.
        position = position.copy()
        bounds = np.concatenate(([0], starts, [len(ts)]))
        base = 0
        for k in range(1, len(bounds) - 1):
            s, e = bounds[k], bounds[k + 1]
            prev_last = position[s - 1]
            anchor = prev_last + max(1, round(d_cap[s - 1] * clock_rate))
            base = anchor - ts[s]
            position[s:e] = ts[s:e] + base
    position_all[on] = position
    return Ordered(order.astype(np.int64), es, position_all, duplicates, lost, gaps, 1 + len(starts))


@njit(cache=True, nogil=True)
def _jitter_kernel(arrival_ticks: npt.NDArray[np.float64], rtp_ts: npt.NDArray[np.int64]) -> float:
    # RFC 3550 A.8: J(i) = J(i-1) + (|D(i-1,i)| - J(i-1)) / 16, in timestamp units, arrival order.
    j = 0.0
    for i in range(1, len(rtp_ts)):
        d = (arrival_ticks[i] - arrival_ticks[i - 1]) - float(rtp_ts[i] - rtp_ts[i - 1])
        j += (abs(d) - j) / 16.0
    return j


def interarrival_jitter(
    cap_ts: npt.NDArray[np.float64], rtp_ts: npt.NDArray[np.integer], clock_rate: int
) -> float:
    """RFC 3550 interarrival jitter of packets in arrival order, in seconds."""
    if clock_rate <= 0:
        raise ValueError("clock rate must be positive")
    if len(cap_ts) != len(rtp_ts):
        raise ValueError("capture times and RTP timestamps differ in length")
    if len(cap_ts) < 2:
        return 0.0
    ts = unwrap(np.asarray(rtp_ts).astype(np.int64) & 0xFFFFFFFF, 32)
    arrival = (np.asarray(cap_ts, dtype=np.float64) - float(cap_ts[0])) * clock_rate
    return float(_jitter_kernel(arrival, ts)) / clock_rate


__all__ = ["JUMP_TOLERANCE_S", "Ordered", "interarrival_jitter", "order_stream", "unwrap"]
