"""The live throughput options of ``[speech]`` (issue 9) reach the real worker pool."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from ccedge.core.runtime.config import SpeechConfig
from ccedge.core.runtime.speech import SpeechService


def test_pack_wait_gap_and_encoder_floor_reach_the_workers(q8_model: Path) -> None:
    async def go() -> None:
        svc = SpeechService(SpeechConfig(enabled=True, model=str(q8_model), workers=1, threads=1,
                                         pack_wait_s=0.25, pack_gap_s=0.6, audio_ctx_min=384,
                                         flash_encoder=False))
        await svc.start()
        try:
            assert svc.pool is not None
            o = svc.pool.options
            assert (o.pack_wait_s, o.pack_gap_s, o.audio_ctx_min, o.n_threads, o.flash_encoder) == (
                0.25, 0.6, 384, 1, False)
            assert o.ctx_for(3.0) == 384  # a lone 3 s utterance: the floor given, not the engine's 512
            # with the flash encoder (the default) windows are whole multiples of 256 positions
            assert replace(o, flash_encoder=True).ctx_for(3.0) == 512
        finally:
            await svc.close()

    asyncio.run(go())


def test_the_defaults_leave_the_engine_as_it_is(q8_model: Path) -> None:
    async def go() -> None:
        svc = SpeechService(SpeechConfig(enabled=True, model=str(q8_model), workers=1, threads=1))
        await svc.start()
        try:
            assert svc.pool is not None
            o = svc.pool.options
            assert (o.pack_wait_s, o.audio_ctx_min, o.flash_encoder) == (0.0, 512, True)
            assert o.pack_gap_s == 0.3  # the engine's own default (issue 9: 40 live calls)
        finally:
            await svc.close()

    asyncio.run(go())
