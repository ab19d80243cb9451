"""Async tests here run on a fresh asyncio loop each (Textual's pilot needs a running loop)."""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    params = inspect.signature(pyfuncitem.obj).parameters
    args: dict[str, Any] = {name: pyfuncitem.funcargs[name] for name in params}
    asyncio.run(pyfuncitem.obj(**args))
    return True


@dataclass
class Appliance:
    """A provisioned appliance directory (real CA and server certificate) and enrolled bundles."""

    data_dir: Path
    bundles: dict[str, Path]


@pytest.fixture(scope="session")
def appliance(tmp_path_factory: pytest.TempPathFactory) -> Appliance:
    import datetime as dt
    import json

    from ccedge.core.pki import PkiPaths
    from ccedge.firmware.certs import KeyPair, create_ca, issue_client
    from ccedge.firmware.provision import enroll, init_pki, revoke

    data = tmp_path_factory.mktemp("appliance")
    init_pki(data)
    out = tmp_path_factory.mktemp("bundles")
    bundles = {}
    for role in ("supervisor", "compliance", "admin"):
        enroll(data, f"{role}-pat", role, out / f"{role}.json", address="127.0.0.1")
        bundles[role] = out / f"{role}.json"
    # an agent: the label is the one the demo calls carry for Alice's extension
    enroll(data, "alice-pat", "agent", out / "agent.json", address="127.0.0.1", agent="ext 2001 Alice")
    bundles["agent"] = out / "agent.json"
    enroll(data, "gone-pat", "compliance", out / "revoked.json", address="127.0.0.1")
    revoke(data, "gone-pat", "left")
    bundles["revoked"] = out / "revoked.json"
    base = json.loads(bundles["compliance"].read_text())
    other = issue_client(create_ca("elsewhere"), "compliance-pat", "compliance")
    (out / "foreign.json").write_text(json.dumps({**base, "key_pem": other.key_pem.decode(),
                                                 "cert_pem": other.cert_pem.decode()}))
    bundles["foreign"] = out / "foreign.json"
    (out / "pinned-other.json").write_text(json.dumps({**base, "fingerprint": "ab" * 32}))
    bundles["pinned-other"] = out / "pinned-other.json"
    paths = PkiPaths.of(data)
    ca = KeyPair(paths.ca_key.read_bytes(), paths.ca_cert.read_bytes())
    old = issue_client(ca, "late-pat", "compliance", days=1,
                       not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=30))
    (out / "expired.json").write_text(json.dumps({**base, "key_pem": old.key_pem.decode(),
                                                 "cert_pem": old.cert_pem.decode()}))
    bundles["expired"] = out / "expired.json"
    for p in out.iterdir():
        p.chmod(0o600)
    return Appliance(data, bundles)
