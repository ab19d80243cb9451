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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from ccedge.core.tap import _rtp_kernels as K
from ccedge.core.tap import rtcp, streamwork
from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.rtpstream import Payloads, RtpStream, StreamKey
from ccedge.core.tap.srtp import SdesCrypto, SrtpError, SrtpReceiver
from ccedge.hardware.capture.batch import addr_text as ip_text

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
_REC_DTYPE = np.dtype([(name, t) for name, t in _COL_TYPES.items()])
# A new SSRC on a flow continues the leg when it starts after the old one's last packet,
# give or take this much overlap (seconds) — RFC 3550 §8.2: a sender that changes SSRC.
SSRC_HANDOVER_OVERLAP_S = 0.1
_SEGMENT_BYTES = 16 << 20
_EMPTY = np.zeros(0, dtype=np.uint8)


class BatchLike(Protocol):
    """The columns of a batch the demux reads (``hardware.capture.PacketBatch`` has them; so does the
    test helper ``ccedge.testing.udpbatch.UdpBatch``)."""

    buf: npt.NDArray[np.uint8]
    ts: npt.NDArray[np.float64]
    src: npt.NDArray[np.uint8]
    dst: npt.NDArray[np.uint8]
    sport: npt.NDArray[np.uint16]
    dport: npt.NDArray[np.uint16]
    off: npt.NDArray[np.int64]
    length: npt.NDArray[np.int32]

    def __len__(self) -> int: ...


