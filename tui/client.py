"""The console's one door to the appliance: a small typed facade over the gRPC API.

Screens and widgets see only the dataclasses below and the :class:`ApplianceClient`
protocol; :mod:`ccedge.tui.grpc_client` implements it on the generated stubs over mutual
TLS. Everything here is what the API sends, already redacted by the appliance (ARCHITECTURE.md
invariant 1): the console has no way to draw a card number because it never receives one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Literal, Protocol

Role = Literal["supervisor", "compliance", "admin", "agent"]
Party = Literal["agent", "customer", "unknown"]


class ConsoleError(Exception):
    """Base of the console's errors; messages are one line and never carry call content."""


class NoApplianceFound(ConsoleError):
    """Discovery saw no appliance advertising the enrolled fingerprint."""


class CertificateRefused(ConsoleError):
    """The TLS handshake failed: our certificate was refused, or theirs did not match the pin."""


class ConnectionLost(ConsoleError):
    """The appliance stopped answering; the app retries by itself."""


class PermissionDenied(ConsoleError):
    """The appliance refused this call for our role (the refusal is audited there)."""


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    role: Role
    appliance: str = ""  # the appliance's site name or address
    agent: str = ""  # role agent: the agent label in the certificate (the appliance's word)


@dataclass(frozen=True, slots=True)
class CallRow:
    """One call as the floor shows it."""

    call_id: str
    agent: str
    customer: str  # masked by the appliance ("…1234" at most)
    started: float  # epoch seconds
    duration_s: float
    live: bool = True
    sentiment: float | None = None  # customer sentiment, -1 … 1, smoothed by the appliance
    open_prompts: int = 0
    score: float | None = None  # running or final QM total, 0 … 100
    end_reason: str = ""


@dataclass(frozen=True, slots=True)
class Utterance:
    call_id: str
    party: Party
    start_s: float
    end_s: float
    text: str  # redacted by the appliance: masked spans read [PAN], [CVV], [DOB], …
    final: bool = True
    sentiment: float | None = None


@dataclass(frozen=True, slots=True)
class DtmfMark:
    """A key press: when and how, never which key."""

    call_id: str
    party: Party
    start_s: float
    method: str


@dataclass(frozen=True, slots=True)
class Prompt:
    call_id: str
    t: float
    rule: str
    severity: Literal["info", "warning", "critical"]
    message: str
    state: Literal["open", "cleared", "violated"] = "open"
    due_by_s: float | None = None


@dataclass(frozen=True, slots=True)
class TalkFigures:
    call_id: str
    party: Party
    talk_s: float
    talk_ratio: float
    overtalk_s: float
    longest_silence_s: float


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    status: str  # met, violated, not_applicable
    weight: float = 0.0
    points: float = 0.0
    evidence: tuple[tuple[float, float], ...] = ()
    evidence_text: str = ""  # the redacted evidence utterance, when the API sends it


@dataclass(frozen=True, slots=True)
class Scorecard:
    call_id: str
    scorecard: str
    version: str
    total: float
    auto_failed: bool = False
    agent: str = ""
    criteria: tuple[Criterion, ...] = ()


@dataclass(frozen=True, slots=True)
class Aggregate:
    """One row of a QM aggregate: an agent, a day, a criterion or a scorecard."""

    key: str
    calls: int
    mean_total: float
    auto_fail_rate: float = 0.0
    met_rate: float = 0.0


@dataclass(frozen=True, slots=True)
class Dispute:
    dispute_id: str
    call_id: str
    scorecard: str
    criterion: str
    reason: str
    state: Literal["open", "accepted", "rejected"] = "open"
    raised_by: str = ""
    resolved_by: str = ""
    resolution: str = ""


@dataclass(frozen=True, slots=True)
class AlignmentRow:
    """How calls that met a criterion differ in outcomes from calls that missed it."""

    criterion: str
    calls: int
    met_good_rate: float  # share of calls that met it with a good outcome
    missed_good_rate: float
    lift: float  # met - missed: near 0 when the criterion does not matter to outcomes


