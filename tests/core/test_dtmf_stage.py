"""The in-band DTMF stage: frame-by-frame digits equal one detection over the whole leg."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ccedge.core.audiofile import read_wav
from ccedge.core.dtmf_stage import InbandDtmfStage
from ccedge.core.frames import AudioFrame
from ccedge.core.harness import run_pipeline
from ccedge.dsp.dtmf import detect_dtmf, dtmf_tone


def _leg(rate: int) -> np.ndarray:
    rng = np.random.default_rng(3)
    parts = [np.zeros(rate // 3)]
    for d, ms, pause in (("1", 60, 80), ("1", 45, 50), ("#", 120, 400), ("0", 80, 900), ("9", 50, 60)):
        parts += [dtmf_tone(d, ms, rate, dbfs=-18), np.zeros(rate * pause // 1000)]
    x = np.concatenate(parts) + rng.standard_normal(sum(len(p) for p in parts)) * 40
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


@pytest.mark.parametrize("rate", [8000, 16000])
def test_stream_equals_batch(rate: int) -> None:
    x = _leg(rate)
    batch = detect_dtmf(x, rate)
    assert "".join(t.digit for t in batch) == "11#09"
    rng = np.random.default_rng(rate)
    frames, pos = [], 0
    while pos < len(x):
        n = int(rng.integers(1, rate // 10))
        frames.append(AudioFrame("c9", "callee", 5.0 + pos / rate, rate, x[pos : pos + n]))
        pos += n
    events = run_pipeline(InbandDtmfStage(), frames)
    assert [e.digit for e in events] == [t.digit for t in batch]
    for e, t in zip(events, batch, strict=True):
        assert e.call_id == "c9" and e.leg == "callee" and e.source == "inband"
        assert e.t0 == pytest.approx(5.0 + t.t0, abs=1e-9) and e.t1 == pytest.approx(5.0 + t.t1, abs=1e-9)


def test_digits_come_out_soon_after_they_end() -> None:
    rate = 8000
    stage = InbandDtmfStage()
    tone = np.concatenate([np.zeros(800), dtmf_tone("5", 80, rate), np.zeros(rate)]).astype(np.int16)
    seen_at = None
    for i in range(0, len(tone), 160):
        if stage.process_sync(AudioFrame("c", "l", i / rate, rate, tone[i : i + 160])):
            seen_at = (i + 160) / rate
            break
    assert seen_at is not None and seen_at < 0.18 + 0.15  # tone ends at 0.18 s
    assert stage.flush_sync() == []


@pytest.mark.shared
def test_recording_frame_by_frame(shared_data: Path) -> None:
    rate, pcm = read_wav(shared_data / "speech" / "inband-dtmf" / "dtmfs-1-9.wav")
    x = pcm[0]
    frames = [AudioFrame("w", "channel-0", i / rate, rate, x[i : i + 160]) for i in range(0, len(x), 160)]
    assert "".join(e.digit for e in run_pipeline(InbandDtmfStage(), frames)) == "12345#6789"
