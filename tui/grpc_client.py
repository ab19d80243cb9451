"""The client facade on the generated gRPC stubs, over mutual TLS with the enrolled identity.

Before the gRPC channel opens, one TLS handshake checks the appliance's certificate against the
pinned fingerprint (a mismatch is refused, whatever CA signed it) and finds out early whether
the appliance accepts ours, so the console can say "certificate refused" rather than "lost".
The live view merges several server streams into one bounded queue that drops the oldest and
counts what it dropped, as the server does for a slow reader.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import ssl
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Literal

import grpc

from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as appliance_pb
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2_grpc as appliance_rpc
from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
from ccedge.rpc.api.calls.v1 import calls_service_pb2_grpc as calls_rpc
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2 as guidance_pb
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2_grpc as guidance_rpc
from ccedge.rpc.api.quality.v1 import quality_service_pb2 as quality_pb
from ccedge.rpc.api.quality.v1 import quality_service_pb2_grpc as quality_rpc
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2 as recordings_pb
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2_grpc as recordings_rpc
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2 as transcripts_pb
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2_grpc as transcripts_rpc
from ccedge.rpc.client import channel
from ccedge.tui import convert
from ccedge.tui.client import (
    Aggregate,
    AlignmentRow,
    CallRow,
    CertificateRefused,
    ConnectionLost,
    ConsoleError,
    Dispute,
    EventsLost,
    ExportProgress,
    HealthSample,
    Identity,
    PermissionDenied,
    QuarantineItem,
    Recording,
    RecordingQuery,
    Scorecard,
    Update,
)
from ccedge.tui.identity import Endpoint

LIVE_QUEUE = 2000  # updates held for the screens; when full the oldest go and are counted
HEALTH_POLL_S = 2.0
SNAPSHOT_S = 2.0
CALL_TIMEOUT_S = 10.0
_TLS_WORDS = ("ssl", "tls", "handshake", "certificate", "alert")


def map_error(e: grpc.aio.AioRpcError) -> ConsoleError:
    """One line, from the status; the server's details carry no call content (issue 13)."""
    code, details = e.code(), (e.details() or "").splitlines()[0][:200] if e.details() else ""
    if code == grpc.StatusCode.PERMISSION_DENIED:
        return PermissionDenied(details or "not allowed for this role")
    if code == grpc.StatusCode.UNAUTHENTICATED:
        return CertificateRefused(details or "the appliance did not accept this identity")
    if code == grpc.StatusCode.UNAVAILABLE:
        text = f"{details} {e.debug_error_string() or ''}".lower()
        if any(w in text for w in _TLS_WORDS) and "connection refused" not in text:
            return CertificateRefused(details or "TLS handshake failed")
        return ConnectionLost(details or "appliance unavailable")
    return ConsoleError(f"{code.name.lower()}: {details}")


