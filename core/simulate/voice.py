"""Synthetic speech from espeak-ng, for fixtures the project makes itself."""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soxr

from ccedge.core.simulate.errors import SimulateError


@functools.cache
def _espeak() -> str:
    path = shutil.which("espeak-ng")
    if path is None:
        raise SimulateError("espeak-ng is not installed (apt-get install espeak-ng)")
    return path


def speak(
    text: str, rate: int = 8000, voice: str = "en-us", wpm: int = 150, pitch: int = 50, word_gap: int = 0
) -> npt.NDArray[np.int16]:
    """Render ``text`` with espeak-ng and resample it to ``rate`` (int16 mono)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "speech.wav"
        # -w writes a well-formed WAV (``--stdout`` leaves the RIFF length unset).
        subprocess.run(
            [_espeak(), "-v", voice, "-s", str(wpm), "-p", str(pitch), "-g", str(word_gap), "-w", str(out),
             text],
            check=True,
            capture_output=True,
        )
        with wave.open(str(out), "rb") as w:
            native = w.getframerate()
            pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    if native == rate:
        return pcm.astype(np.int16)
    resampled = soxr.resample(pcm.astype(np.float32), native, rate, quality="HQ")
    return np.clip(np.round(resampled), -32768, 32767).astype(np.int16)
