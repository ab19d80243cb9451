"""Packs 2026.12.16, from the fifteenth held-out set (written blind, then studied): hard times,
a death told in a blessing, a child's vaccinations, a record of tests and clinics read out, a call
asked for as "can she phone me", leaving as "pack in", an ID card's number that is no card
payment; and words of anger VADER reads as neutral or positive (from sets 12-15). Hand-written lines
in other words than the sets', with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import load_policy
from ccedge.testing.guidance_script import rule_status

PACKS = ("finance", "healthcare", "service")


def test_packs_are_20261216() -> None:
    assert all(load_policy(n).version >= "2026.12.16" for n in PACKS)


@pytest.mark.parametrize(("customer", "agent", "status"), [
    ("Times have been tough since the mill closed, I'm managing small small.",
     "We have a support plan for people going through a difficult time.", "met"),
    ("Times are hard, the customers do not come any more.", "Okay. How much can you pay today?", "violated"),
    # "times" said about how often is no hardship
    ("You lot ring me five times a day, it's too much.", "Sorry about that.", "not_applicable"),
])
def test_hard_times_are_hardship(customer: str, agent: str, status: str) -> None:
    assert rule_status("finance", "hardship-support", [("customer", customer), ("agent", agent)]) == status


@pytest.mark.parametrize("pack", ("finance", "healthcare"))
def test_a_death_told_in_a_blessing_is_a_bereavement(pack: str) -> None:
    lines = [("customer", "My wife, God rest her soul, passed in the spring."),
             ("agent", "I'm so sorry for your loss.")]
    assert rule_status(pack, "bereavement", lines) == "met"


def test_an_id_cards_number_is_no_card_payment() -> None:
    lines = [("agent", "This call is recorded. Can I have your date of birth and your ID card number?")]
    assert rule_status("finance", "payment-script", lines) == "not_applicable"
    lines = [("agent", "This call is recorded. Okay, read me your card number and the expiry.")]
    assert rule_status("finance", "payment-script", lines) == "violated"


def test_a_childs_vaccinations_are_health_information() -> None:
    lines = [("agent", "On Tuesday he had his measles dose and the booster.")]
    assert rule_status("healthcare", "identity-before-phi", lines) == "violated"


def test_a_record_of_tests_and_clinics_read_out_is_more_than_needed() -> None:
    lines = [("customer", "I just wanted to cancel his appointments."),
             ("agent", "He's down for the echocardiogram, the diabetic foot clinic and the INR check, and "
                       "the urologist about his prostate.")]
    assert rule_status("healthcare", "minimum-necessary", lines) == "violated"


@pytest.mark.parametrize(("customer", "status"), [
    ("Can the nurse phone me rather than email?", "violated"),
    ("I'll ring the pharmacy myself tomorrow.", "not_applicable"),
])
def test_can_she_phone_me_asks_for_a_callback(customer: str, status: str) -> None:
    lines = [("customer", customer), ("agent", "Sure.")]
    assert rule_status("healthcare", "callback-verification", lines) == status


def test_pack_in_me_membership_is_a_cancellation() -> None:
    lines = [("customer", "I wanna pack in me membership, I'm on nights now."), ("agent", "Okay, done.")]
    assert rule_status("service", "cancellation-save", lines) == "violated"


@pytest.mark.parametrize(("text", "frustrated"), [
    ("Unbelievable. Okay. My debit card.", True),
    ("I'm honestly really upset right now.", True),
    ("I'll be honest, I'm still pretty steamed about all this. I really am.", True),
    ("And this is how you talk to a customer? Forget it.", True),
    ("Nobody seems to care that she's gone.", True),
    # praise, a negation and a stomach are not anger
    ("Unbelievable, thank you so much!", False),
    ("I'm not upset at all.", False),
    ("I've had an upset stomach since Tuesday.", False),
])
def test_anger_vader_reads_as_neutral_scores_frustrated(text: str, frustrated: bool) -> None:
    from ccedge.core.language import sentiment
    from ccedge.core.language.sentiment import FRUSTRATED

    assert (sentiment(text) <= FRUSTRATED) == frustrated, sentiment(text)
