"""Playback of a redacted recording through the sound card, where there is one (PyAudio, optional).

The console runs on supervisors' and officers' desktops; many have no sound card (or no
PortAudio). Then :meth:`Player.probe` says so and the Recordings screen tells the user instead
of failing. Audio is played from memory in a thread, never written to disk. PortAudio and ALSA
print their probing noise straight to file descriptor 2, which is the console's terminal, so the
probe runs with fd 2 pointed at /dev/null.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import wave
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def _quiet_fd2() -> Iterator[None]:
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class Player:
    def __init__(self) -> None:
        self._pa: Any = None
        self.available: bool | None = None  # None: not probed yet

    def probe(self) -> bool:
        if self.available is None:
            self.available = False
            try:
                with _quiet_fd2():
                    import pyaudio  # optional: only where a sound card exists

                    pa = pyaudio.PyAudio()
                    ok = any(int(pa.get_device_info_by_index(i).get("maxOutputChannels", 0)) > 0
                             for i in range(pa.get_device_count()))
                    if ok:
                        self._pa, self.available = pa, True
                    else:
                        pa.terminate()
            except Exception:  # no PortAudio, no ALSA, no device: playback is simply not offered
                self.available = False
        return self.available

    async def play(self, wav_bytes: bytes) -> None:
        if self.probe():
            await asyncio.to_thread(self._play, wav_bytes)

    def _play(self, wav_bytes: bytes) -> None:
        with wave.open(io.BytesIO(wav_bytes)) as w:
            stream = self._pa.open(format=self._pa.get_format_from_width(w.getsampwidth()),
                                   channels=w.getnchannels(), rate=w.getframerate(), output=True)
            try:
                while chunk := w.readframes(1024):
                    stream.write(chunk)
            finally:
                stream.stop_stream()
                stream.close()
