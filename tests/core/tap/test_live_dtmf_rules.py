"""LiveDtmf against the batch extraction on the RFC 4733 cases a generated call does not hold:
lost end packets, end packets overtaken by the next event, segmented long events (§2.5.1.3),
repeated digits; digits, times and keys must be the batch's, each given once."""

from __future__ import annotations

import struct

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.tap.live_dtmf import LiveDtmf
from ccedge.core.tap.streams import RtpDemux
from ccedge.core.tap.telephone_event import TelephoneEvent, digits_from_packets
from ccedge.testing.udpbatch import UdpBatch

SRC, SPORT, DST, DPORT, PT, T0 = "10.0.0.1", 40000, "10.0.0.2", 40002, 101, 1000.0

# One key press: (event, packets, end packets sent, split into a second segment, end packets late)
Press = tuple[int, int, bool, bool, bool]


def _packets(presses: list[Press]) -> list[tuple[float, int, int, bytes]]:
    """(capture time, seq, RTP ts, payload) in arrival order."""
    out: list[tuple[float, int, int, bytes]] = []
    ts, cap, late = 5000, T0, []
    for event, n, end, split, end_late in presses:
        segs = [n // 2, n - n // 2] if split and n >= 2 else [n]
        seg_ts = ts
        for k, m in enumerate(segs):
            last = k == len(segs) - 1
            for j in range(1, m + 1):
                out.append((cap, 0, seg_ts, bytes(TelephoneEvent(event, False, 10, 160 * j))))
                cap += 0.02
            if last and end:
                ends = [(cap + 0.001 * r, 0, seg_ts, bytes(TelephoneEvent(event, True, 10, 160 * m)))
                        for r in range(3)]
                late.extend(ends) if end_late else out.extend(ends)
            seg_ts += 160 * m
        ts = seg_ts + 800
        cap += 0.1
        out.extend((cap + 0.001 * r, 0, t, p) for r, (_c, _s, t, p) in enumerate(late))  # overtaken
        late = []
    return [(c, i, t, p) for i, (c, _s, t, p) in enumerate(out)]


def _run(presses: list[Press]) -> tuple[list[tuple[str, float, float]], list[tuple[str, float, float]]]:
    pk = _packets(presses)
    demux = RtpDemux()
    demux.fresh = []
    demux.set_payload_map(SRC, SPORT, {PT: ("telephone-event", 8000)})
    live = LiveDtmf(demux, lambda *a: ("c", "caller", T0, "src"), stop_s=0.3)
    got = []
    for cap, seq, ts, payload in pk:
        hdr = struct.pack("!BBHII", 0x80, PT, seq & 0xFFFF, ts, 0x1234)
        demux.feed(UdpBatch.from_datagrams([(cap, SRC, SPORT, DST, DPORT, hdr + payload)]))
        got.extend(live.feed(demux.fresh, cap))
        demux.fresh = []
    got.extend(live.feed([], pk[-1][0] + 0.35))  # no packet for longer than stop_s: given
    assert not live.feed([], np.inf)
    # The batch path orders packets by sequence number (arrival order here) as streamwork does.
    digits, _ = digits_from_packets([t for _, _, t, _ in pk], [c for c, _, _, _ in pk],
                                    [p for *_, p in pk])
    assert {k[1] for k in live.emitted} == {d.rtp_ts for d in digits}
    return ([(d.digit, round(d.t0, 6), round(d.t1, 6)) for d in got],
            [(d.digit, round(d.start_ts - T0, 6), round(d.end_ts - T0, 6)) for d in digits])


def test_lost_end_packets_give_the_digit_once_its_packets_stop() -> None:
    live, batch = _run([(5, 6, False, False, False), (5, 4, True, False, False)])
    assert live == batch and [d for d, *_ in live] == ["5", "5"]


def test_segmented_long_press_is_one_digit_and_late_end_packets_no_second() -> None:
    live, batch = _run([(1, 8, True, True, False), (1, 3, True, False, True), (11, 5, True, False, False)])
    assert live == batch and [d for d, *_ in live] == ["1", "1", "#"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 17), st.integers(1, 8), st.booleans(), st.booleans(), st.booleans()),
                min_size=1, max_size=6))
def test_any_sequence_of_presses_matches_the_batch_extraction(presses: list[Press]) -> None:
    live, batch = _run(presses)
    assert live == batch
