"""Tokens of one utterance: words of the transcript text with character offsets and times.

Redaction works on these tokens: a detector names the tokens it covers, the text redactor
replaces their characters and the audio redactor masks their times. Whisper hands words
with times (``Transcript.words``) whose concatenation is normally the text; when it is not,
or when no word times exist (plain text input), times are spread over the utterance in
proportion to character offsets, which errs on the side of masking a little more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ccedge.core.frames import Transcript, Word

_TOKEN = re.compile(r"\S+")
# Punctuation peeled off a token's edges to get its normal form; inner characters stay
# ("4111-1111", "12/25", "j.doe@example.com").
_EDGE = "\"'“”‘’.,!?;:()[]{}<>…*"


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as in the utterance text, punctuation included
    start: int  # character offsets in the utterance text
    end: int
    t0: float
    t1: float
    p: float  # recogniser probability of the word (1.0 when unknown)
    norm: str  # lower case, edge punctuation removed
    pause_after: bool  # a comma, full stop or similar ends the token: a soft boundary

    @property
    def core_span(self) -> tuple[int, int]:
        """Character span of the token without its edge punctuation."""
        lead = len(self.text) - len(self.text.lstrip(_EDGE))
        trail = len(self.text) - len(self.text.rstrip(_EDGE))
        if lead + trail >= len(self.text):
            return self.start, self.end
        return self.start + lead, self.end - trail


def normal_form(text: str) -> str:
    return text.strip(_EDGE).lower().replace("’", "'")


def tokenise(text: str, t0: float = 0.0, t1: float = 0.0, words: Sequence[Word] = ()) -> list[Token]:
    """Split ``text`` into tokens and give each the time of the words it overlaps."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    word_spans = _align_words(text, words)
    n = max(len(text), 1)
    dur = max(t1 - t0, 0.0)
    out: list[Token] = []
    for a, b in spans:
        times = [(ws, we, w) for ws, we, w in word_spans if ws < b and we > a]
        if times:
            ta = min(w.t0 for _, _, w in times)
            tb = max(w.t1 for _, _, w in times)
            p = min(w.p for _, _, w in times)
            if len(times) == 1:
                # One word holding several tokens: share its time by characters.
                ws, we, w = times[0]
                wl = max(we - ws, 1)
                if a > ws or b < we:
                    ta = w.t0 + (w.t1 - w.t0) * max(a - ws, 0) / wl
                    tb = w.t0 + (w.t1 - w.t0) * min(b - ws, wl) / wl
        else:
            ta = t0 + dur * a / n
            tb = t0 + dur * b / n
            p = 1.0
        raw = text[a:b]
        out.append(
            Token(
                text=raw,
                start=a,
                end=b,
                t0=ta,
                t1=max(tb, ta),
                p=p,
                norm=normal_form(raw),
                pause_after=raw[-1] in ".,;:!?…" and not raw.endswith("..."),
            )
        )
    return out


def _align_words(text: str, words: Sequence[Word]) -> list[tuple[int, int, Word]]:
    """Find each recognised word in the text, in order; words not found are skipped."""
    out: list[tuple[int, int, Word]] = []
    pos = 0
    for w in words:
        s = w.text.strip()
        if not s:
            continue
        i = text.find(s, pos)
        if i < 0 or i - pos > 40:
            continue
        out.append((i, i + len(s), w))
        pos = i + len(s)
    return out


def word_char_spans(text: str, words: Sequence[Word]) -> list[tuple[int, int] | None]:
    """Where each recognised word lies in the text (None for a word not found there)."""
    found = {id(w): (a, b) for a, b, w in _align_words(text, words)}
    return [found.get(id(w)) for w in words]


def transcript_tokens(tr: Transcript) -> list[Token]:
    return tokenise(tr.text, tr.t0, tr.t1, tr.words)
