"""``ccedge transcribe``: WAV channels and a capture's legs, JSON keys as the contract says."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.cli import main


def test_wav_channels_json_contract(
    tmp_path: Path, q8_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ccedge.core.simulate import speak

    pcm = speak("Please read me the card number on the front of your card.", rate=8000)
    lead = np.zeros(4000, np.int16)
    left = np.concatenate([lead, pcm, lead])
    right = np.zeros_like(left)  # a silent channel gives no utterance
    path = tmp_path / "call.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(np.stack([left, right], axis=1).astype("<i2").tobytes())
    assert main(["transcribe", str(path), "--json", "--model", str(q8_model), "--threads", "1"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 1
    obj = lines[0]
    assert set(obj) == {"call_id", "leg", "start_s", "end_s", "text", "words"}
    assert obj["call_id"] == "call" and obj["leg"] == "channel-0"
    assert "card number" in obj["text"].lower()
    assert 0.0 <= obj["start_s"] < 0.6 and obj["end_s"] > 2.0
    for word in obj["words"]:
        assert set(word) == {"word", "start_s", "end_s", "p"}
        assert obj["start_s"] <= word["start_s"] <= word["end_s"] <= obj["end_s"]


@pytest.mark.slow
@pytest.mark.shared
def test_capture_through_tap(pcaps: Path, q8_model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cap = pcaps / "sipnab-fixtures/speech_8k_ulaw.pcap"
    assert main(["transcribe", str(cap), "--json", "--model", str(q8_model), "--threads", "1"]) == 0
    objs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    text = " ".join(o["text"] for o in objs).lower()
    assert "direct consequence" in text and "blessed soul in heaven" in text


@pytest.mark.slow
@pytest.mark.shared
def test_silent_and_tone_capture_gives_no_text(
    pcaps: Path, q8_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # SIP_DTMF2: two PCMA legs of 20 s, mostly silence, comfort noise and DTMF tones; no speech.
    from ccedge.core.commands.transcribe import audio_utterances

    cap = pcaps / "wireshark-samples/SIP_DTMF2.cap"
    assert len(list(audio_utterances(cap))) >= 1  # the VAD does pass audio on: the engine must reject it
    assert main(["transcribe", str(cap), "--json", "--model", str(q8_model), "--threads", "1"]) == 0
    assert capsys.readouterr().out.strip() == ""
