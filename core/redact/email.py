"""E-mail addresses, written ("j.doe@example.com") or spoken ("j dot doe at example dot com")."""

from __future__ import annotations

import itertools
import re

from ccedge.core.redact.calltext import CallText, Hit, Utt

# A written address is checked by splitting at each "@" (one pass over the token) rather than
# by a pattern whose repeated domain labels overlap its top-level domain: that pattern
# backtracked super-linearly on long tokens such as "a@b.b.b.b…".
_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+'-")
_LABEL = re.compile(r"[a-z0-9-]+")
_TLD = re.compile(r"[a-z]{2,}")
_TLDS = frozenset(
    {"com", "net", "org", "edu", "gov", "io", "co", "uk", "us", "de", "fr", "info", "biz", "ca", "au", "me"}
)
_AT = frozenset({"at", "@"})
_DOT = frozenset({"dot", "."})


def written(token: str) -> bool:
    """Whether ``token`` holds a written e-mail address (linear in its length)."""
    if "@" not in token:
        return False
    parts = token.lower().split("@")
    for local, rest in itertools.pairwise(parts):
        if not local or local[-1] not in _LOCAL:
            continue
        domain = rest
        for k, ch in enumerate(rest):
            if not (ch.isascii() and (ch.isalnum() or ch in ".-")):
                domain = rest[:k]
                break
        labels = domain.rstrip(".").split(".")
        if len(labels) >= 2 and _TLD.fullmatch(labels[-1]) and all(_LABEL.fullmatch(x) for x in labels[:-1]):
            return True
    return False


def detect_text(call: CallText, utt: Utt) -> list[Hit]:
    hits: list[Hit] = []
    for i, t in enumerate(utt.tokens):
        if written(t.text):
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
