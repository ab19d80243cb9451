"""Offline transcription: model build (CTranslate2 -> ggml, quantised), engine, workers, queue.

Public face::

    from ccedge.core.speech import WhisperCppEngine, TranscribeOptions, find_model, SpeechError
    engine = WhisperCppEngine(find_model())            # data_dir()/models/ggml-tiny.en-q8_0.bin
    for transcript in engine.transcribe(utterances):   # lazy
        ...
    pool = WorkerPool(find_model(), workers=2).start()  # worker processes; SpeechStage(pool) for pipelines
"""

from __future__ import annotations

from pathlib import Path

from ccedge.core.speech.build import DEFAULT_QUANT, build_model, default_model_path, is_built
from ccedge.core.speech.engine import Engine, Result, TranscribeOptions, WhisperCppEngine
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.queue import CallLag, UtteranceQueue
from ccedge.core.speech.stage import SpeechStage
from ccedge.core.speech.workers import Outcome, WorkerPool


def find_model(quant: str = DEFAULT_QUANT) -> Path:
    """The built model in the data directory (absolute path); raises when it is not built."""
    path = default_model_path(quant).resolve()
    if not is_built(path, verify=False):
        raise SpeechError(f"no {quant} model at {path} (run `ccedge model build --quant {quant}`)")
    return path


__all__ = [
    "DEFAULT_QUANT",
    "CallLag",
    "Engine",
    "Outcome",
    "Result",
    "SpeechError",
    "SpeechStage",
    "TranscribeOptions",
    "UtteranceQueue",
    "WhisperCppEngine",
    "WorkerPool",
    "build_model",
    "default_model_path",
    "find_model",
    "is_built",
]
