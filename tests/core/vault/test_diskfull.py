"""Disk full: recording stops cleanly with an alert, nothing written is corrupted, and it
resumes by itself when space returns. A real full filesystem (a small tmpfs), so root only."""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccedge.core.vault import Vault, VaultSink

from .conftest import PASSPHRASE, record_call


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)]).returncode != 0:
        pytest.skip("cannot mount tmpfs here (no CAP_SYS_ADMIN)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def fill(path: Path, leave: int) -> None:
    st = os.statvfs(path.parent)
    free = st.f_bavail * st.f_frsize
    with path.open("wb") as f:
        f.write(b"\0" * max(0, free - leave))


@pytest.mark.root
def test_disk_full_stops_cleanly_and_resumes(
    small_fs: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("CCEDGE_VAULT_PASSPHRASE", PASSPHRASE)
    v = Vault.init(small_fs / "data")
    filler = small_fs / "filler"

    async def go() -> VaultSink:
        sink = VaultSink(v, min_free_mb=0.05)
        await record_call(sink, "before", seconds=1.0)
        fill(filler, leave=120_000)  # room for about 3 s of two-channel 8 kHz audio
        await record_call(sink, "filling", seconds=10.0)  # runs into ENOSPC part way
        assert not sink.storage_ok and sink.faults >= 1
        await record_call(sink, "while-full", seconds=1.0)  # refused: not stored
        filler.unlink()
        await record_call(sink, "after", seconds=1.0)  # space is back: stored again
        await sink.aclose()
        return sink

    sink = asyncio.run(go())
    assert sink.storage_ok and sink.calls_not_stored >= 1
    assert "storage unavailable" in caplog.text
    states = {r["call_id"]: r["state"] for r in v.list_calls()}
    assert states["before"] == "complete" and states["after"] == "complete"
    assert states.get("filling") == "interrupted" and "while-full" not in states
    # nothing written is corrupted: every stored chunk authenticates, the audit chain holds
    assert [msg for _c, _k, msg in v.verify_files()] == ["ok"] * (2 * len(states))
    assert len(v.audio_wav("filling", "a", "compliance")) > 44
    actions = [e["action"] for e in v.index.audit_entries()]
    assert "storage-resumed" in actions
    v.close()
    v2 = Vault.open(small_fs / "data")
    assert v2.verify_audit() == []
    v2.close()
