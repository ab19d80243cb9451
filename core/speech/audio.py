"""Audio plumbing for the engine: int16 at 8/16 kHz in, float32 at 16 kHz out.

WAV files are read by ``ccedge.core.audiofile`` (the one reader).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ccedge.core.speech.errors import SpeechError

WHISPER_RATE = 16000


def _resample_other(x: npt.NDArray[np.float32], rate: int, target: int) -> npt.NDArray[np.float32]:
    # Rates other than the telephony ones (a WAV at 22.05/44.1/48 kHz): soxr "HQ" directly,
    # the same filter ccedge.dsp.resample uses for 8 <-> 16 kHz.
    import soxr

    return np.asarray(soxr.resample(x, rate, target, quality="HQ"), dtype=np.float32)


def to_whisper(samples: npt.NDArray[np.int16], rate: int) -> npt.NDArray[np.float32]:
    """int16 PCM at ``rate`` -> float32 in [-1, 1) at 16 kHz (Whisper's input)."""
    if rate <= 0:
        raise SpeechError("utterance sample rate must be positive")
    pcm = np.ascontiguousarray(samples, dtype=np.int16)
    if rate == 8000 and pcm.size:
        from ccedge.dsp.resample import resample

        pcm = resample(pcm, 8000, WHISPER_RATE)  # the DSP stage's anti-imaging filter (soxr HQ)
    x = pcm.astype(np.float32) / np.float32(32768.0)
    if rate not in (8000, WHISPER_RATE) and x.size:
        x = _resample_other(x, rate, WHISPER_RATE)
    return np.ascontiguousarray(x, dtype=np.float32)


def rms_dbfs(samples: npt.NDArray[np.int16]) -> float:
    """Root-mean-square level relative to full scale (int16), in dB; -inf for silence."""
    if len(samples) == 0:
        return float("-inf")
    x = np.asarray(samples, dtype=np.float64) / 32768.0
    ms = float(np.mean(x * x))
    return 10.0 * np.log10(ms) if ms > 0 else float("-inf")
