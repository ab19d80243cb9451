"""Over-masking causes found on the spoken set (issue 10), each with the case that must stay masked.

Every example is written here in the words a recogniser returns (garbled closes, "car bending
in"), not taken from the set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ccedge.core.frames import Transcript
from ccedge.core.redact import RedactPolicy, redact_call
from ccedge.core.redact.lastfour import readbacks
from ccedge.core.redact.redactor import CallRedaction
from ccedge.testing.redact_calls import covered, timed_call

AGENT, CUSTOMER = "callee", "caller"
Turn = tuple[str, str, float, float]


def _redact(turns: Sequence[Turn], low_p: frozenset[int] = frozenset()) -> CallRedaction:
    return redact_call(timed_call(turns, low_p), RedactPolicy())


IDENTITY = [
    (AGENT, "And your member ID from the insurance card?", 0.0, 2.5),
    (CUSTOMER, "It's W 5 3 1 7 7 2 0 4.", 3.0, 6.0),
]


def test_an_acknowledged_answer_closes_the_window_when_the_close_phrase_is_garbled() -> None:
    later = (CUSTOMER, "Could you ring me Mac tomorrow at 1130?", 9.5, 12.0)
    res = _redact([*IDENTITY, (AGENT, "Thank you, your Mayor, if I...", 7.0, 9.0), later])
    assert [w.closed_by for w in res.windows] == ["acknowledged"]
    assert covered(res, CUSTOMER, 3.0, 6.0) >= 0.99  # the member ID itself stays masked
    assert covered(res, CUSTOMER, 9.5, 12.0) == 0.0
    assert "1130" in res.transcripts[-1].text


def test_an_acknowledgement_that_asks_again_or_comes_too_early_keeps_the_window_open() -> None:
    answer = (CUSTOMER, "uh it is the one on the front", 10.0, 12.5)  # unsure: may hold digits
    acks = ("Thank you, can you say that again?", "Thanks, and the rest?", "Thank you. Sorry, the other one?")
    for ack in acks:
        res = _redact([*IDENTITY, (AGENT, ack, 7.0, 9.0), answer], low_p=frozenset({3}))
        assert covered(res, CUSTOMER, 10.0, 12.5) >= 0.99, ack
    # Only two digits of a member ID said: "thank you" does not close (the rest may follow).
    short = [IDENTITY[0], (CUSTOMER, "It's W 5 3", 3.0, 4.5), (AGENT, "Thank you.", 5.0, 6.0)]
    res = _redact([*short, (CUSTOMER, "uh it is the one on the front", 6.5, 9.0)], low_p=frozenset({3}))
    assert covered(res, CUSTOMER, 6.5, 9.0) >= 0.99


def test_a_cue_after_a_close_phrase_in_the_same_utterance_opens_a_window() -> None:
    res = _redact(
        [
            *IDENTITY,
            (AGENT, "Thank you, you're verified. And can you confirm your date of birth?", 7.0, 11.0),
            (CUSTOMER, "it is the one I gave before", 11.5, 14.0),  # unsure: masked only by a window
        ],
        low_p=frozenset({3}),
    )
    assert [w.kind for w in res.windows] == ["MEMBER", "DOB"]
    assert covered(res, CUSTOMER, 11.5, 14.0) >= 0.99


def test_a_last_four_read_back_is_allowed_and_opens_no_window() -> None:
    turns = [
        (AGENT, "I can see the car bending in four four one two.", 0.0, 3.0),
        (CUSTOMER, "Could you call me back tomorrow at ten thirty?", 3.5, 6.0),
    ]
    res = _redact(turns)
    assert [t.text for t in res.transcripts] == [t[1] for t in turns]
    assert not res.spans and not res.windows
    # Count words say how many digits, not which: "the last four of your social" keeps "four".
    res = _redact([(AGENT, "And the last four of your social?", 0.0, 2.0)])
    assert res.transcripts[0].text == "And the last four of your social?"


def test_a_read_back_with_more_digits_or_a_fuller_run_stays_masked() -> None:
    res = _redact([(AGENT, "I can see the card ending in 4412 5678.", 0.0, 3.0)])
    assert "4412" not in res.transcripts[0].text and "5678" not in res.transcripts[0].text
    # The same leg goes on with more digits: the joined run holds more than a last four.
    turns = [
        (CUSTOMER, "My card ending in 4 4 1 2", 0.0, 2.5),
        (CUSTOMER, "9 9 8 7 6 5 4", 3.0, 5.0),
    ]
    call = timed_call(turns)
    assert readbacks(call) == set()
    res = redact_call(call, RedactPolicy())
    assert not re.search(r"\d", res.transcripts[0].text)
    # An answer to a request for data is not a read-back, whatever words it uses.
    res = _redact(
        [
            (AGENT, "Could you confirm the last four digits of your social security number?", 0.0, 3.0),
            (CUSTOMER, "Sure, my social security number ends with three nine one zero.", 3.5, 7.0),
        ]
    )
    assert "three nine one zero" not in res.transcripts[1].text
    # Unsure of what it heard: the recogniser may have dropped digits.
    res = _redact([(AGENT, "I can see the card ending in 4412.", 0.0, 3.0)], low_p=frozenset({0}))
    assert "4412" not in res.transcripts[0].text


def test_an_order_number_before_any_request_keeps_its_audio_but_not_its_digits() -> None:
    opening = [(CUSTOMER, "I'd like to pay my balance, please.", 0.0, 2.0)]
    said = (CUSTOMER, "My order number is 6592221.", 2.5, 5.0)
    res = _redact([*opening, said])
    assert covered(res, CUSTOMER, 2.5, 5.0) == 0.0
    assert not re.search(r"\d{7}", res.transcripts[-1].text)  # events refuse 7+ digit runs
    # Once the card number was asked for, the same words are masked (could be half a card).
    asked = [*opening, (AGENT, "Please go ahead with the card number.", 2.2, 4.0)]
    res = _redact([*asked, (CUSTOMER, "My order number is 6592221.", 4.5, 7.0)])
    assert covered(res, CUSTOMER, 4.5, 7.0) >= 0.99
    # A card number called an order number is still a card number.
    res = _redact([*opening, (CUSTOMER, "My order number is 4111 1111 1111 1111.", 2.5, 6.0)])
    assert covered(res, CUSTOMER, 2.5, 6.0) > 0.5 and "1111" not in res.transcripts[-1].text


def test_a_date_answering_a_garbled_question_is_masked_whole() -> None:
    turns = [
        (AGENT, "Can I have your name, Dunworth?", 0.0, 2.0),
        (CUSTOMER, "It's November 28, I'm Dean for the San", 2.5, 6.0),
    ]
    res = _redact(turns)
    assert "November" not in res.transcripts[1].text and "28" not in res.transcripts[1].text
    assert covered(res, CUSTOMER, 2.5, 6.0) >= 0.99


def test_a_goodbye_is_not_a_name() -> None:
    for text in ("Great, thank you. Bye.", "Thanks. Goodbye.", "Thank you, good morning."):
        res = _redact([(CUSTOMER, text, 0.0, 2.0)])
        assert res.transcripts[0].text == text and not res.spans
    res = _redact([(CUSTOMER, "Thanks, Abigail.", 0.0, 2.0)])
    assert "Abigail" not in res.transcripts[0].text


def test_an_answer_before_the_next_cue_in_the_same_utterance_is_masked() -> None:
    """Text leak on the grown set: the expiry said before "the code is" kept its digits."""
    turns = [
        (AGENT, "And the month and year on the card?", 0.0, 2.0),
        (CUSTOMER, "1.2-2-6. And the code is 4-4-2.", 2.5, 6.0),
    ]
    res = _redact(turns)
    assert not re.search(r"\d", res.transcripts[1].text), res.transcripts[1].text
    assert covered(res, CUSTOMER, 2.5, 6.0) >= 0.99


def test_a_number_answering_a_garbled_personal_request_is_masked() -> None:
    """DOB leaks on the grown set: "when were you born?" heard as a request for a name."""
    turns = [
        (AGENT, "Could I have your name, Brightwood?", 0.0, 2.0),
        (CUSTOMER, "0.3, 1.4,82.", 2.5, 5.0),
    ]
    res = _redact(turns)
    assert not re.search(r"\d", res.transcripts[1].text)
    assert covered(res, CUSTOMER, 2.5, 5.0) >= 0.99
    # A date with its year heard as loose numbers: no element left in the text.
    res = _redact([turns[0], (CUSTOMER, "It's March 3, 19, 62 ways.", 2.5, 5.0)])
    assert not re.search(r"\d|march", res.transcripts[1].text.lower()), res.transcripts[1].text
    assert covered(res, CUSTOMER, 2.5, 5.0) >= 0.99
    # A request that names the number as benign, or no request at all: kept.
    for q in ("What's your order number?", "How can I help you today?"):
        res = _redact([(AGENT, q, 0.0, 2.0), (CUSTOMER, "It's 683 636.", 2.5, 4.0)])
        assert "683 636" in res.transcripts[1].text and covered(res, CUSTOMER, 2.5, 4.0) == 0.0, q


def test_a_number_answering_a_request_garbled_past_its_frame_is_masked() -> None:
    """"What's your date of birth, please?" came back with no frame and no cue ("Wipe your nate
    on earth, lean."), the date as garbled words around one number: unsure on both sides, it is
    masked whole. Heard clearly on either side, it is not."""
    turns = [
        (AGENT, "Wipe your nate on earth, lean.", 0.0, 2.2),
        (CUSTOMER, "The third can do every 19 for the ocean.", 2.8, 6.2),
    ]
    res = _redact(turns, low_p=frozenset({0, 1}))
    assert covered(res, CUSTOMER, 2.8, 6.2) >= 0.99
    assert "19" not in res.transcripts[1].text
    for low in ({0}, {1}):
        res = _redact(turns, low_p=frozenset(low))
        assert covered(res, CUSTOMER, 2.8, 6.2) == 0.0, low
    # "your" first or missing: no request
    res = _redact([(AGENT, "Wipe the nate on earth, lean.", 0.0, 2.2), turns[1]], low_p=frozenset({0, 1}))
    assert covered(res, CUSTOMER, 2.8, 6.2) == 0.0


def test_the_asking_side_garbled_without_a_number_is_not_masked() -> None:
    turns = [
        (AGENT, "And the last four of your social?", 0.0, 2.0),
        (CUSTOMER, "It's 6 7 8 9.", 2.5, 4.5),
        (AGENT, "What you remembered, umber.", 5.0, 7.5),  # unsure, no number
    ]
    res = _redact(turns, low_p=frozenset({2}))
    assert covered(res, CUSTOMER, 2.5, 4.5) >= 0.99
    assert covered(res, AGENT, 5.0, 7.5) == 0.0
    # With number-like words, or on the answering side, the unsure talk stays masked.
    res = _redact([*turns[:2], (AGENT, "so that's for to ate", 5.0, 7.5)], low_p=frozenset({2}))
    assert covered(res, AGENT, 5.0, 7.5) >= 0.99
    res = _redact([*turns[:2], (CUSTOMER, "What you remembered, umber.", 5.0, 7.5)], low_p=frozenset({2}))
    assert covered(res, CUSTOMER, 5.0, 7.5) >= 0.99


def test_an_unsure_acknowledgement_without_a_number_closes_the_window() -> None:
    later = (CUSTOMER, "Could you ring me back at 2 30?", 9.5, 12.0)
    ack = (AGENT, "Thank you, your Mayor, with I.", 7.0, 9.0)
    res = _redact([*IDENTITY, ack, later], low_p=frozenset({2}))
    assert [w.closed_by for w in res.windows] == ["acknowledged"]
    assert covered(res, CUSTOMER, 9.5, 12.0) == 0.0


def test_an_intent_then_the_request_opens_a_request_window_over_a_joined_utterance() -> None:
    """Audio leak on the grown set: the first card digits were in the caller's utterance that
    also said "pay my balance" (it opened the window) while the agent asked for the card."""
    turns = [
        (CUSTOMER, "I'd like to pay my balance please. 5-2.", 0.0, 8.0),
        (AGENT, "What card would you like to use today?", 5.0, 7.0),
    ]
    res = _redact(turns)
    assert [(w.kind, w.intent) for w in res.windows] == [("PAN", True), ("PAN", False)]
    whole = [s for s in res.spans if s.leg == CUSTOMER and s.detector == "window-pan"]
    assert any(s.t0 <= 0.0 and s.t1 >= 8.0 for s in whole)


def test_audio_of_an_utterance_in_progress_is_held_until_its_transcript() -> None:
    """Audio leak on the grown set: the other leg's transcript cleared the caller's audio while
    the caller was still reading the number (its words, masked by the window, came later)."""
    import numpy as np

    from ccedge.core.redact.callaudio import redact_call_audio

    rate = 8000
    rng = np.random.default_rng(10)
    legs = {
        leg: (rate, (rng.standard_normal(12 * rate) * 3000).astype(np.int16)) for leg in (AGENT, CUSTOMER)
    }
    call = [
        (AGENT, "What's your member number?", 0.0, 2.0),
        (CUSTOMER, "it is W for to ate one", 2.5, 8.0),  # the window masks it, once it arrives
        (AGENT, "Okay, go ahead please.", 4.0, 5.0),  # arrives while the caller still speaks
    ]
    trs = [
        Transcript("om@test", leg, t0, t1, text, timed_call([(leg, text, t0, t1)]).utts[0].words)
        for leg, text, t0, t1 in call
    ]
    audio, _trs, _red, _stats = redact_call_audio("om@test", legs, trs, [], RedactPolicy())
    a, b = int(2.5 * rate), int(8.0 * rate)
    assert not np.any(audio[CUSTOMER][a:b]), "caller audio released before its transcript"


def test_naming_a_card_by_its_ending_asks_for_nothing() -> None:
    """A garbled read-back ("card ending in" heard "car bending is high in") opened a card window
    that then masked the agent's next sentence; naming a card is not asking for one."""
    turns = [
        (AGENT, "I can see the car bending is high in 3-0.", 0.0, 3.0),
        (AGENT, "Your appointment is on the 20th at 10 o'clock.", 3.5, 6.0),
    ]
    res = _redact(turns)
    assert not res.windows
    assert covered(res, AGENT, 3.5, 6.0) == 0.0


def test_answers_heard_as_far_off_words_are_masked() -> None:
    """Leaks on the grown set: a CVV heard "too far free"; a date of birth heard as "and every 20
    first, I'm seen 53" after a request the recogniser turned into one for a name."""
    res = _redact(
        [
            (AGENT, "And the code on the back of the card?", 0.0, 2.0),
            (CUSTOMER, "It's too far free.", 2.5, 4.0),
        ]
    )
    assert covered(res, CUSTOMER, 2.5, 4.0) >= 0.99
    res = _redact(
        [
            (AGENT, "Can I have your name somewhere?", 0.0, 2.0),
            (CUSTOMER, "and every 12 third, I'm seen 71.", 2.5, 5.0),
        ]
    )
    assert not re.search(r"\d", res.transcripts[1].text) and covered(res, CUSTOMER, 2.5, 5.0) >= 0.99


def test_a_payment_intent_masks_the_other_leg_from_its_first_word_not_its_utterance_start() -> None:
    # The voice detector started the caller's utterance at 1.0 s (line noise); the words begin at
    # 5.0 s. The agent's greeting said meanwhile is not payment talk; the caller's own leg is
    # masked from the utterance's start (what came before the words may be missed digits).
    call = timed_call(
        [
            (AGENT, "Thank you for calling. How can I help you today?", 0.8, 4.6),
            (CUSTOMER, "I want to make a payment on my account.", 5.0, 7.5),
            (AGENT, "Can I take the long number on the front of the card?", 8.0, 11.0),
            (CUSTOMER, "4111 1111 1111 1111", 11.5, 15.0),
            (AGENT, "Thank you, your payment has been processed.", 16.0, 18.0),
        ]
    )
    u = call.utts[1]
    call.utts[1] = type(u)(u.index, u.leg, 1.0, u.t1, u.text, u.tokens, u.pieces, u.model, u.words)
    res = redact_call(call, RedactPolicy())
    [seg] = res.segments
    assert seg.t0 == 1.0 and seg.start_on(CUSTOMER) == 1.0 and seg.start_on(AGENT) == 5.0
    assert covered(res, AGENT, 0.8, 4.6) == 0.0
    assert covered(res, CUSTOMER, 1.0, 7.5) >= 0.99
    assert covered(res, AGENT, 8.0, 11.0) >= 0.99 and covered(res, CUSTOMER, 11.5, 15.0) >= 0.99


def test_money_and_appointment_times_said_by_the_asking_side_stay_audible() -> None:
    intent = [
        (CUSTOMER, "I'd like to pay my balance, please.", 4.0, 6.3),
        (AGENT, "The balance is $76.37.", 6.7, 10.3),
        (AGENT, "Your appointment is on the 15th at 10 o'clock.", 10.5, 13.0),
        (AGENT, "What card would you like to use today?", 13.5, 15.5),
        (CUSTOMER, "It's 4111 1111 1111 1111.", 16.0, 20.0),
    ]
    res = _redact(intent)
    assert covered(res, AGENT, 6.7, 10.3) == 0.0 and "$76.37" in res.transcripts[1].text
    assert covered(res, AGENT, 10.5, 13.0) == 0.0 and "15th" in res.transcripts[2].text
    assert covered(res, CUSTOMER, 16.0, 20.0) >= 0.99


def test_money_that_may_be_a_code_or_the_answering_side_stays_masked() -> None:
    ask = (AGENT, "And the security code on the back of the card?", 0.0, 2.5)
    # A bare decimal is how whisper writes a CVV "one nine eight": not money.
    res = _redact([ask, (CUSTOMER, "The code is 1.8", 3.0, 5.0)])
    assert covered(res, CUSTOMER, 3.0, 5.0) >= 0.99 and "1.8" not in res.transcripts[1].text
    # Money said by the side asked for the data is not let through for the window's sake.
    res = _redact([ask, (CUSTOMER, "It's $442", 3.0, 5.0)])
    assert covered(res, CUSTOMER, 3.0, 5.0) >= 0.99 and "442" not in res.transcripts[1].text
    # Unsure speech, even said as money by the asking side, stays masked.
    res = _redact([ask, (AGENT, "That is $442 right", 3.0, 5.0)], low_p=frozenset({1}))
    assert covered(res, AGENT, 3.0, 5.0) >= 0.99


def test_an_oh_that_opens_a_longer_utterance_is_an_interjection_not_a_zero() -> None:
    card = [(AGENT, "Can I take the long number on the card?", 0.0, 2.5)]
    # "Oh, sorry, ... three times": one number word; "oh" used to make it two, masking the sentence
    res = _redact([*card, (CUSTOMER, "Oh, sorry, I have rung you three times about this.", 3.0, 6.0)])
    assert res.transcripts[-1].text.startswith("Oh, sorry")
    # a short answer with "oh" is still a number ("Oh, I'm free": a garbled "oh three"), and an "oh"
    # beside number words is a zero
    short = _redact([*card, (CUSTOMER, "Oh, I'm free.", 3.0, 4.5)])
    assert covered(short, CUSTOMER, 3.0, 4.5) >= 0.99
    digits = _redact([*card, (CUSTOMER, "It is four oh one two, oh seven.", 3.0, 6.0)])
    assert "oh" not in digits.transcripts[-1].text.lower().replace("[", " ")
    assert covered(digits, CUSTOMER, 3.0, 6.0) >= 0.99
