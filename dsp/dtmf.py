"""In-band DTMF detection (ITU-T Q.23 frequencies, Q.24 acceptance) with Goertzel filters.

Analysis windows of 25 ms (Hann) every 5 ms. A window names a digit when all of these hold:

* level: both tones at least ``min_level_dbfs`` (power of the tone relative to a full-scale
  sine; Q.24 asks for acceptance down to about -25 dBm0, and µ-law full scale is +3 dBm0);
* twist (Q.24): the high-group tone at most ``max_twist_high_db`` above the low-group tone
  ("reverse" twist) and at most ``max_twist_low_db`` below it ("normal" twist);
* relative peak: every other frequency of each group at least ``rel_peak_db`` below the peak;
* signal-to-noise: the two tones carry all but ``min_snr_db`` of the window's power, which is
  what keeps speech and music (many partials, energy spread) from firing;
* frequency deviation (Q.24: accept within ±1.5 %, reject beyond ±3.5 %): the nominal
  frequency's filter must out-score probe filters at ±5 % of it, which puts the decision
  boundary at ±2.5 %;
* stationarity: the four quarters of the window differ by less than 6 dB in energy, so a
  window that straddles a tone edge or a pause does not count.

Windows then become events: a digit needs ``min_on_ms`` of consecutive valid windows (with
the 25 ms window this accepts tones of 40 ms and rejects tones of 23 ms and shorter), and a
run of invalid windows longer than ``max_gap_ms`` (which a 40 ms pause always produces and
a 10 ms interruption never does) ends it. Event times are the first and last sample covered
by valid windows, in seconds from the start of the buffer.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

from ccedge.dsp import DspError

LOW_HZ = (697.0, 770.0, 852.0, 941.0)
HIGH_HZ = (1209.0, 1336.0, 1477.0, 1633.0)
KEYS = ("123A", "456B", "789C", "*0#D")
DIGITS = "".join(KEYS)  # code = row * 4 + column
WINDOW_MS = 25
HOP_MS = 5
PROBE = 0.05  # probe filters at ±5 %: the accept/reject boundary falls at ±2.5 %
NEAR = 0.02  # filters at ±2 % recover the power of a tone that is off by up to ±1.5 %


@dataclass(frozen=True, slots=True)
class DtmfTone:
    """One in-band digit: ``digit`` and its times in seconds from the buffer's start."""

    digit: str
    t0: float
    t1: float
    level_dbfs: float  # the weaker tone's level, averaged over the valid windows


@dataclass(frozen=True, slots=True)
class DtmfParams:
    min_level_dbfs: float = -36.0
    max_twist_high_db: float = 8.0
    max_twist_low_db: float = 8.0
    rel_peak_db: float = 8.0
    min_snr_db: float = 10.0
    max_quarter_spread_db: float = 6.0
    min_on_ms: float = 10.0
    max_gap_ms: float = 35.0


@njit(cache=True, nogil=True)
def _goertzel_power(xw: np.ndarray, coef: float) -> float:
    """|X(f)|^2 of the windowed block by the Goertzel recursion (coef = 2 cos 2 pi f / fs)."""
    s1 = 0.0
    s2 = 0.0
    for n in range(xw.shape[0]):
        s0 = xw[n] + coef * s1 - s2
        s2 = s1
        s1 = s0
    return s1 * s1 + s2 * s2 - coef * s1 * s2


@njit(cache=True, nogil=True)
def _goertzel_bank(
    xw: np.ndarray, coefs: np.ndarray, s1: np.ndarray, s2: np.ndarray, out: np.ndarray
) -> None:
    """``_goertzel_power`` for several frequencies in one pass over the block: the recursions
    are independent, so running them side by side hides their latency (same arithmetic, same
    results as one filter at a time)."""
    m = coefs.shape[0]
    for k in range(m):
        s1[k] = 0.0
        s2[k] = 0.0
    for n in range(xw.shape[0]):
        v = xw[n]
        for k in range(m):
            s0 = v + coefs[k] * s1[k] - s2[k]
            s2[k] = s1[k]
            s1[k] = s0
    for k in range(m):
        out[k] = s1[k] * s1[k] + s2[k] * s2[k] - coefs[k] * s1[k] * s2[k]


