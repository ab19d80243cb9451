"""The second pass feeds QM (issue 15): when a call's transcript is replaced by the better words,
the call is scored again as ``<version>+2p`` beside the live score, which is never overwritten."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from ccedge.core.compliance import SECOND_PASS_SUFFIX, Rescorer, compliance_stages, rescorer
from ccedge.core.events import (
    CallEnded,
    CallStarted,
    DtmfMasked,
    Event,
    Party,
    RedactedText,
    TalkStats,
    UtteranceRedacted,
    WordOut,
)
from ccedge.core.qm import QmStore

CALL = "call-rescore"
# (role, start, text): what the live pass heard; the second pass heard the notice right.
LIVE = [
    ("agent", 1.0, "Thank you for calling Northwind Bank, to scold his wreck order for the rain."),
    ("customer", 8.0, "Hi, I want to check my balance."),
    ("agent", 12.0, "Can you confirm your full name and date of birth?"),
    ("customer", 16.0, "Jane Smith, [DOB]."),
    ("agent", 21.0, "Thank you for verifying. Your balance is two hundred pounds."),
    ("agent", 27.0, "Is there anything else I can help you with today? Have a good day."),
]
BETTER = {0: "Thank you for calling Northwind Bank, this call is recorded for training and quality purposes."}


def _utterance(i: int, role: str, t0: float, text: str) -> UtteranceRedacted:
    words = tuple(WordOut(RedactedText(w), t0 + 0.3 * k, t0 + 0.3 * k + 0.25, 0.9)
                  for k, w in enumerate(text.split()))
    leg = "callee" if role == "agent" else "caller"
    return UtteranceRedacted(call_id=CALL, t=t0 + 3.0, wall=time.time(), leg=leg, role=role,
                             start_s=t0, end_s=t0 + 3.0, text=RedactedText(text), words=words,
                             model="ggml-tiny.en-q8_0")


def _live_events() -> list[Event]:
    parties = (Party("caller", "customer", "…1234", "k-caller"), Party("callee", "agent", "ext-201"))
    out: list[Event] = [CallStarted(call_id=CALL, t=0.0, wall=time.time(), parties=parties,
                                    codecs={"caller": "PCMU", "callee": "PCMU"})]
    out += [_utterance(i, r, t, x) for i, (r, t, x) in enumerate(LIVE)]
    # a 25 s silence the VAD measured: a talk rule, decided by the live stats, not by words
    out.append(TalkStats(call_id=CALL, t=30.0, wall=time.time(), leg="caller", role="customer",
                         talk_s=6.0, talk_ratio=0.3, longest_silence_s=25.0, overtalk_s=0.0,
                         longest_monologue_s=3.0, current_silence_s=0.0))
    out.append(DtmfMasked(call_id=CALL, t=24.0, wall=time.time(), leg="caller", role="customer",
                          method="rfc2833", start_s=24.0, end_s=24.2))
    out.append(CallEnded(call_id=CALL, t=31.0, reason="bye-caller", duration_s=31.0, receipt={}))
    return out


async def _run_live(stages: list[Any], events: list[Event]) -> None:
    for e in events:
        for s in stages:
            for out in await s.process(e):
                assert out.call_id == CALL


def _stored(events: list[Event]) -> list[dict[str, Any]]:
    """The call's events as the vault gives them back after the second pass replaced utterances."""
    out, k = [], 0
    for e in events:
        if isinstance(e, UtteranceRedacted):
            role, t0, _ = LIVE[k]
            e = _utterance(k, role, t0, BETTER.get(k, LIVE[k][2]))
            k += 1
        out.append(e.to_json())
    return out


def test_second_pass_rescore_adds_a_score_beside_the_live_one(tmp_path: Path) -> None:
    stages = list(compliance_stages({"policy": "finance"}, {}, tmp_path))
    events = _live_events()
    asyncio.run(_run_live(stages, events))
    store: QmStore = stages[1].store
    live = store.scores()
    assert len(live) == 1 and not live[0]["version"].endswith(SECOND_PASS_SUFFIX)
    live_rules = store.facts(CALL).rules
    assert live_rules["recording-notice"]["status"] == "violated"
    silence = live_rules["long-silence"]["status"]
    assert silence == "violated"

    again = rescorer(stages)
    assert isinstance(again, Rescorer)
    result = again(CALL, _stored(events))
    assert result is not None and result.version == live[0]["version"] + SECOND_PASS_SUFFIX
    facts = store.facts(CALL)
    assert facts.rules["recording-notice"]["status"] == "met"  # the better words decided
    assert facts.rules["long-silence"]["status"] == silence  # the VAD's measure kept
    assert facts.agent == "ext-201" and facts.caller_key == "k-caller"  # the live call's keys kept
    history = store.versions(CALL)
    assert [v for _, v, _ in history] == [live[0]["version"], result.version]
    assert history[1][2] > history[0][2]  # the notice heard: a better total
    (newest,) = store.scores()
    assert newest["version"] == result.version  # readers see the better score; the live one kept
    assert store.score(CALL, "finance", live[0]["version"]).total == history[0][2]
    assert again(CALL, _stored(events)) is None  # once per version: never overwritten


def test_rescore_without_a_live_score_and_without_a_store(tmp_path: Path) -> None:
    assert rescorer(compliance_stages({"policy": "finance"}, {"store": False}, tmp_path)) is None
    assert rescorer(compliance_stages({"policy": "service"}, {"enabled": False}, tmp_path)) is None
    again = rescorer(compliance_stages({"policy": "finance"}, {}, tmp_path))
    assert again is not None
    result = again(CALL, _stored(_live_events()))  # QM switched on after the call was taken
    assert result is not None and result.version.endswith(SECOND_PASS_SUFFIX)
    rules = again.store.facts(CALL).rules
    assert rules["recording-notice"]["status"] == "met"
