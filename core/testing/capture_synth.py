"""Synthetic frames and capture files: for tests, the benchmark and live replay.

Builds link-layer frames (Ethernet with VLAN tags, Linux SLL/SLL2, raw IP, BSD loopback) around IPv4 or
IPv6 UDP/TCP packets, GRE/ERSPAN tunnels as a switch SPAN session sends them, IP fragments, and writes
them as classic pcap (either byte order, µs or ns), pcapng or gzip'd files.
"""

from __future__ import annotations

import gzip
import ipaddress
import os
import struct
from collections.abc import Iterable, Sequence
from pathlib import Path

import dpkt

from ccedge.hardware.capture import linktypes as k

LINKTYPES = {
    "ether": k.LT_EN10MB,
    "sll": k.LT_LINUX_SLL,
    "sll2": k.LT_LINUX_SLL2,
    "raw": k.LT_RAW,
    "ipv4": k.LT_IPV4,
    "ipv6": k.LT_IPV6,
    "null": k.LT_NULL,
    "loop": k.LT_LOOP,
}
MAC_A = b"\x02\x00\x00\x00\x00\x01"
MAC_B = b"\x02\x00\x00\x00\x00\x02"


def _is6(addr: str) -> bool:
    return ipaddress.ip_address(addr).version == 6


def ip_packet(
    src: str,
    dst: str,
    proto: int,
    l4: bytes,
    ident: int = 1,
    ttl: int = 64,
    ext: bytes = b"",
    ext_nh: int = -1,
) -> bytes:
    """IPv4 or IPv6 header + ``l4``. For IPv6 ``ext`` is a chain of extension headers placed in front
    of ``l4`` and ``ext_nh`` the type of the first one."""
    if _is6(src):
        nh = proto if ext_nh < 0 else ext_nh
        body = ext + l4
        return (
            struct.pack(
                "!IHBB16s16s",
                6 << 28,
                len(body),
                nh,
                ttl,
                ipaddress.IPv6Address(src).packed,
                ipaddress.IPv6Address(dst).packed,
            )
            + body
        )
    ip = dpkt.ip.IP(
        src=ipaddress.IPv4Address(src).packed,
        dst=ipaddress.IPv4Address(dst).packed,
        p=proto,
        id=ident,
        ttl=ttl,
        data=l4,
    )
    ip.len = 20 + len(l4)
    return bytes(ip)


def udp(sport: int, dport: int, payload: bytes) -> bytes:
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def tcp(
    sport: int, dport: int, payload: bytes, seq: int = 1000, flags: int = 0x18, opts: bytes = b""
) -> bytes:
    doff = (20 + len(opts)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq, 0, doff << 4, flags, 65535, 0, 0) + opts + payload


def ethertype_of(packet: bytes) -> int:
    return 0x86DD if packet and packet[0] >> 4 == 6 else 0x0800


def link(
    packet: bytes,
    kind: str = "ether",
    vlans: Sequence[int] = (),
    ethertype: int = -1,
    src_mac: bytes = MAC_A,
    dst_mac: bytes = MAC_B,
) -> bytes:
    """Wrap an IP packet (or any payload with ``ethertype``) in a link-layer header of ``kind``."""
    et = ethertype_of(packet) if ethertype < 0 else ethertype
    if kind == "ether":
        tags = b""
        for i, vid in enumerate(vlans):
            tpid = 0x88A8 if i < len(vlans) - 1 else 0x8100  # 802.1ad outer, 802.1Q inner
            tags += struct.pack("!HH", tpid, vid & 0x0FFF)
        if vlans:
            first, rest = tags[:2], tags[2:]
            return dst_mac + src_mac + first + rest + struct.pack("!H", et) + packet
        return dst_mac + src_mac + struct.pack("!H", et) + packet
    if kind == "sll":
        return struct.pack("!HHH8sH", 0, 1, 6, src_mac + b"\0\0", et) + packet
    if kind == "sll2":
        return struct.pack("!HHIHBB8s", et, 0, 2, 1, 0, 6, src_mac + b"\0\0") + packet
    if kind in ("raw", "ipv4", "ipv6"):
        return packet
    if kind == "null":
        return struct.pack("<I", 30 if et == 0x86DD else 2) + packet
    if kind == "loop":
        return struct.pack(">I", 30 if et == 0x86DD else 2) + packet
    raise ValueError(f"unknown link kind {kind!r}")


