"""Repetition loops: where a segment the compression ratio rejected begins to loop."""

from __future__ import annotations

from ccedge.core.speech.loops import LOOP_MIN_REPEATS, loop_cut, trim, words_in


def toks(text: str) -> list[bytes]:
    """Whisper-like tokens: each word with its leading space, punctuation apart."""
    out: list[bytes] = []
    for word in text.split():
        core = word.rstrip(",.?")
        out.append(b" " + core.encode())
        if word != core:
            out.append(word[len(core):].encode())
    return out


def test_the_measured_card_number_loop_keeps_the_digits_before_it() -> None:
    raws = toks("Okay, the current number in 4, 5, 3, 2, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, " + "6, " * 40 + "6")
    start, keep = loop_cut(raws)
    # The loop's unit is ", 6" (a periodic run is found from its end, so it may begin with the
    # comma): everything before it is kept, and the unit once.
    assert b"".join(raws[:start]).decode().endswith(" 4, 4, 5, 5")
    assert b"".join(raws[:keep]).decode().endswith(" 5, 5, 6")
    assert trim(raws) == keep


def test_a_longer_unit_and_a_partial_last_unit() -> None:
    raws = toks("I can help with that. " + "I'm sorry. " * 6 + "I'm")
    start, keep = loop_cut(raws)
    assert b"".join(raws[:start]).decode() == " I can help with that"
    assert b"".join(raws[start:keep]).decode() == ". I'm sorry"


def test_no_loop_at_the_end_is_no_cut() -> None:
    for text in ("the card number is 4, 1, 1, 1, 1.",  # a real run of ones, then a full stop
                 "yes yes yes thank you",
                 "one two three four five six seven eight"):
        raws = toks(text)
        assert loop_cut(raws) == (len(raws), len(raws))
        assert trim(raws) is None


def test_too_few_repeats_are_no_loop() -> None:
    raws = toks("it is " + "6, " * (LOOP_MIN_REPEATS - 1))
    assert loop_cut(raws)[1] == len(raws)


def test_a_segment_that_is_all_loop_is_dropped_whole() -> None:
    """Hold music heard as "Thank you. Thank you. …": nothing before the loop to keep."""
    raws = toks("Thank you. " * 8)
    assert loop_cut(raws)[0] == 0
    assert trim(raws) is None


def test_fewer_than_three_words_before_the_loop_are_not_kept() -> None:
    raws = toks("It's " + "5, " * 10)
    assert trim(raws) is None


def test_words_in_counts_spoken_tokens() -> None:
    assert words_in(toks("Okay, the number is 4, 5.")) == 6
    assert words_in([b",", b".", b" -"]) == 0


def test_a_window_that_says_its_sentences_again_is_a_repeat() -> None:
    from ccedge.core.speech.loops import repeats

    before = ("Dial 3. To send this caller to the torture menus. Now and forevermore. Dial 4. To send "
              "this caller to a polite don't call menu. Now and forevermore.")
    again = ("Dial 4. To send this caller to a polite don't call menu. Now and forevermore. Dial 4. To "
             "send this caller to a polite don't call menu. Now and forevermore.")
    assert repeats(again, [before])
    assert not repeats(before, [])
    # a short refrain said again is speech ("now and forevermore" four times in that prompt)
    assert not repeats("Now and forevermore.", [before])
    # a sentence said twice in a row is kept: at most half of the words are a repeat
    assert not repeats("Can you hear me okay? Can you hear me okay?", [])
    assert repeats("Can you hear me okay? Can you hear me okay?", ["Can you hear me okay?"])
    assert not repeats("", [before])
