"""Full calendar dates (DOB / DATE) and fail-closed answers to garbled identifier questions."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from ccedge.core.frames import Transcript
from ccedge.core.redact import RedactPolicy
from ccedge.core.redact.answers import runs
from ccedge.core.redact.asked import requested_in
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.policy import KINDS, REASONS
from ccedge.core.redact.redactor import CallRedaction

Texts = Callable[..., list[str]]
One = Callable[[str], str]
Redact = Callable[..., CallRedaction]

_NEXT_YEAR = datetime.date.today().year + 1


# --- 1. dates (HIPAA Safe Harbor 164.514(b)(2)(i)(C)) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("My late summer is March 4, 1982.", "DOB"),  # past year: looks like a birth date
        ("it was the fourth of March nineteen eighty two", "DOB"),
        ("I was admitted 04/15/1989", "DOB"),
        ("that was 1989-04-15", "DOB"),
        ("the letter says 15.04.89", "DOB"),
        ("my appointment is April fifteenth", "DATE"),  # no year, no birth context
        ("I'll come in on March the 4th", "DATE"),
        (f"the surgery is on June 3rd {_NEXT_YEAR}", "DATE"),  # a future year is not a birth year
        ("see you on May 5th", "DATE"),
        ("It was delivered on the third of March.", "DATE"),
    ],
)
def test_full_dates_are_masked(one: One, text: str, kind: str) -> None:
    out = one(text)
    assert f"[{kind}]" in out, out
    assert not any(ch.isdigit() for ch in out), out


@pytest.mark.parametrize(
    "text",
    [
        "I have been ill since early March",
        "can we do it in March",
        "I'll call on Monday",
        "it took 2 days",
        "come at 4 o'clock",
        "I moved here in 1982",
        "back in nineteen eighty two",
        "May I ask a question?",
        "we may 2 of them",
        "they march 5 miles",
        "it costs $15",
    ],
)
def test_date_near_misses_are_kept(one: One, text: str) -> None:
    out = one(text)
    assert "[DATE]" not in out and "[DOB]" not in out, out


def test_garbled_birth_question_makes_a_date_a_dob(texts: Texts) -> None:
    out = texts([("callee", "Can I have your date of words?"), ("caller", "It's April fifteenth.")])
    assert out[-1] == "It's [DOB].", out


def test_date_kind_is_switchable_and_has_a_reason(one: One, texts: Texts) -> None:
    assert "DATE" in KINDS and REASONS["DATE"].startswith("HIPAA-164.514(b)(2)(i)(C)")
    assert RedactPolicy().enabled("DATE")  # clinic default: fail closed
    off = RedactPolicy.from_dict({"rules": {"DATE": {"enabled": False}}})
    assert (
        texts([("caller", "my appointment is April fifteenth")], off)[0]
        == "my appointment is April fifteenth"
    )
    # A date of birth stays masked when appointment dates are not.
    assert "[DOB]" in texts([("caller", "I was born on April fifteenth")], off)[0]
    assert "[DOB]" in texts([("caller", "My late summer is March 4, 1982.")], off)[0]


# --- 2. fuzzy questions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Can I have your date of words?", "DOB"),
        ("Date of birth?", "DOB"),
        ("And your member ID.", "MEMBER"),
        ("could I get your membership idea", "MEMBER"),
        ("and your medical record number", "MRN"),
        ("could I have your policy number", "POLICY"),
        ("what is your account number", "ACCOUNT"),
        ("And the card number?", "PAN"),
        ("and your social", "SSN"),
    ],
)
def test_requested_kind_is_read_fuzzily(question: str, kind: str) -> None:
    assert requested_in(question) == kind


@pytest.mark.parametrize(
    "question",
    [
        "What is your order number?",
        "Can I have your phone number?",
        "What is the date of your appointment?",
        "Can I have your name please",
        "How are you today?",
        "is there a member of staff",
        "I remember it",
        "what is the date today",
    ],
)
def test_other_questions_request_no_identifier(question: str) -> None:
    assert requested_in(question) is None


# --- 2. fail-closed answers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "kind"),
    [
        ("And your member ID.", "It is MRN time time to double M1 time", "MEMBER"),
        ("What's your medical record number?", "yeah it's M R N to for double seven", "MRN"),
        ("Could I have your policy number?", "sure P X dash time time four", "POLICY"),
        ("And the account number?", "it's for ate double oh", "ACCOUNT"),
    ],
)
def test_garbled_identifier_answer_is_masked(redact: Redact, question: str, answer: str, kind: str) -> None:
    res = redact([("callee", question), ("caller", answer)])
    out = res.transcripts[-1].text
    assert f"[{kind}]" in out, out
    for word in ("double", "time", "m1", "M R N"):
        assert word not in out, out
    # The answer's audio is masked whole, and the finding says it is a low-confidence guess.
    caller = [s for s in res.spans if s.leg == "caller"]
    u = res.transcripts[-1]
    assert any(s.t0 <= u.t0 and s.t1 >= u.t1 for s in caller), caller
    assert any(s.detector == "answer-unparsed" and s.confidence < 0.5 for s in caller), caller


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("And your member ID.", "yes"),
        ("And your member ID.", "I have a headache"),
        ("And your member ID.", "one moment please, I need to find my card"),
        ("And your member ID.", "I don't have it with me, sorry"),
        ("How are you today?", "It is MRN time time to double M1 time"),  # nothing was asked for
        ("What is your order number?", "it's for ate double oh"),  # not an identifier of a person
    ],
)
def test_ordinary_answers_are_kept(redact: Redact, question: str, answer: str) -> None:
    res = redact([("callee", question), ("caller", answer)])
    assert res.transcripts[-1].text == answer
    assert not [s for s in res.spans if s.leg == "caller"]


def test_numbers_said_in_an_identity_window_are_masked_as_numbers(redact: Redact) -> None:
    # Fail closed (issue 10): two number words after a request for an ID may be half of it;
    # the label says what it is sure of: a number, not a member ID.
    res = redact([("callee", "And your member ID."), ("caller", "I have two kids and one dog")])
    assert res.transcripts[-1].text == "I have [NUMBER] kids and [NUMBER] dog"


def test_answer_long_after_the_question_is_not_an_answer(redact: Redact) -> None:
    call_turns = [("callee", "And your member ID."), *[("callee", "okay then") for _ in range(12)]]
    res = redact([*call_turns, ("caller", "It is MRN time time to double M1 time")])
    assert "[MEMBER]" not in res.transcripts[-1].text


def test_runs_need_more_than_one_odd_word() -> None:
    def r(text: str) -> list[tuple[int, int]]:
        call = CallText("r@test")
        return runs(call.add_transcript(Transcript("r@test", "caller", 0.0, 2.0, text)))

    assert r("It is MRN time time to double M1 time") == [(2, 8)]
    assert r("I have a headache") == []
    assert r("double check it for me") == []  # one strong word, one weak: not a run
    assert r("A B C") == [(0, 2)]
