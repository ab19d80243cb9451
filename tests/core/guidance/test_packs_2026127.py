"""Packs 2026.12.7, from why the fourth held-out set missed. Every line is hand-written for the test
(not a labelled set's line): other words for the same meaning, through the whole evaluator, with
counter-cases."""

from __future__ import annotations

import pytest

from ccedge.testing.guidance_script import rule_status


@pytest.mark.parametrize(("lines", "want"), [
    # the caller answered a security question (the redactor masked a date of birth): verified,
    # though the agent never said so
    ([("agent", "Can I take your surname and date of birth?"), ("customer", "Patel, [DOB]."),
      ("agent", "Thanks. Your current balance is two hundred pounds.")], "met"),
    # an account number alone is an identifier, not a check
    ([("agent", "What's the account number?"), ("customer", "[ACCOUNT]."),
      ("agent", "Thanks. Your current balance is two hundred pounds.")], "violated"),
    # a date of birth given after the details does not undo the order
    ([("agent", "Your current balance is two hundred pounds."), ("customer", "Right. It's Patel, [DOB].")],
     "violated"),
    # what a pension pot is worth, and where a transfer stands, are account details
    ([("agent", "Morning. Your fund is currently valued at sixty thousand pounds.")], "violated"),
    ([("agent", "Hello. Your transfer request went to our payments team on Monday.")], "violated"),
    ([("agent", "Hello, I can help you transfer your pension to a new provider.")], "not_applicable"),
])
def test_identity_before_account_details(lines: list[tuple[str, str]], want: str) -> None:
    assert rule_status("finance", "identity-before-account-details", lines) == want


@pytest.mark.parametrize(("pack", "rule", "lines", "want"), [
    # the line rather than the call is recorded
    ("healthcare", "recording-notice", [("agent", "Morning, this line is being recorded for training.")],
     "met"),
    ("finance", "recording-notice", [("agent", "Morning, the line is a bit crackly today.")], "violated"),
    # an upset or annoyed caller, or a family nobody told, is complaining
    ("finance", "complaint-acknowledged", [("customer", "Your letter really upset me, to be honest.")],
     "violated"),
    ("healthcare", "complaint-acknowledged",
     [("customer", "I'm quite annoyed, nobody told us the clinic had moved."),
      ("agent", "Sorry about that.")],
     "met"),
    ("service", "complaint-acknowledged", [("customer", "I'm not annoyed, just curious.")], "not_applicable"),
    # thanking the caller at the end closes the call; a bare "bye" does not
    ("finance", "closing", [("agent", "Thank you for your time today, Mr Grey. Goodbye.")], "met"),
    ("service", "closing", [("agent", "Right, bye.")], "violated"),
    # the number on the record in other words
    ("healthcare", "callback-verification",
     [("customer", "Can the nurse ring me later?"), ("agent", "Yes, on the mobile we have on your record?")],
     "met"),
    # a clinician's finding in plain words is health information; an address asked with the date of birth
    ("healthcare", "identity-before-phi", [("agent", "The doctor noted a small fracture in your wrist.")],
     "violated"),
    ("healthcare", "identity-before-phi",
     [("agent", "Can I take your name, date of birth and address?"),
      ("customer", "Sam Lee, [DOB], 4 Mill Lane."),
      ("agent", "Thanks. The physio said your exercises can stop next week.")], "met"),
    # offering to read everything out is more than the minimum necessary
    ("healthcare", "minimum-necessary", [("agent", "I can read you everything on your history if you like.")],
     "violated"),
    ("healthcare", "minimum-necessary", [("agent", "I can read you the date of your next visit.")], "met"),
    # leaving asked politely, or a cheaper deal found elsewhere, is a cancellation
    ("service", "cancellation-save", [("customer", "Hiya, I'd like to cancel my contract.")], "violated"),
    ("service", "cancellation-save", [("customer", "I've found a cheaper deal with another network."),
                                      ("agent", "We can offer you three months free.")], "met"),
    ("service", "cancellation-save", [("customer", "I'd like to leave a message for Sam.")],
     "not_applicable"),
    # the disclosure as "acting as a debt collector"
    ("finance", "mini-miranda", [("customer", "I'm behind with my payments."),
                                 ("agent", "I must tell you we are acting as a debt collector.")], "met"),
])
def test_wider_packs(pack: str, rule: str, lines: list[tuple[str, str]], want: str) -> None:
    assert rule_status(pack, rule, lines) == want
