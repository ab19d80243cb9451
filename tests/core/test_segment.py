"""The VAD stage: utterances at natural pauses, bounded length, per-leg state, both engines."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from ccedge.core.frames import AudioFrame, Utterance
from ccedge.core.harness import run_pipeline
from ccedge.core.segment import SegmentConfig, Segmenter, SegmentError


def _burst(seconds: float, rate: int, seed: int) -> np.ndarray:
    """Voiced speech-like sound with 4 Hz syllables."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    f0 = 110 + 40 * np.sin(2 * np.pi * 0.9 * t + rng.random())
    ph = 2 * np.pi * np.cumsum(f0) / rate
    x = sum(np.exp(-(((h * f0 - 800) / 500) ** 2)) * np.sin(h * ph) for h in range(1, 25))
    env = 0.4 + 0.6 * np.clip(np.sin(2 * np.pi * 4 * t), 0, 1)
    return x * env / np.max(np.abs(x)) * 9000


def _call(rate: int, layout: list[tuple[str, float]], seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    parts = [
        _burst(d, rate, seed + i) if kind == "speech" else np.zeros(int(d * rate))
        for i, (kind, d) in enumerate(layout)
    ]
    x = np.concatenate(parts)
    x += rng.standard_normal(len(x)) * 30  # line noise
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


def _frames(x: np.ndarray, rate: int, block: int, leg: str = "caller", call: str = "c1") -> list[AudioFrame]:
    return [AudioFrame(call, leg, i / rate, rate, x[i : i + block]) for i in range(0, len(x), block)]


@pytest.mark.parametrize("rate", [8000, 16000])
def test_utterances_at_pauses_with_exact_samples(rate: int) -> None:
    layout = [("sil", 1.0), ("speech", 1.5), ("sil", 0.8), ("speech", 2.0), ("sil", 1.0)]
    x = _call(rate, layout)
    utts: list[Utterance] = run_pipeline(Segmenter(), _frames(x, rate, rate // 50))
    assert len(utts) == 2
    pad = SegmentConfig().pad_s
    for u, (start, end) in zip(utts, [(1.0, 2.5), (3.3, 5.3)], strict=True):
        assert u.call_id == "c1" and u.leg == "caller" and u.rate == rate
        assert u.t0 == pytest.approx(start - pad, abs=0.12)
        assert u.t1 == pytest.approx(end + pad, abs=0.25)  # the VAD's decision tail is ~0.15 s
        i0 = round(u.t0 * rate)
        np.testing.assert_array_equal(u.samples, x[i0 : i0 + len(u.samples)])  # sample-accurate
        assert len(u.samples) == round((u.t1 - u.t0) * rate)


def test_long_monologue_is_cut_at_pauses_within_bound() -> None:
    rate = 8000
    layout = [("sil", 0.5)]
    for _ in range(9):  # 9 phrases of 2.2 s with 0.25 s breaths (shorter than min_pause)
        layout += [("speech", 2.2), ("sil", 0.25)]
    x = _call(rate, layout, seed=4)
    cfg = SegmentConfig(max_utterance_s=6.0)
    utts = run_pipeline(Segmenter(cfg), _frames(x, rate, 160))
    assert len(utts) >= 3
    assert all(u.t1 - u.t0 <= 6.0 + 1e-9 for u in utts)
    # consecutive pieces abut (nothing lost between cuts), and cuts fall in breaths
    for a, b in itertools.pairwise(utts):
        assert b.t0 == pytest.approx(a.t1, abs=1e-9)
        pos = (a.t1 - 0.5) % 2.45
        assert pos > 2.15 or pos < 0.1, a.t1
    covered = sum(u.t1 - u.t0 for u in utts)
    assert covered >= 9 * 2.2


def test_legs_and_calls_are_independent_and_block_size_does_not_matter() -> None:
    rate = 8000
    a = _call(rate, [("sil", 0.5), ("speech", 1.2), ("sil", 1.0)], seed=1)
    b = _call(rate, [("sil", 1.5), ("speech", 0.9), ("sil", 0.3)], seed=2)
    frames = []
    for fa, fb in zip(_frames(a, rate, 400, "caller"), _frames(b, rate, 400, "callee"), strict=True):
        frames += [fa, fb]
    utts = run_pipeline(Segmenter(), frames)
    assert sorted(u.leg for u in utts) == ["callee", "caller"]
    one = run_pipeline(Segmenter(), [AudioFrame("c1", "caller", 0.0, rate, a)])
    odd = run_pipeline(Segmenter(), _frames(a, rate, 37))
    assert [(u.t0, u.t1) for u in one] == [(u.t0, u.t1) for u in odd]
    assert [(u.t0, u.t1) for u in one] == [(u.t0, u.t1) for u in utts if u.leg == "caller"]


def test_gap_in_leg_is_silence_and_offsets_hold() -> None:
    rate = 8000
    x = _call(rate, [("sil", 0.4), ("speech", 1.0), ("sil", 0.6)])
    first = AudioFrame("c1", "caller", 10.0, rate, x[:1600])
    later = AudioFrame("c1", "caller", 10.5, rate, x[1600:])  # 0.3 s hole before it
    utts = run_pipeline(Segmenter(), [first, later])
    # the leg as the stage saw it: the hole (10.2 s to 10.5 s) is digital silence
    seen = np.concatenate([x[:1600], np.zeros(2400, np.int16), x[1600:]])
    speech = [u for u in utts if u.t1 > 10.8]
    assert len(speech) == 1
    u = speech[0]
    assert u.t0 <= 10.7 and u.t1 == pytest.approx(11.7 + 0.1, abs=0.25)  # speech is 10.7 s to 11.7 s
    i0 = round((u.t0 - 10.0) * rate)
    np.testing.assert_array_equal(u.samples, seen[i0 : i0 + len(u.samples)])


def test_webrtc_engine_from_settings() -> None:
    cfg = SegmentConfig.from_settings({"vad.engine": "webrtc", "vad.mode": 3, "vad.max_utterance_s": 5})
    assert cfg.engine == "webrtc" and cfg.max_utterance_s == 5
    rate = 8000
    x = _call(rate, [("sil", 0.5), ("speech", 1.5), ("sil", 1.0)])
    utts = run_pipeline(Segmenter(cfg), _frames(x, rate, 160))
    assert len(utts) >= 1 and utts[0].t0 == pytest.approx(0.4, abs=0.2)


def test_bad_settings_are_named() -> None:
    with pytest.raises(SegmentError, match=r"vad\.engine"):
        SegmentConfig.from_settings({"vad.engine": "silero"})
    with pytest.raises(SegmentError, match=r"vad\.colour"):
        SegmentConfig.from_settings({"vad.colour": 1})
    with pytest.raises(SegmentError, match="max_utterance_s"):
        SegmentConfig(max_utterance_s=0.5)
    with pytest.raises(SegmentError, match="rate"):
        Segmenter().process_sync(AudioFrame("c", "l", 0.0, 11025, np.zeros(100, np.int16)))


def test_the_vad_table_of_the_configuration_reaches_the_live_chain() -> None:
    """``[vad] min_pause_s``: a 0.5 s pause ends an utterance by default (0.3 s), not with 0.6 s."""
    from ccedge.core.runtime import Runtime, parse_config

    rate = 8000
    x = _call(rate, [("sil", 1.0), ("speech", 1.5), ("sil", 0.5), ("speech", 2.0), ("sil", 1.0)])
    cuts = []
    for table in ({}, {"min_pause_s": 0.6, "pad_s": 0.2}):
        rt = Runtime(parse_config({"vad": table, "speech": {"enabled": False}}), sources=[])
        utts = run_pipeline(rt.chain.vad, _frames(x, rate, rate // 50))
        cuts.append([(round(u.t0, 1), round(u.t1, 1)) for u in utts])
    assert len(cuts[0]) == 2 and len(cuts[1]) == 1
    assert cuts[1][0][0] == pytest.approx(cuts[0][0][0] - 0.1, abs=0.05)  # 0.2 s padding, not 0.1


def test_the_configuration_defaults_are_the_stage_defaults() -> None:
    from ccedge.core.runtime.config import VadConfig

    v, s = VadConfig(), SegmentConfig()
    assert (v.engine, v.min_pause_s, v.pad_s, v.max_utterance_s) == (
        s.engine, s.min_pause_s, s.pad_s, s.max_utterance_s)
