"""RTCP (RFC 3550 §6): sender/receiver reports, SDES, BYE, APP, in compound packets.

The tap reads RTCP only for statistics (what each end says it lost, and its jitter), so a
malformed packet must cost a counter, never the tap: ``parse_compound`` raises
:class:`TapParseError` naming the field, and the demux counts it by ``reason``. Captures
with hostile RTCP (Asterisk AST-2017-012) are in the tests.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ccedge.core.tap.errors import TapParseError

SR, RR, SDES, BYE, APP = 200, 201, 202, 203, 204


@dataclass(frozen=True, slots=True)
class ReportBlock:
    """RFC 3550 §6.4.1: one reception report about source ``ssrc``."""

    ssrc: int
    fraction_lost: int  # fixed point /256 since the last report
    cumulative_lost: int  # signed 24-bit
    highest_seq: int  # extended highest sequence number received
    jitter: int  # interarrival jitter, RTP timestamp units
    lsr: int
    dlsr: int

    @classmethod
    def parse(cls, data: bytes, pos: int) -> ReportBlock:
        ssrc, lost_word, highest, jitter, lsr, dlsr = struct.unpack_from("!IIIIII", data, pos)
        cum = lost_word & 0xFFFFFF
        if cum & 0x800000:  # two's complement 24-bit (§6.4.1: may go negative with duplicates)
            cum -= 1 << 24
        return cls(ssrc, lost_word >> 24, cum, highest, jitter, lsr, dlsr)

    def __bytes__(self) -> bytes:
        lost = (self.fraction_lost << 24) | (self.cumulative_lost & 0xFFFFFF)
        return struct.pack("!IIIIII", self.ssrc, lost, self.highest_seq, self.jitter, self.lsr, self.dlsr)


@dataclass(frozen=True, slots=True)
class SenderReport:
    ssrc: int
    ntp: int  # 64-bit NTP timestamp
    rtp_ts: int
    packets: int
    octets: int
    reports: tuple[ReportBlock, ...] = ()
    extension: bytes = b""


@dataclass(frozen=True, slots=True)
class ReceiverReport:
    ssrc: int
    reports: tuple[ReportBlock, ...] = ()
    extension: bytes = b""


@dataclass(frozen=True, slots=True)
class SdesChunk:
    ssrc: int
    items: tuple[tuple[int, bytes], ...]  # (type, value): 1 CNAME, 2 NAME, ...


@dataclass(frozen=True, slots=True)
class SourceDescription:
    chunks: tuple[SdesChunk, ...]


@dataclass(frozen=True, slots=True)
class Goodbye:
    ssrcs: tuple[int, ...]
    reason: bytes = b""


@dataclass(frozen=True, slots=True)
class AppDefined:
    subtype: int
    ssrc: int
    name: bytes
    data: bytes


@dataclass(frozen=True, slots=True)
class OtherRtcp:
    """A packet type the tap does not interpret (RTPFB, PSFB, XR, ...), kept raw."""

    packet_type: int
    count: int
    body: bytes


RtcpPacket = SenderReport | ReceiverReport | SourceDescription | Goodbye | AppDefined | OtherRtcp


def _fail(msg: str, reason: str) -> TapParseError:
    return TapParseError(msg, reason)


def _blocks(body: bytes, pos: int, count: int) -> tuple[tuple[ReportBlock, ...], int]:
    if len(body) < pos + 24 * count:
        raise _fail("RTCP report has truncated report blocks", "rtcp.truncated-report")
    return tuple(ReportBlock.parse(body, pos + 24 * i) for i in range(count)), pos + 24 * count


def _sdes(body: bytes, count: int) -> SourceDescription:
    chunks = []
    pos = 0
    for _ in range(count):
        if len(body) < pos + 4:
            raise _fail("RTCP SDES has truncated chunk SSRC", "rtcp.truncated-sdes")
        (ssrc,) = struct.unpack_from("!I", body, pos)
        pos += 4
        items = []
        while True:
            if pos >= len(body):
                raise _fail("RTCP SDES chunk has no end item", "rtcp.truncated-sdes")
            kind = body[pos]
            if kind == 0:  # END: then pad to the next 32-bit boundary (§6.5)
                pos = (pos + 4) & ~3
                break
            if pos + 2 > len(body) or pos + 2 + body[pos + 1] > len(body):
                raise _fail("RTCP SDES item has truncated value", "rtcp.truncated-sdes")
            n = body[pos + 1]
            items.append((kind, bytes(body[pos + 2 : pos + 2 + n])))
            pos += 2 + n
        chunks.append(SdesChunk(ssrc, tuple(items)))
    return SourceDescription(tuple(chunks))


def parse_packet(ptype: int, count: int, body: bytes) -> RtcpPacket:
    """One RTCP packet's body (after the 4-byte common header, padding removed)."""
    if ptype == SR:
        if len(body) < 24:
            raise _fail("RTCP SR has truncated sender info", "rtcp.truncated-sender-info")
        ssrc, ntp_hi, ntp_lo, rtp_ts, pkts, octets = struct.unpack_from("!IIIIII", body)
        blocks, pos = _blocks(body, 24, count)
        return SenderReport(ssrc, (ntp_hi << 32) | ntp_lo, rtp_ts, pkts, octets, blocks, bytes(body[pos:]))
    if ptype == RR:
        if len(body) < 4:
            raise _fail("RTCP RR has truncated SSRC", "rtcp.truncated-report")
        (ssrc,) = struct.unpack_from("!I", body)
        blocks, pos = _blocks(body, 4, count)
        return ReceiverReport(ssrc, blocks, bytes(body[pos:]))
    if ptype == SDES:
        return _sdes(body, count)
    if ptype == BYE:
        if len(body) < 4 * count:
            raise _fail("RTCP BYE has truncated SSRC list", "rtcp.truncated-bye")
        ssrcs = struct.unpack_from(f"!{count}I", body)
        reason = b""
        if len(body) > 4 * count:
            n = body[4 * count]
            reason = bytes(body[4 * count + 1 : 4 * count + 1 + n])
        return Goodbye(tuple(ssrcs), reason)
    if ptype == APP:
        if len(body) < 8:
            raise _fail("RTCP APP has truncated name", "rtcp.truncated-app")
        (ssrc,) = struct.unpack_from("!I", body)
        return AppDefined(count, ssrc, bytes(body[4:8]), bytes(body[8:]))
    return OtherRtcp(ptype, count, bytes(body))


