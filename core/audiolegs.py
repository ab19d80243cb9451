"""One way from an audio file to legs: a WAV (one leg per channel) or a capture (each leg of each call).

A WAV gives one leg per channel: ``call_id`` is the file stem, legs are ``channel-0``,
``channel-1``… A capture (pcap / pcapng, optionally gzip'd) goes through the tap
(``ccedge.core.tap.tap_capture``) and gives each call's legs on the call clock.
The kind is told by content (the capture magics, then RIFF), and by a ``.wav`` name only for a file
that is neither, so a damaged WAV is reported as a WAV problem, never as "not a pcap".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ccedge.core.audiofile import AudioFileError, looks_like_wav, read_wav
from ccedge.core.frames import DtmfEvent

_CAPTURE_MAGICS = (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d",
                   b"\x0a\x0d\x0d\x0a")
_CAPTURE_SUFFIXES = (".pcap", ".pcapng", ".cap", ".gz", ".ntar")
ANALYSIS_RATES = (8000, 16000)  # what the VAD, the DTMF detector and the segmenter take


@dataclass(slots=True)
class AudioLeg:
    call_id: str
    leg: str
    rate: int
    samples: npt.NDArray[np.int16]
    dtmf: list[DtmfEvent] = field(default_factory=list)  # out-of-band events of the call


def file_kind(path: Path) -> str:
    """``"wav"`` or ``"capture"``; raises :class:`AudioFileError` for anything else."""
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError as e:
        raise AudioFileError(f"cannot open {path}: {e.strerror}") from e
    if head[:2] == b"\x1f\x8b" or head in _CAPTURE_MAGICS:
        return "capture"
    if looks_like_wav(head) or path.suffix.lower() in (".wav", ".wave"):
        return "wav"
    if path.suffix.lower() in _CAPTURE_SUFFIXES:
        return "capture"  # the capture reader names what is wrong with it (too short, bad magic)
    raise AudioFileError(f"{path.name}: neither a WAV file nor a pcap/pcapng capture")


def audio_legs(path: str | Path) -> Iterator[AudioLeg]:
    """The legs of a WAV or a capture at their own rates (see :func:`to_analysis_rate`)."""
    p = Path(path)
    if file_kind(p) == "wav":
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


def to_analysis_rate(samples: npt.NDArray[np.int16], rate: int) -> tuple[npt.NDArray[np.int16], int]:
    """8 and 16 kHz pass through; every other rate a WAV may have (4–384 kHz, ``audiofile``'s range)
    goes to 16 kHz with soxr HQ, so every verb accepts the same files."""
    if rate in ANALYSIS_RATES:
        return samples, rate
    import soxr

    y = soxr.resample(samples.astype(np.float32), rate, 16000, quality="HQ")
    return np.clip(np.round(y), -32768, 32767).astype(np.int16), 16000


__all__ = ["ANALYSIS_RATES", "AudioLeg", "audio_legs", "file_kind", "to_analysis_rate"]
