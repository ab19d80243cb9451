"""Packs 2026.12.10, from why held-out sets 7 and 8 missed: a record read out item by item, a number
repeated inside the payment segment, masks that count or measure, a disclosure given early, and wider
lists. Every line is hand-written for the test (not a labelled set's line), with counter-cases."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import GuidanceError, Line, evaluate, parse_policy
from ccedge.core.guidance.evaluator import masks_said
from ccedge.core.language import normalise
from ccedge.testing.guidance_script import rule_status

HEAD = '[policy]\nid = "t"\nversion = "1"\n'
RECORD = HEAD + """
[[rules]]
id = "record"
kind = "forbidden"
message = "Only what was asked."
items = ["metformin", "insulin", "blood pressure", "asthma", "x ray"]
items_min = 3
"""


def _record(lines: list[Line]) -> str:
    _, res = evaluate(parse_policy(RECORD, "t.toml"), lines)
    return {r.id: r.status for r in res}["record"]


def test_a_record_read_out_item_by_item() -> None:
    one = [Line("agent", 1, 9, "You're on metformin and insulin, your blood pressure's fine.")]
    assert _record(one) == "violated"
    assert _record([Line("agent", 1, 5, "Your metformin is ready to collect.")]) == "met"
    # the live cut splits a list read in one breath: the items of one run of the agent's utterances count
    split = [Line("agent", 1, 4, "So there's the metformin,"), Line("agent", 4.5, 8, "the insulin,"),
             Line("agent", 8.5, 12, "and the asthma review.")]
    assert _record(split) == "violated"
    # in any arrival order (the legs' workers may deliver out of order)
    assert _record(split[::-1]) == "violated"
    # the caller speaking in between ends the run: answers to questions, one item each
    asked = [Line("agent", 1, 4, "Your metformin is ready."), Line("customer", 5, 6, "And the other one?"),
             Line("agent", 7, 9, "The insulin too."), Line("customer", 10, 11, "Thanks. My chest x-ray?"),
             Line("agent", 12, 14, "The x ray came back clear.")]
    assert _record(asked) == "met"
    assert _record(sorted(asked, key=lambda ln: -ln.start_s)) == "met"
    # the recogniser unsure of a word: no breach on it
    unsure = [Line("agent", 1, 9, "Metformin, insulin and the asthma.", unsure=frozenset({"asthma"}))]
    assert _record(unsure) == "met"


def test_the_pack_hears_a_record_read_out() -> None:
    dump = [("customer", "I just need my refill."),
            ("agent", "Sure, I can see your lisinopril, the sertraline for the anxiety, and the "
                      "colonoscopy referral from March.")]
    assert rule_status("healthcare", "minimum-necessary", dump) == "violated"
    answer = [("customer", "Is my lisinopril ready?"), ("agent", "Yes, the lisinopril is ready today.")]
    assert rule_status("healthcare", "minimum-necessary", answer) == "met"


@pytest.mark.parametrize(("body", "why"), [
    ('items = ["a", "b"]\n', "'items' and 'items_min' go together"),
    ('items = ["a", "b"]\nitems_min = 3\n', "'items' and 'items_min' go together"),
    ('items = "a b"\nitems_min = 2\n', "'items' must be a list"),
    ('echo_masks = ["PAYMENT"]\n', "'echo_masks' needs 'after'"),
])
def test_item_and_echo_keys_are_checked(body: str, why: str) -> None:
    src = HEAD + '[[rules]]\nid = "r"\nkind = "forbidden"\nmessage = "m"\nphrases = ["x"]\n' + body
    with pytest.raises(GuidanceError, match=why):
        parse_policy(src, "t.toml")


def test_after_masks_without_echo_masks() -> None:
    # a site's policy may have after_masks without echo_masks (the shipped finance pack has both)
    head = HEAD + '[markers.pay]\nphrases = ["pay by card"]\n[[rules]]\nid = "r"\nkind = "forbidden"\n' \
        'message = "m"\nmasks = ["PAN"]\nafter = "pay"\n'
    pay = Line("customer", 1, 2, "I want to pay by card, it's [PAYMENT].")
    echo = Line("agent", 3, 4, "So [NUMBER], and [PAYMENT].")
    both = 'after_masks = ["CVV"]\necho_masks = ["PAYMENT"]\n'
    for keys, want in (('after_masks = ["NUMBER"]\n', "violated"), ('after_masks = ["CVV"]\n', "met"),
                       (both, "violated")):
        _, res = evaluate(parse_policy(head + keys, "t.toml"), [pay, echo])
        assert {r.id: r.status for r in res}["r"] == want, keys


def test_masks_that_count_or_measure_are_not_a_card() -> None:
    def said(text: str) -> set[str]:
        return masks_said(normalise(text).split())

    assert said("Type the [NUMBER] digit code on the back.") == set()
    assert said("We can pause it for [NUMBER] months.") == set()
    assert said("That's the card ending [PAN], is that right?") == set()
    assert said("Okay, [PAN], and the expiry?") == {"[pan]"}  # a card number is read back
    pay = [("customer", "I'd like to pay by card."), ("customer", "Here's the number.")]
    ending = ("agent", "Card ending [PAN], thanks.")
    assert rule_status("finance", "no-full-pan-readback", [*pay, ending]) == "met"


def test_a_payment_number_counts_only_as_an_echo() -> None:
    # [PAYMENT]: any number said inside the payment segment; the agent repeating the caller's is a read back
    pay = [("customer", "I want to pay by card."), ("agent", "Go on then."), ("customer", "It's [PAYMENT].")]
    echo = ("agent", "[PAYMENT], got it.")
    assert rule_status("finance", "no-full-pan-readback", [*pay, echo]) == "violated"
    chat = [("customer", "I want to pay by card."), ("agent", "How much would you like to pay?"),
            ("customer", "Whatever I can, honestly.")]
    assert rule_status("finance", "no-full-pan-readback", [*chat, ("agent", "[PAYMENT] is fine.")]) == "met"
    bye = [*pay, ("agent", "Thanks, that's gone through."), ("customer", "Brilliant, cheers."),
           ("agent", "You have a good [PAYMENT].")]
    assert rule_status("finance", "no-full-pan-readback", bye) == "met"
    # introduced as the caller's number
    assert rule_status("finance", "no-full-pan-readback",
                       [*chat, ("agent", "So that's [PAYMENT], let me just check.")]) == "violated"


def test_a_disclosure_given_before_the_debt_is_named_counts() -> None:
    early = [("agent", "Before we go on: this is an attempt to collect a debt, and anything you say "
                       "will be used for that purpose."),
             ("agent", "I'm calling about the overdue balance on your loan.")]
    assert rule_status("finance", "mini-miranda", early) == "met"
    never = [("agent", "I'm calling about the overdue balance on your loan."),
             ("agent", "Can you pay today?")]
    assert rule_status("finance", "mini-miranda", never) == "violated"


@pytest.mark.parametrize(("pack", "rule", "lines", "want"), [
    # the name asked together with another identifier, then PHI
    ("healthcare", "identity-before-phi",
     [("agent", "Name and date of birth for me?"), ("customer", "[NAME], [DOB]."),
      ("agent", "Thanks. Your test results are back and they're normal.")], "met"),
    # a procedure named before any identifier is PHI
    ("healthcare", "identity-before-phi",
     [("agent", "Imaging desk. Your CT scan is booked for Monday at nine.")], "violated"),
    # hours cut, money short
    ("finance", "hardship-support",
     [("customer", "My partner's hours got cut and we're really struggling."),
      ("agent", "Right, the balance.")],
     "violated"),
    # disbelief is a complaint
    ("service", "complaint-acknowledged",
     [("customer", "Two weeks and still no parcel. Unbelievable."), ("agent", "What's the order number?")],
     "violated"),
    ("service", "complaint-acknowledged",
     [("customer", "The engineer booked for today, nobody turned up."),
      ("agent", "I'm so sorry about that, let me rebook it.")], "met"),
    # a transfer to somewhere else is no escalation; a transfer on the spot to the manager is
    ("finance", "escalation-offered",
     [("customer", "I want your manager."),
      ("agent", "No need, I'll transfer you to the card services line.")],
     "violated"),
    ("service", "escalation-offered",
     [("customer", "Can I talk to your manager?"), ("agent", "Of course, I will transfer you.")], "met"),
    # "my name is" heard as "my name in" (too short for the fuzzy pass)
    ("service", "agent-name", [("agent", "Thanks for calling, my name in Jo, how can I help?")], "met"),
    ("service", "agent-name", [("agent", "Thanks for calling, how can I help?")], "violated"),
])
def test_wider_lists(pack: str, rule: str, lines: list[tuple[str, str]], want: str) -> None:
    assert rule_status(pack, rule, lines) == want
