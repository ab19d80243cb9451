"""Cues: the words that say card or identity data is about to be given, heard however garbled.

A recogniser on 8 kHz speech writes "date of birth" as "day to birth" and "card number" as
"cart number"; the redactor must still know what is being asked. Each cue kind has a list of
paraphrases; an utterance is matched on normalised words (``textin.normalise``, lower case,
letters and digits only) against each paraphrase's word n-grams in three ways:

* ``exact``: the paraphrase's words appear as they are;
* ``fuzzy``: rapidfuzz ``ratio`` of the n-gram (n-1 … n+1 words) to the phrase >= ``FUZZY``;
* ``phonetic``: the metaphone keys (jellyfish) of the n-gram's words against the phrase's:
  the same key for the last (head) word, the same first sound, and the joined keys' ratio
  >= ``PHONETIC`` ("day to birth" T T BR0 for "date of birth" TT OF BR0; "security number"
  SKRT NMBR is not "card number" KRT NMBR).

Short one-word cues ("cvv", "visa", "amex") match only exactly: their keys collide with
common words ("visa" and "fuse" are both FS).
Which legs said a cue does not matter here; ``windows`` decides whom it concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

from ccedge.core.redact import spanish
from ccedge.core.redact.textin import normalise

FUZZY = 84.0
PHONETIC = 80.0
MODES = ("exact", "fuzzy", "phonetic")

# Paraphrases per kind, lower case. Kinds follow policy.KINDS.
CUES: dict[str, tuple[str, ...]] = {
    "PAN": (
        "card number", "long number on the card", "number on the front of the card",
        "number on the card", "credit card", "debit card", "card details",
        "what card would you like to use", "which card would you like to use", "card on file",
        "charge it to your card", "charge it to my card", "put it on my card", "pay with my card",
        "pay by card", "pay my balance", "make a payment", "take a payment", "take the payment",
        "pay the bill", "pay my bill", "visa", "mastercard", "master card", "american express", "amex",
        "discover card", "sixteen digits", "fifteen digits", "card ending",
    ),
    "EXPIRY": (
        "expiry date", "expiration date", "expiry", "expiration", "expires", "valid through",
        "valid until", "good through", "good thru", "date on the card", "month and year",
    ),
    "CVV": (
        "security code", "three digit code", "four digit code", "code on the back",
        "digits on the back", "cvv", "cvc", "verification code", "card code", "the code is",
        "and the code", "see vee vee", "c v v",
    ),
    "DOB": (
        "date of birth", "birth date", "birthday", "when were you born", "born on", "dob",
        "your birth", "day of birth",
    ),
    "SSN": (
        "social security number", "social security", "your social", "my social", "ssn",
        "last four of your social", "tax id", "taxpayer id",
    ),
    "MEMBER": (
        "member id", "member number", "membership number", "insurance id", "subscriber id",
        "policy number", "group number", "medical record number", "patient id", "account number",
    ),
    "PIN": ("pin number", "your pin", "passcode"),
}  # fmt: skip
# Spanish calls (tarjeta, fecha de nacimiento, seguro social, código de seguridad, ...).
for _kind, _phrases in spanish.cue_phrases().items():
    CUES[_kind] = CUES.get(_kind, ()) + _phrases
# Cues that say the caller means to pay, not that card data is being asked for or given.
INTENTS = frozenset(
    {"pay my balance", "make a payment", "take a payment", "take the payment", "pay the bill", "pay my bill",
     "pay with my card", "pay by card", "card on file"}
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    phrase: str
    how: str  # "exact", "fuzzy" or "phonetic"
    score: float
    first: int  # word positions in the normalised utterance
    last: int


def words_of(text: str) -> list[str]:
    return _WORD.findall(normalise(text).lower())


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return jellyfish.metaphone(word) if word.isalpha() else word


def _keys(words: tuple[str, ...] | list[str]) -> str:
    return " ".join(_key(w) for w in words)


_PHRASES: tuple[tuple[str, str, tuple[str, ...], str], ...] = tuple(
    (kind, p, tuple(p.split()), _keys(p.split())) for kind, ps in CUES.items() for p in ps
)


@lru_cache(maxsize=8192)
def find(text: str, modes: tuple[str, ...] = MODES) -> tuple[Cue, ...]:
    """Every cue kind heard in ``text`` (the best match per kind), by the given matching modes."""
    words = words_of(text)
    if not words or len(words) > 400:
        # Utterances are short; a huge one is matched on its first 400 words only.
        words = words[:400]
    keys = [_key(w) for w in words]
    best: dict[str, Cue] = {}
    for kind, phrase, pw, pkey in _PHRASES:
        n = len(pw)
        short = n == 1 and len(phrase) <= 5
        for i in range(len(words)):
            for m in (n,) if short else (n - 1, n, n + 1):
                if m < 1 or i + m > len(words):
                    continue
                gram = words[i : i + m]
                cue = _match(kind, phrase, pw, pkey, gram, keys[i : i + m], modes, short, i)
                if cue is not None and (kind not in best or cue.score > best[kind].score):
                    best[kind] = cue
    return tuple(sorted(best.values(), key=lambda c: -c.score))


def _match(
    kind: str,
    phrase: str,
    pw: tuple[str, ...],
    pkey: str,
    gram: list[str],
    gkeys: list[str],
    modes: tuple[str, ...],
    short: bool,
    i: int,
) -> Cue | None:
    last = i + len(gram) - 1
    if "exact" in modes and tuple(gram) == pw:
        return Cue(kind, phrase, "exact", 100.0, i, last)
    if short:
        return None
    if "fuzzy" in modes:
        s = fuzz.ratio(phrase, " ".join(gram))
        if s >= FUZZY:
            return Cue(kind, phrase, "fuzzy", s, i, last)
    if "phonetic" in modes and gkeys and gkeys[-1] == pkey.rsplit(" ", 1)[-1]:
        # Same head word by sound, same first sound, and close keys overall.
        a, b = pkey.replace(" ", ""), "".join(gkeys)
        s = fuzz.ratio(a, b)
        if s >= PHONETIC and a[:1] == b[:1]:
            return Cue(kind, phrase, "phonetic", s - 1.0, i, last)
    return None
