"""The speech stage for a pipeline: ``Utterance`` in, ``Transcript`` out, never blocking.

``process`` hands the utterance to the :class:`WorkerPool` queue (which sheds rather than
waits) and returns whatever transcripts have finished by then, so the event loop and the
tap never wait on whisper.cpp. ``flush`` waits for everything submitted. Frames that are
not utterances pass through unchanged. Failed utterances produce no transcript; they are
counted (``failed``) and their calls show in :meth:`lag` via the pool's queue.
"""

from __future__ import annotations

import asyncio
import queue as stdqueue
from typing import Any

from ccedge.core.frames import Transcript, Utterance
from ccedge.core.speech.queue import CallLag
from ccedge.core.speech.workers import Outcome, WorkerPool


class SpeechStage:
    def __init__(self, pool: WorkerPool) -> None:
        self.pool = pool
        self.pending = 0
        self.shed = 0
        self.failed = 0

    async def process(self, frame: Any) -> list[Any]:
        if not isinstance(frame, Utterance):
            return [frame]
        if self.pool.submit(frame):
            self.pending += 1
        else:
            self.shed += 1
        return self._ready()

    def _take(self, outcome: Outcome) -> list[Any]:
        self.pending -= 1
        if outcome.transcript is None:
            self.failed += 1
            return []
        return [outcome.transcript]

    def _ready(self) -> list[Transcript]:
        out: list[Transcript] = []
        while True:
            try:
                out += self._take(self.pool.results.get_nowait())
            except stdqueue.Empty:
                return out

    async def flush(self) -> list[Transcript]:
        """Wait (without blocking the loop) until every submitted utterance has an outcome;
        wrap in ``asyncio.timeout`` to bound it."""
        out = self._ready()
        while self.pending > 0:
            await asyncio.sleep(0.02)
            out += self._ready()
        return out

    def lag(self) -> dict[str, CallLag]:
        return self.pool.queue.lag()
