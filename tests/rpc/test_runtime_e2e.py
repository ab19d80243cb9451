"""The whole appliance: ``ccedge run`` replays the bundled payment calls with the API enabled and a
vault; enrolled consoles read the calls, transcripts, guidance prompts, QM scores, disputes and
aggregates, and the recordings (search, redacted audio, legal hold, audit export) over mutual TLS
through the TLS 1.3 gate; nothing sensitive in any response (the demo speaks the Visa test PAN and
an SSN). The capture is replayed once (a module fixture); each test asserts one part of it."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

import grpc
import pytest

from ccedge.core.commands.init import write_default_compliance
from ccedge.core.vault import Vault
from ccedge.firmware.provision import enroll, init_pki
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as app_pb
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2_grpc as app_grpc
from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
from ccedge.rpc.api.calls.v1 import calls_service_pb2_grpc as calls_grpc
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2 as g_pb
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2_grpc as g_grpc
from ccedge.rpc.api.quality.v1 import quality_service_pb2 as qm_pb
from ccedge.rpc.api.quality.v1 import quality_service_pb2_grpc as qm_grpc
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2 as rec_pb
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2_grpc as rec_grpc
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2 as tx_pb
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2_grpc as tx_grpc
from ccedge.rpc.client import channel
from ccedge.testing.messages import message_strings as strings

DIGIT_RUN = re.compile(r"(?:\d[ \t\-]?){7,}")
# SHA-256 digests and certificate fingerprints; a dispute id (12 hex digits of a UUID, with a letter,
# so never a card number) has a run of 7 digits about one time in 25 (CI met "780c81797850")
HEX_DIGEST = re.compile(r"[0-9a-f]{64}|(?:[0-9A-F]{2}:){31}[0-9A-F]{2}|(?=[0-9a-f]*[a-f])[0-9a-f]{12}")
SECRETS = ("4111", "078-05", "0780", "1120")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _poll(step: Any, done: Any, limit_s: float, pause_s: float = 0.5) -> Any:
    """``await step()`` until ``done(result)`` or ``limit_s`` passed; the last result either way."""
    end = time.monotonic() + limit_s
    while True:
        got = await step()
        if done(got) or time.monotonic() > end:
            return got
        await asyncio.sleep(pause_s)


async def _collect_prompts(ch: grpc.aio.Channel, into: list[Any]) -> None:
    """The live guidance stream from before the first call's speech until cancelled."""
    with contextlib.suppress(grpc.aio.AioRpcError, asyncio.CancelledError):
        async for m in g_grpc.GuidanceServiceStub(ch).StreamPrompts(g_pb.StreamPromptsRequest()):
            into.append(m)


async def _floor(ch: grpc.aio.Channel, out: dict[str, Any]) -> None:
    """Calls, transcripts, scores and health as the compliance officer's console reads them."""
    apps = app_grpc.ApplianceServiceStub(ch)
    calls = calls_grpc.CallsServiceStub(ch)
    listed = await _poll(lambda: calls.ListCalls(calls_pb.ListCallsRequest(include_ended=True), timeout=5),
                         lambda r: len(r.calls) >= 3 and all(c.state == calls_pb.CALL_STATE_ENDED
                                                             for c in r.calls), 240, 1.0)
    out["listed"] = listed
    tx = tx_grpc.TranscriptsServiceStub(ch)
    for c in listed.calls:
        req = tx_pb.StreamTranscriptRequest(call_id=c.call_id, include_words=True, include_dtmf=True)
        out["responses"] += [m async for m in tx.StreamTranscript(req, timeout=10)]
    qm = qm_grpc.QualityServiceStub(ch)

    async def scores() -> list[Any]:
        return [await qm.GetCallScores(qm_pb.GetCallScoresRequest(call_id=c.call_id), timeout=10)
                for c in listed.calls]
    # a score follows its call's end (the QM stage's output)
    out["scores"] = await _poll(scores, lambda answers: all(a.scores for a in answers), 60)
    # Health comes every few seconds: wait for one after speech
    out["health"] = await _poll(lambda: apps.GetHealth(app_pb.GetHealthRequest(), timeout=5),
                                lambda h: h.metrics.speech_rtf > 0, 30)


