"""Scoring redaction end to end on the spoken set: text, stored audio, re-transcribed audio.

``transcribe`` runs the shipped path up to redaction (tap, VAD, whisper) once per capture and
caches what redaction needs (legs' audio, transcripts, DTMF, unheard speech). ``redact``
then runs the redaction stage exactly as the pipeline does (``redact_call_audio``: streaming
redactor, hold-back buffer) under any policy, cheaply, so that variants can be compared.
``score`` measures, per value of the ground truth:

* text: the redacted transcripts over the value's span on its leg hold no more of it than
  allowed (card, SSN, member ID: no run of 5+ of its digits but the last four; CVV and expiry:
  no 2 of its digits in a row; date of birth: no element, month names included); the whole
  call's leg text, joined, holds no 7-digit run of a card number;
* audio: the energy left in the value's span of the stored (masked) audio against the
  original (masked when <= ``AUDIO_LEFT``), and the masked audio transcribed again, searched
  with the text rules;
* over-masking: the share of non-sensitive speech time masked (outside payment segments,
  which the policy masks whole on purpose, and inside them, reported apart);
* Luhn-valid 13-19 digit runs in every output; redaction time per utterance.
"""

from __future__ import annotations

import pickle
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import DtmfEvent, Transcript
from ccedge.core.redact.artefacts import digit_runs, luhn_pans
from ccedge.core.redact.callaudio import redact_call_audio
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.policy import RedactPolicy
from ccedge.core.redact.redactor import Redactor
from ccedge.core.redact.textin import normalise
from ccedge.testing.spokenset import SENSITIVE, SpokenSet

AUDIO_LEFT = 0.05
MONTH_RX = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b"
)
PAD_S = 0.3


@dataclass(slots=True)
class CallInput:
    call_id: str
    legs: dict[str, tuple[int, npt.NDArray[np.int16]]]
    transcripts: list[Transcript]
    dtmf: list[DtmfEvent]
    unheard: list[tuple[str, float, float]]


def transcribe(
    cap: Path,
    cache: Path,
    model: Path | None = None,
    tag: str = "shipped",
    chunk: int = 2,
    budget_s: float = float("inf"),
    max_calls: int | None = None,
    segment: Any = None,
) -> list[CallInput]:
    """Tap, VAD and whisper over the capture, ``chunk`` calls at a time, each chunk cached
    beside the capture per model ``tag``; stops starting chunks after ``budget_s`` seconds.

    The same stages the runtime chains (``tap_capture``, ``Segmenter``, the whisper.cpp
    engine), run in batch so that redaction variants can be compared on one transcription;
    ``segment`` (a ``SegmentConfig``) cuts the legs other than the stage's defaults.
    """
    from ccedge.core.redact.callaudio import heard
    from ccedge.core.tap import tap_capture

    start = time.monotonic()
    calls_all: list[Any] | None = None
    inputs: list[CallInput] = []
    n = max_calls or 1 << 30
    k = 0
    while len(inputs) < n:
        path = cache / f"{cap.stem}.{tag}.c{chunk}.{k:03d}.pkl"
        if path.is_file():
            with path.open("rb") as f:
                part: list[CallInput] = pickle.load(f)
        else:
            if time.monotonic() - start > budget_s:
                break
            if calls_all is None:
                calls_all = sorted((c for c in tap_capture([cap]).calls if c.legs), key=lambda c: c.call_id)
            calls = calls_all[k * chunk : (k + 1) * chunk]
            if not calls:
                break
            part = []
            for call in calls:
                legs = {leg.name: leg.audio() for leg in call.legs}
                utts = _utterances(call.call_id, legs, segment)
                trs = _whisper(utts, model)
                unheard = [(u.leg, u.t0, u.t1) for u in utts if not heard(u, trs)]
                part.append(CallInput(call.call_id, legs, trs, [], unheard))
            tmp = path.with_suffix(".part")
            with tmp.open("wb") as f:
                pickle.dump(part, f)
            tmp.rename(path)
        if not part:
            break
        inputs += part
        k += 1
    return inputs[:n]


def _utterances(call_id: str, legs: dict[str, tuple[int, npt.NDArray[np.int16]]], segment: Any = None
                ) -> list[Any]:
    from ccedge.core.frames import AudioFrame
    from ccedge.core.segment import Segmenter

    seg = Segmenter(segment)
    utts: list[Any] = []
    for leg, (rate, pcm) in legs.items():
        step = int(0.2 * rate)
        for i in range(0, len(pcm), step):
            utts += seg.process_sync(AudioFrame(call_id, leg, i / rate, rate, pcm[i : i + step]))
        utts += seg.end_leg(call_id, leg)
    return utts


