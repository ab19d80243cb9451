"""In-process publish/subscribe of events, with a bounded queue per subscriber.

Two kinds of subscriber, as ARCHITECTURE.md asks:

* **live** (a console, a gRPC stream, ``--events``): its queue is bounded; when it is full the
  *oldest* event is dropped, and the next ``get`` first returns an :class:`EventsLost` saying
  how many were dropped. A slow live subscriber never slows the publisher.
* **storing** (the vault, guidance and QM state that must see every event): its queue is
  bounded too, but ``publish`` waits for room instead of dropping: back-pressure, never loss.

Everything runs on one event loop; ``publish`` only routes (no I/O, no copying of audio).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from typing import Literal

from ccedge.core.events import Event, EventsLost

Policy = Literal["drop-oldest", "block"]


class Subscription:
    """One subscriber's queue. Iterate it (``async for e in sub``) or call :meth:`get`."""

    def __init__(self, bus: EventBus, name: str, maxsize: int, policy: Policy) -> None:
        if maxsize < 1:
            raise ValueError("a subscription needs room for at least one event")
        self.name = name
        self.maxsize = maxsize
        self.policy = policy
        self.lost = 0  # dropped since the last EventsLost was handed out
        self.lost_total = 0
        self.closed = False
        self._bus = bus
        self._items: deque[Event | None] = deque()
        self._readable = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()

    def __len__(self) -> int:
        return len(self._items)

    def offer(self, e: Event | None) -> bool:
        """Queue ``e`` without waiting; False when a blocking subscription is full."""
        if self.closed:
            return True
        if len(self._items) >= self.maxsize:
            if self.policy == "block" and e is not None:
                self._room.clear()
                return False
            self._items.popleft()
            self.lost += 1
            self.lost_total += 1
        self._items.append(e)
        self._readable.set()
        return True

    async def put(self, e: Event | None) -> None:
        while not self.offer(e):
            await self._room.wait()

    async def get(self) -> Event | None:
        """The next event; an ``EventsLost`` first when some were dropped; None once closed."""
        while True:
            if self.lost:
                count, self.lost = self.lost, 0
                last = self._items[0] if self._items else None
                return EventsLost(call_id="", t=last.t if last else 0.0, count=count)
            if self._items:
                e = self._items.popleft()
                self._room.set()
                if not self._items:
                    self._readable.clear()
                return e
            if self.closed:
                return None
            await self._readable.wait()

    def __aiter__(self) -> AsyncIterator[Event]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Event]:
        while (e := await self.get()) is not None:
            yield e

    def close(self) -> None:
        """Stop receiving; a reader drains what is queued, then gets None."""
        if not self.closed:
            self.closed = True
            self._items.append(None)
            self._readable.set()
            self._room.set()
            self._bus.unsubscribe(self)


class EventBus:
    """Fan-out of events to subscribers; see the module docstring."""

    def __init__(self) -> None:
        self._subs: list[Subscription] = []
        self.published = 0

    def subscribe(self, name: str, maxsize: int = 1000, policy: Policy = "drop-oldest") -> Subscription:
        sub = Subscription(self, name, maxsize, policy)
        self._subs.append(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        if sub in self._subs:
            self._subs.remove(sub)

    @property
    def subscribers(self) -> tuple[Subscription, ...]:
        return tuple(self._subs)

    @property
    def lost_total(self) -> int:
        return sum(s.lost_total for s in self._subs)

    async def publish(self, e: Event) -> None:
        """Hand ``e`` to every subscriber; waits only while a storing subscriber is full."""
        self.published += 1
        for sub in tuple(self._subs):
            if not sub.offer(e):
                await sub.put(e)

    def close(self) -> None:
        for sub in tuple(self._subs):
            sub.close()


__all__ = ["EventBus", "Policy", "Subscription"]
