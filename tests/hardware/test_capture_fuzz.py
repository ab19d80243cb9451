"""Fuzzing the capture-file path: no exception but CaptureError escapes, every packet is accounted for,
and the fast path keeps agreeing with the reference on mutated input."""

from __future__ import annotations

import struct
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccedge.hardware.capture import CaptureError, open_capture
from ccedge.hardware.capture.files import CaptureReader
from ccedge.testing import capture_synth as synth
from ccedge.testing.capture_reference import read_reference

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_SEED_FRAMES = [
    synth.udp_frame("10.0.0.1", "10.0.0.2", 5060, 5060, b"INVITE sip:a SIP/2.0\r\n", vlans=(3,)),
    synth.tcp_frame("2001:db8::1", "2001:db8::2", 5060, 5061, b"SIP/2.0 200 OK\r\n"),
    synth.gre_wrap(synth.udp_frame("10.0.0.3", "10.0.0.4", 1, 2, b"rtp"), "erspan2"),
    synth.gre_wrap(synth.udp_frame("10.0.0.3", "10.0.0.4", 1, 2, b"rtp"), "erspan3o"),
    synth.udp_tunnel_wrap(synth.udp_frame("10.0.0.5", "10.0.0.6", 1, 2, b"rtp"), "vxlan"),
    synth.udp_tunnel_wrap(
        synth.tcp_frame("10.0.0.5", "10.0.0.6", 1, 2, b"sip"), "geneve", geneve_opts=bytes(8)
    ),
    *[
        synth.link(f)
        for f in synth.fragment_ipv4(
            synth.ip_packet("10.0.0.1", "10.0.0.2", 17, synth.udp(1, 2, bytes(100))), 48
        )
    ],
]


def _check(path: Path, compare: bool = True) -> None:
    try:
        reader = open_capture(path, batch_packets=7)
    except CaptureError:
        return
    recs = CaptureReader.read_all(reader).records()
    s = reader.stats
    assert s.packets == s.accounted()
    assert all(isinstance(k, str) and v > 0 for k, v in s.rejected.items())
    if compare and reader.format == "pcap":
        ref, rs = read_reference(path)
        assert [r[1:] for r in recs] == [r[1:] for r in ref]
        assert s.rejected == rs.rejected


@SETTINGS
@given(
    frames=st.lists(
        st.tuples(
            st.sampled_from(range(len(_SEED_FRAMES))),
            st.lists(st.tuples(st.integers(0, 200), st.integers(0, 255)), max_size=4),
            st.integers(0, 400),
        ),
        min_size=1,
        max_size=12,
    ),
    linktype=st.sampled_from(["ether", "sll", "sll2", "raw", "null"]),
)
def test_mutated_records(frames: list[tuple[int, list[tuple[int, int]], int]], linktype: str) -> None:
    out = []
    for i, (idx, flips, cut) in enumerate(frames):
        f = bytearray(_SEED_FRAMES[idx])
        for pos, val in flips:
            if pos < len(f):
                f[pos] = val
        out.append((float(i), bytes(f[: max(0, len(f) - cut)] if cut < 60 else f)))
    with tempfile.TemporaryDirectory() as d:
        _check(synth.write_pcap(Path(d) / "m.pcap", out, linktype))


@SETTINGS
@given(raw=st.binary(max_size=600), linktype=st.sampled_from([0, 1, 12, 101, 108, 113, 228, 229, 276]))
def test_random_link_layer_bytes(raw: bytes, linktype: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        _check(synth.write_pcap(Path(d) / "r.pcap", [(1.0, raw), (2.0, raw[::-1])], linktype))


@SETTINGS
@given(
    data=st.binary(max_size=300),
    head=st.sampled_from([b"", b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\x0a\x0d\x0d\x0a", b"\x1f\x8b"]),
)
def test_random_files(data: bytes, head: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.pcap"
        p.write_bytes(head + data)
        _check(p, compare=False)


@SETTINGS
@given(
    cut=st.integers(0, 2000),
    flips=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 255)), max_size=6),
    fmt=st.sampled_from(["pcap", "pcapng", "pcap.gz"]),
)
def test_truncated_and_corrupted_files(cut: int, flips: list[tuple[int, int]], fmt: str) -> None:
    frames = [(float(i), _SEED_FRAMES[i % len(_SEED_FRAMES)]) for i in range(12)]
    with tempfile.TemporaryDirectory() as d:
        writer = synth.write_pcapng if fmt == "pcapng" else synth.write_pcap
        p = writer(Path(d) / f"t.{fmt}", frames)
        data = bytearray(p.read_bytes())
        for pos, val in flips:
            if pos < len(data):
                data[pos] = val
        p.write_bytes(bytes(data[: len(data) - cut]) if cut < len(data) else bytes(data[:4]))
        _check(p, compare=fmt == "pcap")


def test_header_fields_checked() -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "h.pcap"
        p.write_bytes(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        assert len(open_capture(p).read_all()) == 0
