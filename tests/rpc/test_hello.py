"""The ClientHello parser on real ClientHellos (Python ssl at TLS 1.2 and 1.3, a grpcio channel),
captured live from the clients here, and fuzzed with hypothesis (never raises, any bytes)."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
import time
from typing import Any

import grpc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.rpc.server.hello import Hello, inspect_client_hello


def _read_hello(conn: socket.socket) -> bytes:
    conn.settimeout(5)
    buf = b""
    while inspect_client_hello(buf).verdict == "more":
        chunk = conn.recv(65536)
        if not chunk:
            break
        buf += chunk
    return buf


def capture_ssl(maximum: ssl.TLSVersion) -> bytes:
    """The first flight of a Python ssl client limited to ``maximum`` (its handshake then fails)."""
    with socket.create_server(("127.0.0.1", 0)) as srv:
        port = srv.getsockname()[1]

        def client() -> None:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            ctx.maximum_version = maximum
            ctx.set_alpn_protocols(["h2"])
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
                        ctx.wrap_socket(raw, server_hostname="appliance.local"):
                    pass
            except (OSError, ssl.SSLError):
                pass

        t = threading.Thread(target=client, daemon=True)
        t.start()
        conn, _ = srv.accept()
        with conn:
            data = _read_hello(conn)
        t.join(10)
        return data


def capture_grpc() -> bytes:
    """The first flight of a grpcio TLS channel (the console's transport)."""
    async def main() -> bytes:
        got: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            buf = b""
            while inspect_client_hello(buf).verdict == "more":
                chunk = await reader.read(65536)
                if not chunk:
                    break
                buf += chunk
            if not got.done():
                got.set_result(buf)
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        creds = grpc.ssl_channel_credentials()
        async with grpc.aio.secure_channel(f"127.0.0.1:{port}", creds) as ch:
            try:
                await asyncio.wait_for(ch.channel_ready(), 3)
            except TimeoutError:
                pass
            data = await asyncio.wait_for(got, 10)
        server.close()
        return data

    return asyncio.run(main())


@pytest.fixture(scope="module")
def hellos() -> dict[str, bytes]:
    return {"tls12": capture_ssl(ssl.TLSVersion.TLSv1_2), "tls13": capture_ssl(ssl.TLSVersion.TLSv1_3),
            "grpc": capture_grpc()}


def test_real_client_hellos(hellos: dict[str, bytes]) -> None:
    assert inspect_client_hello(hellos["tls13"]) == Hello("admit", "TLS 1.3 offered", True)
    assert len(hellos["tls13"]) > 100 and len(hellos["grpc"]) > 100
    assert inspect_client_hello(hellos["grpc"]).verdict == "admit"
    refused = inspect_client_hello(hellos["tls12"])
    assert refused.verdict == "refuse" and refused.tls and "TLS 1.2 or older" in refused.reason


@pytest.mark.parametrize("which", ["tls12", "tls13", "grpc"])
def test_every_prefix_asks_for_more(hellos: dict[str, bytes], which: str) -> None:
    """Each proper prefix is ``more``, and ``need`` never asks past the end of the real hello."""
    data = hellos[which]
    for n in range(len(data)):
        verdict = inspect_client_hello(data[:n])
        assert verdict.verdict == "more" and n < verdict.need <= len(data)


def test_hello_split_over_records_and_followed_by_another_record(hellos: dict[str, bytes]) -> None:
    """RFC 8446 §5.1: a handshake message may span records; bytes after it (CCS, early data) are not read."""
    data = hellos["tls13"]
    body = data[5:]
    split = b"".join(bytes([22, 3, 1]) + len(part).to_bytes(2, "big") + part
                     for part in (body[:3], body[3:200], body[200:]))
    assert inspect_client_hello(split).verdict == "admit"
    assert inspect_client_hello(data + bytes([20, 3, 3, 0, 1, 1])).verdict == "admit"
    interleaved = inspect_client_hello(bytes([22, 3, 1, 0, 3]) + body[:3] + bytes([21, 3, 3, 0, 2, 2, 40]))
    assert interleaved.reason == "a record other than handshake before the ClientHello ended"


def test_versions_list_without_tls13_is_refused(hellos: dict[str, bytes]) -> None:
    data = bytearray(hellos["tls13"])
    at = data.find(bytes([0x00, 0x2B]))  # supported_versions: list every 0x0304 as 0x0303
    assert at > 0
    n = data[at + 4]
    for i in range(at + 5, at + 5 + n, 2):
        if data[i:i + 2] == b"\x03\x04":
            data[i:i + 2] = b"\x03\x03"
    assert inspect_client_hello(bytes(data)) == Hello("refuse", "supported_versions lacks TLS 1.3", True)


@pytest.mark.parametrize(("data", "reason"), [
    (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "not a TLS handshake (plaintext or another protocol)"),
    (b"GET / HTTP/1.1\r\n", "not a TLS handshake (plaintext or another protocol)"),
    (bytes([0x80, 0x2E, 0x01, 0x00, 0x02]), "SSL 2.0-style hello"),
    (bytes([22, 3, 1, 0, 0]), "handshake record length out of range"),
    (bytes([22, 3, 1, 0x48, 0x01]), "handshake record length out of range"),
    (bytes([22, 2, 0, 0, 4, 1, 0, 0, 0]), "not a TLS record version"),
    (bytes([22, 3, 1, 0, 4, 2, 0, 0, 0]), "first handshake message is not a ClientHello"),
    (bytes([22, 3, 1, 0, 4, 1, 0, 0, 0]), "truncated ClientHello"),
])
def test_not_a_tls13_hello(data: bytes, reason: str) -> None:
    verdict = inspect_client_hello(data)
    assert (verdict.verdict, verdict.reason) == ("refuse", reason)


def test_oversized_hello_is_refused_not_awaited() -> None:
    assert inspect_client_hello(bytes([22, 3, 1, 0, 4, 1, 0x01, 0, 1]), cap=64 * 1024).verdict == "refuse"


@settings(max_examples=400, deadline=2000)
@given(st.binary(max_size=4096))
def test_fuzz_any_bytes(data: bytes) -> None:
    verdict = inspect_client_hello(data)
    assert verdict.verdict in ("admit", "refuse", "more")


@settings(max_examples=300, deadline=2000)
@given(st.data())
def test_fuzz_mutated_real_hellos(hellos: dict[str, bytes], data: Any) -> None:
    which = data.draw(st.sampled_from(sorted(hellos)))
    buf = bytearray(hellos[which])
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(buf) - 1))
        buf[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(buf)))
    verdict = inspect_client_hello(bytes(buf[:cut]) + data.draw(st.binary(max_size=64)))
    assert verdict.verdict in ("admit", "refuse", "more")
    assert verdict.verdict != "more" or verdict.need > cut


def test_worst_case_input_is_fast() -> None:
    """64 KiB of one-byte handshake records: refused after MAX_RECORDS, not walked to the end."""
    record = bytes([22, 3, 1, 0, 1, 1])
    data = record * (64 * 1024 // len(record))
    t0 = time.perf_counter()
    verdict = inspect_client_hello(data, cap=1 << 24)
    assert (verdict.verdict, verdict.reason) == ("refuse", "ClientHello fragmented into too many records")
    assert time.perf_counter() - t0 < 2.0  # generous: a bound against a quadratic walk, not a benchmark
