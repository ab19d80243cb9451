"""Numbers written the ways people say them: test material for the detectors and the benchmark.

``say_digits("4111111111111111", "double")`` gives "four double one one, one one one one, …".
Styles: grouped digits ("4111 1111"), words, "oh" for zero, "double"/"triple" runs, and
pairs ("forty one eleven"). The synthetic-call generator speaks these through espeak-ng.
"""

from __future__ import annotations

from collections.abc import Sequence

WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
STYLES = ("grouped", "words", "oh", "double", "pairs")


def _groups(digits: str, sizes: Sequence[int]) -> list[str]:
    out, pos = [], 0
    for s in sizes:
        if pos >= len(digits):
            break
        out.append(digits[pos : pos + s])
        pos += s
    if pos < len(digits):
        out.append(digits[pos:])
    return out


def default_groups(digits: str) -> list[int]:
    n = len(digits)
    if n == 15:
        return [4, 6, 5]  # Amex
    if n == 9:
        return [3, 2, 4]  # SSN
    if n == 10:
        return [3, 3, 4]
    return [4] * ((n + 3) // 4)


def _pair(p: str) -> str:
    if len(p) == 1:
        return WORDS[int(p)]
    a, b = int(p[0]), int(p[1])
    if a == 0:
        return "oh " + WORDS[b]
    if a == 1:
        return TEENS[b]
    return TENS[a] + ("" if b == 0 else " " + WORDS[b])


def _run_words(g: str, zero: str, runs: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(g):
        j = i
        while j < len(g) and g[j] == g[i]:
            j += 1
        k = j - i
        w = zero if g[i] == "0" else WORDS[int(g[i])]
        if runs and k == 4:
            out.append(f"double {w} double {w}")
        elif runs and k in (2, 3):
            out.append(("double " if k == 2 else "triple ") + w)
        else:
            out.extend([w] * k)
        i = j
    return " ".join(out)


def say_digits(digits: str, style: str = "grouped", sizes: Sequence[int] | None = None) -> str:
    groups = _groups(digits, sizes or default_groups(digits))
    if style == "grouped":
        return " ".join(groups)
    if style == "words":
        return ", ".join(" ".join(WORDS[int(c)] for c in g) for g in groups)
    if style == "oh":
        return ", ".join(_run_words(g, "oh", False) for g in groups)
    if style == "double":
        return ", ".join(_run_words(g, "oh", True) for g in groups)
    if style == "pairs":
        return ", ".join(" ".join(_pair(g[i : i + 2]) for i in range(0, len(g), 2)) for g in groups)
    raise ValueError(f"unknown spoken style: {style}")
