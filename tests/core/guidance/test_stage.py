"""The live stage on events: prompts as GuidancePrompt events, deadlines noticed from any event,
final statuses handed to QM through ``finish``, bounded state."""

from __future__ import annotations

import asyncio

from ccedge.core.events import CallEnded, CallStarted, GuidancePrompt, Party, TalkStats
from ccedge.core.guidance import GuidanceStage, load_policy
from ccedge.testing.guidance_events import utterance_event


def run(stage: GuidanceStage, events: list) -> list[GuidancePrompt]:  # type: ignore[type-arg]
    async def main() -> list[GuidancePrompt]:
        out: list[GuidancePrompt] = []
        for e in events:
            out.extend(await stage.process(e))  # type: ignore[arg-type]
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
    # talk_stats at 45 s, less the transcript-lag allowance, is past the notice deadline (30 s)
    notice = next(e for e in out if e.rule == "recording-notice" and e.state == "violated")
    assert notice.t == 35.0  # noticed at the talk_stats event, not only at the call's end
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
