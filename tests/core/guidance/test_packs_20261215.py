"""Packs 2026.12.15, from the fourteenth held-out set (written blind, then studied): a death, a
lawyer, an escalation, a cancellation and a callback said in idiom; an operation and a repeat
inhaler as health information; an application's state as an account detail; and the legal-contact
procedure as an answer the agent owes. Hand-written lines in other words than the set's, with
counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import load_policy
from ccedge.testing.guidance_script import rule_status

PACKS = ("finance", "healthcare", "service")


def test_packs_are_20261215_or_later() -> None:
    assert all(load_policy(n).version >= "2026.12.15" for n in PACKS)


@pytest.mark.parametrize("pack", ("finance", "healthcare"))
@pytest.mark.parametrize(("customer", "agent", "status"), [
    ("My mother slipped away last month, so I'm sorting her things.",
     "I'm so very sorry. We have a bereavement process for this.", "met"),
    ("Our grandfather has gone to glory, God rest him.", "Right. What's the account number?", "violated"),
    ("We buried my brother on Friday.", "My condolences to you and the family.", "met"),
    # "slipped" and "away" about a payment are no death
    ("The payment slipped through the cracks while I was away.", "Let me look.", "not_applicable"),
])
def test_a_death_said_in_idiom_is_a_bereavement(pack: str, customer: str, agent: str, status: str) -> None:
    assert rule_status(pack, "bereavement", [("customer", customer), ("agent", agent)]) == status


@pytest.mark.parametrize(("agent", "status"), [
    ("That's your right. If you hire an attorney, let us know and we'll deal with them directly.", "met"),
    ("You're entitled to legal advice, and I'll pass this to our legal team.", "met"),
    ("Your cousin can write what he wants, it doesn't change the balance.", "violated"),
])
def test_a_lawyer_mentioned_wants_the_legal_contact_procedure(agent: str, status: str) -> None:
    lines = [("customer", "My cousin's a lawyer and he says you can't do this."), ("agent", agent)]
    assert rule_status("finance", "legal-mention", lines) == status


@pytest.mark.parametrize("pack", ("finance", "service"))
def test_someone_with_more_clout_is_an_escalation(pack: str) -> None:
    lines = [("customer", "Can you put me onto someone with a bit more clout?"),
             ("agent", "Of course, I'll put you through to my supervisor.")]
    assert rule_status(pack, "escalation-offered", lines) == "met"
    assert rule_status(pack, "escalation-offered", [lines[0], ("agent", "No.")]) == "violated"


@pytest.mark.parametrize(("customer", "status"), [
    ("I'm going to have to knock it on the head, I never go.", "violated"),
    ("Just disconnect me, I'll find another provider.", "violated"),
    ("The signal keeps cutting out on me.", "not_applicable"),
])
def test_leaving_said_in_idiom_is_a_cancellation(customer: str, status: str) -> None:
    lines = [("customer", customer), ("agent", "Okay, that's done for you.")]
    assert rule_status("service", "cancellation-save", lines) == status


def test_give_us_a_buzz_asks_for_a_callback() -> None:
    lines = [("customer", "Could the nurse give us a buzz this week?"), ("agent", "Sure, she'll ring you.")]
    assert rule_status("healthcare", "callback-verification", lines) == "violated"
    lines[1] = ("agent", "Sure. The number we have on file ends [PHONE], is that still right?")
    assert rule_status("healthcare", "callback-verification", lines) == "met"


@pytest.mark.parametrize(("agent", "status"), [
    ("The arthroscopy on the ninth wasn't pre-authorised by your medical aid.", "violated"),
    ("I can see the inhaler on your repeats, the last script was in June.", "violated"),
    # the practice called "the surgery" is no health information
    ("Calls to the surgery are recorded, how can I help?", "not_applicable"),
])
def test_an_operation_or_a_repeat_is_health_information(agent: str, status: str) -> None:
    assert rule_status("healthcare", "identity-before-phi", [("agent", agent)]) == status


def test_an_applications_state_is_an_account_detail() -> None:
    lines = [("agent", "I see it, the renovation loan is still pending credit assessment.")]
    assert rule_status("finance", "identity-before-account-details", lines) == "violated"
