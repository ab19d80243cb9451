"""Precise errors for TOML files we validate (policies, scorecards): file, line, item, what.

``Problem`` is one fault; ``LineMap`` gives line numbers for a document that ``tomllib``
parsed (it keeps none).

A light scan of the source: which line opens each ``[[array]]`` element or ``[table]`` and on
which line each key of it sits. Enough to point a validation error at the right line of a
policy or scorecard; multi-line strings and arrays are skipped over, not interpreted.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")
_TOML_POS = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a file: where, which rule or criterion, what."""

    file: str
    line: int  # 1-based; 0 when the place is not known
    rule: str  # rule, marker or criterion id; "" for the file itself
    what: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {f'{self.rule}: ' if self.rule else ''}{self.what}"


class LineMap:
    """``line(table, index, key)``: the line of ``key`` in the ``index``-th ``[[table]]``
    (index 0 for a plain ``[table]``); without ``key``, the line of the header."""

    def __init__(self, source: str) -> None:
        self._lines: dict[tuple[str, int, str], int] = {}
        counts: dict[str, int] = {}
        current = ("", 0)
        depth = 0
        for n, raw in enumerate(source.splitlines(), 1):
            line = raw.split("#", 1)[0] if '"' not in raw and "'" not in raw else raw
            if depth > 0:  # inside a multi-line array: count brackets until it closes
                depth += line.count("[") - line.count("]")
                continue
            h = _HEADER.match(raw)
            if h and not _KEY.match(raw):
                name = h.group(2).replace('"', "").replace("'", "").strip()
                if h.group(1) == "[[":
                    idx = counts.get(name, 0)
                    counts[name] = idx + 1
                else:
                    idx = 0
                current = (name, idx)
                self._lines[(name, idx, "")] = n
                continue
            k = _KEY.match(line)
            if k:
                self._lines.setdefault((current[0], current[1], k.group(1)), n)
                rest = line[k.end():]
                depth = max(0, rest.count("[") - rest.count("]"))

    def line(self, table: str, index: int = 0, key: str = "") -> int:
        return self._lines.get((table, index, key)) or self._lines.get((table, index, ""), 0)


def toml_error_line(e: tomllib.TOMLDecodeError) -> int:
    m = _TOML_POS.search(str(e))
    return int(m.group(1)) if m else 0
