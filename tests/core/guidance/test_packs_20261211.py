"""Packs 2026.12.11, from why held-out set 9 missed: a day of the month is not a card, refunds
promised outright, condolences said plainly, a senior colleague booked to ring back, and more ways
to give a name and offer more help. Every line is hand-written for the test, with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import load_policy
from ccedge.core.guidance.evaluator import masks_said
from ccedge.core.language import normalise
from ccedge.testing.guidance_script import rule_status


def test_packs_are_20261211_or_later() -> None:
    assert min(load_policy(n).version for n in ("finance", "healthcare", "service")) >= "2026.12.11"


def test_a_day_of_the_month_is_not_a_card_but_a_birthday_stays_one() -> None:
    def said(text: str) -> set[str]:
        return masks_said(normalise(text).split())

    assert said("It went out on the [NUMBER], both times.") == set()
    assert said("I was born on the [DOB].") == {"[dob]"}  # a date of birth is still one
    assert said("So, after [NUMBER].") == {"[number]"}  # a read back misheard stays a read back
    pay = [("customer", "I'd like to pay by card."), ("customer", "It's [PAN].")]
    day = ("agent", "Lovely, that'll come out on the [NUMBER].")
    assert rule_status("finance", "no-full-pan-readback", [*pay, day]) == "met"


@pytest.mark.parametrize(("pack", "rule", "lines", "want"), [
    ("finance", "no-outcome-promise",
     [("agent", "You'll get it back, no question about it, I'll make sure of that myself.")], "violated"),
    ("finance", "no-outcome-promise",
     [("agent", "I can't say how the dispute will end, but I've raised it today.")], "met"),
    ("healthcare", "bereavement",
     [("customer", "My father passed away last week."),
      ("agent", "Oh, that's an awful time for you.")], "met"),
    # an apology for something else is no condolence
    ("healthcare", "bereavement",
     [("customer", "My father passed away last week."),
      ("agent", "I'm sorry the form wasn't sent to you, I'll post it today.")], "violated"),
    ("finance", "escalation-offered",
     [("customer", "I want someone higher up."),
      ("agent", "I'll get her to ring you this afternoon.")], "met"),
    ("service", "agent-name", [("agent", "Morning, you're talking to Sam, what can I do?")], "met"),
    ("service", "closing", [("agent", "Any other questions I can help with today?")], "met"),
])
def test_wider_lists(pack: str, rule: str, lines: list[tuple[str, str]], want: str) -> None:
    assert rule_status(pack, rule, lines) == want
