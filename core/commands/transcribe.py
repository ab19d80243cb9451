"""``ccedge transcribe AUDIO [--json]``: every channel of a WAV, or every leg of a capture.

A capture goes tap -> VAD -> engine; a WAV goes VAD -> engine, one leg per channel
(``channel-0``, ``channel-1``, ...). Runs single-process (ARCHITECTURE.md, "Process model").
``--json`` writes one object per utterance (keys are a contract): ``call_id``, ``leg``,
``start_s``, ``end_s``, ``text``, ``words`` [{``word``, ``start_s``, ``end_s``, ``p``}].
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import Utterance
from ccedge.core.pipeline import transcript_json
from ccedge.core.speech.errors import SpeechError

# Utterance shaping when we cut with the VAD ourselves (until core.segment is used):
_PAD_S = 0.2  # keep a little context either side of the speech
_MERGE_GAP_S = 0.6  # pauses shorter than this stay inside one utterance
_MAX_S = 25.0  # whisper's window is 30 s
_MIN_S = 0.25


def register(sub: Any) -> None:
    p = sub.add_parser("transcribe", help="transcribe a WAV file or every leg of a capture")
    p.add_argument("audio", type=Path, metavar="AUDIO", help="WAV file, or pcap/pcapng capture")
    p.add_argument("--json", action="store_true", help="one JSON object per utterance")
    p.add_argument("--model", type=Path, help="ggml model file (default: the built q8_0 model)")
    p.add_argument("--quant", default="q8_0", help="which built model to use when --model is absent")
    p.add_argument("--threads", type=int, default=2, help="whisper.cpp threads (default 2)")
    p.set_defaults(func=_run)


def speech_spans(
    samples: npt.NDArray[np.int16], rate: int, max_s: float = _MAX_S, merge_gap_s: float = _MERGE_GAP_S
) -> list[tuple[float, float]]:
    """Speech stretches (seconds from the start of ``samples``), merged, padded and capped."""
    dur = len(samples) / rate
    try:
        from ccedge.dsp.vad import frames_to_segments, make_vad

        labels = make_vad(rate=rate, frame_ms=10).detect(samples)
        raw = frames_to_segments(labels, 10)
    except Exception:  # the DSP VAD is absent or refuses this rate: fixed windows instead
        raw = [(t, min(t + max_s, dur)) for t in np.arange(0.0, dur, max_s)]
    spans: list[list[float]] = []
    for s, e in raw:
        s, e = max(0.0, s - _PAD_S), min(dur, e + _PAD_S)
        if spans and s - spans[-1][1] < merge_gap_s and e - spans[-1][0] <= max_s:
            spans[-1][1] = e
        else:
            spans.append([s, e])
    out: list[tuple[float, float]] = []
    for s, e in spans:
        while e - s > max_s:
            out.append((s, s + max_s))
            s += max_s
        if e - s >= _MIN_S:
            out.append((s, e))
    return out


def utterances(
    call_id: str, leg: str, t0: float, rate: int, pcm: npt.NDArray[np.int16]
) -> Iterator[Utterance]:
    """The leg cut by the appliance's VAD stage (core.segment), fed in 1 s frames."""
    try:
        from ccedge.core.frames import AudioFrame
        from ccedge.core.segment import Segmenter
    except ImportError:  # the VAD stage is not installed: cut with the DSP VAD directly
        yield from _fallback_utterances(call_id, leg, t0, rate, pcm)
        return
    seg = Segmenter()
    for a in range(0, len(pcm), rate):
        frame = AudioFrame(call_id, leg, t0 + a / rate, rate, np.ascontiguousarray(pcm[a : a + rate]))
        yield from seg.process_sync(frame)
    yield from seg.flush_sync()


def _fallback_utterances(
    call_id: str, leg: str, t0: float, rate: int, pcm: npt.NDArray[np.int16]
) -> Iterator[Utterance]:
    for s, e in speech_spans(pcm, rate):
        a, b = int(s * rate), int(e * rate)
        yield Utterance(call_id, leg, t0 + a / rate, t0 + b / rate, rate, np.ascontiguousarray(pcm[a:b]))


def audio_utterances(path: Path) -> Iterator[Utterance]:
    """Utterances of a WAV (per channel) or of a capture (per call and leg)."""
    if path.suffix.lower() in (".wav", ".wave"):
        from ccedge.core.speech.audio import read_wav

        rate, channels = read_wav(path)
        for i, pcm in enumerate(channels):
            yield from utterances(path.stem, f"channel-{i}", 0.0, rate, pcm)
        return
    from ccedge.core.tap import tap_capture

    report = tap_capture(path)
    for call in report.calls:
        for leg in call.legs:
            if getattr(leg, "encrypted", False):
                continue
            pcm = leg.pcm()
            if len(pcm):
                yield from utterances(call.call_id, leg.name, 0.0, leg.rate, pcm)


def _run(args: argparse.Namespace) -> int:
    from ccedge.core.speech import TranscribeOptions, WhisperCppEngine, find_model

    if not args.audio.is_file():
        raise SpeechError(f"no such file: {args.audio}")
    model = args.model.resolve() if args.model else find_model(args.quant)
    with WhisperCppEngine(model, TranscribeOptions(n_threads=max(1, args.threads))) as engine:
        for tr in engine.transcribe(audio_utterances(args.audio)):
            if not tr.text:
                continue
            if args.json:
                print(json.dumps(transcript_json(tr), ensure_ascii=False))
            else:
                print(f"{tr.call_id} {tr.leg} {tr.t0:8.2f}-{tr.t1:8.2f}  {tr.text}")
            sys.stdout.flush()
    return 0
