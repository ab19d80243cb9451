"""The model-ladder benchmark's smoke mode runs the live path on the smoke telephone set (and the
Spanish set's first call on base when it is installed) and prints its tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ccedge.core.speech.build import default_model_path, is_built

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "speech_ladder.py"


@pytest.mark.slow
def test_speech_ladder_smoke() -> None:
    if not is_built(default_model_path("q8_0", "tiny.en"), verify=False):
        pytest.skip("tiny.en q8_0 not built (ccedge model build)")
    models = ["tiny.en:q8_0"]
    with_base = is_built(default_model_path("q8_0", "base"), verify=False)
    if with_base:
        models.append("base:q8_0")
    argv = [sys.executable, str(BENCH), "--smoke", "--models", ",".join(models), "--prompts", "none,site"]
    argv += ["--spanish"] if with_base else []
    p = subprocess.run(argv, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "| ccedge tiny.en:q8_0" in p.stdout
    assert "prompt: vocabulary + site names) |" in p.stdout  # the ladder crossed with domain prompting
    if with_base:
        assert "| ccedge base:q8_0 (per-window detection, packed) |" in p.stdout
        assert "| ccedge base:q8_0 (language pinned per leg, as the workers) |" in p.stdout
