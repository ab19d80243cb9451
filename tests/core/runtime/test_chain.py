"""The chain in-process: packet by packet equals the file path; slow subscribers lose events, not
packets; event stages' outputs are published and stored; sinks see every call in order."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from ccedge.core.events import CallEnded, CallStarted, Event, EventsLost, GuidancePrompt, TalkStats
from ccedge.core.pipeline import PipelineOptions, analyse_capture
from ccedge.core.runtime import CallResult, Runtime, RuntimeConfig, TapSource
from ccedge.core.runtime.config import CaptureConfig, SpeechConfig
from ccedge.core.simulate.demo import bundled_capture
from ccedge.core.sink import ReleasedAudio

NO_SPEECH = RuntimeConfig(capture=CaptureConfig(fast=True, exit_when_done=True, process=False),
                          speech=SpeechConfig(enabled=False))


class Recorder:
    """A storing sink that remembers the order of what it was given."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []
        self.audio_s = 0.0

    async def open_call(self, call: CallStarted) -> None:
        self.log.append(("open", call.call_id))

    async def audio(self, call_id: str, leg: str, frames: Sequence[ReleasedAudio]) -> None:
        self.audio_s += sum(len(f.samples) / f.rate for f in frames)
        assert all(f.status != "sealed" or f.sealed is not None for f in frames)

    async def event(self, e: Event) -> None:
        self.log.append((e.type, e.call_id))

    async def close_call(self, ended: CallEnded) -> None:
        self.log.append(("close", ended.call_id))


class Nudge:
    """A real event stage: a prompt for every call that starts."""

    async def process(self, e: Event) -> Sequence[Event]:
        if isinstance(e, CallStarted):
            return [GuidancePrompt(call_id=e.call_id, t=0.0, wall=e.wall, rule="greet", severity="info",
                                   message="greet the caller")]
        return []


def test_packets_a_few_at_a_time_give_what_the_file_path_gives() -> None:
    _c, whole = analyse_capture([bundled_capture()], PipelineOptions(transcribe=False))
    got: list[CallResult] = []
    src = TapSource(paths=(str(bundled_capture()),), paced=False, batch_packets=3, name="few-at-a-time")
    asyncio.run(Runtime(NO_SPEECH, sources=[src], on_result=got.append).run())
    a = {r.call.call_id: r.to_json() for r in whole}
    from ccedge.core.pipeline import analysis_of

    b = {r.call_id: analysis_of(r, {}, None).to_json() for r in got}
    assert sorted(a) == sorted(b) and len(a) == 3
    for cid in a:
        assert a[cid] == b[cid], cid


def test_a_slow_live_subscriber_loses_events_not_packets_and_sinks_get_everything() -> None:
    sink = Recorder()
    rt = Runtime(NO_SPEECH, sinks=[sink], event_stages=[Nudge()],
                 sources=[TapSource(paths=(str(bundled_capture()),), paced=False, name="file")])
    slow = rt.bus.subscribe("console", maxsize=5)  # never read while the chain runs
    every = rt.bus.subscribe("store", maxsize=5, policy="block")
    stored: list[Event] = []

    async def main() -> None:
        async def drain() -> None:
            async for e in every:
                stored.append(e)
                await asyncio.sleep(0)

        t = asyncio.create_task(drain())
        await rt.run()
        await t

    asyncio.run(main())
    assert rt.last_health is not None and rt.last_health.packets > 10000
    # the final Health itself pushed one more out of the full queue
    assert slow.lost_total > 0 and rt.last_health.events_lost >= slow.lost_total - 1
    first = asyncio.run(slow.get())
    assert isinstance(first, EventsLost) and first.count > 0
    assert not any(isinstance(e, EventsLost) for e in stored)
    assert sum(isinstance(e, GuidancePrompt) for e in stored) == 3
    assert sum(isinstance(e, TalkStats) for e in stored) > 10
    for cid in {c for _k, c in sink.log}:
        mine = [k for k, c in sink.log if c == cid]
        assert mine[0] == "open" and mine[-1] == "close" and mine.count("close") == 1
        assert "guidance" in mine
    assert sink.audio_s > 150  # three calls' legs (about 160 s of audio) were all released


def test_the_file_path_refuses_a_missing_capture(tmp_path: Path) -> None:
    import pytest

    from ccedge.core.errors import CoreError

    with pytest.raises(CoreError, match="no such capture"):
        analyse_capture([tmp_path / "nope.pcap"], PipelineOptions(transcribe=False))


def test_hold_and_resume_name_the_leg_and_role_that_did_it(tmp_path: Path) -> None:
    from ccedge.core.events import CallUpdated
    from ccedge.core.simulate import SyntheticCall, Turn, write_capture
    from tests.conftest import require_tool

    require_tool("espeak-ng")
    path = tmp_path / "hold.pcap"
    write_capture(path, [SyntheticCall("hold@chain", [Turn("callee", "one moment please, I will check")],
                                       hold=(0.8, 1.6))])  # the caller holds and resumes
    seen: list[Event] = []

    class Keep(Recorder):
        async def event(self, e: Event) -> None:
            seen.append(e)

    asyncio.run(Runtime(NO_SPEECH, sinks=[Keep()],
                        sources=[TapSource(paths=(str(path),), paced=False, name="hold")]).run())
    updates = [(e.change, e.leg, e.role) for e in seen if isinstance(e, CallUpdated)]
    # Inbound default (no agent configured): the callee is the agent, so the caller is the customer.
    assert updates == [("held", "caller", "customer"), ("resumed", "caller", "customer")]


def test_rfc2833_pin_reaches_the_events_while_the_call_runs() -> None:
    """The demo payment call's PIN (RFC 2833) is published during the call, before the talk_stats
    of later speech, once per key press (not again when the call ends)."""
    from ccedge.core.events import DtmfMasked

    seen: list[Event] = []

    class Keep(Recorder):
        async def event(self, e: Event) -> None:
            seen.append(e)

    src = TapSource(paths=(str(bundled_capture()),), paced=False, batch_packets=50, name="pin")
    asyncio.run(Runtime(NO_SPEECH, sinks=[Keep()], sources=[src]).run())
    cid = "demo-bank-payment@ccedge.local"
    keys = [(k, e) for k, e in enumerate(seen)
            if isinstance(e, DtmfMasked) and e.call_id == cid and e.method == "rfc2833"]
    assert len(keys) == 4  # PIN 2580: four presses, none twice
    talk = [(k, e.t) for k, e in enumerate(seen) if isinstance(e, TalkStats) and e.call_id == cid]
    for k, e in keys:
        assert isinstance(e, DtmfMasked)
        later = [j for j, t in talk if t > e.end_s + 2.0]
        assert later and k < later[0], "an RFC 2833 press was published only after later speech"
