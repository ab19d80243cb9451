"""Turns: the second pass regroups a leg's live utterances and gives each word back by its time."""

from __future__ import annotations

import numpy as np

from ccedge.core.frames import Transcript, Utterance, Word
from ccedge.core.speech.turns import group_turns, split_turn, turns

RATE = 8000


def _u(t0: float, t1: float, leg: str = "customer", call: str = "c1") -> Utterance:
    n = round((t1 - t0) * RATE)
    return Utterance(call, leg, t0, t1, RATE, np.zeros(n, np.int16), priority=10)


def test_turns_end_at_a_long_pause_at_the_length_bound_and_never_mix_legs() -> None:
    utts = [_u(0.0, 2.0), _u(2.5, 4.0), _u(4.2, 5.0, leg="agent"), _u(7.5, 9.0),
            _u(9.5, 30.0), _u(30.5, 31.0)]
    # 2.5 follows 2.0 (0.5 s): one turn; the agent's is its own; 7.5 is 3.5 s after 4.0: a new turn;
    # 9.5-30.0 would make 22.5 s with 7.5: fits 28 s; 30.5-31.0 would make 23.5 s: fits too.
    assert group_turns(utts) == [[0, 1], [2], [3, 4, 5]]
    assert group_turns(utts, max_s=22.0) == [[0, 1], [2], [3], [4, 5]]
    assert group_turns(utts, max_s=20.0) == [[0, 1], [2], [3], [4], [5]]
    assert group_turns(utts, gap_s=0.4) == [[0], [1], [2], [3], [4], [5]]
    # other calls never share a turn; the order of the input does not matter
    mixed = [_u(0.0, 1.0, call="a"), _u(0.5, 1.5, call="b"), _u(1.2, 2.0, call="a")]
    assert group_turns(list(reversed(mixed))) == [[2, 0], [1]]


def test_turn_windows_hold_the_pauses_and_padding_clipped_to_the_leg() -> None:
    pcm = (np.arange(10 * RATE) % 1000).astype(np.int16)
    utts = [_u(0.2, 2.0), _u(2.5, 4.0), _u(8.0, 9.9)]
    got = turns(utts, {"customer": pcm}, RATE)
    assert [t.parts for t in got] == [(0, 1), (2,)]
    first, last = got[0].window, got[1].window
    assert (first.t0, first.t1) == (0.0, 4.4)  # 0.2 - 0.4 clipped at the leg's start
    assert np.array_equal(first.samples, pcm[: round(4.4 * RATE)])  # the pause's own audio
    assert (last.t0, last.t1) == (7.6, 10.0) and last.priority == 10  # clipped at its end


def _w(text: str, t: float) -> Word:
    return Word(text, t, t + 0.2, 0.9)


def test_words_go_back_by_time_and_widen_their_utterance() -> None:
    parts = [_u(1.0, 2.0), _u(3.0, 4.0), _u(6.0, 7.0)]
    words = (_w("Hello", 0.7), _w("there.", 1.5), _w("My", 2.9), _w("card", 3.1),
             _w("number.", 4.5), _w("Thanks.", 6.2))
    whole = Transcript("c1", "customer", 0.6, 7.4, " ".join(w.text for w in words), words, "base")
    got = split_turn(whole, parts)
    assert [tr.text for tr in got] == ["Hello there. My", "card number.", "Thanks."]
    # "Hello" (before the first start) widens the first; "number." (in the pause after) the second
    assert (got[0].t0, got[0].t1) == (0.7, 3.1)
    assert (got[1].t0, got[1].t1) == (3.0, 4.7)
    assert (got[2].t0, got[2].t1) == (6.0, 7.0)
    assert all(tr.model == "base" and tr.unheard == () for tr in got)
    assert all(tr.t0 <= w.t0 <= w.t1 <= tr.t1 for tr in got for w in tr.words)


def test_an_unheard_turn_leaves_every_utterance_with_words_in_it_unheard() -> None:
    parts = [_u(1.0, 2.0), _u(3.0, 4.0), _u(9.0, 9.5)]
    words = (_w("four", 1.2), _w("five", 3.2))
    whole = Transcript("c1", "customer", 0.6, 4.4, "four five", words, "tiny", unheard=((0.6, 4.4),))
    got = split_turn(whole, parts)
    assert [tr.unheard for tr in got] == [((1.0, 2.0),), ((3.0, 4.0),), ()]
    assert got[2].text == "" and got[2].words == ()
    assert split_turn(whole, []) == []