async def tls_precheck(ep: Endpoint, timeout: float = 5.0) -> str:  # noqa: ASYNC109 (connect bound)
    """Handshake once, pin the server certificate, see whether ours is accepted; return its fingerprint."""
    b = ep.bundle
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_verify_locations(cadata=b.ca_pem)
    ctx.set_alpn_protocols(["h2"])
    ctx.check_hostname = bool(b.server_name)
    with tempfile.TemporaryDirectory() as d:  # ssl loads a key pair only from files; 0700 dir
        cert, key = os.path.join(d, "c.pem"), os.path.join(d, "k.pem")
        for path, data in ((cert, b.cert_pem.encode()), (key, b.key_pem.encode())):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        ctx.load_cert_chain(cert, key)
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(ep.host, ep.port, ssl=ctx, server_hostname=b.server_name or None),
            timeout)
    except ssl.SSLError as e:
        raise CertificateRefused(f"TLS handshake with {ep.host}:{ep.port} failed: {e.reason or e}") from e
    except (OSError, TimeoutError) as e:
        raise ConnectionLost(f"cannot reach {ep.host}:{ep.port}: {e}") from e
    try:
        sslobj = writer.get_extra_info("ssl_object")
        der = sslobj.getpeercert(binary_form=True) if sslobj else None
        fp = hashlib.sha256(der or b"").hexdigest()
        if ep.fingerprint and fp != ep.fingerprint:
            raise CertificateRefused(
                f"appliance certificate fingerprint {fp[:16]}… does not match the enrolled "
                f"{ep.fingerprint[:16]}…")
        # TLS 1.3 sends the server's verdict on our certificate after the handshake: read once.
        writer.write(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00")
        with contextlib.suppress(TimeoutError):
            data = await asyncio.wait_for(reader.read(64), 2.0)
            if not data:
                raise CertificateRefused("the appliance closed the connection after the handshake "
                                         "(certificate not accepted)")
    except ssl.SSLError as e:
        raise CertificateRefused(f"the appliance refused this certificate: {e.reason or e}") from e
    except (ConnectionResetError, BrokenPipeError) as e:
        raise CertificateRefused("the appliance dropped the connection at the handshake") from e
    finally:
        writer.close()  # no wait for the peer's close_notify: the verdict is already known
    return fp


class GrpcClient:
    """:class:`~ccedge.tui.client.ApplianceClient` over ``grpc.aio`` with mutual TLS."""

    def __init__(self, endpoint: Endpoint | Callable[[], Awaitable[Endpoint]]) -> None:
        self._endpoint = endpoint
        self.channel: grpc.aio.Channel | None = None
        self.identity: Identity | None = None

    async def connect(self) -> Identity:
        ep = self._endpoint if isinstance(self._endpoint, Endpoint) else await self._endpoint()
        await tls_precheck(ep)
        keepalive: list[tuple[str, int | str]] = [("grpc.keepalive_time_ms", 10_000),
                                                  ("grpc.keepalive_timeout_ms", 5_000)]
        self.channel = ch = channel(ep.bundle, ep.host, ep.port, keepalive)
        self.appliance = appliance_rpc.ApplianceServiceStub(ch)
        self.calls = calls_rpc.CallsServiceStub(ch)
        self.guidance = guidance_rpc.GuidanceServiceStub(ch)
        self.quality = quality_rpc.QualityServiceStub(ch)
        self.recordings_ = recordings_rpc.RecordingsServiceStub(ch)
        self.transcripts = transcripts_rpc.TranscriptsServiceStub(ch)
        me = await self._unary(self.appliance.WhoAmI, appliance_pb.WhoAmIRequest())
        role = convert.user_role(me.role)
        site = ""
        if role != "agent":  # an agent may call WhoAmI and the quality reads only
            site = (await self._unary(self.appliance.GetHealth, appliance_pb.GetHealthRequest())).site
        self.identity = Identity(me.name, role, site or f"{ep.host}:{ep.port}", agent=me.agent)
        return self.identity

    async def close(self) -> None:
        if self.channel is not None:
            await self.channel.close(grace=None)
            self.channel = None

    async def _unary(self, method: Any, request: Any) -> Any:
        try:
            return await method(request, timeout=CALL_TIMEOUT_S)
        except grpc.aio.AioRpcError as e:
            raise map_error(e) from e

    # -- live streams ------------------------------------------------------------------------
    async def _merge(self, sources: list[Callable[[Callable[[Update], None]], Awaitable[None]]]
                     ) -> AsyncIterator[Update]:
        queue: asyncio.Queue[Update | BaseException] = asyncio.Queue(LIVE_QUEUE)
        dropped = 0

        def put(u: Update | BaseException) -> None:
            nonlocal dropped
            if queue.full():  # drop-oldest: a live view wants the newest
                queue.get_nowait()
                dropped += 1
            queue.put_nowait(u)

        async def run(src: Callable[[Callable[[Update], None]], Awaitable[None]]) -> None:
            try:
                await src(put)
            except grpc.aio.AioRpcError as e:
                put(map_error(e))
            except asyncio.CancelledError:
                raise
            except Exception as e:  # a bug in a converter must not hang the view
                put(ConnectionLost(f"stream failed: {type(e).__name__}"))

        tasks = [asyncio.create_task(run(s)) for s in sources]
        try:
            while True:
                item = await queue.get()
                if dropped:
                    n, dropped = dropped, 0
                    yield EventsLost(n)
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def watch(self) -> AsyncIterator[Update]:
        async def calls(put: Callable[[Update], None]) -> None:
            req = calls_pb.WatchCallsRequest(snapshot_interval_s=SNAPSHOT_S, replay_active=True)
            async for r in self.calls.WatchCalls(req):
                which = r.WhichOneof("item")
                if which == "started":
                    put(convert.call_row(r.started.call))
                elif which == "snapshot":
                    put(convert.call_row(r.snapshot))
                elif which == "ended":
                    put(convert.call_ended(r.ended))
                elif which == "events_lost":
                    put(EventsLost(r.events_lost.count))
            raise ConnectionLost("the appliance ended the call stream")

        async def prompts(put: Callable[[Update], None]) -> None:
            async for r in self.guidance.StreamPrompts(guidance_pb.StreamPromptsRequest(replay_open=True)):
                if r.WhichOneof("item") == "prompt":
                    put(convert.prompt(r.prompt))
                else:
                    put(EventsLost(r.events_lost.count))

        async def scores(put: Callable[[Update], None]) -> None:
            # an agent has no call list: the appliance replays their own calls' scores first
            async for r in self.quality.StreamScores(quality_pb.StreamScoresRequest(replay=agent)):
                if r.WhichOneof("item") == "score":
                    put(convert.score(r.score))
                else:
                    put(EventsLost(r.events_lost.count))

        async def health(put: Callable[[Update], None]) -> None:
            prev = None
            while True:
                h = await self.appliance.GetHealth(appliance_pb.GetHealthRequest(), timeout=CALL_TIMEOUT_S)
                put(convert.health(h.metrics, prev))
                prev = h.metrics
                await asyncio.sleep(HEALTH_POLL_S)

        role = self.identity.role if self.identity is not None else ""
        agent = role == "agent"
        if agent:
            return self._merge([scores])
        content = role in ("supervisor", "compliance")
        return self._merge([calls, prompts, scores, health] if content else [health])

    def follow_call(self, call_id: str) -> AsyncIterator[Update]:
        async def transcript(put: Callable[[Update], None]) -> None:
            req = transcripts_pb.StreamTranscriptRequest(call_id=call_id, include_dtmf=True)
            async for r in self.transcripts.StreamTranscript(req):
                which = r.WhichOneof("item")
                if which == "utterance":
                    put(convert.utterance(r.utterance))
                elif which == "dtmf":
                    put(convert.dtmf(r.dtmf))
            await asyncio.Event().wait()  # the call ended: keep the other sources going

        async def prompts(put: Callable[[Update], None]) -> None:
            req = guidance_pb.StreamPromptsRequest(call_id=call_id, replay_open=True)
            async for r in self.guidance.StreamPrompts(req):
                if r.WhichOneof("item") == "prompt":
                    put(convert.prompt(r.prompt))

        async def scores(put: Callable[[Update], None]) -> None:
            for s in (await self.quality.GetCallScores(quality_pb.GetCallScoresRequest(call_id=call_id),
                                                       timeout=CALL_TIMEOUT_S)).scores:
                put(convert.score(s))
            async for r in self.quality.StreamScores(quality_pb.StreamScoresRequest(call_id=call_id)):
                if r.WhichOneof("item") == "score":
                    put(convert.score(r.score))

        async def snapshot(put: Callable[[Update], None]) -> None:
            while True:
                r = await self.calls.GetCall(calls_pb.GetCallRequest(call_id=call_id), timeout=CALL_TIMEOUT_S)
                put(convert.call_row(r.call))
                for f in convert.talk_figures(r.call):
                    put(f)
                if r.call.state == calls_pb.CALL_STATE_ENDED:
                    return
                await asyncio.sleep(SNAPSHOT_S)

        return self._merge([transcript, prompts, scores, snapshot])

    # -- unary views -------------------------------------------------------------------------
    async def list_calls(self, include_ended: bool = True) -> list[CallRow]:
        r = await self._unary(self.calls.ListCalls, calls_pb.ListCallsRequest(include_ended=include_ended))
        return [convert.call_row(c) for c in r.calls]

    async def call_scores(self, call_id: str) -> list[Scorecard]:
        r = await self._unary(self.quality.GetCallScores, quality_pb.GetCallScoresRequest(call_id=call_id))
        return [convert.score(s) for s in r.scores]

    async def aggregates(self, group_by: Literal["agent", "day", "criterion"] = "agent") -> list[Aggregate]:
        g = {"agent": quality_pb.GROUP_BY_AGENT, "day": quality_pb.GROUP_BY_DAY,
             "criterion": quality_pb.GROUP_BY_CRITERION}[group_by]
        r = await self._unary(self.quality.GetAggregates, quality_pb.GetAggregatesRequest(group_by=g))
        return [convert.aggregate(a) for a in r.rows]

    async def disputes(self) -> list[Dispute]:
        r = await self._unary(self.quality.ListDisputes, quality_pb.ListDisputesRequest())
        return [convert.dispute(d) for d in r.disputes]

    async def raise_dispute(self, call_id: str, scorecard: str, criterion: str, reason: str) -> Dispute:
        r = await self._unary(self.quality.RaiseDispute, quality_pb.RaiseDisputeRequest(
            call_id=call_id, scorecard=scorecard, criterion_id=criterion, reason=reason))
        return convert.dispute(r.dispute)

    async def resolve_dispute(self, dispute_id: str, accept: bool, resolution: str = "") -> Dispute:
        if accept:
            r = await self._unary(self.quality.AcceptDispute, quality_pb.AcceptDisputeRequest(
                dispute_id=dispute_id, resolution=resolution))
        else:
            r = await self._unary(self.quality.RejectDispute, quality_pb.RejectDisputeRequest(
                dispute_id=dispute_id, resolution=resolution))
        return convert.dispute(r.dispute)

    async def alignment(self) -> list[AlignmentRow]:
        r = await self._unary(self.quality.GetOutcomeAlignmentReport,
                              quality_pb.GetOutcomeAlignmentReportRequest())
        return [convert.alignment(a) for a in r.rows]

    async def health_history(self, seconds: float = 3600.0) -> list[HealthSample]:
        import time

        r = await self._unary(self.appliance.GetMetricsHistory,
                              appliance_pb.GetMetricsHistoryRequest(since_wall=time.time() - seconds))
        return convert.health_series(list(r.snapshots))

    async def recordings(self, query: RecordingQuery) -> list[Recording]:
        r = await self._unary(self.recordings_.SearchRecordings, recordings_pb.SearchRecordingsRequest(
            agent_label=query.agent, call_id=query.call_id, legal_hold_only=query.legal_hold_only,
            limit=query.limit))
        return [convert.recording(x) for x in r.recordings]

    async def set_legal_hold(self, recording_id: str, hold: bool, reason: str) -> Recording:
        r = await self._unary(self.recordings_.SetLegalHold, recordings_pb.SetLegalHoldRequest(
            recording_id=recording_id, hold=hold, reason=reason))
        return convert.recording(r.recording)

    async def quarantine(self) -> list[QuarantineItem]:
        r = await self._unary(self.recordings_.ListQuarantine, recordings_pb.ListQuarantineRequest())
        return [convert.quarantine_item(q) for q in r.items]

    async def export_audit(self, out: str, since: float, until: float, reason: str
                           ) -> AsyncIterator[ExportProgress]:
        """Stream the export into a temporary file beside ``out``, check it, rename it into place."""
        from ccedge.tui.export_file import AuditExportWriter

        writer = AuditExportWriter(out)
        done = total = 0
        try:
            req = recordings_pb.ExportAuditRequest(since_wall=since, until_wall=until, reason=reason)
            async for r in self.recordings_.ExportAudit(req):
                which = r.WhichOneof("item")
                if which == "progress":
                    done, total = r.progress.records_done, r.progress.records_total
                    yield ExportProgress(done, total)
                elif which == "chunk":
                    await asyncio.to_thread(writer.write, r.chunk)
                elif which == "done":
                    sha_ok = await asyncio.to_thread(writer.finish, r.done.sha256)
                    v = await self._unary(self.recordings_.VerifyAudit, recordings_pb.VerifyAuditRequest())
                    ok = sha_ok and v.ok
                    msg = (f"chain of {v.records} records checked" if v.ok
                           else f"chain broken at {v.first_bad_seq}: {v.reason}")
                    if not sha_ok:
                        msg = "the file does not match the appliance's digest"
                    yield ExportProgress(r.done.records, max(total, r.done.records), True, ok, msg, out)
                    return
            raise ConnectionLost("export ended without its final record")
        except grpc.aio.AioRpcError as e:
            raise map_error(e) from e
        finally:
            writer.abort()

    async def fetch_audio(self, recording_id: str, reason: str) -> tuple[int, bytes]:
        parts: list[bytes] = []
        rate = 0
        try:
            async for r in self.recordings_.FetchAudio(recordings_pb.FetchAudioRequest(
                    recording_id=recording_id, format=recordings_pb.AUDIO_FORMAT_WAV, reason=reason)):
                rate = rate or r.sample_rate
                parts.append(r.chunk)
        except grpc.aio.AioRpcError as e:
            raise map_error(e) from e
        return rate, b"".join(parts)
