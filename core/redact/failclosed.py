"""Fail-closed rules over one call: what is masked when the recogniser may have misheard.

An utterance that is mostly a number is masked whole; an answer to a request for data that
holds any finding is masked whole; a digit homophone next to a masked number goes with it;
speech the recogniser returned nothing for is masked after a request for data (PCI DSS 3.3.1:
sensitive authentication data is never stored, whatever the transcript says).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ccedge.core.frames import RedactionSpan
from ccedge.core.redact import context as ctx
from ccedge.core.redact import payment
from ccedge.core.redact.asked import asks_for_own, requested
from ccedge.core.redact.calltext import CallText, Utt
from ccedge.core.redact.payment import Segment
from ccedge.core.redact.policy import RedactPolicy
from ccedge.core.redact.windows import LOW_P, Window, numberish, said_digits, unsure

_PROMPT_RX = re.compile(
    "|".join(
        r.pattern
        for r in (
            ctx.CARD,
            ctx.CVV,
            ctx.EXPIRY,
            ctx.SSN,
            ctx.DOB,
            ctx.PIN,
            ctx.ROUTING,
            ctx.MEDICAL,
            ctx.MEMBER,
        )
    )
)
PROMPTS = (
    "social security number",
    "date of birth",
    "card number",
    "security code",
    "expiry date",
    "expiration date",
    "account number",
    "routing number",
    "member id",
    "policy number",
    "medical record number",
    "your pin",
    "zip code",
    "phone number",
    "long number on the card",
)


def _names_data(text: str, score: float) -> bool:
    """The text names sensitive data (a cue of ``context``, or a known request matched at ``score``)."""
    return bool(_PROMPT_RX.search(text.lower()) or payment.matches(PROMPTS, text, score))


def unheard_spans(
    call: CallText, policy: RedactPolicy, segs: list[Segment], wins: Sequence[Window] = ()
) -> list[RedactionSpan]:
    """Unheard speech masked per policy: in a payment segment or window, after a request for data,
    or always."""
    out: list[RedactionSpan] = []
    if policy.unheard == "keep":
        return out
    for leg, t0, t1 in call.unheard:
        if policy.unheard == "prompted":
            in_segment = any(s.t0 <= t1 and t0 <= s.t1 for s in segs) or any(
                w.t0 <= t1 and t0 <= w.t1 for w in wins
            )
            before = [u for u in call.utts if t0 - policy.unheard_lookback_s <= u.t1 <= t0 + 0.5]
            # A request for something of the speaker's counts whatever it was heard as ("What's
            # your name, Tambur?" was "date of birth"): unheard speech answering it is masked.
            asked = any(
                _names_data(u.text, policy.trigger_score - 8)
                or (u.leg != leg and asks_for_own(u.text))
                for u in before
            )
            if not (in_segment or asked):
                continue
        out.append(RedactionSpan(call.call_id, leg, t0, t1, "UNHEARD", "unheard-" + policy.unheard, 0.5))
    for i, t0, t1 in call.gaps:
        # A stretch of a heard utterance that no word covers: only in an answer to a request for
        # data (a noisy leg's VAD cuts hold seconds of noise around the words, which the broader
        # rule above would mask after every request of the last half minute).
        u = call.utts[i]
        detector = "uncovered-" + policy.unheard
        if policy.unheard == "all" or (policy.unheard == "prompted" and _answers_request(call, u, policy)):
            out.append(RedactionSpan(call.call_id, u.leg, t0, t1, "UNHEARD", detector, 0.5))
        elif policy.unheard == "prompted" and (since := _asked_during(call, u, t1, policy)) is not None:
            # The other leg asked for data while this utterance ran (a noisy leg's VAD held the
            # caller's talk from before the request to into the answer in one 12 s utterance, the
            # card number's first second without words after "the 16 digits on the card"): the
            # stretch from the request on is an answer.
            out.append(RedactionSpan(call.call_id, u.leg, max(t0, since), t1, "UNHEARD", detector, 0.5))
    return out


def _is_request(p: Utt, policy: RedactPolicy) -> bool:
    return bool(
        _names_data(p.text, policy.trigger_score)
        or (asks_for_own(p.text) and p.text.rstrip().endswith("?"))
        or garbled_request(p)
    )


def _answers_request(call: CallText, u: Utt, policy: RedactPolicy) -> bool:
    """What the other leg said last before ``u`` began (ending at most ANSWER_WITHIN_S before
    it; it may still be talking) asked for data."""
    prev = [p for p in call.utts if p.leg != u.leg and p.t0 <= u.t0 + 0.5 and p.t1 >= u.t0 - ANSWER_WITHIN_S]
    if not prev:
        return False
    return _is_request(max(prev, key=lambda p: (p.t0, p.index)), policy)


def _asked_during(call: CallText, u: Utt, until: float, policy: RedactPolicy) -> float | None:
    """When the other leg began a request for data after ``u`` began and before ``until``."""
    during = [p.t0 for p in call.utts
              if p.leg != u.leg and u.t0 + 0.5 < p.t0 < until and _is_request(p, policy)]
    return min(during, default=None)


def _label_numbers(u: Utt, labs: list[str | None], kind: str) -> None:
    """Every number word of ``u`` not labelled yet is labelled ``kind`` (masked in the text)."""
    for k, t in enumerate(u.tokens):
        if labs[k] is None and numberish(t.norm):
            labs[k] = kind


# Recognisers write digits they half-hear as words that sound alike ("it is for 111…").
HOMOPHONES = frozenset({"for", "to", "too", "won", "ate", "fore", "tree", "free", "nein", "oh", "o"})
_DIGIT_KINDS = frozenset(
    {"PAN", "CVV", "EXPIRY", "PIN", "SSN", "DOB", "DATE", "ROUTING", "ACCOUNT", "PAYMENT", "PHONE"}
)


def absorb_homophones(call: CallText, labels: list[list[str | None]]) -> None:
    """A digit homophone right next to a masked number is masked with it (text only)."""
    for u, labs in zip(call.utts, labels, strict=True):
        for k, lab in enumerate(list(labs)):
            if lab not in _DIGIT_KINDS:
                continue
            for j in (k - 1, k + 1):
                if 0 <= j < len(labs) and labs[j] is None and u.tokens[j].norm in HOMOPHONES:
                    if j < k and u.tokens[j].pause_after:
                        continue
                    labs[j] = lab


DOMINANT_SHARE = 0.5
ANSWER_WITHIN_S = 10.0


def prompted_answers(
    call: CallText, labels: list[list[str | None]], policy: RedactPolicy
) -> list[RedactionSpan]:
    """An answer to a request for data that holds any sensitive finding is masked whole.

    The recogniser may hear only the last digits of a number it garbles; the words it did
    not turn into digits still sound like digits (fail closed).
    """
    out: list[RedactionSpan] = []
    for u, labs in zip(call.utts, labels, strict=True):
        found = [x for x in labs if x is not None and x not in ("NAME", "ADDRESS", "EMAIL", "PAYMENT")]
        if not found:
            continue
        asked = requested(call, u, ANSWER_WITHIN_S) is not None or any(
            p.leg != u.leg
            and u.t0 - ANSWER_WITHIN_S <= p.t1 <= u.t0 + 0.5
            and _names_data(p.text, policy.trigger_score - 8)
            for p in call.utts
        )
        date = bool(_DATE_KINDS.intersection(found)) and _answers_question(call, u)
        if asked or date:
            kind = max(set(found), key=found.count)
            out.append(RedactionSpan(call.call_id, u.leg, u.t0, u.t1, kind, "prompted-answer", 0.5))
        if date:
            # "August 6, 19, 40 times": the year, heard as loose numbers, is an element too.
            _label_numbers(u, labs, kind)
    return out


NUMERIC_SHARE = 0.4  # "and every 20 first, I'm seen 53" (a date of birth): 3 of 7 words
NUMERIC_MIN_DIGITS = 3


def garbled_request(u: Utt) -> bool:
    """A request for something of the listener's that the recogniser could not hear: "your" after
    some other word, the rest of the utterance unsure ("What's your date of birth, please?" came
    back "Wipe your nate on earth, lean.": no frame, no cue, nothing close to a known request)."""
    if not any(k > 0 and t.norm == "your" for k, t in enumerate(u.tokens)):
        return False
    rest = [t.p for t in u.tokens if t.norm != "your"]
    return bool(rest) and sum(rest) / len(rest) < LOW_P


def numeric_answers(call: CallText, labels: list[list[str | None]]) -> list[RedactionSpan]:
    """An answer that is mostly numbers to a request for something of the speaker's is masked whole.

    "To verify, when were you born?" came back from whisper as "Can I have your name
    somewhere?" and the date of birth as "0.05, 1.02,02.": no cue, no date, no detector; but a
    request for something personal answered with a number is a number that identifies the
    caller, whatever the request was heard as (fail closed). Not when the request names a number
    as benign ("what's your order number") or a phone number (masked by its own detector).
    """
    out: list[RedactionSpan] = []
    for u, labs in zip(call.utts, labels, strict=True):
        if not u.tokens or any(x is not None for x in labs) or said_digits(u) < NUMERIC_MIN_DIGITS:
            continue
        nums = [k for k, t in enumerate(u.tokens) if numberish(t.norm)]
        prev = [p for p in call.utts if p.leg != u.leg and u.t0 - ANSWER_WITHIN_S <= p.t1 <= u.t0 + 0.5]
        if not prev:
            continue
        asker = max(prev, key=lambda p: (p.t1, p.index))
        q = asker.text
        if ctx.BENIGN.search(q.lower()) or ctx.PHONE.search(q.lower()):
            continue
        framed = asks_for_own(q) and len(nums) / len(u.tokens) >= NUMERIC_SHARE
        # A garbled request answered with garbled speech that says numbers: the answer is masked
        # however few of its words came out as numbers (a date of birth as "…19 for the iron").
        garbled = garbled_request(asker) and unsure(u)
        if not (framed or garbled):
            continue
        for k in nums:
            labs[k] = "NUMBER"
        out.append(RedactionSpan(call.call_id, u.leg, u.t0, u.t1, "NUMBER", "numeric-answer", 0.5))
    return out


# A date said in answer to any question is masked whole: the question may have been a date of
# birth garbled past recognition ("To verify, when were you born?" written "Can I have your name,
# Dunworth?") and the year heard as words ("November 28, I'm Dean for the San"); HIPAA Safe Harbor
# 164.514(b)(2)(i)(C) counts every element of a date tied to a person.
_DATE_KINDS = frozenset({"DOB", "DATE"})


def _answers_question(call: CallText, u: Utt) -> bool:
    """The other leg's latest utterance before ``u`` (within ANSWER_WITHIN_S) asked something."""
    prev = [p for p in call.utts if p.leg != u.leg and u.t0 - ANSWER_WITHIN_S <= p.t1 <= u.t0 + 0.5]
    if not prev:
        return False
    p = max(prev, key=lambda p: (p.t1, p.index))
    return "?" in p.text or requested(call, u, ANSWER_WITHIN_S) is not None


def dominated(call: CallText, labels: list[list[str | None]]) -> list[RedactionSpan]:
    """An utterance that is mostly sensitive data is masked whole, and every number in its text.

    Recogniser word times are rough; when most of what was said is a number, masking the whole
    utterance leaves no digit's sound at a word boundary (fail closed). Its other numbers are
    parts of the same value misheard ("0.4, 1.6, 18, 18" for a date of birth: the decimals read
    as amounts), so the text masks them as the audio does.
    """
    out: list[RedactionSpan] = []
    for u, labs in zip(call.utts, labels, strict=True):
        counted = [x for x in labs if x not in ("NAME", "ADDRESS", "EMAIL")]
        sensitive = [x for x in counted if x is not None]
        if labs and sensitive and len(sensitive) / len(labs) >= DOMINANT_SHARE:
            kind = max(set(sensitive), key=sensitive.count)
            out.append(RedactionSpan(call.call_id, u.leg, u.t0, u.t1, kind, "utterance-dominant", 0.5))
            _label_numbers(u, labs, kind)
    return out
