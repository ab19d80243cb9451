"""The Numba kernels against their own Python (``py_func``) versions and the validating wrappers."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.hardware.capture import _kernel, synth
from ccedge.hardware.capture.fastpath import parse_frames, walk_pcap
from ccedge.hardware.capture.reasons import DEFER, OK


def _buffer(frames: list[bytes]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    buf = np.frombuffer(b"".join(frames), np.uint8)
    lens = np.array([len(f) for f in frames], np.int64)
    offs = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    return buf, offs, lens


def _frames() -> list[bytes]:
    return [
        synth.udp_frame("10.0.0.1", "10.0.0.2", 1, 2, b"abc", vlans=(4,)),
        synth.tcp_frame("2001:db8::1", "2001:db8::2", 3, 4, b"defg", seq=0xFFFFFFFF, flags=0x11),
        synth.gre_wrap(synth.udp_frame("10.9.9.9", "10.8.8.8", 5, 6, b"tunnel"), "erspan3"),
        synth.link(
            synth.fragment_ipv4(synth.ip_packet("10.0.0.1", "10.0.0.2", 17, synth.udp(1, 2, bytes(64))), 32)[
                0
            ]
        ),
        synth.link(synth.ip_packet("10.0.0.1", "10.0.0.2", 1, b"icmp")),
        b"\x00" * 5,
    ]


def test_parse_kernel_matches_py_func() -> None:
    buf, offs, lens = _buffer(_frames())
    n = offs.shape[0]
    lts = np.full(n, _kernel.LT_EN10MB, np.int32)

    def run(fn: object) -> list[np.ndarray]:
        out = [
            np.zeros(n, np.int32),
            np.zeros((n, 16), np.uint8),
            np.zeros((n, 16), np.uint8),
            np.zeros(n, np.uint8),
            np.zeros(n, np.uint16),
            np.zeros(n, np.uint16),
            np.zeros(n, np.int64),
            np.zeros(n, np.int32),
            np.zeros(n, np.uint32),
            np.zeros(n, np.uint8),
        ]
        fn(buf, lts, offs, lens, n, *out)  # type: ignore[operator]
        return out

    jit = run(_kernel._parse_frames)
    py = run(_kernel._parse_frames.py_func)
    for a, b in zip(jit, py, strict=True):
        np.testing.assert_array_equal(a, b)
    status = jit[0]
    assert list(status) == [OK, OK, OK, DEFER, 10, 2]
    assert jit[8][1] == 0xFFFFFFFF and jit[9][1] == 0x11
    o, ln = int(jit[6][2]), int(jit[7][2])
    assert buf[o : o + ln].tobytes() == b"tunnel"


def test_walk_kernel_matches_py_func_and_numpy_reference() -> None:
    frames = [(1.0 + i / 8, synth.udp_frame("10.0.0.1", "10.0.0.2", 1, 2, bytes(i))) for i in range(50)]
    import io

    raw = io.BytesIO()
    for ts, f in frames:
        sec = int(ts)
        raw.write(np.array([sec, round((ts - sec) * 1e6), len(f), len(f)], "<u4").tobytes() + f)
    buf = np.frombuffer(raw.getvalue(), np.uint8)
    offs, lens, tss, pos, status, need = walk_pcap(buf, 0, buf.shape[0], False, False, 1000)
    assert status == 1 and need == 16 and pos == buf.shape[0]
    # numpy reference: record offsets from cumulative lengths
    want_lens = np.array([len(f) for _, f in frames])
    want_offs = 16 + np.concatenate([[0], np.cumsum(want_lens + 16)[:-1]])
    np.testing.assert_array_equal(lens, want_lens)
    np.testing.assert_array_equal(offs, want_offs)
    np.testing.assert_allclose(tss, [t for t, _ in frames])
    # py_func agrees, including the max_pkts stop and the partial-record report
    for maxp, end in ((7, buf.shape[0]), (1000, buf.shape[0] - 5)):
        outs = []
        for fn in (_kernel._walk_pcap, _kernel._walk_pcap.py_func):
            ro, rl, rt = np.zeros(maxp, np.int64), np.zeros(maxp, np.int64), np.zeros(maxp)
            res = fn(buf, 0, end, False, False, maxp, ro, rl, rt)
            outs.append((tuple(int(x) for x in res), ro.tolist(), rl.tolist(), rt.tolist()))
        assert outs[0] == outs[1]
    assert outs[0][0][2] == 1 and outs[0][0][3] == 16 + len(frames[-1][1])


def test_wrappers_validate() -> None:
    buf = np.zeros(100, np.uint8)
    with pytest.raises(ValueError, match="uint8"):
        walk_pcap(np.zeros(10, np.int16), 0, 10, False, False, 1)
    with pytest.raises(ValueError, match="outside buffer"):
        walk_pcap(buf, 0, 200, False, False, 1)
    with pytest.raises(ValueError, match="positive"):
        walk_pcap(buf, 0, 10, False, False, 0)
    with pytest.raises(ValueError, match="outside the frame buffer"):
        parse_frames(buf, np.array([1], np.int32), np.array([90]), np.array([20]))
    with pytest.raises(ValueError, match="same length"):
        parse_frames(buf, np.array([1, 1], np.int32), np.array([0]), np.array([20]))


def test_corrupt_record_length_status() -> None:
    buf = np.frombuffer(np.array([0, 0, 0x7FFFFFFF, 0], "<u4").tobytes() + bytes(16), np.uint8)
    offs, _, _, pos, status, _ = walk_pcap(buf, 0, buf.shape[0], False, False, 10)
    assert offs.shape[0] == 0 and status == 2 and pos == 0


def test_bench_synthetic_pcap_and_reader(tmp_path: object) -> None:
    from pathlib import Path

    from ccedge.hardware.capture import open_capture, read_reference
    from ccedge.hardware.capture.bench import bench_reader, synthetic_pcap

    p = synthetic_pcap(Path(str(tmp_path)) / "b.pcap", packets=3000, calls=10)
    recs = open_capture(p).read_all().records()
    ref, _ = read_reference(p)
    assert recs == ref or [r[1:] for r in recs] == [r[1:] for r in ref]
    assert len({(r[1], r[4]) for r in recs}) == 20  # 10 calls x 2 legs
    result = bench_reader(p, repeat=1)
    assert result["packets"] == 3000 and result["packets_per_s"] > 0
