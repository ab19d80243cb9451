"""Packs 2026.12.8, from why the fifth held-out set missed. Every line is hand-written for the test
(not a labelled set's line): other words for the same meaning, through the whole evaluator, with
counter-cases."""

from __future__ import annotations

import pytest

from ccedge.testing.guidance_script import rule_status


@pytest.mark.parametrize(("lines", "want"), [
    # arrears in days, and a settlement figure, are account details: before security, violated
    ([("agent", "Morning. So you're ninety days past due on the loan."),
      ("agent", "Can I take your name and date of birth?")], "violated"),
    ([("agent", "Right, to pay the agreement off in full it'd be four thousand pounds.")], "violated"),
    ([("agent", "What's your name and date of birth?"), ("customer", "Priya Shah, [DOB]."),
      ("agent", "Thanks, you're twelve days behind, so forty pounds to bring it current.")], "met"),
    # asking about a settlement is not being told one
    ([("customer", "Hi, I'd like a settlement quote on my car please.")], "not_applicable"),
])
def test_identity_before_account_details(lines: list[tuple[str, str]], want: str) -> None:
    assert rule_status("finance", "identity-before-account-details", lines) == want


@pytest.mark.parametrize(("pack", "rule", "lines", "want"), [
    # hardship in everyday words, answered by a named programme or by advice
    ("finance", "hardship-support", [("customer", "I got laid off last month, I can barely cover the rent."),
                                     ("agent", "I can put you on our hardship program today.")], "met"),
    ("finance", "hardship-support", [("customer", "I'm on sick pay and money's really tight."),
                                     ("agent", "Okay. What's the card number?")], "violated"),
    ("finance", "hardship-support", [("customer", "I'd like to pay my loan off early.")], "not_applicable"),
    # an outcome promised outright
    ("finance", "no-outcome-promise", [("agent", "Don't worry, this one's getting approved for sure.")],
     "violated"),
    ("finance", "no-outcome-promise", [("agent", "I can't say whether it will be approved, that's the "
                                                 "underwriters' decision.")], "met"),
    # the supervisor fetched rather than offered
    ("finance", "escalation-offered", [("customer", "Can I speak to your supervisor please?"),
                                       ("agent", "Sure, let me see if she's free.")], "met"),
    ("finance", "escalation-offered", [("customer", "Can I speak to your supervisor please?"),
                                       ("agent", "They're all busy today, it's just me.")], "violated"),
    # a complaint about the wait
    ("finance", "complaint-acknowledged", [("customer", "I've been on hold for ages, which is a bit much."),
                                           ("agent", "I'm sorry about that.")], "met"),
    # the question at the end, in dialect
    ("finance", "closing", [("agent", "Is there owt else I can do for you today?")], "met"),
    # a callback asked for colloquially, and the number on the record checked by its kind
    ("healthcare", "callback-verification",
     [("customer", "Could the nurse give me a bell this afternoon?"),
      ("agent", "Sure, is the cell ending four two still good?")], "met"),
    ("healthcare", "callback-verification", [("customer", "Can someone give me a bell about it?"),
                                             ("agent", "Okay, bye.")], "violated"),
    # more of the record offered than was asked for
    ("healthcare", "minimum-necessary",
     [("agent", "I also see a referral to the heart clinic, do you want me to read those out?")], "violated"),
    ("healthcare", "minimum-necessary", [("agent", "Your prescription is ready to collect.")], "met"),
    # condolences said about the relative
    ("healthcare", "bereavement", [("customer", "My brother passed away on Friday."),
                                   ("agent", "Oh, I'm so sorry about your brother.")], "met"),
    ("healthcare", "bereavement", [("customer", "My brother passed away on Friday."),
                                   ("agent", "Okay, what's his date of birth?")], "violated"),
    # distress at what the practice did is a complaint
    ("healthcare", "complaint-acknowledged", [("customer", "You sent him a reminder, it was awful to see.")],
     "violated"),
    # a reason to stay offered to a caller who will cancel
    ("service", "cancellation-save",
     [("customer", "If it's not fixed by Friday I'm cancelling and going elsewhere."),
      ("agent", "If you stay I'll credit you a full month.")], "met"),
])
def test_rules_from_the_fifth_held_out_set(
    pack: str, rule: str, lines: list[tuple[str, str]], want: str
) -> None:
    assert rule_status(pack, rule, lines) == want


def test_results_and_sessions_are_phi() -> None:
    lines = [("agent", "Yes, your results are back and the doctor marked them as normal."),
             ("agent", "Can I take your name and date of birth?")]
    assert rule_status("healthcare", "identity-before-phi", lines) == "violated"
    lines = [("agent", "I've cancelled his remaining sessions with Dr Lee.")]
    assert rule_status("healthcare", "identity-before-phi", lines) == "violated"
