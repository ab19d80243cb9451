"""RTCP compound parsing (RFC 3550 §6): every packet type, round trips, hostile input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccedge.core.tap import rtcp
from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.streams import RtpDemux
from ccedge.testing.udpbatch import read_udp_batch

BLOCK = rtcp.ReportBlock(0x1234, 25, -3, 70000, 80, 0xAABBCCDD, 65536)


def test_compound_round_trip_all_types() -> None:
    packets = [
        rtcp.SenderReport(1, (3_900_000_000 << 32) | 5, 160, 50, 8000, (BLOCK,)),
        rtcp.ReceiverReport(2, (BLOCK, BLOCK)),
        rtcp.SourceDescription((rtcp.SdesChunk(1, ((1, b"user@host"), (2, b"N"))), rtcp.SdesChunk(2, ()))),
        rtcp.Goodbye((1, 2), b"done"),
        rtcp.AppDefined(3, 1, b"TEST", b"abcd"),
        rtcp.OtherRtcp(205, 1, b"\0" * 8),
    ]
    data = b"".join(rtcp.serialise(p) for p in packets)
    assert rtcp.parse_compound(data) == packets
    assert rtcp.parse_compound(data)[0].reports[0].cumulative_lost == -3  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x80\xc8", "rtcp.truncated-header"),
        (b"\x40\xc9\x00\x01\0\0\0\0", "rtcp.bad-version"),
        (b"\x80\xc9\x00\x09\0\0\0\0", "rtcp.bad-length"),
        (b"\x81\xc9\x00\x01\0\0\0\0", "rtcp.truncated-report"),
        (b"\x80\xc8\x00\x01\0\0\0\0", "rtcp.truncated-sender-info"),
        (b"\x81\xca\x00\x01\0\0\0\1", "rtcp.truncated-sdes"),
        (b"\x81\xca\x00\x02\0\0\0\1\x01\x09ab\0", "rtcp.truncated-sdes"),
        (b"\x82\xcb\x00\x01\0\0\0\1", "rtcp.truncated-bye"),
        (b"\xa0\xc9\x00\x01\0\0\0\0", "rtcp.bad-padding"),
        (b"\x80\xc9\x00\x01\0\0\0\0\x80", "rtcp.trailing-bytes"),
    ],
)
def test_errors_carry_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(TapParseError) as e:
        rtcp.parse_compound(data)
    assert e.value.reason == reason


@given(st.binary(max_size=120))
def test_fuzz_only_tap_parse_errors(data: bytes) -> None:
    try:
        rtcp.parse_compound(b"\x80" + data)
    except TapParseError:
        pass


@pytest.mark.shared
def test_crash_captures_survive_and_count(pcaps) -> None:
    for name in ("crash-27382.pcap", "ast-2016-003-crash.pcap"):
        d = RtpDemux()
        d.feed(read_udp_batch(pcaps / "asterisk-testsuite" / name))
        assert isinstance(d.streams, dict)
    d = RtpDemux()
    d.feed(read_udp_batch(pcaps / "asterisk-testsuite" / "crash-27382.pcap"))
    (s,) = [s for s in d.streams.values() if s.packets > 100]
    assert s.packets == 274 and s.rtcp["sender_reports"] >= 1


@pytest.mark.shared
def test_receiver_reports_give_far_end_loss_and_jitter(pcaps) -> None:
    d = RtpDemux()
    d.feed(read_udp_batch(pcaps / "voipshark" / "SIP-RTP-Normal_Call_two_parties.pcap"))
    media = [s for s in d.streams.values() if s.packets > 1000]
    assert len(media) == 4
    for s in media:
        assert s.rtcp["receiver_reports"] >= 5 and s.rtcp["reported_lost"] == 0
        assert 0 <= s.rtcp["reported_jitter_s"] < 0.01
