"""Guidance and QM stages wired as the runtime wires them: QM gets rule outcomes through the
guidance stage's ``finish`` (no import between the two), scores at call end, stores off-loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ccedge.core.events import CallEnded, CallStarted, Party, Score
from ccedge.core.guidance import GuidanceStage, load_policy
from ccedge.core.qm import QmStage, QmStore, load_scorecard
from ccedge.testing.guidance_events import utterance_event


def test_call_end_gives_a_score_with_evidence(tmp_path: Path) -> None:
    guidance = GuidanceStage(load_policy("finance"))
    store = QmStore(tmp_path / "qm.sqlite")
    qm = QmStage(load_scorecard("finance"), rules=guidance, store=store, teams={"ext 101": "cards"})
    events = [
        CallStarted(
            call_id="c9",
            t=0.0,
            wall=1.79e9,
            parties=(Party("caller", "customer", "…9876", "salted-k"), Party("callee", "agent", "ext 101")),
        ),
        utterance_event(
            "c9",
            "agent",
            1.0,
            5.0,
            "Thanks for calling, this call is recorded for training and quality purposes.",
        ),
        utterance_event("c9", "customer", 6.0, 9.0, "I want to make a complaint about a fee."),
        utterance_event("c9", "agent", 10.0, 13.0, "I'm sorry to hear that, I will log a complaint."),
        utterance_event("c9", "agent", 14.0, 16.0, "Is there anything else I can help you with?"),
        CallEnded(call_id="c9", t=20.0, reason="bye-caller", duration_s=20.0),
    ]

    async def main() -> list[Score]:
        out = []
        for e in events:  # QM before guidance on purpose: the outcome must not depend on the order
            for stage in (qm, guidance):
                out.extend(x for x in await stage.process(e) if isinstance(x, Score))
        return out

    scores = asyncio.run(main())
    assert len(scores) == 1
    s = scores[0]
    rows = {c["id"]: c for c in s.criteria}
    assert (
        rows["recording-notice"]["status"] == "met" and rows["recording-notice"]["evidence"][0]["t0"] == 1.0
    )
    assert rows["complaint-acknowledged"]["status"] == "met"
    assert rows["payment-script"]["status"] == "not_applicable"
    # the customer complained and said nothing after: sentiment did not recover (care 10/15)
    assert rows["sentiment-recovered"]["status"] == "missed"
    assert s.total == round((60 * 100 + 25 * 100 * 10 / 15 + 15 * 100) / 100, 1)
    assert s.to_json()["type"] == "score"
    facts = store.facts("c9")
    assert facts.agent == "ext 101" and facts.team == "cards" and facts.caller_key == "salted-k"
    assert "complaint" in facts.tags and facts.summary["reason"]["t"] == 6.0
    assert store.versions("c9")[0][:2] == ("finance", "1")
