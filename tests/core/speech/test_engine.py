"""The whisper.cpp engine on our built model: real speech, generated speech, no hallucinations."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.audiofile import read_wav
from ccedge.core.frames import Transcript, Utterance
from ccedge.core.speech.engine import TranscribeOptions, WhisperCppEngine
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.packing import echoes, owners, pack_groups, token_range
from ccedge.core.speech.tokens import Token, clean_text, words_from_tokens

SENTENCE = "Please read me the card number on the front of your card."


def norm(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]", " ", text.lower()).split()


def overlap(hyp: str, ref: str) -> float:
    h, r = norm(hyp), norm(ref)
    return sum(1 for w in r if w in h) / len(r)


def check_words(tr: Transcript) -> None:
    assert tr.words
    for w in tr.words:
        assert tr.t0 <= w.t0 <= w.t1 <= tr.t1
        assert 0.0 <= w.p <= 1.0
    starts = [w.t0 for w in tr.words]
    assert starts == sorted(starts)
    assert " ".join(w.text for w in tr.words) == tr.text


@pytest.mark.shared
def test_jfk(q8_engine: WhisperCppEngine, shared_data: Path) -> None:
    rate, (pcm,) = read_wav(shared_data / "speech/jfk/jfk.wav")
    utt = Utterance("call-1", "channel-0", 100.0, 100.0 + len(pcm) / rate, rate, pcm)
    tr = q8_engine.transcribe_one(utt).transcript
    assert norm(tr.text) == norm(
        "And so my fellow Americans, ask not what your country can do for you, "
        "ask what you can do for your country."
    )
    check_words(tr)
    assert tr.words[0].t0 < 100.0 + 1.0  # "And" starts within the first second (call clock)
    assert (tr.call_id, tr.leg) == ("call-1", "channel-0")


@pytest.mark.parametrize("rate", [16000, 8000])
def test_espeak_sentence(q8_engine: WhisperCppEngine, rate: int) -> None:
    from ccedge.core.simulate import speak

    pcm = speak(SENTENCE, rate=rate)
    utt = Utterance("c", "caller", 2.0, 2.0 + len(pcm) / rate, rate, pcm)
    tr = q8_engine.transcribe_one(utt).transcript
    assert overlap(tr.text, SENTENCE) >= 0.8
    check_words(tr)


def test_lazy_iterator_short_utterance_and_no_history(q8_engine: WhisperCppEngine) -> None:
    from ccedge.core.simulate import speak

    yes = speak("yes", rate=8000)  # under 1 s: padded for whisper.cpp
    assert len(yes) < 8000
    long = speak(SENTENCE, rate=8000)
    utts = [Utterance("c", "callee", 0.0, len(p) / 8000, 8000, p) for p in (yes, long, yes)]
    it = q8_engine.transcribe(iter(utts))
    first = next(it)
    assert norm(first.text) in (["yes"], ["yeah"])  # espeak's "yes" at 8 kHz is ambiguous
    rest = list(it)
    assert len(rest) == 2
    # the same audio gives the same words whatever was decoded before it
    assert rest[1].text == first.text and rest[1].words == first.words


def test_sized_windows_past_the_floor_carry_no_history(q8_model: Path) -> None:
    """With flash attention whisper.cpp pads the cross-attention keys to 256 positions; a window
    of 672 or 896 positions read the previous window's keys in the pad (its words changed with
    what was decoded before). Windows of whole 256s (768, 1280) give the same words as a fresh
    engine, whatever came before."""
    from ccedge.core.simulate import speak

    sentence = speak(SENTENCE, rate=8000)
    gap = np.zeros(4000, np.int16)

    def utt(n: int) -> Utterance:
        pcm = np.concatenate([np.concatenate([sentence, gap])] * n)
        return Utterance("c", "caller", 0.0, len(pcm) / 8000, 8000, pcm)

    short, mid, long = utt(1), utt(3), utt(5)
    order = [mid, short, long, mid, short, long]
    used = WhisperCppEngine(q8_model)
    seen = [used.transcribe_one(u) for u in order]
    assert sorted({r.audio_ctx for r in seen}) == [512, 768, 1280]
    for u, r in zip(order, seen, strict=True):
        fresh = WhisperCppEngine(q8_model)
        try:
            again = fresh.transcribe_one(u)
        finally:
            fresh.close()
        assert r.transcript.words == again.transcript.words
        assert overlap(r.transcript.text, SENTENCE) >= 0.8


def _noises() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(11)
    sr, n = 16000, 4 * 16000
    t = np.arange(n) / sr
    white = rng.standard_normal(n)
    spec = np.fft.rfft(rng.standard_normal(n))
    spec[1:] /= np.sqrt(np.arange(1, len(spec)))
    pink = np.fft.irfft(spec, n)
    notes = [261.6, 329.6, 392.0, 523.3, 392.0, 329.6, 293.7, 349.2]  # a hold-music phrase
    seg = n // len(notes)
    tt = np.arange(seg) / sr
    env = np.minimum(1, tt * 20) * np.exp(-tt * 2)
    music = np.concatenate([env * (np.sin(2 * np.pi * f * tt) + 0.4 * np.sin(4 * np.pi * f * tt))
                            for f in notes])  # fmt: skip
    return {
        "silence": np.zeros(n),
        "hiss": white * 30,
        "white": white * 3000,
        "pink": pink / pink.std() * 4000,
        "tone": 8000 * np.sin(2 * np.pi * 440 * t),
        "dial-tone": 6000 * (np.sin(2 * np.pi * 350 * t) + np.sin(2 * np.pi * 440 * t)),
        "busy": 6000 * (np.sin(2 * np.pi * 480 * t) + np.sin(2 * np.pi * 620 * t)) * ((t % 1) < 0.5),
        "hold-music": music / np.abs(music).max() * 12000 + white * 300,
    }


@pytest.fixture(scope="module")
def ungated(q8_model: Path):  # type: ignore[no-untyped-def]
    """The energy gate off, so the model's own no-speech and log-prob tests are what is proven."""
    engine = WhisperCppEngine(q8_model, TranscribeOptions(gate_dbfs=float("-inf")))
    yield engine
    engine.close()


