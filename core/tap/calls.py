"""Call and leg assembly: RTP streams grouped into calls and legs, and the records the tap reports.

Streams are matched to calls through :class:`ccedge.core.tap.media.MediaIndex` (the SDP
addresses). Streams with no signalling (SIP over TLS, RTP-only captures) become orphan calls,
one per address pair and period of activity, legs ``orphan-1``/``orphan-2`` by direction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import AudioFrame, CallEvent, DtmfEvent
from ccedge.core.tap.dialog import Dialog, other
from ccedge.core.tap.media import Endpoint, MediaIndex, norm_ip
from ccedge.core.tap.playout import frames


class StreamLike(Protocol):
    """What the assembler reads from an RTP stream (``ccedge.core.tap.streams.RtpStream``)."""

    src: str
    sport: int
    dst: str
    dport: int
    ssrc: int
    first_ts: float
    last_ts: float
    packets: int
    lost: int
    codec: str
    srtp: str

    def pcm(self) -> tuple[float, int, npt.NDArray[np.int16]]: ...


@dataclass(slots=True)
class LegRecord:
    name: str  # "caller" | "callee" | "orphan-N"
    streams: list[StreamLike]
    call_start: float  # capture time of the call's t = 0
    _audio: tuple[int, npt.NDArray[np.int16]] | None = field(default=None, repr=False)

    @property
    def ssrc(self) -> int:
        return self.streams[0].ssrc

    @property
    def ssrcs(self) -> list[int]:
        seen: list[int] = []
        for s in self.streams:
            for x in getattr(s, "ssrcs", None) or [s.ssrc]:
                if x not in seen:
                    seen.append(x)
        return seen

    @property
    def main(self) -> StreamLike:
        return max(self.streams, key=lambda s: s.packets)

    @property
    def codec(self) -> str:
        return self.main.codec

    @property
    def packets(self) -> int:
        return sum(s.packets for s in self.streams)

    @property
    def lost(self) -> int:
        return sum(s.lost for s in self.streams)

    @property
    def first_ts(self) -> float:
        return min(s.first_ts for s in self.streams)

    @property
    def last_ts(self) -> float:
        return max(s.last_ts for s in self.streams)

    @property
    def duration_s(self) -> float:
        return self.last_ts - self.first_ts

    @property
    def srtp(self) -> str:
        states = {s.srtp for s in self.streams}
        for status in ("decrypted", "zrtp", "encrypted"):
            if status in states:
                return status
        return "none"

    @property
    def encrypted(self) -> bool:
        """True when the media was protected on the wire (decrypted or not)."""
        return self.srtp != "none"

    @property
    def rate(self) -> int:
        return 16000 if self.codec == "G722" else int(getattr(self.main, "clock_rate", 8000) or 8000)

    def dtmf(self, call_id: str) -> list[DtmfEvent]:
        out = []
        for s in self.streams:
            for digit, t0, t1 in getattr(s, "dtmf", []) or []:
                out.append(DtmfEvent(call_id, self.name, digit, t0 - self.call_start, t1 - self.call_start,
                                     "rfc2833"))
        return out

    def pcm(self) -> npt.NDArray[np.int16]:
        """The leg's audio on the call clock: sample 0 is call start, silence where no packet."""
        return self.audio()[1]

    def pcm_rate(self) -> int:
        return self.audio()[0]

    def audio(self) -> tuple[int, npt.NDArray[np.int16]]:
        """(rate, samples on the call clock); decoded once and kept."""
        if self._audio is None:
            self._audio = self._render()
        return self._audio

    def forget_audio(self) -> None:
        """Drop decoded audio and the streams' per-packet arrays (a handed-out leg in a long live
        tap keeps its summary only); ``pcm()`` is empty afterwards."""
        self._audio = (self.rate, np.zeros(0, dtype=np.int16))
        for s in self.streams:
            forget = getattr(s, "forget", None)  # RtpStream: drops its arrays and demux link
            if forget is not None:
                forget()

    def _render(self) -> tuple[int, npt.NDArray[np.int16]]:
        pieces = []
        rate = 0
        for s in sorted(self.streams, key=lambda s: s.first_ts):
            start, r, samples = s.pcm()
            if len(samples) == 0:
                continue
            rate = rate or r
            if r != rate:
                continue  # a codec change to another rate mid-leg: the first rate's audio is kept
            pieces.append((max(0, round((start - self.call_start) * rate)), samples))
        if not pieces:
            return self.rate, np.zeros(0, dtype=np.int16)
        out = np.zeros(max(i + len(x) for i, x in pieces), dtype=np.int16)
        for i, x in pieces:
            out[i : i + len(x)] = x
        return rate, out

    def to_json(self) -> dict[str, Any]:
        return {
            "leg": self.name,
            "ssrc": self.ssrc,
            "ssrcs": self.ssrcs,
            "src": f"{self.streams[0].src}:{self.streams[0].sport}",
            "dst": f"{self.streams[0].dst}:{self.streams[0].dport}",
            "codec": self.codec,
            "packets": self.packets,
            "lost": self.lost,
            "duration_s": round(self.duration_s, 3),
            "encrypted": self.encrypted,
            "srtp": self.srtp,
        }


