"""What a source hands to the chain, besides the tap's own records (``AudioFrame``,
``CallEvent``, ``DtmfEvent`` of ``ccedge.core.frames``).

A source is anything that turns the outside world into these items, in batches: the
capture + tap of a NIC or a capture file (``ccedge.core.runtime.sources``), a sound card
(two channels of a headset splitter), a SIPREC feed. It implements :class:`Source`; the
runtime runs it in the capture process (or a thread) and never asks it for single packets.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeAlias

from ccedge.core.frames import AudioFrame, CallEvent, DtmfEvent


@dataclass(frozen=True, slots=True)
class CallInfo:
    """Who is on a call, sent once before any other item of the call."""

    call_id: str
    caller: str = ""  # SIP address or device name; never leaves the appliance whole
    callee: str = ""
    caller_ip: str = ""  # media or signalling address, for role decisions
    callee_ip: str = ""
    wall: float = 0.0  # epoch seconds of the call's t = 0
    codecs: Mapping[str, str] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True, slots=True)
class CallClosed:
    """The source has handed out everything of the call: no item of it follows."""

    call_id: str
    reason: str = ""  # "bye-caller", "timeout", "capture-ended", …
    summary: Mapping[str, Any] = field(default_factory=dict)  # legs, state: for the file verbs
    damaged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """A source's counters (cumulative); ``done`` once it has nothing more to give."""

    name: str
    packets: int = 0
    drops: int = 0
    damaged: int = 0
    done: bool = False
    counters: Mapping[str, int] = field(default_factory=dict)


Item: TypeAlias = AudioFrame | CallEvent | DtmfEvent | CallInfo | CallClosed | SourceStatus


class Source(Protocol):
    """A producer of items in batches (see the module docstring).

    ``chunks`` runs in the capture process or a thread; it checks ``stop`` between batches
    and, once stopped or out of input, closes its open calls (``CallClosed``) and ends with a
    ``SourceStatus`` whose ``done`` is True. It must be picklable before it starts (it is
    handed to a spawned process).
    """

    name: str

    def chunks(self, stop: threading.Event) -> Iterator[list[Item]]: ...


__all__ = ["CallClosed", "CallInfo", "Item", "Source", "SourceStatus"]
