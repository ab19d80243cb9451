"""What every servicer shares: the bus, the board, the caller lookup, the audit and settings."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc

from ccedge.core.access_audit import AccessAudit
from ccedge.core.bus import EventBus, Subscription
from ccedge.core.pki import Identity
from ccedge.rpc.server.auth import Callers
from ccedge.rpc.server.board import Board


@dataclass
class ApiSettings:
    """The ``[api]`` config section (defaults: the appliance's)."""

    host: str = "::"
    port: int = 7443
    site: str = ""
    stream_queue: int = 256  # events per live stream before the oldest are dropped
    export_chunk: int = 64 * 1024
    max_streams_per_client: int = 32
    keepalive_s: float = 30.0
    keepalive_timeout_s: float = 10.0
    max_connection_age_s: float = 0.0  # 0: unlimited
    advertise: bool = True
    advertise_interfaces: tuple[str, ...] = ()  # empty: every interface
    max_connections: int = 512  # TLS gate: newcomers beyond this are closed at once
    hello_timeout_s: float = 10.0  # TLS gate: a client must send its ClientHello within this

    @classmethod
    def from_mapping(cls, raw: dict[str, Any] | None) -> ApiSettings:
        raw = dict(raw or {})
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
        if "advertise_interfaces" in known:
            known["advertise_interfaces"] = tuple(known["advertise_interfaces"])
        unknown = sorted(set(raw) - set(known))
        if unknown:
            raise ValueError(f"[api] has unknown keys: {', '.join(unknown)}")
        return cls(**known)


@dataclass
class ApiContext:
    bus: EventBus
    board: Board
    callers: Callers
    audit: AccessAudit
    data_dir: Path
    settings: ApiSettings
    version: str
    fingerprint: str
    runtime: Any = None  # ccedge.core.runtime.Runtime when the appliance process runs us
    vault: Any = None  # ccedge.core.vault.Vault when the data directory holds one
    streams: int = 0
    streams_by_peer: dict[str, int] = field(default_factory=dict)
    # context.peer() → the real client (the TLS gate's ``client_of``; identity without a gate)
    peer_of: Callable[[str], str] = field(default=lambda peer: peer)
    gate_refused: Mapping[str, int] = field(default_factory=dict)  # the TLS gate's counts, live

    def peer(self, context: grpc.aio.ServicerContext) -> str:
        """The real client's address in grpcio's peer format, not the gate's loopback splice."""
        return self.peer_of(context.peer())

    def caller(self, context: grpc.aio.ServicerContext) -> Identity:
        """The caller (the interceptor has already admitted it)."""
        return self.callers.identify(context)

    async def audit_async(self, action: str, ident: Identity, target: str, outcome: str,
                          reason: str = "") -> None:
        await asyncio.to_thread(self.audit.record, action, ident.name, ident.role, target, outcome,
                                reason)

    @contextlib.contextmanager
    def live(self, context: grpc.aio.ServicerContext, what: str) -> Iterator[Subscription]:
        """A bounded drop-oldest subscription for one stream, freed when the stream ends.

        Cancelling the handler (the client went away, its deadline passed) runs the ``finally``.
        """
        peer = self.peer(context)
        sub = self.bus.subscribe(f"rpc:{what}:{peer}", maxsize=self.settings.stream_queue,
                                 policy="drop-oldest")
        self.streams += 1
        self.streams_by_peer[peer] = self.streams_by_peer.get(peer, 0) + 1
        try:
            yield sub
        finally:
            sub.close()
            self.streams -= 1
            left = self.streams_by_peer.get(peer, 1) - 1
            if left:
                self.streams_by_peer[peer] = left
            else:
                self.streams_by_peer.pop(peer, None)


__all__ = ["ApiContext", "ApiSettings"]
