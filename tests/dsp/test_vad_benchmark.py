"""The VAD benchmark's smoke mode runs end to end and writes its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "vad.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "vad.py"), "--smoke", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Frames per second" in proc.stdout
    result = json.loads(out.read_text())
    fps = result["frames_per_second"]["16k"]
    assert fps["ccedge-batch"] > 0 and fps["webrtc"] > 0 and fps["ccedge-stream"] > 0
    if "agreement" in result:  # Silero installed (benchmark-only)
        assert set(result["agreement"]["ccedge-2"]) >= {"all"}
        assert 0.5 < result["agreement"]["ccedge-2"]["all"] <= 1.0
