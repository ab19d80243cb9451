"""The ccedge VAD: kernels against numpy references and py_func, streaming == batch, behaviour."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from ccedge.dsp import DspError
from ccedge.dsp import _vad_kernels as K
from ccedge.dsp.vad import CcedgeVad, frames_to_segments, make_vad, mode_params, vad_features


def _noise(seconds: float, rate: int, db: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.standard_normal(int(seconds * rate)) * 32768 * 10 ** (db / 20)


def _speechlike(seconds: float, rate: int, seed: int = 1) -> np.ndarray:
    """Voiced 'syllables': a gliding pitch with formant-like harmonics, 4 Hz on/off envelope."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    f0 = 120 + 30 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    x = np.zeros_like(t)
    for h in range(1, 25):
        fh = h * f0
        formant = np.exp(-(((fh - 700) / 300) ** 2)) + 0.5 * np.exp(-(((fh - 1800) / 400) ** 2))
        x += np.where(fh < rate / 2 - 100, formant * np.sin(h * phase + rng.random()), 0.0)
    env = np.clip(np.sin(2 * np.pi * 3.0 * t) * 1.5, 0, 1) ** 0.5
    return x * env / np.max(np.abs(x)) * 8000


def _i16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


# ---------------------------------------------------------------- kernel references


def _reference_features(x: np.ndarray, rate: int) -> dict[str, np.ndarray]:
    """Plain numpy: decimate, pre-emphasise, 20 ms autocorrelation, level/bands/gain/tilt/flux."""
    xf = x.astype(np.float64)
    if rate == 16000:
        padded = np.concatenate([[0.0, 0.0], xf])
        dec = np.convolve(padded, [1, 3, 3, 1], mode="valid")[::2][: len(xf) // 2] / 8.0
    else:
        dec = xf
    y = dec - 0.95 * np.concatenate([[0.0], dec[:-1]])
    n = len(y) // K.SUB
    yy = np.concatenate([np.zeros(K.P), y])
    part = np.array(
        [
            [
                np.dot(
                    yy[K.P + i * K.SUB : K.P + (i + 1) * K.SUB],
                    yy[K.P + i * K.SUB - k : K.P + (i + 1) * K.SUB - k],
                )
                for k in range(K.P + 1)
            ]
            for i in range(n)
        ]
    )
    rw = part + np.vstack([np.zeros(K.P + 1), part[:-1]])
    level = 10 * np.log10(rw[:, 0] / (2 * K.SUB) + 1)
    bands = 10 * np.log10(np.maximum(rw @ K.band_matrix().T / (2 * K.SUB), 0) + 1)
    flux = np.concatenate([[0.0], np.abs(np.diff(bands, axis=0)).mean(axis=1)])
    ema = np.zeros(n)
    ema_long = np.zeros(n)
    acc = acc_long = 0.0
    for i in range(n):
        acc = 0.5 * acc + 0.5 * flux[i]
        acc_long = 0.98 * acc_long + 0.02 * flux[i]
        ema[i] = acc
        ema_long[i] = acc_long
    r0 = rw[:, 0] * (1 + 1e-6) + 1e-3
    k1 = rw[:, 1] / r0
    k2 = (rw[:, 2] - k1 * rw[:, 1]) / (r0 * (1 - k1**2))
    gain = -10 * np.log10(np.maximum((1 - k1**2) * (1 - k2**2), 1e-4))
    loud = rw[:, 0] / (2 * K.SUB) > K.MIN_POWER
    return {
        "level": level,
        "bands": bands,
        "flux": np.minimum(ema, 20.0),
        "flux_long": np.minimum(ema_long, 20.0),
        "gain": np.where(loud, np.minimum(gain, 40.0), 0.0),
        "tilt": np.where(loud, rw[:, 1] / np.where(loud, rw[:, 0], 1.0), 0.0),
    }


@pytest.mark.parametrize("rate", [8000, 16000])
def test_features_match_numpy_reference(rate: int) -> None:
    x = _i16(_speechlike(1.0, rate) + _noise(1.0, rate, -40))
    f = vad_features(x, rate)
    ref = _reference_features(x, rate)
    np.testing.assert_allclose(f[:, K.F_LEVEL], ref["level"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(f[:, K.F_FLUX], ref["flux"], rtol=1e-9, atol=1e-9)
    gate = np.clip(f[:, K.F_SNR_MAX] / 10.0, 0.0, 1.0)
    np.testing.assert_allclose(f[:, K.F_FLUX_LONG], ref["flux_long"] * gate, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(f[:, K.F_PGAIN], ref["gain"], rtol=1e-7, atol=1e-7)
    np.testing.assert_allclose(f[:, K.F_TILT], ref["tilt"], rtol=1e-9, atol=1e-9)
    # band SNRs against a plain loop of the noise-floor rule (mode_params' rates)
    p = mode_params(2, 10, rate)
    floor = ref["bands"][0].copy()
    for i in range(1, len(f)):
        fl = ref["flux"][i]
        up = p[K.Q_UP_FAST] if fl < p[K.Q_STAT] else p[K.Q_UP_SLOW]
        lv = ref["bands"][i]
        floor = np.where(lv < floor, floor + p[K.Q_DOWN] * (lv - floor), np.minimum(floor + up, lv))
        np.testing.assert_allclose(
            f[i, K.F_SNR_B0 : K.F_SNR_B0 + K.NB], np.clip(lv - floor, 0.0, 40.0), rtol=1e-7, atol=1e-7
        )


def test_autocorr_and_gain_kernels_match_references() -> None:
    rng = np.random.default_rng(3)
    buf = rng.standard_normal(K.P + K.SUB) * 1000
    r = np.zeros(K.P + 1)
    K._autocorr(buf, r)
    ref = [np.dot(buf[K.P :], buf[K.P - k : K.P - k + K.SUB]) for k in range(K.P + 1)]
    np.testing.assert_allclose(r, ref, rtol=1e-12)
    r2 = np.zeros(K.P + 1)
    K._autocorr.py_func(buf, r2)
    np.testing.assert_allclose(r, r2, rtol=1e-12)
    # order-2 gain equals a Levinson-Durbin recursion written out in numpy
    r0, r1, rr2 = 5.0e6, 3.0e6, 1.0e6
    a1 = r1 / r0
    e1 = r0 * (1 - a1**2)
    k2 = (rr2 - a1 * r1) / e1
    expect = 10 * np.log10(r0 / (e1 * (1 - k2**2)))
    assert K._pred_gain2(r0, r1, rr2) == pytest.approx(expect, rel=1e-5)
    assert K._pred_gain2.py_func(r0, r1, rr2) == pytest.approx(K._pred_gain2(r0, r1, rr2), rel=1e-12)


@pytest.mark.parametrize("rate", [8000, 16000])
def test_core_kernel_equals_py_func(rate: int) -> None:
    x = _i16(np.concatenate([_noise(0.5, rate, -45), _speechlike(1.0, rate), _noise(0.5, rate, -45)]))
    p = mode_params(1, 10, rate)
    n = len(x) // (rate // 100)
    out_c = np.zeros(n, np.bool_)
    out_p = np.zeros(n, np.bool_)
    f_c = np.zeros((n, K.NF))
    f_p = np.zeros((n, K.NF))
    s_c = K.new_state()
    s_p = K.new_state()
    assert K._core(s_c, p, x, out_c, f_c, True) == n
    assert K._core.py_func(s_p, p, x, out_p, f_p, True) == n
    np.testing.assert_allclose(f_c, f_p, rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(out_c, out_p)
    np.testing.assert_allclose(s_c, s_p, rtol=1e-9, atol=1e-9)
    assert out_c.any() and not out_c.all()


# ---------------------------------------------------------------- streaming == batch


@pytest.mark.parametrize("rate", [8000, 16000])
@pytest.mark.parametrize("frame_ms", [10, 20, 30])
@pytest.mark.parametrize("mode", [0, 1, 2, 3])
def test_streaming_equals_batch(rate: int, frame_ms: int, mode: int) -> None:
    rng = np.random.default_rng(rate + frame_ms + mode)
    x = _i16(
        np.concatenate(
            [_noise(0.7, rate, -50), _speechlike(1.3, rate) + _noise(1.3, rate, -45), _noise(0.9, rate, -50)]
        )
    )
    vad = CcedgeVad(rate, frame_ms, mode)
    batch = vad.detect(x)
    assert len(batch) == len(x) // vad.frame_len
    assert batch.any() and not batch.all()
    # arbitrary chunks, partial frames carried over
    got = []
    pos = 0
    while pos < len(x):
        step = int(rng.integers(1, 700))
        got.append(vad.push(x[pos : pos + step]))
        pos += step
    got.append(vad.flush())
    np.testing.assert_array_equal(np.concatenate(got), batch)
    # exactly one frame at a time through the fast path
    labels = []
    for i in range(len(x) // vad.frame_len):
        lab = vad.push_frame(x[i * vad.frame_len : (i + 1) * vad.frame_len])
        if lab >= 0:
            labels.append(bool(lab))
    held = vad.flush()
    assert len(held) <= vad.delay_frames
    np.testing.assert_array_equal(np.concatenate([np.array(labels, np.bool_), held]), batch)


def test_webrtc_engine_streaming_equals_batch() -> None:
    x = _i16(np.concatenate([_noise(0.5, 8000, -50), _speechlike(1.0, 8000)]))
    vad = make_vad("webrtc", 8000, 20, 2)
    batch = vad.detect(x)
    got = np.concatenate([vad.push(x[:1234]), vad.push(x[1234:]), vad.flush()])
    np.testing.assert_array_equal(got, batch)
    assert batch[-20:].any()


# ---------------------------------------------------------------- behaviour


@pytest.mark.parametrize("rate", [8000, 16000])
def test_noise_is_not_speech_and_speech_is(rate: int) -> None:
    vad = CcedgeVad(rate)
    for kind_db in (-50, -30):
        assert vad.detect(_i16(_noise(4.0, rate, kind_db))).mean() < 0.02
    hum_t = np.arange(4 * rate) / rate
    hum = sum(np.sin(2 * np.pi * 60 * h * hum_t) / h for h in range(1, 6)) * 3000
    assert vad.detect(_i16(hum + _noise(4.0, rate, -55))).mean() < 0.02
    assert not vad.detect(np.zeros(rate * 2, np.int16)).any()
    # speech after a second of line noise is found, and its envelope gaps are not all filled
    x = np.concatenate([_noise(1.0, rate, -45), _speechlike(2.0, rate) + _noise(2.0, rate, -45, seed=5)])
    lab = vad.detect(_i16(x))
    assert lab[:90].mean() < 0.05
    assert lab[110:].mean() > 0.5


def test_held_chord_is_absorbed() -> None:
    rate = 8000
    t = np.arange(6 * rate) / rate
    chord = sum(np.sin(2 * np.pi * f * t) for f in (261.6, 329.6, 392.0, 523.3)) * 2500
    lab = CcedgeVad(rate).detect(_i16(chord + _noise(6.0, rate, -60)))
    assert lab[100:].mean() < 0.05


def test_espeak_speech_over_line_noise() -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    from ccedge.core.simulate.voice import speak

    rate = 8000
    sp = speak("Thank you for calling, how can I help you today?", rate)
    gap = np.zeros(rate)
    x = np.concatenate([gap, sp.astype(np.float64), gap])
    x += _noise(len(x) / rate, rate, -40)
    lab = CcedgeVad(rate).detect(_i16(x))
    clean = np.concatenate([gap, sp, gap])
    speech = np.abs(clean[: len(clean) // 80 * 80]).reshape(-1, 80).max(axis=1) > 500
    n = min(len(lab), len(speech))
    assert (lab[:n] == speech[:n]).mean() > 0.85
    segs = frames_to_segments(lab, 10)
    assert segs and segs[0][0] == pytest.approx(1.0, abs=0.15)


def test_validation_names_the_problem() -> None:
    with pytest.raises(DspError, match="int16"):
        CcedgeVad(8000).detect(np.zeros(800, np.float32))  # type: ignore[arg-type]
    with pytest.raises(DspError, match="rate"):
        CcedgeVad(11025)
    with pytest.raises(DspError, match="frame_ms"):
        CcedgeVad(8000, 15)
    with pytest.raises(DspError, match="mode"):
        CcedgeVad(8000, 10, 7)
    with pytest.raises(DspError, match="mono"):
        CcedgeVad(8000).detect(np.zeros((2, 800), np.int16))
    with pytest.raises(DspError, match="push_frame"):
        CcedgeVad(8000).push_frame(np.zeros(81, np.int16))
    with pytest.raises(DspError, match="engine"):
        make_vad("silero", 8000)  # type: ignore[arg-type]


def test_frames_to_segments() -> None:
    lab = np.array([0, 1, 1, 0, 0, 1, 1, 1], np.bool_)
    assert frames_to_segments(lab, 20) == [(0.02, 0.06), (0.1, 0.16)]
    assert frames_to_segments(np.zeros(0, np.bool_), 10) == []


def test_push_frame_accepts_read_only_and_strided_views() -> None:
    x = (np.random.default_rng(0).standard_normal(1600) * 3000).astype(np.int16)
    ref = CcedgeVad(8000)
    labels = [ref.push_frame(x[i : i + 80]) for i in range(0, 1600, 80)]
    ro = np.frombuffer(x.tobytes(), dtype=np.int16)
    assert not ro.flags.writeable
    v = CcedgeVad(8000)
    assert [v.push_frame(ro[i : i + 80]) for i in range(0, 1600, 80)] == labels
    wide = np.repeat(x, 2)[::2]  # strided view of the same samples
    w = CcedgeVad(8000)
    assert [w.push_frame(wide[i : i + 80]) for i in range(0, 1600, 80)] == labels
    with pytest.raises(DspError, match="int16"):
        CcedgeVad(8000).push_frame(x[:80].astype(np.float64))  # type: ignore[arg-type]
