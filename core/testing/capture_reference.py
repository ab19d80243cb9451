"""The reference reader: dpkt walks the file, the Python decoder decodes every packet.

It shares no code with the Numba kernels, so tests compare the fast path against it on every capture.
Slow (≈100k packets/s); for tests and debugging only.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from struct import error as struct_error  # dpkt raises it on short record headers
from typing import TYPE_CHECKING, BinaryIO, cast

import dpkt

from ccedge.hardware.capture import reasons
from ccedge.hardware.capture.batch import CaptureStats, PacketBatch
from ccedge.hardware.capture.decode import Row, SlowDecoder
from ccedge.hardware.capture.errors import CaptureError
from ccedge.hardware.capture.fastpath import MAX_CAPLEN
from ccedge.hardware.capture.reassembly import DEFAULT_TIMEOUT_S, Reassembler

if TYPE_CHECKING:
    from collections.abc import Iterator

Record = tuple[float, str, str, int, int, int, bytes, int, int]


def read_reference(
    path: str | os.PathLike[str],
    fragment_timeout_s: float = DEFAULT_TIMEOUT_S,
) -> tuple[list[Record], CaptureStats]:
    """All UDP/TCP rows of a capture as tuples ``(ts, src, dst, proto, sport, dport, payload, tcp_seq,
    tcp_flags)``, plus the stats, decoded one packet at a time."""
    p = Path(path)
    with open(p, "rb") as raw:
        gz = raw.read(2) == b"\x1f\x8b"
    f = cast(BinaryIO, gzip.open(p, "rb") if gz else open(p, "rb"))
    stats = CaptureStats()
    slow = SlowDecoder(Reassembler(stats, timeout_s=fragment_timeout_s))
    rows: list[tuple[float, Row]] = []
    try:
        head = f.read(4)
        f.seek(0)
        if head == b"\x0a\x0d\x0d\x0a":
            try:
                ng = dpkt.pcapng.Reader(f)
            except (ValueError, dpkt.Error, struct_error) as e:
                raise CaptureError(f"{p}: not a readable pcapng file ({e})") from e
            linktype = ng.datalink() & 0xFFFF
            packets = _pcapng_records(ng, stats)
        else:
            linktype, packets = _pcap_records(f, p, stats)
        for ts, frame in packets:
            stats.packets += 1
            stats.bytes += len(frame)
            r = slow.decode(linktype, frame, ts)
            if isinstance(r, Row):
                rows.append((ts, r))
            elif r not in reasons.COUNTED:
                stats.reject(reasons.NAMES[r])
    finally:
        f.close()
    slow.reasm.flush()
    stats.emitted = len(rows)
    batch = PacketBatch.from_records(
        (ts, r.src, r.dst, r.proto, r.sport, r.dport, r.payload, r.tcp_seq, r.tcp_flags) for ts, r in rows
    )
    return batch.records(), stats


def _truncated(stats: CaptureStats, reason: str = reasons.TRUNCATED_RECORD) -> None:
    stats.truncated = True
    stats.packets += 1
    stats.reject(reason)


def _pcap_records(f: BinaryIO, p: Path, stats: CaptureStats) -> tuple[int, Iterator[tuple[float, bytes]]]:
    """dpkt's classic pcap header classes, walked here so a cut-off last record is noticed (dpkt's own
    Reader hands it out short)."""
    buf = f.read(dpkt.pcap.FileHdr.__hdr_len__)
    if len(buf) < dpkt.pcap.FileHdr.__hdr_len__:
        raise CaptureError(f"{p}: pcap file header truncated")
    fh = dpkt.pcap.FileHdr(buf)
    magic = fh.magic  # as dpkt's Reader: read big-endian, then re-read the header little-endian
    if magic in (dpkt.pcap.PMUDPCT_MAGIC, dpkt.pcap.PMUDPCT_MAGIC_NANO):
        fh = dpkt.pcap.LEFileHdr(buf)
    if magic not in dpkt.pcap.MAGIC_TO_PKT_HDR:
        raise CaptureError(f"{p}: not a pcap file")
    ph = dpkt.pcap.MAGIC_TO_PKT_HDR[magic]
    div = 1e9 if magic in (dpkt.pcap.TCPDUMP_MAGIC_NANO, dpkt.pcap.PMUDPCT_MAGIC_NANO) else 1e6

    def gen() -> Iterator[tuple[float, bytes]]:
        while True:
            try:
                hbuf = f.read(ph.__hdr_len__)
            except (EOFError, OSError):
                hbuf = b"\0"
            if not hbuf:
                return
            if len(hbuf) < ph.__hdr_len__:
                _truncated(stats)
                return
            hdr = ph(hbuf)
            if hdr.caplen > MAX_CAPLEN:
                _truncated(stats, reasons.CORRUPT_RECORD)
                return
            try:
                data = f.read(hdr.caplen)
            except (EOFError, OSError):
                data = b""
            if len(data) < hdr.caplen:
                _truncated(stats)
                return
            yield hdr.tv_sec + hdr.tv_usec / div, bytes(data)

    return fh.linktype & 0xFFFF, gen()


def _pcapng_records(ng: dpkt.pcapng.Reader, stats: CaptureStats) -> Iterator[tuple[float, bytes]]:
    it = iter(ng)
    while True:
        try:
            ts, frame = next(it)
        except StopIteration:
            return
        except (dpkt.Error, ValueError, EOFError, OSError, struct_error):
            _truncated(stats)
            return
        yield float(ts), bytes(frame)


__all__ = ["MAX_CAPLEN", "Record", "read_reference"]
