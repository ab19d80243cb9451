"""The console's side of the API: a mutual-TLS channel from an enrolment bundle.

``ccedge.tui`` uses this, ``ccedge.rpc.discovery`` and the stubs under ``ccedge.rpc.api``; none
of them imports ``ccedge.core`` (the console's import contract), so the bundle *reader* is
here. The bundle's writer and its format are ``ccedge.core.pki.Bundle`` (``ccedge enroll``);
``tests/rpc/test_provisioning.py`` checks that the two agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

import grpc

BUNDLE_VERSION = 1


class BundleError(ValueError):
    """The enrolment bundle is missing, unreadable or of another version (one line)."""


@dataclass(frozen=True, slots=True)
class Bundle:
    """One person's identity and where their appliance is (see ``ccedge.core.pki.Bundle``)."""

    name: str
    role: str
    key_pem: str
    cert_pem: str
    ca_pem: str
    address: str
    port: int
    fingerprint: str
    site: str = ""
    server_name: str = ""
    version: int = BUNDLE_VERSION

    @classmethod
    def load(cls, path: Path) -> Bundle:
        try:
            raw = json.loads(path.read_bytes())
        except OSError as e:
            raise BundleError(f"cannot read bundle {path}: {e.strerror}") from e
        except ValueError as e:
            raise BundleError(f"{path} is not an enrolment bundle (not JSON)") from e
        if not isinstance(raw, dict) or raw.get("version") != BUNDLE_VERSION:
            raise BundleError(f"{path} is not a version-{BUNDLE_VERSION} enrolment bundle")
        names = {f.name for f in fields(cls)}
        try:
            return cls(**{k: v for k, v in raw.items() if k in names})
        except TypeError as e:
            raise BundleError(f"{path} is missing bundle fields") from e

KEEPALIVE_MS = 30_000


def credentials(bundle: Bundle) -> grpc.ChannelCredentials:
    return grpc.ssl_channel_credentials(root_certificates=bundle.ca_pem.encode(),
                                        private_key=bundle.key_pem.encode(),
                                        certificate_chain=bundle.cert_pem.encode())


def channel(bundle: Bundle | Path | object, address: str | None = None, port: int | None = None,
            options: list[tuple[str, int | str]] | None = None) -> grpc.aio.Channel:
    """An aio channel to the appliance the bundle was enrolled with (or ``address``/``port``).

    The server's certificate must chain to the bundle's CA and name ``bundle.server_name``
    (the name is checked instead of the address, so a box reached through NAT still verifies).
    """
    if isinstance(bundle, Path):
        bundle = Bundle.load(bundle)
    elif not isinstance(bundle, Bundle):  # the writer's type (same fields), e.g. in tests
        bundle = Bundle(**{f.name: getattr(bundle, f.name) for f in fields(Bundle)})
    host = address or bundle.address
    target = f"[{host}]:{port or bundle.port}" if ":" in host else f"{host}:{port or bundle.port}"
    opts: list[tuple[str, int | str]] = [
        ("grpc.keepalive_time_ms", KEEPALIVE_MS), ("grpc.keepalive_timeout_ms", 10_000),
        ("grpc.keepalive_permit_without_calls", 0),
    ]
    if bundle.server_name:
        opts.append(("grpc.ssl_target_name_override", bundle.server_name))
    return grpc.aio.secure_channel(target, credentials(bundle), options=opts + list(options or ()))


__all__ = ["Bundle", "BundleError", "channel", "credentials"]
