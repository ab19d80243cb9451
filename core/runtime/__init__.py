"""The live appliance: one chain from packets to events, sinks and services (issue 9).

Public face::

    from ccedge.core.runtime import Runtime, load_config
    rt = Runtime(load_config("ccedge.toml"), sinks=[vault_sink], event_stages=[guidance, qm])
    sub = rt.bus.subscribe("console", maxsize=1000)
    await rt.run()          # until rt.stop() (SIGTERM), or the replays end with exit_when_done

``ccedge run``, ``ccedge demo`` and the file verbs (``redact CAPTURE``, ``transcribe CAPTURE``)
all start a :class:`Runtime`; there is no second path.
"""

from ccedge.core.runtime.chain import CallResult, Chain
from ccedge.core.runtime.config import ConfigError, RuntimeConfig, load_config, parse_config, with_overrides
from ccedge.core.runtime.items import CallClosed, CallInfo, Item, Source, SourceStatus
from ccedge.core.runtime.output import EventStage
from ccedge.core.runtime.runtime import Runtime
from ccedge.core.runtime.sources import TapSource

__all__ = [
    "CallClosed", "CallInfo", "CallResult", "Chain", "ConfigError", "EventStage", "Item", "Runtime",
    "RuntimeConfig", "Source", "SourceStatus", "TapSource", "load_config", "parse_config", "with_overrides",
]
