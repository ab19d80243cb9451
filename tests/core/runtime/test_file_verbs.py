"""The whole path over a capture: what comes out is redacted text and masked audio."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.audiolegs import audio_legs
from ccedge.core.cli import main
from ccedge.core.pipeline import PipelineOptions, analyse_capture
from ccedge.core.simulate import SyntheticCall, Turn, write_capture
from ccedge.dsp.dtmf import detect_dtmf
from tests.conftest import require_tool

PAN = "4111111111111111"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.fixture(scope="module")
def payment_capture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("espeak-ng")
    path = tmp_path_factory.mktemp("pipe") / "pay.pcap"
    write_capture(path, [SyntheticCall("pay@test", [
        Turn("callee", "Can I take the card number please?"),
        Turn("caller", "It is 4111 1111 1111 1111."),
        Turn("callee", "Thank you. Please key your PIN."),
        Turn("caller", inband="93", dtmf="27"),
        Turn("callee", "Thank you, that is all done."),
    ], wpm=125, word_gap=4)])
    return path


@pytest.mark.slow
def test_capture_to_redacted_text_and_masked_audio(payment_capture: Path, q8_model: Path) -> None:
    _report, results = analyse_capture([payment_capture], PipelineOptions(model=q8_model))
    (r,) = results
    assert r.call.state == "ended" and r.utterances >= 4
    # speech before the payment segment survives; everything after the agent's request is masked
    # because the segment never closes with an end phrase (fail-closed)
    assert any("number" in t.text.lower() for t in r.transcripts if t.leg == "callee")
    everything = json.dumps(r.to_json())
    assert PAN not in _digits(everything) and "1111" not in everything
    assert {d.source for d in r.dtmf} == {"inband", "rfc2833"} and len(r.dtmf) == 4
    kinds = set(r.receipt.kinds) if r.receipt else set()
    assert "PAN" in kinds or "PAYMENT" in kinds
    rate, caller = r.audio["caller"]
    original = next(lg.samples for lg in audio_legs(payment_capture) if lg.leg == "caller")
    assert abs(len(caller) - len(original)) <= rate // 2  # nothing lost (the chain's blocks end the leg)
    assert detect_dtmf(original, rate), "the fixture's in-band tones are there unmasked"
    assert not detect_dtmf(caller, rate), "in-band tones must be masked in the stored audio"
    # the spoken card number is masked: little energy left where the caller spoke it
    pan_spans = [s for s in r.spans if s.leg == "caller" and s.kind in ("PAN", "PAYMENT")]
    assert pan_spans
    for s in pan_spans:
        i0, i1 = int(s.t0 * rate), int(s.t1 * rate)
        assert np.abs(caller[i0:i1].astype(np.int32)).max(initial=0) < 200
        assert np.abs(original[i0:i1].astype(np.int32)).max(initial=0) > 1000


def test_demo_without_transcription_lists_masked_dtmf(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--no-transcribe", "--json", "--fast"]) == 0
    calls = sorted((json.loads(line) for line in capsys.readouterr().out.splitlines()),
                   key=lambda c: c["call_id"])
    assert [c["call_id"].split("@")[0] for c in calls] == [
        "demo-bank-payment", "demo-clinic-intake", "demo-insurance-hold"]
    bank, _, ivr = calls
    assert len(bank["dtmf_events"]) == 4 and {e["source"] for e in bank["dtmf_events"]} == {"rfc2833"}
    assert {e["source"] for e in ivr["dtmf_events"]} == {"inband", "sip-info"}
    assert "2580" not in json.dumps(calls)  # the PIN keyed in the bank call is never shown


@pytest.mark.slow
def test_demo_end_to_end_shows_no_sensitive_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_tool("espeak-ng")
    assert main(["demo", "--fast", "--wav-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "demo-bank-payment" in out and "redacted:" in out and "Health after" in out
    # What a person reads of the calls: the transcript lines (times and counters left out, since
    # their digits could join into a false match).
    spoken = re.findall(r"^\s+\S+\s+\[[\d. -]+\]\s+(?:caller|callee)\s+(?:agent|customer|unknown)\s+(.*)$",
                        out, flags=re.M)
    assert len(spoken) > 20
    digits = _digits(" ".join(spoken))
    for secret in (PAN, "737", "0928", "2580", "078051120", "5527719", "19820304", "031982"):
        assert secret not in digits, f"a {len(secret)}-digit secret of the demo script reached the screen"
    assert "1982" not in " ".join(spoken)  # the date of birth
    assert len(list(tmp_path.glob("*.wav"))) == 6
    assert (tmp_path / "receipts.jsonl").read_text().count("\n") == 3


@pytest.mark.slow
def test_transcribe_of_a_capture_runs_the_chain_and_keeps_its_json_contract(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    require_tool("espeak-ng")
    cap = tmp_path / "tiny.pcap"
    write_capture(cap, [SyntheticCall("tiny@test", [
        Turn("callee", "Hello, how can I help you today?"),
        Turn("caller", "I would like to check my balance.")], wpm=130)])
    assert main(["transcribe", str(cap), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {o["leg"] for o in lines} == {"caller", "callee"}
    for o in lines:
        assert set(o) == {"call_id", "leg", "start_s", "end_s", "text", "words"}
        assert o["call_id"] == "tiny@test"
        assert all(set(w) == {"word", "start_s", "end_s", "p"} for w in o["words"])
    assert any("balance" in o["text"].lower() for o in lines)
