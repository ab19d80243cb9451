"""The redaction stage: transcripts and DTMF events in; spans and redacted transcripts out.

All detectors run over one call at a time (one digit stream per call). Findings are ranked
(confidence, then how sensitive the kind is) and each token or DTMF event takes the label of
the best finding that covers it; the text shows ``[PAN]``, ``[CVV]``… in place of the words,
and every labelled token and key becomes a ``RedactionSpan`` on its leg. Spans carry kind,
detector and confidence, never the value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ccedge.core.frames import DtmfEvent, RedactionSpan, Transcript
from ccedge.core.redact import (
    address,
    answers,
    bank,
    cvv,
    dob,
    email,
    expiry,
    ids,
    names,
    pan,
    payment,
    phone,
    pin,
    ssn,
)
from ccedge.core.redact.calltext import CallText, Hit
from ccedge.core.redact.digitstream import MAX_GAP_S, Chain, can_grow, chains
from ccedge.core.redact.failclosed import (
    absorb_homophones,
    dominated,
    numeric_answers,
    prompted_answers,
    unheard_spans,
)
from ccedge.core.redact.lastfour import allowed_tokens
from ccedge.core.redact.payment import Segment
from ccedge.core.redact.policy import KINDS, RedactPolicy
from ccedge.core.redact.render import merge, redacted_transcript, token_spans
from ccedge.core.redact.runs import join_runs
from ccedge.core.redact.windows import Window, early_benign, find_windows, mask_windows

# Which kind wins a tie of confidence: the more harmful a leak, the earlier.
PRIORITY = {k: i for i, k in enumerate(KINDS)}
READBACK_WINDOW_S = 120.0
# Streaming redaction looks back this far: longer than a number read in groups, an agent's
# read-back or a payment segment's opening question; older findings stay as they were.
WINDOW_S = 150.0

ChainDetector = Callable[[CallText, list[Chain]], list[Hit]]
_CHAIN_DETECTORS: tuple[tuple[tuple[str, ...], ChainDetector], ...] = (
    (("CVV",), cvv.detect),
    (("EXPIRY",), expiry.detect),
    (("PIN",), pin.detect),
    (("SSN",), ssn.detect),
    (("DOB",), dob.detect),
    (("ROUTING", "ACCOUNT"), bank.detect),
    (("PHONE",), phone.detect),
    (("MRN", "MEMBER", "POLICY"), ids.detect),
    (("ADDRESS",), address.detect),
)


@dataclass(slots=True)
class CallRedaction:
    """Everything redaction decided about one call so far."""

    call_id: str
    spans: list[RedactionSpan]
    transcripts: list[Transcript]  # redacted, in the order the utterances arrived
    hits: list[Hit]
    segments: list[Segment]
    labels: list[list[str | None]] = field(default_factory=list)  # per utterance, per token
    dtmf_labels: list[str | None] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)  # payment and identity windows (fail closed)
    window_utterances: int = 0  # utterances masked because they fell in a window


class Redactor:
    """Holds each open call's transcripts and DTMF events and redacts them on demand."""

    def __init__(self, policy: RedactPolicy | None = None) -> None:
        self.policy = policy or RedactPolicy()
        self._calls: dict[str, CallText] = {}
        self._emitted: dict[str, set[tuple[str, str, float, float]]] = {}

    def call(self, call_id: str) -> CallText:
        c = self._calls.get(call_id)
        if c is None:
            c = self._calls[call_id] = CallText(call_id)
            self._emitted[call_id] = set()
        return c

    def add(self, item: Transcript | DtmfEvent) -> None:
        c = self.call(item.call_id)
        if isinstance(item, Transcript):
            c.add_transcript(item)
        else:
            c.add_dtmf(item)

    def add_unheard(self, call_id: str, leg: str, t0: float, t1: float) -> None:
        """Speech on ``leg`` that the recogniser returned no words for (masked per policy)."""
        self.call(call_id).unheard.append((leg, t0, t1))

    def process(self, item: Transcript | DtmfEvent) -> tuple[Transcript | None, list[RedactionSpan]]:
        """Streaming use: add an item; return its redacted transcript and the spans not given before.

        Spans may cover earlier utterances (a card number completed by this one).
        """
        self.add(item)
        c = self._calls[item.call_id]
        latest = max(item.t1, c.utts[-1].t1 if c.utts else 0.0)
        view, _umap, _dmap = c.window(latest - max(WINDOW_S, self.policy.payment_max_s + 30.0))
        res = redact_call(view, self.policy)
        emitted = self._emitted[item.call_id]
        new = []
        for s in res.spans:
            key = (s.leg, s.kind, s.t0, s.t1)
            if key not in emitted:
                emitted.add(key)
                new.append(s)
        tr = res.transcripts[-1] if isinstance(item, Transcript) else None
        return tr, new

    def end_call(self, call_id: str) -> CallRedaction:
        res = self.redact(call_id)
        self._calls.pop(call_id, None)
        self._emitted.pop(call_id, None)
        return res

    def safe_until(self, call_id: str, leg: str, t: float, strict: bool = False) -> float:
        """How far the audio of ``leg`` is cleared, given transcripts up to time ``t``.

        A number still being read may be completed by the next utterance and become a card
        number, so audio from the start of any chain that could still grow is not cleared.
        """
        c = self._calls.get(call_id)
        if c is None:
            return t
        return min([t, *(t0 for t0, _t1 in self.growing(call_id, leg, t, strict))])

    def growing(self, call_id: str, leg: str, t: float, strict: bool = False) -> list[tuple[float, float]]:
        """(start, end) of each number on ``leg`` that talk after ``t`` could still extend.

        ``strict`` (a payment is under way on the leg: keyed digits or a later group may still
        extend its segment): every number said in the last ``MAX_GAP_S`` counts as growing."""
        c = self._calls.get(call_id)
        if c is None:
            return []
        return [(ch.t0, ch.t1) for ch in chains(c, [leg])
                if (ch.t1 >= t - MAX_GAP_S if strict else can_grow(c, ch, t))]

    def open_calls(self) -> list[str]:
        return list(self._calls)

    def redact(self, call_id: str) -> CallRedaction:
        return redact_call(self.call(call_id), self.policy)


