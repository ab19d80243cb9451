"""Packs 2026.12.17, from the sixteenth held-out set (written blind, then studied): a death told as
going home to the Lord or as "we lost him", a patient's condition or screening named, leaving as
"shot of" or "cancel the line", the caller put through to the supervisor just named, "pay the
balance" that is no card payment, a short sound that is no word of a phrase ("last four" is not
"lost my father"), and frustration counted in calls. Hand-written lines in other words than the
set's, with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import load_policy
from ccedge.core.language import PhraseMatcher, sentiment
from ccedge.core.language.sentiment import FRUSTRATED
from ccedge.testing.guidance_script import rule_status

PACKS = ("finance", "healthcare", "service")


def test_packs_are_20261217() -> None:
    assert all(load_policy(n).version >= "2026.12.17" for n in PACKS)


@pytest.mark.parametrize("pack", ("finance", "healthcare"))
@pytest.mark.parametrize(("customer", "status"), [
    ("My mother was called home to be with the Lord in September.", "violated"),
    ("We lost her last month, very sudden.", "violated"),
    ("Our dad, we lost him a fortnight ago.", "violated"),
    # a lost card, a lost phone, a child gone home from school: no death
    ("My husband lost his card last week.", "not_applicable"),
    ("I lost her phone number last month, can you give it me?", "not_applicable"),
    ("My son went home from school early.", "not_applicable"),
])
def test_a_death_in_other_words_is_a_bereavement(pack: str, customer: str, status: str) -> None:
    lines = [("customer", customer), ("agent", "Okay. What can I do for you?")]
    assert rule_status(pack, "bereavement", lines) == status


@pytest.mark.parametrize(("agent", "status"), [
    ("Before we go on: I see her asthma review is booked for Monday.", "violated"),
    ("Your bowel screening kit was sent out on the second.", "violated"),
    ("Before we go on, can I take the patient's date of birth?", "not_applicable"),
])
def test_a_patients_condition_or_screening_is_health_information(agent: str, status: str) -> None:
    assert rule_status("healthcare", "identity-before-phi", [("agent", agent)]) == status


@pytest.mark.parametrize(("customer", "status"), [
    ("I want shot of the home insurance, I'm moving in with my sister.", "violated"),
    ("Just cancel the line, I'm going elsewhere.", "violated"),
    ("Can we get rid of my warranty? The fridge is gone.", "violated"),
    # one visit or one delivery cancelled is no leaving
    ("Could you cancel Thursday's visit, I'll be at work.", "not_applicable"),
])
def test_leaving_in_other_words_is_a_cancellation(customer: str, status: str) -> None:
    lines = [("customer", customer), ("agent", "Okay, that's done for you.")]
    assert rule_status("service", "cancellation-save", lines) == status


@pytest.mark.parametrize("pack", ("finance", "service"))
@pytest.mark.parametrize(("agent", "status"), [
    ("Mr Osei is my team lead and he's in today. I can put you through to him once we're done.", "met"),
    ("I'll just pass you to them, hold the line.", "met"),
    ("I can't transfer you to her, she's in a meeting all day.", "violated"),
])
def test_the_caller_put_through_to_the_senior_person_named(pack: str, agent: str, status: str) -> None:
    lines = [("customer", "I want to talk to your supervisor about this."), ("agent", agent)]
    assert rule_status(pack, "escalation-offered", lines) == status


def test_a_balance_moved_is_no_card_payment() -> None:
    lines = [("agent", "This call is recorded. The payment itself is being moved to the balance today.")]
    assert rule_status("finance", "payment-script", lines) == "not_applicable"


def test_a_short_sound_is_no_word_of_a_phrase() -> None:
    """Metaphone keeps two letters of "four" (F-R), and F-0-R of "father" is close to them by ratio:
    a word matched by sound alone needs a key of three letters or the same key."""
    m = PhraseMatcher(["lost my father"])
    assert m.match("Last four's 6208. Birthday's the third of April.") is None
    assert m.match("I lost my farther in June") is not None  # a misspelling still matches


@pytest.mark.parametrize(("text", "frustrated"), [
    ("This is the second time I've phoned about it.", True),
    ("I have called four times and nobody knows anything.", True),
    ("It's the [NUMBER] time this week, honestly.", True),
    ("It's not fair, we're paying for nothing.", True),
    ("I've been messed about for weeks.", True),
    ("Are you serious right now?", True),
    # praise and a first call are no frustration
    ("Thanks, second time I've called and it's sorted.", False),
    ("Well, shoot, let's do that instead. Beats messing around with the phones.", False),
    ("This is the first time I've phoned you.", False),
])
def test_frustration_counted_in_calls(text: str, frustrated: bool) -> None:
    assert (sentiment(text) <= FRUSTRATED) == frustrated, sentiment(text)
