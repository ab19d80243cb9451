"""The redaction benchmark's smoke mode runs and writes its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "redact.py"


def test_redact_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "redact.json"
    p = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--no-e2e", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    res = json.loads(out.read_text())
    assert res["smoke"] and "skipped" in res["spoken_set"]
    assert res["synthetic_conversations"]["per_kind"]["PAN"]["recall"] == 1.0
    assert "latency per utterance" in p.stdout
