"""A real capture device on a machine without a sound card: an ALSA ``type file`` PCM fed from a file.

ALSA's file plugin (PEERS.md, "A sound card where there is none") reads a raw interleaved int16
file as its capture side; PortAudio lists it as an input device like any card. The device is
declared in the ``.asoundrc`` of a private ``HOME``; :func:`file_fed_device` points ``HOME``
there for the block (ALSA reads ``~/.asoundrc`` when PortAudio initialises).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt

DEVICE = "ccedgetap"


def write_raw(path: Path, channels: list[npt.NDArray[np.int16]]) -> Path:
    """Interleave equal-length int16 channels into a raw little-endian file."""
    n = min(len(c) for c in channels)
    path.write_bytes(np.stack([c[:n] for c in channels], axis=1).astype("<i2").tobytes())
    return path


def declare_device(raw: Path, home: Path, name: str = DEVICE) -> str:
    """Write ``home/.asoundrc`` declaring ALSA PCM ``name`` whose capture reads ``raw`` (a file, which
    ALSA loops, or a FIFO a test writes at the card's pace); return the device name."""
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    (home / ".asoundrc").write_text(
        f'pcm.{name} {{\n  type file\n  slave.pcm "null"\n  file "/dev/null"\n'
        f'  infile "{raw}"\n  format "raw"\n}}\n'
    )
    return name


@contextlib.contextmanager
def file_fed_device(raw: Path, home: Path, name: str = DEVICE) -> Iterator[str]:
    """Declare the device (:func:`declare_device`) and point ``HOME`` there for the block."""
    declare_device(raw, home, name)
    saved = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        yield name
    finally:
        if saved is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = saved


__all__ = ["DEVICE", "declare_device", "file_fed_device", "write_raw"]
