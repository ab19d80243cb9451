"""The ClientHello gate in front of the gRPC server, over real sockets and real TLS: TLS 1.2 with a
valid enrolled certificate is refused (alert, counted, audited), TLS 1.3 is what an admitted
connection negotiates, the real peer is known behind the splice, bounds hold."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import ssl
import subprocess
from pathlib import Path
from typing import Any

import grpc
import pytest

from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as app_pb
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2_grpc as app_grpc
from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
from ccedge.rpc.api.calls.v1 import calls_service_pb2_grpc as calls_grpc
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2 as rec_pb
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2_grpc as rec_grpc
from ccedge.rpc.client import channel


def _trail(data_dir: Path) -> list[dict[str, Any]]:
    path = Path(data_dir) / "audit" / "access.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def _context(b: Any, tmp: Path, maximum: ssl.TLSVersion | None = None, cert: bool = True) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cadata=b.ca_pem)
    if cert:
        (tmp / "c.pem").write_text(b.cert_pem)
        (tmp / "k.pem").write_text(b.key_pem)
        ctx.load_cert_chain(tmp / "c.pem", tmp / "k.pem")
    if maximum is not None:
        ctx.maximum_version = maximum
    ctx.set_alpn_protocols(["h2"])
    return ctx


async def _until(cond: Any, limit_s: float = 10.0) -> None:
    """Poll a condition the gate's tasks change (no event to wait on), bounded."""
    loop = asyncio.get_running_loop()
    end = loop.time() + limit_s
    while not cond():
        if loop.time() > end:
            raise TimeoutError("condition not met within the bound")
        await asyncio.sleep(0.02)


def test_tls12_with_a_valid_certificate_is_refused_counted_and_audited(pki: Any, serve: Any, arun: Any,
                                                                       tmp_path: Path) -> None:
    b = pki.bundles["compliance"]
    ctx = _context(b, tmp_path, ssl.TLSVersion.TLSv1_2)
    before = len(_trail(pki.data_dir))

    async def main() -> tuple[str, dict[str, int]]:
        async with serve(pki.data_dir) as server:
            def probe() -> str:
                try:
                    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw, \
                            ctx.wrap_socket(raw, server_hostname=b.server_name) as tls:
                        return f"connected {tls.version()}"
                except ssl.SSLError as e:
                    return str(e.reason)
            outcome = await asyncio.to_thread(probe)
            await _until(lambda: len(_trail(pki.data_dir)) > before)
            async with channel(pki.bundles["admin"], port=server.port) as ch:
                apps = app_grpc.ApplianceServiceStub(ch)
                health = await apps.GetHealth(app_pb.GetHealthRequest(), timeout=5)
            return outcome, dict(health.metrics.api_refused)

    outcome, refused = arun(main())
    assert outcome == "TLSV1_ALERT_PROTOCOL_VERSION"
    assert refused == {"offers TLS 1.2 or older (no supported_versions)": 1}  # as GetHealth reports it
    new = _trail(pki.data_dir)[before:]
    assert [(r["action"], r["actor"], r["target"], r["outcome"]) for r in new] == [
        ("tls-handshake", "-", "api@127.0.0.1", "denied")]
    assert new[0]["reason"] == "offers TLS 1.2 or older (no supported_versions)"


def test_tls13_is_negotiated_and_the_real_peer_is_known(pki: Any, serve: Any, arun: Any,
                                                        tmp_path: Path) -> None:
    b = pki.bundles["supervisor"]
    ctx = _context(b, tmp_path)

    async def main() -> tuple[str, int, dict[int, tuple[str, int]], str, str]:
        async with serve(pki.data_dir) as server:
            raw = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            tls = await asyncio.to_thread(ctx.wrap_socket, raw, server_hostname=b.server_name)
            try:
                await _until(lambda: server.gate.connections())
                conns = server.gate.connections()
                splice = next(iter(conns))
                real = server.gate.client_of(f"ipv4:127.0.0.1:{splice}")
                unknown = server.gate.client_of("ipv4:10.9.8.7:4242")
                return str(tls.version()), tls.getsockname()[1], conns, real, unknown
            finally:
                tls.close()

    version, client_port, conns, real, unknown = arun(main())
    assert version == "TLSv1.3"
    assert list(conns.values()) == [("127.0.0.1", client_port)]
    assert real == f"ipv4:127.0.0.1:{client_port}" and unknown == "ipv4:10.9.8.7:4242"


