"""A whole capture through tap -> VAD -> transcription -> redaction, masked audio out per leg.

Single-process form of the appliance path (ARCHITECTURE.md, "Process model"): each call's
legs come from the tap on the call clock; the VAD stage cuts utterances; whisper.cpp
transcribes them; DTMF comes from the tap (RFC 2833, SIP INFO) and from in-band tone
detection on each leg. The redactor sees transcripts in the order they end, with the DTMF
keys pressed before; each leg's audio waits in the hold-back buffer and is released only
once redaction has cleared it, with every span masked. Written per call:
``<call>-<leg>.wav`` (masked), ``transcripts.jsonl`` (redacted), ``receipts.jsonl``.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import AudioFrame, DtmfEvent, Transcript, Utterance
from ccedge.core.redact.errors import RedactError
from ccedge.core.redact.holdback import HoldBack, Released
from ccedge.core.redact.policy import RedactPolicy
from ccedge.core.redact.receipt import build_receipt
from ccedge.core.redact.redactor import Redactor

log = logging.getLogger("ccedge.redact")
BLOCK_S = 0.2  # audio frames fed to the VAD and the hold-back buffer


def safe_name(call_id: str, leg: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", f"{call_id}-{leg}")[:150]


def _frames(call_id: str, leg: str, rate: int, pcm: npt.NDArray[np.int16]) -> list[AudioFrame]:
    n = int(BLOCK_S * rate)
    return [AudioFrame(call_id, leg, i / rate, rate, pcm[i : i + n]) for i in range(0, len(pcm), n)]


def redact_call_audio(
    call_id: str,
    legs: dict[str, tuple[int, npt.NDArray[np.int16]]],
    transcripts: Iterable[Transcript],
    dtmf: Iterable[DtmfEvent],
    policy: RedactPolicy,
    unheard: Iterable[tuple[str, float, float]] = (),
) -> tuple[dict[str, npt.NDArray[np.int16]], list[Transcript], Redactor, dict[str, Any]]:
    """Redact one call whose transcripts are known: masked audio per leg, redacted transcripts.

    Items reach the redactor in time order (a transcript when its utterance ends); audio is
    pushed into the hold-back buffer up to that time and released as far as redaction clears.
    """
    red = Redactor(policy)
    hb = HoldBack(policy)
    frames = {leg: _frames(call_id, leg, rate, pcm) for leg, (rate, pcm) in legs.items()}
    pos = dict.fromkeys(legs, 0)
    released: dict[str, list[Released]] = {leg: [] for leg in legs}
    items: list[tuple[float, int, Transcript | DtmfEvent | tuple[str, float, float]]]
    items = [(tr.t1, 1, tr) for tr in transcripts]
    items += [(ev.t1, 0, ev) for ev in dtmf]
    items += [(u[2], 2, u) for u in unheard]
    items.sort(key=lambda x: (x[0], x[1]))
    for t, _, item in items:
        for leg, fs in frames.items():
            while pos[leg] < len(fs) and fs[pos[leg]].t0 < t:
                released[leg] += hb.push(fs[pos[leg]])
                pos[leg] += 1
        if isinstance(item, tuple):
            red.add_unheard(call_id, *item)
            hb.add_spans(s for s in red.redact(call_id).spans if s.kind == "UNHEARD")
        else:
            _tr, spans = red.process(item)
            hb.add_spans(spans)
        for leg in legs:
            released[leg] += hb.clear(call_id, leg, red.safe_until(call_id, leg, t))
    for leg, fs in frames.items():
        for f in fs[pos[leg] :]:
            released[leg] += hb.push(f)
    # The call is over: the final pass over the whole call may add spans (nothing was
    # cleared past what the streaming passes allowed).
    final = red.redact(call_id)
    hb.add_spans(final.spans)
    for r in hb.finish(call_id, cleared=True):
        released[r.frame.leg].append(r)
    audio: dict[str, npt.NDArray[np.int16]] = {}
    stats = {"lagged_s": hb.lagged_s, "sealed_frames": 0}
    for leg, rs in released.items():
        rs.sort(key=lambda r: r.frame.t0)
        parts = []
        for r in rs:
            if r.status == "sealed":
                # No vault here: sealed audio is not written; the gap is silence.
                stats["sealed_frames"] += 1
                parts.append(np.zeros_like(r.frame.samples))
            else:
                parts.append(r.frame.samples)
        audio[leg] = np.concatenate(parts) if parts else np.zeros(0, np.int16)
    return audio, list(final.transcripts), red, stats


def redact_capture(
    capture: Path,
    wav_dir: Path,
    policy: RedactPolicy,
    model: Path | None = None,
    as_json: bool = False,
    receipt: Path | None = None,
    out: TextIO | None = None,
    threads: int = 2,
) -> int:
    from ccedge.core.audiofile import write_wav
    from ccedge.core.commands._legs import audio_legs, to_vad_rate
    from ccedge.core.dtmf_merge import merge_dtmf, tones_to_events
    from ccedge.core.segment import Segmenter
    from ccedge.core.speech import TranscribeOptions, WhisperCppEngine, find_model
    from ccedge.dsp.dtmf import detect_dtmf

    out = out or sys.stdout
    if not capture.is_file():
        raise RedactError(f"no such capture: {capture.name}")
    wav_dir.mkdir(parents=True, exist_ok=True)
    calls: dict[str, dict[str, tuple[int, npt.NDArray[np.int16]]]] = {}
    oob: dict[str, list[DtmfEvent]] = {}
    for leg in audio_legs(capture):
        x, rate = to_vad_rate(leg.samples, leg.rate)
        calls.setdefault(leg.call_id, {})[leg.leg] = (rate, x)
        oob[leg.call_id] = list(leg.dtmf)
    model_path = model.resolve() if model else find_model()
    receipts = []
    with (
        WhisperCppEngine(model_path, TranscribeOptions(n_threads=max(1, threads))) as engine,
        (wav_dir / "transcripts.jsonl").open("w") as tfile,
    ):
        for call_id, legs in calls.items():
            seg = Segmenter()
            utts: list[Utterance] = []
            inband: list[DtmfEvent] = []
            for leg, (rate, pcm) in legs.items():
                for f in _frames(call_id, leg, rate, pcm):
                    utts += seg.process_sync(f)
                utts += seg.end_leg(call_id, leg)
                inband += tones_to_events(detect_dtmf(pcm, rate), call_id, leg)
            dtmf = merge_dtmf(oob.get(call_id, []), inband)
            trs = [t for t in engine.transcribe(utts) if t.text]
            unheard = [(u.leg, u.t0, u.t1) for u in utts if not _heard(u, trs)]
            audio, red_trs, red, stats = redact_call_audio(call_id, legs, trs, dtmf, policy, unheard)
            for leg, pcm in audio.items():
                write_wav(wav_dir / f"{safe_name(call_id, leg)}.wav", legs[leg][0], pcm)
            for tr in red_trs:
                line = _transcript_json(tr)
                tfile.write(json.dumps(line, ensure_ascii=False) + "\n")
                out.write(
                    (json.dumps(line, ensure_ascii=False) if as_json else f"{tr.leg}: {tr.text}") + "\n"
                )
            ct = red.call(call_id)
            res = red.end_call(call_id)
            flags = ["audio-lagged"] if stats["lagged_s"] > 0 else []
            speech = [(u.leg, u.t0, u.t1) for u in utts]
            rec = build_receipt(ct, res, policy, flags, speech)
            rec.models = sorted({t.model for t in trs if t.model}) or [model_path.name]
            receipts.append(rec.to_json())
            log.info("call redacted: %d spans, %d legs", len(res.spans), len(audio))
    with (wav_dir / "receipts.jsonl").open("w") as f:
        for r in receipts:
            f.write(json.dumps(r) + "\n")
    if receipt is not None:
        receipt.write_text("".join(json.dumps(r) + "\n" for r in receipts))
    return 0


def _heard(u: Utterance, trs: list[Transcript]) -> bool:
    """Whether some transcript covers at least half of the utterance."""
    d = max(u.t1 - u.t0, 1e-6)
    got = sum(max(0.0, min(u.t1, t.t1) - max(u.t0, t.t0)) for t in trs if t.leg == u.leg)
    return got / d >= 0.5


def _transcript_json(tr: Transcript) -> dict[str, Any]:
    return {
        "call_id": tr.call_id,
        "leg": tr.leg,
        "start_s": round(tr.t0, 3),
        "end_s": round(tr.t1, 3),
        "text": tr.text,
        "words": [
            {"word": w.text, "start_s": round(w.t0, 3), "end_s": round(w.t1, 3), "p": round(w.p, 4)}
            for w in tr.words
        ],
    }
