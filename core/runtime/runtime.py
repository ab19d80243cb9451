"""The appliance process: sources → chain → events, sinks and services, until told to stop.

``Runtime(config, sinks=[...], event_stages=[...])`` is what ``ccedge run``, the demo and the
file verbs start, and what later areas plug into: ``.bus`` for live subscribers, storing
sinks (the vault) through their feeders, event stages (guidance, QM), and the services of
the ``ccedge.services`` entry-point group (the gRPC API; started when ``[api] enabled``),
each a factory ``(runtime) -> object with async start() / stop()``.

``stop()`` drains: the sources stop reading and close their calls, speech finishes what it
holds, the hold-back releases the rest, every call gets its ``CallEnded``, sinks are flushed;
then ``run()`` returns. ``kill()`` (a second signal) stops without draining.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from ccedge.core.bus import EventBus
from ccedge.core.events import CallStarted, Health
from ccedge.core.frames import Transcript
from ccedge.core.redact import RedactPolicy
from ccedge.core.runtime.chain import CallResult, Chain
from ccedge.core.runtime.config import RuntimeConfig
from ccedge.core.runtime.health import Figures, TreeUsage, health_event
from ccedge.core.runtime.items import Source
from ccedge.core.runtime.output import EventStage, Output
from ccedge.core.runtime.process import Message, SourceRunner, queue_putter
from ccedge.core.runtime.roles import RoleMap
from ccedge.core.runtime.soundcard import SoundCardSource, sound_config
from ccedge.core.runtime.sources import TapSource
from ccedge.core.runtime.speech import SpeechService
from ccedge.core.runtime.systemd import notify
from ccedge.core.sink import Sink

log = logging.getLogger(__name__)

SHUTDOWN_STEP_S = 10.0  # each shutdown step that could wait on a stuck task or subscriber
ITEM_QUEUE = 64  # source chunks waiting for the chain (each one capture batch or paced slice)
FAST_HORIZON_S = 1e9  # --fast: nothing is live, the hold-back waits for speech (as a file import)


def sources_from(config: RuntimeConfig) -> list[Source]:
    cap = config.capture
    out: list[Source] = []
    if cap.replay:
        out.append(TapSource(paths=tuple(cap.replay), paced=not cap.fast, idle_timeout_s=cap.idle_timeout_s,
                             name="replay"))
    for iface in cap.interfaces:
        out.append(TapSource(interfaces=(iface,), idle_timeout_s=cap.idle_timeout_s, name=iface))
    sound = config.section("sound")
    if sound.get("device"):  # a line tap / headset splitter (validated here, at start)
        out.append(SoundCardSource(sound_config(sound, config.source)).checked())
    return out


def policy_from(config: RuntimeConfig) -> RedactPolicy:
    r = config.redact
    base = RedactPolicy.load(Path(r.policy)) if r.policy else RedactPolicy()
    horizon = FAST_HORIZON_S if config.capture.fast else r.holdback_s
    return replace(base, holdback_s=horizon, lag_action=r.lag_action)


class Runtime:
    def __init__(self, config: RuntimeConfig | None = None, sinks: Sequence[Sink] = (),
                 event_stages: Sequence[EventStage] = (), *, sources: Sequence[Source] | None = None,
                 policy: RedactPolicy | None = None, on_result: Callable[[CallResult], None] | None = None,
                 on_transcript: Callable[[Transcript], None] | None = None, fault_call_id: str = "") -> None:
        self.config = config or RuntimeConfig()
        cfg = self.config
        self.bus = EventBus()
        self.output = Output(self.bus, sinks, event_stages, cfg.runtime.sink_queue)
        self.sources = list(sources) if sources is not None else sources_from(cfg)
        self.policy = policy or policy_from(cfg)
        self.speech = SpeechService(cfg.speech, fault_call_id) if cfg.speech.enabled else None
        self.chain = Chain(self.output, RoleMap(cfg.roles), self.speech, self.policy, on_result,
                           on_transcript, cfg.vad)
        self.services: list[Any] = []
        self._runners: list[SourceRunner] = []
        self._lock = asyncio.Lock()
        self._stop = asyncio.Event()
        self._stopping = False
        self._t0 = time.monotonic()
        self._usage = TreeUsage()
        self._last_cpu = (0.0, 0.0)
        self.metrics: Any = None
        self.last_health: Health | None = None

    # -- the public face --------------------------------------------------------------------
    def active_calls(self) -> tuple[CallStarted, ...]:
        return self.chain.active_calls()

    def stop(self) -> None:
        """Drain and end ``run()`` (SIGTERM, SIGINT, or when a caller is done)."""
        self._stopping = True
        notify("STOPPING=1")
        for r in self._runners:
            r.stop()
        self._stop.set()

    def kill(self) -> None:
        """End at once: children are killed, nothing drains (a second signal)."""
        for r in self._runners:
            r.kill()
        for pid in self.speech.worker_pids() if self.speech else []:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)

    def figures(self) -> Figures:
        st = self.chain.sources.values()
        sp = self.speech
        return Figures(
            packets=sum(s.packets for s in st), drops=sum(s.drops for s in st),
            damaged=sum(s.damaged for s in st), calls_active=len(self.chain.calls),
            calls_total=self.chain.calls_total, speech_queue=sp.queue_depth if sp else 0,
            speech_lag_s=sp.lag_s if sp else 0.0, speech_shed=sp.shed if sp else 0,
            speech_rtf=sp.rtf if sp else 0.0,
            holdback_lag_s=self.chain.redact.holdback_lag_s(),
            masked_lag_s=self.chain.redact.holdback.lagged_s,
            events_lost=self.bus.lost_total)

    def restarts(self) -> dict[str, int]:
        out = {"speech": self.speech.restarts if self.speech else 0}
        out["capture"] = sum(r.restarts for r in self._runners)
        return out

    def health(self) -> Health:
        cpu, rss = self._usage.sample()
        if cpu == 0.0 and self._last_cpu[1]:
            cpu = self._last_cpu[0]  # two samples too close together: keep the last figure
        self._last_cpu = (cpu, rss)
        return health_event(time.monotonic() - self._t0, self.figures(), cpu, rss, self.restarts())

    # -- running ----------------------------------------------------------------------------
    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        cfg = self.config
        items: asyncio.Queue[Message] = asyncio.Queue(ITEM_QUEUE)
        self.output.start()
        tasks: list[asyncio.Task[Any]] = []
        try:
            if self.speech is not None:
                await self.speech.start()
                tasks.append(asyncio.create_task(self._outcomes(), name="speech-outcomes"))
            await self._start_services()
            if cfg.metrics.enabled:
                from ccedge.core.runtime.metrics import Metrics

                self.metrics = Metrics(cfg.metrics.address, cfg.metrics.port)
            put = await queue_putter(loop, items)
            for src in self.sources:
                live = bool(getattr(src, "interfaces", ()))
                runner = SourceRunner(src, process=cfg.capture.process, restart=live)
                self._runners.append(runner)
                runner.start(put)
                if self._stopping:  # a signal came while speech was starting
                    runner.stop()
            notify("READY=1")
            tasks.append(asyncio.create_task(self._tick(), name="health"))
            await self._consume(items, len(self._runners))
            if not (cfg.capture.exit_when_done or self._stopping):
                await self._stop.wait()  # replays are over; live sources or services may remain
                while (m := items.get_nowait() if not items.empty() else None) is not None:
                    await self._handle(m)
            await self._drain()
        finally:
            for t in tasks:
                t.cancel()
            # Bounded: a task stuck past its cancellation must not keep --exit-when-done alive
            # (the open point of appliance-notes.md: every call_ended, then no final health).
            if tasks:
                _, stuck = await asyncio.wait(tasks, timeout=SHUTDOWN_STEP_S)
                for t in stuck:
                    log.error("task %s did not stop within %.0f s", t.get_name(), SHUTDOWN_STEP_S)
            await self._shutdown()
        return 0

    async def _consume(self, items: asyncio.Queue[Message], active: int) -> None:
        fast = self.config.capture.fast
        limit = max(8, min(self.config.speech.queue - 1, 16 * self.config.speech.pool_size()[0]))
        while active:
            m = await items.get()
            if m[0] != "items":
                active -= 1
            await self._handle(m)
            if fast and self.speech is not None:
                await self.speech.wait_below(limit)

    async def _handle(self, m: Message) -> None:
        kind, payload = m
        async with self._lock:
            if kind == "items":
                for item in payload:
                    await self.chain.process(item)
            elif kind == "lost":
                log.error("source %s lost; its open calls are closed", payload)
                await self.chain.close_all("capture-lost")

    async def _outcomes(self) -> None:
        assert self.speech is not None
        async for o in self.speech.outcomes():
            async with self._lock:
                await self.chain.transcribed(o)

    async def _drain(self) -> None:
        """Wait for speech to answer every closed call, then close what remains. A stop (signal)
        waits at most ``runtime.drain_timeout_s``; the natural end of replays waits for speech
        (``Chain.expire`` still bounds a call that never hears back)."""
        limit = self.config.runtime.drain_timeout_s if self._stopping else float("inf")
        deadline = time.monotonic() + limit
        async with self._lock:
            await self.chain.close_all("shutdown")
        while self.chain.calls and time.monotonic() < deadline:  # noqa: ASYNC110 - bounded poll
            await asyncio.sleep(0.05)
        async with self._lock:
            for live in list(self.chain.calls.values()):
                live.closed_at = 0.0
            await self.chain.expire()

    async def _tick(self) -> None:
        every = self.config.runtime.health_interval_s
        while True:
            await asyncio.sleep(every)
            h = self.health()
            await self.bus.publish(h)
            if self.metrics is not None:
                self.metrics.update(h)
            notify("WATCHDOG=1")
            async with self._lock:
                await self.chain.expire()

    async def _start_services(self) -> None:
        if not self.config.api_enabled:
            return
        for ep in entry_points(group="ccedge.services"):
            service = ep.load()(self)
            await service.start()
            self.services.append(service)

    async def _shutdown(self) -> None:
        h = self.health()
        try:  # a storing subscriber that stopped reading must not hold the exit forever
            await asyncio.wait_for(self.bus.publish(h), SHUTDOWN_STEP_S)
        except TimeoutError:
            log.error("final health not delivered within %.0f s", SHUTDOWN_STEP_S)
        for s in reversed(self.services):
            try:
                await s.stop()
            except Exception as e:  # one service failing to stop must not keep the others up
                log.error("service %s did not stop cleanly: %s", type(s).__name__, type(e).__name__)
        for r in self._runners:
            r.stop()
        if self.speech is not None:
            await self.speech.close()
        if self.metrics is not None:
            self.metrics.close()
        await self.output.aclose()
        self.bus.close()
        self.last_health = h


__all__ = ["Runtime", "policy_from", "sources_from"]
