"""Every RPC over a real TLS socket, for every role: allowed or denied as the policy says."""

from __future__ import annotations

import json
from typing import Any

import grpc
import pytest

from ccedge.rpc.api.appliance.v1 import appliance_service_pb2, appliance_service_pb2_grpc
from ccedge.rpc.api.calls.v1 import calls_service_pb2, calls_service_pb2_grpc
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2, guidance_service_pb2_grpc
from ccedge.rpc.api.quality.v1 import quality_service_pb2, quality_service_pb2_grpc
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2, recordings_service_pb2_grpc
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2, transcripts_service_pb2_grpc
from ccedge.rpc.client import channel
from ccedge.rpc.server.auth import allowed_roles

SERVICES = [
    (calls_service_pb2, calls_service_pb2_grpc, "CallsService"),
    (transcripts_service_pb2, transcripts_service_pb2_grpc, "TranscriptsService"),
    (guidance_service_pb2, guidance_service_pb2_grpc, "GuidanceService"),
    (quality_service_pb2, quality_service_pb2_grpc, "QualityService"),
    (recordings_service_pb2, recordings_service_pb2_grpc, "RecordingsService"),
    (appliance_service_pb2, appliance_service_pb2_grpc, "ApplianceService"),
]
ROLES = ("supervisor", "compliance", "admin", "agent")


def all_methods() -> list[tuple[Any, Any, str, Any]]:
    out = []
    for pb, pb_grpc, name in SERVICES:
        svc = pb.DESCRIPTOR.services_by_name[name]
        for m in svc.methods:
            out.append((pb, pb_grpc, name, m))
    return out


async def call(ch: grpc.aio.Channel, pb: Any, pb_grpc: Any, service: str, method: Any) -> grpc.StatusCode:
    stub = getattr(pb_grpc, f"{service}Stub")(ch)
    request = getattr(pb, method.input_type.name)()
    for field in ("call_id", "recording_id", "dispute_id", "name"):
        if field in request.DESCRIPTOR.fields_by_name:
            setattr(request, field, "nobody-here")
    rpc = getattr(stub, method.name)
    try:
        if method.server_streaming:
            stream = rpc(request, timeout=1.0)
            async for _ in stream:
                break
            stream.cancel()
        else:
            await rpc(request, timeout=5.0)
    except grpc.aio.AioRpcError as e:
        assert "nobody-here" not in (e.details() or "")
        return e.code()
    return grpc.StatusCode.OK


def test_every_method_is_in_the_policy() -> None:
    for _, _, _, m in all_methods():
        assert allowed_roles(f"/{m.full_name.rsplit('.', 1)[0]}/{m.name}"), m.full_name


def test_every_rpc_allowed_or_denied_per_role(pki: Any, serve: Any, arun: Any) -> None:
    async def main() -> dict[tuple[str, str], grpc.StatusCode]:
        results = {}
        async with serve(pki.data_dir) as server:
            for role in ROLES:
                async with channel(pki.bundles[role], port=server.port) as ch:
                    for pb, pb_grpc, service, m in all_methods():
                        results[(role, m.full_name)] = await call(ch, pb, pb_grpc, service, m)
        return results

    audit_path = pki.data_dir / "audit" / "access.jsonl"
    before = len(audit_path.read_text().splitlines())
    results = arun(main())
    denied = 0
    for (role, full), code in results.items():
        service, method = full.rsplit(".", 1)
        allowed = role in allowed_roles(f"/{service}/{method}")
        if allowed:
            assert code not in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED), \
                (role, full)
        else:
            assert code == grpc.StatusCode.PERMISSION_DENIED, (role, full, code)
            denied += 1
    assert denied > 20  # the policy does deny: supervisors cannot reach recordings, admins not calls
    assert results[("supervisor", "ccedge.recordings.v1.RecordingsService.FetchAudio")] == \
        grpc.StatusCode.PERMISSION_DENIED
    assert results[("supervisor", "ccedge.recordings.v1.RecordingsService.ExportAudit")] == \
        grpc.StatusCode.PERMISSION_DENIED
    assert results[("compliance", "ccedge.recordings.v1.RecordingsService.ExportAudit")] == grpc.StatusCode.OK
    records = [json.loads(x) for x in audit_path.read_text().splitlines()[before:]]
    denials = [r for r in records if r["outcome"] == "denied"]
    assert len(denials) == denied  # each denial audited, with who and what
    assert all(r["actor"].endswith("-user") and r["action"].startswith("/ccedge.") for r in denials)
    recording_reads = [r for r in records if r["outcome"] == "allowed"]
    assert {r["role"] for r in recording_reads} == {"compliance"}
    assert len(recording_reads) == 6  # one per RecordingsService method


@pytest.mark.parametrize("role", ROLES)
def test_whoami_reports_the_certificate(pki: Any, serve: Any, arun: Any, role: str) -> None:
    async def main() -> Any:
        async with serve(pki.data_dir) as server, channel(pki.bundles[role], port=server.port) as ch:
            stub = appliance_service_pb2_grpc.ApplianceServiceStub(ch)
            return await stub.WhoAmI(appliance_service_pb2.WhoAmIRequest(), timeout=5), server.fingerprint

    me, fp = arun(main())
    assert me.name == f"{role}-user" and me.appliance_fingerprint == fp
