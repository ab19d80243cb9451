"""A small harness to drive one stage, or a chain of stages, in tests and tools.

A stage is any object with ``async process(frame) -> Sequence[frame]`` and,
optionally, ``async flush() -> Sequence[frame]`` called once after the last frame.
Plain callables ``frame -> Sequence[frame]`` (pure DSP functions) are accepted too.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Stage(Protocol):
    async def process(self, frame: Any) -> Sequence[Any]: ...


StageLike = Stage | Callable[[Any], Sequence[Any]]


async def _feed(stage: StageLike, frames: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    process = stage.process if isinstance(stage, Stage) else stage
    for frame in frames:
        result = process(frame)
        if inspect.isawaitable(result):
            result = await result
        out.extend(result)
    flush = getattr(stage, "flush", None)
    if flush is not None:
        result = flush()
        if inspect.isawaitable(result):
            result = await result
        out.extend(result)
    return out


async def async_run_pipeline(stages: Sequence[StageLike], frames: Iterable[Any]) -> list[Any]:
    """Feed ``frames`` through each stage in turn and return what the last one produced."""
    current: list[Any] = list(frames)
    for stage in stages:
        current = await _feed(stage, current)
    return current


def run_pipeline(stages: Sequence[StageLike] | StageLike, frames: Iterable[Any]) -> list[Any]:
    """Synchronous wrapper of :func:`async_run_pipeline` for tests and command-line tools."""
    chain = list(stages) if isinstance(stages, Sequence) else [stages]
    return asyncio.run(async_run_pipeline(chain, frames))
