"""RTP demultiplexing: whole batches of UDP datagrams into per-stream arrays, then streams.

The hot path (:meth:`RtpDemux.feed`) never makes a Python object per packet: one Numba
pass reads every datagram's header (RFC 3550 §5.1) and hashes its flow key (src, sport,
dst, dport, SSRC); ``np.unique`` over the hashes finds the batch's streams, so Python
touches each *stream* once per batch; the datagrams are copied into one growing store
with their header fields in column arrays. Ordering, loss, SRTP, DTMF and decoding
happen per stream, on arrays, when a stream is asked for (:attr:`RtpDemux.streams`,
:meth:`RtpStream.pcm`). RTCP, ZRTP and SRTP are rare and take per-packet slow paths.

A 64-bit flow hash stands for the flow key; the key itself is kept and compared whenever
a hash is seen for the first time, so a collision (odds about n²/2⁶⁵) is counted
(``rtp.hash-collision``) rather than merging two streams silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.tap import _rtp_kernels as K
from ccedge.core.tap import codecs, rtcp
from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.jitter import Ordered, interarrival_jitter, order_stream
from ccedge.core.tap.srtp import SdesCrypto, SrtpError, SrtpReceiver
from ccedge.core.tap.telephone_event import digits_from_packets, looks_like_events
from ccedge.core.tap.udpbatch import BatchLike, ip16, ip_text

StreamKey = tuple[str, int, str, int, int]  # src, sport, dst, dport, first SSRC
_COL_TYPES = {
    "sub": np.int32,
    "seg": np.int32,
    "seq": np.uint16,
    "ts": np.uint32,
    "cap": np.float64,
    "b1": np.uint8,
    "off": np.int64,
    "len": np.int32,
    "hdr": np.int32,
    "pad": np.int16,
}
_COLS = tuple(_COL_TYPES)
# A new SSRC on a flow continues the leg when it starts after the old one's last packet,
# give or take this much overlap (seconds) — RFC 3550 §8.2: a sender that changes SSRC.
SSRC_HANDOVER_OVERLAP_S = 0.1
SRTP_PROBE_PACKETS = 4
_SEGMENT_BYTES = 16 << 20
_EMPTY = np.zeros(0, dtype=np.uint8)
# G.711 payload of n ticks plus an SRTP tag is n + 10 (or + 4) octets (RFC 3711 §3.1).
_SRTP_TAG_LENGTHS = (4, 10)


@dataclass
class _Sub:
    flow: bytes  # src16 + dst16 + sport + dport
    ssrc: int
    src: str
    sport: int
    dst: str
    dport: int


@dataclass(eq=False)
class RtpStream:
    """One direction of media on one 4-tuple, following SSRC changes (the leg's RTP)."""

    src: str
    sport: int
    dst: str
    dport: int
    ssrc: int
    ssrcs: list[int]
    first_ts: float
    last_ts: float
    packets: int
    lost: int
    duplicates: int
    gaps: int
    payload_types: dict[int, int]
    codec: str | None
    clock_rate: int
    srtp: str  # "none" | "decrypted" | "encrypted" | "zrtp"
    dtmf: list[tuple[str, float, float]]
    rtcp: dict[str, Any]
    jitter_s: float = 0.0
    comfort_noise: int = 0
    unknown_payload_types: dict[int, int] = field(default_factory=dict)
    malformed: int = 0
    auth_failed: int = 0
    other_events: int = 0
    _demux: RtpDemux | None = field(default=None, repr=False)
    _parts: list[tuple[int, Ordered, npt.NDArray[np.int64]]] = field(default_factory=list, repr=False)
    _pcm: tuple[float, int, npt.NDArray[np.int16]] | None = field(default=None, repr=False)
    _generation: int = field(default=0, repr=False)

    def _current(self) -> RtpStream | None:
        """This stream as the demux knows it now (rows move when storage is compacted)."""
        if self._demux is None:
            return None
        if self._generation == self._demux._generation:
            return self
        return self._demux.streams.get(self.key)

    @property
    def key(self) -> StreamKey:
        return (self.src, self.sport, self.dst, self.dport, self.ssrc)

    @property
    def rate(self) -> int:
        """Audio sample rate of :meth:`pcm` (16 kHz for G.722 though its RTP clock is 8 kHz)."""
        return codecs.AUDIO_RATE.get(self.codec or "", self.clock_rate)

    @property
    def plausible(self) -> bool:
        """Enough packets with mostly consecutive sequence numbers to be media, not stray UDP."""
        return self.packets >= 3 and self.lost <= 4 * self.packets

    def pcm(self) -> tuple[float, int, npt.NDArray[np.int16]]:
        """(capture time of sample 0, rate, int16 samples) in order, loss and CN as silence.

        Empty when the stream is not decodable (unknown codec, encrypted, ZRTP, events only).
        """
        if self._demux is None or self.codec not in codecs.DECODABLE or self.srtp in ("encrypted", "zrtp"):
            return self.first_ts, self.rate, np.zeros(0, np.int16)
        if self._pcm is None:  # a stream object is immutable once built: decode it once
            cur = self._current()
            if cur is None:
                return self.first_ts, self.rate, np.zeros(0, np.int16)
            self._pcm = self._demux._render(cur)
        return self._pcm

    def raw_payloads(self, pt: int) -> list[bytes]:
        """Payloads of one payload type in arrival order (for formats the tap does not decode)."""
        cur = self._current()
        if cur is None or self._demux is None:
            return []
        return self._demux._raw(cur, pt)


class RtpDemux:
    """Groups RTP by (src, sport, dst, dport, SSRC), follows SSRC changes, parses RTCP.

    Interface for the SIP side (INTERFACES.md, "core.tap RTP side"): :meth:`feed`,
    :meth:`add_sdes_key`, :meth:`expect_srtp`, :meth:`set_payload_map`, :attr:`streams`,
    :attr:`stats`.
    """

    def __init__(self, copy: bool = False) -> None:
        """``copy=False`` keeps a reference to each batch's ``buf`` instead of copying the
        datagrams: the producer must never overwrite a buffer it has handed out (the file
        reader allocates a fresh chunk per refill). ``copy=True`` for producers that reuse one."""
        self.copy = copy
        self.stats: Counter[str] = Counter()
        self._hash_to_sub: dict[int, int] = {}
        self._subs: list[_Sub] = []
        # Per-packet columns in arrays grown by doubling (amortised O(1) per packet), and each
        # sub-stream's row numbers as chunks appended per batch: asking for streams while
        # feeding (the live tap does, every few seconds) never re-sorts everything.
        self._colbuf: dict[str, npt.NDArray[Any]] = {c: np.zeros(0, dt) for c, dt in _COL_TYPES.items()}
        self._n = 0
        self._sub_rows: list[list[npt.NDArray[np.int64]]] = []
        # Datagram store: segments that are filled and never moved (no re-copy on growth).
        self._segs: list[npt.NDArray[np.uint8]] = []
        self._seg_fill = 0
        self._seg_typed: Any = None
        self._zrtp_flows: set[tuple[str, int, str, int]] = set()
        self._keys: dict[tuple[str, int], list[SdesCrypto]] = {}
        self._key_group: dict[tuple[str, int], str] = {}
        self._expect_srtp: set[tuple[str, int]] = set()
        self._maps: dict[tuple[str, int], dict[int, tuple[str, int]]] = {}
        self._rtcp: dict[int, dict[str, Any]] = {}
        self._streams: dict[StreamKey, RtpStream] | None = None
        # Summaries of streams that got no packet since they were built (the Tap asks often).
        self._summaries: dict[tuple[int, ...], tuple[int, RtpStream]] = {}
        # Streams handed on and forgotten (release), and a counter bumped when rows move.
        self._released = np.zeros(0, dtype=bool)
        self._generation = 0
        self._decrypted: dict[
            int,
            tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]],
        ] = {}

    # ---- configuration from signalling -------------------------------------------------
    def add_sdes_key(self, ip: str, port: int, crypto: SdesCrypto, call_id: str = "") -> None:
        """A key offered in SDP by the party whose media address is ``ip:port`` (its sending key).

        ``call_id`` groups a call's keys: a stream from an address that no SDP named (NAT)
        tries the keys of the call whose other party it is sending to.
        """
        lst = self._keys.setdefault((ip, port), [])
        if all(c.key_salt != crypto.key_salt for c in lst):
            lst.append(crypto)
        if call_id:
            self._key_group[(ip, port)] = call_id
        self._config_changed()

    def expect_srtp(self, ip: str, port: int) -> None:
        """SDP said RTP/SAVP(F) for the party at ``ip:port``: never decode its media as plain."""
        self._expect_srtp.add((ip, port))
        self._config_changed()

    def set_payload_map(self, ip: str, port: int, mapping: dict[int, tuple[str, int]]) -> None:
        """rtpmap of the SDP whose media address is ``ip:port`` (applies to media to and from it)."""
        self._maps.setdefault((ip, port), {}).update({pt: (e.upper(), r) for pt, (e, r) in mapping.items()})
        self._config_changed()

    def _config_changed(self) -> None:
        self._streams = None
        self._summaries.clear()

    # ---- hot path -----------------------------------------------------------------------
    def feed(self, batch: BatchLike, rows: npt.ArrayLike | None = None) -> None:
        """Take the UDP datagrams ``rows`` of ``batch`` (all when None) that are not SIP."""
        idx = np.arange(len(batch), dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
        if len(idx) == 0:
            return
        off = np.asarray(batch.off)[idx].astype(np.int64)
        ln = np.asarray(batch.length)[idx].astype(np.int64)
        src = np.asarray(batch.src)[idx]
        dst = np.asarray(batch.dst)[idx]
        sport = np.asarray(batch.sport)[idx]
        dport = np.asarray(batch.dport)[idx]
        buf = np.asarray(batch.buf)
        f = K.classify(buf, off, ln, src, dst, sport, dport)
        kind = f["kind"]
        counts = np.bincount(kind, minlength=5)
        self.stats["udp.datagrams"] += len(idx)
        self.stats["udp.not-rtp"] += int(counts[K.KIND_OTHER])
        self.stats["rtp.malformed"] += int(counts[K.KIND_BAD_RTP])
        self.stats["rtp.packets"] += int(counts[K.KIND_RTP])
        if counts[K.KIND_ZRTP] or counts[K.KIND_RTCP]:
            self._slow_path(batch, idx, kind, off, ln, src, dst, sport, dport)
        # Bad RTP is kept: under SRTP the last octet is the tag, not a padding count.
        sel = np.flatnonzero((kind == K.KIND_RTP) | (kind == K.KIND_BAD_RTP))
        if len(sel) == 0:
            return
        hashes = f["hash"][sel]
        uniq, first, inv = np.unique(hashes, return_index=True, return_inverse=True)
        get = self._hash_to_sub.get
        sub_of_uniq = np.fromiter((get(h, -1) for h in uniq.tolist()), dtype=np.int64, count=len(uniq))
        for u in np.flatnonzero(sub_of_uniq < 0).tolist():
            i = int(sel[first[u]])
            sub_of_uniq[u] = self._new_sub(
                int(uniq[u]), src[i], dst[i], int(sport[i]), int(dport[i]), int(f["ssrc"][i])
            )
        sub = sub_of_uniq[inv.ravel()]
        if len(self._released) < len(self._subs):
            self._released = np.concatenate(
                [self._released, np.zeros(len(self._subs) - len(self._released), bool)]
            )
        late = self._released[sub]
        if late.any():  # packets of a stream already handed on and released
            self.stats["rtp.after-release"] += int(late.sum())
            sel, sub = sel[~late], sub[~late]
            if len(sel) == 0:
                return
        lengths = ln[sel]
        if self.copy:
            seg_id, store_off = self._reserve(int(lengths.sum()))
            out_off = np.empty(len(sel), dtype=np.int64)
            out_off[0] = store_off
            np.cumsum(lengths[:-1], out=out_off[1:])
            out_off[1:] += store_off
            K.gather(buf, off[sel], lengths, self._segs[seg_id], out_off)
        else:  # zero copy: the batch's own buffer becomes (or already is) a store segment
            if not self._segs or self._segs[-1] is not buf:
                self._segs.append(buf)
                self._seg_fill = len(buf)  # never written into
                self._seg_typed = None
            seg_id, out_off = len(self._segs) - 1, off[sel]
        cap = np.asarray(batch.ts)[idx[sel]]
        for name, col in (
            ("sub", sub.astype(np.int32)),
            ("seg", np.full(len(sel), seg_id, np.int32)),
            ("seq", f["seq"][sel]),
            ("ts", f["ts"][sel]),
            ("cap", cap.astype(np.float64)),
            ("b1", f["b1"][sel]),
            ("off", out_off),
            ("len", lengths.astype(np.int32)),
            ("hdr", f["hdr"][sel].astype(np.int32)),
            ("pad", f["pad"][sel].astype(np.int16)),
        ):
            self._append(name, col)
        rows = np.arange(self._n, self._n + len(sel), dtype=np.int64)
        self._n += len(sel)
        order = np.argsort(sub, kind="stable")
        ss = sub[order]
        cuts = np.flatnonzero(ss[1:] != ss[:-1]) + 1
        for a, b in zip([0, *cuts.tolist()], [*cuts.tolist(), len(ss)], strict=True):
            self._sub_rows[int(ss[a])].append(rows[order[a:b]])
        self._streams = None

    def _append(self, name: str, col: npt.NDArray[Any]) -> None:
        buf = self._colbuf[name]
        need = self._n + len(col)
        if need > len(buf):
            grown = np.empty(max(need, 2 * len(buf), 4096), dtype=buf.dtype)
            grown[: self._n] = buf[: self._n]
            self._colbuf[name] = buf = grown
        buf[self._n : need] = col

    def _reserve(self, n: int) -> tuple[int, int]:
        """(segment, offset) of n free octets; a full segment is left as it is, never copied."""
        if not self._segs or self._seg_fill + n > len(self._segs[-1]):
            self._segs.append(np.empty(max(n, _SEGMENT_BYTES), dtype=np.uint8))
            self._seg_fill = 0
            self._seg_typed = None
        start = self._seg_fill
        self._seg_fill += n
        return len(self._segs) - 1, start

    def _typed_segments(self) -> K.TypedSegments:
        if self._seg_typed is None:
            self._seg_typed = K.TypedSegments(self._segs)
        return self._seg_typed

    def _new_sub(
        self,
        h: int,
        src: npt.NDArray[np.uint8],
        dst: npt.NDArray[np.uint8],
        sport: int,
        dport: int,
        ssrc: int,
    ) -> int:
        flow = src.tobytes() + dst.tobytes() + sport.to_bytes(2, "big") + dport.to_bytes(2, "big")
        if h in self._hash_to_sub:  # pragma: no cover - needs a 64-bit collision
            self.stats["rtp.hash-collision"] += 1
            return self._hash_to_sub[h]
        self._subs.append(_Sub(flow, ssrc, ip_text(src), sport, ip_text(dst), dport))
        self._sub_rows.append([])
        self._hash_to_sub[h] = len(self._subs) - 1
        return len(self._subs) - 1

    def _slow_path(
        self,
        batch: BatchLike,
        idx: npt.NDArray[np.int64],
        kind: npt.NDArray[np.uint8],
        off: npt.NDArray[np.int64],
        ln: npt.NDArray[np.int64],
        src: npt.NDArray[np.uint8],
        dst: npt.NDArray[np.uint8],
        sport: npt.NDArray[np.uint16],
        dport: npt.NDArray[np.uint16],
    ) -> None:
        buf = np.asarray(batch.buf)
        cap = np.asarray(batch.ts)
        for i in np.flatnonzero(kind == K.KIND_ZRTP).tolist():
            self.stats["zrtp.packets"] += 1
            self._zrtp_flows.add((ip_text(src[i]), int(sport[i]), ip_text(dst[i]), int(dport[i])))
        for i in np.flatnonzero(kind == K.KIND_RTCP).tolist():
            data = buf[off[i] : off[i] + ln[i]].tobytes()
            self.stats["rtcp.packets"] += 1
            try:
                packets = rtcp.parse_compound(data)
            except TapParseError as e:
                self.stats[e.reason] += 1
                continue
            self._note_rtcp(packets, float(cap[idx[i]]))

    def _note_rtcp(self, packets: Iterable[rtcp.RtcpPacket], t: float) -> None:
        for p in packets:
            if isinstance(p, rtcp.SenderReport | rtcp.ReceiverReport):
                if isinstance(p, rtcp.SenderReport):
                    s = self._rtcp.setdefault(p.ssrc, {})
                    s["sender_reports"] = s.get("sender_reports", 0) + 1
                    s["sender_packets"] = p.packets
                for b in p.reports:
                    r = self._rtcp.setdefault(b.ssrc, {})
                    r["receiver_reports"] = r.get("receiver_reports", 0) + 1
                    r["reported_lost"] = b.cumulative_lost
                    r["reported_fraction_lost"] = b.fraction_lost / 256.0
                    r["reported_jitter_ticks"] = b.jitter
                    r["reported_at"] = t
            elif isinstance(p, rtcp.Goodbye):
                for ssrc in p.ssrcs:
                    self._rtcp.setdefault(ssrc, {})["bye"] = t

    # ---- per-stream work ----------------------------------------------------------------
    def _columns(self) -> dict[str, npt.NDArray[Any]]:
        return {c: v[: self._n] for c, v in self._colbuf.items()}

    def _rows_of(self, s: int) -> npt.NDArray[np.int64]:
        """Row numbers of sub-stream ``s`` in arrival order."""
        chunks = self._sub_rows[s]
        if not chunks:
            return np.zeros(0, np.int64)
        if len(chunks) > 1:
            chunks[:] = [np.concatenate(chunks)]
        return chunks[0]

    @property
    def streams(self) -> dict[StreamKey, RtpStream]:
        if self._streams is None:
            self._streams = self._build_streams()
        return self._streams

    def _payload_map(self, sub: _Sub) -> dict[int, tuple[str, int]]:
        m: dict[int, tuple[str, int]] = {}
        m.update(self._maps.get((sub.src, sub.sport), {}))
        m.update(self._maps.get((sub.dst, sub.dport), {}))
        return m

    def _build_streams(self) -> dict[StreamKey, RtpStream]:
        cols = self._columns()
        cap = cols["cap"]
        # Chain SSRCs on one flow: a later SSRC continues the stream when the earlier is done.
        by_flow: dict[bytes, list[list[int]]] = {}
        subs_sorted = sorted(
            range(len(self._subs)),
            key=lambda s: float(cap[self._rows_of(s)[0]]) if len(self._rows_of(s)) else 0.0,
        )
        for s in subs_sorted:
            if len(self._rows_of(s)) == 0 or (s < len(self._released) and self._released[s]):
                continue
            chains = by_flow.setdefault(self._subs[s].flow, [])
            t0 = float(cap[self._rows_of(s)[0]])
            for chain in chains:
                last = max(float(cap[self._rows_of(x)[-1]]) for x in chain)
                if t0 >= last - SSRC_HANDOVER_OVERLAP_S:
                    chain.append(s)
                    break
            else:
                chains.append([s])
        out: dict[StreamKey, RtpStream] = {}
        summaries: dict[tuple[int, ...], tuple[int, RtpStream]] = {}
        for chains in by_flow.values():
            for chain in chains:
                n = sum(len(self._rows_of(x)) for x in chain)
                cached = self._summaries.get(tuple(chain))
                st = cached[1] if cached is not None and cached[0] == n else self._summarise(chain)
                summaries[tuple(chain)] = (n, st)
                out[st.key] = st
        self._summaries = summaries
        return out

    def release(self, keys: Iterable[StreamKey]) -> int:
        """Forget streams that have been handed on (their call is over); returns how many.

        Their packets are dropped now and on arrival later (counted ``rtp.after-release``), so
        a long-running tap holds only live calls. Storage is compacted once most rows are dead;
        RtpStream objects taken before then still answer ``pcm()`` (it was decoded or is
        looked up again by key).
        """
        current = self.streams
        n = 0
        for key in keys:
            st = current.get(key)
            if st is None:
                continue
            for s, _, _ in st._parts:
                self._released[s] = True
                self._decrypted.pop(s, None)
            n += 1
        if n:
            self._streams = None
            self._maybe_compact()
        return n

    def _maybe_compact(self, min_rows: int = 50_000) -> None:
        cols = self._columns()
        dead = self._released[cols["sub"]] if len(cols["sub"]) else np.zeros(0, bool)
        if int(dead.sum()) < max(min_rows, len(dead) // 2):
            return
        keep = ~dead
        renumber = np.cumsum(keep) - 1
        for c in _COLS:
            kept = cols[c][keep]
            self._colbuf[c] = np.concatenate([kept, np.empty(len(kept), kept.dtype)])
        self._n = int(keep.sum())
        for sid in range(len(self._sub_rows)):
            self._sub_rows[sid] = [] if self._released[sid] else [renumber[self._rows_of(sid)]]
        used = set(np.unique(self._colbuf["seg"][: self._n]).tolist())
        for i in range(len(self._segs) - 1):  # the last one may still be filled
            if i not in used:
                self._segs[i] = _EMPTY
        self._seg_typed = None
        self._summaries.clear()
        self._generation += 1
        self.stats["rtp.compactions"] += 1

    def _packets(self, s: int) -> npt.NDArray[np.int64]:
        return self._rows_of(s)

    def _payload_bounds(self, s: int, rows: npt.NDArray[np.int64]) -> _Payloads:
        """Where each row's payload is, after SRTP where it applies (padding removed)."""
        if s in self._decrypted:
            store, start, length, valid = self._decrypted[s]
            pos = np.searchsorted(self._rows_of(s), rows)
            return _Payloads(
                [store], np.zeros(len(rows), np.int32), start[pos], length[pos], valid[pos], None
            )
        c = self._columns()
        start = c["off"][rows] + c["hdr"][rows]
        length = c["len"][rows].astype(np.int64) - c["hdr"][rows] - c["pad"][rows]
        valid = (length >= 0) & (c["hdr"][rows] <= c["len"][rows])
        return _Payloads(
            self._segs, c["seg"][rows], start, np.maximum(length, 0), valid, self._typed_segments
        )

    def _raw_packets(self, rows: npt.NDArray[np.int64]) -> list[bytes]:
        c = self._columns()
        return [
            self._segs[g][o : o + n].tobytes()
            for g, o, n in zip(
                c["seg"][rows].tolist(), c["off"][rows].tolist(), c["len"][rows].tolist(), strict=True
            )
        ]

    def _own_keys(self, sub: _Sub) -> list[SdesCrypto]:
        """Keys that belong to this stream: its sender's SDP key, else its call's other keys."""
        exact = self._keys.get((sub.src, sub.sport), [])
        if exact:
            return list(exact)
        group = self._key_group.get((sub.dst, sub.dport))
        cands: list[SdesCrypto] = []
        if group:
            for addr, keys in self._keys.items():
                if self._key_group.get(addr) == group and addr != (sub.dst, sub.dport):
                    cands.extend(keys)
        return cands

    def _srtp_candidates(self, sub: _Sub) -> list[SdesCrypto]:
        cands = self._own_keys(sub)
        for addr, keys in self._keys.items():  # then every key seen (sender address unknown)
            if addr != (sub.dst, sub.dport):
                cands.extend(k for k in keys if k not in cands)
        return cands[:64]

    def _try_srtp(self, s: int) -> tuple[str, int]:
        """Decrypt sub-stream ``s`` if some key authenticates it: ("decrypted", failures) or ("", 0)."""
        sub = self._subs[s]
        rows = self._rows_of(s)
        raw = self._raw_packets(rows)
        chosen = None
        for crypto in self._srtp_candidates(sub):
            rx = SrtpReceiver(crypto)
            ok = 0
            for p in raw[:SRTP_PROBE_PACKETS]:
                try:
                    rx.unprotect(p)
                    ok += 1
                except SrtpError:
                    pass
            if ok:
                chosen = crypto
                break
        if chosen is None:
            return "", 0
        rx = SrtpReceiver(chosen)
        pieces: list[bytes] = []
        start = np.zeros(len(rows), np.int64)
        length = np.zeros(len(rows), np.int64)
        valid = np.zeros(len(rows), bool)
        pos = 0
        failures = 0
        for i, p in enumerate(raw):
            try:
                plain = rx.unprotect(p)
            except SrtpError as e:
                failures += 1
                self.stats[e.reason] += 1
                continue
            b0 = plain[0]
            h = 12 + 4 * (b0 & 0x0F)
            if b0 & 0x10 and len(plain) >= h + 4:
                h += 4 + 4 * int.from_bytes(plain[h + 2 : h + 4], "big")
            pad = plain[-1] if b0 & 0x20 and len(plain) > h else 0
            body = plain[h : len(plain) - pad]
            if h + pad > len(plain):
                continue
            pieces.append(body)
            start[i], length[i], valid[i] = pos, len(body), True
            pos += len(body)
        store = np.frombuffer(b"".join(pieces), dtype=np.uint8)
        self._decrypted[s] = (store, start, length, valid)
        self.stats["srtp.decrypted"] += int(valid.sum())
        return "decrypted", failures

    def _looks_encrypted(
        self, s: int, rows: npt.NDArray[np.int64], audio: npt.NDArray[np.bool_], encoding: str | None
    ) -> bool:
        """SRTP without a key: G.711 payloads n + tag octets long, or octets like white noise."""
        c = self._columns()
        r = rows[audio][:64]  # the first packets decide; the rest would say the same
        if len(r) < 3:
            return False
        if encoding in codecs.DECODABLE:
            # One octet per RTP tick: the SRTP tag shows as a constant surplus (RFC 3711 §3.1).
            order = np.argsort(c["seq"][r].astype(np.int64))
            step = np.diff(c["ts"][r][order].astype(np.int64))
            extra = (c["len"][r][order][1:].astype(np.int64) - c["hdr"][r][order][1:]) - step
            return bool(len(extra) and np.median(extra) in _SRTP_TAG_LENGTHS and np.mean(step > 0) > 0.5)
        data = self._payload_bounds(s, r[:48]).concat()
        if len(data) < 2048:
            return False
        p = np.bincount(data, minlength=256) / len(data)
        entropy = -float(np.sum(p[p > 0] * np.log2(p[p > 0])))
        return entropy > 7.8  # speech in G.711 stays well under 7.5 bits/octet; ciphertext is ~8

    def _summarise(self, chain: list[int]) -> RtpStream:
        c = self._columns()
        first = self._subs[chain[0]]
        pmap = self._payload_map(first)
        flow4 = (first.src, first.sport, first.dst, first.dport)
        zrtp = (
            flow4 in self._zrtp_flows or (first.dst, first.dport, first.src, first.sport) in self._zrtp_flows
        )
        srtp_state = "zrtp" if zrtp else "none"
        pt_counts: Counter[int] = Counter()
        lost = dups = gaps = malformed = cn = auth_failed = other_events = 0
        dtmf: list[tuple[str, float, float]] = []
        unknown: Counter[int] = Counter()
        parts: list[tuple[int, Ordered, npt.NDArray[np.int64]]] = []
        encoding: str | None = None
        clock = 8000
        jitter = 0.0
        for s in chain:
            rows = self._rows_of(s)
            pts = (c["b1"][rows] & 0x7F).astype(np.int64)
            pt_counts.update(dict(zip(*np.unique(pts, return_counts=True), strict=True)))
        pt_counts = Counter({int(k): int(v) for k, v in pt_counts.items()})
        # The stream's codec: its most frequent payload type that is audio (not events, not CN).
        event_pts: set[int] = set()
        audio_pts: list[tuple[int, int]] = []
        for pt, n in pt_counts.items():
            info = codecs.lookup(pt, pmap)
            if info is None:
                if pt >= 96 and self._events_heuristic(chain, pt):
                    event_pts.add(pt)
                else:
                    unknown[pt] += n
                continue
            if info[0] == codecs.TELEPHONE_EVENT:
                event_pts.add(pt)
            elif pt != codecs.COMFORT_NOISE_PT and info[0] != "CN":
                audio_pts.append((n, pt))
        if audio_pts:
            main_pt = max(audio_pts)[1]
            encoding, clock = codecs.lookup(main_pt, pmap) or ("", 8000)
        for s in chain:
            rows = self._rows_of(s)
            sub = self._subs[s]
            pts = (c["b1"][rows] & 0x7F).astype(np.int64)
            audio = np.isin(pts, [pt for _, pt in audio_pts]) if audio_pts else np.zeros(len(rows), bool)
            # SRTP is tried where signalling says so (a key of its own or its call's, RTP/SAVP)
            # or where the payload looks like ciphertext; a plain stream in a capture that has
            # keys for other calls stays plain.
            self._decrypted.pop(s, None)
            if srtp_state != "zrtp" and (
                self._own_keys(sub)
                or (sub.src, sub.sport) in self._expect_srtp
                or self._looks_encrypted(s, rows, audio, encoding)
            ):
                state, fails = self._try_srtp(s)
                if state:
                    srtp_state = state
                    auth_failed += fails
                elif srtp_state == "none":
                    srtp_state = "encrypted"
            o = order_stream(c["seq"][rows], c["ts"][rows], c["cap"][rows], clock, timeline=audio)
            lost += o.lost
            dups += o.duplicates
            gaps += o.gaps
            cn += int(np.count_nonzero(pts == codecs.COMFORT_NOISE_PT))
            if s not in self._decrypted:
                malformed += int(np.count_nonzero((c["hdr"][rows] + c["pad"][rows]) > c["len"][rows]))
            parts.append((s, o, rows))
            if len(rows) > 1 and audio.any():
                ar = rows[audio]
                jitter = max(jitter, interarrival_jitter(c["cap"][ar], c["ts"][ar], clock))
            if event_pts and srtp_state not in ("encrypted", "zrtp"):
                ev_sel = np.isin(pts[o.order], list(event_pts))
                ev_rows = rows[o.order][ev_sel]
                payloads = self._payload_bounds(s, ev_rows).each()
                digits, others = digits_from_packets(
                    c["ts"][ev_rows].tolist(), c["cap"][ev_rows].tolist(), payloads, clock
                )
                dtmf.extend((d.digit, d.start_ts, d.end_ts) for d in digits)
                other_events += others
        all_rows = np.concatenate([self._rows_of(s) for s in chain])
        rtcp_stats: dict[str, Any] = {}
        for s in chain:
            rtcp_stats.update(self._rtcp.get(self._subs[s].ssrc, {}))
        if "reported_jitter_ticks" in rtcp_stats:
            rtcp_stats["reported_jitter_s"] = rtcp_stats["reported_jitter_ticks"] / clock
        st = RtpStream(
            src=first.src,
            sport=first.sport,
            dst=first.dst,
            dport=first.dport,
            ssrc=first.ssrc,
            ssrcs=[self._subs[s].ssrc for s in chain],
            first_ts=float(c["cap"][all_rows].min()),
            last_ts=float(c["cap"][all_rows].max()),
            packets=len(all_rows),
            lost=lost,
            duplicates=dups,
            gaps=gaps,
            payload_types=dict(sorted(pt_counts.items())),
            codec=encoding if encoding else None,
            clock_rate=clock,
            srtp=srtp_state,
            dtmf=sorted(dtmf, key=lambda d: d[1]),
            rtcp=rtcp_stats,
            jitter_s=jitter,
            comfort_noise=cn,
            unknown_payload_types=dict(unknown),
            malformed=malformed,
            auth_failed=auth_failed,
            other_events=other_events,
            _demux=self,
            _parts=parts,
            _generation=self._generation,
        )
        return st

    def _events_heuristic(self, chain: list[int], pt: int) -> bool:
        c = self._columns()
        lengths: list[int] = []
        firsts: list[int] = []
        for s in chain:
            rows = self._rows_of(s)
            r = rows[(c["b1"][rows] & 0x7F) == pt][:50]
            for p in self._payload_bounds(s, r).each():
                lengths.append(len(p))
                firsts.append(p[0] if p else 255)
        return looks_like_events(lengths, firsts)

    def _raw(self, st: RtpStream, pt: int) -> list[bytes]:
        c = self._columns()
        out: list[bytes] = []
        for s, _, rows in st._parts:
            r = rows[(c["b1"][rows] & 0x7F) == pt]
            pl = self._payload_bounds(s, r)
            out.extend(p for p, v in zip(pl.each(), pl.valid.tolist(), strict=True) if v)
        return out

    def _render(self, st: RtpStream) -> tuple[float, int, npt.NDArray[np.int16]]:
        """Decode and place every audio packet on the stream's clock (RTP ticks → samples)."""
        assert st.codec is not None
        c = self._columns()
        pmap = self._payload_map(self._subs[st._parts[0][0]])
        per_tick = codecs.SAMPLES_PER_TICK[st.codec]
        rate = st.rate
        pieces: list[tuple[npt.NDArray[np.int16], tuple[Any, ...]]] = []
        total = 0
        is_codec = np.zeros(128, bool)  # payload types that carry this stream's codec
        for p in {*codecs.STATIC, *pmap}:
            info = codecs.lookup(p, pmap)
            is_codec[p] = info is not None and info[0] == st.codec
        for s, o, rows in st._parts:
            ordered = rows[o.order]
            is_audio = is_codec[c["b1"][ordered] & 0x7F]
            pl = self._payload_bounds(s, ordered)
            keep = is_audio & pl.valid & (pl.length > 0) & (o.position >= 0)
            if not keep.any():
                continue
            length, pos = pl.length[keep], o.position[keep]
            # Anchor this SSRC's clock on its first packet's capture time relative to the stream.
            anchor = round((float(c["cap"][ordered[0]]) - st.first_ts) * rate)
            sample_pos = pos * per_tick
            sample_pos = sample_pos - sample_pos.min() + max(anchor, 0)
            lut = codecs.LOOKUP_TABLES.get(st.codec)
            if lut is not None:
                # G.711: the 256-entry table applied to the payload octets where they lie.
                total = max(total, int((sample_pos + length).max()))
                pieces.append((lut, (pl, keep, length, sample_pos)))
                continue
            code = pl.concat(keep)
            pcm = codecs.decode(st.codec, code)  # stateful codecs (G.722): whole stream in order
            n_samples = length * (len(pcm) // max(1, len(code)))
            total = max(total, int((sample_pos + n_samples).max()))
            pieces.append((pcm, (n_samples, sample_pos)))
        out = np.zeros(total, dtype=np.int16)  # gaps stay 0: loss and CN rendered as silence
        for head, rest in pieces:
            if len(rest) == 4:
                pl, keep, length, sample_pos = rest
                segs = pl.typed() if pl.typed is not None else K.TypedSegments([pl.segs[0]])
                K.lut_place(segs, pl.seg[keep], pl.start[keep], length, sample_pos, head, out)
            else:
                K.place(head, rest[0], rest[1], out)
        return st.first_ts, rate, out


@dataclass(eq=False)
class _Payloads:
    """Payload places of some packets: ``segs[seg[i]][start[i]:start[i]+length[i]]``."""

    segs: list[npt.NDArray[np.uint8]]
    seg: npt.NDArray[np.int32]
    start: npt.NDArray[np.int64]
    length: npt.NDArray[np.int64]
    valid: npt.NDArray[np.bool_]
    typed: Any  # () -> numba typed List of segs, or None for a single in-memory store

    def each(self) -> list[bytes]:
        return [
            self.segs[g][a : a + n].tobytes() if v else b""
            for g, a, n, v in zip(
                self.seg.tolist(), self.start.tolist(), self.length.tolist(), self.valid.tolist(), strict=True
            )
        ]

    def concat(self, keep: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.uint8]:
        seg, start, length = self.seg, self.start, np.where(self.valid, self.length, 0)
        start = np.where(length > 0, start, 0)
        if keep is not None:
            seg, start, length = seg[keep], start[keep], length[keep]
        if self.typed is None:
            out = np.empty(int(length.sum()), np.uint8)
            out_off = np.concatenate(([0], np.cumsum(length)[:-1])).astype(np.int64)
            K.gather(self.segs[0], start, length, out, out_off)
            return out
        return K.gather_segments(self.typed(), seg, start, length)


__all__ = ["RtpDemux", "RtpStream", "StreamKey", "ip16"]
