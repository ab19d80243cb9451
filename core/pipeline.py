"""Capture files through the live chain, as fast as they go: what the file verbs print.

There is one path (ARCHITECTURE.md): this module runs a :class:`ccedge.core.runtime.Runtime`
over capture files (``--fast``, exit when done, the source in a thread) and collects, per
call, what the chain's final redaction pass decided (:class:`CallAnalysis`, the ``ccedge
demo --json`` shape) and the audio as it left the hold-back buffer. Nothing here analyses a
call a second way.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import numpy.typing as npt

from ccedge.core.errors import CoreError
from ccedge.core.events import CallEnded, CallStarted, Event
from ccedge.core.frames import DtmfEvent, RedactionSpan, Transcript, Utterance
from ccedge.core.redact.policy import RedactPolicy
from ccedge.core.redact.receipt import Receipt
from ccedge.core.runtime import CallResult, Runtime, RuntimeConfig, TapSource
from ccedge.core.runtime.config import CaptureConfig, SpeechConfig
from ccedge.core.sink import ReleasedAudio, Sink

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class CallSummary:
    """The tap's record of a call, as the file verbs print it."""

    call_id: str
    caller: str
    callee: str
    state: str
    end_reason: str
    legs: list[dict[str, Any]]
    events: list[dict[str, Any]]


