"""SIP over TCP: reassembly (order, retransmission, wrap, gaps) and Content-Length framing."""

from __future__ import annotations

import itertools
import socket
from pathlib import Path

import dpkt
from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.tap.sip import SipMessage
from ccedge.core.tap.tcp import FIN, SYN, SipStreamReassembler

KEY = ("10.0.0.1", 5060, "10.0.0.2", 5060)


def _msg(n: int, body: bytes = b"") -> bytes:
    return (f"INFO sip:b@x SIP/2.0\r\nCall-ID: c{n}\r\nCSeq: {n} INFO\r\nFrom: <sip:a@x>;tag=1\r\n"
            f"To: <sip:b@x>\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


MESSAGES = [_msg(1, b"Signal=1\r\n"), _msg(2), _msg(3, b"v=0\r\n" * 40), _msg(4, b"x")]
STREAM = b"".join(MESSAGES)


def _segments(data: bytes, cuts: list[int], isn: int) -> list[tuple[int, bytes]]:
    points = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    return [((isn + a) & 0xFFFFFFFF, data[a:b]) for a, b in itertools.pairwise(points)]


def test_several_messages_in_one_segment_and_keepalives() -> None:
    r = SipStreamReassembler()
    assert r.feed(KEY, 1000, SYN, b"") == []
    assert r.feed(KEY, 1001, 0, b"\r\n\r\n" + STREAM) == MESSAGES


def test_one_message_across_segments_out_of_order_and_retransmitted() -> None:
    r = SipStreamReassembler()
    segs = _segments(STREAM, [7, 50, 51, 200, 333], isn=5000)
    order = [segs[2], segs[0], segs[0], segs[1], segs[4], segs[3], segs[2], segs[5]]
    out: list[bytes] = r.feed(KEY, 4999, SYN, b"")
    for seq, data in order:
        out.extend(r.feed(KEY, seq, 0, data))
    assert out == MESSAGES
    assert r.stats["tcp.retransmitted-segments"] == 2


def test_sequence_wrap_and_overlap() -> None:
    r = SipStreamReassembler()
    isn = 0xFFFFFFFF - 30
    segs = _segments(STREAM, [20, 60], isn=isn)
    out = r.feed(KEY, segs[0][0], 0, segs[0][1])
    # A retransmission that overlaps old and new bytes is trimmed, not duplicated.
    overlap_seq = (isn + 10) & 0xFFFFFFFF
    out += r.feed(KEY, overlap_seq, 0, STREAM[10:60])
    out += r.feed(KEY, segs[2][0], 0, segs[2][1])
    assert out == MESSAGES and r.stats["tcp.overlapping-segments"] == 1


def test_gap_resynchronises_at_next_start_line() -> None:
    r = SipStreamReassembler(max_pending=2)
    m1 = len(MESSAGES[0])
    lost_from, lost_to = m1 + 10, m1 + 30  # a hole inside message 2
    out = r.feed(KEY, 0, 0, STREAM[:lost_from])
    rest = STREAM[lost_to:]
    for k in range(0, len(rest), 40):
        out += r.feed(KEY, lost_to + k, 0, rest[k : k + 40])
    out += r.flush()
    assert out == [MESSAGES[0], MESSAGES[2], MESSAGES[3]]
    assert r.stats["tcp.gaps"] == 1 and r.stats["sip.tcp-gap-discarded"] == 1


def test_joined_mid_stream_and_fin() -> None:
    r = SipStreamReassembler()
    out = r.feed(KEY, 77, 0, b"tail of an earlier body\r\n" + STREAM)
    out += r.feed(KEY, 77 + 25 + len(STREAM), FIN, b"")
    assert out == MESSAGES and len(r) == 0 and r.stats["sip.tcp-resync-bytes"] == 25


@settings(max_examples=150, deadline=None)
@given(cuts=st.lists(st.integers(0, 10_000), max_size=12), seed=st.randoms(use_true_random=False),
       isn=st.integers(0, 2**32 - 1), drop=st.booleans())
def test_fuzz_any_segmentation(cuts: list[int], seed: object, isn: int, drop: bool) -> None:
    import random

    rnd: random.Random = seed  # type: ignore[assignment]
    segs = _segments(STREAM, cuts, isn)
    order = segs + rnd.sample(segs, k=min(2, len(segs)))  # some retransmissions
    rnd.shuffle(order)
    if drop and len(segs) > 1:
        order = [s for s in order if s != segs[len(segs) // 2]]
    r = SipStreamReassembler(max_pending=4)
    out: list[bytes] = r.feed(KEY, (isn - 1) & 0xFFFFFFFF, SYN, b"")
    for seq, data in order:
        out.extend(r.feed(KEY, seq, 0, data))
    out.extend(r.flush())
    # Whatever arrives, only whole original messages come out, each at most once, in order.
    assert all(m in MESSAGES for m in out)
    assert [MESSAGES.index(m) for m in out] == sorted({MESSAGES.index(m) for m in out})
    if not drop and len(order) <= 4:
        assert out == MESSAGES


def _tcp_payloads(path: Path) -> list[tuple[tuple[str, int, str, int], int, int, bytes]]:
    out = []
    with open(path, "rb") as fh:
        for _, frame in dpkt.pcap.Reader(fh):
            ip = dpkt.ethernet.Ethernet(frame).data
            if isinstance(ip, dpkt.ip.IP) and isinstance(ip.data, dpkt.tcp.TCP):
                t = ip.data
                key = (socket.inet_ntoa(ip.src), t.sport, socket.inet_ntoa(ip.dst), t.dport)
                out.append((key, t.seq, t.flags, bytes(t.data)))
    return out


def test_real_capture_sip_over_tcp(pcaps: Path) -> None:
    r = SipStreamReassembler()
    msgs = []
    for key, seq, flags, data in _tcp_payloads(pcaps / "heplify" / "sip_ipv4_tcp.pcap"):
        msgs.extend(r.feed(key, seq, flags, data))
    msgs.extend(r.flush())
    parsed = [SipMessage.parse(m, datagram=False) for m in msgs]
    lines = [m.method or f"{m.status}/{m.cseq_method}" for m in parsed]
    assert lines.count("INVITE") == 1 and lines.count("ACK") == 1 and lines.count("BYE") == 1
    assert {"100/INVITE", "180/INVITE", "200/INVITE", "200/BYE"} <= set(lines)
    assert all(bytes(p) == m for p, m in zip(parsed, msgs, strict=True))
    assert len({p.call_id for p in parsed}) == 1


def test_stream_that_never_carries_sip_is_given_up() -> None:
    import os

    r = SipStreamReassembler(give_up_bytes=10_000)
    key = ("10.0.0.1", 5061, "10.0.0.2", 40000)  # SIP over TLS: ciphertext to a passive tap
    seq = 1
    out = r.feed(key, 0, SYN, b"")
    for _ in range(20):
        data = os.urandom(1400)
        out += r.feed(key, seq, 0, data)
        seq += len(data)
    assert out == [] and len(r) == 0
    assert r.stats["tcp.not-sip-streams"] == 1 and r.stats["tcp.not-sip-segments"] == 12
    # A SIP connection carrying big messages is never given up once it has shown SIP.
    r2 = SipStreamReassembler(give_up_bytes=100)
    assert r2.feed(KEY, 0, 0, STREAM + STREAM) == MESSAGES * 2
