"""One interceptor for every call: who is calling (mutual TLS), may they, and the audit record.

The TLS handshake already refused clients without a certificate from the appliance CA, and
expired ones (``require_client_auth``; RFC 8446 §4.4.2). What is left for the interceptor:

* the caller's identity from the verified client certificate (``OU`` = role, ``CN`` = name);
* the revocation list (grpcio exposes no CRL hook, so revoked serials are refused here, on
  every call: a revocation takes effect on the next call, not the next connection);
* the method's allowed roles (:data:`POLICY`, deny by default: a method missing from the table
  is refused for everyone);
* the access trail: every denial and every call to ``RecordingsService`` (reads and exports).

grpc.aio interceptors see only the method name, not the peer; so the interceptor wraps the
method's handler and checks ``context.auth_context()`` when the call runs.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc

from ccedge.core.access_audit import AccessAudit
from ccedge.core.pki import Identity, PkiError, RevocationList, identity_of

log = logging.getLogger("ccedge.rpc")

SUPERVISOR, COMPLIANCE, ADMIN, AGENT = "supervisor", "compliance", "admin", "agent"
ANY = frozenset({SUPERVISOR, COMPLIANCE, ADMIN})
FLOOR = frozenset({SUPERVISOR, COMPLIANCE})
FLOOR_AND_AGENT = FLOOR | {AGENT}

# Per service (or "Service/Method" for exceptions), the roles allowed. Supervisors watch calls
# and quality but never fetch audio or export; only compliance officers read recordings and
# the audit trail; admins manage users, keys and configuration (and see health), not content.
# Agents read quality only (their own calls: QualityServicer filters by the certificate's agent
# label) and WhoAmI; nothing else, not even health (issue 12: agents see their own calls only).
POLICY: dict[str, frozenset[str]] = {
    "ccedge.calls.v1.CallsService": FLOOR,
    "ccedge.transcripts.v1.TranscriptsService": FLOOR,
    "ccedge.guidance.v1.GuidanceService": FLOOR,
    "ccedge.quality.v1.QualityService": FLOOR,
    "ccedge.quality.v1.QualityService/ListScorecards": FLOOR_AND_AGENT,
    "ccedge.quality.v1.QualityService/GetCallScores": FLOOR_AND_AGENT,
    "ccedge.quality.v1.QualityService/StreamScores": FLOOR_AND_AGENT,
    "ccedge.quality.v1.QualityService/ListDisputes": FLOOR_AND_AGENT,
    "ccedge.quality.v1.QualityService/GetAggregates": FLOOR_AND_AGENT,
    "ccedge.recordings.v1.RecordingsService": frozenset({COMPLIANCE}),
    "ccedge.appliance.v1.ApplianceService": frozenset({ADMIN}),
    "ccedge.appliance.v1.ApplianceService/GetHealth": ANY,
    "ccedge.appliance.v1.ApplianceService/GetMetricsHistory": ANY,
    "ccedge.appliance.v1.ApplianceService/GetModelInfo": ANY,
    "ccedge.appliance.v1.ApplianceService/WhoAmI": ANY | {AGENT},
    "grpc.health.v1.Health": ANY,
    "grpc.reflection.v1alpha.ServerReflection": ANY,
    "grpc.reflection.v1.ServerReflection": ANY,
}
AUDITED_SERVICES = ("ccedge.recordings.v1.RecordingsService",)


def allowed_roles(method: str) -> frozenset[str]:
    """Roles allowed to call ``/pkg.Service/Method``; empty (nobody) when not in the table."""
    service, _, name = method.lstrip("/").partition("/")
    return POLICY.get(f"{service}/{name}", POLICY.get(service, frozenset()))


class RevokedError(PkiError):
    """The certificate verified but its serial is on the revocation list."""

    def __init__(self, identity: Identity) -> None:
        super().__init__("client certificate revoked")
        self.identity = identity


class Callers:
    """Identity of a peer from its verified certificate, cached by certificate bytes."""

    def __init__(self, revoked: RevocationList, size: int = 256) -> None:
        self.revoked = revoked
        self._cache: OrderedDict[bytes, Identity] = OrderedDict()
        self._size = size

    def identify(self, context: grpc.aio.ServicerContext) -> Identity:
        """The caller; PkiError (one line) when the certificate is missing, role-less or revoked."""
        auth = context.auth_context() or {}
        pems = list(auth.get("x509_pem_cert") or [])
        if not pems:
            raise PkiError("no client certificate")
        pem = pems[0]
        ident = self._cache.get(pem)
        if ident is None:
            ident = identity_of(pem)
            self._cache[pem] = ident
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        if self.revoked.is_revoked(ident.serial):
            raise RevokedError(ident)
        return ident


class RoleInterceptor(grpc.aio.ServerInterceptor):
    """Checks identity and role before every handler runs; audits denials and recording access."""

    def __init__(self, callers: Callers, audit: AccessAudit,
                 peer_of: Callable[[str], str] | None = None) -> None:
        self.callers = callers
        self.audit = audit
        self.denied = 0
        # The real client behind context.peer() (the TLS gate splices every connection through
        # 127.0.0.1); the audit target is "api@<client>".
        self.peer_of = peer_of or (lambda peer: peer)

    async def _record(self, action: str, ident: Identity | None, outcome: str, reason: str,
                      context: grpc.aio.ServicerContext) -> None:
        target = f"api@{self.peer_of(context.peer())}"
        await asyncio.to_thread(self.audit.record, action, ident.name if ident else "-",
                                ident.role if ident else "-", target, outcome, reason)

    async def _admit(self, method: str, context: grpc.aio.ServicerContext) -> Identity:
        try:
            ident = self.callers.identify(context)
        except PkiError as e:
            self.denied += 1
            await self._record(method, e.identity if isinstance(e, RevokedError) else None, "denied", str(e),
                               context)
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, str(e))
            raise  # abort raises; this keeps type checkers honest
        if ident.role not in allowed_roles(method):
            self.denied += 1
            await self._record(method, ident, "denied", f"role {ident.role} not allowed", context)
            await context.abort(grpc.StatusCode.PERMISSION_DENIED,
                                f"role {ident.role} may not call {method.rsplit('/', 1)[-1]}")
        if method.lstrip("/").startswith(AUDITED_SERVICES):
            await self._record(method, ident, "allowed", "", context)
        return ident

    async def intercept_service(
        self, continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Any]],
        details: grpc.HandlerCallDetails,
    ) -> Any:
        # The handler's behaviours are coroutines / async generators here (grpc.aio); the
        # type stubs describe the sync server's, hence Any.
        handler: Any = await continuation(details)
        if handler is None:
            return handler
        method = details.method
        admit = self._admit
        kw: dict[str, Any] = {"request_deserializer": handler.request_deserializer,
                              "response_serializer": handler.response_serializer}
        if handler.unary_unary:
            inner_uu = handler.unary_unary

            async def unary_unary(request: Any, context: grpc.aio.ServicerContext) -> Any:
                await admit(method, context)
                return await inner_uu(request, context)

            return grpc.unary_unary_rpc_method_handler(unary_unary, **kw)
        if handler.unary_stream:
            inner_us = handler.unary_stream
            if inspect.iscoroutinefunction(inner_us):  # writes with context.write() (health Watch)

                async def unary_writer(request: Any, context: grpc.aio.ServicerContext) -> None:
                    await admit(method, context)
                    await inner_us(request, context)

                return grpc.unary_stream_rpc_method_handler(unary_writer, **kw)

            async def unary_stream(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
                await admit(method, context)
                async for item in inner_us(request, context):
                    yield item

            return grpc.unary_stream_rpc_method_handler(unary_stream, **kw)
        if handler.stream_stream:  # server reflection
            inner_ss = handler.stream_stream

            async def stream_stream(requests: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
                await admit(method, context)
                async for item in inner_ss(requests, context):
                    yield item

            return grpc.stream_stream_rpc_method_handler(stream_stream, **kw)
        inner_su = handler.stream_unary

        async def stream_unary(requests: Any, context: grpc.aio.ServicerContext) -> Any:
            await admit(method, context)
            return await inner_su(requests, context)

        return grpc.stream_unary_rpc_method_handler(stream_unary, **kw)


__all__ = ["POLICY", "Callers", "RevokedError", "RoleInterceptor", "allowed_roles"]
