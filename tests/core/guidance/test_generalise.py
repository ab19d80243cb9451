"""Matching that generalises (packs 2026.12.4): sound-alike windows, stand-ins that must resemble
the word they replace, a card read back that the redactor masked as ``[NUMBER]``, and the packs'
wider paraphrase lists. Every example here is hand-written for the test, not taken from a
labelled set; each shows the old behaviour failing and the new one passing."""

from __future__ import annotations

import pytest

from ccedge.core.guidance import Line, PolicyError, evaluate, load_policy, parse_policy
from ccedge.core.language import PhraseMatcher
from ccedge.core.language.phrases import sound, sounds


def test_sound_keys_use_stems() -> None:
    assert sound("showed") == sound("show")
    assert sounds("a rear".split()) == sounds(["arrear"])
    assert sound("[number]") == "[number]"


@pytest.mark.parametrize(("phrase", "heard"), [
    ("speak to a supervisor", "can i speak to a super visor please"),  # a word split in two
    ("cancel my subscription", "i want to can sell my subscription"),
    ("confirm your address", "can you con firm your address"),
    ("payment plan", "we can set up a pay mint plan"),
    ("your biopsy came back", "your bye opsy came back"),
])
def test_sound_alike_window_matches_what_spelling_misses(phrase: str, heard: str) -> None:
    assert PhraseMatcher([phrase], phonetic=False).match(heard) is None
    m = PhraseMatcher([phrase]).match(heard)
    assert m is not None and m.phrase == phrase


@pytest.mark.parametrize(("phrase", "heard"), [
    ("make a complaint", "i would like to make a payment"),  # one content word differs
    ("i have no money", "i have been meaning to call"),  # a single short content word: never by sound
    ("i am fed up", "i am all set up now"),  # no content word at all
    ("missed payments", "thank you my payment has gone through"),  # "my" is not "missed"
    ("take a payment", "it shows two payments on tuesday"),
])
def test_sound_alike_window_keeps_different_meanings_apart(phrase: str, heard: str) -> None:
    assert PhraseMatcher([phrase]).match(heard) is None


def test_stand_in_must_resemble_the_word_it_replaces() -> None:
    # "late" is missing; the unsure "seven" is nothing like it (the old matcher let any unsure word
    # stand in for it)
    text, unsure = "ok, seven payments went out", frozenset({"seven"})
    assert PhraseMatcher(["late payments"], stand_in_cutoff=0.0).match(text, unsure=unsure) is not None
    assert PhraseMatcher(["late payments"]).match(text, unsure=unsure) is None
    # a garble that is spelled like the word still stands in
    garbled = "ok thank you for verbalising that"
    thanks = PhraseMatcher(["thank you for verifying"])
    assert thanks.match(garbled, unsure=frozenset({"verbalising"})) is not None


FIN = load_policy("finance")


def _readback(lines: list[Line]) -> str:
    return {r.id: r.status for r in evaluate(FIN, lines, ())[1]}["no-full-pan-readback"]


def test_card_read_back_masked_as_number_counts_after_a_payment() -> None:
    pay = [Line("customer", 1, 4, "Can I settle my bill by card please?"),
           Line("agent", 5, 7, "Sure, what is the long number on your card?"),
           Line("customer", 8, 12, "It is [NUMBER].")]
    echo = Line("agent", 13, 16, "Okay, I have got [NUMBER], yes?")
    assert _readback([*pay, echo]) == "violated"
    assert _readback(pay) == "met"
    # no payment came up: a long number the agent says is not a card read back
    assert _readback([Line("agent", 1, 4, "Your sort code and account are [NUMBER].")]) == "met"
    # named as a reference, after the payment: not a read back either
    ref = Line("agent", 13, 16, "Your confirmation number is [NUMBER].")
    assert _readback([*pay, ref]) == "met"
    # a [PAN] still counts anywhere, as before
    assert _readback([Line("agent", 1, 4, "So that is [PAN].")]) == "violated"


def test_after_masks_are_validated() -> None:
    head = '[policy]\nid = "t"\nversion = "1"\n[markers.pay]\nphrases = ["pay by card"]\n'
    rule = '[[rules]]\nid = "r"\nkind = "forbidden"\nmessage = "m"\nmasks = ["PAN"]\n'
    parse_policy(head + rule + 'after = "pay"\nafter_masks = ["NUMBER"]\n')
    with pytest.raises(PolicyError, match="go together"):
        parse_policy(head + rule + 'after = "pay"\n')
    with pytest.raises(PolicyError, match="no marker or rule"):
        parse_policy(head + rule + 'after = "nope"\nafter_masks = ["NUMBER"]\n')


@pytest.mark.parametrize(("pack", "rule", "lines", "want"), [
    ("finance", "mini-miranda", [Line("agent", 1, 4, "I see your loan is now in arrears."),
                                 Line("agent", 5, 9, "Please be aware we are a debt collector.")], "met"),
    ("finance", "identity-before-account-details",
     [Line("agent", 1, 4, "The outstanding balance is ninety pounds.")], "violated"),
    ("healthcare", "minimum-necessary",
     [Line("agent", 1, 4, "I could go through your entire record with you.")], "violated"),
    ("service", "cancellation-save", [Line("customer", 1, 4, "I would like to end my contract."),
                                      Line("agent", 5, 9, "We could offer you a better deal.")], "met"),
    ("service", "escalation-offered", [Line("customer", 1, 4, "I want someone in charge."),
                                       Line("agent", 5, 9, "Let me get my team leader.")], "met"),
    ("service", "closing", [Line("agent", 1, 4, "Is there anything else? Enjoy the rest of your day.")],
     "met"),
])
def test_packs_know_more_ways_of_saying_it(pack: str, rule: str, lines: list[Line], want: str) -> None:
    got = {r.id: r.status for r in evaluate(load_policy(pack), lines, ())[1]}
    assert got[rule] == want
