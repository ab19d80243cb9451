"""Text as it arrives, made plain before any detector reads it.

A card number can hide from a pattern in many ways that a person reading the text would
not notice: digits of another script ("٤١١١"), full-width forms ("４１１１"), zero-width
spaces, soft hyphens or NUL bytes between the digits, a UTF-16 file read as bytes. Every
text input is therefore normalised first (Unicode NFKC; format characters such as zero-width
spaces and joiners removed; control characters removed, tabs and line breaks made spaces;
combining marks on digits dropped; every decimal digit of every script mapped to ASCII), and
raw input is decoded with a known encoding (BOM for UTF-16/UTF-32, else UTF-8 with invalid
bytes replaced, never echoed). Work per line is bounded: lines longer than ``MAX_LINE_CHARS``
and JSON nested deeper than ``MAX_JSON_DEPTH`` are refused with a one-line error.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from ccedge.core.redact.errors import RedactError

MAX_LINE_CHARS = 256 * 1024  # far above any utterance (a 30 s utterance with word times: ~8 KiB)
MAX_JSON_DEPTH = 32  # a transcript line is two levels deep (object, words list, word object)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SPACES = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def _fold(ch: str, prev: str) -> str:
    """One character of NFKC text, made plain (see the module docstring)."""
    if ch.isascii() and (ch.isalnum() or ch == " "):
        return ch
    if ch in _SPACES:
        return " "
    cat = unicodedata.category(ch)
    if cat == "Nd":
        return str(unicodedata.decimal(ch))
    if cat in ("Cf", "Cc", "Cs", "Co", "Cn"):
        return ""  # zero-width spaces, joiners, soft hyphens, bidi marks, NUL, surrogates
    if cat in ("Mn", "Me") and prev.isdigit():
        return ""  # "4\u0301" is still a 4
    if cat.startswith("Z"):
        return " "
    return ch


def normalise(text: str) -> str:
    """``text`` made plain for detection: the same characters a reader sees, in ASCII digits."""
    if text.isascii() and text.isprintable():
        return text
    t = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    prev = ""
    for ch in t:
        f = _fold(ch, prev)
        if f:
            out.append(f)
            prev = f[-1]
    return "".join(out)


def encoding_of(head: bytes) -> tuple[str, int]:
    """The encoding a byte-order mark names (and the mark's length); UTF-8 without one."""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc, len(bom)
    return "utf-8", 0


def text_input(raw: BinaryIO) -> TextIO:
    """A text reader over raw bytes: BOM-named UTF-16/32, else UTF-8 with bad bytes replaced.

    UTF-16 without a mark decodes as UTF-8 with NUL bytes between the characters; the NULs
    are removed by :func:`normalise`, so nothing hides behind them.
    """
    buf: Any = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
    enc, skip = encoding_of(buf.peek(4)[:4])
    buf.read(skip)
    return io.TextIOWrapper(buf, encoding=enc, errors="replace", newline=None)


def lines(inp: TextIO, max_chars: int = MAX_LINE_CHARS) -> Iterator[tuple[int, str]]:
    """Numbered lines of ``inp``; a line longer than ``max_chars`` ends the input with an error.

    Reading stops at the limit, so a 10 MB line costs no more than ``max_chars`` of memory.
    """
    n = 0
    while True:
        line = inp.readline(max_chars + 1)
        if not line:
            return
        n += 1
        if len(line.rstrip("\r\n")) > max_chars:
            raise RedactError(f"line {n}: longer than {max_chars} characters (refused)")
        yield n, line


def json_depth(s: str) -> int:
    """Deepest nesting of ``[``/``{`` in a JSON text, strings skipped (one linear pass)."""
    depth = best = 0
    in_str = esc = False
    for ch in s:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}":
            depth -= 1
    return best
