"""The speech stage of the live chain: utterances to the whisper.cpp worker pool, outcomes back.

``submit`` never waits: every live utterance has the same priority, so when the pool's queue
is full the new one is shed (``UtteranceQueue.put``), never one already queued, and the chain
treats a shed utterance as unheard (masked where data was asked for). Outcomes come back on
one reader thread and enter the event loop through a bounded-by-construction queue (there
are never more outcomes than utterances submitted).
"""

from __future__ import annotations

import asyncio
import queue as stdqueue
import threading
from collections import deque
from collections.abc import AsyncIterator
from pathlib import Path

from ccedge.core.frames import Utterance
from ccedge.core.runtime.config import SpeechConfig
from ccedge.core.speech.workers import Outcome, WorkerPool

RTF_BATCHES = 64


class SpeechService:
    def __init__(self, config: SpeechConfig, fault_call_id: str = "") -> None:
        self.config = config
        self.fault_call_id = fault_call_id
        self.pool: WorkerPool | None = None
        self.submitted = 0
        self.done = 0
        self.shed = 0
        self._out: asyncio.Queue[Outcome | None] | None = None
        self._reader: threading.Thread | None = None
        self._stop = threading.Event()
        # recent worker batches: (worker, decode_s) -> [audio seconds, decode seconds]; the
        # utterances of one packed batch share one decode time, so it is counted once
        self._batches: deque[tuple[tuple[int, float], list[float]]] = deque(maxlen=RTF_BATCHES)

    async def start(self) -> None:
        from ccedge.core.speech import TranscribeOptions, find_model

        cfg = self.config
        model = Path(cfg.model).expanduser() if cfg.model else find_model()  # noqa: ASYNC240 - once, at start
        workers, threads = cfg.pool_size()
        from ccedge.core.speech.ggml import is_multilingual

        # A multilingual model (Whisper base) decodes each leg in its own language (issue 15).
        language = "auto" if is_multilingual(model) else "en"
        opts = TranscribeOptions(n_threads=threads, language=language, pack_wait_s=cfg.pack_wait_s,
                                 pack_seconds_backlog=cfg.pack_seconds_backlog, pack_gap_s=cfg.pack_gap_s,
                                 audio_ctx_min=cfg.audio_ctx_min, flash_encoder=cfg.flash_encoder,
                                 initial_prompt=cfg.initial_prompt())
        pool = WorkerPool(model, workers=workers, options=opts,
                          queue_size=cfg.queue, fault_call_id=self.fault_call_id)
        await asyncio.to_thread(pool.start)
        self.pool = pool
        self._out = asyncio.Queue()
        loop = asyncio.get_running_loop()
        self._reader = threading.Thread(target=self._read, args=(loop, pool, self._out),
                                        name="speech-outcomes", daemon=True)
        self._reader.start()

    def _read(self, loop: asyncio.AbstractEventLoop, pool: WorkerPool,
              out: asyncio.Queue[Outcome | None]) -> None:
        while not self._stop.is_set():
            try:
                o = pool.results.get(timeout=0.2)
            except stdqueue.Empty:
                continue
            loop.call_soon_threadsafe(out.put_nowait, o)
        loop.call_soon_threadsafe(out.put_nowait, None)

    def submit(self, u: Utterance) -> bool:
        assert self.pool is not None
        if self.pool.submit(u):
            self.submitted += 1
            return True
        self.shed += 1
        return False

    @property
    def pending(self) -> int:
        return self.submitted - self.done

    async def outcomes(self) -> AsyncIterator[Outcome]:
        assert self._out is not None
        while (o := await self._out.get()) is not None:
            self.done += 1
            self._account(o)
            yield o

    def _account(self, o: Outcome) -> None:
        if not o.ok or o.decode_s <= 0.0:
            return
        key = (o.worker, o.decode_s)
        audio_s = len(o.utterance.samples) / max(o.utterance.rate, 1)
        if self._batches and self._batches[-1][0] == key:
            self._batches[-1][1][0] += audio_s
        else:
            self._batches.append((key, [audio_s, o.decode_s]))

    @property
    def rtf(self) -> float:
        """The transcription real-time factor: decode seconds per audio second over the last
        ``RTF_BATCHES`` worker batches (below 1: faster than real time per worker)."""
        audio = sum(b[1][0] for b in self._batches)
        return sum(b[1][1] for b in self._batches) / audio if audio > 0 else 0.0

    async def wait_below(self, limit: int) -> None:
        """Fast replays only: hold the source while this many utterances are in speech."""
        while self.pending >= limit:  # noqa: ASYNC110 - a count across threads, polled briefly
            await asyncio.sleep(0.02)

    @property
    def queue_depth(self) -> int:
        return len(self.pool.queue) if self.pool else 0

    @property
    def lag_s(self) -> float:
        if self.pool is None:
            return 0.0
        return max((lag.oldest_wait_s for lag in self.pool.queue.lag().values()), default=0.0)

    @property
    def restarts(self) -> int:
        return self.pool.restarts if self.pool else 0

    def worker_pids(self) -> list[int]:
        return [p for p in (self.pool.worker_pids() if self.pool else []) if p]

    async def close(self) -> None:
        if self.pool is not None:
            await asyncio.to_thread(self.pool.close)
        self._stop.set()
        if self._reader is not None:
            await asyncio.to_thread(self._reader.join, 2.0)


__all__ = ["SpeechService"]
