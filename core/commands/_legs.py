"""Audio legs from a WAV file or a capture, for the ``vad`` and ``dtmf`` verbs.

A WAV gives one leg per channel: ``call_id`` is the file stem, legs are ``channel-0``,
``channel-1``… A capture (pcap / pcapng, optionally .gz) goes through the tap
(``ccedge.core.tap.tap_capture``) and gives each call's legs on the call clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ccedge.core.audiofile import read_wav
from ccedge.core.frames import DtmfEvent


@dataclass(slots=True)
class AudioLeg:
    call_id: str
    leg: str
    rate: int
    samples: npt.NDArray[np.int16]
    dtmf: list[DtmfEvent] = field(default_factory=list)  # out-of-band events of the call


def is_wav(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(12)
    return head[:4] == b"RIFF" and head[8:12] == b"WAVE"


def audio_legs(path: str | Path) -> Iterator[AudioLeg]:
    p = Path(path)
    if is_wav(p):
        rate, channels = read_wav(p)
        for i, ch in enumerate(channels):
            yield AudioLeg(p.stem, f"channel-{i}", rate, ch)
        return
    from ccedge.core.tap import tap_capture

    report = tap_capture([p], audio=True)
    for call in report.calls:
        for leg in call.legs:
            samples = leg.pcm()
            if len(samples) == 0:
                continue  # encrypted without a key, or events only
            yield AudioLeg(call.call_id, leg.name, leg.pcm_rate(), samples, list(call.dtmf))


def to_vad_rate(samples: npt.NDArray[np.int16], rate: int) -> tuple[npt.NDArray[np.int16], int]:
    """8 and 16 kHz pass through; other WAV rates (22.05, 44.1, 48 kHz…) go to 16 kHz (soxr HQ)."""
    if rate in (8000, 16000):
        return samples, rate
    import soxr

    y = soxr.resample(samples.astype(np.float32), rate, 16000, quality="HQ")
    return np.clip(np.round(y), -32768, 32767).astype(np.int16), 16000
