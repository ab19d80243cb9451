"""The redaction stage of the live chain: text through the redactor, audio through the hold-back.

Per call it holds the redactor's view (one digit stream: transcripts, DTMF, unheard speech)
and per leg the hold-back buffer (``ccedge.core.redact.holdback``). A leg's audio is cleared
up to the point before which nothing more can be said that redaction has not seen: the VAD
has settled there, no utterance before it is still with the speech workers, and no number
read there could still grow into a card number (``Redactor.safe_until``). An utterance's
event leaves at the same moment its audio is cleared, so the text shown is never less
redacted than the audio stored. When speech falls behind the horizon, the hold-back releases
the audio masked and the call's receipt is flagged ``audio-lagged``: fail closed.

At the end of a call one final pass redacts the whole call in the order a finished call is
read (utterances by end time, DTMF and unheard speech in between): the receipt and the
file verbs' outputs come from it.

A number holds its leg until it can no longer grow (``Redactor.growing``): a few seconds after
it when the talk moves on, up to ``MAX_GAP_S`` while a card is being read. So that a supervisor
and guidance need not wait that long, an utterance whose text is complete (every leg's
transcripts up to its end are in) but whose audio is still held leaves at once as a *live
first version* (``final=False``) in which every word of a number that could still grow, and
every word with a digit, reads ``[NUMBER]``; the exact version (``final=True``) follows when
the audio is cleared. The live version is never less redacted than the final one; storing
sinks keep only final versions (``UtteranceRedacted.final``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeAlias

from ccedge.core.dtmf_merge import merge_dtmf
from ccedge.core.events import CallEnded, DtmfMasked, Event, Role, UtteranceRedacted
from ccedge.core.frames import AudioFrame, DtmfEvent, RedactionSpan, Transcript, Utterance
from ccedge.core.redact import Redactor, RedactPolicy
from ccedge.core.redact.callaudio import heard
from ccedge.core.redact.digitstream import MAX_GAP_S
from ccedge.core.redact.events_out import spans_out, utterance_parts, utterance_parts_masking
from ccedge.core.redact.holdback import HoldBack, Released
from ccedge.core.redact.receipt import Receipt, build_receipt
from ccedge.core.sink import ReleasedAudio

Out: TypeAlias = Event | ReleasedAudio


@dataclass(slots=True)
class CallFinal:
    """What the final pass made of a call (for the file verbs and the receipt)."""

    call_id: str
    transcripts: list[Transcript]  # redacted, in the final pass's order
    spans: list[RedactionSpan]
    dtmf: list[DtmfEvent]  # merged (RFC 2833, SIP INFO, in-band); digits stay in memory only
    utterances: list[Utterance]  # the VAD's cuts (samples dropped)
    failed: int
    receipt: Receipt
    lagged_s: float
    refused: int  # utterances masked whole because their text was refused


@dataclass(slots=True)
class _Call:
    call_id: str
    wall: float
    roles: dict[str, Role]
    transcripts: list[Transcript] = field(default_factory=list)  # raw, for the final pass
    oob: list[DtmfEvent] = field(default_factory=list)
    inband: list[DtmfEvent] = field(default_factory=list)
    utterances: list[Utterance] = field(default_factory=list)
    pending: dict[str, list[Utterance]] = field(default_factory=dict)  # leg -> at speech (no samples)
    settled: dict[str, float] = field(default_factory=dict)  # leg -> VAD settled time
    cleared: dict[str, float] = field(default_factory=dict)  # leg -> what the hold-back was told
    waiting: list[tuple[int, Transcript]] = field(default_factory=list)  # (index, raw) not yet emitted
    shown: set[int] = field(default_factory=set)  # indices of waiting ones already out as live versions
    heard: float = float("-inf")  # every leg's transcripts up to here are in
    paying: dict[str, float] = field(default_factory=dict)  # leg -> end of its latest PAYMENT span
    failed: int = 0
    lagged_s: float = 0.0
    refused: int = 0


class RedactStage:
    """See the module docstring. Every method returns what left the stage, in order."""

    def __init__(self, policy: RedactPolicy | None = None, transcribing: bool = True) -> None:
        self.policy = policy or RedactPolicy()
        self.transcribing = transcribing
        self.redactor = Redactor(self.policy)
        self.holdback = HoldBack(self.policy)
        self._calls: dict[str, _Call] = {}
        self.refused = 0  # utterances masked whole, all calls

    # -- call life --------------------------------------------------------------------------
    def open_call(self, call_id: str, wall: float, roles: dict[str, Role]) -> None:
        self._calls[call_id] = _Call(call_id, wall, roles)

    def role(self, call_id: str, leg: str) -> Role:
        c = self._calls.get(call_id)
        return c.roles.get(leg, "unknown") if c else "unknown"

    def pending(self, call_id: str) -> int:
        c = self._calls.get(call_id)
        return sum(len(p) for p in c.pending.values()) if c else 0

    def pending_utterances(self, call_id: str) -> list[Utterance]:
        c = self._calls.get(call_id)
        return [u for p in c.pending.values() for u in p] if c else []

    def holdback_lag_s(self) -> float:
        """The longest any leg's audio is waiting in the hold-back buffer now."""
        return max((self.holdback.held_s(c.call_id, leg) for c in self._calls.values() for leg in c.settled),
                   default=0.0)

    # -- inputs -----------------------------------------------------------------------------
    def audio(self, frame: AudioFrame, settled: float) -> list[Out]:
        c = self._calls[frame.call_id]
        c.settled[frame.leg] = max(settled, c.settled.get(frame.leg, 0.0))
        out = self._released(c, self.holdback.push(frame))
        return out + self._advance(c, [frame.leg])

    def utterance(self, u: Utterance, submitted: bool) -> list[Out]:
        """The VAD cut ``u``; ``submitted``: it went to the speech workers (else it is unheard)."""
        c = self._calls[u.call_id]
        bare = replace(u, samples=u.samples[:0])
        c.utterances.append(bare)
        if submitted:
            c.pending.setdefault(u.leg, []).append(bare)
            return []
        return self._unheard(c, u, failed=self.transcribing)

    def transcribed(self, u: Utterance, tr: Transcript | None) -> list[Out]:
        """The speech workers' answer for ``u``: a transcript, or None when it failed."""
        c = self._calls.get(u.call_id)
        if c is None:
            return []
        pend = c.pending.get(u.leg, [])
        c.pending[u.leg] = [p for p in pend if p.t0 != u.t0]
        if tr is None or not tr.text:
            return self._unheard(c, u, failed=tr is None)
        c.transcripts.append(tr)
        _red, spans = self.redactor.process(tr)
        self._add_spans(c, spans)
        c.waiting.append((len(self.redactor.call(c.call_id).utts) - 1, tr))
        return self._advance(c, list(c.roles))

    def dtmf(self, ev: DtmfEvent) -> list[Out]:
        c = self._calls[ev.call_id]
        (c.inband if ev.source == "inband" else c.oob).append(ev)
        _tr, spans = self.redactor.process(ev)
        self._add_spans(c, spans)
        masked = DtmfMasked(call_id=ev.call_id, t=ev.t0, wall=c.wall, leg=ev.leg,
                            role=c.roles.get(ev.leg, "unknown"), method=ev.source,
                            start_s=ev.t0, end_s=ev.t1)
        return [masked, *self._advance(c, [ev.leg])]

    def _add_spans(self, c: _Call, spans: Sequence[RedactionSpan]) -> None:
        self.holdback.add_spans(spans)
        for s in spans:
            if s.kind == "PAYMENT":
                c.paying[s.leg] = max(s.t1, c.paying.get(s.leg, float("-inf")))

    def _unheard(self, c: _Call, u: Utterance, failed: bool) -> list[Out]:
        if failed:
            # No transcript will ever say what was in it (a worker died twice, or speech shed
            # it): its audio is masked whatever the policy says about unheard speech.
            c.failed += 1
            self.holdback.add_spans([RedactionSpan(c.call_id, u.leg, u.t0, u.t1, "UNHEARD", "speech-failed")])
        if not self.transcribing:
            return self._advance(c, [u.leg])
        self.redactor.add_unheard(c.call_id, u.leg, u.t0, u.t1)
        self.holdback.add_spans(s for s in self.redactor.redact(c.call_id).spans if s.kind == "UNHEARD")
        return self._advance(c, [u.leg])

    # -- release ----------------------------------------------------------------------------
    def _advance(self, c: _Call, legs: Sequence[str]) -> list[Out]:
        out: list[Out] = []
        if c.settled:
            # A cue on another leg ("and your social security number?") can open a fail-closed
            # window over this leg's answer when its transcript arrives: no leg's audio is
            # cleared past what every leg's transcripts have already said (issue 10). The same
            # point for every leg, so computed once per call of this (hot) method.
            t = min([*c.settled.values(), *(p.t0 for o in c.settled for p in c.pending.get(o, []))])
            c.heard = max(c.heard, t)
        for leg in legs:
            if leg not in c.settled:
                continue
            strict = c.paying.get(leg, float("-inf")) >= t - MAX_GAP_S
            safe = self.redactor.safe_until(c.call_id, leg, t, strict)
            if safe > c.cleared.get(leg, float("-inf")):
                c.cleared[leg] = safe
                out.extend(self._released(c, self.holdback.clear(c.call_id, leg, safe)))
        return out + self._emit_ready(c, final=False)

    def _emit_ready(self, c: _Call, final: bool) -> list[Out]:
        ready = [(i, tr) for i, tr in c.waiting
                 if final or c.cleared.get(tr.leg, float("-inf")) >= tr.t1]
        early = [] if final else [(i, tr) for i, tr in c.waiting
                                  if i not in c.shown and (i, tr) not in ready and c.heard >= tr.t1]
        if not ready and not early:
            return []
        res = self.redactor.redact(c.call_id)
        c.waiting = [w for w in c.waiting if w not in ready]
        out: list[Out] = []
        for i, raw in early:  # see the module docstring: a live first version
            c.shown.add(i)
            growing = self.redactor.growing(c.call_id, raw.leg, c.heard, strict=True)
            text, words, _refused = utterance_parts_masking(res.transcripts[i], growing)
            out.append(self._utterance(c, raw, text, words, res.spans, final=False))
        for i, raw in ready:
            c.shown.discard(i)
            text, words, refused = utterance_parts(res.transcripts[i])
            if refused:
                c.refused += 1
                self.refused += 1
            out.append(self._utterance(c, raw, text, words, res.spans, final=True))
        return out

    @staticmethod
    def _utterance(c: _Call, raw: Transcript, text: Any, words: Any, spans: Sequence[RedactionSpan],
                   final: bool) -> UtteranceRedacted:
        return UtteranceRedacted(
            call_id=c.call_id, t=raw.t0, wall=c.wall, leg=raw.leg, role=c.roles.get(raw.leg, "unknown"),
            start_s=raw.t0, end_s=raw.t1, text=text, words=words,
            spans=spans_out(spans, raw.leg, raw.t0, raw.t1), model=raw.model, final=final)

    def _released(self, c: _Call, released: list[Released]) -> list[Out]:
        out: list[Out] = []
        for r in released:
            f = r.frame
            if r.status != "cleared":
                c.lagged_s += len(f.samples) / f.rate
            # Without a quarantine key here, sealed audio leaves as silence; the sink that can
            # keep it under its own key gets the original in ``sealed``.
            samples = f.samples if r.status != "sealed" else f.samples * 0
            out.append(ReleasedAudio(f.call_id, f.leg, c.roles.get(f.leg, "unknown"), f.t0, f.rate, samples,
                                     r.status, f.samples if r.status == "sealed" else None))
        return out

    def close_call(self, call_id: str, reason: str, duration_s: float,
                   damaged: tuple[str, ...] = ()) -> tuple[list[Out], CallFinal]:
        """The call is over and every utterance is back from speech: release the rest, emit the
        utterances still waiting, and the ``CallEnded`` with the receipt of the final pass."""
        c = self._calls.pop(call_id)
        out = self._emit_ready(c, final=True)
        final = self._final(c)
        self.holdback.add_spans(final.spans)
        out.extend(self._released(c, self.holdback.finish(call_id, cleared=True)))
        self.redactor.end_call(call_id)
        final.lagged_s = c.lagged_s
        if c.lagged_s > 0 and "audio-lagged" not in final.receipt.flags:
            final.receipt.flags.append("audio-lagged")
            final.receipt.flagged = True
        if damaged:  # the capture was damaged while this call was open: something may be missing
            final.receipt.flags.append("capture-damaged")
            final.receipt.flagged = True
        out.append(CallEnded(call_id=call_id, t=duration_s, wall=c.wall, reason=reason, duration_s=duration_s,
                             receipt=final.receipt.to_json(), damaged=damaged))
        return out, final

    def _final(self, c: _Call) -> CallFinal:
        """Redact the whole call as a finished call is read (the order ``ccedge redact`` uses)."""
        mine = sorted(c.transcripts, key=lambda t: (t.t0, t.leg))
        dtmf = merge_dtmf(c.oob, c.inband)
        unheard = [(u.leg, u.t0, u.t1) for u in c.utterances if self.transcribing and not heard(u, mine)]
        items: list[tuple[float, int, Any]] = [(tr.t1, 1, tr) for tr in mine]
        items += [(ev.t1, 0, ev) for ev in dtmf]
        items += [(u[2], 2, u) for u in unheard]
        items.sort(key=lambda x: (x[0], x[1]))
        red = Redactor(self.policy)
        for _t, _k, item in items:
            if isinstance(item, tuple):
                red.add_unheard(c.call_id, *item)
            else:
                red.add(item)
        res = red.redact(c.call_id)
        flags = ["transcription-failures"] if c.failed else []
        if c.lagged_s > 0:
            flags.append("audio-lagged")
        speech = [(u.leg, u.t0, u.t1) for u in c.utterances]
        receipt = build_receipt(red.call(c.call_id), res, self.policy, flags, speech)
        return CallFinal(c.call_id, list(res.transcripts), list(res.spans), dtmf, c.utterances, c.failed,
                         receipt, c.lagged_s, c.refused)


__all__ = ["CallFinal", "RedactStage"]
