"""Packs 2026.12.14: a complaint is also shown by the agent naming the caller's frustration
(``implied_by`` takes a list of markers), and an escalation by "super..." words, the start of
"supervisor" that the recogniser keeps when it garbles the rest ("supermimer"). Hand-written
lines, with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import check_policy, load_policy
from ccedge.testing.guidance_script import rule_status

PACKS = ("finance", "healthcare", "service")


def test_packs_are_20261214_or_later() -> None:
    assert all(load_policy(n).version >= "2026.12.14" for n in PACKS)


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


@pytest.mark.parametrize(("spoken", "written"), [
    ("I wanna go ahead and cancel my internet", "i want to go ahead and cancel my internet"),
    ("I'm gonna miss my payment", "i am going to miss my payment"),
    ("That ain't right, y'all", "that is not right you all"),
    ("Lemme check", "let me check"),
])
def test_spoken_forms_whisper_writes_read_as_the_words(spoken: str, written: str) -> None:
    from ccedge.core.language.normalise import normalise

    assert normalise(spoken) == written


def test_cancelling_in_spoken_form_is_a_cancellation() -> None:
    lines = [("customer", "I wanna go ahead and cancel my internet, the bill went up again."),
             ("agent", "Sure, that's done for you.")]
    assert rule_status("service", "cancellation-save", lines) == "violated"


@pytest.mark.parametrize(("lines", "status"), [
    # hardship told in words no list has; the agent's hardship arrangement shows it was heard
    ([("customer", "The factory's put us all on short time and I'm just not making it."),
      ("agent", "With your hours being cut, you can go on our hardship arrangement.")], "met"),
    # no hardship arrangement named, nothing shows hardship: not applicable
    ([("customer", "The factory's put us all on short time and I'm just not making it."),
      ("agent", "Okay. Anything else?")], "not_applicable"),
])
def test_hardship_is_implied_by_the_agents_hardship_offer(lines: list[tuple[str, str]], status: str) -> None:
    assert rule_status("finance", "hardship-support", lines) == status


def test_a_card_read_out_with_its_expiry_is_a_card_payment() -> None:
    # the caller reads the card and its expiry: a payment taken without the keypad script
    lines = [("agent", "This call is recorded. So, you got a card?"),
             ("customer", "It's a Visa, [PAN], expires [EXPIRY], and the code on the back is [CVV]."),
             ("agent", "Alright, that went through.")]
    assert rule_status("finance", "payment-script", lines) == "violated"
    # a card number alone, to name a disputed charge's card, is no payment
    lines = [("customer", "There's a charge I don't know on my card [PAN]."),
             ("agent", "Let me look into that charge for you.")]
    assert rule_status("finance", "payment-script", lines) == "not_applicable"


def test_the_balance_left_on_a_mortgage_is_an_account_detail() -> None:
    lines = [("agent", "So the balance left on the mortgage is [NUMBER] pound, and the payments are up to "
                       "date.")]
    assert rule_status("finance", "identity-before-account-details", lines) == "violated"


@pytest.mark.parametrize(("agent", "status"), [
    # the offer made before the cancellation is processed: a save
    (["Before I do that, I can offer you twenty percent off for six months.",
      "No problem, that's cancelled for you now."], "met"),
    # the cancellation processed first, a discount mentioned after: no save
    (["Right, that's cancelled for you now. The twenty percent off parts stops at the end of the month."],
     "violated"),
    (["Right, that's cancelled for you now.", "If you come back we can offer you twenty percent off."],
     "violated"),
    # "before I put the cancellation through" is not the cancellation done
    (["Before I put the cancellation through, can I offer you a month free?"], "met"),
])
def test_a_retention_offer_counts_only_before_the_cancellation_is_done(agent: list[str], status: str) -> None:
    lines = [("customer", "I want to cancel my plan."), *(("agent", a) for a in agent)]
    assert rule_status("service", "cancellation-save", lines) == status


def test_respond_before_names_a_marker() -> None:
    head = '[policy]\nid = "t"\nversion = "1"\n\n[[rules]]\nid = "r"\nkind = "trigger"\nmessage = "m"\n' \
        'phrases = ["y"]\nrespond = ["z"]\n'
    problems = check_policy(head + 'respond_before = "nowhere"\n', "t.toml")
    assert any("'respond_before' names 'nowhere'" in str(p) for p in problems), problems
    problems = check_policy(head + 'respond_before = 3\n', "t.toml")
    assert any("'respond_before' must be a string" in str(p) for p in problems), problems
