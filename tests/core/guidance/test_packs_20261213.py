"""Packs and matcher 2026.12.13: concept patterns (``near``, ``respond_near``) beside the
paraphrase lists, so a rule hears its meaning in words nobody listed ("we're taping the call");
a value's last digits ("the mobile ending [SSN]") are not the value read out. Hand-written lines
in wordings none of the packs' phrases has, with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import Line, check_policy, evaluate, load_policy, parse_policy
from ccedge.core.guidance.evaluator import masks_said
from ccedge.testing.guidance_script import rule_status


def test_packs_are_20261213_or_later() -> None:
    assert all(load_policy(n).version >= "2026.12.13" for n in ("finance", "healthcare", "service"))


@pytest.mark.parametrize(("pack", "rule", "lines", "status"), [
    ("finance", "recording-notice", [("agent", "Hi, we're taping the chat today, what's up?")], "met"),
    ("finance", "recording-notice", [("agent", "Hi, this chat isn't being taped, what's up?")], "violated"),
    ("healthcare", "recording-notice", [("agent", "Morning, heads up, the line's monitored. What's up?")],
     "met"),
    # escalation asked in other words; offered, and refused with "no supervisor"
    ("service", "escalation-offered", [("customer", "Put me through to somebody higher up, please."),
                                       ("agent", "Sure, I'll fetch my team leader now.")], "met"),
    ("service", "escalation-offered", [("customer", "Put me through to somebody higher up, please."),
                                       ("agent", "There's no supervisor in today, you'll have to make do "
                                                 "with me.")], "violated"),
    # an outcome promised in words no list has; the same declined
    ("finance", "no-outcome-promise", [("agent", "Don't worry, that deferral is a done deal.")], "violated"),
    ("finance", "no-outcome-promise", [("agent", "You are going to be reimbursed, if the review agrees.")],
     "met"),
    ("finance", "no-outcome-promise", [("agent", "You are going to be reimbursed in full.")], "violated"),
    # hardship in other words, answered with a concept of support
    ("finance", "hardship-support", [("customer", "There's nothing left at the end of the month for bills."),
                                     ("agent", "We can freeze the interest while you get straight.")], "met"),
    ("finance", "hardship-support", [("customer", "There's nothing left at the end of the month for bills."),
                                     ("agent", "Right. Anything else?")], "violated"),
    # a lawyer mentioned, whatever the verb
    # (since 2026.12.15 the agent owes the legal-contact procedure: heard and unanswered is "violated")
    ("finance", "legal-mention", [("customer", "I talked to somebody at legal aid about this.")], "violated"),
    # a cancellation of the service, not of an appointment
    ("service", "cancellation-save", [("customer", "I want to cancel my broadband, it's too dear."),
                                      ("agent", "Before you do, I can knock ten percent off.")], "met"),
    ("service", "cancellation-save", [("customer", "The engineer's due Thursday but I must cancel it."),
                                      ("agent", "No problem, I'll move it.")], "not_applicable"),
])
def test_concepts(pack: str, rule: str, lines: list[tuple[str, str]], status: str) -> None:
    assert rule_status(pack, rule, lines) == status


def test_results_named_in_plain_words_are_health_information() -> None:
    early = [("agent", "Your iron levels are back and flagged as low."),
             ("agent", "Can I have your full name and date of birth?")]
    assert rule_status("healthcare", "identity-before-phi", early) == "violated"
    late = [("agent", "Can I have your full name and date of birth?"), ("customer", "Ann Lee, [DOB]."),
            ("agent", "Thanks. The chest scan showed nothing new.")]
    assert rule_status("healthcare", "identity-before-phi", late) == "met"


def test_last_digits_are_not_the_value() -> None:
    assert masks_said("is it still the mobile ending [ssn]".split()) == set()
    assert masks_said("the number is [ssn]".split()) == {"[ssn]"}


def test_a_breach_by_concept_needs_words_heard_for_sure() -> None:
    policy = load_policy("finance")
    sure = [Line("agent", 1.0, 4.0, "Honestly, the waiver is a done deal.")]
    unsure = [Line("agent", 1.0, 4.0, "Honestly, the waiver is a done deal.", unsure=frozenset({"deal"}))]
    assert {r.id: r.status for r in evaluate(policy, sure)[1]}["no-outcome-promise"] == "violated"
    assert {r.id: r.status for r in evaluate(policy, unsure)[1]}["no-outcome-promise"] == "met"


POLICY = '''[policy]
id = "t"
version = "1"

[[rules]]
id = "notice"
kind = "required"
message = "Say it."
{line}
'''


@pytest.mark.parametrize(("line", "fault"), [
    ('near = ["record + "]', "an empty alternative"),
    ('near = "record + call"', "'near' must be a list of non-empty strings"),
    ('phrases = ["x"]\nrespond_near = ["sorry"]', "unknown key 'respond_near'"),
])
def test_a_bad_pattern_is_named_with_its_line(line: str, fault: str) -> None:
    problems = check_policy(POLICY.format(line=line), "t.toml")
    assert problems and any(fault in str(p) for p in problems), problems
    assert any("t.toml:" in str(p) for p in problems)


def test_a_rule_may_be_concepts_alone() -> None:
    policy = parse_policy(POLICY.format(line='near = ["record* + call"]'), "t.toml")
    lines = [Line("agent", 1.0, 3.0, "Calls get recorded here.")]
    assert {r.id: r.status for r in evaluate(policy, lines)[1]}["notice"] == "met"


def test_a_complaint_the_agent_logs_is_a_complaint_however_the_caller_put_it() -> None:
    # the caller describes what went wrong without a complaint word; the agent logs it and apologises
    lines = [("customer", "I opened a bill for four hundred pounds and it's never more than ninety."),
             ("agent", "I'm sorry about that, I'm raising a complaint on the bill right now.")]
    for pack in ("finance", "healthcare", "service"):
        assert rule_status(pack, "complaint-acknowledged", lines) == "met", pack
    # nothing logged, nothing said: not applicable
    assert rule_status("service", "complaint-acknowledged", lines[:1]) == "not_applicable"


def test_implied_by_names_a_marker() -> None:
    bad = POLICY.format(line='phrases = ["x"]').replace('kind = "required"', 'kind = "trigger"') + \
        'implied_by = "nowhere"\n'
    problems = check_policy(bad, "t.toml")
    assert any("'implied_by' names 'nowhere'" in str(p) for p in problems), problems


@pytest.mark.parametrize(("text", "frustrated"), [
    ("It's a joke, it really is.", True),
    ("Every time I ring, somebody says it's sorted.", True),
    ("I am fed up.", True),
    ("It's like banging my head against a brick wall with you lot.", True),
    ("Every time I call you are lovely.", False),
    ("I'm not fed up at all.", False),
])
def test_callers_ways_of_being_fed_up_score_negative(text: str, frustrated: bool) -> None:
    from ccedge.core.language import sentiment
    from ccedge.core.language.sentiment import FRUSTRATED
    assert (sentiment(text) <= FRUSTRATED) is frustrated


def test_still_waiting_is_fed_up_with_or_without_a_negation() -> None:
    from ccedge.core.language import sentiment
    from ccedge.core.language.sentiment import FRUSTRATED
    assert sentiment("I am still waiting for a reply.") <= FRUSTRATED
    assert sentiment("It's still not fixed.") <= FRUSTRATED
