"""Silero VAD as the quality yardstick, run with onnxruntime directly (no torch).

Benchmark-only: ``pip install --no-deps silero-vad onnxruntime`` (plus flatbuffers, protobuf,
coloredlogs, sympy, packaging if onnxruntime's import asks for them). The ONNX model is read
from the silero_vad wheel's package data without importing the package (it imports torch).

Reference labels: Silero's per-chunk probabilities (256 samples at 8 kHz, 512 at 16 kHz, with
the 32/64-sample context the official wrapper prepends) turned into speech spans the way
``silero_vad.get_speech_timestamps`` does with its defaults (threshold 0.5, neg_threshold
0.35, min_speech 250 ms, min_silence 100 ms, speech_pad 30 ms), then sampled at the centre of
every 10 ms frame.
"""

from __future__ import annotations

import importlib.util
import os

import numpy as np
import numpy.typing as npt


def available() -> bool:
    return (
        importlib.util.find_spec("silero_vad") is not None
        and importlib.util.find_spec("onnxruntime") is not None
    )


class Silero:
    def __init__(self) -> None:
        import onnxruntime as ort

        spec = importlib.util.find_spec("silero_vad")
        assert spec is not None and spec.submodule_search_locations
        path = os.path.join(next(iter(spec.submodule_search_locations)), "data", "silero_vad.onnx")
        opts = ort.SessionOptions()
        opts.inter_op_num_threads = 1
        opts.intra_op_num_threads = 1
        self.session = ort.InferenceSession(path, sess_options=opts, providers=["CPUExecutionProvider"])

    def probs(self, x: npt.NDArray[np.int16], rate: int) -> npt.NDArray[np.float64]:
        n = 512 if rate == 16000 else 256
        ctx = 64 if rate == 16000 else 32
        f = x.astype(np.float32) / 32768.0
        f = np.concatenate([f, np.zeros((-len(f)) % n, np.float32)])
        state = np.zeros((2, 1, 128), np.float32)
        context = np.zeros((1, ctx), np.float32)
        sr = np.array(rate, dtype=np.int64)
        out = np.empty(len(f) // n)
        for i in range(len(out)):
            inp = np.concatenate([context, f[None, i * n : (i + 1) * n]], axis=1)
            p, state = self.session.run(None, {"input": inp, "state": state, "sr": sr})
            context = inp[:, -ctx:]
            out[i] = float(p[0, 0])
        return out

    def spans(self, x: npt.NDArray[np.int16], rate: int) -> list[tuple[int, int]]:
        """Speech spans in samples, as get_speech_timestamps (defaults, no max length)."""
        probs = self.probs(x, rate)
        win = 512 if rate == 16000 else 256
        threshold, neg = 0.5, 0.35
        min_speech = rate * 0.250
        min_silence = rate * 0.100
        pad = int(rate * 0.030)
        triggered = False
        speeches: list[list[int]] = []
        start = 0
        temp_end = 0
        for i, p in enumerate(probs):
            cur = win * i
            if p >= threshold and temp_end:
                temp_end = 0
            if p >= threshold and not triggered:
                triggered = True
                start = cur
                continue
            if p < neg and triggered:
                if not temp_end:
                    temp_end = cur
                if cur - temp_end < min_silence:
                    continue
                if temp_end - start > min_speech:
                    speeches.append([start, temp_end])
                triggered = False
                temp_end = 0
        if triggered and len(x) - start > min_speech:
            speeches.append([start, len(x)])
        # padding, splitting short gaps in the middle (as get_speech_timestamps)
        for i, sp in enumerate(speeches):
            if i == 0:
                sp[0] = max(0, sp[0] - pad)
            if i != len(speeches) - 1:
                gap = speeches[i + 1][0] - sp[1]
                if gap < 2 * pad:
                    sp[1] += gap // 2
                    speeches[i + 1][0] = max(0, speeches[i + 1][0] - gap // 2)
                else:
                    sp[1] = min(len(x), sp[1] + pad)
                    speeches[i + 1][0] = max(0, speeches[i + 1][0] - pad)
            else:
                sp[1] = min(len(x), sp[1] + pad)
        return [(a, b) for a, b in speeches]

    def frame_labels(self, x: npt.NDArray[np.int16], rate: int, frame_ms: int = 10) -> npt.NDArray[np.bool_]:
        flen = rate * frame_ms // 1000
        n = len(x) // flen
        centre = np.arange(n) * flen + flen // 2
        lab = np.zeros(n, np.bool_)
        for a, b in self.spans(x, rate):
            lab |= (centre >= a) & (centre < b)
        return lab
