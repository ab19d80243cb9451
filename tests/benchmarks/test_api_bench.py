"""benchmarks/api.py --smoke runs end to end (real server process, real TLS consoles) and writes
the figures it prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "api.py"


def test_api_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "api.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--smoke", "--out", str(out)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(out.read_text())
    assert [r["clients"] for r in result["rows"]] == [1, 5]
    for row in result["rows"]:
        assert row["all_delivered"] and row["reader_lost"] == 0 and row["events"] >= 250
        assert 0 < row["p50_ms"] <= row["p95_ms"] < 5000
    assert "consoles" in proc.stdout and "p95 ms" in proc.stdout
