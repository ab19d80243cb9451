"""What leaves the live chain: one small frozen record per thing that happens on a call.

This module is the contract between the runtime and everything that listens to it (the
vault, guidance and QM, the gRPC API, the console, ``ccedge run --events``). Each event
carries the call's id, ``t`` (seconds from the call's start) and ``wall`` (the call's one
wall-clock anchor: epoch seconds of ``t == 0``); events about a leg also carry the leg and
its ``role``. ``to_json()`` gives the ``--events`` line: a ``type`` key plus the fields in
snake_case. ``Health`` and ``EventsLost`` concern the appliance, not a call: their ``call_id``
is ``""`` and their ``t`` is seconds since the appliance started.

Nothing sensitive may appear in an event (ARCHITECTURE.md invariant 1). Text reaches an
event only as :class:`RedactedText`, which the redactor builds (``ccedge.core.redact``; a
test checks that no other runtime module constructs one) and which refuses, at construction,
text that still holds a run of digits longer than a redacted transcript can hold. DTMF is
carried as its time and method only, never the digit; parties as a role, a masked label and
a salted key, never the number.

To add a field or an event type for a later issue, change it here (and the JSON contract in
the README): there is no second definition.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Literal

Role = Literal["agent", "customer", "unknown"]
ROLES: tuple[Role, ...] = ("agent", "customer", "unknown")
DtmfMethod = Literal["rfc2833", "sip-info", "inband"]
CallChange = Literal["held", "resumed", "transferred", "codec_changed"]
Severity = Literal["info", "warning", "critical"]

# A redacted transcript may keep short numbers (amounts such as "1,250.00", times, years, "the
# last four") but never a digit run as long as the first six of a card number plus one: seven
# or more digits with at most one space or hyphen between them (PCI DSS 3.4.1 allows at most
# the first six and last four of a PAN to be shown). This is the last line of defence, not the
# redactor: the runtime masks an utterance whole when its text is refused here.
_DIGIT_RUN = re.compile(r"(?:\d[ \t\-\u00a0]?){7,}")


class SensitiveDataError(ValueError):
    """Raised when something tries to put text that still looks sensitive into an event."""


class RedactedText(str):
    """Text that has been through the redactor.

    Built only by ``ccedge.core.redact``; construction refuses text that still holds a run of
    seven or more digits. The error message never echoes the text.
    """

    __slots__ = ()

    def __new__(cls, text: str) -> RedactedText:
        if _DIGIT_RUN.search(text):
            raise SensitiveDataError("refused: unredacted digit run in event text")
        return super().__new__(cls, text)


@dataclass(frozen=True, slots=True)
class Party:
    """One side of a call as events show it: never the full address or number."""

    leg: str  # "caller", "callee" or "orphan-<n>"
    role: Role
    label: str  # agent: extension or configured name; customer: masked ("…1234" at most)
    key: str = ""  # salted hash of the full address, for repeat-caller matching; never reversible


@dataclass(frozen=True, slots=True)
class WordOut:
    """A recognised word after redaction (a masked word reads ``[PAN]``, ``[CVV]``, …)."""

    text: RedactedText
    start_s: float
    end_s: float
    p: float


@dataclass(frozen=True, slots=True)
class SpanOut:
    """Where something was masked on a leg: the kind and the detector, never the value."""

    kind: str
    start_s: float
    end_s: float
    detector: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base of every event; see the module docstring for the time base."""

    type: ClassVar[str] = "event"
    call_id: str
    t: float
    wall: float = 0.0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        for f in fields(self):
            out[f.name] = _jsonable(getattr(self, f.name))
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class CallStarted(Event):
    type: ClassVar[str] = "call_started"
    parties: tuple[Party, ...] = ()
    codecs: Mapping[str, str] = field(default_factory=dict)  # leg -> codec name (PCMU, PCMA, G722, …)
    source: str = ""  # interface or capture name the call was seen on


@dataclass(frozen=True, slots=True, kw_only=True)
class CallUpdated(Event):
    type: ClassVar[str] = "call_updated"
    change: CallChange
    leg: str = ""
    role: Role = "unknown"
    detail: str = ""  # new codec name, "sendonly", … (never call content)