def test_streams_and_denials_name_the_real_client(pki: Any, serve: Any, arun: Any) -> None:
    before = len(_trail(pki.data_dir))

    async def main() -> tuple[list[str], list[tuple[str, int]]]:
        async with serve(pki.data_dir) as server, channel(pki.bundles["supervisor"], port=server.port) as ch:
            stream = calls_grpc.CallsServiceStub(ch).WatchCalls(calls_pb.WatchCallsRequest())
            read = asyncio.ensure_future(stream.read())
            await _until(lambda: server.ctx.streams == 1)
            peers = list(server.ctx.streams_by_peer)
            clients = list(server.gate.connections().values())
            with pytest.raises(grpc.aio.AioRpcError) as denied:
                await rec_grpc.RecordingsServiceStub(ch).SearchRecordings(
                    rec_pb.SearchRecordingsRequest(), timeout=5)
            assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
            read.cancel()
            await asyncio.gather(read, return_exceptions=True)
            await _until(lambda: server.ctx.streams == 0)
            return peers, clients

    peers, clients = arun(main())
    assert len(clients) == 1 and peers == [f"ipv4:{clients[0][0]}:{clients[0][1]}"]
    denial = _trail(pki.data_dir)[before:]
    assert [(r["actor"], r["target"]) for r in denial] == [("supervisor-user", f"api@{peers[0]}")]


def test_a_client_that_goes_away_frees_its_splice(pki: Any, serve: Any, arun: Any, tmp_path: Path) -> None:
    """An admitted mTLS connection that speaks HTTP/2 and then vanishes (socket closed, as when a
    console process exits): both splice tasks end and the peer mapping is dropped, server still up."""
    b = pki.bundles["supervisor"]
    ctx = _context(b, tmp_path)

    async def main() -> tuple[int, int, int]:
        async with serve(pki.data_dir) as server:
            raw = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            tls = await asyncio.to_thread(ctx.wrap_socket, raw, server_hostname=b.server_name)
            preface = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0])  # + SETTINGS
            await asyncio.to_thread(tls.sendall, preface)
            assert (await asyncio.to_thread(tls.recv, 100))[3:4] == b"\x04"  # the server's SETTINGS
            during = server.gate.open_connections
            raw.close()
            tls.close()
            await _until(lambda: server.gate.open_connections == 0)
            return during, server.gate.admitted, len(server.gate.connections())

    during, admitted, mapped = arun(main())
    assert (during, admitted, mapped) == (1, 1, 0)


def test_tls13_without_a_certificate_fails_the_handshake(pki: Any, serve: Any, arun: Any,
                                                          tmp_path: Path) -> None:
    """Admitted by the gate (it offers 1.3), refused by the gRPC server's TLS: no HTTP/2 byte comes
    back, whereas the same client with its certificate gets the server's SETTINGS frame."""
    b = pki.bundles["supervisor"]
    without, with_cert = _context(b, tmp_path, cert=False), _context(b, tmp_path)

    async def main() -> tuple[str, str]:
        async with serve(pki.data_dir) as server:
            def probe(ctx: ssl.SSLContext) -> str:
                try:
                    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw, \
                            ctx.wrap_socket(raw, server_hostname=b.server_name) as tls:
                        # TLS 1.3: the server's verdict on the client certificate follows the handshake
                        tls.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
                        return "settings" if tls.recv(100)[3:4] == b"\x04" else "closed"
                except ssl.SSLError as e:
                    return str(e.reason)
                except OSError as e:
                    return type(e).__name__
            return await asyncio.to_thread(probe, without), await asyncio.to_thread(probe, with_cert)

    refused, admitted = arun(main())
    assert refused in ("closed", "TLSV13_ALERT_CERTIFICATE_REQUIRED", "ConnectionResetError")
    assert admitted == "settings"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl command not installed")
