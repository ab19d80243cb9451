"""Packs 2026.12.9, from why the sixth held-out set missed, and amounts that are not a card read back.
Every line is hand-written for the test (not a labelled set's line), with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance.evaluator import masks_said
from ccedge.core.language import normalise
from ccedge.testing.guidance_script import rule_status


def test_a_masked_amount_is_not_a_masked_card() -> None:
    def said(text: str) -> set[str]:
        return masks_said(normalise(text).split())

    assert said("The balance is [NUMBER] and [NUMBER] pounds [NUMBER], all up to date.") == set()
    assert said("I can see [PAN] pounds from the account [ACCOUNT].") == {"[account]"}
    assert said("That's [PAN]. Expiry and the code?") == {"[pan]"}
    assert said("So [PAN], and it's [NUMBER] dollars today.") == {"[pan]"}
    after_payment = [("customer", "I'd like to pay by card."),
                     ("agent", "Sure. Okay, that's [PAN] pounds taken, thank you.")]
    assert rule_status("finance", "no-full-pan-readback", after_payment) == "met"
    dollar_sign = [("customer", "I'd like to pay by card."), ("agent", "Done, $[PAN] taken, thank you.")]
    assert rule_status("finance", "no-full-pan-readback", dollar_sign) == "met"
    read_back = [("customer", "I'd like to pay by card."), ("agent", "So that's [PAN], and the expiry?")]
    assert rule_status("finance", "no-full-pan-readback", read_back) == "violated"


@pytest.mark.parametrize(("pack", "rule", "lines", "want"), [
    # a notice that what is said is kept on record
    ("finance", "recording-notice", [("agent", "Morning, everything we say today is kept on record.")],
     "met"),
    # a collector who names itself, and a debt it bought, make the call a debt call
    ("finance", "mini-miranda", [("agent", "Hi, this is about the account we bought from your old phone "
                                           "company."), ("agent", "Can I take your name?")], "violated"),
    ("finance", "mini-miranda", [("agent", "I'm a debt collector, I'm trying to collect a debt, and "
                                           "whatever you tell me can be used for that.")], "met"),
    # "your account" alone is not an overdue one
    ("finance", "mini-miranda", [("agent", "The refund will be on your account by Friday.")],
     "not_applicable"),
    # a supervisor talked down is not offered
    ("finance", "escalation-offered",
     [("customer", "Can I talk to your supervisor?"),
      ("agent", "My supervisor's gonna tell you the same thing.")],
     "violated"),
    # hours cut, and a skipped payment offered
    ("finance", "hardship-support", [("customer", "They cut my hours at work and it's been real tight."),
                                     ("agent", "We have a hardship option, I can do a skip-a-pay.")], "met"),
    ("finance", "complaint-acknowledged", [("customer", "You lot keep ringing me, it's harassment."),
                                           ("agent", "What's your postcode?")], "violated"),
    # nobody came or called back
    ("healthcare", "complaint-acknowledged", [("customer", "The pickup never showed and nobody called.")],
     "violated"),
    # a price rise without warning, a late engineer
    ("service", "complaint-acknowledged", [("customer", "My bill went up with no warning whatsoever."),
                                           ("agent", "I'm sorry about that.")], "met"),
    ("service", "complaint-acknowledged", [("customer", "The engineer came three hours late last time.")],
     "violated"),
])
def test_rules_from_the_sixth_held_out_set(
    pack: str, rule: str, lines: list[tuple[str, str]], want: str
) -> None:
    assert rule_status(pack, rule, lines) == want


def test_procedures_claims_and_notes_are_phi() -> None:
    for said in ("You're the colonoscopy on the ninth at the endoscopy unit.",
                 "So I'm looking at his claims for this year, the hospital admission first.",
                 "The nurse note says your mom was settled."):
        lines = [("agent", said), ("agent", "Can I take the date of birth?")]
        assert rule_status("healthcare", "identity-before-phi", lines) == "violated", said
