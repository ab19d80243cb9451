"""The chain's redaction stage alone: audio waits until cleared, leaves masked, text leaves redacted."""

from __future__ import annotations

import numpy as np

from ccedge.core.events import CallEnded, DtmfMasked, UtteranceRedacted
from ccedge.core.frames import AudioFrame, DtmfEvent, Transcript, Utterance, Word
from ccedge.core.runtime.redaction import RedactStage
from ccedge.core.sink import ReleasedAudio

RATE = 8000


def _frames(leg: str, seconds: float) -> list[AudioFrame]:
    rng = np.random.default_rng(1)
    n = RATE // 2
    return [AudioFrame("c", leg, i / 2, RATE, (rng.standard_normal(n) * 3000).astype(np.int16))
            for i in range(int(seconds * 2))]


def _transcript(t0: float, text: str) -> Transcript:
    words = tuple(Word(w, t0 + 0.4 * i, t0 + 0.4 * i + 0.35, 0.9) for i, w in enumerate(text.split()))
    return Transcript("c", "caller", t0, words[-1].t1, text, words, "test-model")


def test_audio_waits_for_speech_and_leaves_masked_and_text_leaves_redacted() -> None:
    st = RedactStage()
    st.open_call("c", 1_790_000_000.0, {"caller": "customer", "callee": "agent"})
    u = Utterance("c", "caller", 2.0, 9.0, RATE, np.zeros(0, np.int16))
    out: list[object] = list(st.utterance(u, submitted=True))
    for f in _frames("caller", 12.0):
        out += st.audio(f, settled=f.t1)
    early = [x for x in out if isinstance(x, ReleasedAudio)]
    assert early and max(x.t1 for x in early) <= 2.0, "audio past an utterance still in speech left"
    tr = _transcript(2.0, "my card number is 4111 1111 1111 1111 thanks")
    out += st.transcribed(u, tr)
    out += st.dtmf(DtmfEvent("c", "caller", "5", 10.0, 10.1, "rfc2833"))
    end, final = st.close_call("c", "bye-caller", 12.0)
    out += end
    audio = [x for x in out if isinstance(x, ReleasedAudio)]
    assert abs(sum(len(x.samples) for x in audio) / RATE - 12.0) < 1e-6  # all of it, once
    assert all(x.status == "cleared" and x.role == "customer" for x in audio)
    pcm = np.concatenate([x.samples for x in sorted(audio, key=lambda x: x.t0)])
    pan = [s for s in final.spans if s.kind in ("PAN", "PAYMENT")]
    assert pan
    for s in pan:
        assert int(np.abs(pcm[int(s.t0 * RATE) : int(s.t1 * RATE)].astype(np.int32)).max()) == 0
    # the text was complete before the number could no longer grow: a live first version with
    # the number as [NUMBER] left at once, the exact (redacted) one when the audio was cleared
    live, utt = [x for x in out if isinstance(x, UtteranceRedacted)]
    assert not live.final and live.text == "my card number is [NUMBER] thanks"
    assert [w.text for w in live.words][-2:] == ["[NUMBER]", "thanks"]
    assert utt.final and (utt.start_s, utt.end_s) == (live.start_s, live.end_s)
    assert "1111" not in utt.text and "4111" not in str(utt.words) and utt.role == "customer"
    assert next(x for x in out if isinstance(x, DtmfMasked)).method == "rfc2833"
    assert isinstance(out[-1], CallEnded) and out[-1].receipt["kinds"]


def test_a_refused_text_is_masked_whole() -> None:
    st = RedactStage()
    st.open_call("c", 0.0, {"caller": "customer"})
    u = Utterance("c", "caller", 0.0, 3.0, RATE, np.zeros(0, np.int16))
    st.utterance(u, submitted=True)
    # digits the detectors do not call a card (an invalid Luhn, no context) still never leave as text
    out = st.transcribed(u, _transcript(0.0, "ok 1234567 8"))
    out += st.close_call("c", "bye", 3.0)[0]
    (utt,) = [x for x in out if isinstance(x, UtteranceRedacted)]
    assert "1234567" not in utt.text and (st.refused == 1) == (utt.text == "[REDACTED]")
