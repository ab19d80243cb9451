"""A sound-card source through PyAudio (PortAudio): a line tap or headset splitter, read in blocks.

Sites without VoIP tap a call with a splitter into a sound card's line input: one channel
carries one party, the other the other party. This module only reads the device: it hands
on plain numpy blocks (``int16``, shape ``(frames, channels)``) stamped with their position
in the stream (sample count, so the clock never drifts with the wall clock) and one
wall-clock anchor. Turning blocks into calls (silence or a key) is the domain's job
(``ccedge.core.runtime.soundcard``).

PyAudio is imported on first use, with an error that says how to install it. A buffer
overrun in PortAudio (the reader fell behind the card) is counted, never hidden: the lost
frames are replaced by the same number of silent frames flagged ``gap`` so the stream clock
stays true.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.hardware import HardwareError

PA_INPUT_OVERFLOWED = -9981  # PortAudio's paInputOverflowed error code (portaudio.h)


class SoundError(HardwareError):
    """The sound device cannot be found, opened or read."""


@dataclass(frozen=True, slots=True)
class SoundDevice:
    """One PortAudio input device."""

    index: int
    name: str
    channels: int  # maximum input channels
    default_rate: float
    host_api: str


@dataclass(frozen=True, slots=True, eq=False)
class SoundBlock:
    """A block of interleaved input, de-interleaved: ``samples[:, c]`` is channel ``c``."""

    start: int  # index of the first frame since the stream opened
    rate: int
    samples: npt.NDArray[np.int16]  # shape (frames, channels)
    wall: float  # wall-clock time of the first frame (seconds since the epoch), estimated
    gap: bool = False  # True: frames lost to an overrun, rendered as silence

    @property
    def t0(self) -> float:
        """Seconds from the stream's start to the first frame."""
        return self.start / self.rate

    @property
    def frames(self) -> int:
        return int(self.samples.shape[0])


@dataclass(slots=True)
class SoundStats:
    blocks: int = 0
    frames: int = 0
    overruns: int = 0  # PortAudio reported input overflow (frames were lost in the driver)
    errors: dict[str, int] = field(default_factory=dict)


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """PortAudio probes every ALSA/JACK device on start and prints each failure on fd 2; those
    lines are noise on a box without those devices (a real failure to open is raised below)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _pyaudio() -> Any:
    try:
        import pyaudio
    except ImportError as e:
        raise SoundError("the sound-card source needs PyAudio (apt-get install portaudio19-dev; "
                         "pip install pyaudio)") from e
    return pyaudio


def _open_portaudio() -> Any:
    pa_mod = _pyaudio()
    with _quiet_stderr():
        return pa_mod.PyAudio()


def list_input_devices() -> list[SoundDevice]:
    """Every PortAudio device with at least one input channel."""
    pa = _open_portaudio()
    try:
        out = []
        for i in range(pa.get_device_count()):
            d = pa.get_device_info_by_index(i)
            if int(d.get("maxInputChannels", 0)) > 0:
                api = pa.get_host_api_info_by_index(int(d["hostApi"]))["name"]
                out.append(SoundDevice(i, str(d["name"]), int(d["maxInputChannels"]),
                                       float(d["defaultSampleRate"]), str(api)))
        return out
    finally:
        pa.terminate()


def find_device(device: str | int) -> SoundDevice:
    """An input device by index, exact name, or unique name prefix."""
    devices = list_input_devices()
    if isinstance(device, int) or (isinstance(device, str) and device.isdigit()):
        for d in devices:
            if d.index == int(device):
                return d
    else:
        exact = [d for d in devices if d.name == device]
        prefix = [d for d in devices if d.name.startswith(device)]
        if exact or len(prefix) == 1:
            return (exact or prefix)[0]
    names = ", ".join(f"{d.index}: {d.name}" for d in devices) or "none"
    raise SoundError(f"no unique sound input device {device!r} (inputs: {names})")


class SoundCard:
    """Blocking reader of one input device; iterate for :class:`SoundBlock`\\ s until :meth:`stop`.

    ``channels`` is 2 for a splitter (one party per channel). Iteration is meant for a thread of
    its own (PortAudio's blocking read releases the GIL); ``max_frames`` ends the stream after
    that many frames (a file-fed device, tests).
    """

    def __init__(self, device: str | int, rate: int = 8000, channels: int = 2, block_s: float = 0.1,
                 max_frames: int | None = None) -> None:
        if rate not in (8000, 16000):
            raise SoundError(f"sound-card rate {rate} Hz is not supported (allowed: 8000, 16000)")
        if channels not in (1, 2):
            raise SoundError(f"sound-card channels {channels} is not supported (allowed: 1, 2)")
        if not 0.01 <= block_s <= 1.0:
            raise SoundError(f"sound-card block {block_s} s is out of range (allowed: 0.01-1.0)")
        self.device = device
        self.rate = rate
        self.channels = channels
        self.block = round(block_s * rate)
        self.max_frames = max_frames
        self.stats = SoundStats()
        self.info: SoundDevice | None = None
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the reader to end after the block it is reading."""
        self._stop.set()

    def __iter__(self) -> Iterator[SoundBlock]:
        info = find_device(self.device)
        if info.channels < self.channels:
            raise SoundError(f"sound device {info.name!r} has {info.channels} input channel(s), "
                             f"{self.channels} needed")
        self.info = info
        pa_mod = _pyaudio()
        pa = _open_portaudio()
        try:
            try:
                stream = pa.open(format=pa_mod.paInt16, channels=self.channels, rate=self.rate, input=True,
                                 input_device_index=info.index, frames_per_buffer=self.block)
            except (OSError, ValueError) as e:
                raise SoundError(f"cannot open sound device {info.name!r} at {self.rate} Hz, "
                                 f"{self.channels} ch: {e}") from e
            try:
                yield from self._read(stream)
            finally:
                stream.stop_stream()
                stream.close()
        finally:
            pa.terminate()

    def _read(self, stream: Any) -> Iterator[SoundBlock]:
        pos = 0
        anchor = time.time()
        while not self._stop.is_set():
            n = self.block if self.max_frames is None else min(self.block, self.max_frames - pos)
            if n <= 0:
                return
            try:
                raw = stream.read(n, exception_on_overflow=True)
                gap = False
            except OSError as e:
                if e.errno != PA_INPUT_OVERFLOWED and "overflow" not in str(e).lower():
                    raise SoundError(f"sound device read failed: {e}") from e
                # The driver dropped frames: how many is unknown to PortAudio's blocking API, so
                # one block of silence stands for them and the overrun is counted.
                self.stats.overruns += 1
                raw, gap = bytes(2 * n * self.channels), True
            pcm = np.frombuffer(raw, dtype="<i2").reshape(-1, self.channels).astype(np.int16)
            block = SoundBlock(pos, self.rate, pcm, anchor + pos / self.rate, gap)
            pos += block.frames
            self.stats.blocks += 1
            self.stats.frames += block.frames
            yield block


__all__ = ["SoundBlock", "SoundCard", "SoundDevice", "SoundError", "SoundStats", "find_device",
           "list_input_devices"]
