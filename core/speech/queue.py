"""Bounded priority queue between the VAD and the speech workers.

Live calls go first (``Utterance.priority`` 0), re-scans last (10); within a priority,
oldest first. ``put`` never blocks (the tap and the recording must not wait on
transcription): when the queue is full the least urgent item is shed, the new one if it
is no more urgent than everything queued. Each shed is counted against its call, and
:meth:`UtteranceQueue.lag` reports per call how far transcription is behind.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from dataclasses import dataclass

from ccedge.core.frames import Utterance
from ccedge.core.speech.errors import SpeechError


@dataclass(frozen=True)
class CallLag:
    """How far transcription is behind on one call."""

    call_id: str
    pending: int  # utterances queued, not yet taken by a worker
    oldest_wait_s: float  # time the oldest queued one has waited
    shed: int  # utterances dropped by back-pressure so far


@dataclass(order=True)
class _Item:
    priority: int
    seq: int
    enqueued: float
    utt: Utterance


class UtteranceQueue:
    def __init__(self, maxsize: int = 256) -> None:
        if maxsize < 1:
            raise SpeechError("utterance queue size must be at least 1")
        self.maxsize = maxsize
        self._heap: list[_Item] = []
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._shed: dict[str, int] = {}
        self._closed = False
        self._packing = False  # a get_batch is gathering utterances for its window

    def __len__(self) -> int:
        with self._cond:
            return len(self._heap)

    def put(self, utt: Utterance) -> bool:
        """Queue ``utt`` without blocking; False when it was shed instead."""
        item = _Item(utt.priority, next(self._seq), time.monotonic(), utt)
        with self._cond:
            if self._closed:
                raise SpeechError("utterance queue is closed")
            if len(self._heap) >= self.maxsize:
                worst = max(self._heap)  # least urgent: highest priority number, newest within it
                if item.priority >= worst.priority:  # the new one would be the worst: shed it
                    self._count_shed(utt.call_id)
                    return False
                self._heap.remove(worst)
                heapq.heapify(self._heap)
                self._count_shed(worst.utt.call_id)
            heapq.heappush(self._heap, item)
            self._cond.notify_all()  # a packer gathering for its window must see it too
            return True

    def _count_shed(self, call_id: str) -> None:
        self._shed[call_id] = self._shed.get(call_id, 0) + 1

    def shed_undo(self, call_id: str) -> None:
        """Forget one shed of ``call_id``: a batch producer that waits and resubmits sheds nothing."""
        with self._cond:
            if self._shed.get(call_id, 0) > 0:
                self._shed[call_id] -= 1

    @property
    def closed(self) -> bool:
        return self._closed

    def get(self, timeout: float | None = None) -> tuple[Utterance, float] | None:
        """The most urgent utterance and its enqueue time (monotonic); None on timeout or close."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            return self._pop(deadline)

    def _pop(self, deadline: float | None) -> tuple[Utterance, float] | None:
        """Pop the head once there is one and no packer is gathering (the lock is held)."""
        while not self._heap or (self._packing and not self._closed):
            if self._closed and not self._heap:
                return None
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                return None
            self._cond.wait(remaining)
        item = heapq.heappop(self._heap)
        return item.utt, item.enqueued

    def get_batch(
        self,
        timeout: float | None = None,
        max_seconds: float = 0.0,
        max_items: int = 8,
        gap_s: float = 0.0,
        wait_s: float = 0.0,
        backlog_seconds: float = 0.0,
    ) -> list[tuple[Utterance, float]]:
        """The most urgent utterance plus others already waiting that fit one window.

        A window holds at most ``max_seconds``: the utterances' audio plus ``gap_s`` of
        silence between each two (the engine lays them out so). Waiting utterances are
        taken first-fit in urgency order, so a long one that does not fit does not stop
        shorter ones behind it from filling the window; it stays at the head for the next
        window. With ``wait_s`` (0: never), a window with room waits until the first
        utterance has been queued that long for others to share it: a lone short utterance
        pays for the encoder's whole floor window, so under load packing buys throughput
        for a bounded latency. One caller gathers at a time: the others wait in ``get`` meanwhile
        (they would take the very utterances it waits for, and each go alone). With
        ``backlog_seconds`` (more than ``max_seconds``), a window may hold that much when more
        audio is already waiting than ``max_seconds`` holds: under a backlog, fewer and fuller
        windows (the wait then never applies: there is enough to pack).
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            first = self._pop(deadline)
            if first is None:
                return []
            out = [first]
            total = first[0].t1 - first[0].t0
            if backlog_seconds > max_seconds:
                waiting = total + sum(it.utt.t1 - it.utt.t0 + gap_s for it in self._heap)
                if waiting > max_seconds:
                    max_seconds = backlog_seconds
            until = first[1] + wait_s
            self._packing = wait_s > 0
            try:
                while (
                    self._packing
                    and not self._closed
                    and total + gap_s < max_seconds
                    and sum(it.utt.t1 - it.utt.t0 + gap_s for it in self._heap) + total < max_seconds
                    and len(self._heap) + 1 < max_items
                ):
                    remaining = until - time.monotonic()
                    if remaining <= 0:
                        break
                    self._cond.wait(remaining)
            finally:
                if self._packing:
                    self._packing = False
                    self._cond.notify_all()
            taken: list[_Item] = []
            for item in sorted(self._heap):
                if len(out) >= max_items or total + gap_s >= max_seconds:
                    break
                dur = item.utt.t1 - item.utt.t0
                if total + gap_s + dur > max_seconds:
                    continue
                taken.append(item)
                out.append((item.utt, item.enqueued))
                total += gap_s + dur
            if taken:
                ids = {id(it) for it in taken}
                self._heap = [it for it in self._heap if id(it) not in ids]
                heapq.heapify(self._heap)
            if self._heap:
                self._cond.notify_all()  # what did not fit is another idle worker's
        return out

    def close(self) -> None:
        """Wake every waiting ``get``; queued items can still be drained."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def lag(self) -> dict[str, CallLag]:
        now = time.monotonic()
        with self._cond:
            pending: dict[str, list[float]] = {}
            for it in self._heap:
                pending.setdefault(it.utt.call_id, []).append(it.enqueued)
            calls = set(pending) | set(self._shed)
            return {
                c: CallLag(
                    call_id=c,
                    pending=len(pending.get(c, ())),
                    oldest_wait_s=now - min(pending[c]) if c in pending else 0.0,
                    shed=self._shed.get(c, 0),
                )
                for c in calls
            }