def test_openssl_s_client_tls12_is_refused(pki: Any, serve: Any, arun: Any, tmp_path: Path) -> None:
    b = pki.bundles["compliance"]
    (tmp_path / "c.pem").write_text(b.cert_pem)
    (tmp_path / "k.pem").write_text(b.key_pem)
    (tmp_path / "ca.pem").write_text(b.ca_pem)

    async def main() -> tuple[int, str, dict[str, int]]:
        async with serve(pki.data_dir) as server:
            def s_client(*version: str) -> subprocess.CompletedProcess[str]:
                return subprocess.run(
                    ["openssl", "s_client", *version, "-connect", f"127.0.0.1:{server.port}",
                     "-cert", str(tmp_path / "c.pem"), "-key", str(tmp_path / "k.pem"),
                     "-CAfile", str(tmp_path / "ca.pem"), "-servername", b.server_name],
                    input="", capture_output=True, text=True, timeout=20)
            old = await asyncio.to_thread(s_client, "-tls1_2")
            new = await asyncio.to_thread(s_client, "-tls1_3")
            return old.returncode, old.stderr + old.stdout, new.stdout, dict(server.gate.refused)

    code, old, new, refused = arun(main())
    assert code != 0 and "protocol version" in old
    assert "TLSv1.3" in new
    assert sum(refused.values()) == 1


@pytest.mark.parametrize(("payload", "reason"), [
    (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "not a TLS handshake (plaintext or another protocol)"),
    (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "not a TLS handshake (plaintext or another protocol)"),
    (bytes([0x80, 0x2E, 0x01, 0x00, 0x02, 0x00, 0x15]), "SSL 2.0-style hello"),
    (bytes([22, 3, 1, 2, 0, 1, 0, 1, 0xFC, 3, 3]), "truncated ClientHello"),  # then the client closes
    (b"", "closed before sending anything"),
])
def test_not_tls13_is_closed_and_counted(pki: Any, serve: Any, arun: Any, payload: bytes,
                                         reason: str) -> None:
    async def main() -> tuple[bytes, dict[str, int], int]:
        async with serve(pki.data_dir) as server:
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(payload)
            await writer.drain()
            writer.write_eof()
            got = await asyncio.wait_for(reader.read(), 10)
            writer.close()
            await _until(lambda: server.gate.open_connections == 0)
            return got, dict(server.gate.refused), server.gate.admitted

    got, refused, admitted = arun(main())
    assert got == b"" and refused == {reason: 1} and admitted == 0


def test_a_silent_client_is_dropped_at_the_deadline(pki: Any, serve: Any, arun: Any) -> None:
    async def main() -> tuple[bytes, dict[str, int]]:
        async with serve(pki.data_dir, hello_timeout_s=0.5) as server:
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(bytes([22, 3, 1]))  # a slow loris: three bytes, then nothing
            got = await asyncio.wait_for(reader.read(), 10)
            writer.close()
            return got, dict(server.gate.refused)

    got, refused = arun(main())
    assert got == b"" and refused == {"no complete ClientHello within 0.5 s": 1}


def test_connection_cap_closes_newcomers_and_keeps_established(pki: Any, serve: Any, arun: Any) -> None:
    async def main() -> tuple[bytes, dict[str, int], str]:
        async with serve(pki.data_dir, max_connections=2) as server:
            held = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(2)]
            await _until(lambda: server.gate.open_connections == 2)
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            try:
                got = await asyncio.wait_for(reader.read(), 10)
            except ConnectionResetError:
                got = b""
            writer.close()
            refused = dict(server.gate.refused)
            for _, w in held:
                w.close()
            await _until(lambda: server.gate.open_connections == 0)
            async with channel(pki.bundles["admin"], port=server.port) as ch:
                who = await app_grpc.ApplianceServiceStub(ch).WhoAmI(app_pb.WhoAmIRequest(), timeout=5)
            return got, refused, who.name

    got, refused, name = arun(main())
    assert got == b"" and refused == {"connection limit": 1} and name == "admin-user"