@pytest.mark.parametrize("name", list(_noises()))
def test_no_text_on_silence_tones_music_and_noise(q8_engine: WhisperCppEngine, name: str) -> None:
    x = np.clip(_noises()[name], -32768, 32767).astype(np.int16)
    for rate, pcm in ((16000, x), (8000, x[::2])):
        tr = q8_engine.transcribe_one(Utterance("c", "caller", 0.0, 4.0, rate, pcm)).transcript
        assert tr.text == "" and tr.words == (), f"{name} at {rate} Hz gave text"


@pytest.mark.parametrize("name", [n for n in _noises() if n not in ("silence", "hiss")])
def test_model_thresholds_alone_reject_tones_music_and_noise(ungated: WhisperCppEngine, name: str) -> None:
    # Digital silence is the energy gate's job: ungated, Whisper says "you" on it (a known
    # Whisper hallucination), which is why the gate exists. Everything audible must be
    # rejected by the no-speech / log-prob / annotation / compression tests themselves.
    x = np.clip(_noises()[name], -32768, 32767).astype(np.int16)
    for rate, pcm in ((8000, x[::2]),):  # 16 kHz is covered with the gate on above
        res = ungated.transcribe_one(Utterance("c", "caller", 0.0, 4.0, rate, pcm))
        assert not res.gated
        assert res.transcript.text == "" and res.transcript.words == (), f"{name} at {rate} Hz gave text"


def test_gate_skips_the_model_on_silence(q8_engine: WhisperCppEngine) -> None:
    res = q8_engine.transcribe_one(Utterance("c", "caller", 0.0, 2.0, 8000, np.zeros(16000, np.int16)))
    assert res.gated and res.transcript.text == ""


@pytest.mark.shared
def test_silent_stretch_of_a_recording(ungated: WhisperCppEngine, shared_data: Path) -> None:
    # The first 1.1 s of the OSR Harvard recording is room tone (about -58 dBFS) before speech.
    rate, (pcm,) = read_wav(shared_data / "speech/osr-harvard-8k/OSR_us_000_0034_8k.wav")
    lead = pcm[: int(1.1 * rate)]
    tr = ungated.transcribe_one(Utterance("c", "caller", 0.0, 1.1, rate, lead)).transcript
    assert tr.text == ""


def test_missing_model_is_an_error_not_a_download(tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match="not found"):
        WhisperCppEngine(tmp_path / "tiny.en")
    assert list(tmp_path.iterdir()) == []


