"""Where redacted calls go to be kept: the storing sink interface and its bounded feeder.

A sink receives, per call, in this order: ``open_call`` once, then ``audio`` blocks and
``event``s interleaved in the order the chain produced them, then ``close_call`` once. Audio
reaches a sink only after it left the hold-back buffer (``ccedge.core.redact.holdback``):
masked where redaction found something, wholly masked when redaction could not clear it in
time. A frame whose status is ``sealed`` holds masked samples in ``samples`` and the original
in ``sealed``; only a sink that can store it under a quarantine key may keep ``sealed``
(ARCHITECTURE.md invariant 1); every other sink ignores it.

The vault implements :class:`Sink`; until it exists ``--wav-dir`` writes plain WAVs through a
sink of its own. :class:`SinkFeeder` puts a bounded queue in front of a sink so that the
chain never waits on the sink's I/O until the queue is full, and then waits (back-pressure):
a storing sink never loses anything.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from ccedge.core.events import CallEnded, CallStarted, Event, Role

log = logging.getLogger(__name__)

AudioStatus = Literal["cleared", "masked-lag", "sealed"]


@dataclass(frozen=True, slots=True, eq=False)
class ReleasedAudio:
    """A block of one leg's audio as it left the hold-back buffer (int16 mono, native rate)."""

    call_id: str
    leg: str
    role: Role
    t0: float  # seconds from call start
    rate: int
    samples: npt.NDArray[np.int16]  # redacted: safe to store
    status: AudioStatus = "cleared"
    sealed: npt.NDArray[np.int16] | None = None  # the unmasked original, only when status is "sealed"

    @property
    def t1(self) -> float:
        return self.t0 + len(self.samples) / self.rate


@runtime_checkable
class Sink(Protocol):
    """A storing sink (see the module docstring for the order of calls)."""

    async def open_call(self, call: CallStarted) -> None: ...

    async def audio(self, call_id: str, leg: str, frames: Sequence[ReleasedAudio]) -> None: ...

    async def event(self, e: Event) -> None: ...

    async def close_call(self, ended: CallEnded) -> None: ...


_AudioItem = tuple[str, str, tuple[ReleasedAudio, ...]]
_Item = tuple[Literal["open", "audio", "event", "close"], CallStarted | _AudioItem | Event]


class SinkFeeder:
    """A sink behind a bounded queue, drained by one task; ``put_*`` wait when it is full.

    A sink method that raises is logged (its type and message only) and counted in
    ``errors``; the feeder goes on with the next item, so one bad call never stops storage
    of the others.
    """

    def __init__(self, sink: Sink, name: str, maxsize: int = 256) -> None:
        self.sink = sink
        self.name = name
        self.errors = 0
        self._queue: asyncio.Queue[_Item | None] = asyncio.Queue(maxsize)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._drain(), name=f"sink-{self.name}")

    @property
    def depth(self) -> int:
        return self._queue.qsize()

    async def open_call(self, call: CallStarted) -> None:
        await self._queue.put(("open", call))

    async def audio(self, call_id: str, leg: str, frames: Sequence[ReleasedAudio]) -> None:
        if frames:
            await self._queue.put(("audio", (call_id, leg, tuple(frames))))

    async def event(self, e: Event) -> None:
        await self._queue.put(("event", e))

    async def close_call(self, ended: CallEnded) -> None:
        await self._queue.put(("close", ended))

    async def aclose(self) -> None:
        """Deliver everything queued, then stop."""
        if self._task is None:
            return
        await self._queue.put(None)
        await self._task
        self._task = None

    async def _drain(self) -> None:
        while (item := await self._queue.get()) is not None:
            kind, payload = item
            try:
                if kind == "open":
                    assert isinstance(payload, CallStarted)
                    await self.sink.open_call(payload)
                elif kind == "audio":
                    assert isinstance(payload, tuple)
                    await self.sink.audio(*payload)
                elif kind == "event":
                    assert isinstance(payload, Event)
                    await self.sink.event(payload)
                else:
                    assert isinstance(payload, CallEnded)
                    await self.sink.close_call(payload)
            except Exception as e:  # a sink fault must not stop the others; said in one line
                self.errors += 1
                log.error("sink %s: %s failed: %s: %s", self.name, kind, type(e).__name__, e)


__all__ = ["AudioStatus", "ReleasedAudio", "Sink", "SinkFeeder"]
