"""The appliance's configuration: one TOML file, validated whole at start.

Every key has a default (the tables below are the documentation the README repeats), so an
empty file, or none, is a valid configuration. A wrong key or value stops the start with one
line naming the file, the key, what is wrong and what is allowed
(``ccedge.toml: speech.queue: must be an integer >= 1, got 0``).

Sections owned by later areas (``[vault]``, ``[guidance]``, ``[qm]``, ``[api]``) are kept as
plain tables for their owners to validate; ``[api] enabled`` is read here because it decides
whether the runtime starts the services of the ``ccedge.services`` entry-point group.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ccedge.core.errors import CoreError


class ConfigError(CoreError):
    """A configuration file or value the appliance cannot run with (the message says where)."""


@dataclass(frozen=True, slots=True)
class CaptureConfig:
    interfaces: tuple[str, ...] = ()  # live capture (AF_PACKET; root or CAP_NET_RAW)
    replay: tuple[str, ...] = ()  # capture files replayed at their recorded pace
    fast: bool = False  # replay as fast as the chain takes it (importing history)
    exit_when_done: bool = False  # close every call and exit when the replays end
    idle_timeout_s: float = 120.0  # a call with no SIP or RTP for this long is closed
    process: bool = True  # run capture and tap in their own process (False: a thread)


@dataclass(frozen=True, slots=True)
class RolesConfig:
    agent_extensions: tuple[str, ...] = ()  # SIP user parts of agents ("1001", "agent-7")
    pbx_addresses: tuple[str, ...] = ()  # IP addresses of the PBX / SBC on the agents' side
    agent_networks: tuple[str, ...] = ()  # CIDR blocks of agent phones ("10.100.0.0/16")
    inbound_default: str = "callee"  # who is the agent when nothing above matches


@dataclass(frozen=True, slots=True)
class VadConfig:
    """How each leg is cut into utterances (``core.segment.SegmentConfig``; README, "Accuracy on
    telephone calls": longer pauses cost latency and win words)."""

    engine: str = "ccedge"  # the Numba VAD, or "webrtc"
    min_pause_s: float = 0.3  # non-speech that ends an utterance
    pad_s: float = 0.1  # audio kept either side of the speech
    max_utterance_s: float = 8.0  # a longer utterance is cut at its longest pause


@dataclass(frozen=True, slots=True)
class SpeechConfig:
    enabled: bool = True  # False: VAD, DTMF and audio redaction only (no transcripts)
    # whisper.cpp worker processes; 0: one per core. One single-threaded worker per core is the
    # measured best (README, "Transcription": 1 worker x 2 threads fell far behind 2 x 1).
    workers: int = 0
    threads: int = 0  # threads per worker; 0: the box's cores divided by the workers
    model: str = ""  # ggml model file; "": the built model in the data directory
    queue: int = 256  # utterances waiting for a worker; when full the least urgent is shed
    # Seconds a worker waits, from an utterance's arrival, for others to pack into its window
    # (0: never). Trades latency for throughput under load (README, "Live load").
    pack_wait_s: float = 0.0
    # Under a backlog, windows of this much packed audio (0: never; README, "Live load").
    pack_seconds_backlog: float = 0.0
    # Silence between utterances packed into one window (README, "Live load": 1.0 s gave 40 calls
    # p95 2.84 s, 0.3 s 1.59 s).
    pack_gap_s: float = 0.3
    # Encoder floor of a window, in positions of 20 ms (512: 10.24 s, the engine's; README, "Live
    # load": lower is cheaper for a lone short utterance and measured to cost words).
    audio_ctx_min: int = 512
    # Flash attention in the encoder (the engine's default, issue 9: about twice the throughput
    # at the same words); windows are then whole multiples of 256 positions, so audio_ctx_min is
    # rounded up to one.
    flash_encoder: bool = True
    # Issue 15, two passes: a larger built model (e.g. ggml-base-q8_0.bin, or "base" for the built
    # base q8_0) that transcribes finished calls again when the box is idle; "": no second pass.
    second_pass_model: str = ""
    second_pass_language: str = "en"  # the second pass's language ("auto" with a multilingual model)
    # Issue 15, domain prompting: the decoder's initial prompt, "contact-centre" (the built-in
    # vocabulary) or the text itself, followed by the site's own ``terms`` (organisation and
    # product names). Off by default: more cue words heard, more words lost (README, "Domain
    # prompting"; ccedge.core.speech.prompt).
    prompt: str = ""
    terms: tuple[str, ...] = ()

    def initial_prompt(self) -> str:
        """The prompt text for the engine ("" when none); ConfigError when too long."""
        from ccedge.core.speech.errors import SpeechError
        from ccedge.core.speech.prompt import domain_prompt

        try:
            return domain_prompt(self.prompt, self.terms, what="speech.prompt")
        except SpeechError as e:
            raise ConfigError(str(e)) from None

    def pool_size(self) -> tuple[int, int]:
        """(worker processes, threads each) after resolving the 0s against this box's cores."""
        cores = os.cpu_count() or 1
        workers = self.workers or cores
        return workers, self.threads or max(1, cores // workers)


@dataclass(frozen=True, slots=True)
class RedactConfig:
    policy: str = ""  # redaction policy file (JSON); "": the built-in PCI + HIPAA policy
    holdback_s: float = 30.0  # longest time audio waits in memory for redaction to clear it
    lag_action: str = "mask"  # audio not cleared in time: "mask" (silence) or "seal"


@dataclass(frozen=True, slots=True)
class MetricsConfig:
    enabled: bool = False  # Prometheus endpoint (prometheus_client)
    address: str = "127.0.0.1"
    port: int = 9464


@dataclass(frozen=True, slots=True)
class RuntimeSettings:
    health_interval_s: float = 5.0  # Health event period
    live_queue: int = 1000  # events a live subscriber may fall behind before losing the oldest
    sink_queue: int = 256  # items a storing sink may fall behind before the chain waits
    log_format: str = "json"  # "json" (one object per line) or "text"
    drain_timeout_s: float = 60.0  # longest wait for speech while draining on SIGTERM


@dataclass(frozen=True, slots=True)
class RuntimeConfig:
    data_dir: str = ""  # "": ~/.local/share/ccedge
    capture: CaptureConfig = field(default_factory=CaptureConfig)
    roles: RolesConfig = field(default_factory=RolesConfig)
    vad: VadConfig = field(default_factory=VadConfig)
    speech: SpeechConfig = field(default_factory=SpeechConfig)
    redact: RedactConfig = field(default_factory=RedactConfig)
    metrics: MetricsConfig = field(default_factory=MetricsConfig)
    runtime: RuntimeSettings = field(default_factory=RuntimeSettings)
    api_enabled: bool = False  # [api] enabled: start the ccedge.services entry points
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # [vault], [guidance], …
    source: str = "<defaults>"  # the file it came from, for messages

    def section(self, name: str) -> Mapping[str, Any]:
        """A later area's table as written (empty when absent)."""
        return self.sections.get(name, {})

    def data_path(self) -> Path:
        return Path(self.data_dir).expanduser() if self.data_dir else Path.home() / ".local/share/ccedge"


# Tables kept raw for their owners; "api" is also read for "enabled".
PASSTHROUGH = ("vault", "guidance", "qm", "api", "sound")  # [sound]: core.runtime.soundcard
_TABLES: dict[str, type] = {
    "capture": CaptureConfig, "roles": RolesConfig, "vad": VadConfig, "speech": SpeechConfig,
    "redact": RedactConfig, "metrics": MetricsConfig, "runtime": RuntimeSettings,
}
_CHOICES: dict[str, tuple[str, ...]] = {
    "roles.inbound_default": ("callee", "caller", "unknown"),
    "vad.engine": ("ccedge", "webrtc"),
    "redact.lag_action": ("mask", "seal"),
    "runtime.log_format": ("json", "text"),
}
_POSITIVE = {"capture.idle_timeout_s", "redact.holdback_s", "runtime.health_interval_s",
             "runtime.drain_timeout_s"}
_RANGES = {
    "speech.pack_wait_s": (0.0, 2.0),  # beyond 2 s the wait alone breaks the p95 target
    "speech.pack_seconds_backlog": (0.0, 28.0),  # one window is at most 30 s
    "speech.pack_gap_s": (0.2, 3.0),  # under 0.2 s one utterance's words run into the next's
    "vad.min_pause_s": (0.05, 3.0),
    "vad.pad_s": (0.0, 1.0),
    "vad.max_utterance_s": (2.0, 28.0),  # one utterance must fit one 30 s encoder window
}
_AT_LEAST_ONE = {"speech.queue", "runtime.live_queue", "runtime.sink_queue"}


def _check_value(key: str, default: Any, value: Any) -> Any:
    """``value`` converted to the type of ``default``, or ConfigError saying what is allowed."""

    def bad(allowed: str) -> ConfigError:
        return ConfigError(f"{key}: must be {allowed}, got {value!r}")

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("an integer")
        if key in _AT_LEAST_ONE and value < 1:
            raise bad("an integer >= 1")
        if value < 0:
            raise bad("an integer >= 0")
        if key == "metrics.port" and not 1 <= value <= 65535:
            raise bad("a port number 1..65535")
        if key == "speech.audio_ctx_min" and not 128 <= value <= 1500:
            raise bad("an integer from 128 to 1500")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad("a number")
        if key in _POSITIVE and value <= 0:
            raise bad("a number > 0")
        if key in _RANGES and not _RANGES[key][0] <= value <= _RANGES[key][1]:
            raise bad("a number from {} to {}".format(*_RANGES[key]))
        return float(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise bad("a string")
        if key in _CHOICES and value not in _CHOICES[key]:
            raise bad("one of " + ", ".join(repr(c) for c in _CHOICES[key]))
        return value
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        for v in value:
            _CHECK_ITEM.get(key, lambda _k, _v: None)(key, v)
        return tuple(value)
    raise ConfigError(f"{key}: unsupported setting")  # pragma: no cover - every field is typed


def _check_network(key: str, v: str) -> None:
    try:
        ipaddress.ip_network(v, strict=False)
    except ValueError:
        raise ConfigError(f"{key}: {v!r} is not a network (CIDR such as 10.1.0.0/16)") from None


def _check_address(key: str, v: str) -> None:
    try:
        ipaddress.ip_address(v)
    except ValueError:
        raise ConfigError(f"{key}: {v!r} is not an IP address") from None


_CHECK_ITEM: dict[str, Callable[[str, str], None]] = {
    "roles.agent_networks": _check_network,
    "roles.pbx_addresses": _check_address,
}


def _table(name: str, cls: type, raw: Any) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"[{name}]: must be a table")
    known = {f.name: f for f in fields(cls)}
    kw: dict[str, Any] = {}
    default = cls()
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(f"{name}.{key}: unknown key; allowed: {', '.join(known)}")
        kw[key] = _check_value(f"{name}.{key}", getattr(default, key), value)
    return cls(**kw)


def parse_config(data: Mapping[str, Any], source: str = "<string>") -> RuntimeConfig:
    """Validate a parsed TOML document; errors are prefixed with ``source``."""
    try:
        kw: dict[str, Any] = {}
        sections: dict[str, Mapping[str, Any]] = {}
        for key, value in data.items():
            if key == "data_dir":
                kw["data_dir"] = _check_value("data_dir", "", value)
            elif key in _TABLES:
                kw[key] = _table(key, _TABLES[key], value)
            elif key in PASSTHROUGH:
                if not isinstance(value, dict):
                    raise ConfigError(f"[{key}]: must be a table")
                sections[key] = dict(value)
            else:
                allowed = ", ".join(["data_dir", *(f"[{t}]" for t in (*_TABLES, *PASSTHROUGH))])
                raise ConfigError(f"{key}: unknown section or key; allowed: {allowed}")
        vad = kw.get("vad", VadConfig())
        if vad.min_pause_s >= vad.max_utterance_s / 2:
            raise ConfigError(f"vad.min_pause_s: must be under half of vad.max_utterance_s "
                              f"({vad.max_utterance_s}), got {vad.min_pause_s}")
        kw.get("speech", SpeechConfig()).initial_prompt()  # a prompt too long fails at start
        api = sections.get("api", {})
        enabled = api.get("enabled", False)
        if not isinstance(enabled, bool):
            raise ConfigError(f"api.enabled: must be true or false, got {enabled!r}")
        return RuntimeConfig(**kw, api_enabled=enabled, sections=sections, source=source)
    except ConfigError as e:
        raise ConfigError(f"{source}: {e}") from None


def load_config(path: Path | str | None) -> RuntimeConfig:
    """The configuration in ``path`` (TOML), or the defaults when ``path`` is None."""
    if path is None:
        return RuntimeConfig()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{p}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{p}: cannot read: {type(e).__name__}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p}: not valid TOML: {e}") from None
    return parse_config(data, str(p))


def with_overrides(cfg: RuntimeConfig, **sections: Mapping[str, Any]) -> RuntimeConfig:
    """``cfg`` with some keys of some tables replaced (command-line flags win over the file),
    validated like the file."""
    out = cfg
    for name, values in sections.items():
        if not values:
            continue
        current = getattr(out, name)
        checked = {k: _check_value(f"{name}.{k}", getattr(current, k), v) for k, v in values.items()}
        out = replace(out, **{name: replace(current, **checked)})
    return out


__all__ = [
    "CaptureConfig", "ConfigError", "MetricsConfig", "RedactConfig", "RolesConfig", "RuntimeConfig",
    "RuntimeSettings", "SpeechConfig", "VadConfig", "load_config", "parse_config", "with_overrides",
]
