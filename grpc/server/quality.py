"""QM over the API: scores with evidence from the runtime's ``score`` events, and disputes.

Disputes are kept in ``<data dir>/qm/disputes.json`` (0600, written whole). Scorecards are the
ones the scores name (id, version, criteria with weights) until the QM engine publishes its
catalogue. Aggregates fold the scores the board holds. The outcome alignment report needs call
outcomes (sale, resolution), which the event contract does not carry yet: it answers with
``calls_with_outcome = 0`` rather than a made-up figure.

An ``agent`` identity (issue 12: agents see their own calls only) gets the scores, scorecards,
disputes and aggregates of the calls whose agent party carries the label in *their certificate*
(:attr:`Identity.agent`), never a label from the request; another agent's call answers NOT_FOUND,
as a call that does not exist, and the refusal is audited.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any

import grpc

from ccedge.core.events import EventsLost, Score
from ccedge.core.files import atomic_write
from ccedge.core.pki import Identity, read_json_list
from ccedge.rpc.api.quality.v1 import quality_service_pb2 as q_pb
from ccedge.rpc.api.quality.v1 import quality_service_pb2_grpc as q_grpc
from ccedge.rpc.server import convert
from ccedge.rpc.server.context import ApiContext

_DIGITS = re.compile(r"(?:\d[ \t\-]?){7,}")
_STATE = {"open": q_pb.DISPUTE_STATE_OPEN, "accepted": q_pb.DISPUTE_STATE_ACCEPTED,
          "rejected": q_pb.DISPUTE_STATE_REJECTED}


def _clean(text: str, limit: int = 500) -> str | None:
    """Free text a user typed: one line, bounded, refused when it holds a card-length digit run."""
    text = " ".join(text.split())[:limit]
    return None if _DIGITS.search(text) else text


class QualityServicer(q_grpc.QualityServiceServicer):
    def __init__(self, ctx: ApiContext) -> None:
        self.ctx = ctx
        self.path = ctx.data_dir / "qm" / "disputes.json"

    def _agent_of(self, call_id: str) -> str | None:
        """The agent label of a call the board holds (None: the board does not know the call)."""
        view = self.ctx.board.call(call_id)
        if view is None:
            return None
        return next((p.label for p in view.started.parties if p.role == "agent"), "")

    def _own(self, context: grpc.aio.ServicerContext) -> str | None:
        """The agent label the caller is limited to (from the certificate), None for other roles."""
        who = self.ctx.caller(context)
        return who.agent if who.role == "agent" else None

    def _scores(self, agent: str | None = None) -> list[tuple[Score, bool]]:
        out = []
        for view in self.ctx.board.calls(include_ended=True):
            if agent is not None and agent != next(
                    (p.label for p in view.started.parties if p.role == "agent"), ""):
                continue
            out += [(s, view.ended is not None) for s in view.scores.values()]
        return out

    async def _refuse_other(self, who: Identity, call_id: str,
                            context: grpc.aio.ServicerContext) -> None:
        await self.ctx.audit_async("quality", who, f"call:{call_id}", "denied",
                                   "another agent's call")
        await context.abort(grpc.StatusCode.NOT_FOUND, "no such call (live or recent)")

    async def ListScorecards(self, request: q_pb.ListScorecardsRequest,
                             context: grpc.aio.ServicerContext) -> q_pb.ListScorecardsResponse:
        cards: dict[tuple[str, str], dict[str, float]] = {}
        for s, _ in self._scores(self._own(context)):
            crit = cards.setdefault((s.scorecard, s.version), {})
            for c in s.criteria:
                crit[str(c.get("id", ""))] = float(c.get("weight", 0) or 0)
        return q_pb.ListScorecardsResponse(scorecards=[
            q_pb.Scorecard(id=sc, version=v, title=sc,
                           criteria=[q_pb.Criterion(id=i, title=i, weight=w)
                                     for i, w in sorted(crit.items())])
            for (sc, v), crit in sorted(cards.items())])

    async def GetCallScores(self, request: q_pb.GetCallScoresRequest,
                            context: grpc.aio.ServicerContext) -> q_pb.GetCallScoresResponse:
        view = self.ctx.board.call(request.call_id)
        if view is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such call (live or recent)")
        assert view is not None
        own = self._own(context)
        if own is not None and self._agent_of(request.call_id) != own:
            await self._refuse_other(self.ctx.caller(context), request.call_id, context)
        final = view.ended is not None
        return q_pb.GetCallScoresResponse(scores=[convert.score(s, final) for s in view.scores.values()])

    async def StreamScores(self, request: q_pb.StreamScoresRequest,
                           context: grpc.aio.ServicerContext) -> AsyncIterator[q_pb.StreamScoresResponse]:
        own = self._own(context)
        with self.ctx.live(context, "scores") as sub:
            if request.replay:  # subscribed first: a score landing meanwhile comes twice, never not at all
                for held, final in self._scores(own):
                    if not request.call_id or held.call_id == request.call_id:
                        yield q_pb.StreamScoresResponse(score=convert.score(held, final))
            async for e in sub:
                if isinstance(e, EventsLost):
                    yield q_pb.StreamScoresResponse(events_lost=convert.lost(e.count))
                elif isinstance(e, Score) and (not request.call_id or e.call_id == request.call_id) and (
                        own is None or self._agent_of(e.call_id) == own):
                    view = self.ctx.board.call(e.call_id)
                    final = view is not None and view.ended is not None
                    yield q_pb.StreamScoresResponse(score=convert.score(e, final))

    # Disputes ------------------------------------------------------------------------------
    def _load(self) -> list[dict[str, Any]]:
        return read_json_list(self.path)

    def _save(self, disputes: list[dict[str, Any]]) -> None:
        atomic_write(self.path, json.dumps(disputes, indent=1).encode())

    @staticmethod
    def _msg(d: dict[str, Any]) -> q_pb.Dispute:
        return q_pb.Dispute(**{**d, "state": _STATE[d["state"]]})

    async def ListDisputes(self, request: q_pb.ListDisputesRequest,
                           context: grpc.aio.ServicerContext) -> q_pb.ListDisputesResponse:
        own = self._own(context)
        out = [d for d in self._load()
               if (not request.state or _STATE[d["state"]] == request.state)
               and (not request.call_id or d["call_id"] == request.call_id)
               and (own is None or self._agent_of(d["call_id"]) == own)]
        return q_pb.ListDisputesResponse(disputes=[self._msg(d) for d in out])

    async def RaiseDispute(self, request: q_pb.RaiseDisputeRequest,
                           context: grpc.aio.ServicerContext) -> q_pb.RaiseDisputeResponse:
        reason = _clean(request.reason)
        if not request.call_id or not request.criterion_id or not reason:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                                "call_id, criterion_id and a reason without long digit runs are required")
        view = self.ctx.board.call(request.call_id)
        if view is None or not any(k[0] == request.scorecard or not request.scorecard for k in view.scores):
            await context.abort(grpc.StatusCode.NOT_FOUND, "no score of that call to dispute")
        who = self.ctx.caller(context)
        d = {"id": uuid.uuid4().hex[:12], "call_id": request.call_id, "scorecard": request.scorecard,
             "criterion_id": request.criterion_id[:64], "state": "open", "raised_by": who.name,
             "reason": reason, "resolved_by": "", "resolution": "", "raised_wall": time.time(),
             "resolved_wall": 0.0}
        disputes = self._load()
        disputes.append(d)
        self._save(disputes)
        return q_pb.RaiseDisputeResponse(dispute=self._msg(d))

    async def _resolve(self, dispute_id: str, resolution: str, state: str,
                       context: grpc.aio.ServicerContext) -> dict[str, Any]:
        text = _clean(resolution)
        if text is None:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "resolution holds a long digit run")
        disputes = self._load()
        d = next((x for x in disputes if x["id"] == dispute_id), None)
        if d is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such dispute")
        assert d is not None
        who = self.ctx.caller(context)
        if d["state"] != "open":
            await context.abort(grpc.StatusCode.FAILED_PRECONDITION, f"dispute already {d['state']}")
        if d["raised_by"] == who.name:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "a dispute is resolved by someone else")
        d.update(state=state, resolved_by=who.name, resolution=text or "", resolved_wall=time.time())
        self._save(disputes)
        return d

    async def AcceptDispute(self, request: q_pb.AcceptDisputeRequest,
                            context: grpc.aio.ServicerContext) -> q_pb.AcceptDisputeResponse:
        d = await self._resolve(request.dispute_id, request.resolution, "accepted", context)
        return q_pb.AcceptDisputeResponse(dispute=self._msg(d))

    async def RejectDispute(self, request: q_pb.RejectDisputeRequest,
                            context: grpc.aio.ServicerContext) -> q_pb.RejectDisputeResponse:
        d = await self._resolve(request.dispute_id, request.resolution, "rejected", context)
        return q_pb.RejectDisputeResponse(dispute=self._msg(d))

    # Reports -------------------------------------------------------------------------------
    async def GetAggregates(self, request: q_pb.GetAggregatesRequest,
                            context: grpc.aio.ServicerContext) -> q_pb.GetAggregatesResponse:
        until = request.until_wall or time.time()
        groups: dict[str, list[tuple[float, bool, float]]] = defaultdict(list)
        for s, _ in self._scores(self._own(context)):
            if (request.scorecard and s.scorecard != request.scorecard) or not (
                    request.since_wall <= s.wall <= until):
                continue
            view = self.ctx.board.call(s.call_id)
            agent = next((p.label for p in view.started.parties if p.role == "agent"), "") if view else ""
            if request.group_by == q_pb.GROUP_BY_CRITERION:
                for c in s.criteria:
                    met = str(c.get("status", "")).lower() in ("met", "pass")
                    groups[str(c.get("id", ""))].append((s.total, s.auto_failed, float(met)))
                continue
            key = {q_pb.GROUP_BY_AGENT: agent,
                   q_pb.GROUP_BY_DAY: time.strftime("%Y-%m-%d", time.gmtime(s.wall))}.get(
                       request.group_by, s.scorecard)
            groups[key].append((s.total, s.auto_failed, 0.0))
        rows = [q_pb.AggregateRow(key=k, calls=len(v), mean_total=sum(x[0] for x in v) / len(v),
                                  auto_fail_rate=sum(x[1] for x in v) / len(v),
                                  met_rate=sum(x[2] for x in v) / len(v))
                for k, v in sorted(groups.items())]
        return q_pb.GetAggregatesResponse(rows=rows)

    async def GetOutcomeAlignmentReport(
        self, request: q_pb.GetOutcomeAlignmentReportRequest, context: grpc.aio.ServicerContext,
    ) -> q_pb.GetOutcomeAlignmentReportResponse:
        return q_pb.GetOutcomeAlignmentReportResponse(rows=[], calls_with_outcome=0)


__all__ = ["QualityServicer"]
