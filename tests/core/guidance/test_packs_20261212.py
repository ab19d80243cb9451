"""Packs and matcher 2026.12.12: a required disclosure said is met even when what makes it due was
not heard (the recogniser garbled the marker); a date given in answer to "who are you" is a date of
birth (``answer_masks`` / ``answer_to``). Hand-written lines, with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import (
    CallEvaluator,
    CompiledPolicy,
    Line,
    check_policy,
    evaluate,
    load_policy,
    parse_policy,
)
from ccedge.testing.guidance_script import rule_status


def test_packs_are_20261212() -> None:
    assert min(load_policy(n).version for n in ("finance", "healthcare", "service")) >= "2026.12.12"


def test_a_disclosure_given_is_met_when_its_marker_was_not_heard() -> None:
    # "the overdue balance" as the recogniser wrote it: no debt marker, but the disclosure is there
    garbled = [("agent", "I also need to talk to you about the overdo melons on your loan."),
               ("agent", "Any information obtained will be used for that purpose.")]
    assert rule_status("finance", "mini-miranda", garbled) == "met"
    # neither the debt nor the disclosure: the rule does not apply
    plain = [("agent", "Your balance is fifty pounds.")]
    assert rule_status("finance", "mini-miranda", plain) == "not_applicable"
    # the debt named and the disclosure missing: still violated
    assert rule_status("finance", "mini-miranda",
                       [("agent", "I'm calling about the overdue balance on your loan."),
                        ("agent", "Can you pay today?")]) == "violated"


def test_the_payment_script_said_without_a_payment_marker_is_met() -> None:
    lines = [("agent", "For your security, please enter your card number using your keypad now.")]
    assert rule_status("finance", "payment-script", lines) == "met"


def test_live_the_rule_shows_met_with_its_evidence() -> None:
    policy = load_policy("finance")
    lines = [Line("agent", 2.0, 6.0, "This is an attempt to collect a debt.")]
    _, results = evaluate(policy, lines)
    res = {r.id: r for r in results}["mini-miranda"]
    assert res.status == "met"
    assert res.evidence and res.evidence[0].t0 == 2.0


ANSWERS = '''[policy]
id = "t"
version = "1"

[markers.asked]
role = "agent"
phrases = ["confirm your full name"]

[markers.answered]
role = "customer"
masks = ["DOB"]
answer_masks = ["DATE"]
answer_to = "asked"

[markers.details]
role = "agent"
phrases = ["your balance is"]

[[rules]]
id = "id-first"
kind = "ordering"
first = ["answered"]
then = "details"
message = "Verify first."
'''


def _ordering(lines: list[Line]) -> str:
    return {r.id: r.status for r in evaluate(parse_policy(ANSWERS, "t.toml"), lines)[1]}["id-first"]


def test_a_date_counts_only_as_the_answer_to_the_marker_before_it() -> None:
    asked = Line("agent", 1, 4, "Can you confirm your full name and your native words?")  # "date of birth"
    answer = Line("customer", 5, 8, "Yes, it is Jane Smith and I was born on [DATE].")
    balance = Line("agent", 9, 12, "Thank you, your balance is [NUMBER] pounds.")
    assert _ordering([asked, answer, balance]) == "met"
    # the same date not asked for (a payment date) is no check
    other = Line("agent", 1, 4, "When did you make the payment?")
    assert _ordering([other, answer, balance]) == "violated"
    # the agent speaking in between: the date answers that, not the question
    between = Line("agent", 4.5, 4.9, "Sorry, when did you make the payment?")
    assert _ordering([asked, between, answer, balance]) == "violated"
    # a date of birth the redactor recognised counts whenever it is said
    dob = Line("customer", 5, 8, "It's [DOB].")
    assert _ordering([other, dob, balance]) == "met"


def test_answers_are_judged_whatever_order_the_legs_arrive_in() -> None:
    policy = parse_policy(ANSWERS, "t.toml")
    lines = [Line("customer", 5, 8, "Born on [DATE]."), Line("agent", 9, 12, "Your balance is fifty."),
             Line("agent", 1, 4, "Please confirm your full name.")]  # the question arrives last
    ev = CallEvaluator(CompiledPolicy(policy))
    for ln in lines:
        ev.utterance(ln)
        ev.step()
    _, results = ev.finish(12.0)
    assert {r.id: r.status for r in results}["id-first"] == "met"
    # and an agent line arriving late between question and answer takes the answer away again
    ev.utterance(Line("agent", 4.5, 4.9, "And the payment date?"))
    _, results = ev.finish(13.0)
    assert {r.id: r.status for r in results}["id-first"] == "violated"


@pytest.mark.parametrize(("change", "fault"), [
    ('answer_to = "asked"', "'answer_masks' and 'answer_to' (a marker) go together"),
    ('answer_masks = ["DATE"]\nanswer_to = "nowhere"', "'answer_to' names 'nowhere', which is no marker"),
    ('answer_masks = "DATE"', "'answer_masks' must be a list of non-empty strings"),
])
def test_answer_keys_are_checked(change: str, fault: str) -> None:
    src = ANSWERS.replace('answer_masks = ["DATE"]\nanswer_to = "asked"', change)
    assert any(fault in str(p) for p in check_policy(src, "t.toml")), check_policy(src, "t.toml")


def test_the_packs_take_a_date_given_when_asked_who_one_is() -> None:
    garbled = [("agent", "Of course, can you confirm your full name and your native words"),
               ("customer", "Yes, it is Jane Smith and I will pour on [DATE]"),
               ("agent", "Thank you, your current balance is 250 pounds")]
    assert rule_status("finance", "identity-before-account-details", garbled) == "met"
    unasked = [("agent", "How can I help?"), ("customer", "I paid on [DATE] and it has not shown."),
               ("agent", "Your current balance is 250 pounds")]
    assert rule_status("finance", "identity-before-account-details", unasked) == "violated"
    clinic = [("agent", "Can you confirm your full name?"), ("customer", "It is Maria Lopez."),
              ("agent", "Thank you, and what will your name"), ("customer", "[DATE]."),
              ("agent", "Your lab results came back normal.")]
    assert rule_status("healthcare", "identity-before-phi", clinic) == "met"
    assert rule_status("healthcare", "identity-before-phi", clinic[:2] + clinic[4:]) == "violated"


def test_overdue_written_as_its_homophone_is_a_debt_but_the_verb_is_not() -> None:
    debt = [("agent", "I also need to talk to you about the overdo amount on your card."),
            ("agent", "Can you pay it today?")]
    assert rule_status("finance", "mini-miranda", debt) == "violated"
    verb = [("customer", "I don't want to overdo it, so fifty a month."), ("agent", "That's fine.")]
    assert rule_status("finance", "mini-miranda", verb) == "not_applicable"
