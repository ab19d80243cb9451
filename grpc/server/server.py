"""The appliance's gRPC server: grpc.aio, mutual TLS with the appliance CA, one role interceptor.

* Transport: ``ssl_server_credentials(..., require_client_auth=True)`` with the appliance CA as
  the only trust root, so a client without a certificate from that CA (or with an expired one)
  never completes the handshake. grpcio's Python API cannot forbid TLS 1.2, so the gRPC server
  listens on 127.0.0.1 (ephemeral port) and the public ``host``/``port`` belongs to a ClientHello
  gate (``ccedge.rpc.server.gate``) in this process that admits only clients offering TLS 1.3 and
  splices their bytes through unchanged (TLS stays end to end); ``port`` is the gate's.
* Keepalive pings every ``keepalive_s`` (a console that vanished without a FIN is dropped after
  ``keepalive_timeout_s``, which cancels its streams and frees their queues); clients may ping
  no more than every 10 s; at most ``max_streams_per_client`` concurrent streams per connection.
* Health checking (``grpc.health.v1``) and reflection are on; health turns NOT_SERVING first on
  stop, then the server drains for up to ``grace_s``.
"""

from __future__ import annotations

import asyncio
import logging
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from grpc_reflection.v1alpha import reflection

from ccedge.core.access_audit import AccessAudit, open_access_audit
from ccedge.core.bus import EventBus, Subscription
from ccedge.core.pki import PkiError, PkiPaths, RevocationList, fingerprint, read_cert
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2, appliance_service_pb2_grpc
from ccedge.rpc.api.calls.v1 import calls_service_pb2, calls_service_pb2_grpc
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2, guidance_service_pb2_grpc
from ccedge.rpc.api.quality.v1 import quality_service_pb2, quality_service_pb2_grpc
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2, recordings_service_pb2_grpc
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2, transcripts_service_pb2_grpc
from ccedge.rpc.server.appliance import ApplianceServicer
from ccedge.rpc.server.auth import Callers, RoleInterceptor
from ccedge.rpc.server.board import Board
from ccedge.rpc.server.context import ApiContext, ApiSettings
from ccedge.rpc.server.floor import CallsServicer, GuidanceServicer, TranscriptsServicer
from ccedge.rpc.server.gate import BACKEND_HOST, TlsGate, listen_socket
from ccedge.rpc.server.quality import QualityServicer
from ccedge.rpc.server.recordings import RecordingsServicer

log = logging.getLogger("ccedge.rpc")

SERVICE_NAMES = tuple(
    m.DESCRIPTOR.services_by_name[n].full_name for m, n in (
        (calls_service_pb2, "CallsService"), (transcripts_service_pb2, "TranscriptsService"),
        (guidance_service_pb2, "GuidanceService"), (quality_service_pb2, "QualityService"),
        (recordings_service_pb2, "RecordingsService"), (appliance_service_pb2, "ApplianceService"),
    )
)
BOARD_QUEUE = 10_000  # the board only folds events into dicts; a backlog this deep means a stall


def package_version() -> str:
    try:
        return version("ccedge")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def _open_vault(data_dir: Path) -> Any:
    """The data directory's vault, or None (no vault yet, or its keys cannot be unsealed here)."""
    from ccedge.core.vault import Vault, VaultError

    if not Vault.exists(data_dir):
        return None
    try:
        return Vault.open(data_dir)
    except VaultError as e:
        log.warning("the vault did not open (%s): recordings are unavailable over the API", e)
        return None


