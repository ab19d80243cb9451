"""The whole appliance: ``ccedge run`` replays the bundled payment calls with the API enabled;
an enrolled console reads the calls and their transcripts over mutual TLS; nothing sensitive in
any response (the demo speaks the Visa test PAN and an SSN). The default policy ``ccedge init``
records (finance) runs, so the calls' QM scores are read over the API too."""

from __future__ import annotations

import asyncio
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
from ccedge.firmware.provision import enroll, init_pki
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as app_pb
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2_grpc as app_grpc
from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
from ccedge.rpc.api.calls.v1 import calls_service_pb2_grpc as calls_grpc
from ccedge.rpc.api.quality.v1 import quality_service_pb2 as qm_pb
from ccedge.rpc.api.quality.v1 import quality_service_pb2_grpc as qm_grpc
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2 as tx_pb
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2_grpc as tx_grpc
from ccedge.rpc.client import channel
from ccedge.testing.messages import message_strings as strings

DIGIT_RUN = re.compile(r"(?:\d[ \t\-]?){7,}")
HEX_DIGEST = re.compile(r"[0-9a-f]{64}|(?:[0-9A-F]{2}:){31}[0-9A-F]{2}")
SECRETS = ("4111", "078-05", "0780", "1120")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])



@pytest.mark.slow
def test_replayed_payment_calls_over_the_api(tmp_path: Path) -> None:
    models = Path.home() / ".local" / "share" / "ccedge" / "models"
    if not any(models.glob("*.bin")):
        pytest.skip("no transcription model built (ccedge model build)")
    data = tmp_path / "data"
    init_pki(data)
    write_default_compliance(data, "finance")
    data.joinpath("models").symlink_to(models)
    bundle = enroll(data, "carol", "compliance", tmp_path / "carol.json", address="127.0.0.1")
    port = free_port()
    cfg = tmp_path / "ccedge.toml"
    cfg.write_text(f'data_dir = "{data}"\n[api]\nenabled = true\nhost = "127.0.0.1"\nport = {port}\n'
                   'advertise = false\n')
    capture = Path(str(files("ccedge.core.simulate").joinpath("demo-calls.pcap.gz")))
    env = {**os.environ, "CCEDGE_DATA_DIR": str(data)}
    proc = subprocess.Popen([sys.executable, "-m", "ccedge.core.cli", "run", "--config", str(cfg),
                             "--replay", str(capture), "--fast"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    async def console() -> list[Any]:
        got: list[Any] = []
        async with channel(bundle, port=port) as ch:
            apps = app_grpc.ApplianceServiceStub(ch)
            deadline = time.monotonic() + 90
            while True:
                try:
                    got.append(await apps.WhoAmI(app_pb.WhoAmIRequest(), timeout=2))
                    break
                except grpc.aio.AioRpcError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise
                    await asyncio.sleep(0.5)
            calls = calls_grpc.CallsServiceStub(ch)
            while time.monotonic() < deadline + 150:
                listed = await calls.ListCalls(calls_pb.ListCallsRequest(include_ended=True), timeout=5)
                if listed.calls and all(c.state == calls_pb.CALL_STATE_ENDED for c in listed.calls) \
                        and len(listed.calls) >= 3:
                    break
                await asyncio.sleep(1.0)
            got.append(listed)
            tx = tx_grpc.TranscriptsServiceStub(ch)
            for c in listed.calls:
                req = tx_pb.StreamTranscriptRequest(call_id=c.call_id, include_words=True, include_dtmf=True)
                got += [m async for m in tx.StreamTranscript(req, timeout=10)]
            qm = qm_grpc.QualityServiceStub(ch)
            scored_by = time.monotonic() + 60  # a score follows its call's end (the QM stage's output)
            while True:
                answers = [await qm.GetCallScores(qm_pb.GetCallScoresRequest(call_id=c.call_id), timeout=10)
                           for c in listed.calls]
                if all(a.scores for a in answers) or time.monotonic() > scored_by:
                    break
                await asyncio.sleep(0.5)
            got += answers
            health_by = time.monotonic() + 30  # Health comes every few seconds: wait for one after speech
            while True:
                health = await apps.GetHealth(app_pb.GetHealthRequest(), timeout=5)
                if health.metrics.speech_rtf > 0 or time.monotonic() > health_by:
                    break
                await asyncio.sleep(0.5)
            got.append(health)
        return got

    try:
        got = asyncio.run(asyncio.wait_for(console(), 300))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert got[0].name == "carol"
    listed = got[1]
    assert any(c.HasField("sentiment") for c in listed.calls), "customer sentiment reaches the floor"
    assert len(listed.calls) >= 3 and all(c.customer_label != "" or c.agent_label != "" for c in listed.calls)
    utterances = [m.utterance for m in got if getattr(m, "WhichOneof", None) and
                  m.DESCRIPTOR.name == "StreamTranscriptResponse" and m.WhichOneof("item") == "utterance"]
    assert len(utterances) >= 10, "transcripts reached the console"
    assert any("[" in u.text for u in utterances), "something was masked in the payment calls"
    health = got[-1]
    assert health.metrics.speech_rtf > 0, "the transcription real-time factor reaches the API"
    scores = [sc for m in got if m.DESCRIPTOR.name == "GetCallScoresResponse" for sc in m.scores]
    assert scores, "the default policy scored the replayed calls"
    for m in got:
        for text in strings(m):
            if HEX_DIGEST.fullmatch(text):
                continue  # a SHA-256 (model, certificate fingerprint) has digit runs by chance
            assert not DIGIT_RUN.search(text), text
            assert not any(s in text for s in SECRETS), text
    assert "Traceback" not in err
