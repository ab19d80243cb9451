"""Packs 2026.12.6, from why the third held-out set missed. Every line is hand-written for the test
(not a labelled set's line): other words for the same meaning, through the whole evaluator."""

from __future__ import annotations

import pytest

from ccedge.testing.guidance_script import rule_status


@pytest.mark.parametrize(("pack", "rule", "lines", "want"), [
    # account details said with "the", and the next instalment
    ("finance", "identity-before-account-details",
     [("agent", "Right, the account shows a payment of fifty pounds on Monday.")], "violated"),
    ("finance", "identity-before-account-details",
     [("agent", "Thanks, you're all verified now."),
      ("agent", "Your next repayment of ninety pounds comes out on the first.")], "met"),
    # what is paid, then "by card"; the keypad script in other words
    ("finance", "payment-script", [("customer", "Could I settle the arrears by card today?"),
                                   ("agent", "Of course. Key in your card number using your phone keypad.")],
     "met"),
    ("finance", "payment-script", [("customer", "Can I pay the rest by card?"), ("agent", "Sure, go ahead.")],
     "violated"),
    ("finance", "payment-script", [("customer", "Could I settle the arrears by card today?"),
                                   ("agent", "Sure, read it out.")], "violated"),
    # anger and being left waiting are complaints; a manager asked to ring back answers an escalation
    ("service", "complaint-acknowledged", [("customer", "I'm absolutely livid, the box arrived crushed."),
                                           ("agent", "What is the order number?")], "violated"),
    ("finance", "complaint-acknowledged", [("customer", "You double charged me for the same bill.")],
     "violated"),
    ("service", "escalation-offered", [("customer", "Put me through to your boss."),
                                       ("agent", "I'll get my supervisor to ring you today.")], "met"),
    # a callback asked for with "ring"/"phone"; checked in other words; or not a request at all
    ("healthcare", "callback-verification", [("customer", "Could somebody phone me about the referral?"),
                                             ("agent", "Yes, is the best number still your mobile?")], "met"),
    ("healthcare", "callback-verification", [("customer", "Can you ring me when the results are in?"),
                                             ("agent", "Sure, the nurse will ring you.")], "violated"),
    ("healthcare", "callback-verification", [("customer", "Honestly nobody ever rang me back last time.")],
     "not_applicable"),
    # treatment in plain words is health information; the whole history in other words
    ("healthcare", "identity-before-phi", [("agent", "Your notes say the swelling went down.")], "violated"),
    ("healthcare", "minimum-necessary", [("agent", "Shall I read out your whole clinical history?")],
     "violated"),
    # leaving said with "end", and an offer to stay
    ("service", "cancellation-save", [("customer", "I want to terminate my contract."),
                                      ("agent", "How about two months free if you stay with us?")], "met"),
    # "anything else" in any form closes a call
    ("service", "closing", [("agent", "Okay, that's sorted. Anything else while I have you?")], "met"),
    # negation: no promise
    ("finance", "no-outcome-promise", [("agent", "I can't guarantee it will be approved, sorry.")], "met"),
])
def test_wider_packs(pack: str, rule: str, lines: list[tuple[str, str]], want: str) -> None:
    assert rule_status(pack, rule, lines) == want


def test_forbidden_phrases_take_no_words_inside() -> None:
    # "all of your records" is the whole record; "all of your recent records" is not
    said = [("agent", "I can send all of your records.")]
    assert rule_status("healthcare", "minimum-necessary", said) == "violated"
    assert rule_status("healthcare", "minimum-necessary",
                   [("agent", "I can send all of your recent blood records.")]) == "met"


def test_a_number_masked_inside_the_payment_segment_is_a_read_back() -> None:
    # the redactor masks every number said inside the payment segment as [PAYMENT]
    pay = [("customer", "I'd like to pay the balance by card."), ("agent", "Go ahead with the card number."),
           ("customer", "[PAYMENT].")]
    echo = ("agent", "Right, so [PAYMENT], yes?")
    assert rule_status("finance", "no-full-pan-readback", [*pay, echo]) == "violated"
    assert rule_status("finance", "no-full-pan-readback",
                   [*pay, ("agent", "Your receipt number is [PAYMENT].")]) == "met"
    assert rule_status("finance", "no-full-pan-readback", pay) == "met"
