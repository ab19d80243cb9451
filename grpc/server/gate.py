"""The public listener: a ClientHello gate that admits TLS 1.3 clients only, then splices.

grpcio cannot refuse TLS 1.2 (no minimum version on Python server credentials, grpc/grpc#37305),
so the real grpc.aio server listens on 127.0.0.1 with an ephemeral port and this gate owns the
public address (``[api] host``/``port``, 7443). Per connection:

1. read the client's first bytes until :func:`~ccedge.rpc.server.hello.inspect_client_hello`
   decides, at most ``hello_cap`` bytes and ``hello_timeout_s`` seconds;
2. refused (TLS 1.2 or older, SSL 2.0, plaintext, garbage, truncated, too slow): a fatal
   ``protocol_version`` alert (RFC 8446 §6.2, 70) when it was a well-formed ClientHello, else a
   plain close; counted per reason, one log line (never payload bytes); a TLS client refused for
   its version is written to the audit trail like the interceptor's denials;
3. admitted: connect to the gRPC server, send the buffered ClientHello, then copy bytes both ways
   unchanged. TLS runs end to end between the client and the gRPC server (the gate never holds a
   key), so mutual TLS, the auth context and the role interceptor work as before, and the version
   negotiated is 1.3 (the client offers it and BoringSSL picks the highest common version).

Bounds: StreamReader/StreamWriter with ``drain`` (≤ ~64 KiB in flight per direction), no queues;
when either side closes or fails both are closed and both copy tasks end. At most
``max_connections`` connections at once; **policy when full: the newcomer is closed at once**
(counted, logged) and established consoles are never evicted.

The gRPC server sees every connection as 127.0.0.1:<the splice's source port>; ``client_of``
maps that back to the real client so streams and audit records name the real peer.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import socket
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from ccedge.rpc.server.hello import DEFAULT_CAP, MAX_RECORDS, Hello, inspect_client_hello

log = logging.getLogger("ccedge.rpc")

# RFC 8446 §6: TLSPlaintext(alert, legacy 0x0303, length 2) + AlertLevel fatal(2), protocol_version(70)
PROTOCOL_VERSION_ALERT = bytes([21, 3, 3, 0, 2, 2, 70])
CHUNK = 64 * 1024
BACKEND_HOST = "127.0.0.1"

Refused = Callable[[str, str], Awaitable[None]]  # (client address, reason)


def _address(sockname: object) -> tuple[str, int]:
    """(host, port) of a socket address; IPv4-mapped IPv6 addresses as plain IPv4."""
    if not isinstance(sockname, tuple) or len(sockname) < 2:
        return "?", 0
    host, port = str(sockname[0]), int(sockname[1])
    with contextlib.suppress(ValueError):
        ip = ipaddress.ip_address(host.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            host = str(ip.ipv4_mapped)
    return host, port


async def _close(writer: asyncio.StreamWriter, grace_s: float = 1.0) -> None:
    """Close after flushing what is buffered (a TLS alert, the last records), but never wait more
    than ``grace_s`` on a peer that does not read: then drop the connection."""
    writer.close()
    try:
        async with asyncio.timeout(grace_s):
            await writer.wait_closed()
    except (OSError, TimeoutError):
        writer.transport.abort()


def grpc_peer(host: str, port: int) -> str:
    """The address in grpcio's ``context.peer()`` format (``ipv4:h:p`` / ``ipv6:[h]:p``)."""
    return f"ipv6:[{host}]:{port}" if ":" in host else f"ipv4:{host}:{port}"


def listen_socket(host: str, port: int) -> socket.socket:
    """The public socket, bound (not yet listening). ``::`` (the default): one dual-stack socket,
    as grpcio binds it. Bound before the loopback server behind the gate takes its ephemeral
    port, so that port can never be the public one (seen once as an exit at start in tests)."""
    if host not in ("::", ""):
        family, kind, proto, _name, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                              flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except OSError:
            sock.close()
            raise
        return sock
    try:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    except OSError:  # no IPv6 on this box: every IPv4 address
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("0.0.0.0", port))
        return sock
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("::", port))
    return sock


