"""Worker processes: real transcription, restart after SIGKILL, retry once then report."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from ccedge.core.frames import Utterance
from ccedge.core.speech.workers import WorkerPool


@pytest.fixture(scope="module")
def yes_utt() -> Utterance:
    from ccedge.core.simulate import speak

    pcm = speak("Thank you for calling.", rate=8000)
    return Utterance("call-A", "caller", 0.0, len(pcm) / 8000, 8000, pcm)


@pytest.mark.slow
def test_restart_after_sigkill_and_retry_once_then_report(q8_model: Path, yes_utt: Utterance) -> None:
    with WorkerPool(q8_model, workers=1, fault_call_id="poison") as pool:
        (pid,) = pool.worker_pids()
        assert pid is not None
        first = next(pool.transcribe([yes_utt]))
        assert first.ok and "thank" in first.transcript.text.lower()  # type: ignore[union-attr]

        os.kill(pid, signal.SIGKILL)  # a real kill, as a ggml abort would
        time.sleep(0.2)
        again = next(pool.transcribe([yes_utt]))
        assert again.ok and again.attempts == 2 and again.transcript == first.transcript
        assert pool.restarts == 1 and pool.worker_pids()[0] != pid

        # an utterance that kills its worker every time: retried once, then reported
        poison = Utterance("poison", "callee", 0.0, 1.0, 8000, yes_utt.samples)
        bad, good = sorted(pool.transcribe([poison, yes_utt]), key=lambda o: o.ok)
        assert not bad.ok and bad.attempts == 2 and "died twice" in bad.error
        assert "thank" not in bad.error.lower()  # no call content in the report
        assert good.ok
        assert pool.restarts == 3 and pool.failures == 1


@pytest.mark.slow
def test_stage_in_a_pipeline(q8_model: Path, yes_utt: Utterance) -> None:
    from ccedge.core.frames import CallEvent, Transcript
    from ccedge.core.harness import run_pipeline
    from ccedge.core.speech.stage import SpeechStage

    other = Utterance("call-B", "callee", 5.0, 5.0 + yes_utt.t1, 8000, yes_utt.samples)
    event = CallEvent("call-A", "ended", 9.0)
    with WorkerPool(q8_model, workers=1) as pool:
        stage = SpeechStage(pool)
        out = run_pipeline(stage, [yes_utt, event, other])
    assert event in out  # other frames pass through
    trs = sorted((o for o in out if isinstance(o, Transcript)), key=lambda t: t.call_id)
    assert [(t.call_id, t.t0) for t in trs] == [("call-A", 0.0), ("call-B", 5.0)]
    assert all("thank" in t.text.lower() for t in trs)
    assert stage.pending == 0 and stage.failed == 0 and stage.shed == 0
