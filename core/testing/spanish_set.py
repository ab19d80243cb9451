"""A small Spanish spoken set: contact-centre calls in espeak-ng's ``es`` voice over G.711.

Each call: the agent asks for the card number (said digit by digit in Spanish words, in groups
of four), the security code and the date of birth ("el doce de marzo de mil novecientos
ochenta"); every turn on its speaker's leg, silence on the other, through µ-law or A-law (one
call with 2 % packet loss). Turn times are kept so a transcript can be cut back into the
utterances redaction reads, and the values said are kept to search the redacted output for.

Scoring (:func:`score_spanish`): WER per leg after a Spanish normalisation (lower case, no
punctuation, accents folded, every number, written or said, as single digits: Whisper writes
"4539" where the reference says "cuatro cinco tres nueve"); the language identified per leg;
card numbers and dates of birth redacted in text (no four consecutive digits of the value, and
for a date neither its year nor its month left).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import Transcript, Word
from ccedge.core.redact import RedactPolicy, redact_call
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.spoken import parse_numbers
from ccedge.core.simulate.voice import speak
from ccedge.testing.telephone import RATE, Impairment, LegAudio, impair

VOICE = "es-419"  # Latin American Spanish, as most US callers speak it
_DIGIT = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")
_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre")  # fmt: skip
# Public test card numbers (Luhn-valid), dates of birth as (day words, month, year digits, year words).
_CALLS = (
    ("4539578763621486", "739", ("doce", 3, "1980", "mil novecientos ochenta")),
    ("5555555555554444", "215", ("veintiuno", 7, "1975", "mil novecientos setenta y cinco")),
    ("4111111111111111", "804", ("tres", 10, "1962", "mil novecientos sesenta y dos")),
    ("4012888888881881", "361", ("quince", 1, "1991", "mil novecientos noventa y uno")),
)
_IMPAIRMENTS = (
    Impairment("ulaw", wpm=120), Impairment("alaw", wpm=120), Impairment("ulaw", loss=0.02, wpm=120),
    Impairment("alaw", wpm=130),
)  # fmt: skip
AGENT, CUSTOMER = "agent", "customer"


@dataclass(frozen=True, slots=True)
class Turn:
    leg: str
    text: str
    t0: float
    t1: float
    kind: str = ""  # "PAN", "CVV", "DOB" or "" for talk
    secret: str = ""  # the digits said (the year, for a date)
    month: str = ""  # the month said, for a date


@dataclass(frozen=True, slots=True)
class SpanishCall:
    name: str
    legs: tuple[LegAudio, LegAudio]  # agent, customer
    turns: tuple[Turn, ...]


def digit_words(digits: str) -> str:
    groups = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    return ", ".join(" ".join(_DIGIT[int(d)] for d in g) for g in groups)


def script(i: int) -> list[tuple[str, str, str, str, str]]:
    """(leg, text, kind, secret, month) turns of call ``i``."""
    pan, cvv, (day, month, year, year_words) = _CALLS[i % len(_CALLS)]
    mname = _MONTHS[month - 1]
    return [
        (AGENT, "Gracias por llamar. Esta llamada está siendo grabada. ¿En qué le ayudo?", "", "", ""),
        (CUSTOMER, "Hola, buenos días. Quiero pagar el saldo de mi cuenta.", "", "", ""),
        (AGENT, "Con mucho gusto. ¿Me puede dar el número de su tarjeta, por favor?", "", "", ""),
        (CUSTOMER, f"Sí, claro. Es {digit_words(pan)}.", "PAN", pan, ""),
        (AGENT, "Gracias. ¿Y el código de seguridad de la tarjeta?", "", "", ""),
        (CUSTOMER, f"Es {' '.join(_DIGIT[int(d)] for d in cvv)}.", "CVV", cvv, ""),
        (AGENT, "Perfecto. Para verificar su identidad, ¿cuál es su fecha de nacimiento?", "", "", ""),
        (CUSTOMER, f"Nací el {day} de {mname} de {year_words}.", "DOB", year, mname),
        (AGENT, "Muchas gracias. Su pago ha sido procesado. ¿Algo más en que le pueda ayudar?", "", "", ""),
        (CUSTOMER, "No, eso es todo. Muchas gracias, adiós.", "", "", ""),
    ]  # fmt: skip


def spanish_call(i: int, gap_s: float = 0.6) -> SpanishCall:
    imp = _IMPAIRMENTS[i % len(_IMPAIRMENTS)]
    cursor = int(0.5 * RATE)
    placed: list[tuple[int, npt.NDArray[np.int16]]] = []
    turns: list[Turn] = []
    for leg, text, kind, secret, month in script(i):
        pcm = speak(text, rate=RATE, voice=VOICE, wpm=imp.wpm)
        placed.append((cursor, pcm))
        turns.append(Turn(leg, text, cursor / RATE, (cursor + len(pcm)) / RATE, kind, secret, month))
        cursor += len(pcm) + int(gap_s * RATE)
    n = cursor + int(0.5 * RATE)
    legs = []
    for k, role in enumerate((AGENT, CUSTOMER)):
        track = np.zeros(n, np.int16)
        for (at, pcm), t in zip(placed, turns, strict=True):
            if t.leg == role:
                track[at : at + len(pcm)] = pcm
        ref = " ".join(t.text for t in turns if t.leg == role)
        legs.append(
            LegAudio(
                f"es{i}-{imp.tag}-{role}", "spanish", RATE, impair(track, imp, seed=100 + 10 * i + k), ref
            )
        )
    return SpanishCall(f"es{i}", (legs[0], legs[1]), tuple(turns))


def spanish_set(limit: int | None = None) -> list[SpanishCall]:
    return [spanish_call(i) for i in range(len(_CALLS) if limit is None else min(limit, len(_CALLS)))]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")


def normalise(text: str) -> str:
    """Lower case, no punctuation, numbers as single digits, accents folded (for WER)."""
    tokens = [t for t in (re.sub(r"[^\w\-/]", "", w) for w in text.lower().split()) if t.strip("-/")]
    pieces = {p.first: p for p in parse_numbers(tokens) if p.digits}
    out: list[str] = []
    k = 0
    while k < len(tokens):
        p = pieces.get(k)
        if p is not None:
            out.extend(p.digits)
            k = p.last + 1
            continue
        out.append(tokens[k].replace("-", " "))
        k += 1
    return _fold(" ".join(out))


def wer(refs: Sequence[str], hyps: Sequence[str]) -> float:
    import jiwer

    r = [normalise(x) for x in refs]
    h = [normalise(x) or "<empty>" for x in hyps]
    return float(jiwer.wer(r, h))


def transcripts(call: SpanishCall, words_per_leg: Sequence[Sequence[Word]]) -> list[Transcript]:
    """The legs' timed words cut back into one transcript per turn (the utterances redaction reads)."""
    out: list[Transcript] = []
    for t in call.turns:
        k = 0 if t.leg == AGENT else 1
        mine = tuple(w for w in words_per_leg[k] if t.t0 - 0.3 <= (w.t0 + w.t1) / 2 <= t.t1 + 0.3)
        out.append(Transcript(call.name, t.leg, t.t0, t.t1, " ".join(w.text for w in mine), mine))
    return out


