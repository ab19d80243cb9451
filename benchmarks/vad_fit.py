"""Refit the ccedge VAD's linear score against Silero VAD labels (prints the new constants).

    python benchmarks/vad_fit.py

Training material: the synthetic "train" split of vad_corpus (other seeds and sentences
than the benchmark's "test" split) plus the speech folders named in ``vad_corpus.FIT_GROUPS``.
The weights come from an L2-regularised logistic regression (IRLS) on the per-10 ms feature
matrix (``ccedge.dsp.vad.vad_features``), speech clips weighted 3:1 and every clip by
1/sqrt(frames); then mode 2's thresholds and timing are picked by grid search on the same
material. Paste the printed WEIGHTS / BIAS / mode-2 settings into dsp/vad.py.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

import silero_ref
import vad_corpus

from ccedge.dsp import _vad_kernels as K
from ccedge.dsp.vad import mode_params, vad_features

Data = list[tuple[vad_corpus.Clip, npt.NDArray[np.bool_]]]


def _features(data: Data) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    xs, ys, ws = [], [], []
    for clip, lab in data:
        f = vad_features(clip.samples, clip.rate)
        n = min(len(f), len(lab))
        xs.append(f[:n])
        ys.append(lab[:n])
        ws.append(np.full(n, (3.0 if clip.category == "speech" else 1.0) / np.sqrt(n)))
    return np.concatenate(xs), np.concatenate(ys).astype(float), np.concatenate(ws)


def fit(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], w: npt.NDArray[np.float64], ridge: float = 1e-2
) -> tuple[npt.NDArray[np.float64], float]:
    w = w / w.mean()
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.c_[(x - mu) / sd, np.ones(len(x))]
    beta = np.zeros(z.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-z @ beta))
        grad = z.T @ (w * (y - p)) - ridge * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + ridge * np.eye(len(beta))
        beta += np.linalg.solve(hess, grad)
    return beta[:-1] / sd, float(beta[-1] - (beta[:-1] * mu / sd).sum())


def _agreement(data: Data, params: npt.NDArray[np.float64]) -> float:
    ok = total = 0
    for clip, lab in data:
        p = params.copy()
        p[K.Q_RATE] = clip.rate
        flen = clip.rate // 100
        out = np.zeros(len(clip.samples) // flen, np.bool_)
        K._vad_batch(p, clip.samples[: len(out) * flen], out, np.zeros((0, K.NF)))
        n = min(len(out), len(lab))
        ok += int((out[:n] == lab[:n]).sum())
        total += n
    return ok / total


def main() -> int:
    silero = silero_ref.Silero()
    data = [(c, silero.frame_labels(c.samples, c.rate)) for c in vad_corpus.corpus("train")]
    weights, bias = fit(*_features(data))
    print("WEIGHTS =", np.round(weights, 4).tolist())
    print("BIAS =", round(bias, 4))
    grid = []
    for on, off, ms, hang, pre in itertools.product(
        [-0.5, 0.0, 0.5, 1.0], [-1.0, -0.5, 0.0], [20, 40, 60], [50, 80, 120], [20, 40]
    ):
        if off > on:
            continue
        p = mode_params(2, 10, weights=weights, bias=bias, min_speech_ms=ms, hangover_ms=hang, preroll_ms=pre)
        p[K.Q_ON], p[K.Q_OFF] = on, off
        grid.append((_agreement(data, p), on, off, ms, hang, pre))
    grid.sort(reverse=True)
    for agree, on, off, ms, hang, pre in grid[:5]:
        print(f"agreement {agree:.4f}  on={on} off={off} min_speech_ms={ms}", end=" ")
        print(f"hangover_ms={hang} preroll_ms={pre}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
