"""The appliance's certificates as the server and the clients read them.

Creation (the CA, the server certificate, enrolment and revocation) is provisioning and
lives in ``ccedge.firmware``; reading and checking them is needed by the gRPC server
(``ccedge.rpc``, which may import ``core`` only) and by the console's client, so it lives here,
one layer below both.

Layout under ``<data dir>/pki/`` (folder 0700, every file 0600, written whole: temp file,
fsync, rename):

* ``ca.pem`` / ``ca.key``: the appliance CA (the only CA the API trusts);
* ``server.pem`` / ``server.key``: the API's certificate for the box's names and addresses;
* ``users.json``: every identity issued (name, role, serial, expiry) — never a key;
* ``revoked.json``: serials the server refuses (checked on every call, reloaded on change).

A user's role is the certificate subject's ``OU`` (one of :data:`USER_ROLES`); the name is its
``CN``. The appliance's fingerprint is the SHA-256 of the server certificate's DER bytes, as
the zeroconf TXT record and the enrolment bundle carry it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, cast

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from ccedge.core.errors import CoreError
from ccedge.core.files import atomic_write

UserRole = Literal["supervisor", "compliance", "admin", "agent"]
USER_ROLES: tuple[UserRole, ...] = ("supervisor", "compliance", "admin", "agent")
# An agent's certificate names, besides the person (CN), the agent label QM stores for their
# calls ("ext 101", the callee's display name), in the subject's userId attribute (RFC 4519
# §2.39): the API filters an agent's quality data by it, never by anything the request says.
AGENT_LABEL_OID = NameOID.USER_ID
BUNDLE_VERSION = 1
DEFAULT_PORT = 7443


class PkiError(CoreError):
    """A certificate, key, bundle or revocation list is missing, unreadable or wrong."""


def pki_dir(data_dir: Path) -> Path:
    return data_dir / "pki"


@dataclass(frozen=True, slots=True)
class PkiPaths:
    """Where the appliance keeps its certificates (see the module docstring)."""

    root: Path

    @classmethod
    def of(cls, data_dir: Path) -> PkiPaths:
        return cls(pki_dir(data_dir))

    @property
    def ca_cert(self) -> Path:
        return self.root / "ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.root / "ca.key"

    @property
    def server_cert(self) -> Path:
        return self.root / "server.pem"

    @property
    def server_key(self) -> Path:
        return self.root / "server.key"

    @property
    def users(self) -> Path:
        return self.root / "users.json"

    @property
    def revoked(self) -> Path:
        return self.root / "revoked.json"

    def exists(self) -> bool:
        return all(p.is_file() for p in (self.ca_cert, self.server_cert, self.server_key))


def load_cert(pem: bytes) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(pem)
    except ValueError as e:
        raise PkiError("not a PEM certificate") from e


def read_cert(path: Path) -> x509.Certificate:
    try:
        return load_cert(path.read_bytes())
    except OSError as e:
        raise PkiError(f"cannot read certificate {path.name}: {e.strerror}") from e


def fingerprint(cert: x509.Certificate | bytes) -> str:
    """SHA-256 of the certificate's DER encoding, lower-case hex (64 characters)."""
    if isinstance(cert, bytes):
        cert = load_cert(cert)
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def normalise_fingerprint(text: str) -> str:
    return text.replace(":", "").strip().lower()


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a client certificate says its holder is."""

    name: str
    role: UserRole
    serial: str  # hex
    not_after: float  # epoch seconds
    agent: str = ""  # the agent label (role "agent" only)


def _attr(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def identity_of(cert: x509.Certificate | bytes) -> Identity:
    """The name (CN) and role (OU) of a client certificate; PkiError when the role is unknown."""
    if isinstance(cert, bytes):
        cert = load_cert(cert)
    role = _attr(cert, NameOID.ORGANIZATIONAL_UNIT_NAME)
    if role not in USER_ROLES:
        raise PkiError("client certificate carries no known role")
    agent = _attr(cert, AGENT_LABEL_OID)
    if role == "agent" and not agent:
        raise PkiError("agent certificate carries no agent label")
    return Identity(
        name=_attr(cert, NameOID.COMMON_NAME),
        role=cast(UserRole, role),
        serial=format(cert.serial_number, "x"),
        not_after=cert.not_valid_after_utc.timestamp(),
        agent=agent if role == "agent" else "",
    )


def days_left(cert: x509.Certificate, now: dt.datetime | None = None) -> float:
    now = now or dt.datetime.now(dt.UTC)
    return (cert.not_valid_after_utc - now).total_seconds() / 86400.0


class RevocationList:
    """Serials the server refuses; re-read when ``revoked.json`` changes (mtime + size)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._serials: frozenset[str] = frozenset()

    def serials(self) -> frozenset[str]:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._stamp, self._serials = None, frozenset()
            return self._serials
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp != self._stamp:
            self._serials = frozenset(e["serial"] for e in read_json_list(self.path))
            self._stamp = stamp
        return self._serials

    def is_revoked(self, serial: str) -> bool:
        return serial.lower() in self.serials()


