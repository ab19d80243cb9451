"""Decoding options of issue 15: beam search, a domain prompt, DTW-aligned word times."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ccedge.core.frames import Utterance
from ccedge.core.speech.engine import TranscribeOptions, WhisperCppEngine

pytest.importorskip("piper")


@pytest.fixture(scope="module")
def two_utterances() -> list[Utterance]:
    from ccedge.core.simulate.voice import speak

    a = speak("I'd like to pay my credit card bill.", voice="piper")
    b = speak("Thank you for calling, have a good day.", voice="piper")
    return [Utterance("c", "caller", 1.0, 1.0 + len(a) / 8000, 8000, a),
            Utterance("c", "caller", 9.0, 9.0 + len(b) / 8000, 8000, b)]


# Without DTW a packed window that the decoder returns as one segment gets timestamp-token
# times that drift, and words land in (or fall between) the wrong utterances: measured here
# with the prompt below, "to pay" went to the second utterance and "my credit card bill" was
# lost. The aligned times keep every word in its own utterance.
@pytest.mark.parametrize("opts", [
    TranscribeOptions(dtw=True),
    TranscribeOptions(dtw=True, beam_size=5),
    TranscribeOptions(dtw=True, initial_prompt="A contact centre call about a card payment."),
], ids=["dtw", "dtw-beam5", "dtw-prompt"])
def test_packed_window_keeps_each_utterances_words(
        q8_model: Path, two_utterances: list[Utterance], opts: TranscribeOptions) -> None:
    engine = WhisperCppEngine(q8_model, opts)
    try:
        first, second = (r.transcript for r in engine.transcribe_many(two_utterances))
    finally:
        engine.close()
    assert "credit" in first.text.lower() and "calling" not in first.text.lower()
    assert "calling" in second.text.lower() and "credit" not in second.text.lower()
    for tr, u in ((first, two_utterances[0]), (second, two_utterances[1])):
        assert all(u.t0 <= w.t0 <= w.t1 <= u.t1 for w in tr.words)
        assert np.all(np.diff([w.t0 for w in tr.words]) >= 0)


@pytest.mark.parametrize("single", [False, True], ids=["segments", "single-segment"])
def test_a_packed_window_judges_each_utterance_on_its_own(
        q8_model: Path, two_utterances: list[Utterance], single: bool) -> None:
    """Speech packed between a held tone and hold music keeps its words, and the tone and the
    music bring none: per decoder segment by default, per utterance with ``single_segment``
    (one segment per window, which whisper.cpp's DTW cannot abort on)."""
    rate = 8000
    t = np.arange(3 * rate) / rate
    tone = (8000 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)
    chord = sum(np.sin(2 * np.pi * f * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 2 * t)) for f in (262, 330, 392))
    music = (3000 * chord).astype(np.int16)
    speech = two_utterances[0]
    utts = [Utterance("c", "caller", 0.0, 3.0, rate, tone), speech,
            Utterance("c", "caller", 20.0, 23.0, rate, music)]
    opts = TranscribeOptions(dtw=True, gate_dbfs=float("-inf"), single_segment=single)
    engine = WhisperCppEngine(q8_model, opts)
    try:
        got = [r.transcript for r in engine.transcribe_many(utts)]
    finally:
        engine.close()
    assert [g.t0 for g in got] == [u.t0 for u in utts]
    assert got[0].text == "" and got[2].text == ""
    assert "credit" in got[1].text.lower()
