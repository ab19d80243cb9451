"""8 -> 16 kHz with soxr: pass band flat, images suppressed, streaming equals whole-buffer."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.dsp import DspError
from ccedge.dsp.resample import Resampler, resample


def _tone(f: float, rate: int, seconds: float = 1.0, amp: float = 10000.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return np.round(amp * np.sin(2 * np.pi * f * t)).astype(np.int16)


def _db_at(x: np.ndarray, rate: int, f: float) -> float:
    w = np.hanning(len(x))
    spec = np.abs(np.fft.rfft(x * w)) / (np.sum(w) / 2)
    k = round(f * len(x) / rate)
    return float(20 * np.log10(spec[k - 2 : k + 3].max() + 1e-12))


def test_upsample_passband_and_image() -> None:
    y = resample(_tone(3000.0, 8000), 8000, 16000, quality="HQ")
    assert y.dtype == np.int16 and len(y) == 16000
    mid = y[2000:-2000].astype(float)
    level = _db_at(mid, 16000, 3000.0)
    assert level == pytest.approx(20 * np.log10(10000), abs=0.1)
    # the image of 3 kHz lands at 8 - 3 = 5 kHz; int16 rounding limits what can be seen to ~-96 dB
    assert _db_at(mid, 16000, 5000.0) < level - 95


def test_downsample_rejects_aliases() -> None:
    y = resample(_tone(6000.0, 16000), 16000, 8000).astype(float)
    assert np.sqrt(np.mean(y[1000:-1000] ** 2)) < 5.0  # 6 kHz would alias to 2 kHz


def test_stream_equals_batch() -> None:
    x = _tone(440.0, 8000, 0.7) + _tone(1900.0, 8000, 0.7, 3000.0)
    whole = resample(x, 8000, 16000)
    r = Resampler(8000, 16000)
    parts = [r.push(x[i : i + 333]) for i in range(0, len(x), 333)]
    parts.append(r.flush())
    streamed = np.concatenate(parts)
    assert abs(len(streamed) - len(whole)) <= 2
    n = min(len(streamed), len(whole))
    assert np.max(np.abs(streamed[:n].astype(int) - whole[:n].astype(int))) <= 1


def test_validation() -> None:
    with pytest.raises(DspError, match="rates"):
        resample(np.zeros(10, np.int16), 8000, 44100)
    with pytest.raises(DspError, match="quality"):
        resample(np.zeros(10, np.int16), 8000, 16000, quality="best")  # type: ignore[arg-type]
    with pytest.raises(DspError, match="int16"):
        resample(np.zeros(10), 8000, 16000)  # type: ignore[arg-type]
    x = np.arange(10, dtype=np.int16)
    assert np.array_equal(resample(x, 8000, 8000), x)
