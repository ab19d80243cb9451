"""RFC 4733 telephone-event: end packets, long digits, repeated digits, real phones."""

from __future__ import annotations

import pytest

from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.streams import RtpDemux
from ccedge.core.tap.telephone_event import TelephoneEvent, digits_from_packets, looks_like_events
from ccedge.testing.udpbatch import read_udp_batch


def _event(
    ts: int, digit: int, n: int, t0: float, step: int = 160, dur0: int = 160
) -> list[tuple[int, float, bytes]]:
    out = []
    for j in range(n):
        end = j >= n - 3
        dur = dur0 + step * min(j, n - 3)
        out.append((ts, t0 + 0.02 * j, bytes(TelephoneEvent(digit, end, 10, dur))))
    return out


def _digits(packets: list[tuple[int, float, bytes]]) -> str:
    ds, _ = digits_from_packets([p[0] for p in packets], [p[1] for p in packets], [p[2] for p in packets])
    return "".join(d.digit for d in ds)


def test_round_trip_and_short_payload() -> None:
    e = TelephoneEvent(11, True, 10, 800)
    assert TelephoneEvent.parse(bytes(e)) == e
    with pytest.raises(TapParseError, match="shorter than 4"):
        TelephoneEvent.parse(b"\x01\x02")


def test_three_end_packets_make_one_digit_and_times_are_capture_times() -> None:
    pk = _event(1000, 5, 8, 100.0)
    ds, other = digits_from_packets([p[0] for p in pk], [p[1] for p in pk], [p[2] for p in pk])
    assert [d.digit for d in ds] == ["5"] and other == 0
    assert ds[0].start_ts == pytest.approx(100.0 - 160 / 8000)
    assert ds[0].end_ts - ds[0].start_ts == pytest.approx(960 / 8000)
    assert ds[0].ended


def test_repeated_digits_are_told_apart_by_timestamp() -> None:
    pk = _event(1000, 1, 6, 0) + _event(3000, 1, 6, 0.3) + _event(5000, 2, 6, 0.6) + _event(7000, 2, 6, 0.9)
    assert _digits(pk) == "1122"


def test_long_digit_segments_join() -> None:
    # RFC 4733 §2.5.1.3: segment 2 starts at ts + 0xFFFF, segment 1 has no end bit.
    seg1 = [
        (1000, 0.02 * j, bytes(TelephoneEvent(7, False, 10, min(0xFFFF, 8000 * (j + 1))))) for j in range(9)
    ]
    seg2 = _event(1000 + 0xFFFF, 7, 6, 0.2)
    assert _digits(seg1 + seg2) == "7"


def test_non_dtmf_events_counted() -> None:
    pk = _event(1000, 194 % 256, 5, 0)
    ds, other = digits_from_packets([p[0] for p in pk], [p[1] for p in pk], [p[2] for p in pk])
    assert ds == [] and other == 1


def test_heuristic() -> None:
    assert looks_like_events([4, 4], [1, 11]) and not looks_like_events([4, 160], [1, 1])
    assert not looks_like_events([4], [200])


@pytest.mark.shared
@pytest.mark.parametrize(
    "name, digits",
    [
        ("restcomm-dtmf/gigaset-n510-ip-pro-rfc2833.pcap", "1211#1211#"),
        ("restcomm-dtmf/cisco-spa-525G2-zendesk34432.pcap", "6688#6688#"),
        ("restcomm-dtmf/zendesk-34401-rfc2833.pcap", "1211#"),
        ("restcomm-dtmf/dtmf-oob-one-hash.cap.gz", "#"),
        ("restcomm-dtmf/dtmf-oob-two-hash.cap.gz", "##"),
        ("restcomm-dtmf/dtmf_rfc2833_4_digits_fast.pcap", "1234"),
        ("restcomm-dtmf/dtmf_rfc2833_4_digits_slow.pcap", "1234"),
        ("restcomm-dtmf/dtmf_rfc2833_2_digit_pairs.pcap", "1122"),
        ("wireshark-samples/SIP_DTMF2.cap", "6789123"),
        ("asterisk-testsuite/ulaw-2013785496.pcap", "2013785496"),
        ("asterisk-testsuite/ulaw-3125894607.pcap", "3125894607"),
        *[
            (f"sipp/dtmf_2833_{n}.pcap", d)
            for n, d in [("0", "0"), ("5", "5"), ("9", "9"), ("star", "*"), ("pound", "#")]
        ],
    ],
)
def test_real_captures(pcaps, name: str, digits: str) -> None:
    d = RtpDemux()
    d.feed(read_udp_batch(pcaps / name))
    got = "".join(x[0] for s in d.streams.values() for x in s.dtmf)
    assert got == digits
    for s in d.streams.values():
        for _, t0, t1 in s.dtmf:
            assert s.first_ts - 1 <= t0 < t1 <= s.last_ts + 1  # capture time, not RTP ticks
