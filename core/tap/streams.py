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
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.tap import _rtp_kernels as K
from ccedge.core.tap import rtcp, streamwork
from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.packetstore import BatchLike, PacketStore, SubStream
from ccedge.core.tap.rtpstream import RtpStream, StreamKey
from ccedge.core.tap.srtp import SdesCrypto, SrtpError, SrtpReceiver
from ccedge.hardware.capture.batch import addr_text as ip_text

# A new SSRC on a flow continues the leg when it starts after the old one's last packet,
# give or take this much overlap (seconds) — RFC 3550 §8.2: a sender that changes SSRC.
SSRC_HANDOVER_OVERLAP_S = 0.1


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
        self.store = PacketStore()  # packets and payloads; streamwork and playout read it
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
        # Storage is compacted once this many rows (and half of all) belong to released streams.
        self.compact_min_rows = 50_000
        # Live playout (ccedge.core.tap.playout) sets this to a list: each feed appends
        # (sub-stream ids, copies of the new packet records), grouped by sub-stream.
        self.fresh: list[tuple[npt.NDArray[np.int64], npt.NDArray[Any]]] | None = None

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
        store = self.store
        store.sync_released()
        late = store.released[sub]
        if late.any():  # packets of a stream already handed on and released
            self.stats["rtp.after-release"] += int(late.sum())
            sel, sub = sel[~late], sub[~late]
            if len(sel) == 0:
                return
        lengths = ln[sel]
        seg_id, out_off = store.store_payloads(buf, off[sel], lengths, self.copy)
        cap = np.asarray(batch.ts)[idx[sel]]
        subs, recs = store.append({
            "sub": sub.astype(np.int32),
            "seg": np.full(len(sel), seg_id, np.int32),
            "seq": f["seq"][sel],
            "ts": f["ts"][sel],
            "cap": cap.astype(np.float64),
            "b1": f["b1"][sel],
            "off": out_off,
            "len": lengths.astype(np.int32),
            "hdr": f["hdr"][sel].astype(np.int32),
            "pad": f["pad"][sel].astype(np.int16),
        })
        if self.fresh is not None:
            self.fresh.append((subs, recs))
        self._streams = None

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
        sid = self.store.add_sub(SubStream(flow, ssrc, ip_text(src), sport, ip_text(dst), dport))
        self._hash_to_sub[h] = sid
        return sid

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
    @property
    def streams(self) -> dict[StreamKey, RtpStream]:
        if self._streams is None:
            self._streams = self._build_streams()
        return self._streams

    def payload_map(self, sub: SubStream) -> dict[int, tuple[str, int]]:
        """The rtpmap that applies to a sub-stream (SDP of either end; RFC 4566 §6)."""
        m: dict[int, tuple[str, int]] = {}
        m.update(self._maps.get((sub.src, sub.sport), {}))
        m.update(self._maps.get((sub.dst, sub.dport), {}))
        return m

    def _chains(self) -> list[list[int]]:
        """Sub-streams (one per SSRC) chained into streams: a later SSRC on a flow continues the
        stream when the earlier one is done. Cheap: per sub-stream, not per packet."""
        store = self.store
        cap = store.rec["cap"]
        by_flow: dict[bytes, list[tuple[list[int], float]]] = {}
        firsts: list[tuple[float, int]] = []
        for s, chunks in enumerate(store.sub_rows):
            if not chunks or (s < len(store.released) and store.released[s]):
                continue
            firsts.append((float(cap[chunks[0][0]]), s))
        firsts.sort()
        for t0, s in firsts:
            chains = by_flow.setdefault(store.subs[s].flow, [])
            last = float(cap[store.sub_rows[s][-1][-1]])
            for k, (chain, chain_last) in enumerate(chains):
                if t0 >= chain_last - SSRC_HANDOVER_OVERLAP_S:
                    chain.append(s)
                    chains[k] = (chain, max(chain_last, last))
                    break
            else:
                chains.append(([s], last))
        return [chain for chains in by_flow.values() for chain, _ in chains]

    def _summary(self, chain: list[int], into: dict[tuple[int, ...], tuple[int, RtpStream]]) -> RtpStream:
        n = self.store.size(chain)
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
        cap = self.store.rec["cap"]
        out: dict[StreamKey, RtpStream] = {}
        for chain in self._chains():
            sub = self.store.subs[chain[0]]
            first = float(cap[self.store.sub_rows[chain[0]][0][0]])
            if wanted(sub.src, sub.sport, sub.dst, sub.dport, first):
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
            sub = self.store.subs[chain[0]]
            if (sub.src, sub.sport, sub.dst, sub.dport, sub.ssrc) not in wanted:
                continue
            for s in chain:
                self.store.release(s)
            self._summaries.pop(tuple(chain), None)
            n += 1
        if n:
            self._streams = None
            self.compact(self.compact_min_rows)
        return n

    def compact(self, min_rows: int = 50_000) -> None:
        """Drop released streams' rows from storage once they are many (see ``PacketStore.compact``)."""
        if self.store.compact(min_rows):
            self._summaries.clear()
            self.stats["rtp.compactions"] += 1

    @property
    def generation(self) -> int:
        """Bumped whenever stored rows move: streams built before then look themselves up again."""
        return self.store.generation

    # ---- what signalling said about a sub-stream (streamwork and playout ask) --------------
    def expects_srtp(self, sub: SubStream) -> bool:
        """SDP offered RTP/SAVP(F) for the sub-stream's sender (never decode it as plain)."""
        return (sub.src, sub.sport) in self._expect_srtp

    def is_zrtp(self, sub: SubStream) -> bool:
        """ZRTP (RFC 6189) was seen on the sub-stream's flow, in either direction."""
        z = self._zrtp_flows
        return (sub.src, sub.sport, sub.dst, sub.dport) in z or (sub.dst, sub.dport, sub.src, sub.sport) in z

    def rtcp_of(self, ssrc: int) -> dict[str, Any]:
        """What RTCP reports said about ``ssrc`` (sender/receiver report figures, BYE time)."""
        return self._rtcp.get(ssrc, {})

    def own_keys(self, sub: SubStream) -> list[SdesCrypto]:
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

    def srtp_candidates(self, sub: SubStream) -> list[SdesCrypto]:
        """Keys worth trying on a sub-stream: its own, then every other key seen (at most 64)."""
        cands = self.own_keys(sub)
        for addr, keys in self._keys.items():  # then every key seen (sender address unknown)
            if addr != (sub.dst, sub.dport):
                cands.extend(k for k in keys if k not in cands)
        return cands[:64]

    # Per-stream work lives in ccedge.core.tap.streamwork (it reads ``store``).
    def _summarise(self, chain: list[int]) -> RtpStream:
        return streamwork.summarise(self, chain)

    def render(self, st: RtpStream) -> tuple[float, int, npt.NDArray[np.int16]]:
        """A stream's audio on its own clock (see ``streamwork.render``)."""
        return streamwork.render(self, st)

    def raw(self, st: RtpStream, pt: int) -> list[bytes]:
        """A stream's payloads of one payload type in arrival order."""
        return streamwork.raw(self, st, pt)


__all__ = ["BatchLike", "RtpDemux", "RtpStream", "StreamKey"]
