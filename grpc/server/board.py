"""What the API remembers of the live floor, built from the runtime's events.

One storing-free consumer of the bus keeps, per active call, the started event, the latest
talk statistics, the open prompts, the running score and the redacted utterances so far (so a
console that joins mid-call sees the transcript from the start). Everything is bounded: a
call keeps at most ``max_utterances`` utterances (oldest dropped, counted), the board
remembers ``max_ended`` ended calls and ``max_health`` health snapshots.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from ccedge.core.bus import Subscription
from ccedge.core.events import (
    CallEnded,
    CallStarted,
    CallUpdated,
    DtmfMasked,
    Event,
    GuidancePrompt,
    Health,
    Score,
    SentimentUpdated,
    TalkStats,
    UtteranceRedacted,
)


@dataclass(slots=True)
class CallView:
    started: CallStarted
    max_items: int
    state: str = "active"  # active | held | ended
    last_t: float = 0.0
    last_seen: float = field(default_factory=time.monotonic)  # board clock when last_t last moved
    talk: dict[str, TalkStats] = field(default_factory=dict)
    prompts: dict[str, GuidancePrompt] = field(default_factory=dict)  # rule -> latest
    scores: dict[tuple[str, str], Score] = field(default_factory=dict)
    ended: CallEnded | None = None
    sentiment: float | None = None  # the customer's, smoothed (guidance), latest
    items: deque[UtteranceRedacted | DtmfMasked] = field(init=False)
    items_dropped: int = 0

    def __post_init__(self) -> None:
        self.items = deque(maxlen=self.max_items)

    @property
    def call_id(self) -> str:
        return self.started.call_id

    def duration(self, now: float | None = None) -> float:
        if self.ended is not None:
            return self.ended.duration_s
        # The call clock as last heard plus the board's own elapsed time since: never now minus
        # ``started.wall``, which is the capture's clock for a replayed call (weeks off).
        return self.last_t + max(0.0, time.monotonic() - self.last_seen)

    def open_prompts(self) -> list[GuidancePrompt]:
        return [p for p in self.prompts.values() if p.state == "open"]

    def running_score(self) -> Score | None:
        return max(self.scores.values(), key=lambda s: s.t) if self.scores else None

    def add_item(self, e: UtteranceRedacted | DtmfMasked) -> None:
        if len(self.items) == self.items.maxlen:
            self.items_dropped += 1
        self.items.append(e)


class Board:
    def __init__(self, max_ended: int = 200, max_utterances: int = 2000, max_health: int = 720) -> None:
        self.active: dict[str, CallView] = {}
        self.ended: OrderedDict[str, CallView] = OrderedDict()
        self.health: deque[Health] = deque(maxlen=max_health)
        self.health_walls: deque[float] = deque(maxlen=max_health)
        self.max_ended = max_ended
        self.max_utterances = max_utterances
        self.applied = 0
        self.started_wall = time.time()

    def call(self, call_id: str) -> CallView | None:
        return self.active.get(call_id) or self.ended.get(call_id)

    def calls(self, include_ended: bool = False) -> list[CallView]:
        out = list(self.active.values())
        if include_ended:
            out += list(reversed(self.ended.values()))
        return out

    def latest_health(self) -> Health | None:
        return self.health[-1] if self.health else None

    def apply(self, e: Event) -> None:
        """Fold one event into the board (only routing and dict updates: no I/O)."""
        self.applied += 1
        if isinstance(e, Health):
            self.health.append(e)
            self.health_walls.append(time.time())
            return
        if isinstance(e, CallStarted):
            self.active[e.call_id] = CallView(e, self.max_utterances)
            return
        view = self.active.get(e.call_id)
        if view is None:
            return
        if e.t > view.last_t:
            view.last_t, view.last_seen = e.t, time.monotonic()
        if isinstance(e, UtteranceRedacted | DtmfMasked):
            view.add_item(e)
        elif isinstance(e, TalkStats):
            view.talk[e.leg] = e
        elif isinstance(e, GuidancePrompt):
            view.prompts[e.rule] = e
        elif isinstance(e, Score):
            view.scores[(e.scorecard, e.version)] = e
        elif isinstance(e, SentimentUpdated):
            if e.role == "customer":
                view.sentiment = e.value
        elif isinstance(e, CallUpdated):
            if e.change == "held":
                view.state = "held"
            elif e.change == "resumed":
                view.state = "active"
        elif isinstance(e, CallEnded):
            view.ended, view.state = e, "ended"
            del self.active[e.call_id]
            self.ended[e.call_id] = view
            while len(self.ended) > self.max_ended:
                self.ended.popitem(last=False)

    async def follow(self, sub: Subscription) -> None:
        async for e in sub:
            self.apply(e)


__all__ = ["Board", "CallView"]
