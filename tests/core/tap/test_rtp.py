"""RtpPacket: exact parse/serialise on real and generated packets; errors name the field."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.rtp import HeaderExtension, RtpPacket, is_rtcp_type
from ccedge.testing.udpbatch import read_udp_datagrams


def test_fields_of_a_handmade_packet() -> None:
    raw = (
        bytes.fromhex("b2e0 0102 00000010 deadbeef 00000001 00000002 bede0001 11223344")
        + b"abc"
        + b"\0\0\x03"
    )
    p = RtpPacket.parse(raw)
    assert (p.payload_type, p.marker, p.sequence_number, p.timestamp, p.ssrc) == (
        96,
        True,
        0x102,
        16,
        0xDEADBEEF,
    )
    assert p.csrc == (1, 2)
    assert p.extension == HeaderExtension(0xBEDE, bytes.fromhex("11223344"))
    assert p.payload == b"abc" and p.padding == 3
    assert bytes(p) == raw


@pytest.mark.parametrize(
    "raw, field",
    [
        (b"\x80\x00\x00", "shorter than its 12-byte header"),
        (b"\x40" + b"\0" * 11, "version is 1"),
        (b"\x82" + b"\0" * 11 + b"\0\0\0\1", "truncated CSRC list"),
        (b"\x90" + b"\0" * 11 + b"\xbe", "truncated extension header"),
        (b"\x90" + b"\0" * 11 + b"\xbe\xde\x00\x02" + b"\0" * 4, "truncated extension body"),
        (b"\xa0" + b"\0" * 11 + b"ab\x00", "invalid padding length"),
        (b"\xa0" + b"\0" * 11 + b"ab\x09", "invalid padding length"),
    ],
)
def test_bad_packets_name_the_field(raw: bytes, field: str) -> None:
    with pytest.raises(TapParseError, match=field) as e:
        RtpPacket.parse(raw)
    assert e.value.reason.startswith("rtp.")


def test_constructor_range_checks() -> None:
    with pytest.raises(TapParseError, match="payload type"):
        RtpPacket(128, 0, 0, 0)
    with pytest.raises(TapParseError, match="sequence"):
        RtpPacket(0, 70000, 0, 0)
    with pytest.raises(TapParseError, match="CSRC"):
        RtpPacket(0, 0, 0, 0, csrc=tuple(range(16)))
    with pytest.raises(TapParseError, match="multiple of 4"):
        HeaderExtension(1, b"abc")


def test_rtcp_octet_range_rfc5761() -> None:
    assert is_rtcp_type(200) and is_rtcp_type(204) and not is_rtcp_type(0x80 | 0) and not is_rtcp_type(101)


@given(
    pt=st.integers(0, 127),
    seq=st.integers(0, 0xFFFF),
    ts=st.integers(0, 2**32 - 1),
    ssrc=st.integers(0, 2**32 - 1),
    marker=st.booleans(),
    payload=st.binary(max_size=64),
    csrc=st.lists(st.integers(0, 2**32 - 1), max_size=15),
    ext=st.one_of(st.none(), st.tuples(st.integers(0, 0xFFFF), st.binary(max_size=16))),
    pad=st.integers(0, 8),
)
def test_generated_round_trip(pt, seq, ts, ssrc, marker, payload, csrc, ext, pad) -> None:  # type: ignore[no-untyped-def]
    extension = None if ext is None else HeaderExtension(ext[0], ext[1][: len(ext[1]) // 4 * 4])
    p = RtpPacket(pt, seq, ts, ssrc, payload, marker, tuple(csrc), extension, pad, b"\0" * max(0, pad - 1))
    assert RtpPacket.parse(bytes(p)) == p


@given(st.binary(max_size=80))
def test_fuzz_parse_never_raises_anything_else(data: bytes) -> None:
    try:
        p = RtpPacket.parse(data)
    except TapParseError:
        return
    assert bytes(p) == data


@pytest.mark.shared
@pytest.mark.parametrize(
    "name",
    [
        "sipp/dtmf_2833_5.pcap",
        "asterisk-testsuite/ulaw-2013785496.pcap",
        "heplify/sip_ipv4_tcp.pcap",
        "voipshark/SIP-RTP-Normal_Call_two_parties.pcap",
        "restcomm-dtmf/cisco-spa-525G2-zendesk34432.pcap",
    ],
)
def test_golden_round_trip_on_captured_packets(pcaps, name: str) -> None:
    n = rejected = 0
    for *_, payload in read_udp_datagrams(pcaps / name):
        if len(payload) < 12 or payload[0] >> 6 != 2 or is_rtcp_type(payload[1]) or payload[:3] == b"SIP":
            continue
        try:
            p = RtpPacket.parse(payload)
        except TapParseError:  # other UDP that happens to start with 0b10 (DNS, SIP fragments)
            rejected += 1
            continue
        assert bytes(p) == payload
        assert p.ssrc == struct.unpack_from("!I", payload, 8)[0]
        n += 1
    assert n >= 10 and rejected <= n // 100
