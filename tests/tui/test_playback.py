"""Playback through PortAudio: offered only where an output device exists, and then it plays.

This box has no sound card, so the "exists" case gives ALSA a real null playback device in the
test's HOME (``.asoundrc``), the way PEERS.md gives it a file-backed capture device; each case
runs in its own process because ALSA reads its configuration once per process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(120)

SCRIPT = """
import asyncio, io, wave
from ccedge.tui.playback import Player
p = Player()
ok = p.probe()
if ok:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000); w.writeframes(b"\\0\\0" * 800)
    asyncio.run(p.play(buf.getvalue()))
print("available" if ok else "none")
"""


def run_in(home: Path) -> str:
    r = subprocess.run([sys.executable, "-c", SCRIPT], env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
                       capture_output=True, text=True, timeout=60, check=True)
    return r.stdout.strip().splitlines()[-1]


def test_plays_through_a_real_alsa_device(tmp_path: Path) -> None:
    pytest.importorskip("pyaudio")
    (tmp_path / ".asoundrc").write_text("pcm.!default {\n  type null\n}\n")
    assert run_in(tmp_path) == "available"


def test_no_sound_card_means_no_playback(tmp_path: Path) -> None:
    pytest.importorskip("pyaudio")
    if Path("/dev/snd").exists():
        pytest.skip("this machine has a sound card")
    assert run_in(tmp_path) == "none"