async def _quality_and_recordings(carol: grpc.aio.Channel, sam: grpc.aio.Channel, call_id: str,
                                  out: dict[str, Any]) -> None:
    """Dispute raised by the compliance officer and resolved by the supervisor; aggregates; the
    payment call's recording searched, its redacted audio fetched (and refused to the supervisor),
    put on legal hold; the audit exported and verified."""
    score = next(s for a in out["scores"] for s in a.scores if s.call_id == call_id)
    q_carol, q_sam = qm_grpc.QualityServiceStub(carol), qm_grpc.QualityServiceStub(sam)
    raised = await q_carol.RaiseDispute(qm_pb.RaiseDisputeRequest(
        call_id=call_id, scorecard=score.scorecard, criterion_id=score.criteria[0].id,
        reason="the greeting was given before the tone"), timeout=10)
    out["open"] = await q_sam.ListDisputes(qm_pb.ListDisputesRequest(state=qm_pb.DISPUTE_STATE_OPEN),
                                           timeout=10)
    out["accepted"] = await q_sam.AcceptDispute(qm_pb.AcceptDisputeRequest(
        dispute_id=raised.dispute.id, resolution="agreed, criterion re-marked"), timeout=10)
    out["aggregates"] = await q_sam.GetAggregates(
        qm_pb.GetAggregatesRequest(group_by=qm_pb.GROUP_BY_CRITERION), timeout=10)
    rec = rec_grpc.RecordingsServiceStub(carol)
    search = rec_pb.SearchRecordingsRequest(call_id=call_id)
    found = await _poll(lambda: rec.SearchRecordings(search, timeout=10), lambda r: len(r.recordings) > 0, 30)
    out["found"] = found
    rid = found.recordings[0].recording_id
    fetch = rec_pb.FetchAudioRequest(recording_id=rid, reason="QA review")
    out["audio"] = [m async for m in rec.FetchAudio(fetch, timeout=30)]
    try:
        await rec_grpc.RecordingsServiceStub(sam).FetchAudio(
            rec_pb.FetchAudioRequest(recording_id=rid, reason="curious")).read()
        out["sam_audio"] = grpc.StatusCode.OK
    except grpc.aio.AioRpcError as e:
        out["sam_audio"] = e.code()
    out["hold"] = await rec.SetLegalHold(rec_pb.SetLegalHoldRequest(recording_id=rid, hold=True,
                                                                    reason="matter 42"), timeout=10)
    out["export"] = [m async for m in rec.ExportAudit(rec_pb.ExportAuditRequest(reason="quarterly review"),
                                                      timeout=60)]
    out["verify"] = await rec.VerifyAudit(rec_pb.VerifyAuditRequest(), timeout=30)
    out["responses"] += [raised, out["open"], out["accepted"], out["aggregates"], found, out["hold"],
                         out["verify"]]


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One ``ccedge run`` of the demo capture (vault, default policy, API on); what the consoles read."""
    models = Path.home() / ".local" / "share" / "ccedge" / "models"
    if not any(models.glob("*.bin")):
        pytest.skip("no transcription model built (ccedge model build)")
    tmp_path = tmp_path_factory.mktemp("real-run")
    data = tmp_path / "data"
    Vault.init(data).close()  # what `ccedge init` does first (machine secret: a test box)
    init_pki(data)
    write_default_compliance(data, "finance")
    data.joinpath("models").symlink_to(models)
    bundle = enroll(data, "carol", "compliance", tmp_path / "carol.json", address="127.0.0.1")
    supervisor = enroll(data, "sam", "supervisor", tmp_path / "sam.json", address="127.0.0.1")
    port = free_port()
    cfg = tmp_path / "ccedge.toml"
    cfg.write_text(f'data_dir = "{data}"\n[api]\nenabled = true\nhost = "127.0.0.1"\nport = {port}\n'
                   'advertise = false\n')
    capture = Path(str(files("ccedge.core.simulate").joinpath("demo-calls.pcap.gz")))
    env = {**os.environ, "CCEDGE_DATA_DIR": str(data)}
    env.pop("CCEDGE_VAULT_PASSPHRASE", None)
    proc = subprocess.Popen([sys.executable, "-m", "ccedge.core.cli", "run", "--config", str(cfg),
                             "--replay", str(capture), "--fast"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    async def console() -> dict[str, Any]:
        out: dict[str, Any] = {"responses": [], "prompts": []}
        async with channel(bundle, port=port) as ch, channel(supervisor, port=port) as sam:
            apps = app_grpc.ApplianceServiceStub(ch)
            deadline = time.monotonic() + 90
            while True:  # the API is up before the sources start (Runtime.run): poll it closely
                try:
                    out["whoami"] = await apps.WhoAmI(app_pb.WhoAmIRequest(), timeout=2)
                    break
                except grpc.aio.AioRpcError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise
                    await asyncio.sleep(0.1)
            prompts = asyncio.create_task(_collect_prompts(sam, out["prompts"]))
            try:
                await _floor(ch, out)
            finally:
                prompts.cancel()
                await asyncio.gather(prompts, return_exceptions=True)
            payment = next(c.call_id for c in out["listed"].calls if "payment" in c.call_id)
            out["payment"] = payment
            await _quality_and_recordings(ch, sam, payment, out)
        return out

    failure: BaseException | None = None
    try:
        got = asyncio.run(asyncio.wait_for(console(), 360))
    except (grpc.aio.AioRpcError, TimeoutError, StopIteration) as e:
        failure = e
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    if failure is not None:  # say why: the appliance's own last words
        pytest.fail(f"{type(failure).__name__}: {failure}; exit {proc.returncode}; ccedge run stderr:\n"
                    f"{err[-3000:]}")
    got["stderr"] = err
    return got


def _scan(texts: list[str]) -> None:
    for text in texts:
        if HEX_DIGEST.fullmatch(text):
            continue  # a SHA-256, fingerprint or dispute id has digit runs by chance
        assert not DIGIT_RUN.search(text), text
        assert not any(s in text for s in SECRETS), text


@pytest.mark.slow
def test_replayed_payment_calls_over_the_api(real_run: dict[str, Any]) -> None:
    assert real_run["whoami"].name == "carol"
    listed = real_run["listed"]
    assert any(c.HasField("sentiment") for c in listed.calls), "customer sentiment reaches the floor"
    assert len(listed.calls) >= 3 and all(c.customer_label != "" or c.agent_label != "" for c in listed.calls)
    got = real_run["responses"]
    utterances = [m.utterance for m in got if m.DESCRIPTOR.name == "StreamTranscriptResponse"
                  and m.WhichOneof("item") == "utterance"]
    assert len(utterances) >= 10, "transcripts reached the console"
    assert any("[" in u.text for u in utterances), "something was masked in the payment calls"
    assert real_run["health"].metrics.speech_rtf > 0, "the transcription real-time factor reaches the API"
    scores = [sc for a in real_run["scores"] for sc in a.scores]
    assert scores, "the default policy scored the replayed calls"
    for m in [real_run["whoami"], listed, *got, *real_run["scores"], real_run["health"]]:
        _scan(strings(m))
    assert "Traceback" not in real_run["stderr"]


@pytest.mark.slow
def test_guidance_and_quality_on_a_real_run(real_run: dict[str, Any]) -> None:
    payment = real_run["payment"]
    prompts = [m.prompt for m in real_run["prompts"] if m.WhichOneof("item") == "prompt"]
    assert any(p.call_id == payment for p in prompts), "the payment call's prompts reach the guidance stream"
    assert any(s.call_id == payment and s.criteria for a in real_run["scores"] for s in a.scores)
    assert [d.call_id for d in real_run["open"].disputes] == [payment]
    accepted = real_run["accepted"].dispute
    assert (accepted.state, accepted.raised_by, accepted.resolved_by) == (qm_pb.DISPUTE_STATE_ACCEPTED,
                                                                          "carol", "sam")
    rows = real_run["aggregates"].rows
    assert rows and all(r.calls >= 1 and 0.0 <= r.met_rate <= 1.0 for r in rows)
    for m in real_run["prompts"]:
        _scan(strings(m))


@pytest.mark.slow
def test_recordings_on_a_real_run(real_run: dict[str, Any]) -> None:
    payment = real_run["payment"]
    found = real_run["found"].recordings
    assert [r.call_id for r in found] == [payment] and found[0].duration_s > 10
    audio = real_run["audio"]
    wav = b"".join(m.chunk for m in audio)
    assert wav[:4] == b"RIFF" and audio[0].sample_rate > 0 and len(wav) > audio[0].sample_rate * 2 * 10
    assert real_run["sam_audio"] == grpc.StatusCode.PERMISSION_DENIED
    assert real_run["hold"].recording.legal_hold
    export = real_run["export"]
    assert export[-1].WhichOneof("item") == "done"
    body = b"".join(m.chunk for m in export)
    assert hashlib.sha256(body).hexdigest() == export[-1].done.sha256
    entries = [json.loads(x) for x in body.splitlines()]
    actions = {(e["actor"], e["action"]) for e in entries}
    assert {("carol", "recording-read"), ("carol", "legal-hold")} <= actions
    denied = [json.loads(e["detail"]) for e in entries if e["actor"] == "sam" and "FetchAudio" in e["action"]]
    assert denied and denied[0]["outcome"] == "denied"
    assert real_run["verify"].ok and real_run["verify"].records >= len(entries)
    # what a person reads in the export: actors, actions, targets and reasons (not the signatures)
    _scan([str(e.get(k, "")) for e in entries for k in ("actor", "role", "action", "target")])
    _scan([str(json.loads(e["detail"]).get("reason", "")) for e in entries if e.get("detail")])
