"""One normal form for transcript text and policy phrases, so both compare alike.

Lower case, contractions spelled out (ASR writes "we're" and "we are" interchangeably),
punctuation dropped, a few spoken/written variants unified ("ok"/"okay"), and redaction
masks kept as single tokens (``[PAN]`` -> ``[pan]``) so a rule can ask for them.
"""

from __future__ import annotations

import re

_MASK = re.compile(r"\[([A-Za-z_]+)\]")
_CONTRACTIONS = {
    "won't": "will not", "can't": "can not", "cannot": "can not", "n't": " not", "'re": " are",
    "'ve": " have", "'ll": " will", "'d": " would", "'m": " am", "let's": "let us",
    "it's": "it is", "that's": "that is", "there's": "there is", "what's": "what is",
    "here's": "here is", "he's": "he is", "she's": "she is", "ain't": "is not", "y'all": "you all",
    "g'day": "good day",
}
# a contraction ends its word: the "'d" of "g'day" is no "would" (2026.12.19)
_CONTRACTION = re.compile("|".join(re.escape(k) + "(?![a-z])"
                                   for k in sorted(_CONTRACTIONS, key=len, reverse=True)))
_VARIANTS = {"okay": "ok", "apologize": "apologise", "apologized": "apologised", "recorded.": "recorded",
             "authorize": "authorise", "authorized": "authorised", "center": "centre", "mr": "mister",
             "dr": "doctor", "ms": "miss", "mrs": "missus", "per cent": "percent",
             # spoken forms Whisper writes as it hears them ("I wanna cancel"), and regional spellings
             "wanna": "want to", "gonna": "going to", "gotta": "got to", "lemme": "let me",
             "gimme": "give me", "kinda": "kind of", "outta": "out of", "dunno": "do not know"}
# a letter dropped in written dialect ("I'm wantin' shot o' the broadband", "wi' him"; 2026.12.18): the word
_DROPPED = ((re.compile(r"\b([a-z]{2,})in'(?=[^a-z']|$)"), r"\1ing"),
            (re.compile(r"\bo'(?=[^a-z']|$)"), "of"), (re.compile(r"\bwi'(?=[^a-z']|$)"), "with"))
_NON_WORD = re.compile(r"[^a-z0-9\[\]_ ]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The normal form: lower-case words separated by single spaces."""
    s = text.replace("\u2019", "'").lower()
    s = _MASK.sub(lambda m: f" [{m.group(1).lower()}] ", s)
    s = _CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group(0)], s)
    for pattern, word in _DROPPED:
        s = pattern.sub(word, s)
    s = s.replace("-", " ")
    s = _NON_WORD.sub(" ", s)
    words = [_VARIANTS.get(w, w) for w in s.split()]
    return _SPACES.sub(" ", " ".join(words)).strip()


def tokens(text: str) -> list[str]:
    return normalise(text).split()
