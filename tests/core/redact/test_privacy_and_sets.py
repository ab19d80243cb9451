"""The project's own labelled conversations, and no value in logs or error messages."""

from __future__ import annotations

import logging

import pytest

from ccedge.core.frames import Transcript
from ccedge.core.redact import RedactError, Redactor, RedactPolicy
from ccedge.core.redact.artefacts import scan_text
from ccedge.testing.redact_eval import score_cases
from ccedge.testing.redact_synth import cases


def test_synthetic_conversations_meet_the_targets() -> None:
    scores, over = score_cases(cases())
    assert scores["PAN"].items >= 50 and scores["PAN"].masked == scores["PAN"].items
    assert scores["PAN-DTMF"].masked == scores["PAN-DTMF"].items
    assert scores["CVV"].masked == scores["CVV"].items
    assert scores["SSN"].masked / scores["SSN"].items >= 0.99
    assert scores["EXPIRY"].masked == scores["EXPIRY"].items and scores["DOB"].masked == scores["DOB"].items
    assert over <= 0.02


def test_policy_switches_turn_detectors_off() -> None:
    pol = RedactPolicy().with_switches(pan=False, payment=False)
    red = Redactor(pol)
    tr, spans = red.process(Transcript("c", "caller", 0, 2, "my card is 4111 1111 1111 1111"))
    assert tr is not None and "[PAN]" not in tr.text and not [s for s in spans if s.kind == "PAN"]
    with pytest.raises(RedactError):
        RedactPolicy().with_switches(nonsense=True)
    with pytest.raises(RedactError, match="unknown redaction policy keys"):
        RedactPolicy.from_dict({"bogus": 1})


def test_nothing_sensitive_in_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    red = Redactor()
    for i, text in enumerate(["card number please", "4111 1111 1111 1111", "ssn 078-05-1123"]):
        red.process(Transcript("c", "caller", 2.0 * i, 2.0 * i + 1.5, text))
    res = red.end_call("c")
    assert res.spans and not any(hasattr(s, "text") or hasattr(s, "value") for s in res.spans)
    assert "4111" not in caplog.text and "078" not in caplog.text
    assert all("4111" not in repr(s) for s in res.spans)


def test_artefact_scan_finds_spoken_and_written_numbers() -> None:
    assert scan_text("it's four one one one one one one one one one one one one one one one", []) == ["pan"]
    assert scan_text("ref 5555-5555-5555-4444", []) == ["pan"]
    assert scan_text("my ssn is oh seven eight oh five one one two three", ["078051123"]) == ["secret:0"]
    assert scan_text("it's [PAN], thanks; order 4111 1111 1111 1112", ["4111111111111111"]) == []
