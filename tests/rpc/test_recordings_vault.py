"""Recordings over the API from a real vault: search, audio, legal hold, quarantine, stored
transcript, audit export and verification; every read and denial in the vault's signed trail."""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from pathlib import Path
from typing import Any

import grpc
import numpy as np
import pytest

from ccedge.core.events import CallEnded, CallStarted, Party, RedactedText, UtteranceRedacted
from ccedge.core.sink import ReleasedAudio
from ccedge.core.vault import Vault, VaultSink
from ccedge.firmware.provision import enroll, init_pki
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2 as rec_pb
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2_grpc as rec_grpc
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2 as tx_pb
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2_grpc as tx_grpc
from ccedge.rpc.client import channel


async def record(v: Vault, call_id: str) -> None:
    sink = VaultSink(v)
    await sink.open_call(
        CallStarted(
            call_id=call_id,
            t=0.0,
            wall=time.time(),
            codecs={"caller": "PCMU"},
            parties=(Party("caller", "customer", "…1234"), Party("callee", "agent", "ext 7")),
        )
    )
    n = 1600
    for i in range(10):
        for leg, role in (("caller", "customer"), ("callee", "agent")):
            x = (np.sin(np.arange(n) * 0.05 * (i + 1)) * 5000).astype(np.int16)
            await sink.audio(call_id, leg, [ReleasedAudio(call_id, leg, role, i * 0.2, 8000, x)])
        if i == 3:
            await sink.event(
                UtteranceRedacted(
                    call_id=call_id,
                    t=0.4,
                    leg="caller",
                    role="customer",
                    start_s=0.4,
                    end_s=1.0,
                    text=RedactedText("my card is [PAN]"),
                )
            )
    await sink.close_call(
        CallEnded(
            call_id=call_id,
            t=2.0,
            reason="bye-caller",
            duration_s=2.0,
            receipt={"flagged": False, "flags": []},
        )
    )
    await sink.aclose()


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("CCEDGE_VAULT_PASSPHRASE", "correct horse battery staple")
    data = tmp_path / "data"
    v = Vault.init(data)
    asyncio.run(record(v, "call-1"))
    v.close_writer()
    v.close()
    init_pki(data)
    return {
        "data": data,
        **{
            r: enroll(data, f"{r}-1", r, tmp_path / f"{r}.json", address="127.0.0.1")
            for r in ("supervisor", "compliance")
        },
    }


def test_recordings_from_the_vault(box: dict[str, Any], serve: Any, arun: Any) -> None:
    async def main() -> dict[str, Any]:
        out: dict[str, Any] = {}
        async with serve(box["data"]) as server:
            assert server.vault is not None
            async with channel(box["compliance"], port=server.port) as ch:
                rec = rec_grpc.RecordingsServiceStub(ch)
                found = await rec.SearchRecordings(rec_pb.SearchRecordingsRequest())
                out["found"] = found
                chunks = [m async for m in rec.FetchAudio(rec_pb.FetchAudioRequest(recording_id="call-1"))]
                out["audio"] = chunks
                out["hold"] = await rec.SetLegalHold(
                    rec_pb.SetLegalHoldRequest(recording_id="call-1", hold=True, reason="matter 42")
                )
                out["quarantine"] = await rec.ListQuarantine(rec_pb.ListQuarantineRequest())
                try:
                    await rec.SetLegalHold(
                        rec_pb.SetLegalHoldRequest(recording_id="nope", hold=True, reason="x")
                    )
                except grpc.aio.AioRpcError as e:
                    out["missing"] = e.code()
                tx = tx_grpc.TranscriptsServiceStub(ch)
                out["stored"] = [
                    m async for m in tx.StreamTranscript(tx_pb.StreamTranscriptRequest(call_id="call-1"))
                ]
            async with channel(box["supervisor"], port=server.port) as ch:
                try:
                    await rec_grpc.RecordingsServiceStub(ch).SearchRecordings(
                        rec_pb.SearchRecordingsRequest()
                    )
                except grpc.aio.AioRpcError as e:
                    out["denied"] = e.code()
            async with channel(box["compliance"], port=server.port) as ch:
                rec = rec_grpc.RecordingsServiceStub(ch)
                out["export"] = [m async for m in rec.ExportAudit(rec_pb.ExportAuditRequest())]
                out["verify"] = await rec.VerifyAudit(rec_pb.VerifyAuditRequest())
        return out

    out = arun(main())
    r = out["found"].recordings[0]
    assert (
        r.call_id == "call-1" and r.duration_s == 2.0 and {p.label for p in r.parties} == {"…1234", "ext 7"}
    )
    wav = b"".join(m.chunk for m in out["audio"])
    assert wav[:4] == b"RIFF" and out["audio"][0].sample_rate == 8000 and len(wav) > 2 * 8000 * 2
    assert out["hold"].recording.legal_hold
    assert out["missing"] == grpc.StatusCode.NOT_FOUND
    assert [m.WhichOneof("item") for m in out["stored"]] == ["utterance", "end"]
    assert out["stored"][0].utterance.text == "my card is [PAN]" and out["stored"][1].end.reason == "stored"
    assert out["denied"] == grpc.StatusCode.PERMISSION_DENIED
    kinds = [m.WhichOneof("item") for m in out["export"]]
    assert kinds[0] == "progress" and kinds[-1] == "done" and "chunk" in kinds
    body = b"".join(m.chunk for m in out["export"])
    assert hashlib.sha256(body).hexdigest() == out["export"][-1].done.sha256
    entries = [json.loads(x) for x in body.splitlines()]
    actions = [(e["actor"], e["action"]) for e in entries]
    assert ("compliance-1", "recording-read") in actions  # audio and transcript reads, by the vault
    assert ("compliance-1", "legal-hold") in actions
    denied = [e for e in entries if e["actor"] == "supervisor-1"]
    assert denied and json.loads(denied[0]["detail"])["outcome"] == "denied"
    assert out["verify"].ok and out["verify"].records >= len(entries)
