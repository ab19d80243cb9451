"""Voice activity detection: the ccedge engine (Numba) and the common engine interface.

``make_vad(engine, rate, frame_ms, mode)`` returns a :class:`VoiceDetector`; ``engine`` is
``"ccedge"`` (this module) or ``"webrtc"`` (:mod:`ccedge.dsp.vad_webrtc`). Both take int16
mono at 8 or 16 kHz in 10, 20 or 30 ms frames, and both work two ways:

* batch: ``detect(samples)`` returns one decision per whole frame of the buffer;
* streaming: ``push(samples)`` returns the decisions that became final, in order, and
  ``flush()`` the rest at the end. The ccedge engine holds its labels back by
  ``delay_frames`` frames (for the pre-roll written back before an onset); the concatenation
  of everything ``push`` and ``flush`` return equals ``detect`` on the whole buffer.

``mode`` is the aggressiveness, 0 (keeps the most speech) to 3 (rejects the most non-speech),
as in webrtcvad. The ccedge modes differ in score threshold, minimum speech and hangover.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

import numpy as np
import numpy.typing as npt

from ccedge.dsp import DspError
from ccedge.dsp import _vad_kernels as K

RATES = (8000, 16000)
FRAME_MS = (10, 20, 30)
VadEngineName = Literal["ccedge", "webrtc"]

# Linear score weights (a logit), in the kernel's feature order (K.F_*). Fitted by logistic
# regression (IRLS, small ridge) against Silero VAD frame labels on the synthetic "train"
# split of benchmarks/vad_corpus.py (espeak-ng speech over line noise, comfort noise,
# hold-music chords, silence) plus the Asterisk-prompt and LibriSpeech files; the benchmark
# reports the other speech files as held out; benchmarks/vad_fit.py reproduces the fit.
# Spectral flux carries most of the weight: speech moves its spectrum every few tens of ms,
# line noise and held tones do not; the long-term flux (syllabic modulation, gated by the
# frame's own SNR) is what tells speech from hold music.
WEIGHTS = np.array(
    [0.0752, -0.2413, -0.0948, 0.1423, 1.1463, -1.2464, -0.0248, 0.4306, -0.0942, -0.1521, 0.0511, 4.6368]
)
BIAS = -1.4737


@dataclass(frozen=True, slots=True)
class ModeSettings:
    """What an aggressiveness mode changes: score thresholds and timing (ms)."""

    on: float
    off: float
    min_speech_ms: int
    hangover_ms: int
    preroll_ms: int


MODES: dict[int, ModeSettings] = {
    0: ModeSettings(on=0.0, off=-1.0, min_speech_ms=40, hangover_ms=150, preroll_ms=40),
    1: ModeSettings(on=0.5, off=-0.5, min_speech_ms=50, hangover_ms=120, preroll_ms=30),
    # mode 2's thresholds and timing were chosen by grid search on the same training material
    2: ModeSettings(on=1.0, off=0.0, min_speech_ms=60, hangover_ms=80, preroll_ms=20),
    3: ModeSettings(on=2.0, off=1.0, min_speech_ms=80, hangover_ms=50, preroll_ms=20),
}
DEFAULT_MODE = 2


def _frame_kernel() -> Any:
    """``_vad_frame`` compiled (or loaded from cache) for its one signature, then sealed."""
    k = K._vad_frame
    k.compile("int64(float64[::1], int16[::1])")  # a no-op when already compiled or cached
    k.disable_compile()
    return k


_FRAME_KERNEL: Any = None


class VoiceDetector(Protocol):
    """What every VAD engine offers (see the module docstring)."""

    rate: int
    frame_ms: int
    delay_frames: int

    def detect(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.bool_]: ...

    def push(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.bool_]: ...

    def flush(self) -> npt.NDArray[np.bool_]: ...

    def reset(self) -> None: ...


def check_audio(samples: object, rate: int, frame_ms: int) -> npt.NDArray[np.int16]:
    """Validate rate, frame length and dtype; return a contiguous 1-D int16 array."""
    if rate not in RATES:
        raise DspError(f"VAD rate must be 8000 or 16000 Hz, got {rate}")
    if frame_ms not in FRAME_MS:
        raise DspError(f"VAD frame_ms must be 10, 20 or 30, got {frame_ms}")
    a = np.asarray(samples)
    if a.dtype != np.int16:
        raise DspError(f"VAD samples must be int16, got {a.dtype}")
    if a.ndim != 1:
        raise DspError(f"VAD samples must be mono (1-D), got shape {a.shape}")
    return np.ascontiguousarray(a)


def mode_params(
    mode: int,
    frame_ms: int,
    rate: int = 8000,
    *,
    min_speech_ms: int | None = None,
    hangover_ms: int | None = None,
    preroll_ms: int | None = None,
    weights: npt.NDArray[np.float64] | None = None,
    bias: float | None = None,
) -> npt.NDArray[np.float64]:
    """The kernel's parameter vector for an aggressiveness mode, with optional overrides."""
    if mode not in MODES:
        raise DspError(f"VAD mode must be 0, 1, 2 or 3, got {mode}")
    m = MODES[mode]
    p = np.zeros(K.PARAM_SIZE)
    p[K.Q_W : K.Q_W + K.NF] = WEIGHTS if weights is None else weights
    p[K.Q_BIAS] = BIAS if bias is None else bias
    p[K.Q_ON] = m.on
    p[K.Q_OFF] = m.off
    ms = m.min_speech_ms if min_speech_ms is None else min_speech_ms
    hg = m.hangover_ms if hangover_ms is None else hangover_ms
    pr = m.preroll_ms if preroll_ms is None else preroll_ms
    if ms < 10 or hg < 0 or pr < 0:
        raise DspError("VAD min_speech_ms must be >= 10, hangover_ms and preroll_ms >= 0")
    if ms // 10 + pr // 10 > K.RING - 2:
        raise DspError(f"VAD min_speech_ms + preroll_ms must stay under {(K.RING - 2) * 10} ms")
    p[K.Q_MINSP] = ms // 10
    p[K.Q_HANG] = hg // 10
    p[K.Q_PRE] = pr // 10
    # Noise floor: rises 0.5 dB/s while the spectrum moves (speech), 10 dB/s while it is
    # stationary (line noise, comfort noise, a held chord); falls within a few sub-frames.
    p[K.Q_UP_SLOW] = 0.005
    p[K.Q_UP_FAST] = 0.1
    p[K.Q_DOWN] = 0.2
    p[K.Q_STAT] = 3.0
    p[K.Q_NSUB] = frame_ms // 10
    p[K.Q_DC] = 0.95  # pre-emphasis 1 - 0.95 z^-1: takes out DC offset and most mains hum
    p[K.Q_RATE] = rate
    return p


