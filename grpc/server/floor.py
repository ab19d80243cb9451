"""Calls, transcripts and guidance: the live floor, streamed from the bus.

Each stream has its own bounded drop-oldest subscription (``ApiContext.live``): a console that
reads slowly (or not at all: HTTP/2 flow control then stops the handler at ``yield``) loses its
own oldest items and is told how many; the publisher and other clients never wait for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import grpc

from ccedge.core.access_audit import VAULT_ROLE
from ccedge.core.events import (
    CallEnded,
    CallStarted,
    CallUpdated,
    DtmfMasked,
    EventsLost,
    GuidancePrompt,
    UtteranceRedacted,
)
from ccedge.core.vault import VaultError
from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
from ccedge.rpc.api.calls.v1 import calls_service_pb2_grpc as calls_grpc
from ccedge.rpc.api.common.v1 import common_pb2 as common_pb
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2 as guidance_pb
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2_grpc as guidance_grpc
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2 as tx_pb
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2_grpc as tx_grpc
from ccedge.rpc.server import convert
from ccedge.rpc.server.context import ApiContext

MAX_LIST = 500


class CallsServicer(calls_grpc.CallsServiceServicer):
    def __init__(self, ctx: ApiContext) -> None:
        self.ctx = ctx

    async def ListCalls(self, request: calls_pb.ListCallsRequest,
                        context: grpc.aio.ServicerContext) -> calls_pb.ListCallsResponse:
        views = self.ctx.board.calls(request.include_ended)[: request.limit or MAX_LIST]
        return calls_pb.ListCallsResponse(calls=[convert.snapshot(v) for v in views])

    async def GetCall(self, request: calls_pb.GetCallRequest,
                      context: grpc.aio.ServicerContext) -> calls_pb.GetCallResponse:
        view = self.ctx.board.call(request.call_id)
        if view is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such call")
        assert view is not None
        return calls_pb.GetCallResponse(call=convert.snapshot(view))

    async def WatchCalls(self, request: calls_pb.WatchCallsRequest,
                         context: grpc.aio.ServicerContext) -> AsyncIterator[calls_pb.WatchCallsResponse]:
        interval = request.snapshot_interval_s
        if interval and interval < 0.2:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "snapshot_interval_s must be >= 0.2")
        with self.ctx.live(context, "calls") as sub:
            if request.replay_active:
                for view in self.ctx.board.calls():
                    yield calls_pb.WatchCallsResponse(
                        started=calls_pb.CallStarted(call=convert.snapshot(view)))
            loop = asyncio.get_running_loop()
            next_snap = loop.time() + interval if interval else None
            while True:
                timeout = None if next_snap is None else max(0.0, next_snap - loop.time())
                try:
                    e = await asyncio.wait_for(sub.get(), timeout)
                except TimeoutError:
                    for view in self.ctx.board.calls():
                        yield calls_pb.WatchCallsResponse(snapshot=convert.snapshot(view))
                    next_snap = loop.time() + interval
                    continue
                if e is None:
                    return
                if isinstance(e, EventsLost):
                    yield calls_pb.WatchCallsResponse(events_lost=convert.lost(e.count))
                elif isinstance(e, CallStarted):
                    known = self.ctx.board.call(e.call_id)
                    snap = convert.snapshot(known) if known else calls_pb.CallSnapshot(
                        call_id=e.call_id, started_wall=e.wall, state=calls_pb.CALL_STATE_ACTIVE,
                        parties=[convert.party(p) for p in e.parties], codecs=dict(e.codecs),
                        source=e.source)
                    yield calls_pb.WatchCallsResponse(started=calls_pb.CallStarted(call=snap))
                elif isinstance(e, CallUpdated):
                    yield calls_pb.WatchCallsResponse(updated=convert.call_updated(e))
                elif isinstance(e, CallEnded):
                    yield calls_pb.WatchCallsResponse(ended=convert.call_ended(e))


class TranscriptsServicer(tx_grpc.TranscriptsServiceServicer):
    def __init__(self, ctx: ApiContext) -> None:
        self.ctx = ctx

    def _item(self, e: UtteranceRedacted | DtmfMasked,
              request: tx_pb.StreamTranscriptRequest) -> tx_pb.StreamTranscriptResponse | None:
        if isinstance(e, UtteranceRedacted):
            return tx_pb.StreamTranscriptResponse(utterance=convert.utterance(e, request.include_words))
        if request.include_dtmf:
            return tx_pb.StreamTranscriptResponse(dtmf=convert.dtmf(e))
        return None

    async def _stored(self, request: tx_pb.StreamTranscriptRequest,
                      context: grpc.aio.ServicerContext) -> AsyncIterator[tx_pb.StreamTranscriptResponse]:
        """A stored call's transcript from the vault (which audits the read), then the end."""
        vault = self.ctx.vault
        if vault is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such call (live or recent)")
        who = self.ctx.caller(context)
        try:
            rows = await asyncio.to_thread(vault.transcript, request.call_id, who.name,
                                           VAULT_ROLE[who.role])
            call = await asyncio.to_thread(vault.call, request.call_id)
        except VaultError as e:
            code = grpc.StatusCode.NOT_FOUND if str(e).startswith("no recording") else \
                grpc.StatusCode.FAILED_PRECONDITION
            await context.abort(code, str(e).splitlines()[0][:200])
            return
        for row in rows:
            yield tx_pb.StreamTranscriptResponse(utterance=convert.utterance_row(row, request.include_words))
        yield tx_pb.StreamTranscriptResponse(end=tx_pb.TranscriptEnd(
            call_id=request.call_id, reason="stored", duration_s=float(call.get("duration_s") or 0)))

    async def StreamTranscript(
        self, request: tx_pb.StreamTranscriptRequest, context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[tx_pb.StreamTranscriptResponse]:
        if not request.call_id:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "call_id is required")
        # Subscribe before reading the board, so nothing falls between the replay and the live part.
        with self.ctx.live(context, "transcript") as sub:
            view = self.ctx.board.call(request.call_id)
            if view is None:
                async for msg in self._stored(request, context):
                    yield msg
                return
            seen: set[tuple[str, float]] = set()
            if view.items_dropped:
                yield tx_pb.StreamTranscriptResponse(events_lost=convert.lost(view.items_dropped))
            for item in list(view.items):
                seen.add((item.leg, item.start_s))
                if (out := self._item(item, request)) is not None:
                    yield out
            if view.ended is not None:
                yield tx_pb.StreamTranscriptResponse(end=tx_pb.TranscriptEnd(
                    call_id=view.call_id, reason=view.ended.reason, duration_s=view.ended.duration_s))
                return
            async for e in sub:
                if isinstance(e, EventsLost):
                    yield tx_pb.StreamTranscriptResponse(events_lost=convert.lost(e.count))
                    continue
                if e.call_id != request.call_id:
                    continue
                if isinstance(e, UtteranceRedacted | DtmfMasked):
                    if (e.leg, e.start_s) in seen:
                        continue
                    if (out := self._item(e, request)) is not None:
                        yield out
                elif isinstance(e, CallEnded):
                    yield tx_pb.StreamTranscriptResponse(end=tx_pb.TranscriptEnd(
                        call_id=e.call_id, reason=e.reason, duration_s=e.duration_s))
                    return


