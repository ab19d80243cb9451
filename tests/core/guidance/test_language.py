from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ccedge.core.language import LegSentiment, PhraseMatcher, normalise, unsure_words


def test_normalise_contractions_masks_and_punctuation() -> None:
    assert normalise("I'm SORRY, we can't—it's [PAN]!") == "i am sorry we can not it is [pan]"
    assert normalise("Okay") == "ok"


def test_matcher_exact_fuzzy_and_short_phrases() -> None:
    m = PhraseMatcher(["this call is recorded", "cancel"])
    assert m.match("Hi, this call is recorded.").score == 100  # type: ignore[union-attr]
    assert m.match("this coal is recorded") is not None
    assert m.match("the council meets") is None  # short phrases only match whole words
    assert m.match("please cancel it") is not None
    assert PhraseMatcher(["make a complaint"]).match("make a payment") is None
    assert PhraseMatcher(["this call is recorded"], fuzzy=False).match("this coal is recorded") is None


def test_matcher_stems_and_one_spare_content_word() -> None:
    notice = PhraseMatcher(["recorded for training and quality purposes"])
    assert notice.match("call in recording for training and quality purpose") is not None  # stems
    closing = PhraseMatcher(["is there anything else i can help you with"])
    # three content words (anything, else, help): one may be misheard ...
    assert closing.match("if there anything else i can tell you with") is not None
    # ... but not two, and a phrase of two content words keeps both
    assert closing.match("if there anything i can tell you with") is None
    assert PhraseMatcher(["speak to a supervisor"]).match("speak to a super mimer") is None


def test_unsure_words_stand_in_for_one_content_word() -> None:
    words = [("Thank", 0.95), ("you", 0.97), ("for", 0.9), ("meritating", 0.42), ("your", 0.9)]
    unsure = unsure_words(words)
    assert unsure == frozenset({"meritating"})
    m = PhraseMatcher(["thank you for verifying"])
    text = "thank you for meritating your current balance is 250 pounds"
    assert m.match(text) is None  # the characters alone are too far (about 83)
    got = m.match(text, unsure=unsure)
    assert got is not None and got.phrase == "thank you for verifying"
    # a word the recogniser was sure of never stands in ("tell" for "help" at p 0.9) ...
    assert m.match("thank you for calling your current balance", unsure=frozenset({"balance"})) is None
    # ... and a stand-in needs one content word heard for sure
    assert PhraseMatcher(["overdue balance"]).match("the owner of the mountains",
                                                    unsure=frozenset({"owner", "mountains"})) is None
    sup = PhraseMatcher(["speak to a supervisor"])
    assert sup.match("i want to speak to a super mimer", unsure=frozenset({"mimer"})) is not None


def test_forbidden_phrases_match_on_sure_words_only() -> None:
    """An agent is not found in breach on words the recogniser was unsure of."""
    from ccedge.core.guidance import Line, evaluate, load_policy

    said = "I think you will definitely be a proof next week."
    promise = PhraseMatcher(["you will definitely be approved"])
    assert promise.match(said, unsure=frozenset({"proof"})) is not None  # as evidence of compliance
    lines = [Line("agent", 1.0, 4.0, "This call is recorded.", "callee"),
             Line("agent", 50.0, 55.0, said, "callee", frozenset({"proof"}))]
    _, results = evaluate(load_policy("finance"), lines)
    assert {r.id: r.status for r in results}["no-outcome-promise"] == "met"
    sure = [lines[0], Line("agent", 50.0, 55.0, "You will definitely be approved.", "callee")]
    got = {r.id: r.status for r in evaluate(load_policy("finance"), sure)[1]}
    assert got["no-outcome-promise"] == "violated"


def test_sentiment_smoothing() -> None:
    s = LegSentiment()
    s.add(1, "This is terrible, I am furious.")
    first = s.smoothed
    s.add(2, "ok")
    assert first < -0.3 and abs(s.smoothed - first) < abs(first)  # a short neutral turn moves it a little


@given(st.text(max_size=200))
def test_matcher_never_raises(text: str) -> None:
    PhraseMatcher(["this call is recorded", "make a payment"]).match(text)


def test_intensifiers_and_ordered_content_words() -> None:
    m = PhraseMatcher(["this is unacceptable", "the third time i have called", "make a complaint"])
    assert m.match("honestly this is really unacceptable") is not None  # intensifier dropped both sides
    assert m.match("honestly this is really unacceptable", normalised=False) is not None
    assert PhraseMatcher(["this is unacceptable"], fuzzy=False).match("this is so unacceptable") is None
    got = m.match("this is my attempt to move it in my third time i can call them out in")
    assert got is not None and got.phrase == "the third time i have called"
    # the content words must all be there, in order, close together
    assert m.match("time after time i called the third office") is None
    assert m.match("the third thing is that some time later the man i spoke to never called") is None
    assert PhraseMatcher(["the third time i have called"], ordered_from=0).match(
        "this is my attempt to move it in my third time i can call them out in") is None
