"""``ccedge console [--host H] [--identity BUNDLE]``: the supervisor and compliance console.

Registered through the ``ccedge.commands`` entry-point group (the core CLI never imports it).
Without ``--host`` it finds the appliance by zeroconf, pinning the enrolled fingerprint.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # gRPC, zeroconf and Textual load only when the console runs, not for every verb
    from ccedge.tui.grpc_client import GrpcClient
    from ccedge.tui.identity import Endpoint

DEFAULT_IDENTITY = "~/.config/ccedge/identity.json"


def register(sub: Any) -> None:
    p = sub.add_parser("console", help="the supervisor / compliance console (Textual, over the gRPC API)",
                       description=__doc__)
    p.add_argument("--host", help="appliance address (HOST or HOST:PORT); default: discover by zeroconf")
    p.add_argument("--identity", type=Path,
                   default=Path(os.environ.get("CCEDGE_IDENTITY", DEFAULT_IDENTITY)).expanduser(),
                   help="identity bundle from `ccedge enroll` "
                        f"(default $CCEDGE_IDENTITY or {DEFAULT_IDENTITY})")
    p.add_argument("--discover-seconds", type=float, default=3.0, help="how long to browse the LAN")
    p.add_argument("--interface", action="append",
                   help="address of an interface to browse on (repeatable; default: all)")
    p.set_defaults(func=run)


def connector(endpoint: Endpoint, host: str | None = None, discover_seconds: float = 3.0,
              interfaces: list[str] | None = None) -> Callable[[], GrpcClient]:
    """A factory of clients: to ``host`` when given, else to the appliance discovery finds."""
    from ccedge.rpc.discovery import DiscoveryError, FingerprintMismatch, discover
    from ccedge.tui.client import CertificateRefused, NoApplianceFound
    from ccedge.tui.grpc_client import GrpcClient

    if host:
        h, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
        fixed = endpoint.at(h or host, int(port) if port else endpoint.port)
        return lambda: GrpcClient(fixed)

    async def locate() -> Endpoint:
        try:
            found = await discover(endpoint.fingerprint, discover_seconds, interfaces)
        except FingerprintMismatch as e:
            raise CertificateRefused(str(e)) from e
        except DiscoveryError as e:
            raise NoApplianceFound(str(e)) from e
        v4 = [a for a in found.addresses if ":" not in a]
        return endpoint.at((v4 or list(found.addresses))[0].split("%")[0], found.port)

    return lambda: GrpcClient(locate)


def run(args: argparse.Namespace) -> int:
    from ccedge.tui.app import ConsoleApp
    from ccedge.tui.client import ConsoleError
    from ccedge.tui.identity import load_endpoint

    try:
        endpoint = load_endpoint(args.identity)
    except ConsoleError as e:
        print(f"ccedge console: {e}", file=sys.stderr)
        return 2
    ConsoleApp(connector(endpoint, args.host, args.discover_seconds, args.interface)).run()
    return 0
