"""The sound-card source of the chain on a real (file-fed ALSA) capture device, and its ``[sound]`` table."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.frames import AudioFrame, CallEvent
from ccedge.core.runtime.config import ConfigError
from ccedge.core.runtime.items import CallClosed, CallInfo, SourceStatus
from ccedge.core.runtime.soundcard import SoundCardSource, sound_config
from ccedge.hardware.sound import SoundError, list_input_devices
from ccedge.testing.sounddev import file_fed_device, write_raw

RATE = 8000


def _line() -> tuple[np.ndarray, np.ndarray]:
    """0.5 s hiss, 1 s tone on the left, 0.5 s pause, 1 s on the right, 3 s hiss (the call ends by
    silence after 2 s), 1 s on the left (a second call, open when the stream ends)."""
    rng = np.random.default_rng(3)
    n = 8 * RATE
    left, right = rng.normal(0, 8, n), rng.normal(0, 8, n)
    tone = 3000 * np.sin(2 * np.pi * 250 * np.arange(RATE) / RATE)
    left[RATE // 2 : RATE // 2 + RATE] += tone
    right[2 * RATE : 3 * RATE] += tone
    left[6 * RATE : 7 * RATE] += tone
    return left.astype(np.int16), right.astype(np.int16)


def test_source_hands_calls_to_the_chain_from_a_real_device(tmp_path: Path) -> None:
    pytest.importorskip("pyaudio", reason="PyAudio is not installed (apt-get install portaudio19-dev)")
    left, right = _line()
    raw = write_raw(tmp_path / "line.raw", [left, right])
    with file_fed_device(raw, tmp_path / "home") as dev:
        try:
            names = [d.name for d in list_input_devices()]
        except SoundError as e:
            pytest.skip(f"no PortAudio: {e}")
        if dev not in names:
            pytest.skip(f"the ALSA file plugin gave no capture device (inputs: {names})")
        cfg = sound_config({"end_silence_s": 2.0, "start_s": 0.2}, device=dev)
        src = SoundCardSource(cfg, max_frames=len(left))
        items = [i for chunk in src.chunks(threading.Event()) for i in chunk]
    records = [i for i in items if not isinstance(i, SourceStatus)]
    kinds = [(type(i).__name__, getattr(i, "kind", getattr(i, "reason", ""))) for i in records
             if not isinstance(i, AudioFrame)]
    assert kinds == [("CallInfo", ""), ("CallEvent", "started"), ("CallEvent", "ended"),
                     ("CallClosed", "silence"), ("CallInfo", ""), ("CallEvent", "started"),
                     ("CallEvent", "ended"), ("CallClosed", "source-ended")]
    first, second = records[0], next(i for i in records[1:] if isinstance(i, CallInfo))
    assert isinstance(first, CallInfo) and first.call_id != second.call_id
    assert first.codecs == {"caller": "L16", "callee": "L16"} and first.caller == f"{dev}:caller"
    for info in (first, second):  # every frame of a call lies between its CallInfo and its CallClosed
        idx = [k for k, i in enumerate(records) if getattr(i, "call_id", "") == info.call_id]
        assert isinstance(records[idx[0]], CallInfo) and isinstance(records[idx[-1]], CallClosed)
        frames = [records[k] for k in idx if isinstance(records[k], AudioFrame)]
        assert {f.leg for f in frames} == {"caller", "callee"} and frames[0].t0 == 0.0
    ended = [i for i in records if isinstance(i, CallEvent) and i.kind == "ended"]
    assert ended[0].t == pytest.approx(0.5 + 2.5 + 2.0, abs=0.11)  # pre-roll + sound + silence
    status = [i for i in items if isinstance(i, SourceStatus)]
    assert status[-1].done and status[-1].counters["frames"] == len(left) and status[-1].drops == 0


@pytest.mark.parametrize(("table", "msg"), [
    ({"rate": 44100}, "sound.rate: must be 8000 or 16000"),
    ({"mode": "vox"}, "sound.mode"),
    ({"start_dbfs": "loud"}, "sound.start_dbfs: must be a number"),
    ({"end_silence_s": -2}, "sound.end_silence_s"),
    ({"legs": ["agent"]}, "sound.channels"),
    ({"colour": 1}, "sound.colour: unknown key"),
])
def test_bad_sound_tables_are_named(table: dict[str, object], msg: str) -> None:
    with pytest.raises(ConfigError, match=msg):
        sound_config(table, "site.toml")


def test_command_line_device_wins() -> None:
    assert sound_config({"device": "hw:1"}, device="ccedgetap").device == "ccedgetap"
    assert sound_config({}).options().end_silence_s == 10.0
