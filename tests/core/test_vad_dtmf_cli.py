"""``ccedge vad`` and ``ccedge dtmf`` on a generated WAV, the bundled capture and shared data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.audiofile import read_wav, write_wav
from ccedge.core.cli import main
from ccedge.dsp.dtmf import dtmf_tone


def _speechlike(seconds: float, rate: int) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    f0 = 120 + 30 * np.sin(2 * np.pi * 0.8 * t)
    ph = 2 * np.pi * np.cumsum(f0) / rate
    x = sum(np.exp(-(((h * f0 - 700) / 400) ** 2)) * np.sin(h * ph) for h in range(1, 25))
    env = 0.4 + 0.6 * np.clip(np.sin(2 * np.pi * 4 * t), 0, 1)
    return x * env / np.max(np.abs(x)) * 9000


@pytest.fixture
def stereo_wav(tmp_path: Path) -> Path:
    rate = 8000
    rng = np.random.default_rng(0)
    left = np.concatenate([np.zeros(rate), _speechlike(1.5, rate), np.zeros(rate)])
    right = np.concatenate(
        [np.zeros(rate // 2), dtmf_tone("4", 80), np.zeros(400), dtmf_tone("2", 80), np.zeros(3 * rate)]
    )[: len(left)]
    pcm = np.stack([left, right]) + rng.standard_normal((2, len(left))) * 20
    path = tmp_path / "call-17.wav"
    write_wav(path, rate, np.clip(np.round(pcm), -32768, 32767).astype(np.int16))
    return path


def test_wav_roundtrip(stereo_wav: Path) -> None:
    rate, pcm = read_wav(stereo_wav)
    assert rate == 8000 and pcm.shape == (2, 28000)


def test_vad_json_per_channel(stereo_wav: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vad", "--json", str(stereo_wav)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["call_id"], r["leg"]) for r in rows] == [("call-17", "channel-0"), ("call-17", "channel-1")]
    assert set(rows[0]) == {"call_id", "leg", "segments"}
    (start, end), *_ = rows[0]["segments"]
    assert start == pytest.approx(1.0, abs=0.1) and end == pytest.approx(2.5, abs=0.25)
    assert all(isinstance(v, float) for seg in rows[0]["segments"] for v in seg)
    assert main(["vad", "--engine", "webrtc", str(stereo_wav)]) == 0
    assert "channel-0" in capsys.readouterr().out


def test_dtmf_json_per_channel(stereo_wav: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dtmf", "--json", str(stereo_wav)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["digits"] for r in rows] == ["", "42"]
    assert set(rows[1]) == {"call_id", "leg", "digits", "events"}
    ev = rows[1]["events"][0]
    assert ev["digit"] == "4" and ev["t0"] == pytest.approx(0.5, abs=0.01) and ev["source"] == "inband"


def test_bundled_capture_legs(capsys: pytest.CaptureFixture[str]) -> None:
    from ccedge.core.simulate.demo import bundled_capture

    capture = bundled_capture()
    assert main(["vad", "--json", "--stats", str(capture)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    legs = [r for r in rows if "segments" in r]
    stats = [r for r in rows if "talk_stats" in r]
    assert legs and {r["leg"] for r in legs} <= {"caller", "callee"} | {
        r["leg"] for r in legs if "orphan" in r["leg"]
    }
    assert any(r["segments"] for r in legs)
    assert {s["call_id"] for s in stats} == {r["call_id"] for r in legs}


@pytest.mark.shared
def test_dtmf_merge_on_asterisk_capture(pcaps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = pcaps / "asterisk-testsuite" / "ulaw-2013785496.pcap"
    assert main(["dtmf", "--json", str(path)]) == 0
    inband = json.loads(capsys.readouterr().out.splitlines()[0])
    assert inband["digits"] == "213785496"
    assert main(["dtmf", "--json", "--merge", str(path)]) == 0
    merged = json.loads(capsys.readouterr().out.splitlines()[0])
    assert merged["digits"] == "2013785496"  # each in-band copy absorbed by its RFC 2833 event
    assert {e["source"] for e in merged["events"]} == {"rfc2833"}


def test_bad_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.wav"
    bad.write_bytes(b"RIFF\x10\x00\x00\x00WAVEjunk")
    assert main(["vad", str(bad)]) == 2
    assert "fmt" in capsys.readouterr().err
