"""Shared fixtures of the runtime tests: generated captures and a no-transcription config."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccedge.core.simulate import SyntheticCall, Turn, write_capture

NO_SPEECH = "[speech]\nenabled = false\n[runtime]\nhealth_interval_s = 0.5\n"


@pytest.fixture(scope="session")
def calls20(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 overlapping calls (a new one every 1.5 s, each about 10 s long), some with DTMF."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    path = tmp_path_factory.mktemp("calls20") / "calls20.pcap"
    calls = [
        SyntheticCall(
            call_id=f"call-{i:02d}@test", caller=f"+1555000{i:04d}", callee=f"agent-{i % 5}",
            start=1.5 * i,
            turns=(Turn("callee", "Thank you for calling, how can I help?"),
                   Turn("caller", dtmf="12" if i % 3 == 0 else "",
                        text="" if i % 3 == 0 else "I have a question."),
                   Turn("callee", "Goodbye.")),
        )
        for i in range(20)
    ]
    write_capture(path, calls)
    return path


@pytest.fixture()
def no_speech(tmp_path: Path) -> Path:
    f = tmp_path / "nospeech.toml"
    f.write_text(NO_SPEECH)
    return f
