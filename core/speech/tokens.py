"""Decoded tokens to words and transcripts: what the engine returns, whatever the window held.

A token is whisper.cpp's BPE piece with its time (DTW's aligned moment when word times are on)
and probability; words are groups of tokens (a leading space starts one), and an utterance's
transcript is its words, with the stretch a repetition loop left unheard (:mod:`.loops`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ccedge.core.frames import Transcript, Utterance, Word

# Non-speech annotations Whisper emits for music and noise ("[Music]", "(upbeat music)", "♪"):
# never call content, never words.
_ANNOTATION = re.compile(r"\[[^\]]*\]|\([^)]*\)|\*[^*]*\*|[♪♫♬]")
_HAS_WORD = re.compile(r"\w")


def clean_text(text: str) -> str:
    """Drop non-speech annotations; empty when nothing word-like is left."""
    text = " ".join(_ANNOTATION.sub(" ", text).split())
    return text if _HAS_WORD.search(text) else ""


@dataclass
class Token:
    id: int
    raw: bytes
    t0: float
    t1: float
    p: float
    plog: float
    segment_last: bool = False  # the last text token of its decoder segment
    # Kept from a segment cut at a repetition loop (:mod:`.loops`): the utterance that holds it
    # is unheard as a whole (its audio is treated as if no words had come back).
    looped: bool = False


def words_from_tokens(tokens: list[Token], offset: float, t_end: float) -> list[Word]:
    """Group BPE tokens into words: a token whose bytes start with a space starts a word.

    Word time is its first token's t0 to its last token's t1; p is the mean token probability
    (as faster-whisper reports it). Times are clamped to the utterance.
    """
    groups: list[list[Token]] = []
    for tok in tokens:
        starts = tok.raw[:1] == b" " or not groups
        if not starts and tok.raw.strip() and not tok.raw.strip(b".,?!:;\"'-").strip():
            starts = False  # punctuation attaches to the word before it
        if starts:
            groups.append([tok])
        else:
            groups[-1].append(tok)
    words: list[Word] = []
    for g in groups:
        text = b"".join(t.raw for t in g).decode("utf-8", errors="replace").strip()
        if not text:
            continue
        t0 = min(max(offset + g[0].t0, offset), t_end)
        t1 = min(max(offset + g[-1].t1, t0), t_end)
        words.append(Word(text=text, t0=t0, t1=t1, p=float(np.mean([t.p for t in g]))))
    return words


# Spoken digits as Whisper writes them one by one ("4 5 3 2 one one 2 2"), joined into one number
# ("45321122"), as the same weights write them in a longer window and as a reader expects. A run needs
# RUN_MIN of them; "oh" is a zero only inside a run ("4 oh 1"), never its first ("Oh, 2 3 4").
RUN_MIN = 3
_DIGIT_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9", "oh": "0"}
_EDGE = ".,?!:;"


def _digit(word: Word, first: bool) -> str | None:
    core = word.text.strip(_EDGE)
    if core != word.text.rstrip(_EDGE):
        return None  # leading punctuation ("(4") is not a digit said
    if len(core) == 1 and core.isdigit():
        return core
    d = _DIGIT_WORDS.get(core.lower())
    return None if d is None or (first and core.lower() == "oh") else d


def join_digit_runs(words: Sequence[Word]) -> tuple[Word, ...]:
    """``words`` with every run of ``RUN_MIN`` or more single digits or digit words said in a row
    made one word: its digits, the last piece's trailing punctuation, the run's time, and the least
    sure piece's probability (a run the recogniser half heard stays as unsure as its worst digit).
    Words never leave their utterance: this runs on one utterance's words."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        j, digits = i, []
        while j < len(words) and (d := _digit(words[j], first=j == i)) is not None \
                and (j == i or not words[j - 1].text.endswith((".", "?", "!"))):
            digits.append(d)
            j += 1
        if len(digits) >= RUN_MIN:
            last = words[j - 1]
            tail = last.text[len(last.text.rstrip(_EDGE)):]
            out.append(Word("".join(digits) + tail, words[i].t0, last.t1, min(w.p for w in words[i:j])))
            i = j
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


def transcript_of(utt: Utterance, tokens: list[Token], model: str) -> Transcript:
    """``utt``'s transcript from its tokens (times relative to its start), spoken digit runs joined
    (``join_digit_runs``); a token kept before a repetition loop leaves the whole utterance unheard
    (``Transcript.unheard``)."""
    words = join_digit_runs([w for w in words_from_tokens(tokens, utt.t0, utt.t1) if clean_text(w.text)])
    text = " ".join(w.text for w in words)
    unheard = ((utt.t0, utt.t1),) if text and any(t.looped for t in tokens) else ()
    return Transcript(utt.call_id, utt.leg, utt.t0, utt.t1, text, words, model, unheard)
