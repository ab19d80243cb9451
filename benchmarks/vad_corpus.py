"""Audio material for the VAD benchmark and for fitting the ccedge VAD's weights.

Real speech: every WAV under ``../shared/data/speech`` (8 and 16 kHz; each file is also
resampled to the other rate, so every file counts at both), and the fake-vcons MP3s (24 kHz
TTS dialogues) when the benchmark-only ``miniaudio`` package is installed to decode them
(sox here has no MP3 support); without it they are skipped and the benchmark says so.

``FIT_GROUPS`` names the speech folders whose frames were used (with the synthetic "train"
split) to fit the ccedge VAD's weights; the benchmark reports them apart from the held-out
rest so that the fit cannot flatter the result.

Synthetic (seeded; ``split="train"`` and ``split="test"`` use different seeds and texts):
line noise (white / pink hiss, mains hum with harmonics), comfort noise, hold music
(synthesised chords and melody with note envelopes), silence (digital zero and dither),
and espeak-ng speech mixed with line noise at 5-20 dB SNR.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soxr

from ccedge.core.audiofile import read_wav

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

TEXTS = {
    "train": [
        "Thank you for calling, my name is Sarah, how can I help you today?",
        "I would like to check the balance on my savings account please.",
        "Could you spell your last name for me, and confirm the postcode?",
        "The delivery was supposed to arrive on Tuesday but nothing came.",
        "Please hold the line while I transfer you to the billing team.",
        "Yes, that is correct, the number ends in four seven two nine.",
    ],
    "test": [
        "Good morning, you are through to customer support.",
        "I have been waiting for a refund for almost three weeks now.",
        "Let me just pull up your details on the system, one moment.",
        "Is there anything else I can help you with today?",
        "My card was declined at the store even though there is money on it.",
    ],
}


FIT_GROUPS = ("asterisk-prompts-8k", "librispeech")


@dataclass(frozen=True, slots=True)
class Clip:
    name: str
    category: str  # speech | noise | music | silence | noisy-tts
    rate: int
    samples: npt.NDArray[np.int16]
    fitted: bool = False  # its frames were used to fit the weights


def _to_int16(x: npt.NDArray[np.float64]) -> npt.NDArray[np.int16]:
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


def resample(x: npt.NDArray[np.int16], src: int, dst: int) -> npt.NDArray[np.int16]:
    if src == dst:
        return x
    return _to_int16(soxr.resample(x.astype(np.float32), src, dst, quality="HQ"))


def _dbfs(x: npt.NDArray[np.float64], db: float) -> npt.NDArray[np.float64]:
    rms = float(np.sqrt(np.mean(x * x))) + 1e-12
    return x * (32768.0 * 10 ** (db / 20) / rms)


def _pink(rng: np.random.Generator, n: int) -> npt.NDArray[np.float64]:
    # Paul Kellet's economy pink filter on white noise (-3 dB/octave)
    w = rng.standard_normal(n)
    b = np.zeros(3)
    out = np.empty(n)
    for i in range(n):
        b[0] = 0.99765 * b[0] + w[i] * 0.0990460
        b[1] = 0.96300 * b[1] + w[i] * 0.2965164
        b[2] = 0.57000 * b[2] + w[i] * 1.0526913
        out[i] = b[0] + b[1] + b[2] + w[i] * 0.1848
    return out


def line_noise(rng: np.random.Generator, n: int, rate: int, kind: str, db: float) -> npt.NDArray[np.float64]:
    t = np.arange(n) / rate
    if kind == "white":
        x = rng.standard_normal(n)
    elif kind == "pink":
        x = _pink(rng, n)
    elif kind == "hum":
        f0 = 50.0 if rng.random() < 0.5 else 60.0
        x = sum(np.sin(2 * np.pi * f0 * h * t + rng.random() * 6) / h for h in range(1, 8))
        x = x + 0.05 * rng.standard_normal(n)
    elif kind == "comfort":
        # comfort noise (RFC 3389): low-level noise shaped like the background, changing slowly
        x = _pink(rng, n) * (1 + 0.3 * np.sin(2 * np.pi * 0.3 * t))
    else:
        raise ValueError(kind)
    return _dbfs(np.asarray(x, dtype=np.float64), db)


def hold_music(rng: np.random.Generator, n: int, rate: int, db: float) -> npt.NDArray[np.float64]:
    """Chords of harmonic tones with note envelopes and a melody on top."""
    out = np.zeros(n)
    pos = 0
    roots = [48, 53, 55, 57, 50, 52]
    while pos < n:
        dur = int(rate * rng.uniform(0.4, 1.2))
        seg = min(dur, n - pos)
        t = np.arange(seg) / rate
        root = roots[rng.integers(len(roots))]
        notes = [root, root + 4, root + 7, root + 12 + int(rng.integers(0, 8))]
        env = np.minimum(1.0, t / 0.02) * np.exp(-t * rng.uniform(0.5, 3.0))
        for m in notes:
            f = 440.0 * 2 ** ((m - 57) / 12)
            for h in range(1, 6):
                if f * h < rate / 2 - 200:
                    out[pos : pos + seg] += env * np.sin(2 * np.pi * f * h * t) / (h * h)
        pos += seg
    return _dbfs(out, db)


def _espeak_ok() -> bool:
    return shutil.which("espeak-ng") is not None


def speak(text: str, rate: int, voice: str = "en-us", wpm: int = 150) -> npt.NDArray[np.int16]:
    """espeak-ng at its defaults (pitch 50, no extra word gap), resampled with soxr HQ.

    The corpus calls espeak-ng itself rather than ccedge.core.simulate so that the benchmark
    material stays the same when the simulator's voice settings change.
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "speech.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(wpm), "-p", "50", "-w", str(out), text],
            check=True,
            capture_output=True,
        )
        native, pcm = read_wav(out)
    return resample(pcm[0], native, rate)


