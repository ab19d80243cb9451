"""A provisioned data directory (CA, server certificate, one bundle per role and the bad ones)
and a running API server on a loopback port, over real sockets and real TLS."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from ccedge.core.bus import EventBus
from ccedge.core.pki import Bundle, PkiPaths
from ccedge.firmware.certs import KeyPair, create_ca, issue_client
from ccedge.firmware.provision import enroll, init_pki, revoke
from ccedge.rpc.server import ApiServer, ApiSettings


@dataclass
class Pki:
    data_dir: Path
    bundles: dict[str, Bundle]  # each role, a second agent (colleague), revoked, expired, foreign


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    data = tmp_path_factory.mktemp("appliance")
    init_pki(data)
    out = tmp_path_factory.mktemp("bundles")
    bundles = {role: enroll(data, f"{role}-user", role, out / f"{role}.json", address="127.0.0.1")
               for role in ("supervisor", "compliance", "admin")}
    # Two agents: QM stores their calls under the labels "ext 2041" and "ext 2042".
    bundles["agent"] = enroll(data, "agent-user", "agent", out / "agent.json", address="127.0.0.1",
                              agent="ext 2041")
    bundles["colleague"] = enroll(data, "colleague-user", "agent", out / "colleague.json",
                                  address="127.0.0.1", agent="ext 2042")
    bundles["revoked"] = enroll(data, "gone-user", "compliance", out / "gone.json", address="127.0.0.1")
    revoke(data, "gone-user", "left the company")
    paths = PkiPaths.of(data)
    ca = KeyPair(paths.ca_key.read_bytes(), paths.ca_cert.read_bytes())
    old = issue_client(ca, "late-user", "compliance", days=1,
                       not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=30))
    base = bundles["compliance"]
    bundles["expired"] = replace(base, name="late-user", key_pem=old.key_pem.decode(),
                                 cert_pem=old.cert_pem.decode())
    other = issue_client(create_ca("elsewhere"), "compliance-user", "compliance")
    bundles["foreign"] = replace(base, key_pem=other.key_pem.decode(), cert_pem=other.cert_pem.decode())
    return Pki(data, bundles)


@contextlib.asynccontextmanager
async def serving(data_dir: Path, bus: EventBus | None = None, **settings: Any) -> AsyncIterator[ApiServer]:
    server = ApiServer(bus or EventBus(), data_dir,
                       ApiSettings(host="127.0.0.1", port=0, advertise=False, **settings), grace_s=0.5)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def serve() -> Callable[..., contextlib.AbstractAsyncContextManager[ApiServer]]:
    return serving


def run(coro: Any, timeout: float = 120.0) -> Any:
    async def bounded() -> Any:
        return await asyncio.wait_for(coro, timeout)
    return asyncio.run(bounded())


@pytest.fixture
def arun() -> Callable[..., Any]:
    return run