def read_json_list(path: Path) -> list[dict[str, Any]]:
    """A JSON list of objects (users.json, revoked.json); [] when the file does not exist."""
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as e:
        raise PkiError(f"{path.name} is unreadable: {e.__class__.__name__}") from e
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise PkiError(f"{path.name} is not a list of records")
    return data


def revoke_serials(paths: PkiPaths, name: str, reason: str) -> list[str]:
    """Mark every live certificate of ``name`` revoked (users.json + revoked.json); the serials.

    Shared by ``ccedge revoke`` and the API's RevokeUser; the caller writes the audit record.
    """
    known = read_json_list(paths.users)
    serials = [u["serial"] for u in known if u.get("name") == name and not u.get("revoked")]
    if not serials:
        return []
    for u in known:
        if u["serial"] in serials:
            u["revoked"] = True
    revoked = read_json_list(paths.revoked)
    revoked += [{"serial": s, "name": name, "wall": time.time(), "reason": reason[:80]} for s in serials]
    atomic_write(paths.revoked, json.dumps(revoked, indent=1).encode())
    atomic_write(paths.users, json.dumps(known, indent=1).encode())
    return serials


@dataclass(frozen=True, slots=True)
class Bundle:
    """One person's client identity: key, certificate, the CA, and where the appliance is.

    Written as one JSON file, mode 0600 (it holds a private key). ``fingerprint`` is the
    appliance's server certificate fingerprint at enrolment: discovery refuses an appliance
    that advertises another.
    """

    name: str
    role: UserRole
    key_pem: str
    cert_pem: str
    ca_pem: str
    address: str
    port: int
    fingerprint: str
    site: str = ""
    server_name: str = ""  # a name in the server certificate, for TLS name checks
    version: int = BUNDLE_VERSION

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), indent=1).encode()

    def save(self, path: Path) -> None:
        atomic_write(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> Bundle:
        try:
            raw = json.loads(path.read_bytes())
        except OSError as e:
            raise PkiError(f"cannot read bundle {path}: {e.strerror}") from e
        except ValueError as e:
            raise PkiError(f"{path} is not an enrolment bundle (not JSON)") from e
        if not isinstance(raw, dict) or raw.get("version") != BUNDLE_VERSION:
            raise PkiError(f"{path} is not a version-{BUNDLE_VERSION} enrolment bundle")
        try:
            bundle = cls(**raw)
        except TypeError as e:
            raise PkiError(f"{path} is missing bundle fields") from e
        if bundle.role not in USER_ROLES:
            raise PkiError(f"{path} names an unknown role")
        return bundle


__all__ = [
    "AGENT_LABEL_OID",
    "DEFAULT_PORT", "USER_ROLES", "Bundle", "Identity", "PkiError", "PkiPaths", "RevocationList",
    "UserRole", "days_left", "fingerprint", "identity_of", "load_cert", "normalise_fingerprint",
    "pki_dir", "read_cert", "read_json_list", "revoke_serials",
]
