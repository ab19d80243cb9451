"""Validating wrappers around the Numba kernels, and batch assembly with the Python fallback path."""

from __future__ import annotations

import numpy as np

from ccedge.hardware.capture import _kernel, reasons
from ccedge.hardware.capture.batch import CaptureStats, PacketBatch
from ccedge.hardware.capture.decode import Row, SlowDecoder

SUPPORTED_LINKTYPES = frozenset(
    {
        _kernel.LT_NULL,
        _kernel.LT_EN10MB,
        _kernel.LT_RAW_BSD,
        _kernel.LT_RAW_OPENBSD,
        _kernel.LT_RAW,
        _kernel.LT_LOOP,
        _kernel.LT_LINUX_SLL,
        _kernel.LT_IPV4,
        _kernel.LT_IPV6,
        _kernel.LT_LINUX_SLL2,
    }
)
MAX_CAPLEN = _kernel.MAX_CAPLEN


def walk_pcap(
    buf: np.ndarray,
    start: int,
    end: int,
    big_endian: bool,
    nano: bool,
    max_pkts: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int, int]:
    """Walk classic pcap records in ``buf[start:end]``.

    Returns ``(rec_off, rec_len, rec_ts, next_pos, status, need)``; status 0: ``max_pkts`` reached,
    1: the next record is not whole in the buffer (it needs ``need`` bytes from ``next_pos``),
    2: corrupt record header at ``next_pos``.
    """
    if buf.dtype != np.uint8 or buf.ndim != 1:
        raise ValueError("pcap buffer must be a 1-D uint8 array")
    if not 0 <= start <= end <= buf.shape[0]:
        raise ValueError(f"pcap walk range [{start}, {end}) outside buffer of {buf.shape[0]} bytes")
    if max_pkts < 1:
        raise ValueError("max_pkts must be positive")
    rec_off = np.empty(max_pkts, np.int64)
    rec_len = np.empty(max_pkts, np.int64)
    rec_ts = np.empty(max_pkts, np.float64)
    n, pos, status, need = _kernel.walk_pcap(
        buf, start, end, big_endian, nano, max_pkts, rec_off, rec_len, rec_ts
    )
    return rec_off[:n], rec_len[:n], rec_ts[:n], int(pos), int(status), int(need)


def parse_frames(
    buf: np.ndarray,
    linktype: np.ndarray,
    rec_off: np.ndarray,
    rec_len: np.ndarray,
) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """Decode records ``buf[rec_off[i]:rec_off[i]+rec_len[i]]`` with link type ``linktype[i]``.

    Returns ``(status, (src, dst, proto, sport, dport, off, length, tcp_seq, tcp_flags))`` with one row
    per record; a row is meaningful only where ``status == reasons.OK``.
    """
    n = rec_off.shape[0]
    if buf.dtype != np.uint8 or buf.ndim != 1:
        raise ValueError("frame buffer must be a 1-D uint8 array")
    if rec_len.shape[0] != n or linktype.shape[0] != n:
        raise ValueError("rec_off, rec_len and linktype must have the same length")
    if n and (rec_off.min() < 0 or rec_len.min() < 0 or (rec_off + rec_len).max() > buf.shape[0]):
        raise ValueError("a record lies outside the frame buffer")
    status = np.empty(n, np.int32)
    cols = (
        np.empty((n, 16), np.uint8),
        np.empty((n, 16), np.uint8),
        np.empty(n, np.uint8),
        np.empty(n, np.uint16),
        np.empty(n, np.uint16),
        np.empty(n, np.int64),
        np.empty(n, np.int32),
        np.empty(n, np.uint32),
        np.empty(n, np.uint8),
    )
    _kernel.parse_frames(
        buf,
        linktype.astype(np.int32, copy=False),
        rec_off.astype(np.int64, copy=False),
        rec_len.astype(np.int64, copy=False),
        n,
        status,
        *cols,
    )
    return status, cols


def _count_codes(stats: CaptureStats, codes: np.ndarray) -> None:
    if codes.size == 0:
        return
    counts = np.bincount(codes)
    for code in np.flatnonzero(counts):
        stats.reject(reasons.NAMES[int(code)], int(counts[code]))


def assemble_batch(
    buf: np.ndarray,
    linktype: np.ndarray,
    rec_off: np.ndarray,
    rec_len: np.ndarray,
    rec_ts: np.ndarray,
    stats: CaptureStats,
    slow: SlowDecoder,
) -> PacketBatch:
    """Records → one PacketBatch in record order: the kernel decodes what it can, the Python path the
    rest (fragments); everything not emitted is counted in ``stats``."""
    n = rec_off.shape[0]
    stats.packets += n
    stats.bytes += int(rec_len.sum())
    status, (src, dst, proto, sport, dport, off, length, seq, flags) = parse_frames(
        buf, linktype, rec_off, rec_len
    )
    _count_codes(stats, status[status > reasons.DEFER])
    ok = np.flatnonzero(status == reasons.OK)
    deferred = np.flatnonzero(status == reasons.DEFER)
    extra_idx: list[int] = []
    extra_rows: list[Row] = []
    for i in deferred:
        o = int(rec_off[i])
        r = slow.decode(int(linktype[i]), buf[o : o + int(rec_len[i])].tobytes(), float(rec_ts[i]))
        if isinstance(r, Row):
            extra_idx.append(int(i))
            extra_rows.append(r)
        elif r not in reasons.COUNTED:
            stats.reject(reasons.NAMES[r])
    main = PacketBatch(
        buf,
        rec_ts[ok],
        src[ok],
        dst[ok],
        proto[ok],
        sport[ok],
        dport[ok],
        off[ok],
        length[ok],
        seq[ok],
        flags[ok],
    )
    if not extra_rows:
        batch = main
    else:
        extra = PacketBatch.from_records(
            (float(rec_ts[i]), r.src, r.dst, r.proto, r.sport, r.dport, r.payload, r.tcp_seq, r.tcp_flags)
            for i, r in zip(extra_idx, extra_rows, strict=True)
        )
        both = PacketBatch.concat([main, extra])
        order = np.argsort(np.concatenate([ok, np.asarray(extra_idx, np.int64)]), kind="stable")
        batch = both.take(order)
    stats.emitted += len(batch)
    return batch


__all__ = ["MAX_CAPLEN", "SUPPORTED_LINKTYPES", "assemble_batch", "parse_frames", "walk_pcap"]