class TlsGate:
    """Own the public port; ``await start(host, port)`` → the port bound; ``await stop()``."""

    def __init__(self, backend_port: int, *, max_connections: int = 512, hello_timeout_s: float = 10.0,
                 hello_cap: int = DEFAULT_CAP, on_refused: Refused | None = None) -> None:
        self.backend_port = backend_port
        self.max_connections = max_connections
        self.hello_timeout_s = hello_timeout_s
        self.hello_cap = hello_cap
        self.on_refused = on_refused
        self.port = 0
        self.admitted = 0
        self.refused: Counter[str] = Counter()  # reason → count (incl. "connection limit")
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._clients: dict[int, tuple[str, int]] = {}  # splice source port → real client

    @property
    def open_connections(self) -> int:
        return len(self._tasks)

    def connections(self) -> dict[int, tuple[str, int]]:
        """A snapshot: the splice's loopback source port → the real client (host, port)."""
        return dict(self._clients)

    def client_of(self, peer: str) -> str:
        """The real client behind a gRPC ``context.peer()``; ``peer`` itself when not spliced here."""
        if not peer.startswith(f"ipv4:{BACKEND_HOST}:"):
            return peer
        try:
            port = int(peer.rsplit(":", 1)[1])
        except ValueError:
            return peer
        client = self._clients.get(port)
        return grpc_peer(*client) if client else peer

    async def start(self, host: str, port: int, sock: socket.socket | None = None) -> int:
        """Serve on ``sock`` (from :func:`listen_socket`) or on a socket bound now."""
        if sock is None:
            sock = listen_socket(host, port)
        server = await asyncio.start_server(self._handle, sock=sock, backlog=128, limit=CHUNK)
        self._server = server
        self.port = int(server.sockets[0].getsockname()[1])
        return self.port

    async def stop_listening(self) -> None:
        if self._server is not None:
            self._server.close()

    async def stop(self) -> None:
        """Stop listening, then end every connection (both directions) and await its task."""
        await self.stop_listening()
        tasks = list(self._tasks)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._server is not None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(2.0):
                    await self._server.wait_closed()
            self._server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client = _address(writer.get_extra_info("peername"))
        if len(self._tasks) >= self.max_connections:
            self.refused["connection limit"] += 1
            log.warning("API gate: refused %s: %d connections already open", client[0], len(self._tasks))
            writer.transport.abort()
            return
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await self._serve(client, reader, writer)
        except (OSError, asyncio.IncompleteReadError) as e:
            log.debug("API gate: connection from %s ended: %s", client[0], e)
        except asyncio.CancelledError:
            # stop(): end quietly. asyncio's stream server asks a finished handler task for its
            # exception, which raises (and logs a traceback) when the task ended cancelled.
            pass
        finally:
            self._tasks.discard(task)
            await _close(writer)

    async def _read_hello(self, reader: asyncio.StreamReader) -> tuple[Hello, bytes]:
        buf = b""
        try:
            async with asyncio.timeout(self.hello_timeout_s):
                while True:
                    verdict = inspect_client_hello(buf, self.hello_cap)
                    if verdict.verdict != "more":
                        return verdict, buf
                    want = max(verdict.need, len(buf) + 1)
                    if want > self.hello_cap + 5 * MAX_RECORDS:  # fragments + their record headers
                        return Hello("refuse", "ClientHello larger than the gate's bound"), buf
                    try:
                        buf += await reader.readexactly(want - len(buf))
                    except asyncio.IncompleteReadError as e:
                        buf += e.partial
                        why = "closed before sending anything" if not buf else "truncated ClientHello"
                        return Hello("refuse", why), buf
        except TimeoutError:
            return Hello("refuse", f"no complete ClientHello within {self.hello_timeout_s:g} s"), buf

    async def _serve(self, client: tuple[str, int], reader: asyncio.StreamReader,
                     writer: asyncio.StreamWriter) -> None:
        hello, buf = await self._read_hello(reader)
        if hello.verdict != "admit":
            self.refused[hello.reason] += 1
            log.info("API gate: refused %s: %s", client[0], hello.reason)
            if hello.tls:
                writer.write(PROTOCOL_VERSION_ALERT)
                with contextlib.suppress(OSError, TimeoutError):
                    async with asyncio.timeout(1.0):
                        await writer.drain()
                if self.on_refused is not None:
                    await self.on_refused(client[0], hello.reason)
            return
        up_reader, up_writer = await asyncio.open_connection(BACKEND_HOST, self.backend_port, limit=CHUNK)
        local = _address(up_writer.get_extra_info("sockname"))[1]
        self._clients[local] = client  # before the first byte: no RPC can precede the mapping
        self.admitted += 1
        try:
            up_writer.write(buf)
            await up_writer.drain()
            await self._splice(reader, writer, up_reader, up_writer)
        finally:
            self._clients.pop(local, None)
            await _close(up_writer)

    @staticmethod
    async def _splice(c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter,
                      s_reader: asyncio.StreamReader, s_writer: asyncio.StreamWriter) -> None:
        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            while data := await src.read(CHUNK):
                dst.write(data)
                await dst.drain()

        tasks = [asyncio.create_task(pump(c_reader, s_writer)), asyncio.create_task(pump(s_reader, c_writer))]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


__all__ = ["PROTOCOL_VERSION_ALERT", "TlsGate", "grpc_peer"]
