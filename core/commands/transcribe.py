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

from ccedge.core.audiolegs import file_kind
from ccedge.core.frames import Utterance
from ccedge.core.pipeline import transcript_json
from ccedge.core.segment import SegmentConfig
from ccedge.core.speech.errors import SpeechError


def register(sub: Any) -> None:
    p = sub.add_parser("transcribe", help="transcribe a WAV file or every leg of a capture")
    p.add_argument("audio", type=Path, metavar="AUDIO", help="WAV file, or pcap/pcapng capture")
    p.add_argument("--json", action="store_true", help="one JSON object per utterance")
    p.add_argument("--model", type=Path, help="ggml model file (default: the built q8_0 model)")
    p.add_argument("--quant", default="q8_0", help="which built model to use when --model is absent")
    p.add_argument("--threads", type=int, default=2, help="whisper.cpp threads (default 2)")
    p.add_argument("--prompt", default="", help='decoder prompt: "contact-centre" (built-in vocabulary) or '
                   "the text; off by default (README, \"Domain prompting\")")
    p.add_argument("--term", action="append", default=[], dest="terms", metavar="NAME",
                   help="a site term (organisation or product name) for the prompt; repeatable")
    p.set_defaults(func=_run)


def utterances(
    call_id: str, leg: str, t0: float, rate: int, pcm: npt.NDArray[np.int16],
    config: SegmentConfig | None = None,
) -> Iterator[Utterance]:
    """The leg cut by the appliance's VAD stage (core.segment), fed in 1 s frames."""
    from ccedge.core.frames import AudioFrame
    from ccedge.core.segment import Segmenter

    seg = Segmenter(config)
    for a in range(0, len(pcm), rate):
        frame = AudioFrame(call_id, leg, t0 + a / rate, rate, np.ascontiguousarray(pcm[a : a + rate]))
        yield from seg.process_sync(frame)
    yield from seg.flush_sync()


def audio_utterances(path: Path) -> Iterator[Utterance]:
    """Utterances of a WAV (per channel, any rate ``vad`` and ``dtmf`` take) or of a capture (per leg)."""
    from ccedge.core.audiolegs import audio_legs, to_analysis_rate

    for lg in audio_legs(path):
        pcm, rate = to_analysis_rate(lg.samples, lg.rate)
        yield from utterances(lg.call_id, lg.leg, 0.0, rate, pcm)


def _run(args: argparse.Namespace) -> int:
    from ccedge.core.speech import TranscribeOptions, WhisperCppEngine, find_model

    if not args.audio.is_file():
        raise SpeechError(f"no such file: {args.audio}")
    from ccedge.core.speech.prompt import domain_prompt

    model = args.model.resolve() if args.model else find_model(args.quant)
    prompt = domain_prompt(args.prompt, args.terms)  # SpeechError (one line) when too long
    if file_kind(args.audio) == "capture":
        return _capture(args, model)
    with WhisperCppEngine(model, TranscribeOptions(n_threads=max(1, args.threads),
                                                         initial_prompt=prompt)) as engine:
        for tr in engine.transcribe(audio_utterances(args.audio)):
            if not tr.text:
                continue
            if args.json:
                print(json.dumps(transcript_json(tr), ensure_ascii=False))
            else:
                print(f"{tr.call_id} {tr.leg} {tr.t0:8.2f}-{tr.t1:8.2f}  {tr.text}")
            sys.stdout.flush()
    return 0


def _capture(args: argparse.Namespace, model: Path) -> int:
    """A capture goes through the appliance's chain (``ccedge.core.pipeline``), as fast as it
    can; each leg's transcripts are printed as they come back from the speech workers."""
    from ccedge.core.frames import Transcript
    from ccedge.core.pipeline import PipelineOptions, analyse_capture

    def show(tr: Transcript) -> None:
        if args.json:
            print(json.dumps(transcript_json(tr), ensure_ascii=False), flush=True)
        else:
            print(f"{tr.call_id} {tr.leg} {tr.t0:8.2f}-{tr.t1:8.2f}  {tr.text}", flush=True)

    opts = PipelineOptions(model=model, threads_per_worker=max(1, args.threads), prompt=args.prompt,
                           terms=tuple(args.terms))
    analyse_capture([args.audio], opts, on_transcript=show, keep_audio=False)
    return 0
