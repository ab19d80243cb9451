"""The appliance's zeroconf advertisement, found on loopback by a separate browser process."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from types import SimpleNamespace
from typing import Any

import pytest

from ccedge.core.bus import EventBus
from ccedge.rpc.discovery import FingerprintMismatch, discover
from ccedge.rpc.server.service import api_service

BROWSER = """
import asyncio, json, sys
from ccedge.rpc.discovery import browse
found = asyncio.run(browse(timeout_s=float(sys.argv[1]), interfaces=["127.0.0.1"]))
print(json.dumps([{"name": f.name, "addresses": f.addresses, "port": f.port, "site": f.site,
                   "fp": f.fingerprint, "version": f.version} for f in found]))
"""


def test_advertisement_found_on_loopback_with_fingerprint(pki: Any, arun: Any) -> None:
    runtime = SimpleNamespace(bus=EventBus(), data_dir=pki.data_dir, config={"api": {
        "host": "127.0.0.1", "port": 0, "site": "test-site", "advertise_interfaces": ["127.0.0.1"]}})

    async def main() -> tuple[list[dict[str, Any]], str, int, Any, int]:
        service = api_service(runtime)
        await service.start()
        try:
            if service.advertiser is None:
                pytest.skip("no multicast on loopback in this environment")
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-c", BROWSER, "4", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            out, err = await asyncio.wait_for(proc.communicate(), 30)
            assert proc.returncode == 0, err.decode()[-500:]
            wrong = None
            try:
                await discover("00" * 32, timeout_s=2, interfaces=["127.0.0.1"])
            except FingerprintMismatch as e:
                wrong = e
            return (json.loads(out), service.server.fingerprint, service.server.port, wrong,
                    service.server.backend_port)
        finally:
            await service.stop()

    found, fp, port, wrong, behind_gate = arun(main())
    assert port != behind_gate  # the public (TLS gate's) port is advertised, not the loopback one
    ours = [f for f in found if f["fp"] == fp]
    assert ours, found
    assert ours[0]["port"] == port and ours[0]["site"] == "test-site" and "127.0.0.1" in ours[0]["addresses"]
    assert ours[0]["version"]
    assert wrong is not None and "enrolled with 0000" in str(wrong) and "refused" in str(wrong)
