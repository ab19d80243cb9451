"""What the console knows, kept between redraws: the live floor as the API has told it.

The link worker applies each :data:`~ccedge.tui.client.Update` here; screens redraw from it at
a bounded rate (``version`` tells them whether anything changed), so a burst of events costs
one redraw, not one per event. Every collection is bounded.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ccedge.tui.client import (
    CallEnded,
    CallRow,
    EventsLost,
    HealthSample,
    Prompt,
    Scorecard,
    Update,
)

MAX_CALLS = 2000  # ended calls beyond this are forgotten oldest first (the vault keeps them)
MAX_ALERTS = 500
MAX_HEALTH = 1800  # one hour at one sample every two seconds


@dataclass(slots=True)
class FloorState:
    calls: dict[str, CallRow] = field(default_factory=dict)
    alerts: deque[Prompt] = field(default_factory=lambda: deque(maxlen=MAX_ALERTS))
    open_prompts: dict[str, dict[str, Prompt]] = field(default_factory=dict)  # call -> rule -> prompt
    scores: dict[str, Scorecard] = field(default_factory=dict)
    health: deque[HealthSample] = field(default_factory=lambda: deque(maxlen=MAX_HEALTH))
    seen_at: dict[str, float] = field(default_factory=dict)  # call -> our clock at its last snapshot
    lost: int = 0
    version: int = 0
    clock: Callable[[], float] = time.time

    def apply(self, u: Update) -> None:
        """Fold one update in; unknown calls in prompts or scores are kept for when they show up."""
        self.version += 1
        if isinstance(u, CallRow):
            old = self.calls.get(u.call_id)
            if old is not None:  # keep what other updates told us about this call
                u = replace(u, open_prompts=old.open_prompts,
                            score=u.score if u.score is not None else old.score,
                            sentiment=u.sentiment if u.sentiment is not None else old.sentiment)
            self.calls[u.call_id] = u
            self.seen_at[u.call_id] = self.clock()
            self._trim()
        elif isinstance(u, CallEnded):
            old = self.calls.get(u.call_id)
            if old is not None:
                self.calls[u.call_id] = replace(old, live=False, duration_s=u.duration_s,
                                                end_reason=u.reason)
        elif isinstance(u, Prompt):
            rules = self.open_prompts.setdefault(u.call_id, {})
            if u.state == "open":
                rules[u.rule] = u
            else:
                rules.pop(u.rule, None)
            if u.state != "cleared":
                self.alerts.appendleft(u)
            self._set(u.call_id, open_prompts=len(rules))
        elif isinstance(u, Scorecard):
            self.scores[u.call_id] = u
            self._set(u.call_id, score=u.total)
        elif isinstance(u, HealthSample):
            self.health.append(u)
        elif isinstance(u, EventsLost):
            self.lost += u.count

    def set_sentiment(self, call_id: str, value: float) -> None:
        self.version += 1
        self._set(call_id, sentiment=value)

    def duration(self, row: CallRow) -> float:
        """The appliance's figure, moved on by our own clock since it came (never our clock minus
        the appliance's start time: a console's clock need not agree with the box's)."""
        if not row.live:
            return row.duration_s
        return row.duration_s + max(0.0, self.clock() - self.seen_at.get(row.call_id, self.clock()))

    def _set(self, call_id: str, **changes: object) -> None:
        row = self.calls.get(call_id)
        if row is not None:
            self.calls[call_id] = replace(row, **changes)  # type: ignore[arg-type]

    def _trim(self) -> None:
        if len(self.calls) <= MAX_CALLS:
            return
        ended = sorted((r for r in self.calls.values() if not r.live), key=lambda r: r.started)
        for r in ended[: len(self.calls) - MAX_CALLS]:
            del self.calls[r.call_id]
            self.seen_at.pop(r.call_id, None)
            self.open_prompts.pop(r.call_id, None)
            self.scores.pop(r.call_id, None)
