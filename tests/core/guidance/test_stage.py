"""The live stage on events: prompts as GuidancePrompt events, deadlines noticed from any event,
final statuses handed to QM through ``finish``, bounded state."""

from __future__ import annotations

import asyncio

from ccedge.core.events import CallEnded, CallStarted, GuidancePrompt, Party, SentimentUpdated, TalkStats
from ccedge.core.guidance import GuidanceStage, load_policy
from ccedge.core.guidance.stage import LAG_MARGIN_S, MIN_LAG_S, TRANSCRIPT_LAG_S
from ccedge.testing.guidance_events import utterance_event


def run(stage: GuidanceStage, events: list) -> list[GuidancePrompt]:  # type: ignore[type-arg]
    async def main() -> list[GuidancePrompt]:
        out: list[GuidancePrompt] = []
        for e in events:
            out.extend(x for x in await stage.process(e) if isinstance(x, GuidancePrompt))  # type: ignore[arg-type]
        return out

    return asyncio.run(main())


def test_stage_prompts_and_final_results() -> None:
    stage = GuidanceStage(load_policy("finance"))
    start = CallStarted(
        call_id="c1",
        t=0.0,
        wall=1.79e9,
        parties=(Party("caller", "customer", "…1234", "k1"), Party("callee", "agent", "ext 101")),
    )
    out = run(
        stage,
        [
            start,
            utterance_event("c1", "customer", 5.0, 8.0, "I want to speak to a manager right now."),
            TalkStats(
                call_id="c1",
                t=45.0,
                leg="callee",
                role="agent",
                talk_s=5,
                talk_ratio=0.5,
                overtalk_s=0,
                longest_silence_s=3,
                longest_monologue_s=5,
            ),
            CallEnded(call_id="c1", t=80.0, reason="bye-caller", duration_s=80.0),
        ],
    )
    assert all(isinstance(e, GuidancePrompt) and e.pack == "finance" for e in out)
    states = [(e.rule, e.state) for e in out]
    assert states[0] == ("recording-notice", "open") and out[0].due_by_s == 30.0
    assert ("escalation-offered", "open") in states
    # talk_stats at 45 s, less the transcript-lag allowance, is past the notice deadline (30 s);
    # the one utterance arrived with no lag behind the call's clock, so the allowance is its floor
    notice = next(e for e in out if e.rule == "recording-notice" and e.state == "violated")
    assert notice.t == 45.0 - MIN_LAG_S  # noticed at the talk_stats event, not only at the call's end
    assert ("escalation-offered", "violated") in states
    assert ("closing", "violated") in states  # judged at the end
    got = {r.id: r.status for r in stage.finish("c1", 80.0)}
    assert got["recording-notice"] == "violated" and got["payment-script"] == "not_applicable"


def test_stage_is_bounded() -> None:
    stage = GuidanceStage(load_policy("service"), max_calls=3, keep_results=2)
    run(stage, [utterance_event(f"c{i}", "agent", 1.0, 2.0, "Good morning.") for i in range(6)])
    assert stage.live_calls == 3 and stage.kept_results == 2


def test_hold_from_call_updates_and_key_presses() -> None:
    from ccedge.core.events import CallUpdated, DtmfMasked

    stage = GuidanceStage(load_policy("finance"))
    out = run(stage, [
        utterance_event("h1", "customer", 2.0, 4.0, "I would like to make a payment by card."),
        DtmfMasked(call_id="h1", t=6.0, leg="caller", role="customer", method="rfc2833", start_s=6.0,
                   end_s=6.1),
        CallUpdated(call_id="h1", t=10.0, change="held", leg="caller"),
        CallUpdated(call_id="h1", t=140.0, change="resumed", leg="caller"),
    ])
    states = [(e.rule, e.state) for e in out]
    # keys pressed before any payment script: violated at once, not at the deadline
    assert ("payment-script", "violated") in states
    assert ("long-hold", "violated") in states
    got = {r.id: r for r in stage.finish("h1", 150.0)}
    assert got["long-hold"].evidence[0].phrase == "hold 130.0 s"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _start(call_id: str) -> CallStarted:
    return CallStarted(call_id=call_id, t=0.0, wall=1.79e9, parties=(
        Party("caller", "customer", "…1234", "k1"), Party("callee", "agent", "ext 101")))


def test_silent_call_deadline_fires_on_the_clock() -> None:
    """No event after the greeting: the stage's tick notices the passed deadline."""
    clock = FakeClock()
    stage = GuidanceStage(load_policy("finance"), monotonic=clock)

    async def main() -> list[tuple[float, list[GuidancePrompt]]]:
        got = []
        await stage.process(_start("s1"))
        clock.now += 4.0  # the greeting (said 1.0-3.0 s) arrives 1 s after it ended
        await stage.process(utterance_event("s1", "agent", 1.0, 3.0, "Good morning, how can I help?"))
        assert stage.lag_allowance_s == max(MIN_LAG_S, 1.0 + LAG_MARGIN_S)
        for _ in range(40):  # then silence: one tick a second
            clock.now += 1.0
            got.append((clock.now - 1000.0, [e for e in await stage.tick() if isinstance(e, GuidancePrompt)]))
        return got

    ticks = asyncio.run(main())
    fired = [(t, e) for t, es in ticks for e in es if e.rule == "recording-notice" and e.state == "violated"]
    assert len(fired) == 1
    t, prompt = fired[0]
    # not before the words said by 30 s could have arrived, and within a tick after that
    assert 30.0 + stage.lag_allowance_s <= t <= 30.0 + stage.lag_allowance_s + 1.0
    assert prompt.due_by_s == 30.0