def test_audio_ctx_sizing() -> None:
    o = TranscribeOptions(flash_encoder=False)
    assert o.ctx_for(1.1) == 512  # the floor
    assert o.ctx_for(11.0) == 640  # 550 + 64 margin, rounded up to 32
    assert TranscribeOptions(audio_ctx_min=0, flash_encoder=False).ctx_for(1.1) == 128
    assert o.ctx_for(29.0) == 0 and o.ctx_for(45.0) == 0  # the full 30 s window
    assert TranscribeOptions(audio_ctx=0).ctx_for(3.0) == 0
    # flash attention in the encoder (the default): whole multiples of 256, or the full window
    f = TranscribeOptions()
    assert f.flash_encoder and f.ctx_step == 256
    assert f.ctx_for(1.1) == 512 and f.ctx_for(11.0) == 768 and f.ctx_for(20.0) == 1280
    assert f.ctx_for(25.0) == 0  # 1314 positions round past the 1500 of a full window
    assert TranscribeOptions(audio_ctx_min=0).ctx_for(1.1) == 256
    assert TranscribeOptions(audio_ctx=300).ctx_for(3.0) == 512


def test_words_from_tokens_groups_on_spaces_and_clamps() -> None:
    toks = [
        Token(1, b" Four", 0.1, 0.3, 0.9, -0.1),
        Token(2, b" one", 0.3, 0.5, 0.8, -0.2),
        Token(3, b"ty", 0.5, 0.6, 0.6, -0.5),
        Token(4, b".", 0.6, 9.0, 0.5, -0.7),
    ]
    words = words_from_tokens(toks, offset=10.0, t_end=12.0)
    assert [w.text for w in words] == ["Four", "onety."]
    assert words[0].t0 == pytest.approx(10.1) and words[1].t1 == 12.0
    assert words[1].p == pytest.approx((0.8 + 0.6 + 0.5) / 3)


def test_clean_text_drops_annotations() -> None:
    assert clean_text("♪♪") == ""
    assert clean_text("[Music]") == ""
    assert clean_text(" (upbeat music) ") == ""
    assert clean_text("Hello [BLANK_AUDIO] there") == "Hello there"


def test_packed_batch_splits_back_to_utterances(q8_engine: WhisperCppEngine) -> None:
    from ccedge.core.simulate import speak

    texts = ["Please read me the card number.", "Thank you for calling.", "Goodbye."]
    utts = []
    for i, t in enumerate(texts):
        pcm = speak(t, rate=8000)
        utts.append(Utterance(f"call-{i}", "caller", 10.0 * i, 10.0 * i + len(pcm) / 8000, 8000, pcm))
    silent = Utterance("call-9", "callee", 0.0, 1.0, 8000, np.zeros(8000, np.int16))
    results = q8_engine.transcribe_many([utts[0], silent, utts[1], utts[2]])
    assert len(results) == 4 and results[1].gated and results[1].transcript.text == ""
    packed = [results[0], results[2], results[3]]
    assert packed[0].audio_ctx == packed[1].audio_ctx  # decoded in one window
    for res, utt, ref in zip(packed, utts, texts, strict=True):
        tr = res.transcript
        assert (tr.call_id, tr.t0) == (utt.call_id, utt.t0)
        assert overlap(tr.text, ref) >= 0.75, (tr.text, ref)
        check_words(tr)


def test_pack_groups_counts_gaps_and_keeps_order() -> None:
    # 3 + 1 + 3 = 7 fits 8; a third 3 s would make 11; 9 s is over the window and goes alone.
    assert pack_groups([3.0, 3.0, 3.0, 9.0, 1.0], gap_s=1.0, max_s=8.0) == [[0, 1], [2], [3], [4]]
    assert pack_groups([], gap_s=1.0, max_s=8.0) == []


def test_token_range_gives_the_gap_to_the_utterance_before() -> None:
    # A packed window of two utterances (0-2.72 s, 3.72-6.35 s, 1 s gap): DTW put the first's last
    # word, "right", at 3.58 s (0.86 s late, in the gap); it stays with the first utterance.
    spans = [(0.0, 2.72), (3.72, 6.35)]
    assert token_range(spans, 0, 1.0) == (-0.5, 3.72)
    assert token_range(spans, 1, 1.0) == (3.72, 6.85)
    lo, hi = token_range(spans, 0, 1.0)
    assert lo <= 3.58 < hi
    assert token_range([(0.0, 2.0)], 0, 1.0) == (-0.5, 2.5)


