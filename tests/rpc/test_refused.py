"""No certificate, another CA's, an expired or a revoked one: all refused (real TLS sockets)."""

from __future__ import annotations

import json
import socket
import ssl
from pathlib import Path
from typing import Any

import grpc
import pytest

from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as app_pb
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2_grpc as app_grpc
from ccedge.rpc.client import channel


async def whoami(ch: grpc.aio.Channel) -> grpc.StatusCode:
    try:
        await app_grpc.ApplianceServiceStub(ch).WhoAmI(app_pb.WhoAmIRequest(), timeout=3)
    except grpc.aio.AioRpcError as e:
        return e.code()
    return grpc.StatusCode.OK


@pytest.mark.parametrize("which", ["foreign", "expired"])
def test_bad_certificates_never_pass_the_handshake(pki: Any, serve: Any, arun: Any, which: str) -> None:
    async def main() -> grpc.StatusCode:
        async with serve(pki.data_dir) as server, channel(pki.bundles[which], port=server.port) as ch:
            return await whoami(ch)

    assert arun(main()) == grpc.StatusCode.UNAVAILABLE


def test_no_client_certificate_is_refused(pki: Any, serve: Any, arun: Any) -> None:
    b = pki.bundles["supervisor"]

    async def main() -> grpc.StatusCode:
        async with serve(pki.data_dir) as server:
            creds = grpc.ssl_channel_credentials(root_certificates=b.ca_pem.encode())
            opts = [("grpc.ssl_target_name_override", b.server_name)]
            async with grpc.aio.secure_channel(f"127.0.0.1:{server.port}", creds, options=opts) as ch:
                return await whoami(ch)

    assert arun(main()) == grpc.StatusCode.UNAVAILABLE


def test_plaintext_is_refused(pki: Any, serve: Any, arun: Any) -> None:
    async def main() -> grpc.StatusCode:
        async with serve(pki.data_dir) as server, grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as ch:
            return await whoami(ch)

    assert arun(main()) == grpc.StatusCode.UNAVAILABLE


def test_revoked_certificate_is_refused_and_audited(pki: Any, serve: Any, arun: Any) -> None:
    trail = Path(pki.data_dir) / "audit" / "access.jsonl"
    before = len(trail.read_text().splitlines())

    async def main() -> tuple[grpc.StatusCode, str]:
        async with serve(pki.data_dir) as server, channel(pki.bundles["revoked"], port=server.port) as ch:
            try:
                await app_grpc.ApplianceServiceStub(ch).WhoAmI(app_pb.WhoAmIRequest(), timeout=3)
            except grpc.aio.AioRpcError as e:
                return e.code(), e.details() or ""
        return grpc.StatusCode.OK, ""

    code, details = arun(main())
    assert code == grpc.StatusCode.UNAUTHENTICATED and details == "client certificate revoked"
    new = [json.loads(x) for x in trail.read_text().splitlines()[before:]]
    assert [(r["actor"], r["outcome"]) for r in new] == [("gone-user", "denied")]


def test_tls13_is_negotiated_and_client_certificate_requested(pki: Any, serve: Any, arun: Any,
                                                              tmp_path: Path) -> None:
    b = pki.bundles["supervisor"]
    (tmp_path / "c.pem").write_text(b.cert_pem)
    (tmp_path / "k.pem").write_text(b.key_pem)

    async def main() -> str:
        import asyncio

        async with serve(pki.data_dir) as server:
            def probe() -> str:
                ctx = ssl.create_default_context(cadata=b.ca_pem)
                ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
                ctx.set_alpn_protocols(["h2"])
                with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw, \
                        ctx.wrap_socket(raw, server_hostname=b.server_name) as tls:
                    return str(tls.version())
            return await asyncio.to_thread(probe)

    assert arun(main()) == "TLSv1.3"