def find_hits(call: CallText, policy: RedactPolicy) -> tuple[list[Hit], list[Segment]]:
    """Every finding of every enabled detector over the call, and its payment segments."""
    ch = chains(call)
    hits, rest = pan.detect_split(call, ch)
    for kinds, det in _CHAIN_DETECTORS:
        if any(policy.enabled(k) for k in kinds):
            hits.extend(det(call, rest))
    known: set[str] = set()
    for u in call.order():
        i = u.index
        hits.extend(expiry.detect_text(call, i))
        hits.extend(dob.detect_text(call, i))
        hits.extend(phone.detect_text(call, u))
        hits.extend(ids.detect_text(call, u, policy.id_patterns))
        hits.extend(email.detect_text(call, u))
        hits.extend(address.detect_text(call, u))
        hits.extend(names.detect_text(call, u, known))
    hits.extend(answers.detect(call))
    hits.extend(_readbacks(ch, hits))
    segs: list[Segment] = []
    if policy.enabled("PAYMENT"):
        segs = payment.segments(
            call, policy.payment_triggers, policy.payment_end, policy.trigger_score, policy.payment_max_s
        )
        hits.extend(_segment_hits(call, ch, segs))
    for k, _ev in enumerate(call.dtmf):
        hits.append(Hit("DTMF", "dtmf", 0.4, (), (k,)))
    if policy.enabled("NUMBER"):
        hits = _drop_allowed(call, hits)
    return [h for h in hits if policy.enabled(h.kind)], segs


def _drop_allowed(call: CallText, hits: list[Hit]) -> list[Hit]:
    """Findings only on a last-four read-back or a count word ("last four of") are dropped
    (``lastfour``), unless they repeat a value said in the call (``*-readback``)."""
    ok = allowed_tokens(call)
    if not ok:
        return hits
    return [
        h
        for h in hits
        if h.dtmf
        or not h.refs
        or h.detector.endswith("-readback")
        or any((ui, k) not in ok for ui, a, b in h.refs for k in range(a, b + 1))
    ]


