from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ccedge.core.language import LegSentiment, PhraseMatcher, normalise


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


def test_sentiment_smoothing() -> None:
    s = LegSentiment()
    s.add(1, "This is terrible, I am furious.")
    first = s.smoothed
    s.add(2, "ok")
    assert first < -0.3 and abs(s.smoothed - first) < abs(first)  # a short neutral turn moves it a little


@given(st.text(max_size=200))
def test_matcher_never_raises(text: str) -> None:
    PhraseMatcher(["this call is recorded", "make a payment"]).match(text)
