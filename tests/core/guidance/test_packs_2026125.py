"""Packs 2026.12.5 and the matcher fix found while studying the second held-out set. Every example
is hand-written for the test (not a labelled set's line); each shows what failed and now passes."""

from __future__ import annotations

import pytest

from ccedge.core.language import PhraseMatcher
from ccedge.testing.guidance_script import rule_status


@pytest.mark.parametrize("heard", ["no", "on", "is it"])
def test_a_short_utterance_does_not_match_inside_a_longer_phrase(heard: str) -> None:
    # rapidfuzz's partial ratio aligns the shorter string inside the longer: "no" scored 100
    # against "it is not on", and a caller's bare "no" opened a complaint
    assert PhraseMatcher(["it is not on", "is it possible to"]).match(heard) is None



@pytest.mark.parametrize(("pack", "rule", "lines", "want"), [
    ("finance", "recording-notice", [("agent", "Westbank, our calls are recorded, Ann speaking.")], "met"),
    ("healthcare", "recording-notice", [("agent", "Hillside surgery, calls are recorded for monitoring.")],
     "met"),
    ("service", "agent-name", [("agent", "Morning, Fibrenet, this is [NAME].")], "met"),
    ("finance", "no-outcome-promise", [("agent", "I promise that charge will come off.")], "violated"),
    ("finance", "hardship-support", [("customer", "I've been made redundant and money is tight."),
                                     ("agent", "Let me set up a hardship plan with you.")], "met"),
    ("healthcare", "identity-before-phi",
     [("agent", "Your dose of the tablets goes up to twenty milligrams.")], "violated"),
    ("healthcare", "minimum-necessary", [("agent", "Shall I go through all the notes on your file?")],
     "violated"),
    ("service", "complaint-acknowledged", [("customer", "The engineer never came, it was appalling."),
                                           ("agent", "Right, what's your postcode?")], "violated"),
])
def test_wider_packs(pack: str, rule: str, lines: list[tuple[str, str]], want: str) -> None:
    assert rule_status(pack, rule, lines) == want
