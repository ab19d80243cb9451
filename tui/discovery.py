"""Finding the appliance on the LAN: browse ``_ccedge._tcp.local.`` and keep only the one we trust.

Every appliance advertises the SHA-256 fingerprint of its server certificate in its TXT record
(issue 13). The console connects to the one whose fingerprint equals the one its identity was
enrolled with; others are listed in the "no appliance found" message but never contacted. The
advertisement is only a hint: the TLS handshake checks the pin again (:func:`tls_precheck`).
"""

from __future__ import annotations

import asyncio
import ipaddress
from dataclasses import dataclass

from zeroconf import IPVersion, ServiceStateChange, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

from ccedge.tui.client import NoApplianceFound

SERVICE = "_ccedge._tcp.local."


@dataclass(frozen=True, slots=True)
class Advert:
    name: str
    host: str
    port: int
    fingerprint: str
    site: str = ""
    version: str = ""


def _txt(info: AsyncServiceInfo, key: str) -> str:
    v = (info.properties or {}).get(key.encode())
    return v.decode(errors="replace") if isinstance(v, bytes) else ""


async def browse(seconds: float = 3.0, interfaces: list[str] | None = None) -> list[Advert]:
    """Every ccedge appliance that answered within ``seconds``."""
    azc = AsyncZeroconf(interfaces=interfaces) if interfaces else AsyncZeroconf()
    names: set[str] = set()

    def on_change(zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange) -> None:
        if state_change is not ServiceStateChange.Removed:
            names.add(name)

    browser = AsyncServiceBrowser(azc.zeroconf, [SERVICE], handlers=[on_change])
    found: dict[str, Advert] = {}
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while loop.time() < deadline:
            for name in list(names - found.keys()):
                info = AsyncServiceInfo(SERVICE, name)
                if await info.async_request(azc.zeroconf, 1000):
                    addrs = info.parsed_scoped_addresses(IPVersion.All)
                    if addrs and info.port:
                        host = sorted(addrs, key=lambda a: ipaddress.ip_address(a.split("%")[0]).version)[0]
                        found[name] = Advert(name, host, info.port,
                                             (_txt(info, "fp") or _txt(info, "fingerprint")).lower()
                                             .replace(":", ""),
                                             _txt(info, "site"), _txt(info, "version"))
            await asyncio.sleep(0.2)
    finally:
        await browser.async_cancel()
        await azc.async_close()
    return list(found.values())


async def find(fingerprint: str, seconds: float = 3.0, interfaces: list[str] | None = None) -> Advert:
    """The appliance whose advertised fingerprint is ours, or :class:`NoApplianceFound`."""
    adverts = await browse(seconds, interfaces)
    for a in adverts:
        if fingerprint and a.fingerprint == fingerprint:
            return a
    others = ", ".join(f"{a.site or a.name} ({a.fingerprint[:12]}…)" for a in adverts) or "none"
    raise NoApplianceFound(f"looked for fingerprint {fingerprint[:16]}… for {seconds:.0f} s; "
                           f"appliances seen: {others}")
