"""Packs and matcher 2026.12.12: a required disclosure said is met even when what makes it due was
not heard (the recogniser garbled the marker). Hand-written lines, with counter-cases."""

from __future__ import annotations

from ccedge.core.guidance import Line, evaluate, load_policy
from ccedge.testing.guidance_script import rule_status


def test_packs_are_20261212() -> None:
    assert {load_policy(n).version for n in ("finance", "healthcare", "service")} == {"2026.12.12"}


def test_a_disclosure_given_is_met_when_its_marker_was_not_heard() -> None:
    # "the overdue balance" as the recogniser wrote it: no debt marker, but the disclosure is there
    garbled = [("agent", "I also need to talk to you about the overdo melons on your loan."),
               ("agent", "Any information obtained will be used for that purpose.")]
    assert rule_status("finance", "mini-miranda", garbled) == "met"
    # neither the debt nor the disclosure: the rule does not apply
    assert rule_status("finance", "mini-miranda", [("agent", "Your balance is fifty pounds.")]) == "not_applicable"
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
