"""The sound-card source against a real ALSA capture device fed from a file (no sound card needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ccedge.hardware.sound import SoundCard, SoundError, find_device, list_input_devices
from ccedge.testing.sounddev import file_fed_device, write_raw

pytest.importorskip("pyaudio", reason="PyAudio is not installed (apt-get install portaudio19-dev)")


def _tone(f: float, n: int, amp: float, rate: int = 8000) -> np.ndarray:
    return (amp * np.sin(2 * np.pi * f * np.arange(n) / rate)).astype(np.int16)


def _device_or_skip(name: str) -> None:
    try:
        names = [d.name for d in list_input_devices()]
    except SoundError as e:
        pytest.skip(f"no PortAudio: {e}")
    if name not in names:
        pytest.skip(f"the ALSA file plugin did not give a capture device (inputs: {names})")


def test_reads_both_channels_of_a_file_fed_device(tmp_path: Path) -> None:
    left, right = _tone(440, 24000, 8000), _tone(660, 24000, 3000)
    raw = write_raw(tmp_path / "in.raw", [left, right])
    with file_fed_device(raw, tmp_path / "home") as dev:
        _device_or_skip(dev)
        assert find_device(dev).channels >= 2
        card = SoundCard(dev, rate=8000, channels=2, block_s=0.1, max_frames=24000)
        blocks = list(card)
    assert [b.start for b in blocks] == list(range(0, 24000, 800))
    assert all(b.frames == 800 and b.rate == 8000 for b in blocks)
    got = np.concatenate([b.samples for b in blocks])
    assert np.array_equal(got[:, 0], left) and np.array_equal(got[:, 1], right)
    assert card.stats.blocks == 30 and card.stats.frames == 24000 and card.stats.overruns == 0
    assert blocks[1].wall - blocks[0].wall == pytest.approx(0.1)


def test_unknown_device_names_the_inputs(tmp_path: Path) -> None:
    raw = write_raw(tmp_path / "in.raw", [np.zeros(800, np.int16)] * 2)
    with file_fed_device(raw, tmp_path / "home") as dev:
        _device_or_skip(dev)
        with pytest.raises(SoundError, match=r"no unique sound input device 'no-such-card'.*ccedgetap"):
            find_device("no-such-card")


@pytest.mark.parametrize(("kw", "msg"), [({"rate": 44100}, "rate 44100"), ({"channels": 3}, "channels 3"),
                                         ({"block_s": 5.0}, "block 5.0")])
def test_bad_options_are_refused(kw: dict[str, float], msg: str) -> None:
    with pytest.raises(SoundError, match=msg):
        SoundCard("x", **kw)