def _readbacks(all_chains: list[Chain], hits: list[Hit]) -> list[Hit]:
    """A card number or SSN repeated, whole or in part, on the other leg (an agent reading back)."""
    out: list[Hit] = []
    found: list[tuple[str, str, float, str]] = []  # (leg, digits, time, kind)
    by_ref = {}
    for c in all_chains:
        for d in c.digits:
            by_ref[(d.utt, d.first, d.last) if d.utt >= 0 else (-1, d.first, d.first)] = c
    for h in hits:
        if h.kind not in ("PAN", "SSN"):
            continue
        refs = list(h.refs) or [(-1, k, k) for k in h.dtmf]
        c = by_ref.get(refs[0])
        if c is None:
            continue
        sel = [
            d
            for d in c.digits
            if ((d.utt, d.first, d.last) if d.utt >= 0 else (-1, d.first, d.first)) in set(refs)
        ]
        found.append((c.leg, "".join(d.ch for d in sel), c.t0, h.kind))
    for c in all_chains:
        if len(c) < 4:
            continue
        for leg, digits, t, kind in found:
            if c.leg != leg and abs(c.t0 - t) <= READBACK_WINDOW_S and c.text in digits:
                out.append(c.hit(kind, f"{kind.lower()}-readback", 0.9))
                break
    return out


def _segment_hits(call: CallText, all_chains: list[Chain], segs: list[Segment]) -> list[Hit]:
    """Inside a payment segment every number said or keyed is masked, whatever it looks like."""
    out: list[Hit] = []
    for s in segs:
        for c in all_chains:
            if c.t1 >= s.t0 and c.t0 <= s.t1:
                out.append(c.hit("PAYMENT", "payment-segment", 0.3))
    return out


def redact_call(call: CallText, policy: RedactPolicy) -> CallRedaction:
    wins: list[Window] = []
    if policy.enabled("NUMBER"):
        wins = find_windows(call, modes=policy.cue_match)
    call.breaks = [w.t1 for w in wins if w.closed_by in ("close-phrase", "acknowledged")]
    hits, segs = find_hits(call, policy)
    hits.sort(key=lambda h: (-h.confidence, PRIORITY.get(h.kind, 99)))
    labels: list[list[str | None]] = [[None] * len(u.tokens) for u in call.utts]
    dtmf_labels: list[str | None] = [None] * len(call.dtmf)
    accepted: list[Hit] = []
    spans: list[RedactionSpan] = []
    for h in hits:
        new_tokens: list[tuple[int, int]] = []
        for ui, a, b in h.refs:
            for k in range(a, b + 1):
                if labels[ui][k] is None:
                    labels[ui][k] = h.kind
                    new_tokens.append((ui, k))
        new_dtmf = [k for k in h.dtmf if dtmf_labels[k] is None]
        for k in new_dtmf:
            dtmf_labels[k] = h.kind
        if not new_tokens and not new_dtmf:
            continue
        accepted.append(h)
        spans.extend(token_spans(call, h, new_tokens))
        for k in new_dtmf:
            ev = call.dtmf[k]
            spans.append(RedactionSpan(call.call_id, ev.leg, ev.t0, ev.t1, h.kind, h.detector, h.confidence))
    if policy.payment_audio == "all":
        legs = sorted({u.leg for u in call.utts} | {e.leg for e in call.dtmf})
        last = max([u.t1 for u in call.utts] + [e.t1 for e in call.dtmf] + [0.0])
        for s in segs:
            # An open segment is masked as far as the call is known; audio after that waits in
            # the hold-back buffer until later transcripts say whether the segment went on.
            t1 = min(s.t1, last) if s.closed_by == "open" else s.t1
            for leg in legs:
                a = s.start_on(leg)
                span = RedactionSpan(call.call_id, leg, a, max(t1, a), "PAYMENT", "payment-segment", 0.3)
                spans.append(span)
    masked_in_windows = 0
    if policy.enabled("NUMBER"):
        wspans, masked_in_windows = mask_windows(call, wins, labels)
        spans.extend(wspans)
        spans.extend(join_runs(call, labels, early_benign(call, wins)))
        spans.extend(numeric_answers(call, labels))
    if policy.enabled("UNHEARD"):
        spans.extend(unheard_spans(call, policy, segs, wins))
    spans.extend(dominated(call, labels))
    spans.extend(prompted_answers(call, labels, policy))
    absorb_homophones(call, labels)
    texts = [redacted_transcript(call, i, labels[i]) for i in range(len(call.utts))]
    return CallRedaction(
        call.call_id, merge(spans), texts, accepted, segs, labels, dtmf_labels, wins, masked_in_windows
    )