@dataclass
class _Sub:
    flow: bytes  # src16 + dst16 + sport + dport
    ssrc: int
    src: str
    sport: int
    dst: str
    dport: int


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
        # One record per packet (all fields side by side): a stream's packets are spread over
        # the whole capture, and a record array costs one cache miss per packet, not per field.
        self._rec: npt.NDArray[Any] = np.zeros(0, dtype=_REC_DTYPE)
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
        self._srtcp_rx: dict[bytes, SrtpReceiver] = {}
        self._maps: dict[tuple[str, int], dict[int, tuple[str, int]]] = {}
        self._rtcp: dict[int, dict[str, Any]] = {}
        self._streams: dict[StreamKey, RtpStream] | None = None
        # Summaries of streams that got no packet since they were built (the Tap asks often).
        self._summaries: dict[tuple[int, ...], tuple[int, RtpStream]] = {}
        # Streams handed on and forgotten (release), and a counter bumped when rows move.
        self._released = np.zeros(0, dtype=bool)
        self._generation = 0
        # Storage is compacted once this many rows (and half of all) belong to released streams.
        self.compact_min_rows = 50_000
        # Live playout (ccedge.core.tap.playout) sets this to a list: each feed appends
        # (sub-stream ids, copies of the new packet records), grouped by sub-stream.
        self.fresh: list[tuple[npt.NDArray[np.int64], npt.NDArray[Any]]] | None = None
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
        self._grow(len(sel))
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
            self._rec[name][self._n : self._n + len(sel)] = col
        rows = np.arange(self._n, self._n + len(sel), dtype=np.int64)
        self._n += len(sel)
        order = np.argsort(sub, kind="stable")
        ss = sub[order]
        cuts = np.flatnonzero(ss[1:] != ss[:-1]) + 1
        for a, b in zip([0, *cuts.tolist()], [*cuts.tolist(), len(ss)], strict=True):
            self._sub_rows[int(ss[a])].append(rows[order[a:b]])
        if self.fresh is not None:
            self.fresh.append((ss.astype(np.int64), self._rec[rows[order]]))
        self._streams = None

    def _grow(self, extra: int) -> None:
        need = self._n + extra
        if need > len(self._rec):
            grown = np.empty(max(need, 2 * len(self._rec), 4096), dtype=_REC_DTYPE)
            grown[: self._n] = self._rec[: self._n]
            self._rec = grown

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
            data = self._srtcp(ip_text(src[i]), int(sport[i]), data)
            try:
                packets = rtcp.parse_compound(data)
            except TapParseError as e:
                self.stats[e.reason] += 1
                continue
            self._note_rtcp(packets, float(cap[idx[i]]))

    def _srtcp(self, ip: str, port: int, data: bytes) -> bytes:
        """SRTCP (RFC 3711 §3.4) from a party whose SDES key we hold: decrypted, else as it came."""
        for key_port in (port, port - 1):  # RTCP on the RTP port (RFC 5761) or the next one up
            for crypto in self._keys.get((ip, key_port), []):
                rx = self._srtcp_rx.get(crypto.key_salt)
                if rx is None:
                    rx = self._srtcp_rx[crypto.key_salt] = SrtpReceiver(crypto)
                try:
                    plain = rx.unprotect_rtcp(data)
                except SrtpError:
                    continue
                self.stats["srtcp.decrypted"] += 1
                return plain
        return data

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
        rec = self._rec[: self._n]
        return {c: rec[c] for c in _COLS}

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

    def _chains(self) -> list[list[int]]:
        """Sub-streams (one per SSRC) chained into streams: a later SSRC on a flow continues the
        stream when the earlier one is done. Cheap: per sub-stream, not per packet."""
        cap = self._rec["cap"]
        by_flow: dict[bytes, list[tuple[list[int], float]]] = {}
        firsts: list[tuple[float, int]] = []
        for s, chunks in enumerate(self._sub_rows):
            if not chunks or (s < len(self._released) and self._released[s]):
                continue
            firsts.append((float(cap[chunks[0][0]]), s))
        firsts.sort()
        for t0, s in firsts:
            chains = by_flow.setdefault(self._subs[s].flow, [])
            last = float(cap[self._sub_rows[s][-1][-1]])
            for k, (chain, chain_last) in enumerate(chains):
                if t0 >= chain_last - SSRC_HANDOVER_OVERLAP_S:
                    chain.append(s)
                    chains[k] = (chain, max(chain_last, last))
                    break
            else:
                chains.append(([s], last))
        return [chain for chains in by_flow.values() for chain, _ in chains]

    def _chain_size(self, chain: list[int]) -> int:
        return sum(sum(len(c) for c in self._sub_rows[x]) for x in chain)

    def _summary(self, chain: list[int], into: dict[tuple[int, ...], tuple[int, RtpStream]]) -> RtpStream:
        n = self._chain_size(chain)
        cached = self._summaries.get(tuple(chain))
        st = cached[1] if cached is not None and cached[0] == n else self._summarise(chain)
        into[tuple(chain)] = (n, st)
        return st

    def _build_streams(self) -> dict[StreamKey, RtpStream]:
        out: dict[StreamKey, RtpStream] = {}
        summaries: dict[tuple[int, ...], tuple[int, RtpStream]] = {}
        for chain in self._chains():
            st = self._summary(chain, summaries)
            out[st.key] = st
        self._summaries = summaries
        # Set, not added: streams are summarised again as they grow.
        self.stats["rtp.unknown-payload-type"] = sum(
            sum(st.unknown_payload_types.values()) for st in out.values()
        )
        return out

    def select(self, wanted: Callable[[str, int, str, int, float], bool]) -> dict[StreamKey, RtpStream]:
        """The streams whose (src, sport, dst, dport, first capture time) ``wanted`` accepts, built
        without summarising the others: a live tap asks for the streams of the calls that just
        ended, and pays for those, not for every call still in progress."""
        if self._streams is not None:
            return {k: st for k, st in self._streams.items()
                    if wanted(st.src, st.sport, st.dst, st.dport, st.first_ts)}
        cap = self._rec["cap"]
        out: dict[StreamKey, RtpStream] = {}
        for chain in self._chains():
            sub = self._subs[chain[0]]
            if wanted(sub.src, sub.sport, sub.dst, sub.dport, float(cap[self._sub_rows[chain[0]][0][0]])):
                st = self._summary(chain, self._summaries)
                out[st.key] = st
        return out

    def release(self, keys: Iterable[StreamKey]) -> int:
        """Forget streams that have been handed on (their call is over); returns how many.

        Their packets are dropped now and on arrival later (counted ``rtp.after-release``), so
        a long-running tap holds only live calls. Storage is compacted once most rows are dead;
        RtpStream objects taken before then still answer ``pcm()`` (it was decoded or is
        looked up again by key).
        """
        wanted = set(keys)
        n = 0
        for chain in self._chains():
            sub = self._subs[chain[0]]
            if (sub.src, sub.sport, sub.dst, sub.dport, sub.ssrc) not in wanted:
                continue
            for s in chain:
                self._released[s] = True
                self._decrypted.pop(s, None)
                self._sub_rows[s] = []  # its rows are dead; compaction drops them from storage
            self._summaries.pop(tuple(chain), None)
            n += 1
        if n:
            self._streams = None
            self._maybe_compact(self.compact_min_rows)
        return n

    def _maybe_compact(self, min_rows: int = 50_000) -> None:
        cols = self._columns()
        dead = self._released[cols["sub"]] if len(cols["sub"]) else np.zeros(0, bool)
        if int(dead.sum()) < max(min_rows, len(dead) // 2):
            return
        keep = ~dead
        renumber = np.cumsum(keep) - 1
        kept = self._rec[: self._n][keep]
        self._rec = np.concatenate([kept, np.empty(len(kept), dtype=_REC_DTYPE)])
        self._n = len(kept)
        for sid in range(len(self._sub_rows)):
            self._sub_rows[sid] = [] if self._released[sid] else [renumber[self._rows_of(sid)]]
        used = set(np.unique(self._rec["seg"][: self._n]).tolist())
        for i in range(len(self._segs) - 1):  # the last one may still be filled
            if i not in used:
                self._segs[i] = _EMPTY
        self._seg_typed = None
        self._summaries.clear()
        self._generation += 1
        self.stats["rtp.compactions"] += 1

    def _packets(self, s: int) -> npt.NDArray[np.int64]:
        return self._rows_of(s)

    def _payload_bounds(self, s: int, rows: npt.NDArray[np.int64]) -> Payloads:
        """Where each row's payload is, after SRTP where it applies (padding removed)."""
        if s in self._decrypted:
            store, start, length, valid = self._decrypted[s]
            pos = np.searchsorted(self._rows_of(s), rows)
            return Payloads([store], np.zeros(len(rows), np.int32), start[pos], length[pos], valid[pos], None)
        c = self._columns()
        start = c["off"][rows] + c["hdr"][rows]
        length = c["len"][rows].astype(np.int64) - c["hdr"][rows] - c["pad"][rows]
        valid = (length >= 0) & (c["hdr"][rows] <= c["len"][rows])
        return Payloads(self._segs, c["seg"][rows], start, np.maximum(length, 0), valid, self._typed_segments)

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

    # Per-stream work lives in ccedge.core.tap.streamwork (it reads this object's storage).
    def _summarise(self, chain: list[int]) -> RtpStream:
        return streamwork.summarise(self, chain)

    def _render(self, st: RtpStream) -> tuple[float, int, npt.NDArray[np.int16]]:
        return streamwork.render(self, st)

    def _raw(self, st: RtpStream, pt: int) -> list[bytes]:
        return streamwork.raw(self, st, pt)


__all__ = ["BatchLike", "RtpDemux", "RtpStream", "StreamKey"]
