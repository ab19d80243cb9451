"""The appliance: health and metrics, configuration summary, model, keys, users, identity."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections.abc import Mapping
from typing import Any

import grpc

from ccedge.core.events import Health
from ccedge.core.pki import PkiPaths, read_cert, read_json_list, revoke_serials
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as app_pb
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2_grpc as app_grpc
from ccedge.rpc.server import convert
from ccedge.rpc.server.context import ApiContext

# A configuration value is shown as "<set>" when its key looks like it holds a secret.
_SECRET_WORDS = ("key", "pass", "secret", "token", "salt", "pin", "seed")


def flatten_config(cfg: Any, prefix: str = "") -> list[app_pb.ConfigEntry]:
    """``[section] key = value`` entries of a config mapping or dataclass, secrets hidden."""
    if hasattr(cfg, "__dataclass_fields__"):
        cfg = {k: getattr(cfg, k) for k in cfg.__dataclass_fields__}
    if not isinstance(cfg, Mapping):
        return []
    out: list[app_pb.ConfigEntry] = []
    for k, v in cfg.items():
        if isinstance(v, Mapping) or hasattr(v, "__dataclass_fields__"):
            out += flatten_config(v, f"{prefix}.{k}" if prefix else str(k))
            continue
        secret = any(w in str(k).lower() for w in _SECRET_WORDS)
        value = "<set>" if secret and v not in (None, "") else str(v)[:200]
        out.append(app_pb.ConfigEntry(section=prefix, key=str(k), value=value))
    return out


class ApplianceServicer(app_grpc.ApplianceServiceServicer):
    def __init__(self, ctx: ApiContext) -> None:
        self.ctx = ctx

    def _uptime(self) -> float:
        return time.time() - self.ctx.board.started_wall

    def _health(self) -> Health:
        runtime_health = getattr(self.ctx.runtime, "health", None)
        if callable(runtime_health):
            h = runtime_health()
            if isinstance(h, Health):
                return h
        return self.ctx.board.latest_health() or Health(call_id="", t=self._uptime(),
                                                        calls_active=len(self.ctx.board.active))

    async def GetHealth(self, request: app_pb.GetHealthRequest,
                        context: grpc.aio.ServicerContext) -> app_pb.GetHealthResponse:
        h = self._health()
        problems = []
        if h.drops:
            problems.append(f"{h.drops} packets dropped by capture")
        if h.masked_lag_s:
            problems.append(f"{h.masked_lag_s:.1f} s of audio masked because transcription lagged")
        if h.speech_shed:
            problems.append(f"{h.speech_shed} utterances shed by the speech queue")
        metrics = convert.metrics(h, time.time(), self._uptime(), self.ctx.streams, self.ctx.gate_refused)
        metrics.disk_free_gb, metrics.cert_not_after_wall = await asyncio.to_thread(self._box_figures)
        return app_pb.GetHealthResponse(
            serving=True, version=self.ctx.version, site=self.ctx.settings.site, problems=problems,
            metrics=metrics)

    def _box_figures(self) -> tuple[float, float]:
        """Free disk under the data directory (GB) and the server certificate's expiry (epoch s)."""
        try:
            free = shutil.disk_usage(self.ctx.data_dir).free / 1e9
        except OSError:
            free = 0.0
        try:
            not_after = read_cert(PkiPaths.of(self.ctx.data_dir).server_cert).not_valid_after_utc.timestamp()
        except Exception:  # no certificate readable: not reported (0), never an error on Health
            not_after = 0.0
        return free, not_after

    async def GetMetricsHistory(self, request: app_pb.GetMetricsHistoryRequest,
                                context: grpc.aio.ServicerContext) -> app_pb.GetMetricsHistoryResponse:
        b = self.ctx.board
        snaps = [convert.metrics(h, w, w - b.started_wall, 0)
                 for h, w in zip(b.health, b.health_walls, strict=True) if w >= request.since_wall]
        return app_pb.GetMetricsHistoryResponse(snapshots=snaps)

    async def GetConfigurationSummary(self, request: app_pb.GetConfigurationSummaryRequest,
                                      context: grpc.aio.ServicerContext,
                                      ) -> app_pb.GetConfigurationSummaryResponse:
        entries = flatten_config(getattr(self.ctx.runtime, "config", None))
        entries += flatten_config({"api": self.ctx.settings})
        return app_pb.GetConfigurationSummaryResponse(entries=entries)

    async def GetModelInfo(self, request: app_pb.GetModelInfoRequest,
                           context: grpc.aio.ServicerContext) -> app_pb.GetModelInfoResponse:
        info = await asyncio.to_thread(model_info, self.ctx.data_dir)
        if info is None:
            await context.abort(grpc.StatusCode.NOT_FOUND,
                                "no transcription model built: run `ccedge model build`")
        assert info is not None
        return info

    async def RotateKey(self, request: app_pb.RotateKeyRequest,
                        context: grpc.aio.ServicerContext) -> app_pb.RotateKeyResponse:
        rotate = getattr(self.ctx.runtime, "rotate_key", None)
        if not request.kind:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "kind is required")
        if not callable(rotate):
            await context.abort(grpc.StatusCode.UNAVAILABLE,
                                "key rotation is not attached to this process: "
                                "use `ccedge certs renew`")
        assert callable(rotate)
        who = self.ctx.caller(context)
        key_id = await rotate(app_pb.KeyKind.Name(request.kind))
        await self.ctx.audit_async("rotate-key", who, app_pb.KeyKind.Name(request.kind), "ok")
        return app_pb.RotateKeyResponse(kind=request.kind, new_key_id=str(key_id), rotated_wall=time.time())

    def _users(self) -> list[app_pb.User]:
        paths = PkiPaths.of(self.ctx.data_dir)
        return [app_pb.User(name=u["name"], role=convert.USER_ROLE.get(u["role"], convert.NO_USER_ROLE),
                            serial=u["serial"],
                            not_after_wall=float(u.get("not_after", 0)), revoked=bool(u.get("revoked")))
                for u in read_json_list(paths.users)]

    async def ListUsers(self, request: app_pb.ListUsersRequest,
                        context: grpc.aio.ServicerContext) -> app_pb.ListUsersResponse:
        return app_pb.ListUsersResponse(users=await asyncio.to_thread(self._users))

    async def RevokeUser(self, request: app_pb.RevokeUserRequest,
                         context: grpc.aio.ServicerContext) -> app_pb.RevokeUserResponse:
        who = self.ctx.caller(context)
        if request.name == who.name:
            await context.abort(grpc.StatusCode.FAILED_PRECONDITION, "an admin cannot revoke themselves")
        serials = await asyncio.to_thread(revoke_serials, PkiPaths.of(self.ctx.data_dir), request.name,
                                          request.reason or "revoked over the API")
        if not serials:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no live enrolment with that name")
        await self.ctx.audit_async("revoke", who, f"user:{request.name}", "ok", request.reason[:80])
        user = next(u for u in reversed(self._users()) if u.name == request.name)
        return app_pb.RevokeUserResponse(user=user)

    async def WhoAmI(self, request: app_pb.WhoAmIRequest,
                     context: grpc.aio.ServicerContext) -> app_pb.WhoAmIResponse:
        who = self.ctx.caller(context)
        return app_pb.WhoAmIResponse(name=who.name, role=convert.USER_ROLE[who.role],
                                     not_after_wall=who.not_after,
                                     appliance_fingerprint=self.ctx.fingerprint, agent=who.agent)


def model_info(data_dir: Any) -> app_pb.GetModelInfoResponse | None:
    """The newest model's provenance record (``models/*.json``) checked against its digest file."""
    from pathlib import Path

    models = Path(data_dir) / "models"
    records = sorted(models.glob("*.json"), key=lambda p: p.stat().st_mtime) if models.is_dir() else []
    if not records:
        return None
    rec = json.loads(records[-1].read_text())
    binary = records[-1].with_suffix(".bin")
    recorded = str(rec.get("sha256", ""))
    size = binary.stat().st_size if binary.exists() else 0
    ok = False
    if binary.exists() and recorded:
        from ccedge.core.speech.build import sha256_file

        ok = sha256_file(binary) == recorded
    return app_pb.GetModelInfoResponse(name=binary.name, sha256=recorded, sha256_ok=ok, size_bytes=size,
                                       quantisation=str(rec.get("quant", rec.get("quantisation", ""))),
                                       language=str(rec.get("language", "")))


__all__ = ["ApplianceServicer", "flatten_config", "model_info"]
