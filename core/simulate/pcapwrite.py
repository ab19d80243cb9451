"""Write synthetic datagrams as an Ethernet/IPv4/UDP classic pcap (optionally gzip'd)."""

from __future__ import annotations

import gzip
import socket
from collections.abc import Iterable
from pathlib import Path

import dpkt

from ccedge.core.simulate.callgen import Datagram

_MAC_A = b"\x02\x00\x00\x00\x00\x01"
_MAC_B = b"\x02\x00\x00\x00\x00\x02"


def frame(d: Datagram) -> bytes:
    udp = dpkt.udp.UDP(sport=d.sport, dport=d.dport, data=d.payload)
    udp.ulen = len(udp)
    ip = dpkt.ip.IP(src=socket.inet_aton(d.src), dst=socket.inet_aton(d.dst), p=dpkt.ip.IP_PROTO_UDP,
                    ttl=64, data=udp)
    ip.len = len(ip)
    eth = dpkt.ethernet.Ethernet(src=_MAC_A, dst=_MAC_B, type=dpkt.ethernet.ETH_TYPE_IP, data=ip)
    return bytes(eth)


def write_pcap(path: Path, grams: Iterable[Datagram], epoch: float) -> None:
    path = Path(path)
    with gzip.open(path, "wb") if path.suffix == ".gz" else open(path, "wb") as fh:
        writer = dpkt.pcap.Writer(fh, linktype=dpkt.pcap.DLT_EN10MB)
        for d in grams:
            writer.writepkt(frame(d), ts=epoch + d.ts)
