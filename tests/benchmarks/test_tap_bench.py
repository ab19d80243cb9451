"""The tap benchmark runs end to end on a tiny capture and its generator writes what it claims."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "tap.py"


def _module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("ccedge_bench_tap", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_generator_capture_reads_back_with_dtmf(tmp_path: Path) -> None:
    bench = _module()
    from ccedge.core.tap.streams import RtpDemux
    from ccedge.testing.udpbatch import read_udp_batch

    truth = bench.generate(tmp_path / "g.pcap", calls=10, seconds=4.0)
    batch = read_udp_batch(tmp_path / "g.pcap")
    assert len(batch) == truth["packets"]
    d = RtpDemux()
    d.feed(batch, [i for i in range(len(batch)) if batch.dport[i] != 5060])
    media = list(d.streams.values())
    assert len(media) == 20 and all(s.lost == 0 and s.codec in ("PCMU", "PCMA") for s in media)
    assert sum(len(s.dtmf) for s in media) == truth["dtmf_digits"] == 4
    assert all(abs(len(s.pcm()[2]) / 8000 - 4.0) < 0.05 for s in media)


def test_smoke_run_writes_results(tmp_path: Path) -> None:
    bench = _module()
    out = tmp_path / "tap.json"
    assert bench.main(["--smoke", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["ccedge"]["packets"] == result["capture"]["packets"]
    assert result["ccedge"]["packets_per_s"] > 0
    assert result["ccedge"]["dtmf_digits"] == result["capture"]["dtmf_digits"]
