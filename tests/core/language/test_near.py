"""Concept patterns (``core.language.near``): groups of words said close together, in any order,
undone by a negation or an excluded word; the parser refuses what it cannot read, in one line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.language.near import NearMatcher, parse_pattern

NOTICE = "record* | tape | taping | monitor* + call | line | conversation"


def said(pattern: str, text: str, **kw: object) -> bool:
    return NearMatcher([pattern], **kw).match(text) is not None  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    "We're taping the call, by the way.",
    "Calls to this line are recorded for training.",
    "Just so you know, this conversation is being monitored.",
    "This call's recorded.",
])
def test_a_notice_in_words_nobody_listed(text: str) -> None:
    assert said(NOTICE, text)


@pytest.mark.parametrize("text", [
    "This call is not recorded.",
    "We never record calls.",
    "Can you call me back on the number I gave?",  # one group only
    "I recorded the meter reading yesterday and then, after the engineer left, I had to call",  # too far
])
def test_no_notice(text: str) -> None:
    assert not said(NOTICE, text)


def test_order_is_free_and_the_window_is_bounded() -> None:
    assert said("call + record*", "recorded calls")
    assert said("call + record*", "the call today is recorded")
    assert not said("call + record*", "the call " + "and more " * 6 + "recorded")


def test_excluded_words_and_a_bare_no_undo_a_match() -> None:
    p = "verified | through security + you | that - need | first"
    assert said(p, "Thanks, that's you through security.")
    assert not said(p, "I need to get you verified first.")
    esc = "transfer | get + manager | supervisor"
    assert said(esc, "I'll get my supervisor for you.")
    assert not said(esc, "There's no supervisor free, I can't get one.")


def test_a_pattern_that_says_a_negation_needs_it() -> None:
    p = "not + happy | pleased"
    assert said(p, "I'm not at all happy about it.")
    assert not said(p, "I'm happy with that.")


def test_words_compare_on_stems_prefixes_and_close_spellings() -> None:
    assert said("apolog* + delay", "We apologise for the delay.")
    assert said("recorded + call", "recording calls")  # stems
    assert said("conversation + recorded", "this converstion is recorded")  # misheard, six letters or more
    assert not said("conversation + recorded", "this converstion is recorded", fuzzy=False)
    assert not said("happy + customer", "an unhappy customer")  # never the opposite


def test_unsure_words_do_not_count_where_only_sure_words_may() -> None:
    m = NearMatcher(["guarantee + refund"])
    assert m.match("i guarantee a refund") is not None
    assert m.match("i guarantee a refund", unsure=frozenset({"guarantee"})) is None


def test_the_match_gives_its_words_span() -> None:
    m = NearMatcher([NOTICE]).match("hi there this call is recorded ok")
    assert m is not None and "hi there this call is recorded ok"[m.start:m.end] == "call is recorded"


@pytest.mark.parametrize(("pattern", "fault"), [
    ("a | + b", "an empty alternative"),
    ("a + b + c + d + e", "1 to 4 groups"),
    ("re* + call", "a prefix* needs 3 letters"),
    ("call + record -  ", "nothing after ' - '"),
    # "cannot" reads as "can not": "can" alone would undo "I can transfer you" (2026.12.17)
    ("transfer + her - not | cannot", "each alternative is one word ('can not' is several)"),
    ("!!! + call", "is not a word or words"),
])
def test_faults_are_one_line(pattern: str, fault: str) -> None:
    with pytest.raises(ValueError) as e:
        parse_pattern(pattern)
    assert fault in str(e.value) and "\n" not in str(e.value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=200))
def test_fuzz_parse_and_match_never_crash(pattern: str, text: str) -> None:
    try:
        m = NearMatcher([pattern])
    except ValueError as e:
        assert "\n" not in str(e)
        return
    m.match(text)


def test_a_fault_quotes_the_pattern_on_one_line() -> None:
    with pytest.raises(ValueError) as e:
        parse_pattern("call\n+ |\n" + "x" * 200)
    assert "\n" not in str(e.value) and len(str(e.value)) < 140


def test_a_close_spelling_that_is_another_word_does_not_count() -> None:
    assert not said("furious | fed up", "I'm just curious")


def test_a_negation_a_few_words_before_undoes_it() -> None:
    assert not said("they will + approve", "I can't promise they'll approve it.")
    assert said("they will + approve", "Don't worry, they'll approve it.")
