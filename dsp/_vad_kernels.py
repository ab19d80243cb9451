"""Numba kernels of the ccedge VAD (private; ``ccedge.dsp.vad`` validates and wraps them).

The detector works on 10 ms sub-frames at 8 kHz (16 kHz input is decimated by 2 with the
binomial low-pass [1, 3, 3, 1]/8 first, -9 dB at 4 kHz). Per sub-frame it computes the
autocorrelation r[0..P] of the pre-emphasised signal over the last 20 ms and derives from it,
at a few multiply-adds per sample:

* sub-band energies by the Blackman-Tukey estimate: the power in a band is a fixed linear
  combination of the (Bartlett lag-windowed) autocorrelation lags, so no FFT is needed;
* the order-2 LPC prediction gain r0 / E_2, a spectral-flatness measure: close to 0 dB for
  white line noise, higher for speech and higher still for pure tones (a full order-P
  Levinson-Durbin cost a fifth of the kernel's time and did not predict Silero better);
* the first normalised autocorrelation r1/r0 (spectral tilt).

A long-term noise floor per band follows the minima of the band levels (fast down, slow up;
faster up while the spectrum is stationary, which is how line noise, comfort noise and held
music tones are absorbed; never below about -70 dBFS). The band SNRs, level, flatness, tilt
and spectral flux (band-level change, smoothed over ~20 ms and, gated by the frame's SNR,
over ~0.5 s for the syllabic modulation that held music lacks) feed a linear score (a logit
fitted against Silero VAD, see ``ccedge.dsp.vad``). A hysteresis on the score, then a state
machine with minimum speech, hangover and pre-roll, give the labels. Labels are emitted with
a fixed delay of ``min_speech - 1 + preroll`` sub-frames so that the pre-roll can be written
back; the batch and the streaming paths run the same kernel over the same state, which is
why their decisions are identical.

All state lives in one float64 vector (layout below), so a stream can be copied or reset.
"""

from __future__ import annotations

import numpy as np
from numba import njit

P = 10  # autocorrelation lags (band resolution of the Blackman-Tukey estimate)
NB = 4  # sub-bands
RING = 256  # label ring (10 ms sub-frames); bounds min_speech + preroll
BANDS_HZ = ((200.0, 700.0), (700.0, 1400.0), (1400.0, 2400.0), (2400.0, 3800.0))
SUB = 80  # samples per 10 ms sub-frame at the internal 8 kHz rate
MIN_POWER = 10.0  # mean power (LSB^2) under which flatness and tilt are not computed
# The noise floors never drop below 20 dB re 1 LSB^2 (about -70 dBFS): after digital silence
# (muting, lost packets filled with zeros) returning line noise is not 30 dB of "SNR".
FLOOR_MIN_DB = 20.0

# --- features (columns of the optional feature matrix, also the weight order) ---
F_SNR_MEAN, F_SNR_MAX, F_SNR_TOT, F_PGAIN, F_FLUX, F_TILT, F_LEVEL = 0, 1, 2, 3, 4, 5, 6
F_SNR_B0 = 7  # then one per band
F_FLUX_LONG = F_SNR_B0 + NB  # flux averaged over ~0.5 s (syllabic modulation), SNR-gated
NF = F_FLUX_LONG + 1

# --- state layout ---
S_DEC0 = 0  # 16 kHz decimator memory: x[2n-2], x[2n-1]
S_DEC1 = 1
S_HPX = 2  # last decimated sample (pre-emphasis memory)
S_HPY = 3  # spare
S_HIST = 4  # P previous filtered samples, oldest first
S_RPREV = S_HIST + P  # P+1 lags of the previous sub-frame's partial autocorrelation
S_NOISE = S_RPREV + P + 1  # NB band noise floors (dB), then the total
S_LPREV = S_NOISE + NB + 1  # NB previous band levels (dB)
S_FLUX = S_LPREV + NB
S_FLUXL = S_FLUX + 1  # long-term flux average
S_RAW = S_FLUXL + 1  # hysteresis flag
S_RUN = S_RAW + 1  # consecutive raw-speech sub-frames
S_SIL = S_RUN + 1  # consecutive raw-silence sub-frames
S_INSP = S_SIL + 1  # smoothed state
S_NIN = S_INSP + 1  # sub-frames processed
S_NEMIT = S_NIN + 1  # sub-frames emitted
S_SUBN = S_NEMIT + 1  # aggregation of sub-frames into output frames
S_SUBSUM = S_SUBN + 1
S_RING = S_SUBSUM + 1
STATE_SIZE = S_RING + RING