@dataclass(slots=True)
class CallAnalysis:
    """What the chain made of one call. Transcripts are redacted (unless asked not to be)."""

    call: CallSummary
    utterances: int = 0
    transcripts: list[Transcript] = field(default_factory=list)
    failed_utterances: int = 0
    dtmf: list[DtmfEvent] = field(default_factory=list)  # merged RFC 2833, SIP INFO, in-band
    spans: list[RedactionSpan] = field(default_factory=list)
    receipt: Receipt | None = None
    talk: Any = None  # ccedge.dsp.talkstats.TalkStats
    segments: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    audio: dict[str, tuple[int, npt.NDArray[np.int16]]] = field(default_factory=dict)  # as released
    lagged_s: float = 0.0
    speech: list[Utterance] = field(default_factory=list, repr=False)  # the VAD's cuts (no samples)

    def to_json(self) -> dict[str, Any]:
        """A summary safe to print or send: no digit values, only redacted text."""
        return {
            "call_id": self.call.call_id,
            "state": self.call.state,
            "end_reason": self.call.end_reason,
            "legs": self.call.legs,
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


def _talk_json(t: Any) -> dict[str, Any]:
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
    redact: bool = True  # False: the transcripts handed back are the recogniser's own (evaluation)
    workers: int = 1
    threads_per_worker: int = 0  # 0: all cores of the box divided by the workers
    policy: RedactPolicy = field(default_factory=RedactPolicy)
    model: Path | None = None  # default: the built model in the data directory
    prompt: str = ""  # [speech] prompt: "contact-centre" or the text (core.speech.prompt)
    terms: tuple[str, ...] = ()  # [speech] terms: the site's own names, after the prompt


class AudioKeeper:
    """A storing sink that keeps each leg's released audio in memory, on the call clock."""

    def __init__(self) -> None:
        self.legs: dict[tuple[str, str], tuple[int, list[ReleasedAudio]]] = {}

    async def open_call(self, call: CallStarted) -> None:
        return None

    async def audio(self, call_id: str, leg: str, frames: Sequence[ReleasedAudio]) -> None:
        for f in frames:
            self.legs.setdefault((call_id, leg), (f.rate, []))[1].append(f)

    async def event(self, e: Event) -> None:
        return None

    async def close_call(self, ended: CallEnded) -> None:
        return None

    def call_audio(self, call_id: str) -> dict[str, tuple[int, npt.NDArray[np.int16]]]:
        out: dict[str, tuple[int, npt.NDArray[np.int16]]] = {}
        for (cid, leg), (rate, frames) in self.legs.items():
            if cid != call_id:
                continue
            end = max((round(f.t0 * rate) + len(f.samples) for f in frames if f.rate == rate), default=0)
            pcm = np.zeros(end, np.int16)
            for f in frames:
                if f.rate == rate:
                    a = round(f.t0 * rate)
                    pcm[a : a + len(f.samples)] = f.samples
            out[leg] = (rate, pcm)
        return out


def analyse_capture(
    paths: Sequence[Path | str], opts: PipelineOptions | None = None, progress: Progress | None = None,
    sinks: Sequence[Sink] = (), on_call: Callable[[CallAnalysis], None] | None = None,
    on_transcript: Callable[[Transcript], None] | None = None, keep_audio: bool = True,
) -> tuple[dict[str, int], list[CallAnalysis]]:
    """Run capture files through the chain; (tap counters, calls in the order they ended)."""
    opts = opts or PipelineOptions()
    for p in paths:
        if not Path(p).is_file():
            raise CoreError(f"no such capture: {Path(p).name}")
    cfg = RuntimeConfig(
        capture=CaptureConfig(fast=True, exit_when_done=True, process=False),
        speech=SpeechConfig(enabled=opts.transcribe, workers=opts.workers, threads=opts.threads_per_worker,
                            model=str(opts.model) if opts.model else "", prompt=opts.prompt,
                            terms=opts.terms))
    keeper = AudioKeeper()
    raw: dict[str, list[Transcript]] = {}

    def transcript(tr: Transcript) -> None:
        raw.setdefault(tr.call_id, []).append(tr)
        if on_transcript is not None:
            on_transcript(tr)

    finished: list[CallResult] = []

    def done(r: CallResult) -> None:
        finished.append(r)
        if on_call is not None:  # live, as each call ends (its audio may still be on its way to sinks)
            on_call(analysis_of(r, {}, _raw(r.call_id)))

    def _raw(call_id: str) -> list[Transcript] | None:
        return None if opts.redact else sorted(raw.get(call_id, []), key=lambda t: (t.t1, t.leg))

    policy = replace(opts.policy, holdback_s=1e9)  # nothing is live: the hold-back waits for speech
    source = TapSource(paths=tuple(str(p) for p in paths), paced=False, name="file")
    rt = Runtime(cfg, sinks=[keeper, *sinks], sources=[source], policy=policy, on_result=done,
                 on_transcript=transcript)
    asyncio.run(rt.run())
    # The sinks are flushed once run() returns: only now is every call's audio in the keeper.
    results = [analysis_of(r, keeper.call_audio(r.call_id) if keep_audio else {}, _raw(r.call_id))
               for r in finished]
    status = rt.chain.sources.get("file")
    counters = dict(status.counters) if status is not None else {}
    if progress is not None:
        progress(f"{len(results)} calls")
    return counters, results


def analysis_of(r: CallResult, audio: dict[str, tuple[int, npt.NDArray[np.int16]]],
              raw: list[Transcript] | None) -> CallAnalysis:
    s = r.summary
    f = r.final
    call = CallSummary(r.call_id, str(s.get("caller", "")), str(s.get("callee", "")),
                       str(s.get("state", "")), str(s.get("end_reason", "")), list(s.get("legs", [])),
                       list(s.get("events", [])))
    transcripts = raw if raw is not None else f.transcripts
    return CallAnalysis(call, utterances=len(f.utterances), transcripts=transcripts,
                        failed_utterances=f.failed, dtmf=f.dtmf, spans=f.spans, receipt=f.receipt,
                        talk=r.talk, segments=r.segments, audio=audio, lagged_s=f.lagged_s,
                        speech=f.utterances)


def transcript_json(t: Transcript) -> dict[str, Any]:
    """The ``ccedge transcribe --json`` shape of one utterance (``unheard`` only when the
    recogniser gave up on part of it: ``[[start_s, end_s], ...]``)."""
    out: dict[str, Any] = {
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
    if t.unheard:
        out["unheard"] = [[round(a, 3), round(b, 3)] for a, b in t.unheard]
    return out


def redact_capture(
    capture: Path, folder: Path, opts: PipelineOptions | None = None, as_json: bool = False,
    receipt: Path | None = None, out: TextIO | None = None,
) -> list[CallAnalysis]:
    """``ccedge redact CAPTURE --wav-dir DIR``: the chain with a ``--wav-dir`` sink; each call's
    redacted utterances are written to ``out`` as the call ends (JSON lines with ``as_json``)."""
    from ccedge.core.runtime.wavsink import WavDirSink

    stream = out or sys.stdout
    sink = WavDirSink(folder)

    def printed(a: CallAnalysis) -> None:
        for t in a.transcripts:
            line = json.dumps(transcript_json(t), ensure_ascii=False) if as_json else f"{t.leg}: {t.text}"
            stream.write(line + "\n")
        stream.flush()

    _counters, results = analyse_capture([capture], opts, sinks=[sink], on_call=printed, keep_audio=False)
    if sink.failures:
        raise CoreError(f"--wav-dir: {sink.failures[0]}")
    if receipt is not None:
        receipt.write_text("".join(json.dumps(r.receipt.to_json()) + "\n" for r in results if r.receipt))
    return results


__all__ = [
    "AudioKeeper",
    "CallAnalysis",
    "CallSummary",
    "PipelineOptions",
    "analyse_capture",
    "analysis_of",
    "redact_capture",
    "transcript_json",
]
