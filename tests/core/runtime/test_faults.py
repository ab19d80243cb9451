"""Faults caused for real: a speech worker SIGKILLed under a call's utterances."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.events import CallEnded, UtteranceRedacted
from ccedge.core.pipeline import AudioKeeper
from ccedge.core.runtime import CallResult, Runtime, RuntimeConfig, TapSource
from ccedge.core.runtime.config import CaptureConfig, SpeechConfig
from ccedge.core.simulate import SyntheticCall, Turn, write_capture
from tests.conftest import require_tool


@pytest.mark.slow
def test_a_killed_speech_worker_is_restarted_and_its_audio_never_leaves_clear(tmp_path: Path,
                                                                               q8_model: Path) -> None:
    require_tool("espeak-ng")
    cap = tmp_path / "one.pcap"
    write_capture(cap, [SyntheticCall("doomed@test", [
        Turn("callee", "Thank you for calling, how can I help?"),
        Turn("caller", "My card number is four one one one."),
    ], wpm=130)])
    cfg = RuntimeConfig(capture=CaptureConfig(fast=True, exit_when_done=True, process=False),
                        speech=SpeechConfig(enabled=True, model=str(q8_model), threads=1))
    keeper = AudioKeeper()
    results: list[CallResult] = []
    # The worker SIGKILLs itself whenever it is handed this call (ccedge.core.speech.workers):
    # the pool restarts it, retries each utterance once, and the second death fails it.
    rt = Runtime(cfg, sinks=[keeper], sources=[TapSource(paths=(str(cap),), paced=False, name="f")],
                 on_result=results.append, fault_call_id="doomed@test")
    sub = rt.bus.subscribe("all", maxsize=10000, policy="block")
    events = []

    async def main() -> None:
        async def read() -> None:
            async for e in sub:
                events.append(e)

        t = asyncio.create_task(read())
        await rt.run()
        await t

    asyncio.run(main())
    assert rt.last_health is not None and rt.last_health.restarts["speech"] >= 1
    (r,) = results
    assert r.final.utterances and r.final.failed == len(r.final.utterances)
    assert not [e for e in events if isinstance(e, UtteranceRedacted)]
    (ended,) = [e for e in events if isinstance(e, CallEnded)]
    assert "transcription-failures" in ended.receipt["flags"]
    audio = keeper.call_audio("doomed@test")
    for u in r.final.utterances:  # every stretch of speech left the hold-back masked
        rate, pcm = audio[u.leg]
        seg = pcm[int(u.t0 * rate) : int(u.t1 * rate)]
        assert len(seg) and int(np.abs(seg.astype(np.int32)).max()) == 0, (u.leg, u.t0, u.t1)