@dataclass(frozen=True, slots=True, kw_only=True)
class UtteranceRedacted(Event):
    """One utterance, redacted. ``t`` equals ``start_s``."""

    type: ClassVar[str] = "utterance"
    leg: str
    role: Role
    start_s: float
    end_s: float
    text: RedactedText
    words: tuple[WordOut, ...] = ()
    spans: tuple[SpanOut, ...] = ()
    model: str = ""
    # False: a live first version, sent before the utterance's audio was cleared, with every
    # number that could still grow read as [NUMBER]; the final version of the same call, leg and
    # start_s follows and replaces it. Storing sinks receive final versions only.
    final: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class DtmfMasked(Event):
    """A key press on a leg: when and how, never which key."""

    type: ClassVar[str] = "dtmf"
    leg: str
    role: Role
    method: DtmfMethod
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True, kw_only=True)
class TalkStats(Event):
    """Running talk statistics of one leg, from the VAD, as of ``t``."""

    type: ClassVar[str] = "talk_stats"
    leg: str
    role: Role
    talk_s: float
    talk_ratio: float  # this leg's share of all talk so far
    overtalk_s: float  # both legs at once, call so far
    longest_silence_s: float  # nobody talking, call so far
    longest_monologue_s: float  # this leg's longest turn so far
    current_silence_s: float = 0.0  # nobody talking now, up to ``t``


@dataclass(frozen=True, slots=True, kw_only=True)
class GuidancePrompt(Event):
    """A live prompt from a policy rule; ``state`` ``cleared`` when it is satisfied."""

    type: ClassVar[str] = "guidance"
    rule: str
    severity: Severity
    message: str
    state: Literal["open", "cleared", "violated"] = "open"
    evidence: tuple[tuple[float, float], ...] = ()  # utterance spans (call seconds)
    due_by_s: float | None = None
    pack: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SentimentUpdated(Event):
    """A leg's smoothed sentiment after one of its utterances (guidance's analyser, VADER):
    -1 (negative) .. +1 (positive). A number only, never the words it came from."""

    type: ClassVar[str] = "sentiment"
    leg: str = ""
    role: Role = "customer"
    value: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Score(Event):
    """The QM result of a call against one scorecard version."""

    type: ClassVar[str] = "score"
    scorecard: str
    version: str
    total: float  # 0..100
    auto_failed: bool = False
    criteria: tuple[Mapping[str, Any], ...] = ()  # {"id", "status", "weight", "points", "evidence"}


@dataclass(frozen=True, slots=True, kw_only=True)
class CallEnded(Event):
    type: ClassVar[str] = "call_ended"
    reason: str  # "bye-caller", "bye-callee", "cancel", "timeout", "shutdown", "capture-ended", …
    duration_s: float
    receipt: Mapping[str, Any] = field(default_factory=dict)  # the redaction receipt (no values)
    damaged: tuple[str, ...] = ()  # damage in the capture that touched this call (reason keys)


@dataclass(frozen=True, slots=True, kw_only=True)
class Health(Event):
    """The appliance's figures, every few seconds. ``call_id`` is ``""``."""

    type: ClassVar[str] = "health"
    packets: int = 0
    drops: int = 0  # packets the kernel or the capture process could not keep
    damaged: int = 0  # damaged input records (bad blocks, cut files, bad CRCs)
    calls_active: int = 0
    calls_total: int = 0
    speech_queue: int = 0
    speech_lag_s: float = 0.0
    speech_shed: int = 0
    speech_rtf: float = 0.0  # decode seconds per audio second over recent batches (0: none yet)
    holdback_lag_s: float = 0.0
    masked_lag_s: float = 0.0  # audio released masked because it was not cleared in time
    cpu_percent: float = 0.0
    rss_mb: float = 0.0
    restarts: Mapping[str, int] = field(default_factory=dict)  # child name -> restarts
    events_lost: int = 0  # events dropped for slow live subscribers


@dataclass(frozen=True, slots=True, kw_only=True)
class EventsLost(Event):
    """Told to a live subscriber in place of the ``count`` oldest events it was too slow for."""

    type: ClassVar[str] = "events_lost"
    count: int


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type: cls
    for cls in (CallStarted, CallUpdated, UtteranceRedacted, DtmfMasked, TalkStats, GuidancePrompt,
                SentimentUpdated, Score, CallEnded, Health, EventsLost)
}


def _jsonable(v: Any) -> Any:
    if isinstance(v, float):
        return round(v, 3)
    if isinstance(v, str | int | bool) or v is None:
        return v
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, tuple | list):
        return [_jsonable(x) for x in v]
    if hasattr(v, "__dataclass_fields__"):
        return {f.name: _jsonable(getattr(v, f.name)) for f in fields(v)}
    raise TypeError(f"event field of type {type(v).__name__} has no JSON form")


__all__ = [
    "EVENT_TYPES", "ROLES", "CallChange", "CallEnded", "CallStarted", "CallUpdated", "DtmfMasked",
    "DtmfMethod", "Event", "EventsLost", "GuidancePrompt", "Health", "Party", "RedactedText", "Role",
    "Score", "SensitiveDataError", "SentimentUpdated", "Severity", "SpanOut", "TalkStats",
    "UtteranceRedacted", "WordOut",
]
