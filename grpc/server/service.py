"""The API as a service of the appliance process (entry-point group ``ccedge.services``).

The runtime loads ``api = "ccedge.rpc.server.service:api_service"`` and calls
``api_service(runtime)``; ``start()`` listens on the ``[api]`` port and advertises the
appliance over zeroconf; ``stop()`` withdraws the advertisement first, then drains the server.
Until the runtime is built, anything with ``.bus`` (and optionally ``.config`` with an ``api``
section and ``.data_dir``) will do.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ccedge.core.config import data_dir as default_data_dir
from ccedge.rpc.discovery import Advertiser
from ccedge.rpc.server.context import ApiSettings
from ccedge.rpc.server.server import ApiServer

log = logging.getLogger("ccedge.rpc")


def _section(config: Any, name: str) -> dict[str, Any] | None:
    if isinstance(config, Mapping):
        value = config.get(name)
    else:
        value = getattr(config, name, None)
    if value is None:
        return None
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "__dataclass_fields__"):
        return {k: getattr(value, k) for k in value.__dataclass_fields__}
    return None


def local_addresses() -> list[str]:
    """Every non-link-local address of the box (for the mDNS A/AAAA records)."""
    import ifaddr  # python-zeroconf's own dependency

    out: set[str] = set()
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):
                out.add(ip.ip)
            elif not ip.ip[0].startswith("fe80"):
                out.add(ip.ip[0])
    return sorted(out)


class ApiService:
    def __init__(self, runtime: Any, data_dir: Path | None = None) -> None:
        self.runtime = runtime
        config = getattr(runtime, "config", None)
        section = getattr(config, "section", None)  # the runtime's RuntimeConfig keeps [api] raw
        raw = dict(section("api")) if callable(section) else (_section(config, "api") or {})
        raw.pop("enabled", None)  # the runtime's switch for starting services at all
        self.settings = ApiSettings.from_mapping(raw)
        data_path = getattr(config, "data_path", None)
        self.data_dir = (data_dir or getattr(runtime, "data_dir", None)
                         or (data_path() if callable(data_path) else None) or default_data_dir())
        self.server = ApiServer(runtime.bus, Path(self.data_dir), self.settings, runtime=runtime)
        self.advertiser: Advertiser | None = None

    async def start(self) -> None:
        port = await self.server.start()
        if self.settings.advertise:
            interfaces = list(self.settings.advertise_interfaces)
            self.advertiser = Advertiser(
                port=port, fingerprint=self.server.fingerprint, site=self.settings.site,
                version=self.server.ctx.version, addresses=interfaces or local_addresses(),
                interfaces=interfaces or None)
            try:
                await self.advertiser.start()
            except OSError as e:  # no multicast route: the API still serves; consoles use the address
                log.warning("zeroconf advertisement failed (%s); consoles must use the enrolled address",
                            e.strerror or e)
                self.advertiser = None

    async def stop(self) -> None:
        if self.advertiser is not None:
            await self.advertiser.stop()
            self.advertiser = None
        await self.server.stop()


def api_service(runtime: Any) -> ApiService:
    """Factory registered in the ``ccedge.services`` entry-point group."""
    return ApiService(runtime)


__all__ = ["ApiService", "api_service", "local_addresses"]
