"""Recordings and the audit trail over the API (compliance officers only; every call audited).

The audit export streams the access trail in chunks with progress and a final SHA-256 of
everything sent. It never drops: each ``yield`` waits for HTTP/2 flow control, so a slow
reader slows only its own export (the trail is read in a worker thread, off the event loop).

Search, audio, legal hold and quarantine are the vault's (``ccedge.core.vault``): until an
appliance process attaches a recording store (``ApiContext.runtime.recordings``), they answer
UNAVAILABLE with a one-line reason.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import grpc

from ccedge.core.access_audit import AuditError, verify_chain
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2 as rec_pb
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2_grpc as rec_grpc
from ccedge.rpc.server.context import ApiContext

NO_VAULT = "the vault is not attached to this appliance process"


class RecordingsServicer(rec_grpc.RecordingsServiceServicer):
    def __init__(self, ctx: ApiContext) -> None:
        self.ctx = ctx

    @property
    def trail(self) -> Path:
        return getattr(self.ctx.audit, "path", self.ctx.data_dir / "audit" / "access.jsonl")

    def _store(self) -> object | None:
        return getattr(self.ctx.runtime, "recordings", None)

    async def _no_vault(self, context: grpc.aio.ServicerContext) -> None:
        await context.abort(grpc.StatusCode.UNAVAILABLE, NO_VAULT)

    async def SearchRecordings(self, request: rec_pb.SearchRecordingsRequest,
                               context: grpc.aio.ServicerContext) -> rec_pb.SearchRecordingsResponse:
        await self._no_vault(context)
        return rec_pb.SearchRecordingsResponse()

    async def FetchAudio(self, request: rec_pb.FetchAudioRequest,
                         context: grpc.aio.ServicerContext) -> AsyncIterator[rec_pb.FetchAudioResponse]:
        await self._no_vault(context)
        yield rec_pb.FetchAudioResponse()

    async def SetLegalHold(self, request: rec_pb.SetLegalHoldRequest,
                           context: grpc.aio.ServicerContext) -> rec_pb.SetLegalHoldResponse:
        await self._no_vault(context)
        return rec_pb.SetLegalHoldResponse()

    async def ListQuarantine(self, request: rec_pb.ListQuarantineRequest,
                             context: grpc.aio.ServicerContext) -> rec_pb.ListQuarantineResponse:
        await self._no_vault(context)
        return rec_pb.ListQuarantineResponse()

    async def ExportAudit(self, request: rec_pb.ExportAuditRequest,
                          context: grpc.aio.ServicerContext) -> AsyncIterator[rec_pb.ExportAuditResponse]:
        who = self.ctx.caller(context)
        path = self.trail
        lines = await asyncio.to_thread(_read_lines, path)
        until = request.until_wall or float("inf")
        total = len(lines)
        digest = hashlib.sha256()
        chunk, done, sent = bytearray(), 0, 0
        yield rec_pb.ExportAuditResponse(progress=rec_pb.ExportProgress(records_done=0, records_total=total))
        for raw, wall in lines:
            done += 1
            if request.since_wall <= wall <= until:
                chunk += raw + b"\n"
                sent += 1
            if len(chunk) >= self.ctx.settings.export_chunk or done == total:
                if chunk:
                    digest.update(chunk)
                    yield rec_pb.ExportAuditResponse(chunk=bytes(chunk))
                    chunk = bytearray()
                yield rec_pb.ExportAuditResponse(
                    progress=rec_pb.ExportProgress(records_done=done, records_total=total))
        yield rec_pb.ExportAuditResponse(done=rec_pb.ExportDone(records=sent, sha256=digest.hexdigest()))
        await self.ctx.audit_async("audit-export", who, "access-trail", "done", f"{sent} records")

    async def VerifyAudit(self, request: rec_pb.VerifyAuditRequest,
                          context: grpc.aio.ServicerContext) -> rec_pb.VerifyAuditResponse:
        try:
            n = await asyncio.to_thread(verify_chain, self.trail)
        except AuditError as e:
            bad = int(str(e).rsplit(" ", 1)[-1]) if str(e)[-1:].isdigit() else 0
            return rec_pb.VerifyAuditResponse(ok=False, first_bad_seq=bad, reason=str(e))
        return rec_pb.VerifyAuditResponse(ok=True, records=n)


def _read_lines(path: Path) -> list[tuple[bytes, float]]:
    import json

    out = []
    if path.exists():
        for raw in path.read_bytes().splitlines():
            if raw:
                out.append((raw, float(json.loads(raw).get("wall", 0.0))))
    return out


__all__ = ["RecordingsServicer"]
