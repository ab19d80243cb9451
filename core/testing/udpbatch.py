"""A struct-of-arrays batch of UDP datagrams with the fields the RTP demux reads.

``hardware.capture.PacketBatch`` is the product's batch; :class:`UdpBatch` has the same
field names and types (``buf``, ``ts``, ``src``, ``dst``, ``sport``, ``dport``, ``off``,
``length``, ``proto``: ``ccedge.core.tap.streams.BatchLike``) so that the RTP demux takes either. It
exists for generators (the benchmark, tests) and for a dpkt reference reader that tests
use to check the demux on real captures independently of the capture layer.
"""

from __future__ import annotations

import gzip
import ipaddress
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ccedge.hardware.capture.batch import addr16

Datagram = tuple[float, str, int, str, int, bytes]  # ts, src, sport, dst, dport, payload


def ip16(text: str) -> bytes:
    """An address in the batch's 16-byte form (IPv4 as ``::ffff:a.b.c.d``)."""
    return addr16(text)


@dataclass(eq=False)
class UdpBatch:
    buf: npt.NDArray[np.uint8]
    ts: npt.NDArray[np.float64]
    src: npt.NDArray[np.uint8]
    dst: npt.NDArray[np.uint8]
    sport: npt.NDArray[np.uint16]
    dport: npt.NDArray[np.uint16]
    off: npt.NDArray[np.int64]
    length: npt.NDArray[np.int32]

    def __len__(self) -> int:
        return len(self.ts)

    @property
    def proto(self) -> npt.NDArray[np.uint8]:
        return np.full(len(self.ts), 17, dtype=np.uint8)

    def payload(self, i: int) -> bytes:
        return self.buf[self.off[i] : self.off[i] + self.length[i]].tobytes()

    @classmethod
    def from_datagrams(cls, grams: Sequence[Datagram]) -> UdpBatch:
        n = len(grams)
        lengths = np.fromiter((len(g[5]) for g in grams), dtype=np.int32, count=n)
        off = np.zeros(n, dtype=np.int64)
        if n:
            off[1:] = np.cumsum(lengths[:-1], dtype=np.int64)
        buf = np.frombuffer(b"".join(g[5] for g in grams), dtype=np.uint8)
        cache: dict[str, bytes] = {}

        def addr(t: str) -> bytes:
            if t not in cache:
                cache[t] = ip16(t)
            return cache[t]

        src = np.frombuffer(b"".join(addr(g[1]) for g in grams), dtype=np.uint8).reshape(n, 16)
        dst = np.frombuffer(b"".join(addr(g[3]) for g in grams), dtype=np.uint8).reshape(n, 16)
        return cls(
            buf=buf,
            ts=np.array([g[0] for g in grams], dtype=np.float64),
            src=src,
            dst=dst,
            sport=np.array([g[2] for g in grams], dtype=np.uint16),
            dport=np.array([g[4] for g in grams], dtype=np.uint16),
            off=off,
            length=lengths,
        )


def _l3(link: int, frame: bytes) -> object | None:
    import dpkt

    if link == 1:  # DLT_EN10MB, VLAN tags handled by dpkt
        return dpkt.ethernet.Ethernet(frame).data
    if link == 113:  # Linux cooked (SLL)
        return dpkt.sll.SLL(frame).data
    if link == 276:  # Linux cooked v2: protocol at 0, 20-byte header
        return _ip_from(frame[20:])
    if link in (101, 12, 14):  # raw IP
        return _ip_from(frame)
    return None


def _ip_from(b: bytes) -> object | None:
    import dpkt

    if not b:
        return None
    if b[0] >> 4 == 4:
        return dpkt.ip.IP(b)
    if b[0] >> 4 == 6:
        return dpkt.ip6.IP6(b)
    return None


def read_udp_datagrams(path: Path | str) -> Iterator[Datagram]:
    """Every unfragmented UDP datagram of a pcap/pcapng file, with dpkt (reference path)."""
    import dpkt

    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        try:
            reader: Iterable[tuple[float, bytes]] = dpkt.pcap.Reader(fh)
        except ValueError:
            fh.seek(0)
            reader = dpkt.pcapng.Reader(fh)
        link = reader.datalink()  # type: ignore[attr-defined]
        for ts, frame in reader:
            try:
                ip = _l3(link, frame)
            except (dpkt.UnpackError, IndexError, ValueError):
                continue
            udp = getattr(ip, "data", None)
            if not isinstance(udp, dpkt.udp.UDP) or not isinstance(udp.data, bytes):
                continue
            if isinstance(ip, dpkt.ip.IP):
                s, d = str(ipaddress.IPv4Address(ip.src)), str(ipaddress.IPv4Address(ip.dst))
            else:
                s = str(ipaddress.IPv6Address(ip.src))  # type: ignore[attr-defined]
                d = str(ipaddress.IPv6Address(ip.dst))  # type: ignore[attr-defined]
            yield float(ts), s, udp.sport, d, udp.dport, udp.data


def read_udp_batch(path: Path | str) -> UdpBatch:
    return UdpBatch.from_datagrams(list(read_udp_datagrams(path)))


__all__ = ["Datagram", "UdpBatch", "ip16", "read_udp_batch", "read_udp_datagrams"]
