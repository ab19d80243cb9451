"""--exit-when-done ends even when a task does not stop when cancelled (appliance-notes.md: every
call_ended written, then no final health and no exit). Old behaviour: run() awaited each cancelled
task without a bound and so waited as long as the stuck task did."""

from __future__ import annotations

import asyncio
import time

import pytest

from ccedge.core.events import Event, Health
from ccedge.core.runtime import Runtime, RuntimeConfig, TapSource
from ccedge.core.runtime import runtime as runtime_mod
from ccedge.core.runtime.config import CaptureConfig, SpeechConfig
from ccedge.core.simulate.demo import bundled_capture

NO_SPEECH = RuntimeConfig(capture=CaptureConfig(fast=True, exit_when_done=True, process=False),
                          speech=SpeechConfig(enabled=False))
STUCK_S = 25.0


def test_run_returns_with_a_final_health_when_a_task_ignores_cancellation(
        monkeypatch: pytest.MonkeyPatch) -> None:
    async def stubborn_tick(self: Runtime) -> None:
        until = time.monotonic() + STUCK_S  # a real stuck task, bounded so the test ends
        while time.monotonic() < until:
            try:
                await asyncio.sleep(until - time.monotonic())
            except asyncio.CancelledError:
                continue

    monkeypatch.setattr(Runtime, "_tick", stubborn_tick)
    monkeypatch.setattr(runtime_mod, "SHUTDOWN_STEP_S", 1.0, raising=False)
    src = TapSource(paths=(str(bundled_capture()),), paced=False, name="replay")
    rt = Runtime(NO_SPEECH, sources=[src])
    seen: list[Event] = []

    async def main() -> float:
        sub = rt.bus.subscribe("test", maxsize=10000, policy="block")

        async def read() -> None:
            async for e in sub:
                seen.append(e)

        reader = asyncio.create_task(read())
        t0 = time.monotonic()
        await rt.run()
        took = time.monotonic() - t0
        await reader
        return took

    took = asyncio.run(main())
    assert took < STUCK_S - 5, f"run() waited {took:.1f} s for a task that ignored cancellation"
    assert any(e.type == "call_ended" for e in seen)
    assert isinstance(seen[-1], Health)