# --- parameter layout ---
Q_W = 0  # NF weights
Q_BIAS = NF
Q_ON = Q_BIAS + 1  # score threshold to enter raw speech
Q_OFF = Q_ON + 1  # score threshold to stay in raw speech
Q_MINSP = Q_OFF + 1  # sub-frames of raw speech before an onset is accepted
Q_HANG = Q_MINSP + 1  # sub-frames of hangover after raw speech stops
Q_PRE = Q_HANG + 1  # sub-frames of pre-roll written back before an accepted onset
Q_UP_SLOW = Q_PRE + 1  # noise-floor rise, dB per sub-frame, while the spectrum moves
Q_UP_FAST = Q_UP_SLOW + 1  # ... while it is stationary
Q_DOWN = Q_UP_FAST + 1  # fraction of the gap closed per sub-frame when the level falls below the floor
Q_STAT = Q_DOWN + 1  # spectral flux (dB) below which a sub-frame counts as stationary
Q_NSUB = Q_STAT + 1  # sub-frames per output frame (1, 2, 3)
Q_DC = Q_NSUB + 1  # pre-emphasis coefficient
Q_RATE = Q_DC + 1  # input rate, 8000 or 16000
PARAM_SIZE = Q_RATE + 1


def band_matrix() -> np.ndarray:
    """Blackman-Tukey band-power weights C[b, k] so that band power = sum_k C[b, k] r[k].

    S(w) = r0 + 2 sum_k v_k r_k cos(k w) with the Bartlett lag window v_k = 1 - k/(P+1);
    integrating over [w1, w2] and dividing by pi gives the band's share of r0.
    """
    c = np.zeros((NB, P + 1))
    for b, (f1, f2) in enumerate(BANDS_HZ):
        w1 = 2.0 * np.pi * f1 / 8000.0
        w2 = 2.0 * np.pi * f2 / 8000.0
        c[b, 0] = (w2 - w1) / np.pi
        for k in range(1, P + 1):
            v = 1.0 - k / (P + 1.0)
            c[b, k] = 2.0 * v * (np.sin(k * w2) - np.sin(k * w1)) / (k * np.pi)
    return c


_C = band_matrix()


def pack(params: np.ndarray) -> np.ndarray:
    """params + a fresh state + 2 output slots, for ``_vad_frame``."""
    return np.concatenate([params, new_state(), np.zeros(2)])


def new_state() -> np.ndarray:
    s = np.zeros(STATE_SIZE)
    s[S_NOISE : S_NOISE + NB + 1] = np.nan  # first sub-frame seeds the floors
    return s


_NOFEATS = np.zeros((0, NF))


@njit(cache=True, nogil=True)
def _pred_gain2(r0: float, r1: float, r2: float) -> float:
    """Order-2 LPC prediction gain r0 / E_2 in dB (Levinson-Durbin in closed form).

    A spectral-flatness measure: about 0 dB for white noise, more for coloured sounds.
    """
    r0 = r0 * (1.0 + 1e-6) + 1e-3  # white-noise correction keeps |k| < 1
    k1 = r1 / r0
    e1 = r0 * (1.0 - k1 * k1)
    k2 = (r2 - k1 * r1) / e1
    g = (1.0 - k1 * k1) * (1.0 - k2 * k2)
    if g < 1e-4:
        g = 1e-4
    return -10.0 * np.log10(g)


@njit(cache=True, nogil=True)
def _vad_run(state: np.ndarray, params: np.ndarray, x: np.ndarray, out: np.ndarray) -> int:
    """Process every whole 10 ms sub-frame of ``x``; write the labels that became final to
    ``out`` (one per output frame) and return how many."""
    return _core(state, params, x, out, np.zeros((0, NF)), False)


@njit(cache=True, nogil=True)
def _vad_frame(packed: np.ndarray, x: np.ndarray) -> int:
    """One frame in; the label that became final (0 or 1), or -1 while labels are held back.

    ``packed`` is params, state and two output slots in one vector (see ``pack``): one
    argument fewer to unbox, which matters when a call carries only 10 ms of audio.
    """
    params = packed[:PARAM_SIZE]
    state = packed[PARAM_SIZE : PARAM_SIZE + STATE_SIZE]
    out = packed[PARAM_SIZE + STATE_SIZE :]
    step = 2 if params[Q_RATE] == 16000.0 else 1
    if x.shape[0] != int(params[Q_NSUB]) * SUB * step:
        return -2  # not exactly one frame: the wrapper raises
    if _core(state, params, x, out, np.zeros((0, NF)), False) == 0:
        return -1
    return 1 if out[0] > 0.5 else 0


@njit(cache=True, nogil=True)
def _vad_flush(state: np.ndarray, params: np.ndarray, out: np.ndarray) -> int:
    """Emit the labels still held back; return how many."""
    return _core(state, params, np.zeros(0, np.int16), out, np.zeros((0, NF)), True)


