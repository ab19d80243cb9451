"""Sound-card blocks → calls: the stage that makes a line tap or headset splitter look like the tap.

A splitter gives one party per channel and no signalling, so a call starts when either
channel carries sound for ``start_s`` (the ``pre_roll_s`` before it is kept, so the first
syllable is not lost) and ends when both have been silent for ``end_silence_s``; or an agent
presses a key (``key()``, thread-safe) to start or end it. The outputs are the tap's own
records (``CallEvent``, ``AudioFrame``), so everything downstream (VAD, speech, redaction,
hold-back, sinks) is the same chain as for RTP.

Levels are RMS per block in dBFS (full scale = 32768). The clock is the card's sample
count, so call times never drift with the wall clock; ``wall`` anchors each call once.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np

from ccedge.core.errors import CoreError
from ccedge.core.frames import AudioFrame, CallEvent
from ccedge.hardware.sound import SoundBlock, SoundCard

SoundOutput: TypeAlias = CallEvent | AudioFrame


class SoundCallError(CoreError):
    """Invalid sound-card call options."""


@dataclass(frozen=True, slots=True)
class SoundCallOptions:
    """How calls are cut from a continuous two-channel stream (``[sound]`` in the config)."""

    mode: Literal["silence", "key"] = "silence"  # "key": only key presses start and end calls
    start_dbfs: float = -45.0  # a block this loud on either channel is activity
    start_s: float = 0.3  # activity this long starts a call
    end_silence_s: float = 10.0  # silence this long on every channel ends it
    pre_roll_s: float = 0.5  # audio kept from before the start trigger
    legs: tuple[str, ...] = ("caller", "callee")  # leg name of channel 0, 1
    prefix: str = "sound"  # call ids: <prefix>-<UTC start>-<n>

    def validate(self) -> None:
        if self.mode not in ("silence", "key"):
            raise SoundCallError(f"sound.mode {self.mode!r} is not allowed (allowed: silence, key)")
        if not -90.0 <= self.start_dbfs <= 0.0:
            raise SoundCallError(f"sound.start_dbfs {self.start_dbfs} is out of range (allowed: -90..0)")
        for name, v, hi in (("start_s", self.start_s, 10.0), ("end_silence_s", self.end_silence_s, 600.0),
                            ("pre_roll_s", self.pre_roll_s, 5.0)):
            if not 0.0 <= v <= hi:
                raise SoundCallError(f"sound.{name} {v} is out of range (allowed: 0..{hi})")
        if len(set(self.legs)) != len(self.legs) or not self.legs:
            raise SoundCallError(f"sound.legs {self.legs!r} must be distinct leg names")


def level_dbfs(samples: np.ndarray) -> np.ndarray:
    """RMS level of each channel of a ``(frames, channels)`` block, in dBFS (floor -120)."""
    x = samples.astype(np.float64) / 32768.0
    rms = np.sqrt(np.mean(x * x, axis=0)) if len(x) else np.zeros(samples.shape[1])
    return np.asarray(20.0 * np.log10(np.maximum(rms, 1e-6)))


class SoundCallStage:
    """Stage: :class:`SoundBlock` in; ``CallEvent`` / ``AudioFrame`` out (see the module docstring)."""

    def __init__(self, options: SoundCallOptions | None = None) -> None:
        self.options = options or SoundCallOptions()
        self.options.validate()
        self._key = threading.Event()
        self._pre: deque[SoundBlock] = deque()
        self._active_s = 0.0
        self._silent_s = 0.0
        self._call: str | None = None
        self._origin = 0  # stream frame index of the call's t = 0
        self._rate = 8000
        self._last: SoundBlock | None = None
        self.calls = 0

    @property
    def in_call(self) -> str | None:
        """The id of the open call, if any."""
        return self._call

    def key(self) -> None:
        """Start a call now when none is open, else end the open one (from any thread)."""
        self._key.set()

    async def process(self, block: SoundBlock) -> list[SoundOutput]:
        return self.feed(block)

    async def flush(self) -> list[SoundOutput]:
        return self.finish()

    def feed(self, block: SoundBlock) -> list[SoundOutput]:
        o = self.options
        self._last = block
        self._rate = block.rate
        dur = block.frames / block.rate
        loud = (not block.gap) and bool((level_dbfs(block.samples) >= o.start_dbfs).any())
        pressed = self._key.is_set()
        if pressed:
            self._key.clear()
        out: list[SoundOutput] = []
        if self._call is None:
            self._pre.append(block)
            while self._pre and (block.start - self._pre[0].start) / block.rate > o.pre_roll_s + o.start_s:
                self._pre.popleft()
            self._active_s = self._active_s + dur if loud else 0.0
            if pressed:  # a key starts the call at this block
                self._pre = deque([block])
                out.extend(self._start("key"))
            elif o.mode == "silence" and self._active_s >= o.start_s:
                first = block.start + block.frames - round((self._active_s + o.pre_roll_s) * block.rate)
                while self._pre and self._pre[0].start + self._pre[0].frames <= first:
                    self._pre.popleft()
                out.extend(self._start("sound"))
            return out
        out.extend(self._frames(block))
        self._silent_s = 0.0 if loud else self._silent_s + dur
        if pressed:
            out.append(self._end(block, "key"))
        elif o.mode == "silence" and self._silent_s >= o.end_silence_s:
            out.append(self._end(block, "silence"))
        return out

    def finish(self) -> list[SoundOutput]:
        """End of the stream: the open call ends with reason ``source-ended``."""
        if self._call is None or self._last is None:
            return []
        return [self._end(self._last, "source-ended")]

    def _start(self, reason: str) -> list[SoundOutput]:
        first = self._pre[0]
        self.calls += 1
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(first.wall))
        self._call = f"{self.options.prefix}-{stamp}-{self.calls}"
        self._origin = first.start
        self._silent_s = 0.0
        self._active_s = 0.0
        out: list[SoundOutput] = [CallEvent(self._call, "started", 0.0, first.wall, reason=reason,
                                            detail="sound-card")]
        for b in self._pre:
            out.extend(self._frames(b))
        self._pre.clear()
        return out

    def _frames(self, block: SoundBlock) -> list[SoundOutput]:
        assert self._call is not None
        t0 = (block.start - self._origin) / block.rate
        n = min(block.samples.shape[1], len(self.options.legs))
        return [AudioFrame(self._call, self.options.legs[c], t0, block.rate,
                           np.ascontiguousarray(block.samples[:, c]), gap=block.gap) for c in range(n)]

    def _end(self, block: SoundBlock, reason: str) -> CallEvent:
        assert self._call is not None
        end = block.start + block.frames
        ev = CallEvent(self._call, "ended", (end - self._origin) / block.rate, block.wall + block.frames /
                       block.rate, reason=reason, detail="sound-card")
        self._call = None
        self._pre.clear()
        self._silent_s = 0.0
        self._active_s = 0.0
        return ev


async def sound_card_outputs(card: SoundCard, stage: SoundCallStage,
                             maxsize: int = 32) -> AsyncIterator[Sequence[SoundOutput]]:
    """Read ``card`` in a thread of its own and yield the stage's outputs per block.

    The hand-over queue holds ``maxsize`` blocks (3.2 s at 0.1 s blocks); when it is full the
    reader waits, PortAudio's buffer fills, and an overrun is counted in ``card.stats`` (the
    loss is then visible as a ``gap`` frame) — the event loop is never blocked by the card.
    """
    loop = asyncio.get_running_loop()
    q: asyncio.Queue[SoundBlock | BaseException | None] = asyncio.Queue(maxsize)

    def reader() -> None:
        try:
            for block in card:
                asyncio.run_coroutine_threadsafe(q.put(block), loop).result()
            item: BaseException | None = None
        except BaseException as e:  # handed to the loop, raised there
            item = e
        if not loop.is_closed():
            asyncio.run_coroutine_threadsafe(q.put(item), loop)

    thread = threading.Thread(target=reader, name="ccedge-sound", daemon=True)
    thread.start()
    try:
        while True:
            got = await q.get()
            if got is None:
                break
            if isinstance(got, BaseException):
                raise got
            out = stage.feed(got)
            if out:
                yield out
        tail = stage.finish()
        if tail:
            yield tail
    finally:
        card.stop()
        while thread.is_alive():  # let a reader blocked on a full queue finish
            while not q.empty():
                q.get_nowait()
            await asyncio.sleep(0.01)


__all__ = ["SoundCallError", "SoundCallOptions", "SoundCallStage", "SoundOutput", "level_dbfs",
           "sound_card_outputs"]
