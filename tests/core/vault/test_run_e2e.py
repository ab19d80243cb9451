"""``ccedge run --data-dir DIR`` stores every call it sees in the vault that ``ccedge init`` made
(the real runtime on the bundled capture; transcription off to keep it quick)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from ccedge.core.simulate.demo import bundled_capture
from ccedge.core.vault import Vault

from .conftest import PASSPHRASE


@pytest.mark.slow
def test_run_stores_every_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCEDGE_VAULT_PASSPHRASE", PASSPHRASE)
    data = tmp_path / "data"
    Vault.init(data).close()
    cfg = tmp_path / "ccedge.toml"
    cfg.write_text("[speech]\nenabled = false\n")
    cmd = [
        sys.executable,
        "-m",
        "ccedge.core.cli",
        "run",
        "--config",
        str(cfg),
        "--data-dir",
        str(data),
        "--replay",
        str(bundled_capture()),
        "--fast",
        "--exit-when-done",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr[-2000:]
    v = Vault.open(data)
    try:
        rows = v.list_calls()
        assert len(rows) == 3 and {r["state"] for r in rows} == {"complete"}
        for r in rows:
            with wave.open(io.BytesIO(v.audio_wav(r["call_id"], "t", "compliance"))) as w:
                assert (
                    w.getnchannels() == 2 and abs(w.getnframes() / w.getframerate() - r["duration_s"]) < 1.0
                )
            assert v.index.receipt(r["call_id"]) is not None
        assert all(msg == "ok" for _c, _k, msg in v.verify_files()) and v.verify_audit() == []
    finally:
        v.close()
