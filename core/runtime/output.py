"""The end of the chain: event stages (guidance, QM), the event bus, the storing sinks.

Every event first goes through the event stages (objects with ``async process(e) ->
Sequence[Event]``); what they return is published too (and offered to the stages after
them). Events reach the bus (live subscribers, bounded, drop-oldest) and every storing sink
through its :class:`SinkFeeder` (bounded, back-pressure). A sink sees ``open_call`` on
``CallStarted`` and ``close_call`` on ``CallEnded``; what stages derive from ``CallEnded``
(a QM score) is delivered before it, so a sink never gets an event of a closed call.
Released audio goes to the sinks only (never to the bus: events carry no audio); a live first
version of an utterance (``final=False``) goes to the bus only (its final version is stored).
A stage may also have ``async tick() -> Sequence[Event]``, called every ``TICK_S`` while the
output runs: a clock for what is due when nothing arrives (guidance deadlines in a silent call).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any, Protocol

from ccedge.core.bus import EventBus
from ccedge.core.events import CallEnded, CallStarted, Event, UtteranceRedacted
from ccedge.core.sink import ReleasedAudio, Sink, SinkFeeder

log = logging.getLogger(__name__)
TICK_S = 1.0  # period of the stages' clock (Output.start)


class EventStage(Protocol):
    async def process(self, e: Event) -> Sequence[Event]: ...


class Output:
    def __init__(self, bus: EventBus, sinks: Sequence[Sink] = (), stages: Sequence[EventStage] = (),
                 sink_queue: int = 256) -> None:
        self.bus = bus
        self.stages = list(stages)
        self.feeders = [SinkFeeder(s, f"{type(s).__name__}-{i}", sink_queue) for i, s in enumerate(sinks)]
        self.stage_errors = 0
        self.counts: dict[str, int] = {}
        self._clock: asyncio.Task[None] | None = None

    def start(self) -> None:
        for f in self.feeders:
            f.start()
        if self._clock is None and any(callable(getattr(s, "tick", None)) for s in self.stages):
            self._clock = asyncio.get_running_loop().create_task(self._ticks(), name="stage-clock")

    async def _ticks(self) -> None:
        while True:
            await asyncio.sleep(TICK_S)
            for i, stage in enumerate(self.stages):
                tick = getattr(stage, "tick", None)
                if tick is None:
                    continue
                try:
                    got = list(await tick())
                except Exception as ex:  # as in _stages: counted and said in one line
                    self.stage_errors += 1
                    log.error("event stage %s tick failed: %s", type(stage).__name__, type(ex).__name__)
                    continue
                for d in got:
                    derived = await self._stages(d, i + 1)
                    await self._deliver(d)
                    for x in derived:
                        await self._deliver(x)

    async def event(self, e: Event) -> None:
        derived = await self._stages(e, 0)
        if isinstance(e, CallEnded):
            for d in derived:
                await self._deliver(d)
            await self._deliver(e)
        else:
            await self._deliver(e)
            for d in derived:
                await self._deliver(d)

    async def _stages(self, e: Event, start: int) -> list[Event]:
        out: list[Event] = []
        for i in range(start, len(self.stages)):
            try:
                got = list(await self.stages[i].process(e))
            except Exception as ex:  # one stage's fault must not stop the chain; said in one line
                self.stage_errors += 1
                log.error("event stage %s failed: %s", type(self.stages[i]).__name__, type(ex).__name__)
                continue
            for d in got:
                out.append(d)
                out.extend(await self._stages(d, i + 1))
        return out

    async def _deliver(self, e: Event) -> None:
        self.counts[e.type] = self.counts.get(e.type, 0) + 1
        await self.bus.publish(e)
        if isinstance(e, UtteranceRedacted) and not e.final:
            return  # a live first version: its final version is the one stored
        for f in self.feeders:
            if isinstance(e, CallStarted):
                await f.open_call(e)
            elif isinstance(e, CallEnded):
                await f.close_call(e)
            else:
                await f.event(e)

    async def audio(self, frame: ReleasedAudio) -> None:
        for f in self.feeders:
            await f.audio(frame.call_id, frame.leg, (frame,))

    async def aclose(self) -> None:
        if self._clock is not None:
            self._clock.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._clock
        for f in self.feeders:
            await f.aclose()
            closer = getattr(f.sink, "aclose", None)  # a sink with resources of its own (the vault's)
            if closer is not None:
                await closer()

    @property
    def sink_errors(self) -> int:
        return sum(f.errors for f in self.feeders)

    def sink_depths(self) -> dict[str, Any]:
        return {f.name: f.depth for f in self.feeders}


__all__ = ["EventStage", "Output"]
