"""The webrtcvad engine (Google's WebRTC GMM VAD) behind the :class:`VoiceDetector` interface.

It comes from the ``webrtcvad-wheels`` distribution (plain ``webrtcvad`` breaks with recent
setuptools). It decides each frame on its own state, without look-ahead: ``delay_frames`` is 0.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import webrtcvad

from ccedge.dsp import DspError
from ccedge.dsp.vad import check_audio


class WebRtcVad:
    def __init__(self, rate: int, frame_ms: int = 10, mode: int = 2) -> None:
        check_audio(np.zeros(0, np.int16), rate, frame_ms)
        if mode not in (0, 1, 2, 3):
            raise DspError(f"VAD mode must be 0, 1, 2 or 3, got {mode}")
        self.rate = rate
        self.frame_ms = frame_ms
        self.mode = mode
        self.delay_frames = 0
        self.frame_len = rate * frame_ms // 1000
        self._vad = webrtcvad.Vad(mode)
        self._pending = np.zeros(0, np.int16)

    def reset(self) -> None:
        self._vad = webrtcvad.Vad(self.mode)
        self._pending = np.zeros(0, np.int16)

    def _run(self, vad: webrtcvad.Vad, x: npt.NDArray[np.int16]) -> npt.NDArray[np.bool_]:
        n = len(x) // self.frame_len
        raw = x[: n * self.frame_len].tobytes()
        step = 2 * self.frame_len
        is_speech = vad.is_speech
        rate = self.rate
        return np.fromiter(
            (is_speech(raw[i * step : (i + 1) * step], rate) for i in range(n)), dtype=np.bool_, count=n
        )

    def detect(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.bool_]:
        return self._run(webrtcvad.Vad(self.mode), check_audio(samples, self.rate, self.frame_ms))

    def push(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.bool_]:
        x = check_audio(samples, self.rate, self.frame_ms)
        if len(self._pending):
            x = np.concatenate([self._pending, x])
        n = len(x) // self.frame_len
        self._pending = x[n * self.frame_len :].copy()
        return self._run(self._vad, x)

    def flush(self) -> npt.NDArray[np.bool_]:
        self.reset()
        return np.zeros(0, np.bool_)
