"""Personal names where the words around them say so ("my name is …", "this is … speaking").

A name found once is remembered for the call, so later mentions ("Thank you, Abigail") are
masked too. Recognisers capitalise names; in lower-case text up to two words are taken.
"""

from __future__ import annotations

import re

from ccedge.core.redact.calltext import CallText, Hit, Utt

_LEADS = re.compile(
    r"\b(my name is|my name's|name is|name's|this is|i am|i'm|it's|speaking with|spell(ed)? my name|"
    r"mr|mrs|ms|miss|dr|patient|the patient is|account holder is|cardholder name is|name on the card is)$",
    re.IGNORECASE,
)
_STOP = frozenset(
    """a an the and or but not is are was were be been i i'm im me my mine you your we our they their he she
    it
    its this that here there calling call speaking from with at on in of for to about just so well yes no yeah
    okay ok sure hi hello hey thanks thank please sorry good great fine very really also still again now today
    having looking trying going wondering getting doing glad happy calling interested concerned sir madam maam
    ma'am mister miss customer agent support team service department representative manager not all ready
    here's what how why when who which one two three four five six seven eight nine ten zero oh actually
    sorry unable able afraid new back back calling bye goodbye bye-bye cheers care morning afternoon evening
    night""".split()
)
_ANY_LEAD = re.compile(
    r"\b(name|this is|i am|i'm|it's|speaking with|mr|mrs|ms|miss|dr|patient|holder|thank you|thanks|hi|hello|"
    r"dear|bye|goodbye)\b"
)
_THANKS = re.compile(r"\b(thank you|thanks|hi|hello|dear|bye|goodbye)$", re.IGNORECASE)


def _name_tokens(utt: Utt, start: int, capital_only: bool, max_words: int = 3) -> list[int]:
    out: list[int] = []
    lower_text = utt.text == utt.text.lower()
    for k in range(start, min(start + max_words, len(utt.tokens))):
        t = utt.tokens[k]
        w = t.norm
        core = t.text.strip("\"'“”‘’.,!?;:()")
        if not w or w in _STOP or not re.fullmatch(r"[a-zà-ÿ][a-zà-ÿ'.-]*", w):
            break
        if (capital_only or not lower_text) and not core[:1].isupper():
            break
        out.append(k)
        if t.pause_after:
            break
    if lower_text and not capital_only:
        out = out[:2]
    return out


def detect_text(call: CallText, utt: Utt, known: set[str]) -> list[Hit]:
    """Names after leads; ``known`` (lower-case name words of this call) grows as names are found."""
    hits: list[Hit] = []
    norms = [t.norm for t in utt.tokens]
    lowered = " ".join(norms)
    if not (_ANY_LEAD.search(lowered) or (known and known.intersection(norms))):
        return hits
    for i in range(1, len(utt.tokens)):
        lead = " ".join(norms[max(0, i - 5) : i])
        if _LEADS.search(lead) and not utt.tokens[i - 1].pause_after:
            k = _name_tokens(utt, i, capital_only=lead.endswith(("i'm", "i am", "it's", "this is")))
            if k:
                hits.append(Hit("NAME", "name-context", 0.8, ((utt.index, k[0], k[-1]),)))
                known.update(norms[j] for j in k)
        elif _THANKS.search(lead) and utt.tokens[i - 1].pause_after:
            k = _name_tokens(utt, i, capital_only=True, max_words=2)
            if k and utt.tokens[k[-1]].pause_after:
                hits.append(Hit("NAME", "name-address", 0.6, ((utt.index, k[0], k[-1]),)))
    for i, t in enumerate(utt.tokens):
        if t.norm in known and t.text.strip("\"'“”‘’.,!?;:()")[:1].isupper():
            hits.append(Hit("NAME", "name-known", 0.7, ((utt.index, i, i),)))
    return hits