def synthetic(split: str, rate: int, seconds: float = 12.0) -> Iterator[Clip]:
    rng = np.random.default_rng({"train": 11, "test": 29}[split] + rate)
    n = int(seconds * rate)
    for kind in ("white", "pink", "hum", "comfort"):
        db = -65.0 if kind == "comfort" else float(rng.uniform(-45, -25))
        yield Clip(f"{kind}-noise", "noise", rate, _to_int16(line_noise(rng, n, rate, kind, db)))
    for k in range(2):
        music = hold_music(rng, n, rate, float(rng.uniform(-26, -16)))
        music += line_noise(rng, n, rate, "white", -60)
        yield Clip(f"hold-music-{k}", "music", rate, _to_int16(music))
    yield Clip("digital-silence", "silence", rate, np.zeros(n // 2, np.int16))
    yield Clip("dither", "silence", rate, _to_int16(rng.standard_normal(n // 2) * 2.0))
    if not _espeak_ok():
        return
    for k, text in enumerate(TEXTS[split]):
        voice = ["en-us", "en-gb", "en-us+f3", "en-gb+m3"][k % 4]
        sp = speak(text, rate=rate, voice=voice, wpm=int(rng.integers(130, 180))).astype(np.float64)
        gap = np.zeros(int(rate * rng.uniform(0.5, 1.5)))
        sig = np.concatenate([gap, sp, gap * 0, np.zeros(int(rate * 0.7)), sp[::1] * 0.7, gap])
        snr = float(rng.uniform(5, 20))
        speech_db = float(rng.uniform(-26, -16))
        active = sig[np.abs(sig) > 0]
        gain = 32768 * 10 ** (speech_db / 20) / (np.sqrt(np.mean(active**2)) + 1e-9)
        kind = ["white", "pink", "hum", "comfort"][k % 4]
        noise = line_noise(rng, len(sig), rate, kind, speech_db - snr)
        yield Clip(f"tts-{kind}-{k}", "noisy-tts", rate, _to_int16(sig * gain + noise))
    # speech over hold music (announcement during a hold): a hard case
    text = TEXTS[split][0]
    sp = speak(text, rate=rate, voice="en-gb").astype(np.float64)
    sp = np.concatenate([np.zeros(rate), sp, np.zeros(rate)])
    sp = _dbfs(sp, -20) * 1.0
    mu = hold_music(rng, len(sp), rate, -32)
    yield Clip("tts-over-music", "noisy-tts", rate, _to_int16(sp + mu))


def mp3_decoder_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("miniaudio") is not None


def _read_mp3(path: Path) -> tuple[int, npt.NDArray[np.int16]]:
    import miniaudio

    info = miniaudio.mp3_get_file_info(str(path))
    d = miniaudio.decode_file(
        str(path), output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=info.sample_rate
    )
    return d.sample_rate, np.frombuffer(d.samples, dtype=np.int16).copy()


def real_speech(
    rates: tuple[int, ...] = (8000, 16000), groups: tuple[str, ...] | None = None
) -> Iterator[Clip]:
    base = SHARED / "speech"
    if not base.is_dir():
        return
    paths = sorted(base.glob("*/*.wav"))
    if mp3_decoder_available():
        paths += sorted(base.glob("*/*.mp3"))
    for path in paths:
        group = path.parent.name
        if groups is not None and group not in groups:
            continue
        if path.suffix == ".mp3":
            native, mono = _read_mp3(path)
        else:
            native, pcm = read_wav(path)
            mono = pcm[0]
        for rate in rates:
            tag = "" if rate == native else f"@{rate // 1000}k"
            yield Clip(
                f"{group}/{path.stem[:12]}{tag}",
                "speech",
                rate,
                resample(mono, native, rate),
                group in FIT_GROUPS,
            )


def corpus(split: str, rates: tuple[int, ...] = (8000, 16000), smoke: bool = False) -> list[Clip]:
    clips: list[Clip] = []
    for rate in rates:
        syn = list(synthetic(split, rate, seconds=4.0 if smoke else 12.0))
        clips.extend(syn[::3] if smoke else syn)
    if split == "test":
        real = list(real_speech(rates))
        clips.extend(real[:4] if smoke else real)
    else:
        clips.extend(real_speech(rates, FIT_GROUPS))
    return clips