class GuidanceServicer(guidance_grpc.GuidanceServiceServicer):
    def __init__(self, ctx: ApiContext) -> None:
        self.ctx = ctx

    def _open(self, call_id: str) -> list[GuidancePrompt]:
        views = [self.ctx.board.call(call_id)] if call_id else self.ctx.board.calls()
        return [p for v in views if v is not None and v.ended is None for p in v.open_prompts()]

    async def ListOpenPrompts(self, request: guidance_pb.ListOpenPromptsRequest,
                              context: grpc.aio.ServicerContext) -> guidance_pb.ListOpenPromptsResponse:
        return guidance_pb.ListOpenPromptsResponse(
            prompts=[convert.prompt(p) for p in self._open(request.call_id)])

    async def StreamPrompts(self, request: guidance_pb.StreamPromptsRequest,
                            context: grpc.aio.ServicerContext,
                            ) -> AsyncIterator[guidance_pb.StreamPromptsResponse]:
        floor = request.min_severity or common_pb.SEVERITY_UNSPECIFIED
        with self.ctx.live(context, "guidance") as sub:
            if request.replay_open:
                for p in self._open(request.call_id):
                    if convert.SEVERITY.get(p.severity, 0) >= floor:
                        yield guidance_pb.StreamPromptsResponse(prompt=convert.prompt(p))
            async for e in sub:
                if isinstance(e, EventsLost):
                    yield guidance_pb.StreamPromptsResponse(events_lost=convert.lost(e.count))
                elif isinstance(e, GuidancePrompt) and (not request.call_id or e.call_id == request.call_id):
                    if convert.SEVERITY.get(e.severity, 0) >= floor:
                        yield guidance_pb.StreamPromptsResponse(prompt=convert.prompt(e))


__all__ = ["CallsServicer", "GuidanceServicer", "TranscriptsServicer"]
