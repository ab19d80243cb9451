"""Finding appliances on the LAN: DNS-SD over mDNS (RFC 6762/6763) with python-zeroconf.

The appliance advertises ``_ccedge._tcp.local.`` with TXT keys ``v`` (TXT format), ``version``,
``site`` and ``fp`` (SHA-256 of its server certificate). A console pins the fingerprint it
was enrolled with: an appliance advertising another one is refused with a clear message
(mDNS is unauthenticated, so the TXT record is a hint; the TLS handshake against the
enrolment CA is what actually authenticates the box).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from zeroconf import InterfaceChoice, IPVersion, ServiceStateChange, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf


def normalise_fingerprint(text: str) -> str:
    return text.replace(":", "").strip().lower()

SERVICE_TYPE = "_ccedge._tcp.local."
TXT_VERSION = "1"


class DiscoveryError(Exception):
    """No appliance found, or the one found is not the one the console was enrolled with."""


class FingerprintMismatch(DiscoveryError):
    pass


@dataclass(frozen=True, slots=True)
class Found:
    name: str
    addresses: tuple[str, ...]
    port: int
    site: str
    version: str
    fingerprint: str


def _zc_interfaces(interfaces: Sequence[str] | None) -> Any:
    return list(interfaces) if interfaces else InterfaceChoice.All


class Advertiser:
    """Registers the appliance's service record; ``await start()`` / ``await stop()``."""

    def __init__(self, port: int, fingerprint: str, site: str, version: str,
                 addresses: Sequence[str], interfaces: Sequence[str] | None = None,
                 instance: str | None = None) -> None:
        host = socket.gethostname()
        self.instance = instance or f"ccedge {site or host}"
        self.info = AsyncServiceInfo(
            SERVICE_TYPE, f"{self.instance}.{SERVICE_TYPE}",
            addresses=[ipaddress.ip_address(a).packed for a in addresses], port=port,
            properties={"v": TXT_VERSION, "version": version, "site": site, "fp": fingerprint},
            server=f"{host}.local.",
        )
        self.interfaces = interfaces
        self._zc: AsyncZeroconf | None = None

    async def start(self) -> None:
        self._zc = AsyncZeroconf(interfaces=_zc_interfaces(self.interfaces), ip_version=IPVersion.All)
        await self._zc.async_register_service(self.info, allow_name_change=True)

    async def stop(self) -> None:
        if self._zc is not None:
            await self._zc.async_unregister_service(self.info)
            await self._zc.async_close()
            self._zc = None


def _text(props: dict[bytes, bytes | None], key: str) -> str:
    value = props.get(key.encode())
    return value.decode(errors="replace") if value else ""


async def browse(timeout_s: float = 3.0, interfaces: Sequence[str] | None = None) -> list[Found]:
    """Every ccedge appliance that answers within ``timeout_s``."""
    azc = AsyncZeroconf(interfaces=_zc_interfaces(interfaces), ip_version=IPVersion.All)
    names: set[str] = set()

    def changed(zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange) -> None:
        if state_change is not ServiceStateChange.Removed:
            names.add(name)

    browser = AsyncServiceBrowser(azc.zeroconf, SERVICE_TYPE, handlers=[changed])
    found: dict[str, Found] = {}
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while loop.time() < deadline:
            await asyncio.sleep(0.2)
            for name in sorted(names - set(found)):
                info = AsyncServiceInfo(SERVICE_TYPE, name)
                if await info.async_request(azc.zeroconf, 1500):
                    found[name] = Found(
                        name=name, addresses=tuple(info.parsed_scoped_addresses()), port=info.port or 0,
                        site=_text(info.properties, "site"), version=_text(info.properties, "version"),
                        fingerprint=normalise_fingerprint(_text(info.properties, "fp")))
            if found and names <= set(found):
                break
    finally:
        await browser.async_cancel()
        await azc.async_close()
    return list(found.values())


async def discover(pinned_fingerprint: str, timeout_s: float = 3.0,
                   interfaces: Sequence[str] | None = None) -> Found:
    """The appliance this console was enrolled with; FingerprintMismatch when only others answer."""
    pin = normalise_fingerprint(pinned_fingerprint)
    found = await browse(timeout_s, interfaces)
    for f in found:
        if f.fingerprint == pin:
            return f
    if found:
        f = found[0]
        raise FingerprintMismatch(
            f"refused: {f.name.removesuffix('.' + SERVICE_TYPE)} advertises certificate fingerprint "
            f"{f.fingerprint[:16]}…, but this console was enrolled with {pin[:16]}… "
            "(re-enrol with `ccedge enroll`, or check the box is yours)")
    raise DiscoveryError(f"no ccedge appliance answered on the LAN within {timeout_s:g} s")


__all__ = ["SERVICE_TYPE", "Advertiser", "DiscoveryError", "FingerprintMismatch", "Found", "browse",
           "discover"]
