"""benchmarks/speech.py --smoke runs end to end and writes its results JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_speech_benchmark_smoke(tmp_path: Path, q8_model: Path) -> None:
    out = tmp_path / "speech.json"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks/speech.py"), "--smoke", "--out", str(out),
         "--models", str(q8_model.parent)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    res = json.loads(out.read_text())
    ours = next(r for r in res["engines"] if r["engine"] == "ours whisper.cpp q8_0")
    assert ours["wer"] < 0.2 and ours["throughput_audio_s_per_cpu_s"] > 1.0
    assert res["load"]["utterances"] > 0 and res["load"]["latency_p95_s"] > 0
