"""Text evaluation on the shared sets (skipped without ../shared/data)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ccedge.core.frames import Transcript
from ccedge.core.redact import RedactPolicy, redact_call
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.digitstream import chains
from ccedge.testing.redact_eval import fake_vcon_call, load_presidio_cases, load_synth, predict_text, score

pytestmark = pytest.mark.shared


def test_presidio_synth_recall_on_cards_and_ssns(shared_data: Path) -> None:
    samples = load_synth(shared_data / "text/presidio-research/synth_dataset_v2.json")
    s = score(samples, predict_text, ["PAN", "SSN", "EMAIL", "PHONE"])
    # Payment windows and joined digit runs (issue 10) mask some numbers said next to a card
    # number with it (fail closed), which costs a little precision.
    assert s["PAN"].gold == 136 and s["PAN"].recall == 1.0 and s["PAN"].precision >= 0.95
    assert s["SSN"].gold == 16 and s["SSN"].recall == 1.0
    assert s["EMAIL"].recall >= 0.98
    assert s["PHONE"].recall >= 0.9


def test_presidio_card_cases(shared_data: Path) -> None:
    cases = load_presidio_cases(shared_data / "text/presidio-tests/test_credit_card_recognizer.py", "PAN")
    assert len(cases) >= 15
    s = score(cases, predict_text, ["PAN"])["PAN"]
    assert s.recall == 1.0
    # Luhn-invalid numbers without card words are not called card numbers; as long digit runs
    # they are masked as [NUMBER] (events refuse runs of seven digits or more).
    assert predict_text("4012-8888-8888-1882") == [(0, 19, "NUMBER")]
    assert predict_text("36168002586008") == [(0, 14, "NUMBER")]


def test_presidio_ssn_cases(shared_data: Path) -> None:
    cases = load_presidio_cases(shared_data / "text/presidio-tests/test_us_ssn_recognizer.py", "SSN")
    for text, gold in cases:
        pred = [p for p in predict_text(text) if p[2] == "SSN"]
        if not gold:
            assert not pred, "an invalid SSN was masked as one"
    s = score(cases, predict_text, ["SSN"])["SSN"]
    assert s.recall >= 4 / 7  # every dashed/dotted/spaced form; not bare or oddly split 9-digit runs


def _left_numbers(text: str) -> list[str]:
    c = CallText("x")
    c.add_transcript(Transcript("x", "caller", 0.0, 5.0, text))
    return [ch.text for ch in chains(c) if len(ch) >= 3]


def test_fake_vcons_spoken_identifiers(shared_data: Path) -> None:
    """Answers to "what's your SSN / date of birth / policy number…" (spelled as spoken) keep no number."""
    ask = re.compile(
        r"social security|date of birth|card number|account number|policy number|member id|"
        r"phone number|routing|zip",
        re.I,
    )
    asked = leaked = 0
    for line in (shared_data / "text/fake-vcons/fake_vcons_transcripts.jsonl").open():
        d = json.loads(line)
        call = fake_vcon_call(d)
        res = redact_call(call, RedactPolicy())
        for i in range(1, len(call.utts)):
            if ask.search(call.utts[i - 1].text) and _left_numbers(call.utts[i].text):
                asked += 1
                leaked += bool(_left_numbers(res.transcripts[i].text))
    assert asked > 600
    assert leaked / asked <= 0.01, (leaked, asked)