def test_deadline_waits_for_transcripts_before_any_lag_is_known() -> None:
    clock = FakeClock()
    stage = GuidanceStage(load_policy("finance"), monotonic=clock)

    async def main() -> tuple[list[GuidancePrompt], list[GuidancePrompt]]:
        await stage.process(_start("s2"))
        clock.now += 30.0 + TRANSCRIPT_LAG_S - 0.5
        early = list(await stage.tick())
        clock.now += 1.0
        late = list(await stage.tick())
        return early, late

    early, late = asyncio.run(main())
    assert not any(e.rule == "recording-notice" and e.state == "violated" for e in early)
    assert any(e.rule == "recording-notice" and e.state == "violated" for e in late)


def test_late_transcript_clears_a_fired_deadline() -> None:
    clock = FakeClock()
    stage = GuidanceStage(load_policy("finance"), monotonic=clock)

    async def main() -> list[GuidancePrompt]:
        out: list[GuidancePrompt] = []
        await stage.process(_start("s3"))
        clock.now += 2.5
        await stage.process(utterance_event("s3", "customer", 1.0, 2.0, "Hello?"))
        clock.now += 30.0
        out.extend(await stage.tick())
        # the speech pool stalled: the notice said at 27-29 s arrives now
        out.extend(await stage.process(utterance_event(
            "s3", "agent", 27.0, 29.0, "This call is recorded for training and quality purposes.")))
        return out

    states = [(e.rule, e.state) for e in asyncio.run(main()) if e.rule == "recording-notice"]
    assert states[-2:] == [("recording-notice", "violated"), ("recording-notice", "cleared")]
    assert stage.lag_allowance_s == 32.5 - 29.0 + LAG_MARGIN_S  # that lag now holds later deadlines back
    assert {r.id: r.status for r in stage.finish("s3", 60.0)}["recording-notice"] == "met"


def test_runtime_output_drives_the_clock() -> None:
    """``Output`` (the runtime's end of the chain) ticks stages: a silent call's deadline
    reaches the bus with no further event."""
    from ccedge.core.bus import EventBus
    from ccedge.core.guidance import parse_policy
    from ccedge.core.runtime.output import Output

    policy = parse_policy('''
[policy]
id = "tick"
version = "1"
[[rules]]
id = "hello-soon"
kind = "required"
title = "Greeting"
role = "agent"
within_s = 1
severity = "warning"
message = "Greet the caller."
phrases = ["good morning"]
''')
    stage = GuidanceStage(policy)

    async def main() -> GuidancePrompt | None:
        bus = EventBus()
        sub = bus.subscribe("watch", maxsize=100, policy="block")
        out = Output(bus, stages=[stage])
        out.start()
        await out.event(_start("t1"))
        # an utterance that arrives at once teaches the stage a small lag
        await out.event(utterance_event("t1", "customer", 0.0, 0.0, "Hello?"))
        found = None
        try:
            async with asyncio.timeout(20):
                while found is None:
                    e = await sub.get()
                    if isinstance(e, GuidancePrompt) and e.state == "violated":
                        found = e
        finally:
            await out.aclose()
        return found

    prompt = asyncio.run(main())
    assert prompt is not None and prompt.rule == "hello-soon" and prompt.t >= 1.0


def test_live_stage_uses_word_confidence() -> None:
    """The words' probabilities of an utterance event reach the matcher (unsure words may stand
    in for a content word), so the live stage and ``ccedge score`` agree."""
    from ccedge.core.events import RedactedText, UtteranceRedacted, WordOut

    text = "Thank you for meritating, your current balance is 250 pounds."
    probs = [0.95, 0.97, 0.9, 0.42, 0.9, 0.9, 0.8, 0.9, 0.9, 0.9]
    words = tuple(WordOut(RedactedText(w), 30.0 + i, 30.5 + i, p)
                  for i, (w, p) in enumerate(zip(text.split(), probs, strict=True)))

    def said(with_words: bool) -> str:
        stage = GuidanceStage(load_policy("finance"))
        e = UtteranceRedacted(call_id="w1", t=30.0, leg="callee", role="agent", start_s=30.0, end_s=40.0,
                              text=RedactedText(text), words=words if with_words else ())
        run(stage, [_start("w1"), e])
        return {r.id: r.status for r in stage.finish("w1", 60.0)}["identity-before-account-details"]

    assert said(True) == "met"
    assert said(False) == "violated"


def test_the_customers_smoothed_sentiment_is_published_live_as_a_number() -> None:
    stage = GuidanceStage(load_policy("service"))
    parties = (Party("caller", "customer", "…1234", "k1"), Party("callee", "agent", "ext 7"))
    start = CallStarted(call_id="s1", t=0.0, wall=1.79e9, parties=parties)

    async def main() -> list[SentimentUpdated]:
        out = []
        for e in (start,
                  utterance_event("s1", "agent", 1.0, 3.0, "Thank you for calling, how can I help?"),
                  utterance_event("s1", "customer", 4.0, 7.0, "This is terrible, I am furious and fed up."),
                  utterance_event("s1", "customer", 8.0, 11.0, "Thank you, that is wonderful, great help.")):
            out += [x for x in await stage.process(e) if isinstance(x, SentimentUpdated)]
        return out

    got = asyncio.run(main())
    assert [(e.t, e.leg, e.role) for e in got] == [(7.0, "caller", "customer"), (11.0, "caller", "customer")]
    assert got[0].value < 0 < got[1].value - got[0].value  # upset, then recovering
    assert set(got[0].to_json()) == {"type", "call_id", "t", "wall", "leg", "role", "value"}  # no words
