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
from ccedge.core.speech.sources import DEFAULT_MODEL, SOURCES
from ccedge.core.speech.stage import SpeechStage
from ccedge.core.speech.workers import Outcome, WorkerPool


def find_model(quant: str = DEFAULT_QUANT, model: str = DEFAULT_MODEL) -> Path:
    """The built model in the data directory (absolute path); raises when it is not built.

    The default is the live model (tiny.en); ``model="base"`` finds the multilingual rung.
    """
    path = default_model_path(quant, model).resolve()
    if not is_built(path, verify=False):
        flag = "" if model == DEFAULT_MODEL else f" --model {model}"
        raise SpeechError(f"no {quant} model at {path} (run `ccedge model build{flag} --quant {quant}`)")
    return path


__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_QUANT",
    "SOURCES",
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
