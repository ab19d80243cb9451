"""Synthetic calls for tests, the demo and benchmarks: espeak-ng speech, SIP, RTP, DTMF.

``write_capture(path, calls)`` renders scripted calls into a pcap and returns their
ground truth (``CallTruth``); nothing here reads ../shared data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ccedge.core.simulate.callgen import CallTruth, SyntheticCall, Turn, TurnTruth, render_calls
from ccedge.core.simulate.errors import SimulateError
from ccedge.core.simulate.pcapwrite import write_pcap
from ccedge.core.simulate.tones import DTMF_FREQS, dtmf_tone
from ccedge.core.simulate.voice import speak

EPOCH = 1_790_000_000.0  # a fixed capture epoch keeps generated files reproducible

__all__ = [
    "DTMF_FREQS",
    "EPOCH",
    "CallTruth",
    "SimulateError",
    "SyntheticCall",
    "Turn",
    "TurnTruth",
    "dtmf_tone",
    "speak",
    "write_capture",
]


def write_capture(path: Path | str, calls: Sequence[SyntheticCall], epoch: float = EPOCH,
                  truth_json: Path | str | None = None) -> list[CallTruth]:
    """Render ``calls`` into a pcap at ``path`` (gzip'd when it ends in .gz); return the ground truth."""
    grams, truths = render_calls(calls)
    write_pcap(Path(path), grams, epoch)
    if truth_json is not None:
        Path(truth_json).write_text(json.dumps([t.to_json() for t in truths], indent=1))
    return truths
