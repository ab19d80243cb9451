"""Spoken digit runs written as one number (``core.speech.tokens.join_digit_runs``): Whisper writes
a card read digit by digit as "4 5 3 2 one one…" in a short window and as "45321122…" in a long one;
the transcript writes the number, and only within one utterance's words."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from ccedge.core.frames import Word
from ccedge.core.speech.tokens import RUN_MIN, join_digit_runs


def words(*texts: str, p: float = 0.9) -> list[Word]:
    return [Word(t, 1.0 + 0.4 * i, 1.3 + 0.4 * i, p) for i, t in enumerate(texts)]


def texts(ws: tuple[Word, ...]) -> list[str]:
    return [w.text for w in ws]


def test_a_run_of_digits_and_digit_words_is_one_number() -> None:
    got = join_digit_runs(words("It's", "4", "5", "3", "2", "one", "one", "2", "2."))
    assert texts(got) == ["It's", "45321122."]
    assert got[1].t0 == 1.4 and got[1].t1 == 1.3 + 0.4 * 8


def test_what_is_not_a_run_stays() -> None:
    assert texts(join_digit_runs(words("One", "moment", "please."))) == ["One", "moment", "please."]
    assert texts(join_digit_runs(words("press", "one,", "two", "or", "three"))) == \
        ["press", "one,", "two", "or", "three"]  # two in a row: not RUN_MIN
    assert RUN_MIN == 3
    # a sentence ends a run; "oh" opening one is the interjection
    assert texts(join_digit_runs(words("2", "3.", "4", "5"))) == ["2", "3.", "4", "5"]
    assert texts(join_digit_runs(words("Oh,", "2", "3", "4"))) == ["Oh,", "234"]
    assert texts(join_digit_runs(words("4", "oh", "1"))) == ["401"]
    # grouped digits as Whisper writes them stay grouped ("4532 1122"), as do words with a lead
    assert texts(join_digit_runs(words("4532", "1122", "3344"))) == ["4532", "1122", "3344"]
    assert texts(join_digit_runs(words("(4", "5", "6"))) == ["(4", "5", "6"]


def test_the_run_is_as_unsure_as_its_least_sure_digit() -> None:
    ws = words("5", "5", "5")
    ws[1] = Word("5", ws[1].t0, ws[1].t1, 0.3)
    assert join_digit_runs(ws)[0].p == 0.3


@given(st.lists(st.sampled_from(["1", "two", "oh", "Oh,", "3.", "and", "nine", "4532", "x"]), max_size=30))
def test_fuzz_no_digit_is_lost_or_invented(tokens: list[str]) -> None:
    ws = words(*tokens)
    got = join_digit_runs(ws)
    assert got[0].t0 == ws[0].t0 if ws else got == ()
    assert all(a.t1 <= b.t0 for a, b in pairwise(got))
    digit = {"two": "2", "nine": "9", "oh": "0"}
    flat = "".join(digit.get(t.strip(".,").lower(), t.strip(".,")) for t in tokens if t not in ("and", "x"))
    assert "".join(digit.get(t.strip(".,").lower(), t.strip(".,")) for t in texts(got)
                   if t not in ("and", "x")).replace("Oh", "0") == flat.replace("Oh", "0")
