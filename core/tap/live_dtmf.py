"""RFC 4733 digits while the call is live: each key press once, when it ends.

The whole-stream extraction (:func:`ccedge.core.tap.telephone_event.digits_from_packets`, run by
``streamwork.summarise``) only runs when a call is handed out. Here the demux's fresh packets are
looked at batch by batch (before live playout takes them): only packets whose payload type the
call's SDP maps to ``telephone-event`` (RFC 4733 §7.1.1) reach Python, a few per key press. A digit
is given out once, keyed by (sub-stream, RTP timestamp of its onset) (RFC 4733 §2.5.1.2: all packets
of one event share the timestamp), when

* its end packet arrives (E bit, §2.5.1.4; the retransmitted end packets are the same event), or
* another event starts on the stream (the end packets were lost), or
* no packet of it came for ``stop_s`` of capture time (the sender stopped without E bit).

A segment that continues a long event (§2.5.1.3: the next timestamp is the old one plus its
duration) joins its digit, as the batch extraction joins it. The same rules as the batch path give
the same digits and times for packets that arrive in order. Streams this module does not follow
live (SRTP/ZRTP, no SDP mapping, no signalled call yet) keep their digits for the end of the call;
the tap skips at the end exactly the keys in :attr:`LiveDtmf.emitted`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import DtmfEvent
from ccedge.core.tap import codecs
from ccedge.core.tap.telephone_event import DIGITS, DURATION_WRAP, TelephoneEvent

if TYPE_CHECKING:
    from ccedge.core.tap.streams import RtpDemux

Resolver = Callable[[str, int, str, int, float], tuple[str, str, float, str] | None]
DtmfKey = tuple[int, int]  # (demux sub-stream, RTP timestamp of the event's onset)
RECENT_GROUPS = 8  # earlier events of a stream still updated by late end packets


@dataclass(slots=True)
class _Digit:
    key: DtmfKey
    event: int
    onset: float  # capture time
    end_ts: float
    clock: int
    done: bool = False  # handed out (or left to the end of the call)


@dataclass(slots=True)
class _Group:
    """One timestamp's packets (one event, or one segment of a long one)."""

    rtp_ts: int
    event: int
    onset: float
    duration: int
    last_raw: int
    last_cap: float
    digit: _Digit
    wraps: int = 0
    end: bool = False


class LiveDtmf:
    """Follows telephone-event packets of live streams; see the module docstring."""

    def __init__(self, demux: RtpDemux, resolve: Resolver, stop_s: float) -> None:
        self.demux = demux
        self.resolve = resolve
        self.stop_s = stop_s
        self.emitted: set[DtmfKey] = set()
        self._groups: dict[int, list[_Group]] = {}  # per sub-stream, oldest first (bounded)
        self._open: dict[int, _Digit] = {}  # per sub-stream: its digit not handed out yet

    def feed(self, fresh: Sequence[tuple[npt.NDArray[np.int64], npt.NDArray[Any]]],
             now: float) -> list[DtmfEvent]:
        """The demux's fresh (sub-streams, records) of this batch; the digits that ended."""
        out: list[DtmfEvent] = []
        for subs, recs in fresh:
            pts = (recs["b1"] & 0x7F).astype(np.int64)
            plen = recs["len"].astype(np.int64) - recs["hdr"] - recs["pad"]
            cand = np.flatnonzero((pts >= 96) & (plen >= 4))  # RFC 4733 uses a dynamic type
            if not len(cand):
                continue
            pairs = np.asarray(subs)[cand] * 128 + pts[cand]
            for pair in np.unique(pairs).tolist():
                clock = self._event_clock(pair // 128, pair % 128)
                if clock:
                    for i in cand[pairs == pair].tolist():
                        out.extend(self._packet(pair // 128, recs[i], clock))
        for s, d in list(self._open.items()):
            last = max((g.last_cap for g in self._groups.get(s, []) if g.digit is d), default=d.onset)
            if now - last > self.stop_s:
                out.extend(self._give(s, d))
        return out

    def forget(self, subs: Iterable[int]) -> None:
        """These sub-streams were handed out with their call: drop their state and keys."""
        gone = set(subs)
        for s in gone:
            self._groups.pop(s, None)
            self._open.pop(s, None)
        self.emitted = {k for k in self.emitted if k[0] not in gone}

    # -- internals ------------------------------------------------------------------------------
    def _event_clock(self, s: int, pt: int) -> int:
        """The RTP clock of ``pt`` when the SDP maps it to telephone-event on a plain stream, else 0."""
        sub = self.demux.store.subs[s]
        if self.demux.own_keys(sub) or self.demux.expects_srtp(sub) or self.demux.is_zrtp(sub):
            return 0  # payloads need SRTP first: the end of the call extracts them
        info = codecs.lookup(pt, self.demux.payload_map(sub))
        if info is None or info[0] != codecs.TELEPHONE_EVENT:
            return 0
        return int(info[1]) or 8000

    def _packet(self, s: int, rec: Any, clock: int) -> list[DtmfEvent]:
        start = int(rec["off"]) + int(rec["hdr"])
        payload = self.demux.store.segs[int(rec["seg"])][start : start + 4].tobytes()
        if len(payload) < 4:
            return []
        ev = TelephoneEvent.parse(payload)
        ts, cap = int(rec["ts"]), float(rec["cap"])
        groups = self._groups.setdefault(s, [])
        g = next((x for x in reversed(groups) if x.rtp_ts == ts and x.event == ev.event), None)
        out: list[DtmfEvent] = []
        if g is None:
            prev = groups[-1] if groups else None
            onset = cap - ev.duration / clock
            if (prev is not None and not prev.end and prev.event == ev.event
                    and (ts - prev.rtp_ts) % (1 << 32) == prev.duration % (1 << 32)):
                digit = prev.digit  # §2.5.1.3: the next segment of the same key press
            else:
                if prev is not None and not prev.digit.done:
                    out.extend(self._give(s, prev.digit))  # a new event began: the last one ended
                digit = _Digit((s, ts), ev.event, onset, onset, clock)
            g = _Group(ts, ev.event, onset, ev.duration, ev.duration, cap, digit)
            groups.append(g)
            if len(groups) > RECENT_GROUPS:
                del groups[0]
            if not digit.done:
                self._open[s] = digit
        else:
            if ev.duration < g.last_raw and g.last_raw - ev.duration > DURATION_WRAP // 2:
                g.wraps += 1
            g.last_raw = ev.duration
            g.duration = max(g.duration, ev.duration + g.wraps * DURATION_WRAP)
            g.last_cap = max(g.last_cap, cap)
        g.digit.end_ts = max(g.digit.end_ts, g.onset + g.duration / clock)
        if ev.end and not g.end:
            g.end = True
            if not g.digit.done:
                out.extend(self._give(s, g.digit))
        return out

    def _give(self, s: int, d: _Digit) -> list[DtmfEvent]:
        d.done = True
        if self._open.get(s) is d:
            del self._open[s]
        if d.event >= len(DIGITS):
            return []  # not DTMF (RFC 4733 §3.2 events 16 and up): never a digit
        sub = self.demux.store.subs[s]
        m = self.resolve(sub.src, sub.sport, sub.dst, sub.dport, d.onset)
        if m is None:
            return []  # no live call claims the stream: the end of the call gives this digit
        call_id, leg, start, _how = m
        self.emitted.add(d.key)
        return [DtmfEvent(call_id, leg, DIGITS[d.event], d.onset - start, d.end_ts - start, "rfc2833")]


__all__ = ["DtmfKey", "LiveDtmf"]
