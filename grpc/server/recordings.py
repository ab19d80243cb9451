"""Recordings and the audit trail over the API (compliance officers only; every call audited).

Everything here goes through the vault (``ccedge.core.vault``), which audits each read
(``recording-read``), hold and export itself and refuses roles its own table does not allow
(defence in depth behind the interceptor). Blocking vault work (SQLite, AES-GCM) runs in worker
threads, never on the event loop. Audio and exports stream in chunks: each ``yield`` waits
for HTTP/2 flow control, so a slow reader slows only its own download and nothing is dropped.

Without a vault in the data directory (a box provisioned before its vault), recording calls
answer UNAVAILABLE, and the audit export and verification cover the API's own access trail.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import wave
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, TypeVar

import grpc

from ccedge.core.access_audit import VAULT_ROLE, AuditError, verify_chain
from ccedge.core.pki import Identity
from ccedge.core.vault import AccessDenied, IntegrityError, KeyUnavailableError, VaultError
from ccedge.rpc.api.common.v1 import common_pb2 as common_pb
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2 as rec_pb
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2_grpc as rec_grpc
from ccedge.rpc.server import convert
from ccedge.rpc.server.context import ApiContext

NO_VAULT = "the vault is not attached to this appliance process"
MAX_RESULTS = 500
T = TypeVar("T")


def _status(e: VaultError) -> grpc.StatusCode:
    if isinstance(e, AccessDenied):
        return grpc.StatusCode.PERMISSION_DENIED
    if isinstance(e, IntegrityError):
        return grpc.StatusCode.DATA_LOSS
    if isinstance(e, KeyUnavailableError):
        return grpc.StatusCode.FAILED_PRECONDITION
    if str(e).startswith("no recording"):
        return grpc.StatusCode.NOT_FOUND
    return grpc.StatusCode.FAILED_PRECONDITION


class RecordingsServicer(rec_grpc.RecordingsServiceServicer):
    def __init__(self, ctx: ApiContext) -> None:
        self.ctx = ctx

    async def _vault(self, context: grpc.aio.ServicerContext) -> Any:
        if self.ctx.vault is None:
            await context.abort(grpc.StatusCode.UNAVAILABLE, NO_VAULT)
        return self.ctx.vault

    async def _call(self, context: grpc.aio.ServicerContext, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker thread; vault errors become one-line statuses."""
        try:
            return await asyncio.to_thread(fn, *args)
        except VaultError as e:
            await context.abort(_status(e), str(e).splitlines()[0][:200])
            raise  # abort raised already

    @staticmethod
    def _who(ident: Identity) -> tuple[str, str]:
        return ident.name, VAULT_ROLE[ident.role]

    def _recording(self, v: Any, row: dict[str, Any], holds: bool, quarantined: set[str]) -> rec_pb.Recording:
        call_id = row["call_id"]
        legs = v.index.legs(call_id)
        receipt = v.index.receipt(call_id) or {}
        size = sum(int(r.get("bytes", 0)) for r in v.index.recordings(call_id).values())
        return rec_pb.Recording(
            recording_id=call_id, call_id=call_id, started_wall=float(row.get("started") or 0),
            duration_s=float(row.get("duration_s") or 0), legal_hold=holds,
            quarantined=call_id in quarantined,
            size_bytes=size, masked=convert.masked_counts(receipt),
            parties=[common_pb.Party(leg=leg["leg"],
                                     role=convert.PARTY_ROLE.get(leg["role"], convert.NO_ROLE),
                                     label=leg.get("label", "")) for leg in legs],
        )

    def _search(self, v: Any, request: rec_pb.SearchRecordingsRequest) -> rec_pb.SearchRecordingsResponse:
        rows = v.list_calls(since=request.since_wall or None, until=request.until_wall or None,
                            agent=request.agent_label or None, call_id=request.call_id or None)
        quarantined = {q["call_id"] for q in v.quarantined()}
        offset = int(request.page_token or 0)
        limit = min(request.limit or 100, MAX_RESULTS)
        out: list[rec_pb.Recording] = []
        index = offset
        for index, row in enumerate(rows[offset:], start=offset):  # noqa: B007 - index read after the loop
            holds = bool(v.index.holds(row["call_id"]))
            if request.legal_hold_only and not holds:
                continue
            out.append(self._recording(v, row, holds, quarantined))
            if len(out) == limit:
                break
        more = len(out) == limit and index + 1 < len(rows)
        return rec_pb.SearchRecordingsResponse(recordings=out, next_page_token=str(index + 1) if more else "")

    async def SearchRecordings(self, request: rec_pb.SearchRecordingsRequest,
                               context: grpc.aio.ServicerContext) -> rec_pb.SearchRecordingsResponse:
        v = await self._vault(context)
        if request.page_token and not request.page_token.isdigit():
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "bad page_token")
        return await self._call(context, self._search, v, request)

    async def FetchAudio(self, request: rec_pb.FetchAudioRequest,
                         context: grpc.aio.ServicerContext) -> AsyncIterator[rec_pb.FetchAudioResponse]:
        v = await self._vault(context)
        if request.leg:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                                "per-leg audio is not offered: the WAV holds one channel per leg")
        actor, role = self._who(self.ctx.caller(context))
        wav = await self._call(context, v.audio_wav, request.recording_id, actor, role)
        with wave.open(io.BytesIO(wav)) as w:
            rate = w.getframerate()
            pcm = w.readframes(w.getnframes()) if request.format == rec_pb.AUDIO_FORMAT_PCM_S16LE else b""
        body = pcm if request.format == rec_pb.AUDIO_FORMAT_PCM_S16LE else wav
        step = self.ctx.settings.export_chunk
        for offset in range(0, max(len(body), 1), step):
            yield rec_pb.FetchAudioResponse(chunk=body[offset:offset + step], offset=offset,
                                            sample_rate=rate if offset == 0 else 0)

    async def SetLegalHold(self, request: rec_pb.SetLegalHoldRequest,
                           context: grpc.aio.ServicerContext) -> rec_pb.SetLegalHoldResponse:
        v = await self._vault(context)
        actor, role = self._who(self.ctx.caller(context))
        if request.hold:
            await self._call(context, v.hold, request.recording_id, request.reason[:200], actor, role)
        else:
            await self._call(context, v.release, request.recording_id, actor, role)
        found = await self._call(context, self._search, v,
                                 rec_pb.SearchRecordingsRequest(call_id=request.recording_id, limit=1))
        return rec_pb.SetLegalHoldResponse(recording=found.recordings[0] if found.recordings else None)

    async def ListQuarantine(self, request: rec_pb.ListQuarantineRequest,
                             context: grpc.aio.ServicerContext) -> rec_pb.ListQuarantineResponse:
        v = await self._vault(context)
        items = await self._call(context, v.quarantined)
        return rec_pb.ListQuarantineResponse(items=[
            rec_pb.QuarantineItem(recording_id=q["call_id"], call_id=q["call_id"],
                                  span=common_pb.TimeSpan(start_s=0.0, end_s=float(q.get("sealed_s") or 0)),
                                  reason=",".join(map(str, q.get("flags") or [])) or "sealed")
            for q in items[: request.limit or MAX_RESULTS]])

    def _trail(self) -> list[tuple[bytes, float]]:
        v = self.ctx.vault
        if v is not None:
            return [(json.dumps(row, sort_keys=True).encode(), float(row["ts"]))
                    for row in v.index.audit_entries()]
        path: Path = getattr(self.ctx.audit, "path", self.ctx.data_dir / "audit" / "access.jsonl")
        if not path.exists():
            return []
        raws = [raw for raw in path.read_bytes().splitlines() if raw]
        return [(raw, float(json.loads(raw).get("wall", 0.0))) for raw in raws]

    async def ExportAudit(self, request: rec_pb.ExportAuditRequest,
                          context: grpc.aio.ServicerContext) -> AsyncIterator[rec_pb.ExportAuditResponse]:
        who = self.ctx.caller(context)
        lines = await asyncio.to_thread(self._trail)
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
        await self.ctx.audit_async("audit-exported", who, "audit-trail", "done",
                                   f"{sent} records sha256 {digest.hexdigest()[:16]}")

    async def VerifyAudit(self, request: rec_pb.VerifyAuditRequest,
                          context: grpc.aio.ServicerContext) -> rec_pb.VerifyAuditResponse:
        v = self.ctx.vault
        if v is not None:
            problems = await self._call(context, v.verify_audit)
            count = await asyncio.to_thread(lambda: len(v.index.audit_entries()))
            if problems:
                return rec_pb.VerifyAuditResponse(ok=False, records=count, first_bad_seq=problems[0].seq,
                                                  reason=str(problems[0])[:200])
            return rec_pb.VerifyAuditResponse(ok=True, records=count)
        try:
            n = await asyncio.to_thread(verify_chain, self.ctx.data_dir / "audit" / "access.jsonl")
        except AuditError as e:
            bad = int(str(e).rsplit(" ", 1)[-1]) if str(e)[-1:].isdigit() else 0
            return rec_pb.VerifyAuditResponse(ok=False, first_bad_seq=bad, reason=str(e))
        return rec_pb.VerifyAuditResponse(ok=True, records=n)


__all__ = ["RecordingsServicer"]