def udp_frame(
    src: str,
    dst: str,
    sport: int,
    dport: int,
    payload: bytes,
    kind: str = "ether",
    vlans: Sequence[int] = (),
    ident: int = 1,
) -> bytes:
    return link(ip_packet(src, dst, 17, udp(sport, dport, payload), ident=ident), kind, vlans)


def tcp_frame(
    src: str,
    dst: str,
    sport: int,
    dport: int,
    payload: bytes,
    seq: int = 1000,
    flags: int = 0x18,
    kind: str = "ether",
    vlans: Sequence[int] = (),
) -> bytes:
    return link(ip_packet(src, dst, 6, tcp(sport, dport, payload, seq, flags)), kind, vlans)


def gre_wrap(
    inner_frame: bytes,
    kind: str = "erspan2",
    outer_src: str = "192.0.2.1",
    outer_dst: str = "192.0.2.2",
    session: int = 7,
    seq: int = 1,
    key: int | None = None,
) -> bytes:
    """An Ethernet frame carrying ``inner_frame`` (an Ethernet frame) over GRE as a SPAN session sends it.

    kind: "teb" (GRE 0x6558), "erspan1" (0x88BE, no sequence, no ERSPAN header), "erspan2" (0x88BE +
    sequence + 8-byte type II header), "erspan3" (0x22EB + sequence + 12-byte type III header) or
    "erspan3o" (type III with the 8-byte platform sub-header)."""
    flags = 0
    opt = b""
    if key is not None:
        flags |= 0x2000
        opt += struct.pack("!I", key)
    if kind == "teb":
        proto, hdr = 0x6558, b""
    elif kind == "erspan1":
        proto, hdr = 0x88BE, b""
    elif kind == "erspan2":
        proto = 0x88BE
        flags |= 0x1000
        opt += struct.pack("!I", seq)
        hdr = struct.pack("!HHI", (1 << 12) | 0, session & 0x3FF, 0)  # ver 1, vlan 0, session, index
    elif kind in ("erspan3", "erspan3o"):
        proto = 0x22EB
        flags |= 0x1000
        opt += struct.pack("!I", seq)
        o = 1 if kind == "erspan3o" else 0
        hdr = struct.pack("!HHIHBB", (2 << 12), session & 0x3FF, 123456, 0, 0, o)
        if o:
            hdr += struct.pack("!HHI", 0x0800 | 3, 0, 0)  # platform id 3 sub-header
    else:
        raise ValueError(f"unknown GRE kind {kind!r}")
    gre = struct.pack("!HH", flags, proto) + opt + hdr + inner_frame
    return link(ip_packet(outer_src, outer_dst, 47, gre), "ether")


