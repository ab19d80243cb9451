"""Packs 2026.12.14: a complaint is also shown by the agent naming the caller's frustration
(``implied_by`` takes a list of markers), and an escalation by "super..." words, the start of
"supervisor" that the recogniser keeps when it garbles the rest ("supermimer"). Hand-written
lines, with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import check_policy, load_policy
from ccedge.testing.guidance_script import rule_status

PACKS = ("finance", "healthcare", "service")


def test_packs_are_20261214() -> None:
    assert {load_policy(n).version for n in PACKS} == {"2026.12.14"}


@pytest.mark.parametrize("pack", PACKS)
def test_a_complaint_the_recogniser_garbled_is_implied_by_the_agents_empathy(pack: str) -> None:
    # "the third time I have called" came back as "my first time": no complaint word is left
    lines = [("customer", "This is my first time I have called and I'm out in this."),
             ("agent", "I am sorry about that, I understand your frustration.")]
    assert rule_status(pack, "complaint-acknowledged", lines) == "met"
    # the same words without the agent naming any frustration: nothing shows a complaint
    assert rule_status(pack, "complaint-acknowledged",
                       [lines[0], ("agent", "Right, let me look at that.")]) == "not_applicable"


def test_implied_by_is_a_marker_or_a_list_of_markers() -> None:
    policy = load_policy("service")
    rule = next(r for r in policy.rules if r.id == "complaint-acknowledged")
    assert rule.implied_by == ("complaint-logged", "frustration-acknowledged")
    head = '[policy]\nid = "t"\nversion = "1"\n\n[markers.m]\nrole = "agent"\nphrases = ["x"]\n\n' \
        '[[rules]]\nid = "r"\nkind = "trigger"\nmessage = "m"\nphrases = ["y"]\n'
    assert check_policy(head + 'implied_by = ["m"]\n', "t.toml") == []
    assert check_policy(head + 'implied_by = "m"\n', "t.toml") == []
    for bad, fault in (('implied_by = ["m", "nowhere"]', "'implied_by' names 'nowhere'"),
                       ('implied_by = [1]', "a marker name or a list of them"),
                       ('implied_by = 3', "a marker name or a list of them")):
        problems = check_policy(head + bad + "\n", "t.toml")
        assert any(fault in str(p) for p in problems), (bad, problems)


@pytest.mark.parametrize("pack", ("finance", "service"))
@pytest.mark.parametrize(("lines", "status"), [
    # "supervisor" garbled past any close spelling; offered back in the same garble
    ([("customer", "And I want to speak to a supermimer."),
      ("agent", "Of course, I will put you through the superminer.")], "met"),
    ([("customer", "And I want to speak to a supermimer."),
      ("agent", "They are all busy, there is nothing more to be done today.")], "violated"),
    # "super" said as praise is no escalation
    ([("customer", "That was super, thanks for sorting it."),
      ("agent", "You're welcome.")], "not_applicable"),
])
def test_escalation_heard_from_the_start_of_supervisor(pack: str, lines: list[tuple[str, str]],
                                                       status: str) -> None:
    assert rule_status(pack, "escalation-offered", lines) == status
