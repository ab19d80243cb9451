"""The measured repetition loop, end to end: a noisy espeak-ng card number over G.711 A-law.

Greedy decoding looped on it ("…5, 5, 6, 6, 6, 6, …", compression ratio 3.08) and the whole
segment, with the utterance packed after it, used to be dropped: 12.6 words of that leg. The
words before the loop are now kept and the rest of the utterance is ``Transcript.unheard``.
"""

from __future__ import annotations

import re

from ccedge.core.commands.transcribe import utterances
from ccedge.core.segment import SegmentConfig
from ccedge.core.speech.engine import WhisperCppEngine
from ccedge.testing.telephone import CONVERSATION_IMPAIRMENTS, conversation


def test_a_looping_card_number_keeps_its_digits_and_the_rest_is_unheard(q8_engine: WhisperCppEngine) -> None:
    leg = conversation(4, "en-us", CONVERSATION_IMPAIRMENTS[1])[1]  # the customer, noise at -45 dBFS
    assert leg.name == "conv4-espeak-alaw-noise45-customer"
    utts = list(utterances(leg.name, "caller", 0.0, leg.rate, leg.samples, SegmentConfig()))
    results = q8_engine.transcribe_many(utts)
    looped = [r for r in results if any(s.loop_cut for s in r.segments)]
    assert looped, [r.transcript.text for r in results]
    digits = "".join(re.findall(r"\d", " ".join(r.transcript.text for r in looped)))
    assert digits.startswith("4532112233445"), digits  # read: 4532 1122 3344 5566
    cut = [r.transcript for r in looped if r.transcript.unheard]
    assert cut, "the utterance where the loop began has no unheard stretch"
    for tr in cut:
        (a, b), = tr.unheard
        assert b == tr.t1 and tr.t0 <= a < b
        assert max(w.t0 for w in tr.words) <= b
