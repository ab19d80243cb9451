"""``ccedge console [--host H] [--identity BUNDLE]``: the supervisor and compliance console.

Registered through the ``ccedge.commands`` entry-point group (the core CLI never imports it).
Without ``--host`` it finds the appliance by zeroconf, pinning the enrolled fingerprint.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

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


def run(args: argparse.Namespace) -> int:
    from ccedge.tui.app import ConsoleApp
    from ccedge.tui.client import ConsoleError
    from ccedge.tui.discovery import find
    from ccedge.tui.grpc_client import GrpcClient
    from ccedge.tui.identity import Endpoint, load_bundle

    try:
        endpoint = load_bundle(args.identity)
    except ConsoleError as e:
        print(f"ccedge console: {e}", file=sys.stderr)
        return 2
    if args.host:
        host, _, port = args.host.rpartition(":") if args.host.count(":") == 1 else (args.host, "", "")
        endpoint = endpoint.at(host or args.host, int(port) if port else endpoint.port)

        def connect() -> GrpcClient:
            return GrpcClient(endpoint)
    else:
        async def locate() -> Endpoint:
            advert = await find(endpoint.fingerprint, args.discover_seconds, args.interface)
            return endpoint.at(advert.host, advert.port)

        def connect() -> GrpcClient:
            return GrpcClient(locate)

    ConsoleApp(connect).run()
    return 0