def parse_compound(data: bytes) -> list[RtcpPacket]:
    """Every packet of a compound RTCP datagram (§6.1); the first error aborts with a reason."""
    out: list[RtcpPacket] = []
    pos = 0
    if len(data) < 4:
        raise _fail("RTCP packet shorter than its 4-byte header", "rtcp.truncated-header")
    while pos < len(data):
        if len(data) - pos < 4:
            raise _fail("RTCP compound packet has trailing bytes", "rtcp.trailing-bytes")
        b0, ptype, words = struct.unpack_from("!BBH", data, pos)
        if b0 >> 6 != 2:
            raise _fail(f"RTCP version is {b0 >> 6}, not 2", "rtcp.bad-version")
        end = pos + 4 * (words + 1)
        if end > len(data):
            raise _fail("RTCP length field runs past the datagram", "rtcp.bad-length")
        body = data[pos + 4 : end]
        if b0 & 0x20:
            pad = body[-1] if body else 0
            if pad == 0 or pad > len(body):
                raise _fail("RTCP packet has invalid padding length", "rtcp.bad-padding")
            body = body[:-pad]
        out.append(parse_packet(ptype, b0 & 0x1F, body))
        pos = end
    return out


def _header(ptype: int, count: int, body: bytes) -> bytes:
    if len(body) % 4:
        raise TapParseError("RTCP body is not a multiple of 4 bytes", "rtcp.bad-length")
    return struct.pack("!BBH", 0x80 | count, ptype, len(body) // 4) + body


def serialise(packet: RtcpPacket) -> bytes:
    """Bytes of one packet (tests and generators); SDES items are padded per §6.5."""
    if isinstance(packet, SenderReport):
        body = struct.pack(
            "!IIIIII",
            packet.ssrc,
            packet.ntp >> 32,
            packet.ntp & 0xFFFFFFFF,
            packet.rtp_ts,
            packet.packets,
            packet.octets,
        )
        body += b"".join(bytes(b) for b in packet.reports) + packet.extension
        return _header(SR, len(packet.reports), body)
    if isinstance(packet, ReceiverReport):
        body = struct.pack("!I", packet.ssrc) + b"".join(bytes(b) for b in packet.reports) + packet.extension
        return _header(RR, len(packet.reports), body)
    if isinstance(packet, SourceDescription):
        body = b""
        for c in packet.chunks:
            chunk = struct.pack("!I", c.ssrc) + b"".join(bytes([k, len(v)]) + v for k, v in c.items) + b"\0"
            body += chunk + b"\0" * (-len(chunk) % 4)
        return _header(SDES, len(packet.chunks), body)
    if isinstance(packet, Goodbye):
        body = b"".join(struct.pack("!I", s) for s in packet.ssrcs)
        if packet.reason:
            r = bytes([len(packet.reason)]) + packet.reason
            body += r + b"\0" * (-len(r) % 4)
        return _header(BYE, len(packet.ssrcs), body)
    if isinstance(packet, AppDefined):
        return _header(APP, packet.subtype, struct.pack("!I", packet.ssrc) + packet.name + packet.data)
    return _header(packet.packet_type, packet.count, packet.body)


__all__ = [
    "APP",
    "BYE",
    "RR",
    "SDES",
    "SR",
    "AppDefined",
    "Goodbye",
    "OtherRtcp",
    "ReceiverReport",
    "ReportBlock",
    "RtcpPacket",
    "SdesChunk",
    "SenderReport",
    "SourceDescription",
    "parse_compound",
    "parse_packet",
    "serialise",
]
