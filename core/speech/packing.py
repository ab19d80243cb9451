"""Packed windows: which utterances share one encoder window, and which tokens go back to which.

Several waiting utterances (any calls) are laid end to end with ``pack_gap_s`` of silence between
them and decoded once (:meth:`.engine.WhisperCppEngine.transcribe_many`); each token must then go
back to the utterance it was said in. A word that went to the wrong utterance is a word in the
wrong call's transcript, so :func:`owners` is conservative: it moves a token only on the evidence
described there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence


def pack_groups(seconds: Sequence[float], gap_s: float, max_s: float) -> list[list[int]]:
    """Consecutive utterances (their indices) that share one window: their durations plus
    ``gap_s`` between each two stay within ``max_s``; an utterance longer than that is alone."""
    groups: list[list[int]] = []
    fill = 0.0
    for i, dur in enumerate(seconds):
        if groups and fill + gap_s + dur <= max_s:
            groups[-1].append(i)
            fill += gap_s + dur
        else:
            groups.append([i])
            fill = dur
    return groups


# DTW places a word at the moment it is said, but an utterance's last word (and its full stop)
# often lands late, in the silence after it: with the gap split in half, "…is everyone all right?"
# gave "right?" to the next utterance (5 of 1,346 words on the telephone set, every one a last
# word; "right" came 0.86 s after its utterance, 0.14 s before the next). Nothing is said in the
# gap, so all of it belongs to the utterance before, and a token counts for the next one from its
# start (which holds the VAD's padding): 0 of 1,346 words moved (from 0.2 s before it: 3).
def token_range(spans: Sequence[tuple[float, float]], k: int, gap_s: float) -> tuple[float, float]:
    """The window times whose tokens belong to packed utterance ``k`` of ``spans``."""
    lo = spans[k][0] - gap_s / 2 if k == 0 else spans[k][0]
    hi = spans[k + 1][0] if k + 1 < len(spans) else spans[k][1] + gap_s / 2
    return lo, hi


_FINAL = (b".", b"?", b"!")
_PUNCT = (b".", b"?", b"!", b",", b";", b":", b"-")
_LOWER_WORD = re.compile(rb"^ [a-z]")
_DIGIT = re.compile(rb"[0-9]")
# A late last word is at most this many words, placed at most this long after the next
# utterance's start (DTW put "month." 1.0 s and "you?" 1.0 s late with a 0.3 s gap).
TAIL_WORDS = 2
TAIL_S = 1.5


def owners(
    times: Sequence[float],
    raws: Sequence[bytes],
    segment_last: Sequence[bool],
    spans: Sequence[tuple[float, float]],
    gap_s: float,
) -> list[int]:
    """The packed utterance (index into ``spans``) each token belongs to; -1: none.

    ``times`` are the tokens' window times (DTW), ``raws`` their bytes and ``segment_last``
    whether a token ends a decoder segment. First by time (:func:`token_range`). Then, with a
    short gap, DTW's late last word can land after the next utterance's start: such a word is
    given back when the evidence says it ends the sentence before, not begins the next one:
    the utterance before ends mid-phrase (no punctuation: after "bell," a lowercase "come
    quickly." is a new clause the VAD cut, and stays), the word is lowercase (the decoder wrote it
    as a continuation), at most :data:`TAIL_WORDS` words without a digit run from it to a full
    stop or the end of a decoder segment, all within :data:`TAIL_S` of the next start (but for
    punctuation, which has no sound for DTW to place: one full stop came at the window's end).
    A token with a digit never moves: a number is redaction's business, and a wrong move would mask the
    wrong audio (a number *word* such as "four" can, on the same evidence as any other word).
    """
    own = [-1] * len(times)
    for k in range(len(spans)):
        lo, hi = token_range(spans, k, gap_s)
        for i, t in enumerate(times):
            if lo <= t < hi:
                own[i] = k
    for c in range(1, len(times)):
        k = own[c - 1]
        if k < 0 or own[c] != k + 1 or raws[c - 1].strip().endswith(_PUNCT):
            continue
        if not _LOWER_WORD.match(raws[c]):
            continue
        words = 0
        for e in range(c, len(times)):
            late = times[e] > spans[k + 1][0] + TAIL_S and raws[e].strip().strip(b".,?!;:-\"'")
            if own[e] != k + 1 or late or _DIGIT.search(raws[e]):
                break
            words += raws[e][:1] == b" "
            if words > TAIL_WORDS:
                break
            if raws[e].strip().endswith(_FINAL) or segment_last[e]:
                for j in range(c, e + 1):
                    own[j] = k
                break
    return own


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9']+", " ", text.lower()).strip()


def echoes(times: Sequence[float], text: str, earlier: Sequence[str]) -> bool:
    """Whether a decoder segment is an echo: text of an earlier segment of its window (or, with
    one segment per window, of an earlier utterance) again, word for word, that DTW finds nowhere
    in the audio (most of its tokens on one moment).

    whisper.cpp repeats the last sentence over a tone or hold music packed after it: measured
    with 0.3 s between packed utterances, a sentence came back twice with its tokens stacked on
    the music, which would put one utterance's words into another's (another call's, live).
    A sentence really said twice has its words spread over the time it took to say them.
    """
    key = f" {_key(text)} "
    if len(times) < 3 or not key.strip() or not any(key in f" {_key(e)} " for e in earlier):
        return False
    stacked = Counter(round(t, 2) for t in times).most_common(1)[0][1]
    return stacked >= 0.6 * len(times)
