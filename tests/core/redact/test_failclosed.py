"""Fail closed when the recogniser is wrong: the leak examples of issue 10, as the recogniser wrote them."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace

import pytest

from ccedge.core.commands.redact import redact_stream
from ccedge.core.frames import Transcript, Word
from ccedge.core.redact import Redactor, RedactPolicy, redact_call
from ccedge.core.redact.calltext import uncovered
from ccedge.core.redact.cues import find
from ccedge.core.redact.errors import RedactError
from ccedge.core.redact.textin import normalise
from ccedge.testing.redact_calls import covered, timed_call

AGENT, CUSTOMER = "callee", "caller"
NUMBER_WORDS = re.compile(
    r"\b(zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|january|february|march|april|june|july|august|september|october|november|"
    r"december|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|twentieth)\b|\d"
)


def _no_numbers(text: str) -> bool:
    return NUMBER_WORDS.search(normalise(text).lower()) is None


def test_day_to_birth_answer_is_masked_in_text_and_audio() -> None:
    call = timed_call(
        [
            (AGENT, "Can you confirm your day to birth?", 0.0, 2.0),
            (CUSTOMER, "Yes, it's March fourteenth, nineteen eighty two.", 2.5, 5.5),
        ]
    )
    res = redact_call(call, RedactPolicy())
    text = res.transcripts[1].text
    assert _no_numbers(text), text
    assert "[DOB]" in text
    assert covered(res, CUSTOMER, 3.0, 5.5) >= 0.99


def test_split_15_digit_card_with_a_misheard_group_leaves_no_run() -> None:
    # Amex 378282246310005 read in three groups; the recogniser splits it over two utterances
    # and mishears the last group ("one oh oh oh five" -> "one oh oh oh fife"); the request
    # for the card came out garbled ("What cart would you like to use?").
    turns = [
        (AGENT, "What cart would you like to use today?", 0.0, 2.0),
        (CUSTOMER, "It's three seven eight two, eight two two four six three", 2.5, 7.0),
        (AGENT, "Mm-hmm.", 7.2, 7.6),
        (CUSTOMER, "one oh oh oh fife", 8.0, 10.0),
    ]
    res = redact_call(timed_call(turns), RedactPolicy())
    for k in (1, 3):
        assert _no_numbers(res.transcripts[k].text), res.transcripts[k].text
    assert covered(res, CUSTOMER, 3.0, 7.0) >= 0.99 and covered(res, CUSTOMER, 8.0, 10.0) >= 0.99
    # The same without any request at all: the joined run is masked as a number.
    res = redact_call(timed_call(turns[1:]), RedactPolicy())
    for k in (0, 2):
        assert not re.search(r"\d{5}", res.transcripts[k].text)
        assert _no_numbers(res.transcripts[k].text.replace("It's", "")), res.transcripts[k].text


def test_expiry_and_code_after_a_garbled_card_request() -> None:
    turns = [
        (AGENT, "Can I take the lung number on the cart please?", 0.0, 3.0),
        (CUSTOMER, "four one one one one one one one one one one one one one one one", 3.5, 9.0),
        (AGENT, "And the?", 9.5, 10.0),
        (CUSTOMER, "Expiry twelve twenty-six, code four four two", 10.5, 13.5),
        (AGENT, "Sorry, the code again?", 14.0, 15.0),
        (CUSTOMER, "The code is 1.8", 15.5, 17.0),  # "one nine eight" as the recogniser wrote it
    ]
    res = redact_call(timed_call(turns), RedactPolicy())
    for k in (1, 3, 5):
        assert _no_numbers(res.transcripts[k].text), res.transcripts[k].text
    assert "1.8" not in res.transcripts[5].text and "8" not in res.transcripts[5].text
    assert covered(res, CUSTOMER, 11.0, 13.5) >= 0.99
    assert covered(res, CUSTOMER, 16.0, 17.0) >= 0.99


def test_low_confidence_empty_and_unheard_speech_in_a_window_is_masked() -> None:
    turns = [
        (AGENT, "And the security code on the back?", 0.0, 2.0),
        (CUSTOMER, "it's uh the first one", 2.5, 4.0),  # recogniser unsure (p = 0.2)
        (CUSTOMER, "", 4.5, 5.5),  # returned nothing
    ]
    call = timed_call(turns, low_p={1})
    call.unheard.append((CUSTOMER, 6.0, 7.0))
    res = redact_call(call, RedactPolicy())
    assert covered(res, CUSTOMER, 2.5, 4.0) >= 0.99
    assert covered(res, CUSTOMER, 6.0, 7.0) >= 0.99
    assert "first" not in res.transcripts[1].text
    assert res.window_utterances >= 2


def test_window_closes_and_later_talk_stays() -> None:
    turns = [
        (AGENT, "Can I have the card number?", 0.0, 2.0),
        (CUSTOMER, "four one one one one one one one one one one one one one one one", 2.5, 8.0),
        (AGENT, "Thank you, your payment has been processed.", 9.0, 11.0),
        (CUSTOMER, "Great, I'll call back at two tomorrow about the other two orders.", 12.0, 15.0),
    ]
    res = redact_call(timed_call(turns), RedactPolicy())
    assert res.windows[0].closed_by == "close-phrase"
    assert res.transcripts[3].text == turns[3][1]
    assert covered(res, CUSTOMER, 12.0, 15.0) == 0.0


def test_amounts_and_talk_before_any_request_are_kept() -> None:
    turns = [
        (CUSTOMER, "Hi, my bill says forty five dollars and I was charged twice.", 0.0, 4.0),
        (AGENT, "I am sorry about that, let me check the two charges.", 4.5, 7.0),
    ]
    res = redact_call(timed_call(turns), RedactPolicy())
    assert [t.text for t in res.transcripts] == [t[1] for t in turns]
    assert not res.spans


def test_labels_are_honest() -> None:
    turns = [
        (AGENT, "Can I have your member ID?", 0.0, 2.0),
        (CUSTOMER, "I think it was in nineteen ninety nine", 2.5, 5.0),  # a year: not a member ID
    ]
    res = redact_call(timed_call(turns), RedactPolicy())
    assert "[MEMBER]" not in res.transcripts[1].text and "[ACCOUNT]" not in res.transcripts[1].text


def test_cues_match_exact_fuzzy_and_phonetic() -> None:
    assert [c.kind for c in find("Can you confirm your day to birth?")] == ["DOB"]
    assert find("What is your so shall security number?")[0].kind == "SSN"
    assert find("What cart would you like to use today?")[0].kind == "PAN"
    assert find("what is the expire e date")[0].kind == "EXPIRY"
    for neutral in ("Is there anything else I can help you with?", "what is your order number",
                    "Producer James Sparks explained to Fuse TV", "take a deep breath"):  # fmt: skip
        assert not find(neutral), neutral
    assert not find("Can you confirm your day to birth?", ("exact",))


def test_streaming_masks_the_window_answer_before_the_audio_is_cleared() -> None:
    red = Redactor()
    turns = [
        (AGENT, "Can you confirm your day to birth?", 0.0, 2.0),
        (CUSTOMER, "oh three, one four, eighty two", 2.5, 5.0),
    ]
    spans = []
    for leg, text, t0, t1 in turns:
        tr, new = red.process(Transcript("s@test", leg, t0, t1, text))
        spans += new
        assert tr is not None
    assert tr is not None and _no_numbers(tr.text)
    assert any(s.leg == CUSTOMER and s.t0 <= 2.5 and s.t1 >= 5.0 for s in spans)


def test_date_of_birth_after_an_unrecognisable_question_is_still_a_date() -> None:
    # From the spoken set: "What's your date of birth please?" heard as below, "of" as "on".
    call = timed_call(
        [
            (AGENT, "Wipe your nate on earth, lean.", 0.0, 2.0),
            (CUSTOMER, "13th on February, 1971", 2.5, 4.5),
        ]
    )
    res = redact_call(call, RedactPolicy())
    assert _no_numbers(res.transcripts[1].text) and "february" not in res.transcripts[1].text.lower()
    assert covered(res, CUSTOMER, 2.5, 4.5) >= 0.99


def test_a_number_the_caller_names_an_order_number_is_not_masked_as_an_id() -> None:
    """Over-masking source on the spoken set: order numbers said after the ID questions."""
    turns = [
        (AGENT, "And the last four of your social?", 0.0, 2.0),
        (CUSTOMER, "It's 6789.", 2.5, 3.5),
        (AGENT, "And your member ID?", 4.0, 5.5),
        (CUSTOMER, "It's ABC123456789.", 6.0, 8.0),
        (AGENT, "Thank you, you're verified.", 8.5, 10.0),
    ]
    res = redact_call(
        timed_call([*turns, (CUSTOMER, "My order number is 683636.", 10.5, 13.0)]), RedactPolicy()
    )
    assert "683636" in res.transcripts[-1].text
    assert covered(res, CUSTOMER, 10.5, 13.0) == 0.0
    assert "6789" not in res.transcripts[1].text and "123456789" not in res.transcripts[3].text
    # Named as an ID, the same digits stay masked.
    res = redact_call(
        timed_call([*turns, (CUSTOMER, "My member number is 683636.", 10.5, 13.0)]), RedactPolicy()
    )
    assert "683636" not in res.transcripts[-1].text
    assert covered(res, CUSTOMER, 10.5, 13.0) > 0.5


def test_unheard_speech_answering_a_garbled_personal_request_is_masked() -> None:
    # "And your date of birth?" came back as "What's your name, Tambur, please?"; the answer was
    # not transcribed at all. A request for something of the caller's, whatever it was heard as,
    # makes the unheard answer masked (HIPAA Safe Harbor: every element of a date of birth).
    call = timed_call([(AGENT, "What's your name, Tambur, please?", 8.9, 11.0)])
    call.unheard.append((CUSTOMER, 11.7, 15.4))
    res = redact_call(call, RedactPolicy())
    assert covered(res, CUSTOMER, 11.7, 15.4) >= 0.99
    # Unheard speech after a statement that asks for nothing stays audible.
    call = timed_call([(AGENT, "Okay, I have moved it for you.", 8.9, 11.0)])
    call.unheard.append((CUSTOMER, 11.7, 15.4))
    assert covered(redact_call(call, RedactPolicy()), CUSTOMER, 11.7, 15.4) == 0.0


def _said(leg: str, t0: float, t1: float, words: list[tuple[str, float, float]]) -> Transcript:
    ws = tuple(Word((" " if i else "") + w, a, b, 0.9) for i, (w, a, b) in enumerate(words))
    return Transcript("g@test", leg, t0, t1, " ".join(w for w, _a, _b in words), ws)


def test_uncovered_finds_only_long_stretches_without_words() -> None:
    tr = _said(CUSTOMER, 10.0, 16.0, [("Yes,", 10.3, 10.6), ("it", 10.6, 10.8), ("is", 10.8, 11.0)])
    assert uncovered(tr) == [(11.0, 16.0)]
    tr = _said(CUSTOMER, 10.0, 16.0, [("a", 10.3, 11.0), ("b", 13.5, 14.0), ("c", 14.0, 15.2)])
    assert uncovered(tr) == [(11.0, 13.5)]
    assert uncovered(tr, least=0.5) == [(11.0, 13.5), (15.2, 16.0)]
    assert uncovered(_said(CUSTOMER, 0.0, 3.0, [("a", 0.2, 2.9)])) == []
    assert uncovered(Transcript("g@test", CUSTOMER, 0.0, 9.0, "")) == []


def test_a_number_the_recogniser_skipped_inside_a_heard_answer_is_masked() -> None:
    # A 6 s answer to "the card number?" came back as four words in its first second and a
    # half: the rest, which no word covers, was the number (a piper call of the spoken set).
    red = Redactor(RedactPolicy())
    red.process(_said(AGENT, 0.0, 2.0, [("Can", 0.1, 0.4), ("I", 0.4, 0.5), ("have", 0.5, 0.8),
                                        ("the", 0.8, 1.0), ("card", 1.0, 1.4), ("number?", 1.4, 1.9)]))
    _tr, spans = red.process(_said(CUSTOMER, 2.5, 8.5, [("Yes,", 2.8, 3.1), ("it", 3.1, 3.3),
                                                          ("is", 3.3, 3.6), ("6-", 3.6, 3.9)]))
    assert any(s.kind == "UNHEARD" and s.t0 <= 3.9 and s.t1 >= 8.5 for s in spans), spans
    # The same gap after talk that asks for nothing stays audible.
    red = Redactor(RedactPolicy())
    red.process(_said(AGENT, 0.0, 2.0, [("Okay,", 0.1, 0.6), ("thanks", 0.6, 1.9)]))
    _tr, spans = red.process(_said(CUSTOMER, 2.5, 8.5, [("Yes,", 2.8, 3.1), ("it", 3.1, 3.3)]))
    assert not [s for s in spans if s.kind == "UNHEARD"]


def test_an_utterance_masked_as_mostly_numbers_loses_every_number_in_its_text() -> None:
    # A date of birth heard as two decimals and four loose numbers, after a request garbled past
    # recognition: the loose numbers mask the whole utterance, and the decimals (amounts to the
    # parser) go from the text with them.
    call = timed_call(
        [
            (AGENT, "What's your name, Tambur, please?", 8.9, 11.0),
            (CUSTOMER, "0.4, 1.6, 18, 18, 18, 18.", 11.7, 15.4),
        ]
    )
    res = redact_call(call, RedactPolicy())
    assert covered(res, CUSTOMER, 11.7, 15.4) >= 0.99
    assert _no_numbers(res.transcripts[1].text), res.transcripts[1].text


def test_a_loop_cut_tail_is_unheard_speech() -> None:
    """The recogniser looped after "…5, 5, 6" (``speech.loops``): the text stops there and the
    utterance's last second is ``Transcript.unheard``. Too short for ``uncovered`` (2 s), it is
    masked as unheard speech is, where data was asked for, and left audible where it was not."""
    digits = [(f"{d},", 16.6 + 0.45 * i, 16.8 + 0.45 * i) for i, d in enumerate("45321122334455")]
    chat = [(w, 16.6 + 0.45 * i, 16.8 + 0.45 * i) for i, w in enumerate("thanks I will look at the new "
                                                                       "plan and call you back".split())]
    for ask, said, masked in (("And the long number on the front of the card?", digits, True),
                              ("And what's your full name, please?", chat, True),
                              ("Okay, I have moved it for you.", chat, False)):
        red = Redactor(RedactPolicy())
        red.process(Transcript("g@test", AGENT, 13.0, 15.0, ask))
        words = [("Okay,", 15.9, 16.2), ("it's", 16.2, 16.5), *said, ("so", 23.5, 23.5)]
        tr = replace(_said(CUSTOMER, 15.9, 24.0, words), unheard=((23.07, 24.0),))
        assert uncovered(tr) == []
        red.process(tr)
        got = covered(red.redact("g@test"), CUSTOMER, 23.07, 24.0)
        assert (got >= 0.99) if masked else (got == 0.0), (ask, got)


def test_redact_reads_unheard_from_transcribe_json() -> None:
    lines = [
        {"call_id": "j@test", "leg": AGENT, "start_s": 1.0, "end_s": 3.0, "text": "And your card number?"},
        {"call_id": "j@test", "leg": CUSTOMER, "start_s": 3.5, "end_s": 8.0, "text": "it's four one one one",
         "words": [], "unheard": [[6.0, 8.0]]},
    ]
    out = io.StringIO()
    inp = io.StringIO("\n".join(json.dumps(x) for x in lines) + "\n")
    redact_stream(inp, out, RedactPolicy(), as_json=True)
    got = [json.loads(x) for x in out.getvalue().splitlines()]
    assert got[1]["unheard"] == [[6.0, 8.0]]
    assert any(s["kind"] == "UNHEARD" and s["start_s"] <= 6.0 and s["end_s"] >= 8.0 for s in got[1]["spans"])
    bad = {**lines[1], "unheard": [[6.0]]}
    with pytest.raises(RedactError, match="line 1: unheard must be a list"):
        redact_stream(io.StringIO(json.dumps(bad) + "\n"), io.StringIO(), RedactPolicy())


def test_a_request_made_while_the_caller_talks_on_makes_the_rest_an_answer() -> None:
    """A noisy leg's VAD held the caller's talk from before the agent's request into the answer in
    one 12 s utterance (spoken set, espeak-ng with loss and noise, ``[vad] max_utterance_s = 12``):
    its words end at 5 s, the card number began at 12.45 s inside it. The stretch without words
    from the request on is an answer, masked; before the request it is not."""
    caller = _said(CUSTOMER, 1.23, 13.23, [("I", 1.5, 1.7), ("need", 1.7, 2.0), ("to", 2.0, 2.1),
                                           ("pay", 2.1, 2.5), ("my", 2.5, 2.7), ("bill", 2.7, 3.2),
                                           ("for", 3.3, 3.5), ("the", 3.5, 3.7), ("loan", 3.7, 5.0)])
    ask = _said(AGENT, 8.22, 11.63, [("Okay,", 8.3, 8.6), ("3,", 8.7, 8.9), ("me,", 9.0, 9.3),
                                     ("the", 9.4, 9.6), ("16", 9.6, 10.1), ("digits", 10.1, 10.6),
                                     ("on", 10.6, 10.8), ("the", 10.8, 10.9), ("card.", 10.9, 11.5)])
    for order in ((ask, caller), (caller, ask)):  # the legs' workers may deliver either first
        red = Redactor(RedactPolicy())
        for tr in order:
            red.process(tr)
        res = red.redact("g@test")
        assert covered(res, CUSTOMER, 12.45, 13.23) >= 0.99, order
        assert covered(res, CUSTOMER, 5.2, 8.0) == 0.0  # the pause before the request stays audible
    # the same talk over an agent who asks for nothing stays audible
    chat = _said(AGENT, 8.22, 11.63, [("Okay,", 8.3, 8.6), ("one", 8.7, 9.0), ("moment", 9.0, 9.6),
                                      ("while", 9.6, 10.0), ("I", 10.0, 10.1), ("look.", 10.1, 11.5)])
    red = Redactor(RedactPolicy())
    red.process(chat)
    red.process(caller)
    assert covered(red.redact("g@test"), CUSTOMER, 5.2, 13.23) == 0.0
