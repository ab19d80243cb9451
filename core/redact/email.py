"""E-mail addresses, written ("j.doe@example.com") or spoken ("j dot doe at example dot com")."""

from __future__ import annotations

import re

from ccedge.core.redact.calltext import CallText, Hit, Utt

_WRITTEN = re.compile(r"[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", re.IGNORECASE)
_TLDS = frozenset(
    {"com", "net", "org", "edu", "gov", "io", "co", "uk", "us", "de", "fr", "info", "biz", "ca", "au", "me"}
)
_AT = frozenset({"at", "@"})
_DOT = frozenset({"dot", "."})


def detect_text(call: CallText, utt: Utt) -> list[Hit]:
    hits: list[Hit] = []
    for i, t in enumerate(utt.tokens):
        if _WRITTEN.search(t.text):
            hits.append(Hit("EMAIL", "email-pattern", 0.95, ((utt.index, i, i),)))
    norms = [t.norm for t in utt.tokens]
    n = len(norms)
    # Spoken: WORD [dot WORD]* at WORD (dot WORD)+ with a known top-level domain at the end.
    for i, w in enumerate(norms):
        if w not in _AT or i == 0:
            continue
        j = i + 1
        last = -1
        while j + 2 <= n and j < n and norms[j] and norms[j] not in _DOT:
            if j + 1 < n and norms[j + 1] in _DOT and j + 2 < n:
                if norms[j + 2] in _TLDS:
                    last = j + 2
                j += 2
            elif "." in norms[j] and norms[j].rsplit(".", 1)[-1] in _TLDS:
                last = j
                break
            else:
                break
        if j < n and "." in norms[j] and norms[j].rsplit(".", 1)[-1] in _TLDS:
            last = max(last, j)
        if last < 0:
            continue
        first = i - 1
        while first - 2 >= 0 and norms[first - 1] in _DOT | {"underscore", "dash"}:
            first -= 2
        hits.append(Hit("EMAIL", "email-spoken", 0.85, ((utt.index, first, last),)))
    return hits