@dataclass(frozen=True, slots=True)
class HealthSample:
    t: float  # epoch seconds
    packets_per_s: float = 0.0
    drops: int = 0
    calls_active: int = 0
    speech_lag_s: float = 0.0
    realtime_factor: float | None = None  # None: the appliance did not report it
    cpu_percent: float = 0.0
    rss_mb: float = 0.0
    disk_free_gb: float | None = None
    cert_expiry_days: float | None = None
    events_lost: int = 0


@dataclass(frozen=True, slots=True)
class Recording:
    recording_id: str
    call_id: str
    started: float
    duration_s: float
    agent: str
    customer: str = ""
    legal_hold: bool = False
    quarantined: bool = False
    size_bytes: int = 0
    masked: tuple[tuple[str, int], ...] = ()  # kind -> spans masked


@dataclass(frozen=True, slots=True)
class QuarantineItem:
    recording_id: str
    call_id: str
    leg: str
    start_s: float
    end_s: float
    reason: str


@dataclass(frozen=True, slots=True)
class ExportProgress:
    done: int
    total: int
    finished: bool = False
    verified: bool | None = None  # set once the export has been checked at the end
    message: str = ""
    path: str = ""


@dataclass(frozen=True, slots=True)
class EventsLost:
    """The appliance dropped this many live updates because we were slow (live views only)."""

    count: int


@dataclass(frozen=True, slots=True)
class CallEnded:
    call_id: str
    duration_s: float
    reason: str = ""


Update = (CallRow | CallEnded | Utterance | DtmfMark | Prompt | TalkFigures | Scorecard | HealthSample
          | EventsLost)


@dataclass(frozen=True, slots=True)
class RecordingQuery:
    call_id: str = ""
    agent: str = ""
    legal_hold_only: bool = False
    limit: int = 200


class ApplianceClient(Protocol):
    """What the console may ask of the appliance. Every method may raise a :class:`ConsoleError`."""

    async def connect(self) -> Identity: ...

    async def close(self) -> None: ...

    def watch(self) -> AsyncIterator[Update]:
        """Live floor: calls, prompts, scores and health as they happen (ends when the link drops)."""
        ...

    def follow_call(self, call_id: str) -> AsyncIterator[Update]:
        """One call's utterances, DTMF marks, talk figures, prompts and score, from its start."""
        ...

    async def list_calls(self, include_ended: bool = True) -> list[CallRow]: ...

    async def call_scores(self, call_id: str) -> list[Scorecard]: ...

    async def aggregates(self, group_by: Literal["agent", "day", "criterion"] = "agent") -> list[Aggregate]:
        ...

    async def disputes(self) -> list[Dispute]: ...

    async def raise_dispute(self, call_id: str, scorecard: str, criterion: str, reason: str) -> Dispute:
        ...

    async def resolve_dispute(self, dispute_id: str, accept: bool, resolution: str = "") -> Dispute:
        ...

    async def alignment(self) -> list[AlignmentRow]: ...

    async def health_history(self, seconds: float = 3600.0) -> list[HealthSample]: ...

    async def recordings(self, query: RecordingQuery) -> list[Recording]: ...

    async def set_legal_hold(self, recording_id: str, hold: bool, reason: str) -> Recording: ...

    async def quarantine(self) -> list[QuarantineItem]: ...

    def export_audit(self, out: str, since: float, until: float, reason: str
                     ) -> AsyncIterator[ExportProgress]:
        """Write the signed audit trail to ``out``; the last item says whether it verified."""
        ...

    async def fetch_audio(self, recording_id: str, reason: str) -> tuple[int, bytes]:
        """The redacted recording as (sample rate, WAV bytes); compliance only, audited."""
        ...


__all__ = [
    "Aggregate", "AlignmentRow", "ApplianceClient", "CallEnded", "CallRow", "CertificateRefused",
    "ConnectionLost", "ConsoleError", "Criterion", "Dispute", "DtmfMark", "EventsLost", "ExportProgress",
    "HealthSample", "Identity", "NoApplianceFound", "PermissionDenied", "Prompt", "QuarantineItem",
    "Recording", "RecordingQuery", "Role", "Scorecard", "TalkFigures", "Update", "Utterance",
]
