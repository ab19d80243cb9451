"""The agent role over a real mTLS socket: their own calls' quality only, nothing else.

Two agents (certificates enrolled with the labels "ext 2041" and "ext 2042") and two scored
calls, one each. The agent label comes from the certificate; nothing in a request widens it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import grpc

from ccedge.core.bus import EventBus
from ccedge.core.events import CallEnded, CallStarted, Party, Score
from ccedge.core.pki import identity_of
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as app_pb
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2_grpc as app_grpc
from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
from ccedge.rpc.api.calls.v1 import calls_service_pb2_grpc as calls_grpc
from ccedge.rpc.api.common.v1 import common_pb2
from ccedge.rpc.api.quality.v1 import quality_service_pb2 as q_pb
from ccedge.rpc.api.quality.v1 import quality_service_pb2_grpc as q_grpc
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2 as rec_pb
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2_grpc as rec_grpc
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2 as tx_pb
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2_grpc as tx_grpc
from ccedge.rpc.client import channel

W = 1_800_000_000.0
CALLS = {"other": ("ext 2042", (42.0,)), "own": ("ext 2041", (91.0, 77.0))}  # published in this order


def scored_call(call_id: str, agent: str, totals: tuple[float, ...]) -> list[Any]:
    """A call, one score per scorecard version (a calibration re-score is version 2), its end."""
    return [
        CallStarted(call_id=call_id, t=0.0, wall=W, codecs={"caller": "PCMU"}, source="eth1",
                    parties=(Party("caller", "agent", agent), Party("callee", "customer", "…0123"))),
        *(Score(call_id=call_id, t=5.0 + i, wall=W + 5, scorecard="service", version=str(i + 1),
                total=total, criteria=({"id": "greeting", "status": "met" if total > 50 else "not_met",
                                        "weight": 10, "points": 10 if total > 50 else 0,
                                        "evidence": [[1.0, 2.0]]},))
          for i, total in enumerate(totals)),
        CallEnded(call_id=call_id, t=9.0, wall=W + 9, reason="bye-caller", duration_s=9.0, receipt={}),
    ]


async def publish_calls(bus: EventBus, server: Any) -> None:
    for call_id, (agent, totals) in CALLS.items():
        for e in scored_call(call_id, agent, totals):
            await bus.publish(e)
    for _ in range(500):  # the board folds the bus in its own task
        views = [server.ctx.board.call(c) for c in CALLS]
        if all(v is not None and v.ended is not None and len(v.scores) == len(CALLS[c][1])
               for c, v in zip(CALLS, views, strict=True)):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the board did not take the calls")


async def code_of(coro: Any) -> grpc.StatusCode:
    try:
        await coro
    except grpc.aio.AioRpcError as e:
        return e.code()
    return grpc.StatusCode.OK


async def first_of(stream: Any) -> grpc.StatusCode:
    try:
        async for _ in stream:
            break
    except grpc.aio.AioRpcError as e:
        return e.code()
    finally:
        stream.cancel()
    return grpc.StatusCode.OK


def test_enrolled_agent_certificate_carries_role_and_label(pki: Any) -> None:
    ident = identity_of(pki.bundles["agent"].cert_pem.encode())
    assert (ident.name, ident.role, ident.agent) == ("agent-user", "agent", "ext 2041")
    assert identity_of(pki.bundles["supervisor"].cert_pem.encode()).agent == ""


def test_agent_sees_own_scores_only(pki: Any, serve: Any, arun: Any) -> None:
    bus = EventBus()

    async def main() -> dict[str, Any]:
        out: dict[str, Any] = {}
        async with serve(pki.data_dir, bus) as server:
            async with channel(pki.bundles["agent"], port=server.port) as ch:
                q = q_grpc.QualityServiceStub(ch)
                live = q.StreamScores(q_pb.StreamScoresRequest(), timeout=30)
                for _ in range(200):
                    if server.ctx.streams >= 1:
                        break
                    await asyncio.sleep(0.02)
                await publish_calls(bus, server)
                # the colleague's score (published first) is skipped: the first read is ours
                out["live"] = await live.read()
                out["live2"] = await live.read()
                live.cancel()
                replay = q.StreamScores(q_pb.StreamScoresRequest(replay=True), timeout=30)
                out["replay"] = [await replay.read() for _ in range(2)]  # held scores, own only
                replay.cancel()
                out["own"] = await q.GetCallScores(q_pb.GetCallScoresRequest(call_id="own"))
                out["other"] = await code_of(q.GetCallScores(q_pb.GetCallScoresRequest(call_id="other")))
                out["by_agent"] = await q.GetAggregates(
                    q_pb.GetAggregatesRequest(group_by=q_pb.GROUP_BY_AGENT, until_wall=W + 60))
                out["cards"] = await q.ListScorecards(q_pb.ListScorecardsRequest())
                out["me"] = await app_grpc.ApplianceServiceStub(ch).WhoAmI(app_pb.WhoAmIRequest())
            async with channel(pki.bundles["supervisor"], port=server.port) as ch:
                out["floor"] = await q_grpc.QualityServiceStub(ch).GetAggregates(
                    q_pb.GetAggregatesRequest(group_by=q_pb.GROUP_BY_AGENT, until_wall=W + 60))
            async with channel(pki.bundles["colleague"], port=server.port) as ch:
                out["colleague"] = await q_grpc.QualityServiceStub(ch).GetAggregates(
                    q_pb.GetAggregatesRequest(group_by=q_pb.GROUP_BY_AGENT, until_wall=W + 60))
        return out

    audit = pki.data_dir / "audit" / "access.jsonl"
    before = len(audit.read_text().splitlines())
    out = arun(main())
    assert (out["live"].score.call_id, out["live"].score.total) == ("own", 91.0)
    assert (out["live2"].score.call_id, out["live2"].score.total) == ("own", 77.0)
    assert sorted((m.score.call_id, m.score.total) for m in out["replay"]) == [("own", 77.0), ("own", 91.0)]
    assert {s.call_id for s in out["own"].scores} == {"own"}
    assert out["other"] == grpc.StatusCode.NOT_FOUND  # as if the colleague's call did not exist
    assert [(r.key, r.calls) for r in out["by_agent"].rows] == [("ext 2041", 2)]
    assert [c.version for c in out["cards"].scorecards] == ["1", "2"]
    assert out["me"].role == common_pb2.USER_ROLE_AGENT and out["me"].agent == "ext 2041"
    assert [(r.key, r.calls) for r in out["floor"].rows] == [("ext 2041", 2), ("ext 2042", 1)]
    assert [(r.key, r.calls) for r in out["colleague"].rows] == [("ext 2042", 1)]
    records = [json.loads(x) for x in audit.read_text().splitlines()[before:]]
    refused = [r for r in records if r["outcome"] == "denied"]
    assert [(r["actor"], r["role"], r["target"]) for r in refused] == [("agent-user", "agent", "call:other")]


def test_agent_is_refused_calls_transcripts_recordings_export(pki: Any, serve: Any, arun: Any) -> None:
    bus = EventBus()

    async def main() -> dict[str, grpc.StatusCode]:
        async with serve(pki.data_dir, bus) as server:
            await publish_calls(bus, server)
            async with channel(pki.bundles["agent"], port=server.port) as ch:
                rec = rec_grpc.RecordingsServiceStub(ch)
                return {
                    "ListCalls": await code_of(calls_grpc.CallsServiceStub(ch).ListCalls(
                        calls_pb.ListCallsRequest(include_ended=True))),
                    "GetTranscript": await first_of(tx_grpc.TranscriptsServiceStub(ch).StreamTranscript(
                        tx_pb.StreamTranscriptRequest(call_id="own"), timeout=5)),
                    "SearchRecordings": await code_of(rec.SearchRecordings(rec_pb.SearchRecordingsRequest())),
                    "FetchAudio": await first_of(rec.FetchAudio(
                        rec_pb.FetchAudioRequest(recording_id="own"), timeout=5)),
                    "ExportAudit": await first_of(rec.ExportAudit(rec_pb.ExportAuditRequest(), timeout=5)),
                    "RaiseDispute": await code_of(q_grpc.QualityServiceStub(ch).RaiseDispute(
                        q_pb.RaiseDisputeRequest(call_id="own", criterion_id="greeting", reason="no"))),
                    "GetHealth": await code_of(app_grpc.ApplianceServiceStub(ch).GetHealth(
                        app_pb.GetHealthRequest())),
                }

    audit = pki.data_dir / "audit" / "access.jsonl"
    before = len(audit.read_text().splitlines())
    codes = arun(main())
    assert codes == dict.fromkeys(codes, grpc.StatusCode.PERMISSION_DENIED), codes
    records = [json.loads(x) for x in audit.read_text().splitlines()[before:]]
    denied = [r for r in records if r["outcome"] == "denied"]
    assert len(denied) == len(codes)  # every refusal audited, with who
    assert {(r["actor"], r["role"]) for r in denied} == {("agent-user", "agent")}
    assert all(r["reason"] == "role agent not allowed" for r in denied)
