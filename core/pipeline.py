"""The whole path over capture files: tap → VAD → transcription → redaction → masked audio.

This is the single-process mode (``ccedge demo``, ``ccedge redact CAPTURE``): the same stages
the appliance runs live, driven call by call over a finished capture. Audio passes through
the redaction hold-back buffer exactly as it does live; because a file is analysed to the
end before anything is released, the buffer's horizon is stretched to the call's length
(live, the horizon is bounded and lag fails closed — see ``ccedge.core.redact.holdback``).
Nothing here writes to disk; callers decide what to store.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.dtmf_merge import merge_dtmf, tones_to_events
from ccedge.core.frames import AudioFrame, DtmfEvent, RedactionSpan, Transcript, Utterance
from ccedge.core.redact.holdback import HoldBack
from ccedge.core.redact.policy import RedactPolicy
from ccedge.core.redact.receipt import Receipt, build_receipt
from ccedge.core.redact.redactor import Redactor
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
    audio_status: dict[str, dict[str, int]] = field(default_factory=dict)  # leg -> release status counts

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


def _mask_audio(
    call: CallRecord, spans: list[RedactionSpan], policy: RedactPolicy, result: CallAnalysis
) -> None:
    longest = max((len(leg.pcm()) / leg.pcm_rate() for leg in call.legs if leg.pcm_rate()), default=0.0)
    holdback = HoldBack(replace(policy, holdback_s=max(policy.holdback_s, longest + 1.0)))
    released = []
    for frame in call.audio_frames():
        released.extend(holdback.push(frame))
    holdback.add_spans(spans)
    released.extend(holdback.finish(call.call_id, cleared=True))
    by_leg: dict[str, list[AudioFrame]] = {}
    for r in released:
        by_leg.setdefault(r.frame.leg, []).append(r.frame)
        counts = result.audio_status.setdefault(r.frame.leg, {})
        counts[r.status] = counts.get(r.status, 0) + 1
    for leg, frames in by_leg.items():
        frames.sort(key=lambda f: f.t0)
        result.audio[leg] = (frames[0].rate, np.concatenate([f.samples for f in frames]))


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
                              talk=talk_stats(segments, duration))
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
    redactor = Redactor(opts.policy)
    for result in results:
        call = result.call
        mine = sorted(by_call.get(call.call_id, []), key=lambda t: (t.t0, t.leg))
        result.failed_utterances = failed.get(call.call_id, 0)
        if not call.legs:
            continue
        if opts.redact:
            for item in sorted([*mine, *result.dtmf], key=lambda x: x.t0):
                redactor.add(item)
            text = redactor.call(call.call_id)
            red = redactor.end_call(call.call_id)
            result.spans = red.spans
            result.transcripts = red.transcripts
            flags = ["transcription-failures"] if result.failed_utterances else []
            result.receipt = build_receipt(text, red, opts.policy, flags)
            _mask_audio(call, red.spans, opts.policy, result)
        else:
            result.transcripts = mine
            result.audio = {leg.name: leg.audio() for leg in call.legs}
    say(f"redaction: {sum(len(r.spans) for r in results)} spans")
    return results


def analyse_capture(
    paths: Sequence[Path | str], opts: PipelineOptions | None = None, progress: Progress | None = None
) -> tuple[TapReport, list[CallAnalysis]]:
    report = tap_capture([Path(p) for p in paths])
    if progress is not None:
        progress(f"tap: {len(report.calls)} calls")
    return report, analyse_report(report, opts, progress)
