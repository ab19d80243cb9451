"""LegClock: holes become silence, overlaps are trimmed; LegStage restarts a leg on a new rate."""

from __future__ import annotations

import numpy as np

from ccedge.core.frames import AudioFrame
from ccedge.core.leg_stage import LegClock, LegStage, LegState


def _f(t0: float, n: int, v: int = 1, rate: int = 8000) -> AudioFrame:
    return AudioFrame("c", "l", t0, rate, np.full(n, v, np.int16))


def test_clock_fills_holes_and_trims_overlaps() -> None:
    clock = LegClock(8000, 2.0)
    assert len(clock.align(_f(2.0, 80))) == 80
    hole = clock.align(_f(2.02, 80, 2))  # starts 80 samples after the previous frame ended
    assert len(hole) == 160 and not hole[:80].any() and (hole[80:] == 2).all()
    over = clock.align(_f(2.025, 80, 3))  # overlaps 40 samples already delivered
    assert len(over) == 40 and clock.fed == 280
    assert len(clock.align(_f(2.0, 80))) == 0


class _Count(LegState[tuple[str, int]]):
    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.n = 0

    def feed(self, frame: AudioFrame) -> list[tuple[str, int]]:
        self.n += len(frame.samples)
        return []

    def flush(self) -> list[tuple[str, int]]:
        return [("flush", self.n)]


class _Stage(LegStage[tuple[str, int]]):
    def new_leg(self, frame: AudioFrame) -> _Count:
        return _Count(frame.rate)


def test_rate_change_flushes_and_restarts() -> None:
    st = _Stage()
    assert st.process_sync(_f(0.0, 80)) == []
    assert st.process_sync(_f(0.01, 160, rate=16000)) == [("flush", 80)]
    assert st.flush_sync() == [("flush", 160)]
    assert st.end_leg("c", "l") == []


def test_sample_buffer_slices_across_blocks_and_drops_whole_blocks() -> None:
    from ccedge.core.leg_stage import SampleBuffer

    buf = SampleBuffer()
    data = np.arange(1000, dtype=np.int16)
    for i in range(0, 1000, 128):
        block = data[i : i + 128].copy()
        buf.append(block)
        block[:] = -1  # the producer reuses its buffer: the held copy must not change
    assert (buf.start, buf.end) == (0, 1000)
    np.testing.assert_array_equal(buf.slice(100, 700), data[100:700])
    np.testing.assert_array_equal(buf.slice(-50, 20), data[:20])
    buf.drop_before(300)  # blocks [0,128) and [128,256) go; [256,384) stays
    assert buf.start == 256
    np.testing.assert_array_equal(buf.slice(0, 300), data[256:300])
    assert len(buf.slice(2000, 3000)) == 0
