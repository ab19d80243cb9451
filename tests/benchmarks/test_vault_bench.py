"""The vault benchmark runs end to end in its smoke mode and writes what it claims."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "vault.py"


def test_vault_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "vault.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--smoke", "--out", str(out)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    r = json.loads(out.read_text())
    ours = r["recordings"]["ccedge vault sink"]
    assert ours["calls_stored"] == 20 and ours["faults"] == 0
    assert ours["verified_streams"] == 40  # every stored stream re-read and authenticated
    assert ours["realtime_per_core"] > 0 and ours["audio_s"] == 40.0
    assert r["encryption"]["ccedge (AES-256-GCM chunks)"]["mb_per_cpu_s"] > 0
    assert "Encryption of 8 MB" in proc.stdout and "calls/core" in proc.stdout
