"""Packs 2026.12.19, from the eighteenth held-out set (written blind, then studied): a death said as
"passed Sunday night", a charge for what was never ordered as a complaint, "your boss" asked for, the
number on file named by the phone's kind; and in the language layer: a contraction ends its word
("g'day" is no "g would ay"), and frustration as calls that keep coming, a call before that came to
nothing, nobody saying sorry, "you people don't care" and anger in Caribbean and West African English.
Hand-written lines in other words than the set's, with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import load_policy
from ccedge.core.language import normalise, sentiment
from ccedge.core.language.sentiment import FRUSTRATED
from ccedge.testing.guidance_script import rule_status

PACKS = ("finance", "healthcare", "service")


def test_packs_are_20261219() -> None:
    assert {load_policy(n).version for n in PACKS} == {"2026.12.19"}


@pytest.mark.parametrize("pack", ("finance", "healthcare"))
@pytest.mark.parametrize(("customer", "status"), [
    ("Her dad passed Friday night, so I'm ringing for the family.", "violated"),
    ("My husband passed overnight in the hospital.", "violated"),
    # a day named beside a check passed is no death
    ("I passed the security check on Friday, didn't I?", "not_applicable"),
])
def test_passed_with_a_day_is_a_death(pack: str, customer: str, status: str) -> None:
    lines = [("customer", customer), ("agent", "Okay. What can I do for you?")]
    assert rule_status(pack, "bereavement", lines) == status


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize(("customer", "status"), [
    ("There's a premium channel on my bill and I never signed up for it.", "violated"),
    ("I never agreed to this insurance, take it off.", "violated"),
    ("I've ordered the new router, when will it come?", "not_applicable"),
])
def test_billed_for_what_was_never_ordered_is_a_complaint(pack: str, customer: str, status: str) -> None:
    lines = [("customer", customer), ("agent", "Okay, let me check.")]
    assert rule_status(pack, "complaint-acknowledged", lines) == status


@pytest.mark.parametrize("pack", ("finance", "service"))
def test_your_boss_asks_for_escalation(pack: str) -> None:
    lines = [("customer", "Can I talk to your boss about this please?"), ("agent", "Let me look.")]
    assert rule_status(pack, "escalation-offered", lines) == "violated"


@pytest.mark.parametrize(("agent", "status"), [
    ("Sure. We have your mobile as the one ending four one. Still correct?", "met"),
    ("Sure, the nurse will call you.", "violated"),
])
def test_the_number_on_file_named_by_the_phones_kind(agent: str, status: str) -> None:
    lines = [("customer", "Could the doctor give me a call back?"), ("agent", agent)]
    assert rule_status("healthcare", "callback-verification", lines) == status


def test_a_contraction_ends_its_word() -> None:
    assert normalise("G'day, you've called") == "good day you have called"
    assert normalise("I'd say we're done") == "i would say we are done"


def test_g_day_greets() -> None:
    assert rule_status("service", "greeting", [("agent", "G'day, Outback Pools. What can I do?")]) == "met"


@pytest.mark.parametrize(("text", "frustrated"), [
    ("You lot keep ringing me at work, it has to stop.", True),
    ("I rang last month and nothing happened.", True),
    ("And nobody has even said sorry.", True),
    ("You people don't care, that's the truth.", True),
    ("This is real nonsense. I'm vexed.", True),
    ("I've had it with this company.", True),
    # no nonsense praised, a caller who doesn't mind, nothing happened as good news
    ("No nonsense, just good service, thank you.", False),
    ("I don't care which day, any day is fine.", False),
])
def test_frustration_of_set_18(text: str, frustrated: bool) -> None:
    assert (sentiment(text) <= FRUSTRATED) == frustrated, sentiment(text)


@pytest.mark.parametrize("pack", ("finance", "healthcare"))
@pytest.mark.parametrize(("agent", "status"), [
    ("Oh, I'm so sorry. She was a lovely lady.", "met"),
    # an apology for a delay after the news is no condolence
    ("I'm so sorry for the delay, the system was slow.", "violated"),
])
def test_so_sorry_after_a_death_is_condolence(pack: str, agent: str, status: str) -> None:
    lines = [("customer", "My wife passed away on Sunday."), ("agent", agent)]
    assert rule_status(pack, "bereavement", lines) == status
