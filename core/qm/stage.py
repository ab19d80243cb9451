"""The QM stage: scores each call against the site's scorecard when it ends.

It keeps, per live call, the parties (agent label, the caller's salted key) and the redacted
utterances (bounded), and on ``call_ended`` asks the rule source (guidance) for the call's
rule outcomes, builds the call's facts (sentiment trajectory, talk share, summary, tags),
scores them and emits a ``Score`` event. Storing goes to a thread (SQLite blocks), never the loop.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ccedge.core.events import CallEnded, CallStarted, Event, Score, UtteranceRedacted
from ccedge.core.language import LegSentiment
from ccedge.core.qm.facts import CallFacts, RuleOutcome, RuleSource
from ccedge.core.qm.scorecard import Scorecard
from ccedge.core.qm.scoring import ScoreResult, score_call
from ccedge.core.qm.store import QmStore
from ccedge.core.qm.summary import summarise, tags

RECOVERED_MIN = -0.05  # the customer's smoothed sentiment at the end: not negative


@dataclass(slots=True)
class _Call:
    wall: float = 0.0
    agent: str = ""
    caller_key: str = ""
    lines: list[tuple[str, float, float, str]] = field(default_factory=list)  # role, t0, t1, text


def build_facts(
    call_id: str,
    lines: Sequence[tuple[str, float, float, str]],
    outcomes: Sequence[RuleOutcome],
    agent: str = "",
    team: str = "",
    caller_key: str = "",
    started: float = 0.0,
    duration_s: float | None = None,
) -> CallFacts:
    """Everything QM keeps about a call (offline and live alike)."""
    lines = sorted(lines, key=lambda x: x[1])
    cust = LegSentiment()
    for role, t0, _, text in lines:
        if role == "customer":
            cust.add(t0, text)
    sentiment: dict[str, object] = {}
    if cust.history:
        sentiment = {
            "start": round(cust.start, 3),
            "end": round(cust.smoothed, 3),
            "min": round(cust.minimum, 3),
            "end_t": round(cust.history[-1][0], 2),
            "recovered": cust.smoothed >= RECOVERED_MIN,
            "trajectory": [[round(t, 1), round(raw, 3), round(sm, 3)] for t, raw, sm in cust.history],
        }
    talk = {"agent": 0.0, "customer": 0.0}
    for role, t0, t1, _ in lines:
        if role in talk:
            talk[role] += max(0.0, t1 - t0)
    both = talk["agent"] + talk["customer"]
    rules = {o.id: o.to_json() for o in outcomes}
    end = duration_s if duration_s is not None else max((x[2] for x in lines), default=0.0)
    said = [(r, t0, text) for r, t0, _, text in lines]
    return CallFacts(
        call_id,
        agent,
        team,
        caller_key,
        started,
        end,
        rules,
        sentiment,
        round(talk["agent"] / both, 3) if both else None,
        summarise(said),
        tags(said),
    )


class QmStage:
    def __init__(
        self,
        card: Scorecard,
        rules: RuleSource | None = None,
        store: QmStore | None = None,
        teams: Mapping[str, str] | None = None,
        max_calls: int = 2000,
        max_lines: int = 5000,
    ) -> None:
        self.card = card
        self.rules = rules
        self.store = store
        self.teams = dict(teams or {})
        self.max_calls = max_calls
        self.max_lines = max_lines
        self._calls: OrderedDict[str, _Call] = OrderedDict()
        self.results: OrderedDict[str, ScoreResult] = OrderedDict()  # the last few, for tools and tests

    async def process(self, e: Event) -> Sequence[Event]:
        if isinstance(e, CallStarted):
            agent = next((p.label for p in e.parties if p.role == "agent"), "")
            key = next((p.key for p in e.parties if p.role == "customer"), "")
            self._calls[e.call_id] = _Call(e.wall, agent, key)
            while len(self._calls) > self.max_calls:  # bounded: forget the oldest unfinished call
                self._calls.popitem(last=False)
        elif isinstance(e, UtteranceRedacted) and e.final:
            call = self._calls.setdefault(e.call_id, _Call(e.wall))
            if len(call.lines) < self.max_lines:
                call.lines.append((e.role, e.start_s, e.end_s, str(e.text)))
        elif isinstance(e, CallEnded):
            return [await self._score(e)]
        return ()

    async def _score(self, e: CallEnded) -> Score:
        call = self._calls.pop(e.call_id, None) or _Call(e.wall)
        outcomes = self.rules.finish(e.call_id, e.duration_s) if self.rules is not None else []
        facts = build_facts(
            e.call_id,
            call.lines,
            outcomes,
            call.agent,
            self.teams.get(call.agent, ""),
            call.caller_key,
            call.wall or e.wall,
            e.duration_s,
        )
        result = score_call(self.card, facts)
        self.results[e.call_id] = result
        while len(self.results) > 100:
            self.results.popitem(last=False)
        if self.store is not None:
            await asyncio.to_thread(self._keep, facts, result)
        return Score(
            call_id=e.call_id,
            t=e.t,
            wall=e.wall,
            scorecard=result.scorecard,
            version=result.version,
            total=result.total,
            auto_failed=result.auto_failed,
            criteria=tuple(
                {k: c[k] for k in ("id", "status", "weight", "points", "evidence")} for c in result.criteria
            ),
        )

    def _keep(self, facts: CallFacts, result: ScoreResult) -> None:
        assert self.store is not None
        self.store.put_facts(facts)
        self.store.put_score(result, facts)
