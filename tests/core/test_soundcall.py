"""Calls cut from a sound card's two channels: by silence, by a key, at the end of the stream;
alone on blocks, and through a real (file-fed ALSA) capture device."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.frames import AudioFrame, CallEvent
from ccedge.core.harness import run_pipeline
from ccedge.core.soundcall import (
    SoundCallError,
    SoundCallOptions,
    SoundCallStage,
    level_dbfs,
    sound_card_outputs,
)
from ccedge.hardware.sound import SoundBlock, SoundCard, SoundError, list_input_devices
from ccedge.testing.sounddev import file_fed_device, write_raw

RATE = 8000


def _stream() -> tuple[np.ndarray, np.ndarray]:
    """1 s hiss; call A: 1 s tone on the left, 0.5 s pause, 1 s tone on the right; 3 s hiss;
    call B: 1 s on the right; 1 s hiss (the stream ends while B is open)."""
    rng = np.random.default_rng(7)
    n = int(8.5 * RATE)
    left = rng.normal(0, 8, n)
    right = rng.normal(0, 8, n)
    t = np.arange(RATE) / RATE
    tone = 3000 * np.sin(2 * np.pi * 300 * t)
    left[1 * RATE : 2 * RATE] += tone
    right[int(2.5 * RATE) : int(3.5 * RATE)] += tone
    right[int(6.5 * RATE) : int(7.5 * RATE)] += tone
    return left.astype(np.int16), right.astype(np.int16)


def _blocks(left: np.ndarray, right: np.ndarray, block: int = 800) -> list[SoundBlock]:
    both = np.stack([left, right], axis=1)
    return [SoundBlock(i, RATE, both[i : i + block], 1_790_000_000.0 + i / RATE)
            for i in range(0, len(both), block)]


OPTS = SoundCallOptions(start_s=0.2, end_silence_s=2.0, pre_roll_s=0.3)


def _calls(out: list[object]) -> list[tuple[str, str, float, str]]:
    return [(e.call_id, e.kind, round(e.t, 2), e.reason) for e in out if isinstance(e, CallEvent)]


def test_silence_cuts_two_calls_with_pre_roll_and_gapless_legs() -> None:
    out = run_pipeline(SoundCallStage(OPTS), _blocks(*_stream()))
    calls = _calls(out)
    a, b = calls[0][0], calls[2][0]
    assert a != b and a.startswith("sound-") and a.endswith("-1") and b.endswith("-2")
    # A starts when the tone has lasted start_s (block 1.1-1.2 s), keeping 0.3 s before the tone:
    # its t = 0 is stream 0.7 s. It ends 2 s after the last loud block (stream 3.5 s): 5.5 s → t 4.8.
    assert calls[:2] == [(a, "started", 0.0, "sound"), (a, "ended", 4.8, "silence")]
    assert calls[2:] == [(b, "started", 0.0, "sound"), (b, "ended", 2.3, "source-ended")]
    started = [e for e in out if isinstance(e, CallEvent) and e.kind == "started"]
    assert started[0].wall == pytest.approx(1_790_000_000.7)
    for cid, end in ((a, 4.8), (b, 2.3)):
        for leg in ("caller", "callee"):
            frames = [f for f in out if isinstance(f, AudioFrame) and f.call_id == cid and f.leg == leg]
            assert frames[0].t0 == 0.0
            assert all(abs(x.t1 - y.t0) < 1e-9 for x, y in itertools.pairwise(frames))
            assert frames[-1].t1 == pytest.approx(end)
    # the tone sits where it was: call A's caller leg is loud from t 0.3 to 1.3 only
    pcm = np.concatenate([f.samples for f in out if isinstance(f, AudioFrame) and f.call_id == a
                          and f.leg == "caller"])
    assert level_dbfs(pcm[int(0.3 * RATE) : int(1.3 * RATE), None])[0] > -25
    assert level_dbfs(pcm[int(1.4 * RATE) :, None])[0] < -60
    # every event of a call lies between its start and its end
    order = [(type(e).__name__, getattr(e, "kind", "")) for e in out if getattr(e, "call_id", "") == a]
    assert order[0] == ("CallEvent", "started") and order[-1] == ("CallEvent", "ended")


def test_key_starts_and_ends_calls_in_key_mode() -> None:
    stage = SoundCallStage(SoundCallOptions(mode="key"))
    blocks = _blocks(*_stream())
    out: list[object] = []
    for i, b in enumerate(blocks):
        if i in (3, 20):  # key at stream 0.3 s (start) and 2.0 s (end): the tones alone start nothing
            stage.key()
        out.extend(stage.feed(b))
    out.extend(stage.finish())
    calls = _calls(out)
    assert [c[1:] for c in calls] == [("started", 0.0, "key"), ("ended", 1.8, "key")]
    assert stage.in_call is None


def test_key_ends_a_call_started_by_sound() -> None:
    stage = SoundCallStage(OPTS)
    out: list[object] = []
    for b in _blocks(*_stream()):
        if b.start == 2 * RATE:
            stage.key()
        out.extend(stage.feed(b))
    assert [c[1:] for c in _calls(out)][:2] == [("started", 0.0, "sound"), ("ended", 1.4, "key")]


def test_gap_blocks_are_passed_on_flagged_and_never_start_a_call() -> None:
    stage = SoundCallStage(OPTS)
    loud = SoundBlock(0, RATE, np.full((800, 2), 20000, np.int16), 0.0, gap=True)
    assert stage.feed(loud) == []
    stage.key()
    out = stage.feed(SoundBlock(800, RATE, np.zeros((800, 2), np.int16), 0.1, gap=True))
    assert [f.gap for f in out if isinstance(f, AudioFrame)] == [True, True]


@pytest.mark.parametrize(("kw", "msg"), [({"mode": "vox"}, "sound.mode"), ({"start_dbfs": 3.0}, "start_dbfs"),
                                         ({"end_silence_s": -1.0}, "end_silence_s"),
                                         ({"legs": ("a", "a")}, "sound.legs")])
def test_bad_options_are_named(kw: dict[str, object], msg: str) -> None:
    with pytest.raises(SoundCallError, match=msg):
        SoundCallStage(SoundCallOptions(**kw))


def test_calls_from_a_real_file_fed_capture_device(tmp_path: Path) -> None:
    pytest.importorskip("pyaudio", reason="PyAudio is not installed (apt-get install portaudio19-dev)")
    left, right = _stream()
    raw = write_raw(tmp_path / "line.raw", [left, right])
    with file_fed_device(raw, tmp_path / "home") as dev:
        try:
            names = [d.name for d in list_input_devices()]
        except SoundError as e:
            pytest.skip(f"no PortAudio: {e}")
        if dev not in names:
            pytest.skip(f"the ALSA file plugin gave no capture device (inputs: {names})")

        async def run() -> list[object]:
            card = SoundCard(dev, rate=RATE, channels=2, block_s=0.1, max_frames=len(left))
            got: list[object] = []
            async for outs in sound_card_outputs(card, SoundCallStage(OPTS), maxsize=4):
                got.extend(outs)
            return got

        out = asyncio.run(run())
    want = run_pipeline(SoundCallStage(OPTS), _blocks(left, right))
    assert [c[1:] for c in _calls(out)] == [c[1:] for c in _calls(want)]
    pcm = [f.samples for f in out if isinstance(f, AudioFrame)]
    assert np.array_equal(np.concatenate(pcm), np.concatenate([f.samples for f in want
                                                               if isinstance(f, AudioFrame)]))
