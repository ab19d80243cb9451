"""The passive call tap: capture batches in; calls, legs, audio frames, call events and DTMF out.

Public face (INTERFACES.md, "core.tap facade")::

    from ccedge.core.tap import Tap, tap_capture, TapReport, CallRecord, LegRecord, TapError
    report = tap_capture(["call.pcap"])
    for call in report.calls: print(call.call_id, call.state, [leg.codec for leg in call.legs])

Names are loaded on first use so that the protocol modules (``sip``, ``sdp``, ``tcp``, the
RTP side) import without pulling in the whole stage.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ccedge.core.tap.errors import TapError, TapParseError

if TYPE_CHECKING:
    from ccedge.core.tap.calls import CallRecord, LegRecord
    from ccedge.core.tap.capturefiles import tap_capture
    from ccedge.core.tap.sip import SipMessage
    from ccedge.core.tap.tap import Tap, TapReport

_LAZY = {
    "Tap": "ccedge.core.tap.tap",
    "TapReport": "ccedge.core.tap.tap",
    "tap_capture": "ccedge.core.tap.capturefiles",
    "CallRecord": "ccedge.core.tap.calls",
    "LegRecord": "ccedge.core.tap.calls",
    "SipMessage": "ccedge.core.tap.sip",
}

__all__ = [
    "CallRecord",
    "LegRecord",
    "SipMessage",
    "Tap",
    "TapError",
    "TapParseError",
    "TapReport",
    "tap_capture",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ccedge.core.tap' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
