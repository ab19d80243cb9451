"""The guidance benchmark's smoke run: the labelled clean set scores right and prompts are timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "guidance.py"


def test_guidance_bench_smoke(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    cmd = [sys.executable, str(BENCH), "--smoke", "--out", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    res = json.loads(out.read_text())
    ours = res["sets"]["clean"]["ours"]["kinds"]["all"]
    assert ours["pairs"] > 40 and ours["violations"] > 3
    assert ours["precision"] >= 0.95 and ours["recall"] >= 0.95
    assert res["latency"]["prompts_timed"] > 0 and res["latency"]["p95_ms"] < 300