@njit(cache=True, nogil=True)
def _dtmf_windows(
    x: np.ndarray,
    hann: np.ndarray,
    coefs: np.ndarray,
    probes: np.ndarray,
    hop: int,
    lim: np.ndarray,
    codes: np.ndarray,
    cands: np.ndarray,
    levels: np.ndarray,
    powers: np.ndarray,
) -> None:
    """Classify each window: ``codes[i]`` = digit code 0..15 or -1; ``cands[i]`` the dominant
    pair when it holds at least half the window's power (else -1), accepted or not;
    ``levels[i]`` the weaker tone's power relative to a full-scale sine (dB); ``powers[i]``
    the 8 tone powers.

    coefs: 8 Goertzel coefficients (4 low, 4 high); probes: [8, 4] coefficients at -5 %, -2 %,
    +2 %, +5 % of each.
    lim: [min tone power, max high/low, max low/high, rel-peak ratio, min tone share of the
    window power, max quarter energy ratio] as linear ratios.
    """
    nwin = hann.shape[0]
    xw = np.empty(nwin)
    wsum = 0.0
    w2sum = 0.0
    for n in range(nwin):
        wsum += hann[n]
        w2sum += hann[n] * hann[n]
    norm = 2.0 / (wsum * wsum)  # |X|^2 -> tone power (A^2 / 2)
    q = nwin // 4
    s1 = np.empty(8)
    s2 = np.empty(8)
    bank = np.empty(8)
    pcoefs = np.empty(4)
    pbank = np.empty(4)
    for i in range(codes.shape[0]):
        base = i * hop
        total = 0.0
        for n in range(nwin):
            v = float(x[base + n])
            xw[n] = v * hann[n]
            total += xw[n] * xw[n]
        total /= w2sum  # mean power of the window, comparable with a tone power
        codes[i] = -1
        _goertzel_bank(xw, coefs, s1, s2, bank)
        for k in range(8):
            powers[i, k] = bank[k] * norm
        row = 0
        col = 4
        for k in range(1, 4):
            if powers[i, k] > powers[i, row]:
                row = k
            if powers[i, 4 + k] > powers[i, col]:
                col = 4 + k
        # A tone up to ±1.5 % off its nominal frequency loses up to 2.3 dB in the nominal
        # filter (Hann scalloping), so the tone's power is the best of the nominal filter and
        # filters at ±2 %; the ±5 % probes then decide the deviation (boundary at ±2.5 %).
        pr = powers[i, row]
        pc = powers[i, col]
        # the ±2 % filters can add at most 2.3 dB (x1.7): windows that fail the level or the
        # half-power test even so are rejected here, without the probe filters (most windows)
        weak0 = pr if pr < pc else pc
        if weak0 * 1.8 < lim[0] or (pr + pc) * 1.8 < 0.5 * total:
            levels[i] = 10.0 * np.log10(weak0 / (0.5 * 32768.0 * 32768.0) + 1e-30)
            continue
        dev_ok = True
        for k in (row, col):
            nominal = powers[i, k] / norm
            best = nominal
            for j in range(4):
                pcoefs[j] = probes[k, j]
            _goertzel_bank(xw, pcoefs, s1, s2, pbank)
            for j in range(4):
                pj = pbank[j]
                if (j == 0 or j == 3) and pj > nominal:
                    dev_ok = False
                if (j == 1 or j == 2) and pj > best:
                    best = pj
            if k == row:
                pr = best * norm
            else:
                pc = best * norm
        weaker = pr if pr < pc else pc
        levels[i] = 10.0 * np.log10(weaker / (0.5 * 32768.0 * 32768.0) + 1e-30)
        if weaker < lim[0] or pr + pc < 0.5 * total:
            continue
        qmin = 1e300
        qmax = 0.0
        for j in range(4):
            e = 0.0
            for n in range(j * q, (j + 1) * q):
                e += float(x[base + n]) * float(x[base + n])
            qmin = min(qmin, e)
            qmax = max(qmax, e)
        if qmax > qmin * lim[5]:
            continue  # straddles an edge or a pause
        # the pair is present throughout the window: a candidate, accepted or not
        cands[i] = row * 4 + (col - 4)
        if pc > pr * lim[1] or pr > pc * lim[2]:
            continue  # twist
        ok = dev_ok
        for k in range(4):
            if k != row and powers[i, k] * lim[3] > pr:
                ok = False
            if 4 + k != col and powers[i, 4 + k] * lim[3] > pc:
                ok = False
        if pr + pc < lim[4] * total:
            ok = False  # too much power outside the two tones
        if ok:
            codes[i] = row * 4 + (col - 4)


def _coef(f: float, rate: int) -> float:
    return 2.0 * float(np.cos(2.0 * np.pi * f / rate))


