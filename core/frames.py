"""Small immutable records that stages hand to one another (ARCHITECTURE.md, "Contracts").

Times are seconds from call start (floats); each call has one wall-clock anchor
(``CallEvent`` of kind ``started`` carries it in ``wall``). Legs are named
``caller`` (caller → callee audio) and ``callee`` (callee → caller audio); orphan
streams whose signalling was not seen get ``orphan-<n>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

CallEventKind = Literal[
    "started", "ringing", "answered", "held", "resumed", "codec-changed", "transferred", "ended"
]
DtmfSource = Literal["rfc2833", "sip-info", "inband"]


@dataclass(frozen=True, slots=True)
class Packet:
    """One transport-layer datagram or TCP segment, as the capture delivered it."""

    ts: float  # capture time, seconds since the epoch
    src: str  # IP address, text form
    sport: int
    dst: str
    dport: int
    transport: Literal["udp", "tcp"]
    payload: bytes
    tcp_seq: int = 0  # only for TCP
    tcp_flags: int = 0


@dataclass(frozen=True, slots=True)
class CallEvent:
    """A change of call state, on the call's clock."""

    call_id: str
    kind: CallEventKind
    t: float  # seconds from call start
    wall: float = 0.0  # wall-clock time of the event (seconds since the epoch)
    reason: str = ""  # e.g. "bye-caller", "cancel", "486", "timeout", "sendonly"
    detail: str = ""  # e.g. new codec, transfer target (never call content)


@dataclass(frozen=True, slots=True, eq=False)
class AudioFrame:
    """A block of decoded PCM on one leg: int16 mono at its native rate."""

    call_id: str
    leg: str
    t0: float  # seconds from call start of the first sample
    rate: int  # 8000 or 16000
    samples: npt.NDArray[np.int16]
    gap: bool = False  # True when the block is concealment (silence) for lost packets

    @property
    def t1(self) -> float:
        return self.t0 + len(self.samples) / self.rate


@dataclass(frozen=True, slots=True)
class DtmfEvent:
    """One DTMF digit on a leg, on the call's clock."""

    call_id: str
    leg: str
    digit: str  # 0-9 * # A-D
    t0: float
    t1: float
    source: DtmfSource


@dataclass(frozen=True, slots=True, eq=False)
class Utterance:
    """A stretch of speech cut by the VAD, ready for transcription."""

    call_id: str
    leg: str
    t0: float
    t1: float
    rate: int
    samples: npt.NDArray[np.int16]
    priority: int = 0  # lower is sooner: 0 live, 10 re-scan


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its times on the call's clock and its probability."""

    text: str
    t0: float
    t1: float
    p: float


@dataclass(frozen=True, slots=True)
class Transcript:
    """The text of one utterance with word timings."""

    call_id: str
    leg: str
    t0: float
    t1: float
    text: str
    words: tuple[Word, ...] = field(default_factory=tuple)
    model: str = ""
    # Stretches of the utterance the recogniser gave up on, (t0, t1) in call time: the whole
    # utterance when its text stops where a repetition loop began (``speech.loops``). Redaction
    # treats them as speech it returned nothing for (masked where data was asked for, counted
    # against coverage), whatever the words kept before the loop say.
    unheard: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class RedactionSpan:
    """A stretch of a leg that must be masked; it never carries the value itself."""

    call_id: str
    leg: str
    t0: float
    t1: float
    kind: str  # PAN, CVV, EXPIRY, PIN, SSN, DOB, MRN, ACCOUNT, ROUTING, PHONE, EMAIL, ADDRESS, NAME, DTMF
    detector: str
    confidence: float = 1.0
