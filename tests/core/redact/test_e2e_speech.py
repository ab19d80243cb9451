"""End to end on speech: espeak-ng calls -> G.711 RTP pcap -> tap, VAD, whisper, redaction.

Then every stored artefact (masked WAVs, transcripts, receipts, the run's output and logs) is
searched for the numbers, and the masked audio is transcribed again and searched too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import require_tool


def _model() -> Path:
    try:
        from ccedge.core.speech import find_model

        return find_model()
    except Exception:
        pytest.skip("transcription model not built (ccedge model build)")


@pytest.mark.slow
def test_spoken_card_numbers_and_ssns_never_survive(tmp_path: Path) -> None:
    require_tool("espeak-ng")
    model = _model()
    from ccedge.testing.redact_e2e import run

    res = run(tmp_path, small=True, model=model)
    assert res["artefact_findings"] == {}, res["artefact_findings"]
    assert res["luhn_pans_in_artefacts"] == 0
    assert res["recall"]["PAN"] == 1.0 and res["recall"]["CVV"] == 1.0
    assert res["recall"]["SSN"] >= 0.99
    assert res["non_sensitive_speech_masked"] <= 0.02
    for wav in (tmp_path / "out").glob("*.wav"):
        assert wav.stat().st_size > 1000
