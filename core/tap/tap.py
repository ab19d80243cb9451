"""The tap stage: packet batches in; call events, DTMF and per-leg audio out.

``Tap.feed(batch)`` splits a capture batch without touching every packet in Python: UDP
payloads whose first byte has RTP version 2 (RFC 3550 §5.1; also RTCP, RFC 3550 §6.4)
go to the RTP demux as whole index arrays; the few other UDP payloads are tried as SIP
(a SIP start line begins with an ASCII letter, whose top bits are never 0b10, RFC 7983
§7); TCP segments go through the stream reassembler. A call's audio and RFC 4733 digits
come out once it has ended (plus a short grace for trailing packets) or at ``finish()``; with
live playout, RFC 4733 digits and audio come out while the call runs (ccedge.core.tap.live_dtmf,
ccedge.core.tap.playout) and the end of the call gives only what was not given live.
Nothing a packet contains makes ``feed`` raise: each rejected message is counted in
``stats`` with its reason.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from ccedge.core.frames import AudioFrame, CallEvent, DtmfEvent
from ccedge.core.tap.calls import CallRecord, StreamLike, assemble, mark_relays
from ccedge.core.tap.dialog import DialogTable
from ccedge.core.tap.errors import TapError, TapParseError
from ccedge.core.tap.live_dtmf import LiveDtmf
from ccedge.core.tap.media import MediaIndex
from ccedge.core.tap.playout import DEFAULT_JITTER_DELAY_S, LivePlayout
from ccedge.core.tap.sip import SipMessage, looks_like_sip
from ccedge.core.tap.srtp import parse_crypto_attribute
from ccedge.core.tap.tcp import SipStreamReassembler

if TYPE_CHECKING:
    from ccedge.hardware.capture import PacketBatch

log = logging.getLogger(__name__)

TapOutput: TypeAlias = CallEvent | DtmfEvent | AudioFrame
UDP = 17
TCP = 6
END_GRACE_S = 2.0  # RTP still in flight after a BYE belongs to the call
TICK_S = 1.0  # capture seconds between timeout checks


@dataclass(slots=True)
class TapReport:
    calls: list[CallRecord]
    stats: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> list[dict[str, Any]]:
        return [c.to_json() for c in self.calls]


class Tap:
    """Incremental tap over capture batches; see the module docstring."""

    def __init__(self, idle_timeout: float = 120.0, audio: bool = True, demux: Any = None,
                 audio_block_s: float = 0.5, incremental: bool = True, emit_interval_s: float = 2.0,
                 sdes_keys: Iterable[tuple[str, int, str]] = (), retain_audio: bool | None = None,
                 jitter_delay_s: float = DEFAULT_JITTER_DELAY_S, live_audio: bool | None = None) -> None:
        """``incremental``: hand out each ended call (its audio, RFC 4733 digits, record) while
        feeding, checked every ``emit_interval_s`` of capture time; otherwise all at ``finish``.
        ``sdes_keys``: (ip, port, a=crypto value) for SRTP whose SDP the tap cannot see (keys
        given out of band, e.g. by the SBC); ip:port is the sender's media address.
        In incremental mode the demux forgets a call's streams once the call is handed out (a
        long-running tap holds only live calls); ``retain_audio=True`` decodes the legs first so that
        ``LegRecord.pcm()`` still answers afterwards; ``False`` drops a handed-out record's audio
        and per-packet arrays (memory bounded by live calls, not by calls seen); ``None`` keeps what
        was decoded (``audio=True`` decodes every leg it hands out).
        ``live_audio`` (default: ``incremental and audio``): each leg's AudioFrames come out of
        ``feed`` while the call is in progress, up to ``jitter_delay_s`` behind the newest capture
        time (ccedge.core.tap.playout); the rest of a leg comes out when its call is handed out."""
        if demux is None:
            from ccedge.core.tap.streams import RtpDemux

            demux = RtpDemux()
        self.demux = demux
        for ip, port, value in sdes_keys:
            try:
                demux.add_sdes_key(ip, int(port), parse_crypto_attribute(value))
            except ValueError as e:
                raise TapError(f"out-of-band SRTP key for {ip}:{port} is not usable: {e}") from e
        self.audio = audio
        self.audio_block_s = audio_block_s
        self.incremental = incremental
        self.retain_audio = retain_audio
        self.emit_interval_s = emit_interval_s
        self._next_emit = 0.0
        self.index = MediaIndex(demux, parse_crypto_attribute)
        self.dialogs = DialogTable(self.index, idle_timeout)
        self.tcp = SipStreamReassembler()
        self.stats: Counter[str] = Counter()
        self.records: list[CallRecord] = []
        self._taken: set[tuple[object, ...]] = set()  # streams already in a record handed out
        self._ended: dict[int, tuple[dict[str, tuple[int, int]], list[Any]]] = {}
        self.now = 0.0
        self._next_tick = 0.0
        self._finished = False
        live = (incremental and audio) if live_audio is None else live_audio
        self.live: LivePlayout | None = None
        self.live_dtmf: LiveDtmf | None = None
        if live and hasattr(demux, "fresh"):
            self.live = LivePlayout(demux, self._resolve, jitter_delay_s, audio_block_s)
            # A digit without end packets is given once none of its packets came for this long.
            self.live_dtmf = LiveDtmf(demux, self._resolve, max(jitter_delay_s, 0.25))

    # -- feeding --------------------------------------------------------------------------------

    def feed(self, batch: PacketBatch) -> list[TapOutput]:
        """Take one capture batch (packets in capture order); return what it produced."""
        n = len(batch)
        if n == 0:
            return []
        out: list[TapOutput] = []
        self.stats["packets"] += n
        proto = np.asarray(batch.proto)
        length = np.asarray(batch.length)
        off = np.asarray(batch.off)
        buf = np.asarray(batch.buf)
        nonempty = length > 0
        first = np.zeros(n, dtype=np.uint8)
        first[nonempty] = buf[off[nonempty]]
        udp = proto == UDP
        rtp = udp & (length >= 8) & ((first & 0xC0) == 0x80)
        # ZRTP (RFC 6189 §5) shares the media port: first octet 0x10, magic cookie "ZRTP" at 4..8.
        zrtp = udp & (length >= 12) & (first == 0x10)
        if zrtp.any():
            rows = np.flatnonzero(zrtp)
            magic = np.stack([buf[off[rows] + k] for k in range(4, 8)], axis=1)
            zrtp[rows] = (magic == np.frombuffer(b"ZRTP", np.uint8)).all(axis=1)
            rtp |= zrtp
        other_udp = np.flatnonzero(udp & ~rtp & nonempty)
        # Bare ACKs carry nothing for SIP; only data and connection open/close reach Python.
        flags = np.asarray(batch.tcp_flags) if hasattr(batch, "tcp_flags") else np.zeros(n, np.uint8)
        tcp_rows = np.flatnonzero((proto == TCP) & (nonempty | ((flags & 0x07) != 0)))
        self.stats["udp.empty"] += int(np.count_nonzero(udp & ~nonempty))
        sip_rows = sorted([*other_udp.tolist(), *tcp_rows.tolist()])
        ts = np.asarray(batch.ts)
        for i in sip_rows:
            t = float(ts[i])
            if proto[i] == UDP:
                payload = batch.payload(i)
                if looks_like_sip(payload):
                    out.extend(self._sip(payload, t, datagram=True))
                else:
                    self.stats["udp.not-rtp-or-sip"] += 1
            else:
                key = (batch.src_str(i), int(batch.sport[i]), batch.dst_str(i), int(batch.dport[i]))
                for msg in self.tcp.feed(key, int(batch.tcp_seq[i]), int(batch.tcp_flags[i]),
                                         batch.payload(i), t):
                    out.extend(self._sip(msg, t, datagram=False))
        rtp_rows = np.flatnonzero(rtp).astype(np.int64)
        if len(rtp_rows):
            self.stats["udp.rtp-candidates"] += len(rtp_rows)
            try:
                self.demux.feed(batch, rtp_rows)
            except Exception as e:  # a demux bug must not stop the tap (ARCHITECTURE invariant 3)
                self.stats[f"rtp.internal-error.{type(e).__name__}"] += 1
                log.warning("RTP demux failed on a batch: %s", type(e).__name__)
        self.now = max(self.now, float(ts.max()))
        out.extend(self._clock(getattr(self.demux, "fresh", None) or []))
        return out

    def advance(self, now: float) -> list[TapOutput]:
        """Let capture time pass without packets: a live link gone quiet (``now`` on the
        capture's clock, e.g. the wall clock for a live interface). Audio that is due plays out,
        digits whose packets stopped are given, and calls that ended (BYE) or went idle are
        handed out; without this a call's end waited for the next packet of any call."""
        if now <= self.now:
            return []
        self.now = now
        return self._clock([])

    def _clock(self, fresh: list[Any]) -> list[TapOutput]:
        out: list[TapOutput] = []
        if self.live_dtmf is not None:  # before live playout takes the fresh packets
            try:
                out.extend(self.live_dtmf.feed(fresh, self.now))
            except Exception as e:  # the end of the call still gives every digit not given live
                self.stats[f"dtmf.live-internal-error.{type(e).__name__}"] += 1
                log.warning("live RFC 4733 extraction failed on a batch: %s", type(e).__name__)
        if self.live is not None:
            try:
                out.extend(self.live.advance(self.now))
            except Exception as e:  # live audio trouble must not stop the tap; the call's end renders it
                self.stats[f"audio.live-internal-error.{type(e).__name__}"] += 1
                log.warning("live playout failed on a batch: %s", type(e).__name__)
        if self.now >= self._next_tick:
            self._next_tick = self.now + TICK_S
            out.extend(self._tick())
        return out

    async def process(self, batch: PacketBatch) -> list[TapOutput]:
        """The stage interface of ``ccedge.core.harness`` (ARCHITECTURE.md, "Contracts")."""
        return self.feed(batch)

    async def flush(self) -> list[TapOutput]:
        return self.finish()[0]

    def feed_sip(self, payload: bytes, ts: float, datagram: bool = True) -> list[TapOutput]:
        """One SIP message outside a capture batch (tests, SIPREC, HEP feeds)."""
        self.now = max(self.now, ts)
        return list(self._sip(payload, ts, datagram))

    def finish(self) -> tuple[list[TapOutput], TapReport]:
        """End of input: close open calls, assemble every call and orphan stream, emit the rest."""
        out: list[TapOutput] = []
        if not self._finished:
            self._finished = True
            for msg in self.tcp.flush():
                out.extend(self._sip(msg, self.now, datagram=False))
            out.extend(self.dialogs.finish(self.now))
            pending = list(self.dialogs.finished)  # those not handed out yet
            streams = [s for s in self._streams() if _key(s) not in self._taken]
            records = assemble(pending, streams, self.index, orphan_gap_s=self.dialogs.idle_timeout)
            mark_relays([*self.records, *records])
            out.extend(self._emit_records(records))
        self.records.sort(key=lambda r: r.start_wall)
        return out, TapReport(list(self.records), self.collect_stats())

    def collect_stats(self) -> dict[str, int]:
        stats: Counter[str] = Counter(self.stats)
        stats.update(self.dialogs.stats)
        stats.update(self.tcp.stats)
        stats.update(self.index.stats)
        if self.live is not None:
            stats["audio.late-packets"] += self.live.late
            stats["audio.live-duplicates"] += self.live.duplicates
        demux_stats = getattr(self.demux, "stats", None)
        if isinstance(demux_stats, dict):
            stats.update({k: int(v) for k, v in demux_stats.items() if isinstance(v, int | np.integer)})
        return {k: v for k, v in sorted(stats.items()) if v}

    # -- internals ------------------------------------------------------------------------------

    def _sip(self, payload: bytes, ts: float, datagram: bool) -> list[TapOutput]:
        try:
            msg = SipMessage.parse(payload, datagram=datagram)
            self.stats["sip.messages"] += 1
            return list(self.dialogs.process(msg, ts))
        except TapParseError as e:
            self.stats[e.reason] += 1
            self.stats["sip.rejected"] += 1
        except Exception as e:  # never let one message stop the tap; the reason is counted
            self.stats[f"sip.internal-error.{type(e).__name__}"] += 1
            self.stats["sip.rejected"] += 1
            log.warning("SIP message handling failed: %s", type(e).__name__)
        return []

    def _resolve(self, src: str, sport: int, dst: str, dport: int,
                 t: float) -> tuple[str, str, float, str] | None:
        """The live call and leg of a flow, the call's start, and which end the SDP named (live
        playout's resolver; the same matching as the call assembly)."""
        m = self.index.match_how(src, sport, dst, dport, t)
        if m is None:
            return None
        d = self.dialogs.dialogs.get(m[0])
        if d is None:
            return None
        return m[0], m[1], d.start_ts, m[2]

    def _streams(self) -> list[StreamLike]:
        streams = getattr(self.demux, "streams", {})
        return list(streams.values()) if isinstance(streams, dict) else list(streams)

    def _activity(self) -> dict[str, float]:
        act: dict[str, float] = {}
        for s in self._streams():
            m = self.index.match(s.src, s.sport, s.dst, s.dport, s.first_ts)
            if m is not None and s.last_ts > act.get(m[0], 0.0):
                act[m[0]] = s.last_ts
        return act

    def _tick(self) -> list[TapOutput]:
        out: list[TapOutput] = []
        for msg in self.tcp.expire(self.now, self.dialogs.idle_timeout):
            out.extend(self._sip(msg, self.now, datagram=False))
        live = [d for d in self.dialogs.dialogs.values() if d.live]
        if live and any(self.now - d.last_ts > self.dialogs.idle_timeout for d in live):
            out.extend(self.dialogs.expire(self.now, self._activity()))
        else:
            out.extend(self.dialogs.expire(self.now))
        if not self.incremental or self.now < self._next_emit:
            return out
        self._next_emit = self.now + self.emit_interval_s
        ready = [d for d in self.dialogs.finished
                 if d.end_ts is not None
                 and self.now - d.end_ts > END_GRACE_S]
        if ready:
            ids = {d.call_id for d in ready}
            streams = [s for s in self._streams_of(ids) if _key(s) not in self._taken]
            emitted = [rec for rec in assemble(ready, streams, self.index,
                                               orphan_gap_s=self.dialogs.idle_timeout)
                       if rec.state != "orphan"]  # orphans wait for the end of the capture
            out.extend(self._emit_records(emitted))
            # The records hold what is left of these calls; the dialog table forgets them.
            handed = {id(d) for d in ready}
            self.dialogs.finished = [d for d in self.dialogs.finished if id(d) not in handed]
            self._release(emitted)
        return out

    def _streams_of(self, call_ids: set[str]) -> list[StreamLike]:
        """The streams of these calls only (the demux summarises no other stream for this)."""
        select = getattr(self.demux, "select", None)
        if select is None:
            return self._streams()

        def wanted(src: str, sport: int, dst: str, dport: int, t: float) -> bool:
            m = self.index.match(src, sport, dst, dport, t)
            return m is not None and m[0] in call_ids

        return list(select(wanted).values())

    def _release(self, records: list[CallRecord]) -> None:
        release = getattr(self.demux, "release", None)
        if release is None:
            return
        keys: list[tuple[object, ...]] = []
        for rec in records:
            for leg in rec.legs:
                if self.retain_audio or (self.retain_audio is None and self.audio):
                    leg.audio()  # decoded now, kept on the record
                elif self.retain_audio is not None:
                    leg.forget_audio()
                keys.extend(_key(s) for s in leg.streams)
        if keys:
            self.stats["rtp.streams-released"] += int(release(keys) or 0)

    def _end_live(self, records: list[CallRecord]) -> dict[int, tuple[dict[str, tuple[int, int]], list[Any]]]:
        """Finish the live playout of these calls in one pass: {id(record): (what each leg
        handed out, the frames that complete the legs played live)}."""
        assert self.live is not None
        # Legs the live playout rendered from exactly these sub-streams are finished by it.
        items = [(rec.call_id, {leg.name: {p[0] for s in leg.streams for p in getattr(s, "parts", [])}
                                for leg in rec.legs}) for rec in records]
        ids = [rec.call_id for rec in records]
        if len(set(ids)) != len(ids):  # the same Call-ID twice (a retried call): one at a time
            return {id(rec): self.live.end_call(*item) for rec, item in zip(records, items, strict=True)}
        got = self.live.end_calls(items)
        return {id(rec): got.get(rec.call_id, ({}, [])) for rec in records}

    def _emit_records(self, records: list[CallRecord]) -> list[TapOutput]:
        if self.live is not None:
            handed: dict[int, tuple[dict[str, tuple[int, int]], list[Any]]] = {
                id(rec): (self.live.emitted(rec.call_id), []) for rec in records}
            try:
                self._ended.update(self._end_live(records))
            except Exception as e:  # live audio trouble must not lose calls: render the rest whole
                self.stats[f"audio.live-internal-error.{type(e).__name__}"] += 1
                log.warning("live playout failed finishing calls: %s", type(e).__name__)
                self._ended.update(handed)
        out: list[TapOutput] = []
        for rec in records:
            out.extend(self._emit_record(rec))
        return out

    def _emit_record(self, rec: CallRecord) -> list[TapOutput]:
        self.records.append(rec)
        self._taken.update(_key(s) for leg in rec.legs for s in leg.streams)
        self.stats["calls.orphan" if rec.state == "orphan" else "calls.signalled"] += 1
        out: list[TapOutput] = []
        if rec.state == "orphan":
            out.extend(rec.events)
        out.extend(self._rfc2833_not_given(rec))
        live: dict[str, tuple[int, int]] = {}
        if self.live is not None:
            ended = self._ended.pop(id(rec), None)
            if ended is None:
                ended = self._end_live([rec])[id(rec)]
            live, played = ended
            if self.audio:
                out.extend(played)
        if self.audio:
            try:  # what live playout handed out already is not repeated
                out.extend(rec.audio_frames(self.audio_block_s, live))
            except Exception as e:  # decoding trouble on one leg must not lose the call record
                self.stats[f"audio.internal-error.{type(e).__name__}"] += 1
        if rec.state == "orphan":
            end = max((leg.last_ts for leg in rec.legs), default=rec.start_wall)
            ev = CallEvent(rec.call_id, "ended", end - rec.start_wall, end, reason="capture-ended")
            rec.events.append(ev)
            out.append(ev)
        return out


    def _rfc2833_not_given(self, rec: CallRecord) -> list[DtmfEvent]:
        """The record's RFC 4733 digits that live extraction did not give out already (keyed by
        sub-stream and RTP timestamp, the same on both paths); that state is forgotten here."""
        digits = [d for d in rec.dtmf if d.source == "rfc2833"]
        if self.live_dtmf is None:
            return digits
        given = self.live_dtmf.emitted
        skip: set[tuple[str, str, float]] = set()
        subs: list[int] = []
        for leg in rec.legs:
            for s in leg.streams:
                subs.extend(int(p[0]) for p in getattr(s, "parts", []))
                keys = getattr(s, "dtmf_keys", None) or []
                for (digit, t0, _t1), k in zip(getattr(s, "dtmf", None) or [], keys, strict=False):
                    if k in given:
                        skip.add((leg.name, digit, t0 - leg.call_start))
        self.live_dtmf.forget(subs)
        if skip:
            self.stats["dtmf.rfc2833-given-live"] += sum((d.leg, d.digit, d.t0) in skip for d in digits)
        return [d for d in digits if (d.leg, d.digit, d.t0) not in skip]


def _key(s: StreamLike) -> tuple[object, ...]:
    # Stream objects may be rebuilt between calls; their addresses and first SSRC identify them.
    return (s.src, s.sport, s.dst, s.dport, s.ssrc)


__all__ = ["TICK_S", "Tap", "TapOutput", "TapReport"]
