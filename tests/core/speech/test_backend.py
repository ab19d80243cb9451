"""The whisper.cpp build: ``.ci/setup``'s source build carries our patch (encoder-only flash
attention, no DTW abort, last-token logits), and the engine uses it with the
word times DTW gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccedge.core.frames import Utterance
from ccedge.core.speech.backend import CURRENT_PATCH, backend
from ccedge.core.speech.engine import TranscribeOptions, WhisperCppEngine


def test_the_source_build_is_the_patched_one() -> None:
    b = backend()
    if not b.source_build:
        pytest.skip("the PyPI wheel is installed (the source build failed): no patch, half the throughput")
    assert b.blas and b.encoder_flash, b.describe()
    assert b.patch == CURRENT_PATCH and b.current, b.describe()  # .ci/setup rebuilds an older one
    assert "flash encoder" in b.describe() and f"(patch {CURRENT_PATCH})" in b.describe()


def test_flash_encoder_keeps_dtw_word_times(q8_model: Path) -> None:
    """whisper.cpp disables DTW under its own flash_attn flag; the encoder-only flag must not:
    packed utterances keep their own words, with aligned times inside their own spans."""
    if not backend().encoder_flash:
        pytest.skip("unpatched whisper.cpp build")
    from ccedge.core.simulate import speak

    a = speak("I would like to pay my credit card bill.", rate=8000)
    b = speak("Thank you for calling, have a good day.", rate=8000)
    utts = [Utterance("c", "caller", 1.0, 1.0 + len(a) / 8000, 8000, a),
            Utterance("c", "caller", 9.0, 9.0 + len(b) / 8000, 8000, b)]
    fast = WhisperCppEngine(q8_model)
    plain = WhisperCppEngine(q8_model, TranscribeOptions(flash_encoder=False))
    try:
        assert fast.options.flash_encoder
        got = [r.transcript for r in fast.transcribe_many(utts)]
        ref = [r.transcript for r in plain.transcribe_many(utts)]
    finally:
        fast.close()
        plain.close()
    assert "credit" in got[0].text.lower() and "calling" in got[1].text.lower()
    assert "credit" not in got[1].text.lower() and "calling" not in got[0].text.lower()
    for tr, u in zip(got, utts, strict=True):
        assert all(u.t0 <= w.t0 <= w.t1 <= u.t1 for w in tr.words)
    # the same words as the plain encoder (punctuation aside: with the convolutions through BLAS
    # the two encoders' rounding may move a final full stop), at the same aligned times (within
    # two 20 ms steps)
    assert [_words(t.text) for t in got] == [_words(t.text) for t in ref]
    # (a word whose punctuation moved ends on another token: within 0.2 s)
    for tr, rt in zip(got, ref, strict=True):
        for w, r in zip(tr.words, rt.words, strict=True):
            assert abs(w.t0 - r.t0) <= (0.04 if w.text == r.text else 0.2), (w, r)


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w\s']", "", text.lower()).split()
