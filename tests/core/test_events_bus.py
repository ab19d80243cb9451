"""The event contract, the fan-out bus and the storing-sink feeder."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.bus import EventBus
from ccedge.core.events import (
    EVENT_TYPES,
    CallEnded,
    CallStarted,
    DtmfMasked,
    EventsLost,
    Health,
    Party,
    RedactedText,
    SensitiveDataError,
    UtteranceRedacted,
    WordOut,
)
from ccedge.core.sink import ReleasedAudio, SinkFeeder

ROOT = Path(__file__).resolve().parents[2]


def test_redacted_text_refuses_long_digit_runs_without_echoing() -> None:
    for bad in ("card 4111 1111 1111 1111", "4111-1111-1111", "1234567", "١٢٣٤٥٦٧٨"):
        with pytest.raises(SensitiveDataError) as err:
            RedactedText(bad)
        assert not re.search(r"\d{3}", str(err.value))
    for ok in ("my card is [PAN]", "that's $1,250.00 at 10:30", "born in 1980", "last four 1234"):
        assert RedactedText(ok) == ok


def test_event_json_has_type_and_snake_case_fields() -> None:
    u = UtteranceRedacted(call_id="c1", t=1.0, wall=1700000000.0, leg="caller", role="customer",
                          start_s=1.0, end_s=2.5, text=RedactedText("it is [PAN]"),
                          words=(WordOut(RedactedText("[PAN]"), 1.5, 2.4, 0.9),))
    j = u.to_json()
    assert j["type"] == "utterance" and j["role"] == "customer" and j["start_s"] == 1.0
    assert j["words"][0]["text"] == "[PAN]"
    json.dumps(j)
    d = DtmfMasked(call_id="c1", t=3.0, leg="caller", role="customer", method="rfc2833",
                   start_s=3.0, end_s=3.1)
    assert "digit" not in d.to_json()
    s = CallStarted(call_id="c1", t=0.0, parties=(Party("caller", "customer", "…1234", "ab"),),
                    codecs={"caller": "PCMU"})
    assert s.to_json()["parties"][0]["role"] == "customer"
    assert set(EVENT_TYPES) >= {"call_started", "call_updated", "utterance", "dtmf", "talk_stats",
                                "call_ended", "health", "guidance", "score"}


def test_only_redaction_builds_redacted_text() -> None:
    """The type only the redactor may build: no other runtime module constructs it."""
    offenders = []
    for folder in ("core", "dsp", "hardware", "grpc", "tui", "firmware"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith(("core/redact/", "core/testing/")) or rel == "core/events.py":
                continue
            if re.search(r"\bRedactedText\(", path.read_text()):
                offenders.append(rel)
    assert offenders == []


def test_live_subscriber_drops_oldest_and_is_told() -> None:
    async def main() -> list[object]:
        bus = EventBus()
        live = bus.subscribe("console", maxsize=3)
        store = bus.subscribe("vault", maxsize=100, policy="block")
        for i in range(10):
            await bus.publish(Health(call_id="", t=float(i)))
        got = [await live.get() for _ in range(4)]
        assert len(store) == 10 and bus.lost_total == 7
        return got

    got = asyncio.run(main())
    assert isinstance(got[0], EventsLost) and got[0].count == 7
    assert [e.t for e in got[1:]] == [7.0, 8.0, 9.0]  # type: ignore[attr-defined]


def test_storing_subscriber_applies_back_pressure_and_loses_nothing() -> None:
    async def main() -> list[float]:
        bus = EventBus()
        store = bus.subscribe("vault", maxsize=2, policy="block")
        seen: list[float] = []

        async def reader() -> None:
            async for e in store:
                seen.append(e.t)
                await asyncio.sleep(0.001)

        task = asyncio.create_task(reader())
        for i in range(20):
            await bus.publish(Health(call_id="", t=float(i)))
        store.close()
        await task
        return seen

    assert asyncio.run(main()) == [float(i) for i in range(20)]


class _Recorder:
    def __init__(self) -> None:
        self.log: list[str] = []

    async def open_call(self, call: CallStarted) -> None:
        self.log.append("open")

    async def audio(self, call_id: str, leg: str, frames: object) -> None:
        await asyncio.sleep(0.002)  # a slow disk
        self.log.append("audio")

    async def event(self, e: object) -> None:
        if isinstance(e, Health):
            raise OSError("disk full")
        self.log.append("event")

    async def close_call(self, ended: CallEnded) -> None:
        self.log.append("close")


def test_sink_feeder_keeps_order_and_survives_a_failing_call() -> None:
    rec = _Recorder()

    async def main() -> SinkFeeder:
        feeder = SinkFeeder(rec, "rec", maxsize=2)
        feeder.start()
        await feeder.open_call(CallStarted(call_id="c", t=0.0))
        frame = ReleasedAudio("c", "caller", "agent", 0.0, 8000, np.zeros(160, np.int16))
        for _ in range(5):
            await feeder.audio("c", "caller", [frame])
        await feeder.event(Health(call_id="", t=0.0))
        await feeder.event(DtmfMasked(call_id="c", t=1.0, leg="caller", role="agent", method="inband",
                                      start_s=1.0, end_s=1.1))
        await feeder.close_call(CallEnded(call_id="c", t=2.0, reason="bye-caller", duration_s=2.0))
        await feeder.aclose()
        return feeder

    feeder = asyncio.run(main())
    assert rec.log == ["open"] + ["audio"] * 5 + ["event", "close"]
    assert feeder.errors == 1