@functools.cache
def _filters(rate: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Hann window, the 8 Goertzel coefficients and the [8, 4] probe coefficients for a rate
    (computed once: a streaming caller scans a short buffer every frame)."""
    nwin = rate * WINDOW_MS // 1000
    freqs = LOW_HZ + HIGH_HZ
    coefs = np.array([_coef(f, rate) for f in freqs])
    probes = np.array([[_coef(f * (1 + d), rate) for d in (-PROBE, -NEAR, NEAR, PROBE)] for f in freqs])
    hann = np.hanning(nwin + 2)[1:-1]  # Hann without its zero end points
    for a in (hann, coefs, probes):
        a.flags.writeable = False
    return hann, coefs, probes


@functools.cache
def _limits(p: DtmfParams) -> npt.NDArray[np.float64]:
    """The acceptance limits as the linear ratios the kernel compares (see ``_dtmf_windows``)."""
    full_sine = 0.5 * 32768.0 * 32768.0
    lim = np.array(
        [
            full_sine * 10 ** (p.min_level_dbfs / 10),
            10 ** (p.max_twist_high_db / 10),
            10 ** (p.max_twist_low_db / 10),
            10 ** (p.rel_peak_db / 10),
            1.0 / (1.0 + 10 ** (-p.min_snr_db / 10)),
            10 ** (p.max_quarter_spread_db / 10),
        ]
    )
    lim.flags.writeable = False
    return lim


@dataclass(frozen=True, slots=True)
class DtmfWindows:
    """Per-window results of the Goertzel stage (see ``_dtmf_windows``)."""

    codes: npt.NDArray[np.int8]
    cands: npt.NDArray[np.int8]
    levels: npt.NDArray[np.float64]
    powers: npt.NDArray[np.float64]


def dtmf_windows(samples: npt.NDArray[np.int16], rate: int, params: DtmfParams | None = None) -> DtmfWindows:
    """Per-window digit codes (-1 none), dominant pairs, weaker-tone levels (dBFS), powers."""
    x = np.asarray(samples)
    if x.dtype != np.int16:
        raise DspError(f"DTMF samples must be int16, got {x.dtype}")
    if x.ndim != 1:
        raise DspError(f"DTMF samples must be mono (1-D), got shape {x.shape}")
    if rate not in (8000, 16000):
        raise DspError(f"DTMF rate must be 8000 or 16000 Hz, got {rate}")
    hann, coefs, probes = _filters(rate)
    lim = _limits(params or DtmfParams())
    nwin = len(hann)
    hop = rate * HOP_MS // 1000
    count = 0 if len(x) < nwin else (len(x) - nwin) // hop + 1
    codes = np.full(count, -1, np.int8)
    cands = np.full(count, -1, np.int8)
    levels = np.zeros(count)
    powers = np.zeros((count, 8))
    _dtmf_windows(np.ascontiguousarray(x), hann, coefs, probes, hop, lim, codes, cands, levels, powers)
    return DtmfWindows(codes, cands, levels, powers)


def windows_to_tones(w: DtmfWindows, params: DtmfParams | None = None) -> list[DtmfTone]:
    """Q.24 timing: minimum tone duration and minimum pause, from per-window codes.

    Once a digit is accepted, windows where the same pair still dominates but narrowly fails
    a test (twist or level wobbling at a limit) neither extend nor end it: only windows
    without the pair count towards the pause that ends a digit.
    """
    codes, cands, levels = w.codes, w.cands, w.levels
    p = params or DtmfParams()
    hop_s = HOP_MS / 1000.0
    win_s = WINDOW_MS / 1000.0
    min_on = max(1, round(p.min_on_ms / HOP_MS))
    max_gap = max(1, round(p.max_gap_ms / HOP_MS))
    tones: list[DtmfTone] = []
    cur = -1
    first = last = 0
    gap = 0
    acc: list[float] = []

    def close() -> None:
        if cur >= 0 and len(acc) >= min_on:
            tones.append(
                DtmfTone(
                    DIGITS[cur], round(first * hop_s, 4), round(last * hop_s + win_s, 4), float(np.mean(acc))
                )
            )

    for i, c in enumerate(codes.tolist()):
        if c >= 0 and c == cur:
            last = i
            gap = 0
            acc.append(float(levels[i]))
        elif c >= 0:
            close()
            cur, first, last, gap, acc = c, i, i, 0, [float(levels[i])]
        elif cur >= 0 and cands[i] == cur:
            continue
        elif cur >= 0:
            gap += 1
            if gap > max_gap:
                close()
                cur, acc = -1, []
    close()
    return tones


def detect_dtmf(
    samples: npt.NDArray[np.int16], rate: int, params: DtmfParams | None = None
) -> list[DtmfTone]:
    """In-band DTMF digits in a buffer of int16 audio at 8 or 16 kHz."""
    return windows_to_tones(dtmf_windows(samples, rate, params), params)


def dtmf_tone(
    digit: str,
    ms: float,
    rate: int = 8000,
    dbfs: float = -10.0,
    twist_db: float = 0.0,
    deviation: float = 0.0,
) -> npt.NDArray[np.float64]:
    """A DTMF tone pair as float samples (for tests and fixtures): each tone at ``dbfs``
    (high tone raised by ``twist_db``), both frequencies scaled by ``1 + deviation``."""
    if digit not in DIGITS:
        raise DspError("DTMF digit must be one of 0-9 * # A-D")
    code = DIGITS.index(digit)
    t = np.arange(int(rate * ms / 1000)) / rate
    amp = 32768.0 * 10 ** (dbfs / 20)
    lo = LOW_HZ[code // 4] * (1 + deviation)
    hi = HIGH_HZ[code % 4] * (1 + deviation)
    return amp * np.sin(2 * np.pi * lo * t) + amp * 10 ** (twist_db / 20) * np.sin(2 * np.pi * hi * t + 0.3)


__all__ = [
    "DtmfParams",
    "DtmfTone",
    "DtmfWindows",
    "detect_dtmf",
    "dtmf_tone",
    "dtmf_windows",
    "windows_to_tones",
]
