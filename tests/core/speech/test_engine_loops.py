"""The measured repetition loop, end to end: a noisy espeak-ng card number over G.711 A-law.

Greedy decoding looped on it ("…5, 5, 6, 6, 6, 6, …", compression ratio 3.08) and the whole
segment, with the utterance packed after it, used to be dropped: 12.6 words of that leg. The
words before the loop are now kept as text, and each utterance holding them is
``Transcript.unheard`` as a whole (its audio treated as before, when no words came back).
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
    for r in looped:
        tr = r.transcript
        assert tr.unheard == ((tr.t0, tr.t1),), tr.unheard
    assert all(not r.transcript.unheard for r in results if r not in looped)
