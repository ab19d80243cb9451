"""In-band DTMF: Goertzel against a DFT, Q.24 acceptance on generated tones, real recordings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ccedge.core.audiofile import read_wav
from ccedge.dsp import DspError
from ccedge.dsp import dtmf as D
from ccedge.dsp.dtmf import DtmfParams, detect_dtmf, dtmf_tone, dtmf_windows


def _i16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


def _pad(x: np.ndarray, rate: int = 8000) -> np.ndarray:
    z = np.zeros(rate // 5)
    return np.concatenate([z, x, z])


def _digits(x: np.ndarray, rate: int = 8000, params: DtmfParams | None = None) -> str:
    return "".join(t.digit for t in detect_dtmf(_i16(x), rate, params))


def test_goertzel_matches_dft() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal(200)
    for f in (697.0, 941.0, 1633.0, 1000.0 * 1.05):
        coef = 2 * np.cos(2 * np.pi * f / 8000)
        dft = np.abs(np.sum(x * np.exp(-2j * np.pi * f / 8000 * np.arange(200)))) ** 2
        assert D._goertzel_power(x, coef) == pytest.approx(dft, rel=1e-9)
        assert D._goertzel_power.py_func(x, coef) == pytest.approx(dft, rel=1e-9)


def test_window_kernel_equals_py_func() -> None:
    x = _i16(_pad(np.concatenate([dtmf_tone("7", 80), np.zeros(400), dtmf_tone("#", 60, twist_db=3)])))
    w = dtmf_windows(x, 8000)
    nwin, hop = 200, 40
    freqs = D.LOW_HZ + D.HIGH_HZ
    coefs = np.array([D._coef(f, 8000) for f in freqs])
    probes = np.array(
        [[D._coef(f * (1 + d), 8000) for d in (-D.PROBE, -D.NEAR, D.NEAR, D.PROBE)] for f in freqs]
    )
    hann = np.hanning(nwin + 2)[1:-1]
    p = DtmfParams()
    lim = np.array(
        [
            0.5 * 32768.0**2 * 10 ** (p.min_level_dbfs / 10),
            10**0.8,
            10**0.8,
            10**0.8,
            1 / (1 + 10**-1.0),
            10**0.6,
        ]
    )
    n = len(w.codes)
    codes, cands = np.full(n, -1, np.int8), np.full(n, -1, np.int8)
    levels, powers = np.zeros(n), np.zeros((n, 8))
    D._dtmf_windows.py_func(x, hann, coefs, probes, hop, lim, codes, cands, levels, powers)
    np.testing.assert_array_equal(codes, w.codes)
    np.testing.assert_array_equal(cands, w.cands)
    np.testing.assert_allclose(powers, w.powers, rtol=1e-9, atol=1e-6)
    # tone powers are normalised to A^2/2: a -10 dBFS tone reads -10 dBFS
    i = int(np.flatnonzero(w.codes == D.DIGITS.index("7"))[2])
    assert w.levels[i] == pytest.approx(-10.0, abs=0.3)


@pytest.mark.parametrize("rate", [8000, 16000])
def test_every_digit_clean(rate: int) -> None:
    sig = np.concatenate(
        [np.concatenate([dtmf_tone(d, 70, rate), np.zeros(rate * 60 // 1000)]) for d in D.DIGITS]
    )
    tones = detect_dtmf(_i16(_pad(sig, rate)), rate)
    assert "".join(t.digit for t in tones) == D.DIGITS
    # times: tone k starts at 0.2 s + k * 130 ms and lasts 70 ms
    for k, t in enumerate(tones):
        assert t.t0 == pytest.approx(0.2 + k * 0.13, abs=0.006)
        assert t.t1 == pytest.approx(0.2 + k * 0.13 + 0.07, abs=0.006)


def test_q24_duration() -> None:
    for ms in (40, 45, 60):
        assert _digits(_pad(dtmf_tone("5", ms))) == "5", ms
    for ms in (10, 20, 23):
        assert _digits(_pad(dtmf_tone("5", ms))) == "", ms


def test_q24_frequency_deviation() -> None:
    for dev in (-0.015, 0.015):
        assert _digits(_pad(dtmf_tone("1", 60, deviation=dev))) == "1"
        assert _digits(_pad(dtmf_tone("D", 60, deviation=dev))) == "D"
    for dev in (-0.035, 0.035, 0.05):
        assert _digits(_pad(dtmf_tone("1", 60, deviation=dev))) == ""
        assert _digits(_pad(dtmf_tone("D", 60, deviation=dev))) == ""


def test_q24_twist() -> None:
    for tw in (-7.0, 0.0, 7.0):
        assert _digits(_pad(dtmf_tone("9", 60, twist_db=tw))) == "9"
    for tw in (-10.0, 10.0):
        assert _digits(_pad(dtmf_tone("9", 60, twist_db=tw))) == ""
    strict = DtmfParams(max_twist_high_db=4.0)
    assert _digits(_pad(dtmf_tone("9", 60, twist_db=6.0)), params=strict) == ""


def test_q24_pause_and_interruption() -> None:
    two = np.concatenate([dtmf_tone("3", 60), np.zeros(320), dtmf_tone("3", 60)])  # 40 ms pause
    assert _digits(_pad(two)) == "33"
    cut = np.concatenate([dtmf_tone("3", 60), np.zeros(80), dtmf_tone("3", 60)])  # 10 ms drop-out
    assert _digits(_pad(cut)) == "3"


def test_level_and_noise() -> None:
    rng = np.random.default_rng(1)
    assert _digits(_pad(dtmf_tone("8", 60, dbfs=-30))) == "8"
    assert _digits(_pad(dtmf_tone("8", 60, dbfs=-45))) == ""
    tone = dtmf_tone("2", 80, dbfs=-20)
    tone_power = (32768 * 10 ** (-20 / 20)) ** 2  # two tones of A^2/2 each
    for snr_db, expect in ((15, "2"), (3, "")):
        noise = rng.standard_normal(len(tone)) * np.sqrt(tone_power / 10 ** (snr_db / 10))
        assert _digits(_pad(tone + noise)) == expect


def test_no_false_digits_on_speechlike_and_music() -> None:
    rate = 8000
    t = np.arange(rate * 6) / rate
    # harmonic 'vowels' with pitch glides, including harmonics passing through DTMF bands
    f0 = 110 + 60 * np.sin(2 * np.pi * 0.5 * t)
    ph = 2 * np.pi * np.cumsum(f0) / rate
    vowel = sum(np.sin(h * ph) / h for h in range(1, 30)) * 6000
    assert _digits(vowel) == ""
    # a held two-note interval and a chord at musical pitches (not DTMF pairs)
    chord = sum(np.sin(2 * np.pi * f * t) for f in (659.3, 880.0, 1318.5)) * 5000
    assert _digits(chord) == ""
    interval = (np.sin(2 * np.pi * 740.0 * t) + np.sin(2 * np.pi * 1280.0 * t)) * 8000
    assert _digits(interval) == ""
    rng = np.random.default_rng(2)
    assert _digits(rng.standard_normal(rate * 3) * 3000) == ""


def test_validation() -> None:
    with pytest.raises(DspError, match="int16"):
        detect_dtmf(np.zeros(800), 8000)  # type: ignore[arg-type]
    with pytest.raises(DspError, match="rate"):
        detect_dtmf(np.zeros(800, np.int16), 44100)
    with pytest.raises(DspError, match="digit"):
        dtmf_tone("X", 40)
    assert detect_dtmf(np.zeros(10, np.int16), 8000) == []


# ---------------------------------------------------------------- shared recordings


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "digits"), [("dtmfs-1-9.wav", "12345#6789"), ("dtmf-1.wav", "1"), ("cago-dtmf2.wav", "2")]
)
def test_restcomm_inband_recordings(shared_data: Path, name: str, digits: str) -> None:
    rate, pcm = read_wav(shared_data / "speech" / "inband-dtmf" / name)
    assert "".join(t.digit for t in detect_dtmf(pcm[0], rate)) == digits


@pytest.mark.shared
def test_nothing_on_speech_recordings(shared_data: Path) -> None:
    speech = shared_data / "speech"
    paths = [
        *sorted((speech / "librispeech").glob("*.wav")),
        *sorted((speech / "osr-harvard-8k").glob("*.wav")),
        *sorted((speech / "asterisk-prompts-8k").glob("*.wav")),
        speech / "jfk" / "jfk.wav",
        speech / "vosk-digits" / "test.wav",
    ]
    assert len(paths) >= 20
    for path in paths:
        rate, pcm = read_wav(path)
        assert detect_dtmf(pcm[0], rate) == [], path.name


@pytest.mark.shared
@pytest.mark.parametrize(
    # The audio carries the in-band tones of the RFC 2833 digits that Asterisk also played
    # in-band; the '0' of 2013785496 is present only as RFC 2833 events (the audio is silent
    # there), and the second capture plays 3125 in-band once more after the ten digits.
    # MANIFEST.md's independent detector reads the same strings.
    ("name", "inband"),
    [("ulaw-2013785496.pcap", "213785496"), ("ulaw-3125894607.pcap", "31258946073125")],
)
def test_asterisk_ulaw_captures(pcaps: Path, name: str, inband: str) -> None:
    from ccedge.core.tap import tap_capture

    report = tap_capture(pcaps / "asterisk-testsuite" / name, audio=True)
    legs = [(leg.pcm(), leg.pcm_rate()) for call in report.calls for leg in call.legs]
    found = ["".join(t.digit for t in detect_dtmf(x, r)) for x, r in legs if len(x)]
    assert inband in found
    # the in-band digits follow the file name's digits in order (at most one missing)
    named = name.split("-")[1].split(".")[0]
    head = inband[: len(named)]
    it = iter(named)
    assert all(d in it for d in head) and len(head) >= len(named) - 1
