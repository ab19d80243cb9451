"""Live streams over real TLS: a payment call's events reach the console, redacted, in order;
a call joined mid-way replays from its start; nothing sensitive in any response."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from ccedge.core.bus import EventBus
from ccedge.core.events import (
    CallEnded,
    CallStarted,
    DtmfMasked,
    GuidancePrompt,
    Health,
    Party,
    RedactedText,
    Score,
    SpanOut,
    TalkStats,
    UtteranceRedacted,
    WordOut,
)
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as app_pb
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2_grpc as app_grpc
from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
from ccedge.rpc.api.calls.v1 import calls_service_pb2_grpc as calls_grpc
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2 as g_pb
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2_grpc as g_grpc
from ccedge.rpc.api.quality.v1 import quality_service_pb2 as q_pb
from ccedge.rpc.api.quality.v1 import quality_service_pb2_grpc as q_grpc
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2 as tx_pb
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2_grpc as tx_grpc
from ccedge.rpc.client import channel
from ccedge.testing.messages import message_strings as strings

PAN, CVV, PHONE = "4111111111111111", "737", "+4420795550123"
DIGIT_RUN = re.compile(r"(?:\d[ \t\-]?){7,}")


def payment_call(call_id: str = "c1") -> list[Any]:
    """The events the runtime publishes for a card payment (text already through the redactor)."""
    w = 1_800_000_000.0
    said = [
        ("agent", "caller", "thank you, can I take the card number please"),
        ("customer", "callee", "yes it is [PAN]"),
        ("agent", "caller", "and the three digits on the back"),
        ("customer", "callee", "[CVV]"),
        ("agent", "caller", "that is 1,250.00 pounds taken, reference ends 4821"),
    ]
    ev: list[Any] = [
        CallStarted(
            call_id=call_id,
            t=0.0,
            wall=w,
            codecs={"caller": "PCMA"},
            source="eth1",
            parties=(Party("caller", "agent", "ext 2041"), Party("callee", "customer", "…0123")),
        )
    ]
    for i, (role, leg, text) in enumerate(said):
        t0 = 2.0 + 3 * i
        spans = (SpanOut("PAN", t0 + 1, t0 + 2, "luhn"),) if "[PAN]" in text else ()
        ev.append(
            UtteranceRedacted(
                call_id=call_id,
                t=t0,
                wall=w,
                leg=leg,
                role=role,
                start_s=t0,  # type: ignore[arg-type]
                end_s=t0 + 2.5,
                text=RedactedText(text),
                spans=spans,
                model="tiny.en-q8_0",
                words=tuple(WordOut(RedactedText(x), t0, t0 + 0.2, 0.9) for x in text.split()),
            )
        )
    ev += [
        DtmfMasked(
            call_id=call_id,
            t=9.0,
            wall=w,
            leg="callee",
            role="customer",
            method="rfc2833",
            start_s=9.0,
            end_s=9.1,
        ),
        TalkStats(
            call_id=call_id,
            t=10.0,
            wall=w,
            leg="caller",
            role="agent",
            talk_s=6,
            talk_ratio=0.6,
            overtalk_s=0.4,
            longest_silence_s=1.5,
            longest_monologue_s=3,
        ),
        GuidancePrompt(
            call_id=call_id,
            t=11.0,
            wall=w,
            rule="pci-pause",
            severity="critical",
            message="Pause recording before card details",
            evidence=((5.0, 7.5),),
        ),
        Score(
            call_id=call_id,
            t=12.0,
            wall=w,
            scorecard="payments",
            version="3",
            total=82.5,
            criteria=(
                {"id": "greeting", "status": "met", "weight": 10, "points": 10, "evidence": [[2.0, 4.5]]},
            ),
        ),
        Health(call_id="", t=13.0, calls_active=1, packets=1000),
        CallEnded(
            call_id=call_id,
            t=20.0,
            wall=w,
            reason="bye-caller",
            duration_s=20.0,
            receipt={"masked": {"PAN": 1, "CVV": 1}},
        ),
    ]
    return ev


async def wait_streams(server: Any, n: int) -> None:
    for _ in range(200):
        if server.ctx.streams >= n:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("streams did not subscribe")


def test_payment_call_streams_redacted(pki: Any, serve: Any, arun: Any) -> None:
    bus = EventBus()
    events = payment_call()

    async def main() -> dict[str, list[Any]]:
        async with (
            serve(pki.data_dir, bus) as server,
            channel(pki.bundles["compliance"], port=server.port) as ch,
        ):
            calls = calls_grpc.CallsServiceStub(ch).WatchCalls(calls_pb.WatchCallsRequest(), timeout=30)
            prompts = g_grpc.GuidanceServiceStub(ch).StreamPrompts(g_pb.StreamPromptsRequest(), timeout=30)
            scores = q_grpc.QualityServiceStub(ch).StreamScores(q_pb.StreamScoresRequest(), timeout=30)
            await wait_streams(server, 3)
            await bus.publish(events[0])
            for e in events[1:3]:  # two utterances before the transcript viewer joins
                await bus.publish(e)
            await asyncio.sleep(0.3)
            tx = tx_grpc.TranscriptsServiceStub(ch).StreamTranscript(
                tx_pb.StreamTranscriptRequest(call_id="c1", include_words=True, include_dtmf=True), timeout=30
            )
            await wait_streams(server, 4)
            for e in events[3:]:
                await bus.publish(e)
            out: dict[str, list[Any]] = {"tx": [m async for m in tx]}
            out["calls"] = [await calls.read() for _ in range(2)]
            out["prompts"] = [await prompts.read()]
            out["scores"] = [await scores.read()]
            for s in (calls, prompts, scores):
                s.cancel()
            apps = app_grpc.ApplianceServiceStub(ch)
            out["unary"] = [
                await calls_grpc.CallsServiceStub(ch).ListCalls(
                    calls_pb.ListCallsRequest(include_ended=True)
                ),
                await q_grpc.QualityServiceStub(ch).GetCallScores(q_pb.GetCallScoresRequest(call_id="c1")),
                await apps.GetHealth(app_pb.GetHealthRequest()),
            ]
            await asyncio.sleep(0.2)
            assert server.ctx.streams == 0  # every stream's queue was freed
            return out

    out = arun(main())
    kinds = [m.WhichOneof("item") for m in out["tx"]]
    assert kinds == ["utterance"] * 5 + ["dtmf", "end"]
    texts = [m.utterance.text for m in out["tx"] if m.WhichOneof("item") == "utterance"]
    assert texts[1] == "yes it is [PAN]" and texts[3] == "[CVV]"
    assert [m.WhichOneof("item") for m in out["calls"]] == ["started", "ended"]
    started = out["calls"][0].started.call
    assert started.customer_label == "…0123" and started.agent_label == "ext 2041"
    assert dict(out["calls"][1].ended.masked) == {"PAN": 1, "CVV": 1}
    assert out["prompts"][0].prompt.rule == "pci-pause"
    assert out["scores"][0].score.total == 82.5
    assert out["unary"][0].calls[0].running_score == 82.5
    assert out["unary"][1].scores[0].criteria[0].evidence[0].end_s == 4.5
    assert out["unary"][2].metrics.packets == 1000
    assert any("[PAN]" in t for m in out["tx"] for t in strings(m))  # the scan does see the text
    for group in out.values():
        for m in group:
            raw = m.SerializeToString()
            assert PAN.encode() not in raw and PHONE.encode() not in raw and CVV.encode() not in raw
            for text in strings(m):
                assert not DIGIT_RUN.search(text), text