def _whisper(utts: list[Any], model: Path | None) -> list[Transcript]:
    from ccedge.core.speech import TranscribeOptions, WhisperCppEngine, find_model

    if not utts:
        return []
    with WhisperCppEngine(model or find_model(), TranscribeOptions(n_threads=2)) as eng:
        return sorted((t for t in eng.transcribe(utts) if t.text), key=lambda t: (t.t1, t.leg))


@dataclass(slots=True)
class CallOutput:
    call_id: str
    audio: dict[str, npt.NDArray[np.int16]]
    transcripts: list[Transcript]
    segments: list[tuple[float, float]]
    latency_ms: list[float]


def redact(inputs: list[CallInput], policy: RedactPolicy) -> list[CallOutput]:
    outs = []
    for c in inputs:
        audio, trs, red, _stats = redact_call_audio(
            c.call_id, c.legs, c.transcripts, c.dtmf, policy, c.unheard
        )
        res = red.redact(c.call_id)
        segs = [(s.t0, s.t1) for s in res.segments]
        # Streaming time per utterance, as the runtime calls it (each call re-checks its window).
        lat = []
        r2 = Redactor(policy)
        for tr in sorted(c.transcripts, key=lambda t: t.t1):
            a = time.perf_counter()
            r2.process(tr)
            lat.append((time.perf_counter() - a) * 1000)
        outs.append(CallOutput(c.call_id, audio, trs, segs, lat))
    return outs


def said(text: str) -> tuple[str, bool]:
    """Digits a text says (written or spoken, separated by spaces per number) and whether a month."""
    c = CallText("score")
    u = c.add_transcript(Transcript("score", "x", 0.0, 1.0, text))
    spoken = " ".join(p.digits for p in u.pieces if p.digits)
    written = " ".join(re.findall(r"\d+", normalise(text)))
    return spoken + " " + written, MONTH_RX.search(normalise(text).lower()) is not None


def leaks(kind: str, digits: str, text: str) -> tuple[bool, bool]:
    """(whole value present, any part beyond what is allowed present) in ``text``."""
    got, month = said(text)
    joined = got.replace(" ", "")
    whole = bool(digits) and digits in joined
    if kind in ("PAN", "SSN", "MEMBER"):
        n, allowed = 5, digits[-4:]
    elif kind == "DOB":
        n, allowed = 2, ""
    else:
        n, allowed = 2, ""
    part = any(
        digits[i : i + n] in got.split() or digits[i : i + n] in joined
        for i in range(len(digits) - n + 1)
        if not (allowed and allowed.endswith(digits[i : i + n]) and i + n == len(digits))
    )
    if kind == "DOB" and month:
        part = True
    return whole, part or whole


def _text_over(trs: list[Transcript], leg: str, t0: float, t1: float) -> str:
    return " ".join(t.text for t in trs if t.leg == leg and t.t1 > t0 - PAD_S and t.t0 < t1 + PAD_S)


def energy_left(
    orig: npt.NDArray[np.int16], masked: npt.NDArray[np.int16], rate: int, t0: float, t1: float
) -> float:
    a, b = int(t0 * rate), int(t1 * rate)
    o = orig[a:b].astype(np.float64)
    m = masked[a : a + len(o)].astype(np.float64)
    eo = float(np.sum(o * o))
    return float(np.sum(m * m)) / eo if eo > 0 else 0.0


def masked_share(
    orig: npt.NDArray[np.int16], masked: npt.NDArray[np.int16], rate: int, t0: float, t1: float
) -> float:
    a, b = int(t0 * rate), int(t1 * rate)
    o, m = orig[a:b], masked[a:b]
    loud = np.abs(o.astype(np.int32)) > 300
    if not loud.any():
        return 0.0
    return float(np.mean(m[loud] == 0))


def retranscribe(
    sset: SpokenSet, outs: list[CallOutput], rates: dict[str, int], model: Path | None = None
) -> list[Transcript]:
    """The stored (masked) audio of each value's span transcribed again, as an attacker would
    (whisper on the span with half a second either side; silence transcribes to nothing)."""
    from ccedge.core.frames import Utterance
    from ccedge.core.speech import TranscribeOptions, WhisperCppEngine, find_model

    by_call = {o.call_id: o for o in outs}
    utts = []
    for v in sset.values:
        o = by_call.get(v.call_id)
        if o is None:
            continue
        rate = rates[v.call_id]
        a, b = max(0.0, v.t0 - 0.5), v.t1 + 0.5
        pcm = o.audio[v.leg][int(a * rate) : int(b * rate)]
        if len(pcm) and np.any(pcm):
            utts.append(Utterance(v.call_id, v.leg, a, a + len(pcm) / rate, rate, pcm, 10))
    with WhisperCppEngine(model or find_model(), TranscribeOptions(n_threads=2)) as eng:
        return [t for t in eng.transcribe(utts) if t.text]


def _luhn_runs(texts: list[str]) -> int:
    return sum(len(luhn_pans(digit_runs(t))) for t in texts)


