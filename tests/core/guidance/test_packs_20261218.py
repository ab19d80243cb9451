"""Packs 2026.12.18, from the seventeenth held-out set (written blind, then studied): an organisation
making a payment or a funeral policy that is no card payment and no death, "passed" with a when,
escalation asked of "anyone" "above you" or of someone who can decide, leaving said as "I want to
cancel" but not one day's visit, a share account and its sum in euro, "sorry for your trouble" that
is condolence and not an apology for a complaint, a medicine named by the agent; and in the language
layer: VADER's internet acronyms that are letters and names in a call, the same promise heard
before, dropped g's and o's in written dialect, and a group of a concept pattern that says a
negation in one alternative only. Hand-written lines in other words than the set's, with
counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import load_policy
from ccedge.core.language import normalise, sentiment
from ccedge.core.language.near import NearMatcher
from ccedge.core.language.sentiment import FRUSTRATED
from ccedge.testing.guidance_script import rule_status

PACKS = ("finance", "healthcare", "service")


def test_packs_are_20261218() -> None:
    assert all(load_policy(n).version >= "2026.12.18" for n in PACKS)


@pytest.mark.parametrize(("agent", "status"), [
    # the organisation paying out is no card payment
    ("This call is recorded. Once probate is granted we'll make the payment to the estate account.",
     "not_applicable"),
    ("This call is recorded. Sure, read me the card number and the expiry date.", "violated"),
])
def test_a_payment_made_by_the_organisation_is_no_card_payment(agent: str, status: str) -> None:
    assert rule_status("finance", "payment-script", [("agent", agent)]) == status


@pytest.mark.parametrize("pack", ("finance", "healthcare"))
@pytest.mark.parametrize(("customer", "status"), [
    ("My mum passed in March and the letters keep coming in her name.", "violated"),
    ("Dad passed last month, very peaceful.", "violated"),
    # a funeral plan, a test passed: no death
    ("I want to check my funeral plan is up to date.", "not_applicable"),
    ("I passed my driving test in March, so can I get the discount?", "not_applicable"),
])
def test_passed_with_a_when_is_a_death(pack: str, customer: str, status: str) -> None:
    lines = [("customer", customer), ("agent", "Okay. What can I do for you?")]
    assert rule_status(pack, "bereavement", lines) == status


@pytest.mark.parametrize("pack", ("finance", "service"))
@pytest.mark.parametrize(("customer", "status"), [
    ("Is there anybody there with more authority than you?", "violated"),
    ("Who's above you that I can talk to?", "violated"),
    ("Is there someone who can actually make a decision on this?", "violated"),
    # someone who can help is no escalation
    ("Is there someone who can help me with my password?", "not_applicable"),
])
def test_escalation_asked_in_other_words(pack: str, customer: str, status: str) -> None:
    lines = [("customer", customer), ("agent", "Let me look at that.")]
    assert rule_status(pack, "escalation-offered", lines) == status


@pytest.mark.parametrize(("customer", "status"), [
    ("Honestly I just want to cancel, it's not for me.", "violated"),
    ("I'd like to cancel, please.", "violated"),
    # one visit, one order: no leaving
    ("I need to cancel Friday's engineer, I'll be away.", "not_applicable"),
    ("I want to cancel the order I placed last night.", "not_applicable"),
])
def test_i_want_to_cancel_is_leaving_but_not_one_booking(customer: str, status: str) -> None:
    lines = [("customer", customer), ("agent", "Okay, that's done.")]
    assert rule_status("service", "cancellation-save", lines) == status


def test_a_share_account_and_its_sum_are_account_details() -> None:
    lines = [("agent", "This call is recorded. Her share account has nine hundred euro in it.")]
    assert rule_status("finance", "identity-before-account-details", lines) == "violated"


def test_sorry_for_your_trouble_is_condolence_not_a_complaint() -> None:
    lines = [("customer", "My father died on Sunday and I'm the executor."),
             ("agent", "I'm very sorry for your trouble. Let me take you through what happens next.")]
    assert rule_status("finance", "complaint-acknowledged", lines) == "not_applicable"


@pytest.mark.parametrize(("agent", "status"), [
    ("Your ventolin and the symbicort have both been signed off.", "violated"),
    ("Can I take your name and date of birth first?", "not_applicable"),
])
def test_a_medicine_named_by_the_agent_is_health_information(agent: str, status: str) -> None:
    assert rule_status("healthcare", "identity-before-phi", [("agent", agent)]) == status


@pytest.mark.parametrize(("text", "frustrated"), [
    ("Friday. Lovely. They said that last time as well.", True),
    ("It's all too much, I can't cope with it.", True),
    # a reference spelled out and a greeting are nothing
    ("It's K I A, L, seven seven two.", False),
    ("Kia ora, it's Mere here.", False),
])
def test_frustration_and_what_is_no_feeling(text: str, frustrated: bool) -> None:
    assert (sentiment(text) <= FRUSTRATED) == frustrated, sentiment(text)


def test_spelled_letters_and_names_score_nothing() -> None:
    assert sentiment("It's K I A, L, seven seven two.") == 0.0
    assert sentiment("Kia ora, it's Mere here.") == 0.0


def test_dropped_letters_of_written_dialect_are_spelled_out() -> None:
    assert normalise("I'm wantin' shot o' the broadband, movin' in wi' him") == \
        "i am wanting shot of the broadband moving in with him"
    assert normalise("It's five o'clock") == "it is five o clock"


def test_a_negation_binds_only_the_alternative_that_says_it() -> None:
    m = NearMatcher(["not fair | unfair"])
    assert m.match("that's so unfair") is not None and m.match("that is not fair") is not None
    assert m.match("that's fair enough") is None and m.match("it's not unfair") is None
