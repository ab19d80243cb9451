"""Wording that changes the words but not the meaning, and negation that changes the meaning.

Two things the phrase lists cannot carry on their own (packs 2026.12.6, from the third held-out
set's misses):

* **Same meaning, other words.** People swap the small words ("*the* account shows" for "*your*
  account shows", "it is a joke" for "this is a joke") and use a common synonym ("*ring* me back",
  "*terminate* my subscription", "my *team leader* will call you", "*check* the number on file"). A
  phrase also matches when both sides are the same after ``canon``: intensifiers dropped,
  determiners and demonstratives made one token, and a few synonym classes mapped to one head
  word. The classes are deliberately small and meaning-preserving in every phrase that uses them;
  a word with other common senses ("end", "close", "stop", "plan") is left out ("I want to end this
  call" is no cancellation).
* **Negation.** "nobody has *called me back*" is a complaint, not a callback request; "I can*not*
  guarantee" is not a promise; "this call is *not* recorded" is no notice. A match is dropped when a
  negation the phrase does not have is inside the matched words, or just before them (skipping up
  to two auxiliaries: "nobody *has* called", "they *never* rang"). A bare "no" before a phrase is
  an answer to something else ("No. Is there anything else?"), so it only counts inside.
"""

from __future__ import annotations

from collections.abc import Sequence

# Intensifiers and hedges people put into a set phrase ("this is *so* unacceptable", "I am
# *really* fed up", "I *just* want to complain"): dropped on both sides.
INTENSIFIERS = frozenset("really so very absolutely totally completely just quite honestly truly "
                         "ever actually".split())

_DET = "<d>"  # the one token every determiner and demonstrative becomes
# "a"/"an" stay: "a diagnosis" is talk about diagnoses, "your diagnosis" is the patient's. A third
# person's possessive is the same kind of word (2026.12.7): a carer or relative calls about someone
# else ("what was *her* name", "*his* medication"), and the question is the same question.
_DETERMINERS = frozenset("the your my our this that it his her their".split())
# words put inside a phrase that do not count against ``with_insertions``' limit: "calls to *the*
# pharmacy are recorded" puts in a place ("to pharmacy"), the article is only its grammar
_LIGHT = frozenset({_DET, "a", "an"})

# word -> head word (tense and number kept, so "called" stays past)
_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("ring", "phone"), "call"), **dict.fromkeys(("rang", "rung", "phoned"), "called"),
    **dict.fromkeys(("ringing", "phoning"), "calling"), **dict.fromkeys(("rings", "phones"), "calls"),
    "conversation": "call", "conversations": "calls",
    **dict.fromkeys(("supervisor", "boss"), "manager"),
    **dict.fromkeys(("supervisors", "bosses"), "managers"),
    "terminate": "cancel", "terminated": "cancelled",
    "check": "confirm", "checked": "confirmed", "checking": "confirming",
    **dict.fromkeys(("sorted", "resolved"), "fixed"),
    **dict.fromkeys(("instalment", "installment", "repayment"), "payment"),
    **dict.fromkeys(("instalments", "installments", "repayments"), "payments"),
    **dict.fromkeys(("dental", "clinical", "health"), "medical"),
    "somebody": "someone", "anybody": "anyone", "everybody": "everyone",
}
# two-word synonyms, joined before the one-word map ("team leader" -> "manager")
_PAIRS: dict[tuple[str, str], str] = {
    ("team", "leader"): "manager", ("team", "lead"): "manager", ("line", "manager"): "manager",
    ("team", "leaders"): "managers",
}

NEGATORS = frozenset("not never nobody nothing neither nor noone".split())
# words between a negation and what it negates ("nobody *has* called", "no need *to* escalate")
_BETWEEN = frozenset("has have had was were is are will would did does do can could should ever even yet "
                     "been be actually to".split())
# a word that with "no" before it negates what follows ("no one has called", "no need to escalate")
_AFTER_NO = frozenset("one need".split())
# negating prefixes: "unhappy" is not "happy", however close the letters
_NEG_PREFIXES = ("un", "dis", "in", "im", "ir", "il", "non")


def canon(tokens: Sequence[str], final: bool = True) -> list[str]:
    """The canonical words of normalised tokens (see the module docstring). ``final=False`` keeps
    a determiner that ends the sequence as it is: a phrase ending in "that" ("sorry about that",
    "thanks for confirming that") must not become a prefix of anything after "the"."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        w = tokens[i]
        pair = _PAIRS.get((w, tokens[i + 1])) if i + 1 < len(tokens) else None
        if pair is not None:
            out.append(pair)
            i += 2
            continue
        i += 1
        if w in INTENSIFIERS:
            continue
        if w in _DETERMINERS and (final or i < len(tokens)):
            out.append(_DET)
        else:
            out.append(_SYNONYMS.get(w, w))
    return out


def has_negation(tokens: Sequence[str]) -> bool:
    return any(t in NEGATORS or t == "no" for t in tokens)


def negated(tokens: Sequence[str], i: int, j: int, phrase: Sequence[str]) -> bool:
    """Does the match ``tokens[i:j]`` of ``phrase`` say the opposite: a negation the phrase lacks,
    inside or just before it; or, for a phrase that carries its own ("i can not afford", "not
    good enough"), none inside or just before it ("i can afford it")?"""
    if has_negation(phrase):
        return not has_negation(tokens[max(0, i - 2):j])
    if has_negation(tokens[max(0, i):j]):
        return True
    k, skipped = i - 1, 0
    while k >= 0 and tokens[k] in _BETWEEN and skipped < 2:
        k, skipped = k - 1, skipped + 1
    return k >= 0 and (tokens[k] in NEGATORS or (tokens[k] in _AFTER_NO and k > 0 and tokens[k - 1] == "no"))


def opposite(a: str, b: str) -> bool:
    """Is one word the other with a negating prefix ("happy" / "unhappy", "satisfied" /
    "dissatisfied")? Close in letters, opposite in meaning."""
    return any(x == pre + y for x, y in ((a, b), (b, a)) for pre in _NEG_PREFIXES)


def with_insertions(tokens: Sequence[str], phrase: Sequence[str], most: int) -> tuple[int, int] | None:
    """The span ``(i, j)`` of ``tokens`` that says every word of ``phrase`` in order with up to
    ``most`` other words put in between ("make a *formal* complaint", "the number *we have* on
    file"), none of them a negation; or ``None``. Only for phrases of three words or more (a
    two-word phrase with words put in between says something else too often). Determiners and
    articles put in are free (canonical tokens: "calls to *the* pharmacy are recorded" puts in two
    words), up to ``most`` of them too."""
    if len(phrase) < 3 or most <= 0:
        return None
    for i, t in enumerate(tokens):
        if t != phrase[0]:
            continue
        k, j, extra, light = 1, i + 1, 0, 0
        while k < len(phrase) and j < len(tokens):
            if tokens[j] == phrase[k]:
                k += 1
            elif tokens[j] in NEGATORS or tokens[j] == "no":
                break
            elif tokens[j] in _LIGHT and light < most:
                light += 1
            elif extra == most:
                break
            else:
                extra += 1
            j += 1
        if k == len(phrase) and extra + light:
            return i, j
    return None