@dataclass(slots=True)
class CallRecord:
    call_id: str
    caller: str
    callee: str
    state: str  # setup | ringing | answered | ended | failed | cancelled | orphan
    end_reason: str
    start_wall: float  # capture time of t = 0 (seconds since the epoch)
    events: list[CallEvent] = field(default_factory=list)
    dtmf: list[DtmfEvent] = field(default_factory=list)
    legs: list[LegRecord] = field(default_factory=list)
    codec: str = ""  # negotiated in SDP ('' when no signalling)
    zrtp: bool = False
    methods: dict[str, int] = field(default_factory=dict)
    relay_of: str = ""  # orphans only: the signalled call whose media this is, seen past a relay

    @property
    def digits(self) -> str:
        return "".join(d.digit for d in self.dtmf)

    def leg(self, name: str) -> LegRecord | None:
        return next((leg for leg in self.legs if leg.name == name), None)

    def audio_frames(self, block_s: float = 0.5,
                     handed_out: Mapping[str, tuple[int, int]] | None = None) -> list[AudioFrame]:
        """Each leg's PCM on the call clock, cut into blocks for the next stage.

        ``handed_out``: {leg: (rate, samples)} already given by live playout; those legs start
        after them, on the same block grid (ccedge.core.tap.playout.frames); samples -1: the
        whole leg went out already."""
        out: list[AudioFrame] = []
        for leg in self.legs:
            if (handed_out or {}).get(leg.name, (0, 0))[1] < 0:
                continue  # handed out whole already
            rate, samples = leg.audio()
            if len(samples) == 0:
                continue
            done_rate, done = (handed_out or {}).get(leg.name, (rate, 0))
            start = done if done_rate == rate else done * rate // max(1, done_rate)
            out.extend(frames(self.call_id, leg.name, rate, samples[start:], start, block_s))
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "call_id": self.call_id,
            "caller": self.caller,
            "callee": self.callee,
            "state": self.state,
            "end_reason": self.end_reason,
            "start_wall": round(self.start_wall, 6),
            "codec": self.codec,
            "zrtp": self.zrtp,
            "relay_of": self.relay_of,
            "legs": [leg.to_json() for leg in self.legs],
            "dtmf": self.digits,
            "dtmf_events": [
                {"leg": d.leg, "digit": d.digit, "t0": round(d.t0, 3), "t1": round(d.t1, 3),
                 "source": d.source}
                for d in self.dtmf
            ],
            "events": [
                {"kind": e.kind, "t": round(e.t, 3), "reason": e.reason, "detail": e.detail}
                for e in self.events
            ],
        }


def _leg_order(name: str) -> tuple[int, str]:
    return ({"caller": 0, "callee": 1}.get(name, 2), name)


def assemble(dialogs: Sequence[Dialog], streams: Iterable[StreamLike], index: MediaIndex,
             orphan_gap_s: float = 60.0) -> list[CallRecord]:
    """Build call records from finished dialogs and every RTP stream the demux saw."""
    by_call: dict[str, dict[str, list[StreamLike]]] = defaultdict(lambda: defaultdict(list))
    how: dict[int, str] = {}
    orphans: list[StreamLike] = []
    for s in sorted(streams, key=lambda s: s.first_ts):
        m = index.match_how(s.src, s.sport, s.dst, s.dport, s.first_ts)
        if m is None:
            orphans.append(s)
        else:
            by_call[m[0]][m[1]].append(s)
            how[id(s)] = m[2]
    for legs_by_name in by_call.values():
        _split_crossed_leg(legs_by_name, how)
    records = []
    for d in dialogs:
        legs = [LegRecord(name, lst, d.start_ts) for name, lst in by_call.pop(d.call_id, {}).items()]
        legs.sort(key=lambda leg: _leg_order(leg.name))
        zrtp = d.zrtp or any(leg.srtp == "zrtp" for leg in legs)
        rec = CallRecord(d.call_id, d.caller, d.callee, d.state, d.end_reason, d.start_ts, list(d.events),
                         [], legs, d.codec, zrtp, dict(d.methods))
        rec.dtmf = sorted([*d.dtmf, *(e for leg in legs for e in leg.dtmf(d.call_id))], key=lambda e: e.t0)
        records.append(rec)
    # Streams bound to a call the table forgot (should not happen) are kept as orphans.
    for legs_by_name in by_call.values():
        for lst in legs_by_name.values():
            orphans.extend(lst)
    records.extend(_orphans(orphans, orphan_gap_s))
    records.sort(key=lambda r: r.start_wall)
    return records


