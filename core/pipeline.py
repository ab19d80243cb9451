"""The whole path over capture files: tap → VAD → transcription → redaction → masked audio.

This is the single-process mode (``ccedge demo``, ``ccedge redact CAPTURE``): the same stages
the appliance runs live, driven call by call over a finished capture. Audio passes through
the redaction hold-back buffer exactly as it does live; because a file is analysed to the
end before anything is released, the buffer's horizon is stretched to the call's length
(live, the horizon is bounded and lag fails closed — see ``ccedge.core.redact.holdback``).
Nothing here writes to disk; callers decide what to store.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import numpy.typing as npt

from ccedge.core.dtmf_merge import merge_dtmf, tones_to_events
from ccedge.core.errors import CoreError
from ccedge.core.frames import DtmfEvent, RedactionSpan, Transcript, Utterance
from ccedge.core.redact.callaudio import heard, redact_call_audio, safe_name
from ccedge.core.redact.policy import RedactPolicy
from ccedge.core.redact.receipt import Receipt, build_receipt
from ccedge.core.segment import SegmentConfig, Segmenter
from ccedge.core.tap import CallRecord, TapReport, tap_capture
from ccedge.dsp.dtmf import detect_dtmf
from ccedge.dsp.talkstats import TalkStats, talk_stats

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass(slots=True)
class CallAnalysis:
    """What every stage made of one call. Transcripts are redacted; audio is masked."""

    call: CallRecord
    utterances: int = 0
    transcripts: list[Transcript] = field(default_factory=list)
    failed_utterances: int = 0
    dtmf: list[DtmfEvent] = field(default_factory=list)  # merged RFC 2833, SIP INFO, in-band
    spans: list[RedactionSpan] = field(default_factory=list)
    receipt: Receipt | None = None
    talk: TalkStats | None = None
    segments: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    audio: dict[str, tuple[int, npt.NDArray[np.int16]]] = field(default_factory=dict)  # masked, per leg
    lagged_s: float = 0.0  # audio that left the hold-back buffer uncleared (masked or sealed)
    speech: list[Utterance] = field(default_factory=list, repr=False)  # the VAD's cuts, for coverage

    def to_json(self) -> dict[str, Any]:
        """A summary safe to print or send: no digit values, only redacted text."""
        return {
            "call_id": self.call.call_id,
            "state": self.call.state,
            "end_reason": self.call.end_reason,
            "legs": [leg.to_json() for leg in self.call.legs],
            "utterances": self.utterances,
            "failed_utterances": self.failed_utterances,
            "dtmf_events": [
                {"leg": d.leg, "start_s": round(d.t0, 3), "end_s": round(d.t1, 3), "source": d.source}
                for d in self.dtmf
            ],
            "transcript": [
                {"leg": t.leg, "start_s": round(t.t0, 3), "end_s": round(t.t1, 3), "text": t.text}
                for t in self.transcripts
            ],
            "redactions": self.receipt.to_json() if self.receipt is not None else None,
            "talk": _talk_json(self.talk) if self.talk is not None else None,
        }


def _talk_json(t: TalkStats) -> dict[str, Any]:
    return {
        "duration_s": round(t.duration_s, 3),
        "talk_s": {k: round(v, 3) for k, v in t.talk_s.items()},
        "talk_ratio": {k: round(v, 3) for k, v in t.talk_ratio.items()},
        "overtalk_s": round(t.overtalk_s, 3),
        "silence_runs": [[round(a, 3), round(b, 3)] for a, b in t.silence_runs],
    }


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    transcribe: bool = True
    redact: bool = True
    workers: int = 1
    threads_per_worker: int = 0  # 0: all cores of the box divided by the workers
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    policy: RedactPolicy = field(default_factory=RedactPolicy)
    model: Path | None = None  # default: the built model in the data directory


Segments = dict[str, list[tuple[float, float]]]


def _segment(call: CallRecord, segmenter: Segmenter) -> tuple[list[Utterance], Segments]:
    utterances: list[Utterance] = []
    for frame in call.audio_frames():
        utterances.extend(segmenter.process_sync(frame))
    for leg in call.legs:
        utterances.extend(segmenter.end_leg(call.call_id, leg.name))
    segments: Segments = {leg.name: [] for leg in call.legs}
    for u in utterances:
        segments.setdefault(u.leg, []).append((u.t0, u.t1))
    return utterances, segments


def _inband(call: CallRecord) -> list[DtmfEvent]:
    events: list[DtmfEvent] = []
    for leg in call.legs:
        rate, samples = leg.audio()
        if len(samples):
            events.extend(tones_to_events(detect_dtmf(samples, rate), call.call_id, leg.name))
    return events


def _transcribe(
    utterances: list[Utterance], opts: PipelineOptions
) -> tuple[list[Transcript], dict[str, int]]:
    # Imported here: the speech engine pulls in whisper.cpp, which tap-only runs never need.
    from ccedge.core.speech import TranscribeOptions, find_model
    from ccedge.core.speech.workers import WorkerPool

    if not utterances:
        return [], {}
    model = opts.model or find_model()
    threads = opts.threads_per_worker or max(1, (os.cpu_count() or 1) // opts.workers)
    transcripts: list[Transcript] = []
    failed: dict[str, int] = {}
    with WorkerPool(model, workers=opts.workers, options=TranscribeOptions(n_threads=threads)) as pool:
        for outcome in pool.transcribe(utterances):
            if outcome.transcript is None:
                failed[outcome.utterance.call_id] = failed.get(outcome.utterance.call_id, 0) + 1
                log.warning("utterance on call leg %s failed: %s", outcome.utterance.leg, outcome.error)
            elif outcome.transcript.text:
                transcripts.append(outcome.transcript)
    return transcripts, failed


def analyse_report(
    report: TapReport, opts: PipelineOptions | None = None, progress: Progress | None = None
) -> list[CallAnalysis]:
    """Run the stages after the tap over every call of ``report``."""
    opts = opts or PipelineOptions()
    say = progress or (lambda _msg: None)
    segmenter = Segmenter(opts.segment)
    results: list[CallAnalysis] = []
    all_utterances: list[Utterance] = []
    for call in report.calls:
        if not call.legs:
            results.append(CallAnalysis(call))
            continue
        utterances, segments = _segment(call, segmenter)
        dtmf = merge_dtmf(call.dtmf, _inband(call))
        duration = max(len(leg.pcm()) / leg.pcm_rate() for leg in call.legs)
        result = CallAnalysis(call, utterances=len(utterances), dtmf=dtmf, segments=segments,
                              talk=talk_stats(segments, duration), speech=utterances)
        results.append(result)
        all_utterances.extend(utterances)
    say(f"vad: {len(all_utterances)} utterances on {sum(len(r.call.legs) for r in results)} legs")
    transcripts: list[Transcript] = []
    failed: dict[str, int] = {}
    if opts.transcribe:
        # All calls' utterances share one worker pool so the workers stay busy across calls.
        transcripts, failed = _transcribe(all_utterances, opts)
        say(f"speech: {len(transcripts)} transcripts, {sum(failed.values())} failed")
    by_call: dict[str, list[Transcript]] = {}
    for t in transcripts:
        by_call.setdefault(t.call_id, []).append(t)
    for result in results:
        call = result.call
        mine = sorted(by_call.get(call.call_id, []), key=lambda t: (t.t0, t.leg))
        result.failed_utterances = failed.get(call.call_id, 0)
        if not call.legs:
            continue
        legs = {leg.name: leg.audio() for leg in call.legs}
        if not opts.redact:
            result.transcripts, result.audio = mine, legs
            continue
        # Speech the recogniser returned nothing for (dropped as repetitive, failed, or below
        # its thresholds) still reaches redaction, which masks it where data was asked for.
        unheard = [(u.leg, u.t0, u.t1) for u in result.speech if opts.transcribe and not heard(u, mine)]
        audio, redacted, redactor, stats = redact_call_audio(
            call.call_id, legs, mine, result.dtmf, opts.policy, unheard)
        text = redactor.call(call.call_id)
        red = redactor.end_call(call.call_id)
        flags = ["transcription-failures"] if result.failed_utterances else []
        if stats["lagged_s"] > 0:
            flags.append("audio-lagged")
        speech = [(u.leg, u.t0, u.t1) for u in result.speech]
        result.receipt = build_receipt(text, red, opts.policy, flags, speech)
        result.spans, result.transcripts, result.lagged_s = red.spans, redacted, stats["lagged_s"]
        result.audio = {leg: (legs[leg][0], pcm) for leg, pcm in audio.items()}
    say(f"redaction: {sum(len(r.spans) for r in results)} spans")
    return results


def analyse_capture(
    paths: Sequence[Path | str], opts: PipelineOptions | None = None, progress: Progress | None = None
) -> tuple[TapReport, list[CallAnalysis]]:
    report = tap_capture([Path(p) for p in paths])
    if progress is not None:
        progress(f"tap: {len(report.calls)} calls")
    return report, analyse_report(report, opts, progress)


def transcript_json(t: Transcript) -> dict[str, Any]:
    """The ``ccedge transcribe --json`` shape of one utterance."""
    return {
        "call_id": t.call_id,
        "leg": t.leg,
        "start_s": round(t.t0, 3),
        "end_s": round(t.t1, 3),
        "text": t.text,
        "words": [
            {"word": w.text, "start_s": round(w.t0, 3), "end_s": round(w.t1, 3), "p": round(w.p, 4)}
            for w in t.words
        ],
    }


def write_outputs(results: Sequence[CallAnalysis], folder: Path) -> None:
    """Store what analysis produced: ``<call>-<leg>.wav`` (masked), ``transcripts.jsonl``
    (redacted) and ``receipts.jsonl``. Only redacted material is ever written here."""
    from ccedge.core.audiofile import write_wav

    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "transcripts.jsonl").open("w") as tf, (folder / "receipts.jsonl").open("w") as rf:
        for r in results:
            for leg, (rate, pcm) in r.audio.items():
                write_wav(folder / f"{safe_name(r.call.call_id, leg)}.wav", rate, pcm)
            for t in r.transcripts:
                tf.write(json.dumps(transcript_json(t), ensure_ascii=False) + "\n")
            if r.receipt is not None:
                rf.write(json.dumps(r.receipt.to_json()) + "\n")


def redact_capture(
    capture: Path, folder: Path, opts: PipelineOptions | None = None, as_json: bool = False,
    receipt: Path | None = None, out: TextIO | None = None,
) -> list[CallAnalysis]:
    """``ccedge redact CAPTURE --wav-dir DIR``: the whole path, stored with :func:`write_outputs`;
    each redacted utterance is also written to ``out`` (JSON lines with ``as_json``)."""
    if not Path(capture).is_file():
        raise CoreError(f"no such capture: {Path(capture).name}")
    _report, results = analyse_capture([capture], opts)
    write_outputs(results, folder)
    out = out or sys.stdout
    for r in results:
        for t in r.transcripts:
            line = json.dumps(transcript_json(t), ensure_ascii=False) if as_json else f"{t.leg}: {t.text}"
            out.write(line + "\n")
    if receipt is not None:
        receipt.write_text("".join(json.dumps(r.receipt.to_json()) + "\n" for r in results if r.receipt))
    return results
