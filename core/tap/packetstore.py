"""Where the RTP demux keeps packets: one record per packet, sub-streams as row lists, payload segments.

:class:`PacketStore` is the demux's storage made public for the modules that work on it
(``streamwork`` summarises and renders streams from it, ``playout`` reads payloads live). It holds
no policy: the demux decides what goes in and when streams are released; the store keeps rows,
payload octets and the per-sub-stream bookkeeping consistent, and compacts itself on request.

One record per packet (all fields side by side, ``REC_DTYPE``): a stream's packets are spread over
the whole capture, and a record array costs one cache miss per packet, not per field. Records grow
by doubling (amortised O(1) per packet); each sub-stream's row numbers are kept as chunks appended
per batch, so asking for streams while feeding never re-sorts everything. Payload octets live in
segments that are filled and never moved (no re-copy on growth).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from ccedge.core.tap import _rtp_kernels as K
from ccedge.core.tap.rtpstream import Payloads

COL_TYPES = {
    "sub": np.int32,  # sub-stream id
    "seg": np.int32,  # payload segment
    "seq": np.uint16,
    "ts": np.uint32,
    "cap": np.float64,  # capture time
    "b1": np.uint8,  # second header octet: marker and payload type
    "off": np.int64,  # packet start in its segment
    "len": np.int32,
    "hdr": np.int32,  # RTP header length (CSRC and extension included)
    "pad": np.int16,  # padding octets (RFC 3550 §5.1 P bit)
}
COLS = tuple(COL_TYPES)
REC_DTYPE = np.dtype([(name, t) for name, t in COL_TYPES.items()])
SEGMENT_BYTES = 16 << 20
_EMPTY = np.zeros(0, dtype=np.uint8)

Decrypted = tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]


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
class SubStream:
    """One flow and SSRC (RFC 3550 §8: an SSRC identifies a source within a session)."""

    flow: bytes  # src16 + dst16 + sport + dport
    ssrc: int
    src: str
    sport: int
    dst: str
    dport: int


class PacketStore:
    """Packet records, sub-stream row lists and payload segments of one demux."""

    def __init__(self) -> None:
        self.rec: npt.NDArray[Any] = np.zeros(0, dtype=REC_DTYPE)
        self.n = 0  # records in use
        self.subs: list[SubStream] = []
        self.sub_rows: list[list[npt.NDArray[np.int64]]] = []
        self.segs: list[npt.NDArray[np.uint8]] = []
        self._seg_fill = 0
        self._seg_typed: Any = None
        self.released = np.zeros(0, dtype=bool)  # per sub-stream: handed on and forgotten
        self.generation = 0  # bumped whenever rows move (compaction)
        self.decrypted: dict[int, Decrypted] = {}  # sub-stream -> SRTP plaintext (store, start, len, ok)

    # ---- growth --------------------------------------------------------------------------
    def add_sub(self, sub: SubStream) -> int:
        self.subs.append(sub)
        self.sub_rows.append([])
        return len(self.subs) - 1

    def sync_released(self) -> None:
        """Give every sub-stream a ``released`` flag (new ones are not released)."""
        if len(self.released) < len(self.subs):
            extra = np.zeros(len(self.subs) - len(self.released), bool)
            self.released = np.concatenate([self.released, extra])

    def store_payloads(self, buf: npt.NDArray[np.uint8], off: npt.NDArray[np.int64],
                       lengths: npt.NDArray[np.int64], copy: bool) -> tuple[int, npt.NDArray[np.int64]]:
        """Keep the packets ``buf[off:off+lengths]``: (segment, offsets in it).

        ``copy=False`` keeps a reference to ``buf`` as a segment (the producer never overwrites a
        buffer it handed out); ``copy=True`` gathers the packets into a store-owned segment."""
        if copy:
            seg_id, store_off = self._reserve(int(lengths.sum()))
            out_off = np.empty(len(off), dtype=np.int64)
            out_off[0] = store_off
            np.cumsum(lengths[:-1], out=out_off[1:])
            out_off[1:] += store_off
            K.gather(buf, off, lengths, self.segs[seg_id], out_off)
            return seg_id, out_off
        if not self.segs or self.segs[-1] is not buf:
            self.segs.append(buf)
            self._seg_fill = len(buf)  # never written into
            self._seg_typed = None
        return len(self.segs) - 1, off

    def append(self, columns: dict[str, npt.NDArray[Any]]) -> tuple[npt.NDArray[np.int64], npt.NDArray[Any]]:
        """Add one batch's packet records (``columns`` by ``COLS`` name, equal lengths) and file their
        rows under their sub-streams. Returns (sub-stream per record, the records), grouped by
        sub-stream, arrival order within each: what live playout reads."""
        sub = columns["sub"]
        count = len(sub)
        self._grow(count)
        for name in COLS:
            self.rec[name][self.n : self.n + count] = columns[name]
        rows = np.arange(self.n, self.n + count, dtype=np.int64)
        self.n += count
        order = np.argsort(sub, kind="stable")
        ss = sub[order]
        cuts = np.flatnonzero(ss[1:] != ss[:-1]) + 1
        for a, b in zip([0, *cuts.tolist()], [*cuts.tolist(), len(ss)], strict=True):
            self.sub_rows[int(ss[a])].append(rows[order[a:b]])
        return ss.astype(np.int64), self.rec[rows[order]]

    def _grow(self, extra: int) -> None:
        need = self.n + extra
        if need > len(self.rec):
            grown = np.empty(max(need, 2 * len(self.rec), 4096), dtype=REC_DTYPE)
            grown[: self.n] = self.rec[: self.n]
            self.rec = grown

    def _reserve(self, n: int) -> tuple[int, int]:
        """(segment, offset) of n free octets; a full segment is left as it is, never copied."""
        if not self.segs or self._seg_fill + n > len(self.segs[-1]):
            self.segs.append(np.empty(max(n, SEGMENT_BYTES), dtype=np.uint8))
            self._seg_fill = 0
            self._seg_typed = None
        start = self._seg_fill
        self._seg_fill += n
        return len(self.segs) - 1, start

    # ---- reading -------------------------------------------------------------------------
    def typed_segments(self) -> K.TypedSegments:
        """The segments as the Numba kernels take them (built once per change of segments)."""
        if self._seg_typed is None:
            self._seg_typed = K.TypedSegments(self.segs)
        return self._seg_typed

    def columns(self) -> dict[str, npt.NDArray[Any]]:
        rec = self.rec[: self.n]
        return {c: rec[c] for c in COLS}

    def rows_of(self, s: int) -> npt.NDArray[np.int64]:
        """Row numbers of sub-stream ``s`` in arrival order."""
        chunks = self.sub_rows[s]
        if not chunks:
            return np.zeros(0, np.int64)
        if len(chunks) > 1:
            chunks[:] = [np.concatenate(chunks)]
        return chunks[0]

    def size(self, subs: list[int]) -> int:
        """Packets of these sub-streams."""
        return sum(sum(len(c) for c in self.sub_rows[x]) for x in subs)

    def payload_bounds(self, s: int, rows: npt.NDArray[np.int64]) -> Payloads:
        """Where each row's payload is, after SRTP where it applies (padding removed)."""
        if s in self.decrypted:
            store, start, length, valid = self.decrypted[s]
            pos = np.searchsorted(self.rows_of(s), rows)
            return Payloads([store], np.zeros(len(rows), np.int32), start[pos], length[pos], valid[pos], None)
        c = self.columns()
        start = c["off"][rows] + c["hdr"][rows]
        length = c["len"][rows].astype(np.int64) - c["hdr"][rows] - c["pad"][rows]
        valid = (length >= 0) & (c["hdr"][rows] <= c["len"][rows])
        return Payloads(self.segs, c["seg"][rows], start, np.maximum(length, 0), valid, self.typed_segments)

    def raw_packets(self, rows: npt.NDArray[np.int64]) -> list[bytes]:
        c = self.columns()
        return [
            self.segs[g][o : o + n].tobytes()
            for g, o, n in zip(
                c["seg"][rows].tolist(), c["off"][rows].tolist(), c["len"][rows].tolist(), strict=True
            )
        ]

    # ---- forgetting ----------------------------------------------------------------------
    def release(self, s: int) -> None:
        """Sub-stream ``s`` was handed on: its rows are dead (compaction drops them)."""
        self.released[s] = True
        self.decrypted.pop(s, None)
        self.sub_rows[s] = []

    def compact(self, min_rows: int = 50_000) -> bool:
        """Drop the rows of released sub-streams once there are ``min_rows`` of them and they are
        half of all; True when rows moved (``generation`` is bumped)."""
        cols = self.columns()
        dead = self.released[cols["sub"]] if len(cols["sub"]) else np.zeros(0, bool)
        if int(dead.sum()) < max(min_rows, len(dead) // 2):
            return False
        keep = ~dead
        renumber = np.cumsum(keep) - 1
        kept = self.rec[: self.n][keep]
        self.rec = np.concatenate([kept, np.empty(len(kept), dtype=REC_DTYPE)])
        self.n = len(kept)
        for sid in range(len(self.sub_rows)):
            self.sub_rows[sid] = [] if self.released[sid] else [renumber[self.rows_of(sid)]]
        used = set(np.unique(self.rec["seg"][: self.n]).tolist())
        for i in range(len(self.segs) - 1):  # the last one may still be filled
            if i not in used:
                self.segs[i] = _EMPTY
        self._seg_typed = None
        self.generation += 1
        return True


__all__ = ["COLS", "REC_DTYPE", "BatchLike", "PacketStore", "SubStream"]
