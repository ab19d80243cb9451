"""Where a decoder segment falls into a repetition loop, so the words before it can be kept.

Greedy decoding without temperature fallback (bounded latency) sometimes loops to the end of its
token budget: a noisy card number read by espeak-ng over G.711 came back as "Okay, the current
number in 4, 5, 3, 2, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 6, 6, 6, …" (compression ratio 3.08).
Dropping the whole segment lost every word of it and of the utterance packed after it; the words
before the loop are what was said. The engine keeps them as text, and the audio of every utterance
that holds them stays *unheard* as a whole (``Transcript.unheard``), as when the segment was
dropped: redaction masks it where data was asked for and counts it against coverage. Only the text
gains. The loop's tokens cannot say where it began (DTW stacks them), and a first try that left the
utterance audible up to the last word before the loop left the first digit of two espeak-ng card
numbers audible on the spoken redaction set ("Yes, it's time…", the loop on a misheard "nine").
That the loop's first unit is kept once is a choice: whisper loops on a unit that was said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LOOP_MAX_PERIOD = 6  # tokens in the repeated unit ("6" ",": 2; "I'm sorry." : 4)
LOOP_MIN_REPEATS = 4  # the unit repeats at least this many times to the end of the segment
LOOP_MIN_KEPT_WORDS = 3  # fewer words before the loop: the segment is dropped whole, as before


def loop_cut(raws: Sequence[bytes]) -> tuple[int, int]:
    """``(start, keep)`` for a segment (its tokens' bytes) that ends in a repetition loop: the
    loop's first token and how many tokens to keep (up to the loop, its unit once);
    ``(n, n)`` when it does not end in one.

    A loop is a unit of 1 to :data:`LOOP_MAX_PERIOD` tokens repeated at least
    :data:`LOOP_MIN_REPEATS` times up to the last token (a last, partial unit included). Of the
    periods that qualify, the one whose loop starts earliest decides.
    """
    n = len(raws)
    best = (n, n)
    for p in range(1, LOOP_MAX_PERIOD + 1):
        j = n - 1
        while j - p >= 0 and raws[j] == raws[j - p]:
            j -= 1
        start = j - p + 1  # raws[start:] has period p
        if start < 0 or (n - start) < LOOP_MIN_REPEATS * p:
            continue
        best = min(best, (start, start + p))
    return best


def words_in(raws: Sequence[bytes]) -> int:
    """Word-like tokens (a token that starts with a space and holds a letter or a digit)."""
    return sum(1 for r in raws if r[:1] == b" " and any(chr(c).isalnum() for c in r if c < 128))


def trim(raws: Sequence[bytes]) -> int | None:
    """For a segment the compression ratio rejected: how many of its tokens to keep when it ends
    in a repetition loop after at least :data:`LOOP_MIN_KEPT_WORDS` words; else None (drop it)."""
    _start, keep = loop_cut(raws)
    if keep == len(raws) or words_in(raws[:keep]) < LOOP_MIN_KEPT_WORDS:
        return None
    return keep


# Repeated sentences. On whole turns (the second pass, ``turns``) Whisper base once wrote a menu
# prompt's sentence three times ("Dial 4. To send this color to a polite don't call menu. Now and
# forevermore." after itself, twice), each time as a new segment with a low compression ratio and
# a good log-probability, so no per-segment test caught it. A sentence of this many words or more,
# said again within one window, is taken for such a repeat ("now and forevermore", said four
# times, is shorter).
REPEAT_MIN_WORDS = 5


def _sentences(text: str) -> list[list[str]]:
    out: list[list[str]] = []
    for piece in re.split(r"(?<=[.?!])\s+", text.strip()):
        words = re.findall(r"[a-z0-9']+", piece.lower())
        if words:
            out.append(words)
    return out


def repeats(text: str, earlier: Sequence[str]) -> bool:
    """Whether more than half of ``text``'s words are in sentences of :data:`REPEAT_MIN_WORDS` or
    more that ``earlier`` text of the same window (or ``text`` itself, before them) already said."""
    seen = {" ".join(s) for e in earlier for s in _sentences(e) if len(s) >= REPEAT_MIN_WORDS}
    total = again = 0
    for s in _sentences(text):
        key = " ".join(s)
        total += len(s)
        if len(s) >= REPEAT_MIN_WORDS:
            if key in seen:
                again += len(s)
            seen.add(key)
    return total > 0 and 2 * again > total