@njit(cache=True, nogil=True)
def _vad_batch(params: np.ndarray, x: np.ndarray, out: np.ndarray, feats: np.ndarray) -> int:
    """A whole buffer from a fresh state, flushed (``feats``: one row per sub-frame, or none)."""
    state = np.zeros(STATE_SIZE)
    for b in range(NB + 1):
        state[S_NOISE + b] = np.nan
    return _core(state, params, x, out, feats, True)


@njit(cache=True, nogil=True, fastmath={"reassoc", "contract"})
def _autocorr(buf: np.ndarray, r: np.ndarray) -> None:
    """r[k] = sum_n y[n] y[n-k] over the sub-frame; reassociation lets LLVM vectorise the
    sums (the result differs from strict left-to-right order in the last bits only)."""
    for k in range(P + 1):
        acc = 0.0
        for n in range(SUB):
            acc += buf[P + n] * buf[P + n - k]
        r[k] = acc


@njit(cache=True, nogil=True)
def _core(
    state: np.ndarray, params: np.ndarray, x: np.ndarray, out: np.ndarray, feats: np.ndarray, flush: bool
) -> int:
    cmat = _C
    rate = int(params[Q_RATE])
    step = 2 if rate == 16000 else 1
    nsub_in = x.shape[0] // (SUB * step)
    # one scratch allocation, cut into views (allocations dominate a one-frame call)
    scratch = np.empty(P + SUB + 2 * (P + 1) + NB + 2 * SUB + 2 + SUB + 1)
    buf = scratch[: P + SUB]
    r = scratch[P + SUB : P + SUB + P + 1]
    rw = scratch[P + SUB + P + 1 : P + SUB + 2 * (P + 1)]
    o = P + SUB + 2 * (P + 1)
    lev = scratch[o : o + NB]
    xs = scratch[o + NB : o + NB + 2 * SUB + 2]
    dec = scratch[o + NB + 2 * SUB + 2 :]
    nsub = int(params[Q_NSUB])
    minsp = int(params[Q_MINSP])
    hang = int(params[Q_HANG])
    pre = int(params[Q_PRE])
    delay = minsp - 1 + pre
    pre_a = params[Q_DC]
    nout = 0
    want_feats = feats.shape[0] > 0
    for i in range(nsub_in):
        # 1. decimate to 8 kHz, pre-emphasise, keep P samples of history for the lags.
        # Pre-emphasis 1 - a z^-1 (a = 0.95) removes DC (-26 dB) and mains hum (-23 dB at
        # 60 Hz) without a recursive filter, so the loop has no serial dependency.
        for k in range(P):
            buf[k] = state[S_HIST + k]
        base = i * SUB * step
        dec[0] = state[S_HPX]
        if step == 2:
            xs[0] = state[S_DEC0]
            xs[1] = state[S_DEC1]
            for n in range(2 * SUB):
                xs[n + 2] = x[base + n]
            for n in range(SUB):
                dec[n + 1] = (xs[2 * n] + 3.0 * xs[2 * n + 1] + 3.0 * xs[2 * n + 2] + xs[2 * n + 3]) * 0.125
            state[S_DEC0] = xs[2 * SUB]
            state[S_DEC1] = xs[2 * SUB + 1]
        else:
            for n in range(SUB):
                dec[n + 1] = x[base + n]
        for n in range(SUB):
            buf[P + n] = dec[n + 1] - pre_a * dec[n]
        state[S_HPX] = dec[SUB]
        for k in range(P):
            state[S_HIST + k] = buf[SUB + k]
        # 2. partial autocorrelation of this sub-frame (lags reach into the history)
        _autocorr(buf, r)
        for k in range(P + 1):
            rw[k] = r[k] + state[S_RPREV + k]
            state[S_RPREV + k] = r[k]
        # 3. band levels, flatness, tilt, flux
        e = rw[0] / (2.0 * SUB)
        level = 10.0 * np.log10(e + 1.0)
        flux = 0.0
        first = np.isnan(state[S_NOISE])
        for b in range(NB):
            acc = 0.0
            for k in range(P + 1):
                acc += cmat[b, k] * rw[k]
            eb = acc / (2.0 * SUB)
            if eb < 0.0:
                eb = 0.0
            lev[b] = 10.0 * np.log10(eb + 1.0)
            if not first:
                flux += abs(lev[b] - state[S_LPREV + b])
            state[S_LPREV + b] = lev[b]
        flux /= NB
        fl = 0.5 * state[S_FLUX] + 0.5 * flux
        state[S_FLUX] = fl
        # speech changes its spectrum at the syllable rate all the time; held music notes
        # only at note changes, so their flux averaged over ~0.5 s stays lower
        fll = 0.98 * state[S_FLUXL] + 0.02 * flux
        state[S_FLUXL] = fll
        if fll > 20.0:
            fll = 20.0
        # flatness and tilt mean nothing for near-digital silence (below about -80 dBFS)
        loud = e > MIN_POWER
        pgain = _pred_gain2(rw[0], rw[1], rw[2]) if loud else 0.0
        tilt = rw[1] / rw[0] if loud else 0.0
        # 4. noise floors: follow minima fast, rise slowly (faster when stationary)
        up = params[Q_UP_FAST] if fl < params[Q_STAT] else params[Q_UP_SLOW]
        down = params[Q_DOWN]
        snr_sum = 0.0
        snr_max = 0.0
        score = params[Q_BIAS]
        for b in range(NB + 1):
            lv = lev[b] if b < NB else level
            nf = state[S_NOISE + b]
            if first:
                nf = lv
            elif lv < nf:
                nf += down * (lv - nf)
            else:
                nf += up
                if nf > lv:
                    nf = lv
            if nf < FLOOR_MIN_DB:
                nf = FLOOR_MIN_DB
            state[S_NOISE + b] = nf
            snr = lv - nf  # clipped to [0, 40]: below the floor is simply "no signal"
            if snr > 40.0:
                snr = 40.0
            elif snr < 0.0:
                snr = 0.0
            if b < NB:
                snr_sum += snr
                if snr > snr_max:
                    snr_max = snr
                score += params[Q_W + F_SNR_B0 + b] * snr
                if want_feats:
                    feats[i, F_SNR_B0 + b] = snr
            else:
                score += params[Q_W + F_SNR_TOT] * snr
                if want_feats:
                    feats[i, F_SNR_TOT] = snr
        snr_mean = snr_sum / NB
        if pgain > 40.0:
            pgain = 40.0
        if fl > 20.0:
            fl = 20.0
        # the long-term flux only counts while the frame itself stands out of the noise:
        # without the gate it would hold the decision for half a second after speech ends
        gate = snr_max / 10.0 if snr_max < 10.0 else 1.0
        fll_g = fll * gate
        score += (
            params[Q_W + F_SNR_MEAN] * snr_mean
            + params[Q_W + F_SNR_MAX] * snr_max
            + params[Q_W + F_PGAIN] * pgain
            + params[Q_W + F_FLUX] * fl
            + params[Q_W + F_FLUX_LONG] * fll_g
            + params[Q_W + F_TILT] * tilt
            + params[Q_W + F_LEVEL] * level
        )
        if want_feats:
            feats[i, F_SNR_MEAN] = snr_mean
            feats[i, F_SNR_MAX] = snr_max
            feats[i, F_PGAIN] = pgain
            feats[i, F_FLUX] = fl
            feats[i, F_FLUX_LONG] = fll_g
            feats[i, F_TILT] = tilt
            feats[i, F_LEVEL] = level
        # 5. hysteresis, then minimum speech / hangover / pre-roll
        raw = score > (params[Q_OFF] if state[S_RAW] > 0.5 else params[Q_ON])
        state[S_RAW] = 1.0 if raw else 0.0
        j = int(state[S_NIN])
        if raw:
            state[S_RUN] += 1.0
            state[S_SIL] = 0.0
        else:
            state[S_RUN] = 0.0
            state[S_SIL] += 1.0
        insp = state[S_INSP] > 0.5
        if insp:
            if not raw and state[S_SIL] > hang:
                insp = False
        elif state[S_RUN] >= minsp:
            insp = True
            first_j = j - int(state[S_RUN]) + 1 - pre
            lo = int(state[S_NEMIT])
            if first_j < lo:
                first_j = lo
            for jj in range(first_j, j):
                state[S_RING + jj % RING] = 1.0
        state[S_INSP] = 1.0 if insp else 0.0
        state[S_RING + j % RING] = 1.0 if insp else 0.0
        state[S_NIN] = j + 1
        # 6. emit the sub-frame that can no longer change
        if j - delay >= 0:
            nout = _emit(state, j - delay, nsub, out, nout)
    if flush:
        for jj in range(int(state[S_NEMIT]), int(state[S_NIN])):
            nout = _emit(state, jj, nsub, out, nout)
    return nout


@njit(cache=True, nogil=True, inline="always")
def _emit(state: np.ndarray, jj: int, nsub: int, out: np.ndarray, nout: int) -> int:
    state[S_SUBSUM] += state[S_RING + jj % RING]
    state[S_SUBN] += 1.0
    state[S_NEMIT] = jj + 1
    if int(state[S_SUBN]) == nsub:
        # a 20/30 ms frame is speech when at least half of its 10 ms sub-frames are
        out[nout] = 2.0 * state[S_SUBSUM] >= nsub
        state[S_SUBN] = 0.0
        state[S_SUBSUM] = 0.0
        return nout + 1
    return nout