class ApiServer:
    """Build with the bus and the data directory; ``await start()``, ``await stop()``."""

    def __init__(self, bus: EventBus, data_dir: Path, settings: ApiSettings | None = None,
                 runtime: Any = None, audit: AccessAudit | None = None, grace_s: float = 2.0,
                 vault: Any = None) -> None:
        self.settings = settings or ApiSettings()
        self.paths = PkiPaths.of(data_dir)
        if not self.paths.exists():
            raise PkiError("the appliance has no certificates: run `ccedge init`")
        self.fingerprint = fingerprint(read_cert(self.paths.server_cert))
        self.vault = vault if vault is not None else getattr(runtime, "vault", None) or _open_vault(data_dir)
        self.audit = audit or open_access_audit(data_dir, self.vault)
        self.board = Board()
        self.ctx = ApiContext(
            bus=bus, board=self.board, callers=Callers(RevocationList(self.paths.revoked)),
            audit=self.audit, data_dir=data_dir, settings=self.settings, version=package_version(),
            fingerprint=self.fingerprint, runtime=runtime, vault=self.vault,
        )
        self.gate = TlsGate(0, max_connections=self.settings.max_connections,
                            hello_timeout_s=self.settings.hello_timeout_s, on_refused=self._gate_refused)
        self.ctx.peer_of = self.gate.client_of
        self.ctx.gate_refused = self.gate.refused
        self.interceptor = RoleInterceptor(self.ctx.callers, self.audit, peer_of=self.gate.client_of)
        self.grace_s = grace_s
        self.port = 0  # the public (gate's) port
        self.backend_port = 0  # the gRPC server's, on 127.0.0.1
        self.health = HealthServicer()
        self._server: grpc.aio.Server | None = None
        self._board_sub: Subscription | None = None
        self._board_task: asyncio.Task[None] | None = None

    async def _gate_refused(self, client: str, reason: str) -> None:
        """A TLS client refused at the gate for its version: audited like the interceptor's denials."""
        await asyncio.to_thread(self.audit.record, "tls-handshake", "-", "-", f"api@{client}", "denied",
                                reason)

    def _credentials(self) -> grpc.ServerCredentials:
        return grpc.ssl_server_credentials(
            [(self.paths.server_key.read_bytes(), self.paths.server_cert.read_bytes())],
            root_certificates=self.paths.ca_cert.read_bytes(), require_client_auth=True,
        )

    def _options(self) -> list[tuple[str, Any]]:
        s = self.settings
        opts: list[tuple[str, Any]] = [
            ("grpc.keepalive_time_ms", int(s.keepalive_s * 1000)),
            ("grpc.keepalive_timeout_ms", int(s.keepalive_timeout_s * 1000)),
            ("grpc.keepalive_permit_without_calls", 1),
            ("grpc.http2.min_ping_interval_without_data_ms", 10_000),
            ("grpc.http2.max_pings_without_data", 0),
            ("grpc.max_concurrent_streams", s.max_streams_per_client),
            ("grpc.max_receive_message_length", 1 << 20),  # requests are small; refuse floods
            ("grpc.so_reuseport", 0),
        ]
        if s.max_connection_age_s:
            opts.append(("grpc.max_connection_age_ms", int(s.max_connection_age_s * 1000)))
        return opts

    async def start(self) -> int:
        """Listen; the port bound (useful with ``port = 0`` in tests)."""
        server = grpc.aio.server(interceptors=[self.interceptor], options=self._options(),
                                 maximum_concurrent_rpcs=1000)
        ctx = self.ctx
        calls_service_pb2_grpc.add_CallsServiceServicer_to_server(CallsServicer(ctx), server)
        transcripts_service_pb2_grpc.add_TranscriptsServiceServicer_to_server(
            TranscriptsServicer(ctx), server)
        guidance_service_pb2_grpc.add_GuidanceServiceServicer_to_server(GuidanceServicer(ctx), server)
        quality_service_pb2_grpc.add_QualityServiceServicer_to_server(QualityServicer(ctx), server)
        recordings_service_pb2_grpc.add_RecordingsServiceServicer_to_server(RecordingsServicer(ctx), server)
        appliance_service_pb2_grpc.add_ApplianceServiceServicer_to_server(ApplianceServicer(ctx), server)
        health_pb2_grpc.add_HealthServicer_to_server(self.health, server)
        reflection.enable_server_reflection(
            (*SERVICE_NAMES, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
             reflection.SERVICE_NAME), server)
        host = self.settings.host
        address = f"[{host}]:{self.settings.port}" if ":" in host else f"{host}:{self.settings.port}"
        try:
            public = listen_socket(host, self.settings.port)  # first: see listen_socket
        except OSError as e:
            raise OSError(f"cannot listen on {address}: {e.strerror or e}") from e
        self.backend_port = server.add_secure_port(f"{BACKEND_HOST}:0", self._credentials())
        if not self.backend_port:
            public.close()
            raise OSError("cannot listen on the loopback port behind the TLS gate")
        self._board_sub = ctx.bus.subscribe("rpc:board", maxsize=BOARD_QUEUE, policy="drop-oldest")
        self._board_task = asyncio.create_task(self.board.follow(self._board_sub), name="rpc-board")
        await server.start()
        self.gate.backend_port = self.backend_port
        try:
            self.port = await self.gate.start(host, self.settings.port, public)
        except OSError as e:
            public.close()
            await server.stop(0)
            self._board_sub.close()
            self._board_task.cancel()
            raise OSError(f"cannot listen on {address}: {e.strerror or e}") from e
        for name in ("", *SERVICE_NAMES):
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        self._server = server
        log.info("API listening on %s (fingerprint %s…)", address.rsplit(":", 1)[0], self.fingerprint[:16])
        return self.port

    async def stop(self) -> None:
        if self._server is None:
            return
        await self.health.enter_graceful_shutdown()
        await self.gate.stop_listening()  # no new consoles; established ones drain with the server
        await self._server.stop(self.grace_s)
        await self.gate.stop()
        self._server = None
        if self._board_sub is not None:
            self._board_sub.close()
        if self._board_task is not None:
            self._board_task.cancel()
            await asyncio.gather(self._board_task, return_exceptions=True)

    async def wait(self) -> None:
        if self._server is not None:
            await self._server.wait_for_termination()


__all__ = ["SERVICE_NAMES", "ApiServer", "package_version"]