class CcedgeVad:
    """The Numba VAD; one object per leg (it carries that leg's state)."""

    def __init__(
        self,
        rate: int,
        frame_ms: int = 10,
        mode: int = DEFAULT_MODE,
        *,
        min_speech_ms: int | None = None,
        hangover_ms: int | None = None,
        preroll_ms: int | None = None,
    ) -> None:
        check_audio(np.zeros(0, np.int16), rate, frame_ms)
        self.rate = rate
        self.frame_ms = frame_ms
        self.mode = mode
        self._params = mode_params(
            mode, frame_ms, rate, min_speech_ms=min_speech_ms, hangover_ms=hangover_ms, preroll_ms=preroll_ms
        )
        self.frame_len = rate * frame_ms // 1000
        sub_delay = int(self._params[K.Q_MINSP]) - 1 + int(self._params[K.Q_PRE])
        nsub = frame_ms // 10
        # whole frames that may still be held back after a push
        self.delay_frames = (sub_delay + nsub - 1) // nsub
        global _FRAME_KERNEL
        if _FRAME_KERNEL is None:
            _FRAME_KERNEL = _frame_kernel()
        # params, state and two output slots in one vector; the others are views of it
        self._packed = K.pack(self._params)
        self._params = self._packed[: K.PARAM_SIZE]
        self._state = self._packed[K.PARAM_SIZE : K.PARAM_SIZE + K.STATE_SIZE]
        self._pending = np.zeros(0, np.int16)
        self._out = np.zeros(8, np.bool_)

    def reset(self) -> None:
        self._state[:] = K.new_state()
        self._pending = np.zeros(0, np.int16)

    def detect(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.bool_]:
        """Decisions for every whole frame of ``samples``, from a fresh state."""
        x = check_audio(samples, self.rate, self.frame_ms)
        n = len(x) // self.frame_len
        x = x[: n * self.frame_len]
        out = np.zeros(n, np.bool_)
        K._vad_batch(self._params, x, out, K._NOFEATS)
        return out

    def push(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.bool_]:
        """Feed more samples of the stream; returns the decisions that became final."""
        x = samples
        if type(x) is not np.ndarray or x.dtype != np.int16 or x.ndim != 1:
            x = check_audio(samples, self.rate, self.frame_ms)
        if len(self._pending):
            x = np.concatenate([self._pending, x])
        n = len(x) // self.frame_len
        used = n * self.frame_len
        self._pending = x[used:].copy() if used < len(x) else self._pending[:0]
        if n == 0:
            return self._out[:0].copy()
        if len(self._out) < n + 1:
            self._out = np.zeros(2 * n + 1, np.bool_)
        k = K._vad_run(self._state, self._params, x[:used], self._out)
        return self._out[:k].copy()

    def push_frame(self, frame: npt.NDArray[np.int16]) -> int:
        """Fast path for exactly one frame (``frame_len`` int16 samples): the label
        that became final (1 speech, 0 not), or -1 while the first labels are still held back.

        The kernel's dispatcher accepts only that one signature (``_frame_kernel``), so a
        wrong dtype or layout fails in the call itself and a wrong length in the kernel,
        without Python-side checks on a path that runs every 10 ms per leg.
        """
        if self._pending.shape[0]:
            raise DspError("VAD push_frame cannot follow a push() that left a partial frame")
        try:
            label: int = _FRAME_KERNEL(self._packed, frame)
        except TypeError as e:
            # a read-only or strided view of int16 samples is copied; anything else is refused
            if not (isinstance(frame, np.ndarray) and frame.dtype == np.int16 and frame.ndim == 1):
                raise DspError(f"VAD push_frame needs {self.frame_len} int16 samples") from e
            label = _FRAME_KERNEL(self._packed, frame.copy())
        if label < -1:
            raise DspError(f"VAD push_frame needs {self.frame_len} int16 samples")
        return label

    def flush(self) -> npt.NDArray[np.bool_]:
        """Decisions still held back (the trailing partial frame is dropped); the state resets."""
        out = np.zeros(self.delay_frames + 1, np.bool_)
        k = K._vad_flush(self._state, self._params, out)
        self.reset()
        return out[:k]


