"""Engine input: 8/16/other kHz int16 -> 16 kHz float32; levels; WAV channels."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.audiofile import AudioFileError, read_wav
from ccedge.core.speech.audio import rms_dbfs, to_whisper
from ccedge.core.speech.errors import SpeechError


@pytest.mark.parametrize("rate", [8000, 16000, 24000])
def test_to_whisper_keeps_a_tone(rate: int) -> None:
    t = np.arange(rate) / rate
    x = (np.sin(2 * np.pi * 1000 * t) * 16384).astype(np.int16)
    y = to_whisper(x, rate)
    assert y.dtype == np.float32 and y.size == 16000
    spec = np.abs(np.fft.rfft(y[2000:14000]))
    assert abs(np.argmax(spec) * 16000 / 12000 - 1000) < 2  # still 1 kHz
    assert np.max(np.abs(y[2000:14000])) == pytest.approx(0.5, abs=0.01)


def test_bad_rate_and_levels() -> None:
    with pytest.raises(SpeechError, match="rate"):
        to_whisper(np.zeros(10, np.int16), 0)
    assert rms_dbfs(np.zeros(10, np.int16)) == float("-inf")
    assert rms_dbfs(np.full(100, 32767, np.int16)) == pytest.approx(0.0, abs=0.01)


def test_read_wav_channels(tmp_path: Path) -> None:
    p = tmp_path / "s.wav"
    data = np.array([[1, -1], [2, -2], [3, -3]], dtype="<i2")
    with wave.open(str(p), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(data.tobytes())
    rate, (a, b) = read_wav(p)
    assert rate == 8000 and a.tolist() == [1, 2, 3] and b.tolist() == [-1, -2, -3]
    (tmp_path / "bad.wav").write_bytes(b"RIFFxxxx")
    with pytest.raises(AudioFileError, match="bad RIFF header"):
        read_wav(tmp_path / "bad.wav")
