"""Per-leg plumbing shared by the audio stages (VAD segmentation, in-band DTMF).

A stage keeps one state object per ``(call_id, leg)``: created on the leg's first frame,
flushed and replaced when the leg's rate changes (a codec change), flushed when the leg ends.
``LegClock`` turns frames into a gap-free sample stream on the leg's own sample clock.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import deque
from typing import Generic, TypeVar

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import AudioFrame

Out = TypeVar("Out")


class LegClock:
    """Sample clock of one leg: sample 0 is the first frame's ``t0``.

    ``align`` returns the samples of a frame that extend the stream: a frame that starts later
    than the previous one ended is preceded by silence for the hole, and one that overlaps
    what was already seen is trimmed.
    """

    def __init__(self, rate: int, t0: float) -> None:
        self.rate = rate
        self.origin = t0
        self.fed = 0  # samples delivered so far

    def align(self, frame: AudioFrame) -> npt.NDArray[np.int16]:
        start = round((frame.t0 - self.origin) * self.rate)
        x = frame.samples
        if start > self.fed:
            x = np.concatenate([np.zeros(start - self.fed, np.int16), x])
        elif start < self.fed:
            x = x[self.fed - start :]
        self.fed += len(x)
        return x


class SampleBuffer:
    """A leg's recent audio as a queue of blocks, addressed by leg sample index.

    Appending and dropping are O(block), not O(buffer): a long utterance is copied once,
    when it is taken out, instead of at every frame.
    """

    def __init__(self) -> None:
        self._blocks: deque[npt.NDArray[np.int16]] = deque()
        self.start = 0  # leg sample index of the first sample held
        self.end = 0  # one past the last sample held

    def append(self, x: npt.NDArray[np.int16]) -> None:
        if len(x):
            self._blocks.append(x.copy())  # the producer may reuse its buffer
            self.end += len(x)

    def slice(self, a: int, b: int) -> npt.NDArray[np.int16]:
        """A copy of samples ``[a, b)`` (clipped to what is held)."""
        a, b = max(a, self.start), min(b, self.end)
        parts = []
        pos = self.start
        for blk in self._blocks:
            lo, hi = max(a - pos, 0), min(b - pos, len(blk))
            if lo < hi:
                parts.append(blk[lo:hi])
            pos += len(blk)
            if pos >= b:
                break
        return np.concatenate(parts) if parts else np.zeros(0, np.int16)

    def drop_before(self, i: int) -> None:
        """Forget whole blocks that end at or before sample ``i``."""
        while self._blocks and self.start + len(self._blocks[0]) <= i:
            self.start += len(self._blocks.popleft())


class LegState(ABC, Generic[Out]):
    rate: int

    @abstractmethod
    def feed(self, frame: AudioFrame) -> list[Out]: ...

    @abstractmethod
    def flush(self) -> list[Out]: ...


class LegStage(ABC, Generic[Out]):
    """A stage with per-leg state; subclasses say how to make a leg's state."""

    def __init__(self) -> None:
        self._legs: dict[tuple[str, str], LegState[Out]] = {}

    @abstractmethod
    def new_leg(self, frame: AudioFrame) -> LegState[Out]: ...

    def process_sync(self, frame: AudioFrame) -> list[Out]:
        key = (frame.call_id, frame.leg)
        leg = self._legs.get(key)
        out: list[Out] = []
        if leg is not None and leg.rate != frame.rate:
            out = leg.flush()
            leg = None
        if leg is None:
            leg = self.new_leg(frame)
            self._legs[key] = leg
        out.extend(leg.feed(frame))
        return out

    async def process(self, frame: AudioFrame) -> list[Out]:
        return self.process_sync(frame)

    def end_leg(self, call_id: str, leg: str) -> list[Out]:
        """The leg ended (call over): emit what it still holds."""
        state = self._legs.pop((call_id, leg), None)
        return state.flush() if state else []

    def flush_sync(self) -> list[Out]:
        out: list[Out] = []
        for key in list(self._legs):
            out.extend(self.end_leg(*key))
        return out

    async def flush(self) -> list[Out]:
        return self.flush_sync()


__all__ = ["LegClock", "LegStage", "LegState", "SampleBuffer"]