def udp_tunnel_wrap(
    inner_frame: bytes,
    kind: str = "vxlan",
    vni: int = 100,
    outer_src: str = "192.0.2.1",
    outer_dst: str = "192.0.2.2",
    geneve_opts: bytes = b"",
) -> bytes:
    """An Ethernet frame carrying ``inner_frame`` in VXLAN (UDP 4789, RFC 7348) or Geneve (UDP 6081,
    RFC 8926), as cloud traffic mirroring sends it."""
    if kind == "vxlan":
        hdr, port = struct.pack("!II", 0x08000000, vni << 8), 4789
    elif kind == "geneve":
        if len(geneve_opts) % 4:
            raise ValueError("Geneve options are 4-byte words")
        hdr = struct.pack("!BBHI", len(geneve_opts) // 4, 0, 0x6558, vni << 8) + geneve_opts
        port = 6081
    else:
        raise ValueError(f"unknown UDP tunnel kind {kind!r}")
    return link(ip_packet(outer_src, outer_dst, 17, udp(49152, port, hdr + inner_frame)), "ether")


def fragment_ipv4(packet: bytes, size: int) -> list[bytes]:
    """Split an IPv4 packet into fragments of ``size`` payload bytes (multiple of 8), RFC 791 §3.2."""
    if size % 8 or size <= 0:
        raise ValueError("fragment size must be a positive multiple of 8")
    ihl = (packet[0] & 15) * 4
    hdr, body = packet[:ihl], packet[ihl:]
    out = []
    for off in range(0, len(body), size):
        chunk = body[off : off + size]
        more = off + size < len(body)
        h = bytearray(hdr)
        struct.pack_into("!H", h, 2, ihl + len(chunk))
        struct.pack_into("!H", h, 6, (0x2000 if more else 0) | (off // 8))
        struct.pack_into("!H", h, 10, 0)
        struct.pack_into("!H", h, 10, dpkt.in_cksum(bytes(h)))
        out.append(bytes(h) + chunk)
    return out


def fragment_ipv6(packet: bytes, size: int, ident: int = 0x1234) -> list[bytes]:
    """Split an IPv6 packet (no extension headers) with fragment headers, RFC 8200 §4.5."""
    if size % 8 or size <= 0:
        raise ValueError("fragment size must be a positive multiple of 8")
    hdr, body = bytearray(packet[:40]), packet[40:]
    nh = hdr[6]
    hdr[6] = 44
    out = []
    for off in range(0, len(body), size):
        chunk = body[off : off + size]
        more = off + size < len(body)
        fh = struct.pack("!BBHI", nh, 0, off | (1 if more else 0), ident)
        h = bytearray(hdr)
        struct.pack_into("!H", h, 4, 8 + len(chunk))
        out.append(bytes(h) + fh + chunk)
    return out


Frames = Iterable[tuple[float, bytes]]


def write_pcap(
    path: str | os.PathLike[str],
    frames: Frames,
    linktype: int | str = "ether",
    nano: bool = False,
    big_endian: bool = False,
    snaplen: int = 262144,
) -> Path:
    """Classic pcap; gzip'd when ``path`` ends in ``.gz``."""
    lt = LINKTYPES[linktype] if isinstance(linktype, str) else linktype
    e = ">" if big_endian else "<"
    magic = 0xA1B23C4D if nano else 0xA1B2C3D4
    parts = [struct.pack(e + "IHHiIII", magic, 2, 4, 0, 0, snaplen, lt)]
    div = 1_000_000_000 if nano else 1_000_000
    for ts, frame in frames:
        sec = int(ts)
        frac = round((ts - sec) * div)
        if frac >= div:
            sec, frac = sec + 1, frac - div
        parts.append(struct.pack(e + "IIII", sec, frac, len(frame), len(frame)))
        parts.append(frame)
    return _write(path, b"".join(parts))


def write_pcapng(
    path: str | os.PathLike[str],
    frames: Frames,
    linktype: int | str = "ether",
    tsresol: int = 6,
    big_endian: bool = False,
) -> Path:
    """pcapng with one section, one interface and Enhanced Packet Blocks."""
    lt = LINKTYPES[linktype] if isinstance(linktype, str) else linktype
    e = ">" if big_endian else "<"

    def block(btype: int, body: bytes) -> bytes:
        body += b"\0" * (-len(body) % 4)
        n = 12 + len(body)
        return struct.pack(e + "II", btype, n) + body + struct.pack(e + "I", n)

    shb = block(0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1))
    opts = struct.pack(e + "HHB3x", 9, 1, tsresol) + struct.pack(e + "HH", 0, 0)
    idb = block(1, struct.pack(e + "HHI", lt, 0, 262144) + opts)
    parts = [shb, idb]
    per_s = 10**tsresol
    for ts, frame in frames:
        units = round(ts * per_s)
        parts.append(
            block(
                6,
                struct.pack(e + "IIIII", 0, units >> 32, units & 0xFFFFFFFF, len(frame), len(frame)) + frame,
            )
        )
    return _write(path, b"".join(parts))


def _write(path: str | os.PathLike[str], data: bytes) -> Path:
    p = Path(path)
    if p.suffix == ".gz":
        p.write_bytes(gzip.compress(data, compresslevel=1))
    else:
        p.write_bytes(data)
    return p


__all__ = [
    "LINKTYPES",
    "fragment_ipv4",
    "fragment_ipv6",
    "gre_wrap",
    "ip_packet",
    "link",
    "tcp",
    "tcp_frame",
    "udp",
    "udp_frame",
    "udp_tunnel_wrap",
    "write_pcap",
    "write_pcapng",
]
