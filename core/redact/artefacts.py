"""Search stored artefacts for numbers that must not be there (the end-to-end proof).

Text artefacts (transcripts, receipts, logs) are read line by line; each line's numbers,
written or spoken ("four one one one"), are joined into the digit stream the redactor would
build, and the stream is searched for the given secrets and for any Luhn-valid card number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from ccedge.core.frames import Transcript
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.digitstream import chains
from ccedge.core.redact.pan import is_pan


def digit_runs(text: str) -> list[str]:
    """Digit chains of a piece of text, spoken numbers included."""
    c = CallText("scan")
    c.add_transcript(Transcript("scan", "x", 0.0, 1.0, text))
    runs = [ch.text for ch in chains(c)]
    # Numbers glued to letters or punctuation the tokeniser keeps whole ("id=4111…").
    runs += re.findall(r"\d{4,}", text)
    return runs


def luhn_pans(runs: Iterable[str]) -> list[str]:
    """Every card-like (issuer range, Luhn-valid, 13-19 digits) substring of the runs."""
    found = []
    for r in runs:
        for a in range(len(r)):
            for n in range(13, 20):
                if a + n <= len(r) and is_pan(r[a : a + n]):
                    found.append(r[a : a + n])
    return found


def scan_text(text: str, secrets: Sequence[str], min_len: int = 6) -> list[str]:
    """Findings in ``text``: secrets (or their parts of ``min_len``+ digits) and Luhn-valid PANs.

    Returned as labels ("secret:2", "pan"), never as the digits.
    """
    out: list[str] = []
    for line in text.splitlines():
        runs = digit_runs(line)
        joined = "".join(runs)
        for i, s in enumerate(secrets):
            if s and (s in joined or (len(s) > min_len and any(len(r) >= min_len and r in s for r in runs))):
                out.append(f"secret:{i}")
        if luhn_pans(runs):
            out.append("pan")
    return out


def scan_files(paths: Iterable[Path], secrets: Sequence[str]) -> dict[str, list[str]]:
    res: dict[str, list[str]] = {}
    for p in paths:
        if p.suffix.lower() in (".wav", ".pcap", ".gz"):
            continue
        found = scan_text(p.read_text(errors="replace"), secrets)
        if found:
            res[p.name] = sorted(set(found))
    return res
