"""One RTP packet (RFC 3550 §5.1): parse and serialise, byte for byte.

This is the slow, exact path: tests, SRTP (which needs whole packets), tools. The hot
path never builds these objects; :mod:`ccedge.core.tap.streams` reads the same fields
from whole arrays of packets at once.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from ccedge.core.tap.errors import TapParseError

RTP_VERSION = 2
HEADER_LEN = 12  # RFC 3550 §5.1: fixed part of the header


def is_rtcp_type(second_octet: int) -> bool:
    """RFC 5761 §4: with RTP and RTCP on one port, an octet 192–223 after the first is RTCP.

    (RTCP packet types SR 200 … XR 207 are RTP PT 72–79 with the marker bit set; RFC 5761
    forbids RTP payload types 64–95 for this reason.)
    """
    return 192 <= second_octet <= 223


@dataclass(frozen=True, slots=True)
class HeaderExtension:
    """RFC 3550 §5.3.1: a 16-bit profile-defined value and a body of 32-bit words."""

    profile: int
    data: bytes

    def __post_init__(self) -> None:
        if len(self.data) % 4:
            raise TapParseError("RTP header extension length is not a multiple of 4", "rtp.bad-extension")


@dataclass(frozen=True, slots=True)
class RtpPacket:
    """The RTP fixed header, CSRC list, optional extension, payload and padding."""

    payload_type: int
    sequence_number: int
    timestamp: int
    ssrc: int
    payload: bytes = b""
    marker: bool = False
    csrc: tuple[int, ...] = ()
    extension: HeaderExtension | None = None
    padding: int = 0  # number of padding octets including the count octet (0: P bit clear)
    padding_bytes: bytes = field(default=b"", repr=False)  # the padding before the count octet

    def __post_init__(self) -> None:
        if not 0 <= self.payload_type <= 127:
            raise TapParseError("RTP payload type out of range 0-127", "rtp.bad-payload-type")
        if not 0 <= self.sequence_number <= 0xFFFF:
            raise TapParseError("RTP sequence number out of range", "rtp.bad-sequence")
        if not 0 <= self.timestamp <= 0xFFFFFFFF:
            raise TapParseError("RTP timestamp out of range", "rtp.bad-timestamp")
        if not 0 <= self.ssrc <= 0xFFFFFFFF:
            raise TapParseError("RTP SSRC out of range", "rtp.bad-ssrc")
        if len(self.csrc) > 15:
            raise TapParseError("RTP CSRC list longer than 15", "rtp.bad-csrc")
        if not 0 <= self.padding <= 255:
            raise TapParseError("RTP padding count out of range", "rtp.bad-padding")
        if self.padding and len(self.padding_bytes) != self.padding - 1:
            raise TapParseError("RTP padding bytes do not match the padding count", "rtp.bad-padding")

    @classmethod
    def parse(cls, data: bytes) -> RtpPacket:
        if len(data) < HEADER_LEN:
            raise TapParseError(
                f"RTP packet shorter than its {HEADER_LEN}-byte header", "rtp.truncated-header"
            )
        b0, b1, seq, ts, ssrc = struct.unpack_from("!BBHII", data)
        if b0 >> 6 != RTP_VERSION:
            raise TapParseError(f"RTP version is {b0 >> 6}, not 2", "rtp.bad-version")
        cc = b0 & 0x0F
        pos = HEADER_LEN
        if len(data) < pos + 4 * cc:
            raise TapParseError("RTP packet has truncated CSRC list", "rtp.truncated-csrc")
        csrc = struct.unpack_from(f"!{cc}I", data, pos)
        pos += 4 * cc
        extension = None
        if b0 & 0x10:
            if len(data) < pos + 4:
                raise TapParseError("RTP packet has truncated extension header", "rtp.truncated-extension")
            profile, words = struct.unpack_from("!HH", data, pos)
            pos += 4
            if len(data) < pos + 4 * words:
                raise TapParseError("RTP packet has truncated extension body", "rtp.truncated-extension")
            extension = HeaderExtension(profile, bytes(data[pos : pos + 4 * words]))
            pos += 4 * words
        end = len(data)
        padding = 0
        padding_bytes = b""
        if b0 & 0x20:
            # RFC 3550 §5.1: the last octet counts the padding octets, itself included.
            padding = data[-1]
            if padding == 0 or end - padding < pos:
                raise TapParseError("RTP packet has invalid padding length", "rtp.bad-padding")
            end -= padding
            padding_bytes = bytes(data[end:-1])
        return cls(
            payload_type=b1 & 0x7F,
            sequence_number=seq,
            timestamp=ts,
            ssrc=ssrc,
            payload=bytes(data[pos:end]),
            marker=bool(b1 & 0x80),
            csrc=tuple(csrc),
            extension=extension,
            padding=padding,
            padding_bytes=padding_bytes,
        )

    def __bytes__(self) -> bytes:
        b0 = (RTP_VERSION << 6) | (0x20 if self.padding else 0) | (0x10 if self.extension else 0)
        b0 |= len(self.csrc)
        out = bytearray(
            struct.pack(
                "!BBHII",
                b0,
                (0x80 if self.marker else 0) | self.payload_type,
                self.sequence_number,
                self.timestamp,
                self.ssrc,
            )
        )
        for c in self.csrc:
            out += struct.pack("!I", c)
        if self.extension is not None:
            out += struct.pack("!HH", self.extension.profile, len(self.extension.data) // 4)
            out += self.extension.data
        out += self.payload
        if self.padding:
            out += self.padding_bytes + bytes([self.padding])
        return bytes(out)


__all__ = ["HEADER_LEN", "RTP_VERSION", "HeaderExtension", "RtpPacket", "is_rtcp_type"]
