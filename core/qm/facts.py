"""What QM knows about a finished call: rule statuses with evidence (from guidance, handed in
through :class:`RuleSource`), the customer's sentiment, talk shares, summary and tags.

QM never imports guidance: the runtime (or the ``score`` command) gives the QM stage an object
with ``finish(call_id, end_s)`` returning each rule's outcome. Facts are kept per call so a
call can be re-scored later with another scorecard version without the transcript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


class RuleOutcome(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    def to_json(self) -> dict[str, Any]: ...


class RuleSource(Protocol):
    def finish(self, call_id: str, end_s: float) -> Sequence[RuleOutcome]: ...


@dataclass(slots=True)
class CallFacts:
    call_id: str
    agent: str = ""
    team: str = ""
    caller_key: str = ""  # salted hash of the caller's number (events' Party.key), never the number
    started: float = 0.0  # epoch seconds
    duration_s: float = 0.0
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {"status", "evidence", ...}
    sentiment: dict[str, Any] = field(default_factory=dict)  # start, end, min, recovered, trajectory
    agent_talk_ratio: float | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "call_id": self.call_id,
            "agent": self.agent,
            "team": self.team,
            "caller_key": self.caller_key,
            "started": self.started,
            "duration_s": round(self.duration_s, 2),
            "rules": self.rules,
            "sentiment": self.sentiment,
            "agent_talk_ratio": self.agent_talk_ratio,
            "summary": self.summary,
            "tags": self.tags,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> CallFacts:
        return cls(
            d["call_id"],
            d.get("agent", ""),
            d.get("team", ""),
            d.get("caller_key", ""),
            float(d.get("started", 0.0)),
            float(d.get("duration_s", 0.0)),
            dict(d.get("rules", {})),
            dict(d.get("sentiment", {})),
            d.get("agent_talk_ratio"),
            dict(d.get("summary", {})),
            list(d.get("tags", [])),
        )
