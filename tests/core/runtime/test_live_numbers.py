"""A number holds its leg only while it can still grow, and its text goes out first as a live version.

Issue 9: "p95 (utterance end → utterance event) ≤ 2 s". Before, any number held the rest of its
leg for ``MAX_GAP_S`` (12 s) after it, and every utterance of the leg in that time waited too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import numpy as np

from ccedge.core.bus import EventBus
from ccedge.core.events import CallEnded, CallStarted, Event, RedactedText, UtteranceRedacted
from ccedge.core.frames import AudioFrame, Transcript, Utterance, Word
from ccedge.core.redact import Redactor
from ccedge.core.redact.digitstream import MAX_GAP_S, chains
from ccedge.core.redact.digitstream import can_grow as grows
from ccedge.core.runtime.output import Output
from ccedge.core.runtime.redaction import RedactStage
from ccedge.core.sink import ReleasedAudio

RATE = 8000


def _tr(leg: str, t0: float, text: str) -> Transcript:
    words = tuple(Word(w, t0 + 0.4 * i, t0 + 0.4 * i + 0.35, 0.9) for i, w in enumerate(text.split()))
    return Transcript("c", leg, t0, words[-1].t1, text, words, "test-model")


def _chain_after(*said: Transcript) -> tuple[Redactor, object]:
    r = Redactor()
    for tr in said:
        r.add(tr)
    call = r.call("c")
    (ch,) = chains(call, ["caller"])
    return r, ch


def test_a_number_followed_by_other_words_stops_growing_after_the_key_window() -> None:
    r, ch = _chain_after(_tr("caller", 1.0, "my order number is 52817 and I want a refund"))
    call = r.call("c")
    assert grows(call, ch, ch.t1 + 3.5)  # a key could still follow spoken digits
    assert not grows(call, ch, ch.t1 + 4.5)
    assert r.safe_until("c", "caller", ch.t1 + 4.5) == ch.t1 + 4.5
    # while a payment is under way every number keeps the old, longer hold
    assert r.safe_until("c", "caller", ch.t1 + 4.5, strict=True) == ch.t0


def test_a_number_at_the_end_of_the_talk_keeps_growing_until_the_longest_pause() -> None:
    r, ch = _chain_after(_tr("caller", 1.0, "it is 4111 1111"))
    call = r.call("c")
    for dt in (1.0, 6.0, MAX_GAP_S - 0.1):  # the caller may be fetching the rest of the card
        assert grows(call, ch, ch.t1 + dt)
    assert not grows(call, ch, ch.t1 + MAX_GAP_S + 0.1)


def test_fillers_do_not_end_a_number_but_the_other_leg_talking_does() -> None:
    r, ch = _chain_after(_tr("caller", 1.0, "4111 1111 um uh"))
    call = r.call("c")
    assert grows(call, ch, ch.t1 + 6.0)
    r.add(_tr("callee", ch.t1 + 1.0, "and what is the reason for your call"))
    assert not grows(r.call("c"), ch, ch.t1 + 6.0)


def _frames(seconds: float) -> list[AudioFrame]:
    rng = np.random.default_rng(1)
    return [AudioFrame("c", "caller", i / 2, RATE, (rng.standard_normal(RATE // 2) * 3000).astype(np.int16))
            for i in range(int(seconds * 2))]


def test_the_stage_clears_an_order_number_seconds_after_it_not_twelve() -> None:
    st = RedactStage()
    st.open_call("c", 0.0, {"caller": "customer", "callee": "agent"})
    u = Utterance("c", "caller", 1.0, 5.5, RATE, np.zeros(0, np.int16))
    st.utterance(u, submitted=True)
    out: list[object] = []
    frames = _frames(14.0)
    for f in frames[:12]:  # up to 6 s
        out += st.audio(f, settled=f.t1)
    out += st.transcribed(u, _tr("caller", 1.0, "my order number is 52817 and I want a refund"))
    utts = [x for x in out if isinstance(x, UtteranceRedacted)]
    assert [x.final for x in utts] == [False]  # at once, the number masked
    assert str(utts[0].text) == "my order number is [NUMBER] and I want a refund"
    for f in frames[12:]:  # 6 … 14 s: well before 12 s after the number
        out += st.audio(f, settled=f.t1)
    final = [x for x in out if isinstance(x, UtteranceRedacted) and x.final]
    assert len(final) == 1 and "52817" in str(final[0].text)  # an order number is not masked
    cleared = max(x.t1 for x in out if isinstance(x, ReleasedAudio))
    assert cleared >= 12.0 and all(x.status == "cleared" for x in out if isinstance(x, ReleasedAudio))


class _Keep:
    def __init__(self) -> None:
        self.events: list[Event] = []

    async def open_call(self, e: CallStarted) -> None:
        self.events.append(e)

    async def audio(self, call_id: str, leg: str, frames: Sequence[ReleasedAudio]) -> None:
        pass

    async def event(self, e: Event) -> None:
        self.events.append(e)

    async def close_call(self, e: CallEnded) -> None:
        self.events.append(e)


def test_live_versions_reach_the_bus_and_only_final_ones_are_stored() -> None:
    async def go() -> tuple[list[Event], list[Event]]:
        bus, keep = EventBus(), _Keep()
        out = Output(bus, sinks=[keep])
        sub = bus.subscribe("watch", maxsize=16)
        out.start()
        base = {"call_id": "c", "t": 1.0, "wall": 0.0, "leg": "caller", "role": "customer",
                "start_s": 1.0, "end_s": 2.0}
        await out.event(UtteranceRedacted(**base, text=RedactedText("it is [NUMBER]"), final=False))
        await out.event(UtteranceRedacted(**base, text=RedactedText("it is 42"), final=True))
        await out.aclose()
        seen = [await sub.get(), await sub.get()]
        return seen, keep.events

    seen, stored = asyncio.run(go())
    assert [e.final for e in seen if isinstance(e, UtteranceRedacted)] == [False, True]
    assert [str(e.text) for e in stored if isinstance(e, UtteranceRedacted)] == ["it is 42"]


def test_guidance_judges_each_utterance_once_in_its_first_version() -> None:
    from dataclasses import replace

    from ccedge.core.guidance import GuidanceStage, load_policy
    from ccedge.testing.guidance_events import utterance_event

    stage = GuidanceStage(load_policy("finance"))
    live = replace(utterance_event("c1", "customer", 5.0, 8.0, "I want to make a complaint, order [NUMBER]"),
                   final=False)
    final = replace(live, text=RedactedText("I want to make a complaint, order 52817"), final=True)

    async def go() -> list[list[Event]]:
        got = []
        for e in (CallStarted(call_id="c1", t=0.0, wall=0.0), live, final):
            got.append(list(await stage.process(e)))
        return got

    _start, first, second = asyncio.run(go())
    assert first and second == []  # the final version of a judged utterance adds nothing (not even mood)
