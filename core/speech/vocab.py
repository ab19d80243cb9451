"""Whisper's byte-level BPE vocabulary, decoded back to raw bytes for whisper.cpp.

GPT-2's tokenizer (and Whisper's, which reuses it) maps each of the 256 byte values to a
printable unicode character (``bytes_to_unicode`` in openai/gpt-2 ``encoder.py``) so a
token is a printable string; whisper.cpp wants the raw bytes, so we invert that map.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ccedge.core.speech.errors import SpeechError

EOT = "<|endoftext|>"


@functools.cache
def byte_decoder() -> dict[str, int]:
    """Inverse of GPT-2's ``bytes_to_unicode``: printable character -> byte value."""
    bs = list(range(ord("!"), ord("~") + 1))
    bs += list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = list(bs)
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs, strict=True)}


def token_bytes(token: str) -> bytes:
    dec = byte_decoder()
    try:
        return bytes(dec[ch] for ch in token)
    except KeyError:
        raise SpeechError("vocabulary token has a character outside the byte-level BPE alphabet") from None


def read_vocabulary(path: Path) -> list[str]:
    """CTranslate2's ``vocabulary.txt``: one token per line, in id order."""
    text = Path(path).read_text(encoding="utf-8")
    # split on "\n" only: str.splitlines would also split inside tokens on U+2028 and friends.
    tokens = text.split("\n")
    if tokens and tokens[-1] == "":
        tokens.pop()
    return tokens


def ggml_vocab(tokens: list[str]) -> list[bytes]:
    """The tokens whisper.cpp reads from the file: every id below ``<|endoftext|>``, as bytes.

    whisper.cpp derives the special tokens (eot, sot, timestamps, ...) from ``n_vocab`` itself.
    """
    try:
        eot = tokens.index(EOT)
    except ValueError:
        raise SpeechError("vocabulary has no <|endoftext|> token") from None
    return [token_bytes(t) for t in tokens[:eot]]
