"""Turns: a finished leg's utterances decoded again as whole turns, words given back by time.

The live VAD stage closes an utterance after a short pause (0.3 s) so that transcription never
waits; the recogniser then sees sentences cut in pieces, each padded by only 0.1 s, and an
unvoiced word end the VAD missed is lost. On the telephone set, our engine on faster-whisper's
offline cuts (2 s of silence ends a chunk, no length bound) was 2 WER points better than on the
live cuts, with the same decoder (README, "Accuracy on telephone calls"). After the call nothing
waits for the text any more, so the second pass (:mod:`.second_pass`) regroups the stored
utterances into turns: consecutive utterances of one leg closer than :data:`TURN_GAP_S`, up to
:data:`TURN_MAX_S` long, cut from the leg's own audio (the pauses between them included) with
:data:`TURN_PAD_S` either side, one window each.

Each word of the turn goes back to the live utterance it was said in (:func:`split_turn`), by its
time alone: from an utterance's start to the next one's start (the pause after an utterance is
its own, as in :func:`.packing.token_range`), so words never change utterance and the stored
events keep their number, legs and order. A word said where the VAD heard none (a quiet word end
in the pause after) widens its utterance's times to hold it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import Transcript, Utterance

TURN_GAP_S = 2.0  # faster-whisper's Silero default: 2 s of silence ends a chunk
TURN_MAX_S = 28.0  # one encoder window (30 s) with the padding
TURN_PAD_S = 0.4  # faster-whisper's Silero speech_pad_ms


@dataclass(frozen=True)
class Turn:
    """One window of the second pass: its audio and the utterances (indices) it holds."""

    window: Utterance
    parts: tuple[int, ...]


def group_turns(
    utts: Sequence[Utterance], gap_s: float = TURN_GAP_S, max_s: float = TURN_MAX_S
) -> list[list[int]]:
    """Indices of ``utts`` grouped into turns: same call and leg, in time order, each next one
    starting within ``gap_s`` of the last one's end, the whole within ``max_s`` (a longer
    utterance is a turn alone)."""
    groups: list[list[int]] = []
    open_: dict[tuple[str, str], list[int]] = {}
    for i in sorted(range(len(utts)), key=lambda k: (utts[k].t0, k)):
        u = utts[i]
        key = (u.call_id, u.leg)
        cur = open_.get(key)
        if cur is not None:
            first, last = utts[cur[0]], utts[cur[-1]]
            if u.t0 - last.t1 <= gap_s and u.t1 - first.t0 <= max_s:
                cur.append(i)
                continue
        cur = [i]
        open_[key] = cur
        groups.append(cur)
    return groups


def turns(
    utts: Sequence[Utterance], leg_audio: dict[str, npt.NDArray[np.int16]], rate: int,
    gap_s: float = TURN_GAP_S, max_s: float = TURN_MAX_S, pad_s: float = TURN_PAD_S,
) -> list[Turn]:
    """The turns of one call's utterances, cut from each leg's whole audio (``leg_audio``: leg ->
    samples at ``rate`` from call time 0). The window keeps the first utterance's priority."""
    out = []
    for group in group_turns(utts, gap_s, max_s):
        first, last = utts[group[0]], utts[group[-1]]
        pcm = leg_audio[first.leg]
        a = max(0, round((first.t0 - pad_s) * rate))
        b = min(len(pcm), round((last.t1 + pad_s) * rate))
        b = max(a, b)
        window = Utterance(first.call_id, first.leg, a / rate, b / rate, rate,
                           np.ascontiguousarray(pcm[a:b]), priority=first.priority)
        out.append(Turn(window, tuple(group)))
    return out


def split_turn(turn: Transcript, parts: Sequence[Utterance]) -> list[Transcript]:
    """``turn``'s words given back to the utterances it was cut around (in time order), by time.

    A word belongs to the last utterance that started at or before it (the first utterance takes
    any word before it). An utterance's times widen to hold its words. A turn left unheard by a
    repetition loop (``Transcript.unheard``) leaves every utterance it overlaps unheard.
    """
    if not parts:
        return []
    starts = [p.t0 for p in parts]
    mine: list[list[int]] = [[] for _ in parts]
    for w, word in enumerate(turn.words):
        mine[max(0, bisect_right(starts, word.t0) - 1)].append(w)
    out = []
    for k, p in enumerate(parts):
        words = tuple(turn.words[w] for w in mine[k])
        t0 = min([p.t0] + [w.t0 for w in words])
        t1 = max([p.t1] + [w.t1 for w in words])
        unheard = any(a < t1 and b > t0 for a, b in turn.unheard)
        text = " ".join(w.text for w in words)
        out.append(Transcript(p.call_id, p.leg, t0, t1, text, words, turn.model,
                              ((t0, t1),) if unheard and text else ()))
    return out


__all__ = ["TURN_GAP_S", "TURN_MAX_S", "TURN_PAD_S", "Turn", "group_turns", "split_turn", "turns"]
