"""Spanish for the digit stream and the cues: number words, months and the main cue phrases.

US contact centres take Spanish calls; the multilingual model (Whisper base) writes most Spanish
numbers as digits ("4539", "12 de marzo de 1980"), but read-out digit strings and numbers it is
unsure of come out as words ("cuatro cinco tres nueve", "cero", "veinte", "mil novecientos
ochenta"). Rather than a second grammar, each Spanish number word is rewritten into the English
atoms the spoken-number grammar (:mod:`.spoken`) already parses: "veintitrés" -> "twenty three",
"novecientos" -> "nine hundred", "mil" -> "a thousand" (or "thousand" after a number), and the
"y" of "treinta y cinco" is dropped. The token positions stay those of the Spanish words, so the
spans (and the audio masked under them) are the Spanish words themselves.

"once" (11) is also an English word: it counts as a number only next to another number.
"o" ("or") is not made a zero here; "un"/"una" are articles and stay words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_UNITS = {
    "cero": "zero", "uno": "one", "dos": "two", "tres": "three", "cuatro": "four", "cinco": "five",
    "seis": "six", "siete": "seven", "ocho": "eight", "nueve": "nine",
}  # fmt: skip
_TEENS = {
    "diez": "ten", "once": "eleven", "doce": "twelve", "trece": "thirteen", "catorce": "fourteen",
    "quince": "fifteen", "dieciséis": "sixteen", "dieciseis": "sixteen", "diecisiete": "seventeen",
    "dieciocho": "eighteen", "diecinueve": "nineteen",
}  # fmt: skip
_TENS = {
    "veinte": "twenty", "treinta": "thirty", "cuarenta": "forty", "cincuenta": "fifty",
    "sesenta": "sixty", "setenta": "seventy", "ochenta": "eighty", "noventa": "ninety",
}  # fmt: skip
# "veintiuno" ... "veintinueve": one word for twenty-one to twenty-nine.
_VEINTI = {
    "veintiuno": "one", "veintiún": "one", "veintidós": "two", "veintidos": "two", "veintitrés": "three",
    "veintitres": "three", "veinticuatro": "four", "veinticinco": "five", "veintiséis": "six",
    "veintiseis": "six", "veintisiete": "seven", "veintiocho": "eight", "veintinueve": "nine",
}  # fmt: skip
_HUNDREDS = {
    "cien": "one", "ciento": "one", "doscientos": "two", "doscientas": "two", "trescientos": "three",
    "trescientas": "three", "cuatrocientos": "four", "cuatrocientas": "four", "quinientos": "five",
    "quinientas": "five", "seiscientos": "six", "seiscientas": "six", "setecientos": "seven",
    "setecientas": "seven", "ochocientos": "eight", "ochocientas": "eight", "novecientos": "nine",
    "novecientas": "nine",
}  # fmt: skip
_ENGLISH_NUMBER = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
}  # fmt: skip
_DIGITS = re.compile(r"\d+")

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
# "el doce de marzo de mil novecientos ochenta": "de" plays the part of "of".
OF = ("de", "del")

# Cue paraphrases per kind (policy.KINDS), as written with accents; ``cue_phrases`` gives the
# form the cue matcher compares (its words are [a-z0-9']+ runs of the folded text).
_CUES: dict[str, tuple[str, ...]] = {
    "PAN": (
        "número de tarjeta", "numero de tarjeta", "tarjeta de crédito", "tarjeta de débito",
        "los números de la tarjeta", "el número de su tarjeta", "pagar con tarjeta", "hacer un pago",
    ),
    "EXPIRY": ("fecha de expiración", "fecha de caducidad", "caducidad", "vence el", "válida hasta"),
    "CVV": ("código de seguridad", "codigo de seguridad", "código de verificación", "los tres dígitos"),
    "DOB": ("fecha de nacimiento", "cuándo nació", "cuando nació", "nació el", "su nacimiento"),
    "SSN": ("seguro social", "número de seguro social", "numero de seguro social", "su seguro social"),
    "MEMBER": ("número de miembro", "número de póliza", "numero de poliza", "número de cuenta"),
    "PIN": ("número secreto", "su pin", "clave"),
}  # fmt: skip
_CUE_WORD = re.compile(r"[a-z0-9']+")

# Keywords near a number that say what it is (:mod:`.context`), on normalised (lower-case,
# accented) tokens; each is added as an alternative to the English pattern of the same name.
CONTEXT: dict[str, str] = {
    "CARD": r"tarjeta|tarjetas|cr[eé]dito|d[eé]bito|n[uú]mero largo",
    "CVV": r"c[oó]digo de (seguridad|verificaci[oó]n)|tres d[ií]gitos|cuatro d[ií]gitos|reverso",
    "EXPIRY": r"caducidad|expiraci[oó]n|vencimiento|vence|v[aá]lida hasta",
    "SSN": r"seguro social",
    "DOB": r"fecha de nacimiento|nacimiento|naci[oó]|nac[ií]|cumplea[nñ]os",
    "PIN": r"n[uú]mero secreto|clave|pin",
    "ACCOUNT": r"cuenta",
    "MEMBER": r"n[uú]mero de (miembro|afiliado|socio)|afiliado|miembro",
    "POLICY": r"p[oó]liza|reclamo",
}


def widen(rx: re.Pattern[str], key: str) -> re.Pattern[str]:
    """``rx`` that also matches the Spanish keywords of ``key``."""
    return re.compile(rf"(?:{rx.pattern})|\b(?:{CONTEXT[key]})\b", rx.flags)


def cue_phrases() -> dict[str, tuple[str, ...]]:
    """The Spanish cue phrases per kind in the matcher's word form ("código" -> "c digo")."""
    return {k: tuple(dict.fromkeys(" ".join(_CUE_WORD.findall(p)) for p in ps)) for k, ps in _CUES.items()}


def _is_number(w: str) -> bool:
    return (
        w in _UNITS or w in _TEENS or w in _TENS or w in _VEINTI or w in _HUNDREDS or w == "mil"
        or w in _ENGLISH_NUMBER or _DIGITS.fullmatch(w) is not None
    )  # fmt: skip


def number_atoms(norms: Sequence[str], i: int) -> tuple[str, ...] | None:
    """The English number atoms Spanish token ``norms[i]`` says; ``()`` when the token is the
    "y" inside a number (dropped); ``None`` when it is no Spanish number word."""
    w = norms[i]
    prev = norms[i - 1] if i > 0 else ""
    nxt = norms[i + 1] if i + 1 < len(norms) else ""
    if w == "once" and not (_is_number(prev) or _is_number(nxt)):
        return None
    if w in _UNITS:
        return (_UNITS[w],)
    if w in _TEENS:
        return (_TEENS[w],)
    if w in _TENS:
        return (_TENS[w],)
    if w in _VEINTI:
        return ("twenty", _VEINTI[w])
    if w in _HUNDREDS:
        return (_HUNDREDS[w], "hundred")
    if w == "mil":
        return ("thousand",) if _is_number(prev) and prev not in ("mil",) else ("a", "thousand")
    if w == "y" and prev in _TENS:
        return () if nxt in _UNITS and nxt != "cero" else None
    return None
