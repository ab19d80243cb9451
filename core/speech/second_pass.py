"""The second pass: after a call ends, a larger model rewrites its transcript when the box is idle.

The live pass stays on the model that holds the live call target (tiny.en); a finished call's
utterances wait in :class:`SecondPassQueue` and a larger rung (Whisper base) transcribes them again
only while the box has spare CPU (:func:`spare_cpu`), so it never delays live calls. The live
transcript is kept until the better one exists: :func:`retranscribe_call` returns a whole new set
of transcripts (same call, legs and times, another model name) or raises, never a half-done one.

The queue is bounded by calls; when it is full the oldest waiting call is dropped (its live
transcript simply stays) and counted, so a busy day never grows memory. The wiring (finished calls
in from the vault, a nice-19 worker, redaction's re-check, the stored transcript replaced) is
``ccedge.core.runtime.second_pass``, switched on by ``[speech] second_pass_model``.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from ccedge.core.frames import Transcript, Utterance
from ccedge.core.speech.engine import Engine
from ccedge.core.speech.errors import SpeechError

RESCAN_PRIORITY = 10  # Utterance.priority of re-scans: behind every live utterance


@dataclass(frozen=True)
class SecondPassJob:
    call_id: str
    utterances: tuple[Utterance, ...]


class SecondPassQueue:
    """Finished calls waiting for the second pass; bounded, drop-oldest, thread-safe."""

    def __init__(self, max_calls: int = 64) -> None:
        if max_calls < 1:
            raise SpeechError("second-pass queue needs room for at least one call")
        self._jobs: deque[SecondPassJob] = deque()
        self._max = max_calls
        self._lock = threading.Lock()
        self.dropped = 0  # calls whose second pass was given up (their live transcript stays)

    def offer(self, call_id: str, utterances: Sequence[Utterance]) -> None:
        """Queue a finished call; never blocks. Silent calls (no utterances) are not queued."""
        if not utterances:
            return
        job = SecondPassJob(call_id, tuple(utterances))
        with self._lock:
            if len(self._jobs) >= self._max:
                self._jobs.popleft()
                self.dropped += 1
            self._jobs.append(job)

    def take(self, idle: bool) -> SecondPassJob | None:
        """The oldest waiting call, only when ``idle`` says the box has spare CPU."""
        if not idle:
            return None
        with self._lock:
            return self._jobs.popleft() if self._jobs else None

    def __len__(self) -> int:
        with self._lock:
            return len(self._jobs)


def spare_cpu(reserve_cores: float = 1.0) -> bool:
    """True when the 1-minute load leaves at least ``reserve_cores`` cores unused."""
    cores = os.cpu_count() or 1
    return os.getloadavg()[0] <= cores - reserve_cores


def retranscribe_call(engine: Engine, utterances: Sequence[Utterance]) -> list[Transcript]:
    """Every utterance of a finished call transcribed again, in order; one transcript each.

    Utterances are decoded one window each (not packed): words then never change utterance,
    and latency does not matter here.
    """
    out = [engine.transcribe_one(u).transcript for u in utterances]
    if len(out) != len(utterances):
        raise SpeechError("second pass lost an utterance")
    return out


def run_one(queue: SecondPassQueue, engine: Engine, idle: bool) -> tuple[str, list[Transcript]] | None:
    """Take one waiting call when idle and transcribe it again: (call id, new transcripts)."""
    job = queue.take(idle)
    if job is None:
        return None
    return job.call_id, retranscribe_call(engine, job.utterances)
