"""Micro-benchmark of the capture-file reader (file → PacketBatch), for benchmarks/tap.py and notes.

python -m ccedge.testing.capture_bench [PACKETS]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from ccedge.hardware.capture.files import open_capture
from ccedge.testing import capture_synth as synth


def synthetic_pcap(path: str | os.PathLike[str], packets: int = 1_000_000, calls: int = 1000) -> Path:
    """A classic pcap of ``packets`` G.711 RTP frames (Ethernet/IPv4/UDP, 172-byte payload) spread over
    ``calls`` two-leg calls at 20 ms; built with numpy, no per-packet Python."""
    tmpl = np.frombuffer(synth.udp_frame("10.0.0.1", "10.100.0.1", 20000, 30000, bytes(172)), np.uint8)
    rec = 16 + tmpl.shape[0]
    out = np.empty((packets, rec), np.uint8)
    out[:, 16:] = tmpl
    i = np.arange(packets, dtype=np.int64)
    legs = 2 * calls
    leg = i % legs
    ts_us = (i // legs) * 20000 + (leg * 20000) // legs
    hdr = np.empty((packets, 4), "<u4")
    hdr[:, 0] = 1_700_000_000 + ts_us // 1_000_000
    hdr[:, 1] = ts_us % 1_000_000
    hdr[:, 2] = tmpl.shape[0]
    hdr[:, 3] = tmpl.shape[0]
    out[:, :16] = hdr.view(np.uint8).reshape(packets, 16)
    sport = (20000 + 2 * leg).astype(">u2")
    out[:, 16 + 34 : 16 + 36] = sport.view(np.uint8).reshape(packets, 2)  # UDP source port
    out[:, 16 + 29] = (leg % 250).astype(np.uint8)  # last octet of the IPv4 source
    head = np.frombuffer(bytes.fromhex("d4c3b2a1020004000000000000000000ffff000001000000"), np.uint8)
    p = Path(path)
    with open(p, "wb") as f:
        f.write(head.tobytes())
        f.write(out.tobytes())
    return p


def bench_reader(path: str | os.PathLike[str], repeat: int = 3) -> dict[str, float]:
    """Best of ``repeat`` full reads: packets/s and MB/s of ``open_capture`` over ``path``."""
    best = float("inf")
    n = 0
    size = Path(path).stat().st_size
    for _ in range(repeat):
        t0 = time.perf_counter()
        reader = open_capture(path)
        n = sum(len(b) for b in reader)
        best = min(best, time.perf_counter() - t0)
    return {"packets": float(n), "seconds": best, "packets_per_s": n / best, "mb_per_s": size / best / 1e6}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    packets = int(args[0]) if args else 1_000_000
    with tempfile.TemporaryDirectory() as d:
        p = synthetic_pcap(Path(d) / "bench.pcap", packets)
        open_capture(p).read_all()  # warm the Numba cache
        r = bench_reader(p)
    print(
        f"capture reader: {int(r['packets'])} packets in {r['seconds']:.3f} s = "
        f"{r['packets_per_s'] / 1e6:.2f} M packets/s ({r['mb_per_s']:.0f} MB/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
