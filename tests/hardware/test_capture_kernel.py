"""The Numba kernels against their own Python (``py_func``) versions and the validating wrappers."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.hardware.capture import _kernel
from ccedge.hardware.capture._pcapng_kernel import walk_pcapng_epb
from ccedge.hardware.capture._ring import ring_collect
from ccedge.hardware.capture.fastpath import parse_frames, walk_pcap
from ccedge.hardware.capture.reasons import DEFER, OK
from ccedge.testing import capture_synth as synth


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

    jit = run(_kernel.parse_frames)
    py = run(_kernel.parse_frames.py_func)
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
        for fn in (_kernel.walk_pcap, _kernel.walk_pcap.py_func):
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

    from ccedge.hardware.capture import open_capture
    from ccedge.testing.capture_bench import bench_reader, synthetic_pcap
    from ccedge.testing.capture_reference import read_reference

    p = synthetic_pcap(Path(str(tmp_path)) / "b.pcap", packets=3000, calls=10)
    recs = open_capture(p).read_all().records()
    ref, _ = read_reference(p)
    assert recs == ref or [r[1:] for r in recs] == [r[1:] for r in ref]
    assert len({(r[1], r[4]) for r in recs}) == 20  # 10 calls x 2 legs
    result = bench_reader(p, repeat=1)
    assert result["packets"] == 3000 and result["packets_per_s"] > 0


def test_pcapng_epb_walker_matches_py_func(tmp_path: object) -> None:
    from pathlib import Path

    frames = [(5.0 + i * 0.5, synth.udp_frame("10.0.0.1", "10.0.0.2", 1, 2, bytes(i))) for i in range(9)]
    data = synth.write_pcapng(Path(str(tmp_path)) / "w.pcapng", frames, tsresol=9).read_bytes()
    buf = np.frombuffer(data, np.uint8)
    start = 28 + 32  # after the SHB (28 bytes) and the IDB with if_tsresol (32 bytes)
    outs = []
    for fn in (walk_pcapng_epb, walk_pcapng_epb.py_func):
        ro, rl, rt, rlt = np.zeros(20, np.int64), np.zeros(20, np.int64), np.zeros(20), np.zeros(20, np.int32)
        res = fn(
            buf,
            start,
            buf.shape[0] - 3,
            False,
            np.array([1], np.int32),
            np.array([1e9]),
            np.array([0.0]),
            20,
            ro,
            rl,
            rt,
            rlt,
        )
        outs.append((tuple(int(x) for x in res), ro.tolist(), rl.tolist(), rt.tolist(), rlt.tolist()))
    assert outs[0] == outs[1]
    (n, _pos, status, _need), _, lens, tss, _ = outs[0]
    assert (n, status) == (8, 1)  # the last block is cut off
    assert lens[:8] == [len(f) for _, f in frames[:8]]
    assert tss[:8] == pytest.approx([t for t, _ in frames[:8]])


def _ring_image(frames: list[list[bytes]], block_size: int = 4096) -> np.ndarray:
    """A TPACKET_V3 ring as the kernel leaves it: one list of frames per block; empty list = kernel-owned."""
    ring = np.zeros(block_size * len(frames), np.uint8)
    for b, blk in enumerate(frames):
        base = b * block_size
        p = 48  # first packet after the block descriptor
        starts = []
        for j, f in enumerate(blk):
            mac = 80  # tpacket3_hdr (48) + sockaddr_ll (20), aligned to 16
            hdr = np.array([0, 1000 + j, 500_000_000, len(f), len(f), 1], "<u4").view(np.uint8)
            ring[base + p : base + p + 24] = hdr
            ring[base + p + 24 : base + p + 26] = np.array([mac], "<u2").view(np.uint8)
            ring[base + p + 56 : base + p + 58] = np.array([1], "<u2").view(np.uint8)  # ARPHRD_ETHER
            ring[base + p + mac : base + p + mac + len(f)] = np.frombuffer(f, np.uint8)
            starts.append(p)
            p += (mac + len(f) + 15) // 16 * 16
        for a, nxt in zip(starts, [*starts[1:], None] if starts else [], strict=True):
            ring[base + a : base + a + 4] = np.array([0 if nxt is None else nxt - a], "<u4").view(np.uint8)
        desc = np.array([1 if blk else 0, len(blk), 48, p], "<u4").view(np.uint8)
        ring[base + 8 : base + 24] = desc
    return ring


def test_ring_collect_matches_py_func_and_releases_blocks() -> None:
    fr = [synth.udp_frame("10.0.0.1", "10.0.0.2", 1, 2, b"x" * i) for i in range(6)]
    layout = [[fr[0], fr[1]], [fr[2]], [], [fr[3], fr[4], fr[5]]]
    results = []
    for fn in (ring_collect, ring_collect.py_func):
        ring = _ring_image(layout)
        out = np.zeros(1 << 16, np.uint8)
        offs, lens, tss, hat = (
            np.zeros(64, np.int64),
            np.zeros(64, np.int64),
            np.zeros(64),
            np.zeros(64, np.int64),
        )
        n, pos, block = fn(ring, 4096, 4, 0, out, 0, 64, offs, lens, tss, hat)
        frames = [out[offs[i] : offs[i] + lens[i]].tobytes() for i in range(n)]
        status = [int(ring[b * 4096 + 8]) for b in range(4)]
        results.append((int(n), int(pos), int(block), frames, tss[:n].tolist(), hat[:n].tolist(), status))
    assert results[0] == results[1]
    n, _pos, block, frames, tss, hat, status = results[0]
    assert frames == fr[:3] and block == 2  # stops at the kernel-owned block
    assert tss == pytest.approx([1000.5, 1001.5, 1000.5]) and hat == [1, 1, 1]
    assert status == [0, 0, 0, 1]  # the two copied blocks were handed back
