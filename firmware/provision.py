"""First-boot PKI, enrolment and revocation (``ccedge init`` step, ``ccedge enroll``, ``ccedge revoke``).

The CA key never leaves ``<data dir>/pki`` (0600). Enrolment issues a client key and certificate
on the box and hands them out in one 0600 bundle: the person's key is generated here because
the consoles are enrolled by on-prem IT, not by the users (no CSR round trip to get wrong).
Both enrolment and revocation are written to the access trail.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccedge.core.access_audit import open_access_audit
from ccedge.core.files import atomic_write
from ccedge.core.pki import (
    DEFAULT_PORT,
    USER_ROLES,
    Bundle,
    PkiPaths,
    UserRole,
    fingerprint,
    read_cert,
    read_json_list,
    revoke_serials,
)
from ccedge.firmware import FirmwareError
from ccedge.firmware.certs import CLIENT_DAYS, KeyPair, box_names, create_ca, issue_client, issue_server

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Appliance:
    """What enrolment tells a console about the box (``pki/appliance.json``)."""

    site: str
    address: str
    port: int
    server_name: str


def appliance_info(paths: PkiPaths) -> Appliance:
    try:
        raw = json.loads((paths.root / "appliance.json").read_text())
    except FileNotFoundError as e:
        raise FirmwareError("the appliance has no certificates yet: run `ccedge init`") from e
    return Appliance(**raw)


def init_pki(data_dir: Path, args: argparse.Namespace | None = None) -> bool:
    """Create the CA, the server certificate and ``appliance.json``; False when already there.

    Registered in the ``ccedge.init_steps`` entry-point group; ``ccedge certs renew`` calls it
    with ``renew_server_cert`` set to re-issue the server certificate under the same CA.
    """
    paths = PkiPaths.of(data_dir)
    renew = bool(getattr(args, "renew_server_cert", False))
    if paths.exists() and not renew:
        return False
    site = str(getattr(args, "site", "") or socket.gethostname())
    names, addresses = box_names()
    if paths.ca_cert.exists() and paths.ca_key.exists():
        ca = KeyPair(paths.ca_key.read_bytes(), paths.ca_cert.read_bytes())
    else:
        ca = create_ca(site)
        atomic_write(paths.ca_key, ca.key_pem)
        atomic_write(paths.ca_cert, ca.cert_pem)
    server = issue_server(ca, names, addresses)
    atomic_write(paths.server_key, server.key_pem)
    atomic_write(paths.server_cert, server.cert_pem)
    address = next((a for a in addresses if not a.startswith(("127.", "::1")) and ":" not in a), "127.0.0.1")
    info = {"site": site, "address": address, "port": DEFAULT_PORT, "server_name": names[0]}
    atomic_write(paths.root / "appliance.json", json.dumps(info, indent=1).encode())
    _audit(data_dir).record("pki-init", "local-admin", "admin", "server-certificate",
                                     "ok", "renewed" if renew else "created")
    return True


def _audit(data_dir: Path) -> Any:
    """The vault's signed trail when the box has a vault, else the file access trail."""
    return open_access_audit(data_dir)


def users(data_dir: Path) -> list[dict[str, Any]]:
    return read_json_list(PkiPaths.of(data_dir).users)


def enroll(data_dir: Path, name: str, role: str, out: Path, address: str | None = None,
           port: int | None = None, days: int = CLIENT_DAYS, agent: str = "") -> Bundle:
    """Issue and write one person's bundle; an agent needs the label QM stores for their calls."""
    if not _NAME.match(name):
        raise FirmwareError("a user name is a letter then up to 63 of A-Z a-z 0-9 . _ @ -")
    user_role = role_of(role)
    agent = " ".join(agent.split())
    if (user_role == "agent") != bool(agent):
        raise FirmwareError("--agent LABEL is required for role agent and only for it")
    if len(agent) > 64:
        raise FirmwareError("an agent label is at most 64 characters")
    paths = PkiPaths.of(data_dir)
    if not paths.ca_key.exists():
        raise FirmwareError("the appliance has no CA yet: run `ccedge init`")
    known = users(data_dir)
    if any(u["name"] == name and not u.get("revoked") for u in known):
        raise FirmwareError(f"{name} is already enrolled: revoke it first (`ccedge revoke {name}`)")
    ca = KeyPair(paths.ca_key.read_bytes(), paths.ca_cert.read_bytes())
    pair = issue_client(ca, name, user_role, days=days, agent=agent)
    cert = pair.cert
    info = appliance_info(paths)
    bundle = Bundle(
        name=name, role=user_role, key_pem=pair.key_pem.decode(), cert_pem=pair.cert_pem.decode(),
        ca_pem=ca.cert_pem.decode(), address=address or info.address, port=port or info.port,
        fingerprint=fingerprint(read_cert(paths.server_cert)), site=info.site,
        server_name=info.server_name,
    )
    bundle.save(out)
    known.append({"name": name, "role": role, **({"agent": agent} if agent else {}),
                  "serial": format(cert.serial_number, "x"),
                  "not_after": cert.not_valid_after_utc.timestamp(), "issued": time.time(),
                  "revoked": False})
    atomic_write(paths.users, json.dumps(known, indent=1).encode())
    _audit(data_dir).record("enroll", "local-admin", "admin", f"user:{name}", "ok", role)
    return bundle


def revoke(data_dir: Path, name: str, reason: str = "revoked") -> list[str]:
    """Revoke every live certificate of ``name``; the serials revoked."""
    serials = revoke_serials(PkiPaths.of(data_dir), name, reason)
    if not serials:
        raise FirmwareError(f"no live enrolment named {name}: see `ccedge enroll --list`")
    _audit(data_dir).record("revoke", "local-admin", "admin", f"user:{name}", "ok", reason[:80])
    return serials


def role_of(value: str) -> UserRole:
    if value not in USER_ROLES:
        raise FirmwareError(f"role must be one of {', '.join(USER_ROLES)}")
    return value


__all__ = ["Appliance", "appliance_info", "enroll", "init_pki", "revoke", "role_of", "users"]
