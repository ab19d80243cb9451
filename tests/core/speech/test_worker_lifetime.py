"""Speech workers end with the appliance (issue 9): SIGTERM or SIGKILL to the parent — idle or in the
middle of a transcription — leaves no worker behind and no BrokenPipeError traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PARENT = r"""
import sys, time
from pathlib import Path
import numpy as np
from ccedge.core.frames import Utterance
from ccedge.core.speech.workers import WorkerPool

pool = WorkerPool(Path(sys.argv[1]), workers=2).start()
if sys.argv[2] == "busy":
    noise = (np.random.default_rng(0).standard_normal(8000 * 20) * 3000).astype(np.int16)
    for i in range(6):
        pool.submit(Utterance(f"c{i}", "caller", 0.0, 20.0, 8000, noise))
    time.sleep(1.0)  # both workers are inside whisper.cpp now
print(*pool.worker_pids(), flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(("state", "sig"), [("idle", signal.SIGTERM), ("busy", signal.SIGTERM),
                                            ("busy", signal.SIGKILL)])
def test_workers_die_with_their_parent(q8_model: Path, tmp_path: Path, state: str, sig: int) -> None:
    err = tmp_path / "stderr.txt"
    with err.open("w") as ef:
        proc = subprocess.Popen([sys.executable, "-c", PARENT, str(q8_model), state],
                                stdout=subprocess.PIPE, stderr=ef, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        pids = [int(x) for x in line.split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids), err.read_text()
        os.kill(proc.pid, sig)
        proc.wait(10)
        deadline = time.monotonic() + 5.0
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(p) for p in pids)
        time.sleep(0.5)  # anything a dying worker would print has been printed
        text = err.read_text()
        assert "Traceback" not in text and "BrokenPipeError" not in text, text
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


CHILD = r"""
import os, sys, time
from ccedge.core.speech.workers import die_with_parent
die_with_parent(int(sys.argv[1]), use_prctl=False)
print("ready", flush=True)
time.sleep(60)
"""

MIDDLE = r"""
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(os.getpid())],
                         stdout=subprocess.PIPE, text=True)
child.stdout.readline()
print(child.pid, flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_parent_watchdog_alone_ends_an_orphan() -> None:
    """Without PR_SET_PDEATHSIG (other systems), the watchdog notices the re-parenting within ~1 s."""
    middle = subprocess.Popen([sys.executable, "-c", MIDDLE, CHILD], stdout=subprocess.PIPE, text=True)
    try:
        assert middle.stdout is not None
        pid = int(middle.stdout.readline())
        assert _alive(pid)
        os.kill(middle.pid, signal.SIGKILL)
        middle.wait(10)
        deadline = time.monotonic() + 5.0
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid)
    finally:
        if middle.poll() is None:
            middle.kill()
            middle.wait()