def vad_features(samples: npt.NDArray[np.int16], rate: int) -> npt.NDArray[np.float64]:
    """The per-10 ms feature matrix (columns ``_vad_kernels.F_*``), for fitting and diagnostics."""
    x = check_audio(samples, rate, 10)
    n = len(x) // (rate // 100)
    feats = np.zeros((n, K.NF))
    out = np.zeros(n, np.bool_)
    K._vad_batch(mode_params(DEFAULT_MODE, 10, rate), x[: n * rate // 100], out, feats)
    return feats


def frames_to_segments(labels: npt.NDArray[np.bool_], frame_ms: int) -> list[tuple[float, float]]:
    """Runs of speech frames as (start_s, end_s)."""
    lab = np.asarray(labels, dtype=np.int8)
    if len(lab) == 0:
        return []
    d = np.diff(np.concatenate([[0], lab, [0]]))
    starts = np.flatnonzero(d == 1)
    ends = np.flatnonzero(d == -1)
    f = frame_ms / 1000.0
    return [(round(s * f, 3), round(e * f, 3)) for s, e in zip(starts, ends, strict=True)]


def make_vad(
    engine: VadEngineName = "ccedge", rate: int = 8000, frame_ms: int = 10, mode: int = DEFAULT_MODE
) -> VoiceDetector:
    """A VAD engine by name (configuration ``vad.engine``)."""
    if engine == "ccedge":
        return CcedgeVad(rate, frame_ms, mode)
    if engine == "webrtc":
        from ccedge.dsp.vad_webrtc import WebRtcVad

        return WebRtcVad(rate, frame_ms, mode)
    raise DspError(f"vad.engine must be 'ccedge' or 'webrtc', got {engine!r}")


__all__ = [
    "MODES",
    "CcedgeVad",
    "VoiceDetector",
    "check_audio",
    "frames_to_segments",
    "make_vad",
    "mode_params",
    "vad_features",
]
