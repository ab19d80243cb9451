"""``kill -9`` mid-recording: every completed chunk decrypts, the open one is reported lost."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.vault import Vault

from .conftest import PASSPHRASE

WRITER = r"""
import asyncio, sys, time
from pathlib import Path
import numpy as np
from ccedge.core.events import CallStarted, Party
from ccedge.core.sink import ReleasedAudio
from ccedge.core.vault import Vault, VaultSink

async def main():
    v = Vault.open(Path(sys.argv[1]))
    sink = VaultSink(v, chunk_seconds=0.5)
    parties = (Party("caller", "customer", "x"), Party("callee", "agent", "ext-7"))
    await sink.open_call(CallStarted(call_id="live-1", t=0, wall=time.time(), parties=parties))
    i = 0
    while True:  # 100 ms blocks, a ramp so every sample is predictable
        for leg, role in (("caller", "customer"), ("callee", "agent")):
            x = ((np.arange(800) + i * 800) % 20000).astype(np.int16)
            await sink.audio("live-1", leg, [ReleasedAudio("live-1", leg, role, i * 0.1, 8000, x)])
        i += 1
        if i == 25:
            print("ready", flush=True)
        await asyncio.sleep(0.002)

asyncio.run(main())
"""


@pytest.mark.slow
def test_kill_9_mid_recording_loses_only_the_open_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCEDGE_VAULT_PASSPHRASE", PASSPHRASE)
    data = tmp_path / "data"
    Vault.init(data).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL

    v = Vault.open(data)  # recovery runs on opening: no writer holds the lock any more
    try:
        row = v.call("live-1")
        assert row["state"] == "interrupted" and row["duration_s"] >= 2.0  # what the file holds
        rec = [e for e in v.index.audit_entries() if e["action"] == "recording-recovered"]
        assert len(rec) == 1 and '"audio"' in rec[0]["detail"]
        with wave.open(io.BytesIO(v.audio_wav("live-1", "a", "compliance"))) as w:
            pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, 2)
        assert len(pcm) >= 8000 * 2  # at least the 2.5 s before "ready" (in 0.5 s chunks)
        ramp = (np.arange(len(pcm)) % 20000).astype(np.int16)
        assert np.array_equal(pcm[:, 0], ramp) and np.array_equal(pcm[:, 1], ramp)
        assert all(msg == "ok" for _c, _k, msg in v.verify_files())
    finally:
        v.close()