def score(
    sset: SpokenSet,
    inputs: list[CallInput],
    outs: list[CallOutput],
    again: list[Transcript] | None = None,
) -> dict[str, Any]:
    ins = {c.call_id: c for c in inputs}
    by_call = {o.call_id: o for o in outs}
    again_by: dict[str, list[Transcript]] = {}
    for t in again or []:
        again_by.setdefault(t.call_id, []).append(t)
    per: dict[str, dict[str, int]] = {}
    misses: list[dict[str, Any]] = []
    for v in sset.values:
        o, c = by_call.get(v.call_id), ins.get(v.call_id)
        k = per.setdefault(v.kind, dict.fromkeys(("n", "text_whole", "text_part", "audio", "again"), 0))
        k["n"] += 1
        if o is None or c is None:
            k["audio"] += 1
            k["text_whole"] += 1
            continue
        whole, part = leaks(v.kind, v.digits, _text_over(o.transcripts, v.leg, v.t0, v.t1))
        rate, orig = c.legs[v.leg]
        left = energy_left(orig, o.audio[v.leg], rate, v.t0, v.t1)
        k["text_whole"] += whole
        k["text_part"] += part
        k["audio"] += left > AUDIO_LEFT
        if again is not None:
            k["again"] += leaks(v.kind, v.digits, _text_over(again_by.get(v.call_id, []), v.leg, v.t0, v.t1))[
                1
            ]
        if part or left > AUDIO_LEFT:
            misses.append(
                {"call": v.call_id, "kind": v.kind, "text_leak": part, "energy_left": round(left, 3),
                 "voice": v.voice, "impaired": v.impaired}
            )  # fmt: skip
    # Card numbers joined over the whole leg's redacted text (split, misheard, read back).
    joined_pan = 0
    for v in sset.values:
        if v.kind != "PAN" or v.call_id not in by_call:
            continue
        full = [x.digits for x in sset.values if x.call_id == v.call_id and x.kind == "PAN"]
        digits = "".join(full)
        text = " ".join(t.text for t in by_call[v.call_id].transcripts if t.leg == v.leg)
        got = said(text)[0].replace(" ", "")
        joined_pan += any(digits[i : i + 7] in got for i in range(len(digits) - 6))
    over = _over_masking(sset, ins, by_call)
    texts = [t.text for o in outs for t in o.transcripts] + [t.text for t in again or []]
    lat = sorted(x for o in outs for x in o.latency_ms)
    return {
        "values": len(sset.values),
        "per_kind": {
            kind: {
                "n": d["n"],
                "text_recall": round(1 - d["text_part"] / d["n"], 4),
                "text_whole_leaks": d["text_whole"],
                "text_partial_leaks": d["text_part"],
                "audio_recall": round(1 - d["audio"] / d["n"], 4),
                "audio_leaks": d["audio"],
                "retranscribed_leaks": d["again"] if again is not None else None,
            }
            for kind, d in sorted(per.items(), key=lambda x: SENSITIVE.index(x[0]))
        },
        "pan_7_digit_runs_in_leg_text": joined_pan,
        "luhn_runs_in_outputs": _luhn_runs(texts),
        **over,
        "latency_ms": {
            "utterances": len(lat),
            "p50": round(statistics.median(lat), 2) if lat else None,
            "p95": round(lat[int(0.95 * (len(lat) - 1))], 2) if lat else None,
            "max": round(lat[-1], 2) if lat else None,
        },
        "misses": misses[:40],
    }


def _over_masking(sset: SpokenSet, ins: dict[str, CallInput], outs: dict[str, CallOutput]) -> dict[str, Any]:
    out_t = out_m = seg_t = seg_m = 0.0
    neg: dict[str, list[float]] = {}
    for t in sset.turns:
        if t["kind"] in SENSITIVE:
            continue
        o, c = outs.get(t["call_id"]), ins.get(t["call_id"])
        if o is None or c is None:
            continue
        rate, orig = c.legs[t["leg"]]
        share = masked_share(orig, o.audio[t["leg"]], rate, t["t0"], t["t1"])
        d = t["t1"] - t["t0"]
        if t["kind"]:
            neg.setdefault(t["kind"], []).append(share)
        if t["kind"] == "PHONE":
            continue  # masked by policy (HIPAA identifier D): neither sensitive target nor over-masking
        if any(a <= t["t0"] and t["t1"] <= b + 0.5 for a, b in o.segments):
            seg_t += d
            seg_m += share * d
        else:
            out_t += d
            out_m += share * d
    return {
        "over_masking": round(out_m / out_t, 4) if out_t else 0.0,
        "payment_segment_speech_masked": round(seg_m / seg_t, 4) if seg_t else 0.0,
        "negatives_masked": {k: round(sum(v) / len(v), 3) for k, v in sorted(neg.items())},
    }