def _window(tokens: list[tuple[str, float]], last: set[int]) -> tuple[list[float], list[bytes], list[bool]]:
    """A packed window's tokens as ``owners`` takes them; ``last``: those that end a segment."""
    return ([t for _, t in tokens], [w.encode() for w, _ in tokens], [i in last for i in range(len(tokens))])


def test_owners_gives_a_late_last_word_back_to_its_sentence() -> None:
    # Measured with a 0.3 s gap (telephone set): DTW put "right" 0.16 s after the next
    # utterance's start; the decoder ended its segment after "right." and began "Good".
    spans = [(0.0, 2.72), (3.02, 5.95)]
    toks = [(" is", 1.60), (" everyone", 2.00), (" all", 2.36), (" right", 3.18), (".", 3.28),
            (" Good", 3.50), (" can", 3.84), (" I", 4.04)]
    times, raws, last = _window(toks, {4, 7})
    assert owners(times, raws, last, spans, 0.3) == [0, 0, 0, 0, 0, 1, 1, 1]
    # by time alone "right." would go to the second utterance
    assert [0 if t < spans[1][0] else 1 for t in times] == [0, 0, 0, 1, 1, 1, 1, 1]
    # no decoder segment end: a full stop ends the late sentence ("…reach you? Perfect, …")
    spans = [(0.0, 2.63), (2.93, 7.23)]
    toks = [(" to", 2.52), (" reach", 2.78), (" you", 3.66), ("?", 3.96), (" Perfect", 4.04), (",", 4.44)]
    times, raws, last = _window(toks, {5})
    assert owners(times, raws, last, spans, 0.3) == [0, 0, 0, 0, 1, 1]
    # measured (one segment per window): "bill" late, its full stop placed at the window's end;
    # punctuation has no sound, so only the word is held to the time limit
    spans = [(3.3, 5.44), (5.74, 8.94)]
    toks = [(" credit", 4.76), (" card", 5.12), (" bill", 5.76), (".", 9.02)]
    times, raws, last = _window(toks, {3})
    assert owners(times, raws, last, spans, 0.3) == [0, 0, 0, 0]


def test_owners_keeps_what_begins_the_next_utterance() -> None:
    spans = [(0.0, 2.5), (2.8, 6.0)]
    # a clause the VAD cut after a comma stays where it was said ("…the bell, | come quickly.")
    toks = [(" the", 1.9), (" bell", 2.2), (",", 2.3), (" come", 3.0), (" quickly", 3.4), (".", 3.7)]
    times, raws, last = _window(toks, {5})
    assert owners(times, raws, last, spans, 0.3) == [0, 0, 0, 1, 1, 1]
    # a capitalised start, digits, more than two words, or too late: no move
    cases = [
        [(" is", 2.0), (" Yes", 3.0), (".", 3.2)],
        [(" is", 2.0), (" 4", 3.0), (".", 3.2)],
        [(" is", 2.0), (" four", 3.0), (" five", 3.3), (" six", 3.6), (".", 3.8)],
        [(" is", 2.0), (" right", 4.5), (".", 4.6)],
    ]
    for toks in cases:
        times, raws, last = _window(toks, {len(toks) - 1})
        assert owners(times, raws, last, spans, 0.3) == [0] + [1] * (len(toks) - 1), toks
    # a token before the first utterance's range, in no utterance
    assert owners([-1.0, 1.0], [b" a", b" b"], [False, True], spans, 0.3) == [-1, 0]


def test_echoes_are_repeats_that_dtw_stacks_on_one_moment() -> None:
    said = "I'd like to pay my credit card bill."
    # measured: the sentence again over hold music packed after it, its tokens stacked at 5.40 s
    stacked = [5.40] * 8 + [5.66, 5.66]
    assert echoes(stacked, said, ["I'd like to pay my credit card bill."])
    assert echoes(stacked, "i'd like to pay my credit card bill", [said])
    # said twice: the words spread over the time they took
    spread = [5.5, 5.7, 5.9, 6.0, 6.2, 6.4, 6.7, 7.0, 7.3, 7.3]
    assert not echoes(spread, said, [said])
    # stacked but new text, or nothing before it: not an echo (other rules judge it)
    assert not echoes(stacked, "Thank you for calling.", [said])
    assert not echoes(stacked, said, [])
    assert not echoes([5.4, 5.4], "Yes.", ["Yes."])
    # one segment per window: the repeat is part of an earlier utterance's longer text
    assert echoes(stacked, said, [said + " " + said])
    assert not echoes(stacked, "credit card", ["my credit cards"])  # whole words only