def mark_relays(records: Sequence[CallRecord]) -> None:
    """An orphan whose every stream has the SSRC of a signalled call's leg, at the same time, is that
    call's media on the far side of a media relay or SBC (which forwards RTP without rewriting the
    SSRC, RFC 3550 §7.3): name the call in ``relay_of`` rather than counting it as another call."""
    by_ssrc: dict[int, list[tuple[CallRecord, LegRecord]]] = defaultdict(list)
    for rec in records:
        if rec.state != "orphan":
            for leg in rec.legs:
                for ssrc in leg.ssrcs:
                    by_ssrc[ssrc].append((rec, leg))
    for rec in records:
        if rec.state != "orphan" or not rec.legs:
            continue
        owners: set[str] = set()
        for leg in rec.legs:
            hits = {c.call_id for c, other_leg in by_ssrc.get(leg.ssrc, [])
                    if min(leg.last_ts, other_leg.last_ts) - max(leg.first_ts, other_leg.first_ts) > 0}
            owners = hits if not owners else owners & hits
            if not owners:
                break
        if len(owners) == 1:
            rec.relay_of = owners.pop()


def _overlap(a: StreamLike, b: StreamLike) -> float:
    return min(a.last_ts, b.last_ts) - max(a.first_ts, b.first_ts)


def _split_crossed_leg(legs: dict[str, list[StreamLike]], how: dict[int, str]) -> None:
    """Two flows at once on one leg and none on the other: the SDP addresses sit behind a relay
    or NAT (both ends on one host, media via a third box). Keep the stream whose *sender* the
    SDP named and move the one only its destination matched to the other leg, so each
    direction of the conversation is one leg."""
    for name in ("caller", "callee"):
        peer = other(name)
        lst = legs.get(name, [])
        if legs.get(peer) or len(lst) < 2:
            continue
        flows = {(s.src, s.sport, s.dst, s.dport) for s in lst}
        if len(flows) < 2 or not any(_overlap(a, b) > 0 for a in lst for b in lst if a is not b):
            continue
        moved = [s for s in lst if how.get(id(s)) == "dst"]
        kept = [s for s in lst if how.get(id(s)) != "dst"]
        if moved and kept:
            legs[name] = kept
            legs[peer] = moved


# Well-known services that share UDP with media on a LAN but are never RTP (DNS, NetBIOS,
# DHCP, NTP, SSDP, mDNS, LLMNR, SNMP). RTP uses dynamic ports (RFC 3550 §11).
_NOT_MEDIA_PORTS = frozenset({53, 67, 68, 123, 137, 138, 161, 162, 1900, 5353, 5355})


def media_like(s: StreamLike) -> bool:
    """Whether a stream with no signalling is worth reporting as an orphan leg."""
    if s.sport in _NOT_MEDIA_PORTS or s.dport in _NOT_MEDIA_PORTS or min(s.sport, s.dport) < 1024:
        return False
    if not getattr(s, "plausible", True):
        return False
    return bool(s.codec or getattr(s, "dtmf", None) or s.srtp != "none")


def _orphans(streams: list[StreamLike], gap_s: float) -> list[CallRecord]:
    """Group signalling-less streams by address pair and time (both directions together)."""
    groups: dict[frozenset[Endpoint], list[list[StreamLike]]] = defaultdict(list)
    for s in sorted(streams, key=lambda s: s.first_ts):
        if not media_like(s):
            continue
        pair = frozenset({(norm_ip(s.src), s.sport), (norm_ip(s.dst), s.dport)})
        runs = groups[pair]
        if runs and s.first_ts <= max(x.last_ts for x in runs[-1]) + gap_s:
            runs[-1].append(s)
        else:
            runs.append([s])
    out = []
    for runs in groups.values():
        for n, run in enumerate(runs, start=1):
            first = run[0]
            start = min(x.first_ts for x in run)
            call_id = f"orphan-{norm_ip(first.src)}:{first.sport}-{norm_ip(first.dst)}:{first.dport}-{n}"
            direction = (norm_ip(first.src), first.sport)
            legs_map: dict[str, list[StreamLike]] = defaultdict(list)
            for s in run:
                legs_map["orphan-1" if (norm_ip(s.src), s.sport) == direction else "orphan-2"].append(s)
            legs = [LegRecord(name, lst, start) for name, lst in sorted(legs_map.items())]
            rec = CallRecord(call_id, "", "", "orphan", "capture-ended", start, [], [], legs)
            rec.events = [CallEvent(call_id, "started", 0.0, start, reason="media-only")]
            rec.dtmf = sorted((e for leg in legs for e in leg.dtmf(call_id)), key=lambda e: e.t0)
            out.append(rec)
    return out


__all__ = ["CallRecord", "LegRecord", "StreamLike", "assemble", "mark_relays", "media_like"]
