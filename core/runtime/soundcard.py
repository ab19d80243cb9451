"""The sound-card source of the chain: a line tap or headset splitter read through PyAudio.

For sites without VoIP (ARCHITECTURE.md, data flow: "sound card"): the card's two channels
are the two legs of one call; :class:`ccedge.core.soundcall.SoundCallStage` cuts calls by
silence or by a key, and this source hands its records to the chain like the tap's, with a
:class:`CallInfo` before a call's first record and a :class:`CallClosed` after its last.
It runs in the capture process like the packet sources (blocks of 0.1 s, never samples one by
one). In that process ``SIGUSR1`` is the key (a foot switch or hot key can send it):
it starts a call when none is open and ends the open one.

Configuration: the ``[sound]`` table (``device`` or ``ccedge run --sound-card DEVICE``):

| key | default | meaning |
|---|---|---|
| ``device`` | ``""`` | PortAudio input: index, exact name or unique name prefix |
| ``rate`` | 8000 | sample rate (8000 or 16000) |
| ``channels`` | 2 | 2 for a splitter; 1 records one mixed leg |
| ``block_s`` | 0.1 | seconds per block read and handed on |
| ``mode`` | ``"silence"`` | ``"silence"``: sound starts, silence ends; ``"key"``: only the key |
| ``start_dbfs`` | -45.0 | a block this loud (RMS) on either channel is sound |
| ``start_s`` | 0.3 | sound this long starts a call |
| ``end_silence_s`` | 10.0 | silence this long on every channel ends it |
| ``pre_roll_s`` | 0.5 | audio kept from before the start |
| ``legs`` | ``["caller", "callee"]`` | leg of channel 0, 1 (roles follow ``[roles]``) |
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ccedge.core.frames import CallEvent
from ccedge.core.runtime.config import ConfigError
from ccedge.core.runtime.items import CallClosed, CallInfo, Item, SourceStatus
from ccedge.core.soundcall import SoundCallError, SoundCallOptions, SoundCallStage

STATUS_EVERY_S = 1.0


@dataclass(frozen=True, slots=True)
class SoundConfig:
    device: str = ""
    rate: int = 8000
    channels: int = 2
    block_s: float = 0.1
    mode: str = "silence"
    start_dbfs: float = -45.0
    start_s: float = 0.3
    end_silence_s: float = 10.0
    pre_roll_s: float = 0.5
    legs: tuple[str, ...] = ("caller", "callee")

    def options(self) -> SoundCallOptions:
        return SoundCallOptions(self.mode, self.start_dbfs, self.start_s, self.end_silence_s,
                                self.pre_roll_s, self.legs)


def sound_config(table: Mapping[str, Any], source: str = "<config>", device: str = "") -> SoundConfig:
    """The ``[sound]`` table validated (one precise error naming file, key, what is allowed);
    ``device`` (the command line) wins over the table's."""
    known = {f.name: f.default for f in fields(SoundConfig)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{source}: sound.{key}: unknown key (allowed: {', '.join(known)})")
        default = known[key]
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise ConfigError(f"{source}: sound.{key}: must be a list of leg names, got {value!r}")
            value = tuple(value)
        elif isinstance(default, int) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{source}: sound.{key}: must be an integer, got {value!r}")
        elif isinstance(default, float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"{source}: sound.{key}: must be a number, got {value!r}")
            value = float(value)
        elif isinstance(default, str) and not isinstance(value, str):
            raise ConfigError(f"{source}: sound.{key}: must be a string, got {value!r}")
        values[key] = value
    if device:
        values["device"] = device
    cfg = SoundConfig(**values)
    if cfg.rate not in (8000, 16000):
        raise ConfigError(f"{source}: sound.rate: must be 8000 or 16000, got {cfg.rate}")
    if cfg.channels not in (1, 2) or len(cfg.legs) < cfg.channels:
        raise ConfigError(f"{source}: sound.channels: must be 1 or 2 with a leg name each, "
                          f"got {cfg.channels}")
    if not 0.01 <= cfg.block_s <= 1.0:
        raise ConfigError(f"{source}: sound.block_s: must be 0.01..1.0, got {cfg.block_s}")
    try:
        cfg.options().validate()
    except SoundCallError as e:
        raise ConfigError(f"{source}: {e}") from e
    return cfg


@dataclass
class SoundCardSource:
    """``Source`` (``ccedge.core.runtime.items``) over one sound card; picklable until started."""

    config: SoundConfig
    name: str = "sound"
    max_frames: int | None = None  # end after this many frames (a file-fed device in tests)
    stage: SoundCallStage | None = field(default=None, repr=False)

    def checked(self) -> SoundCardSource:
        """Fail at start, in the appliance's process, when the device is not there (``SoundError``
        naming the inputs) rather than later in the capture process."""
        from ccedge.hardware.sound import find_device

        info = find_device(self.config.device)
        if info.channels < self.config.channels:
            from ccedge.hardware.sound import SoundError

            raise SoundError(f"sound device {info.name!r} has {info.channels} input channel(s), "
                             f"{self.config.channels} needed")
        return self

    def chunks(self, stop: threading.Event) -> Iterator[list[Item]]:
        from ccedge.hardware.sound import SoundCard

        cfg = self.config
        card = SoundCard(cfg.device, cfg.rate, cfg.channels, cfg.block_s, self.max_frames)
        stage = self.stage = SoundCallStage(cfg.options())
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGUSR1, lambda *_: stage.key())
        watcher = threading.Thread(target=lambda: (stop.wait(), card.stop()), daemon=True)
        watcher.start()
        last_status = time.monotonic()
        for block in card:
            items = self._route(stage.feed(block))
            if time.monotonic() - last_status >= STATUS_EVERY_S:
                last_status = time.monotonic()
                items.append(self._status(card))
            if items:
                yield items
            if stop.is_set():
                break
        tail = self._route(stage.finish())
        yield [*tail, self._status(card, done=True)]

    def _route(self, outs: list[Any]) -> list[Item]:
        items: list[Item] = []
        cfg = self.config
        for o in outs:
            if isinstance(o, CallEvent) and o.kind == "started":
                items.append(CallInfo(o.call_id, f"{cfg.device}:{cfg.legs[0]}",
                                      f"{cfg.device}:{cfg.legs[1] if len(cfg.legs) > 1 else ''}", "", "",
                                      o.wall, {leg: "L16" for leg in cfg.legs[: cfg.channels]}, self.name))
            items.append(o)
            if isinstance(o, CallEvent) and o.kind == "ended":
                items.append(CallClosed(o.call_id, o.reason))
        return items

    def _status(self, card: Any, done: bool = False) -> SourceStatus:
        st = card.stats
        counters = {"blocks": st.blocks, "frames": st.frames, "overruns": st.overruns,
                    "calls": self.stage.calls if self.stage else 0}
        return SourceStatus(self.name, st.blocks, st.overruns, 0, done, counters)


__all__ = ["SoundCardSource", "SoundConfig", "sound_config"]