def said_digits(text: str) -> str:
    return "".join(p.digits for p in parse_numbers(text.lower().split()))


def value_left(turn: Turn, redacted: str) -> bool:
    """True when the redacted text of ``turn`` still says (part of) its value."""
    digits = said_digits(redacted)
    if turn.kind == "DOB":
        return turn.secret in digits or turn.month in _fold(redacted.lower())
    return any(turn.secret[i : i + 4] in digits for i in range(max(1, len(turn.secret) - 3)))


def redact_text(call: SpanishCall, trs: list[Transcript]) -> tuple[list[str], list[tuple[float, float, str]]]:
    """Redacted text per turn and the masked spans (t0, t1, leg)."""
    ct = CallText(call.name)
    for tr in trs:
        ct.add_transcript(tr)
    red = redact_call(ct, RedactPolicy())
    return [t.text for t in red.transcripts], [(s.t0, s.t1, s.leg) for s in red.spans]


def score_spanish(
    calls: Sequence[SpanishCall],
    texts: Sequence[str],
    langs: Sequence[str],
    words: Sequence[Sequence[Word]],
) -> dict[str, int | float]:
    """Scores of decoded legs (in ``calls``' leg order: agent, customer per call)."""
    legs = [leg for c in calls for leg in c.legs]
    row: dict[str, int | float] = {"wer": wer([leg.reference for leg in legs], list(texts))}
    row["legs"] = len(legs)
    row["lang_ok"] = sum(1 for lang in langs if lang == "es")
    row.update(pans=0, pan_redacted=0, dobs=0, dob_redacted=0, leaked_runs=0)
    for ci, call in enumerate(calls):
        trs = transcripts(call, (words[2 * ci], words[2 * ci + 1]))
        redacted, _ = redact_text(call, trs)
        for t, text in zip(call.turns, redacted, strict=True):
            if t.kind not in ("PAN", "DOB"):
                continue
            key = "pan" if t.kind == "PAN" else "dob"
            row[key + "s"] += 1
            left = value_left(t, text)
            row[key + "_redacted"] += 0 if left else 1
            row["leaked_runs"] += 1 if left else 0
    return row
