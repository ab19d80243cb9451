"""The vault on disk: layout, opening with keys, roles, and the reads every caller audits.

Layout of a data directory (all 0700 folders, 0600 files)::

    vault.json            format version and retention policy (no secrets)
    keys/keyring.json     sealed KEKs, appliance signing key, quarantine key (keys.py)
    keys/appliance.crt    the appliance's signing certificate (public)
    keys/machine.secret   only when no passphrase was given at init (README, "The vault")
    index.sqlite          the index and the audit chain (index.py, audit.py)
    recordings/YYYY-MM-DD/<rid>.audio|.events|.quarantine   chunked AEAD files (format.py)
    writer.lock           held by the one process that records (the runtime's sink)
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import json
import os
import struct
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ccedge.core.files import atomic_write, private_dir
from ccedge.core.vault.audit import AuditLog, ChainProblem
from ccedge.core.vault.errors import AccessDenied, IntegrityError, KeyUnavailableError, VaultError
from ccedge.core.vault.format import KIND_AUDIO, KIND_EVENTS, KIND_QUARANTINE, ChunkReader, seal_tail
from ccedge.core.vault.index import SqliteIndex
from ccedge.core.vault.keys import Keyring, resolve_passphrase, write_machine_secret
from ccedge.core.vault.recording import finish_wav
from ccedge.core.vault.repository import Index

YEAR_S = 365.25 * 86400
POLICIES: dict[str, float] = {"finance": 7.0, "healthcare": 6.0}  # years (e.g. FINRA 4511 / HIPAA 164.316)
KINDS = {"audio": KIND_AUDIO, "events": KIND_EVENTS, "quarantine": KIND_QUARANTINE}

# Who may do what. The quarantine key is for compliance only (issue 11); "system" is the
# appliance itself (the recording sink, the retention scheduler).
PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset({"compliance", "supervisor", "administrator"}),
    "search": frozenset({"compliance", "supervisor"}),
    "export": frozenset({"compliance"}),
    "hold": frozenset({"compliance"}),
    "shred": frozenset({"compliance", "system"}),
    "quarantine": frozenset({"compliance"}),
    "rotate": frozenset({"administrator", "compliance"}),
    "audit": frozenset({"compliance", "administrator"}),
}


def local_actor() -> str:
    try:
        return f"local:{getpass.getuser()}"
    except (KeyError, OSError):
        return f"local:uid{os.getuid()}"


class Vault:
    """An opened vault. Construct with :meth:`init` or :meth:`open`."""

    def __init__(self, data_dir: Path, keyring: Keyring, index: Index, config: dict[str, Any]) -> None:
        self.data_dir = data_dir
        self.keyring = keyring
        self.index = index
        self.config = config
        self.audit = AuditLog(index, keyring.signing)
        self._lock_fd: int | None = None
        self._closed = False

    # opening ------------------------------------------------------------------------------
    @classmethod
    def init(
        cls,
        data_dir: Path,
        passphrase_file: Path | None = None,
        policy: str = "finance",
        actor: str | None = None,
    ) -> Vault:
        data_dir = Path(data_dir)
        if (data_dir / "keys" / "keyring.json").exists() or (data_dir / "vault.json").exists():
            raise VaultError(f"{data_dir} already holds an appliance; refusing to overwrite it")
        years = _policy_years(policy)
        private_dir(data_dir)
        keys = private_dir(data_dir / "keys")
        private_dir(data_dir / "recordings")
        try:
            secret, source = resolve_passphrase(keys, passphrase_file)
        except KeyUnavailableError:
            secret, source = write_machine_secret(keys), "machine-secret"
        keyring = Keyring.create(keys, secret, source)
        config = {
            "format": 1,
            "created": time.time(),
            "policy": policy,
            "retention_years": years,
            "seal": "scrypt-passphrase",
            "passphrase_source": source,
        }
        atomic_write(data_dir / "vault.json", json.dumps(config, indent=1).encode())
        v = cls(data_dir, keyring, SqliteIndex(data_dir / "index.sqlite"), config)
        v.audit.append(
            actor or local_actor(),
            "administrator",
            "vault-created",
            str(data_dir.name),
            {"policy": policy, "retention_years": years, "seal": source},
        )
        v.audit.checkpoint()
        return v

    @classmethod
    def open(cls, data_dir: Path, passphrase_file: Path | None = None) -> Vault:
        data_dir = Path(data_dir)
        try:
            config = json.loads((data_dir / "vault.json").read_text())
        except FileNotFoundError as e:
            raise VaultError(f"no vault in {data_dir} (run: ccedge init --data-dir {data_dir})") from e
        except ValueError as e:
            raise VaultError(f"{data_dir / 'vault.json'} is not valid JSON") from e
        keys = data_dir / "keys"
        secret, _source = resolve_passphrase(keys, passphrase_file)
        v = cls(data_dir, Keyring.open(keys, secret), SqliteIndex(data_dir / "index.sqlite"), config)
        v.recover()
        return v

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (Path(data_dir) / "vault.json").is_file()

    def close(self) -> None:
        if not self._closed:
            self.audit.checkpoint()
            self.index.close()
            self._closed = True
        self.close_writer()

    def close_writer(self) -> None:
        """Give up the writer lock (a sink that stopped recording)."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # the writer lock and crash recovery ----------------------------------------------------
    def acquire_writer(self) -> bool:
        """Take the writer lock (the recording sink); False if another process holds it."""
        if self._lock_fd is not None:
            return True
        fd = os.open(self.data_dir / "writer.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._lock_fd = fd
        return True

    def recover(self) -> list[str]:
        """Close recordings a killed writer left open: every whole chunk is kept, the chunk that
        was being written is cut and reported lost. Runs only when no writer holds the lock."""
        live = self.index.list_calls(states=("live",))
        if not live or not self.acquire_writer():
            return []
        recovered = []
        try:
            for call in live:
                lost: dict[str, int] = {}
                chunks: dict[str, int] = {}
                for kind, rec in self.index.recordings(call["call_id"]).items():
                    path = self.data_dir / rec["path"]
                    if rec["dek"] is None or not path.exists():
                        continue
                    dek = self.file_key(call["call_id"], kind, rec)
                    chunks[kind], lost[kind] = seal_tail(path, dek, f"{call['call_id']} {kind}")
                    self.index.update_recording(
                        call["call_id"],
                        kind,
                        state="interrupted",
                        chunks=chunks[kind],
                        bytes=path.stat().st_size,
                    )
                seconds = self._stored_seconds(call["call_id"])
                self.index.finish_call(
                    call["call_id"],
                    call["started"] + seconds,
                    seconds,
                    "interrupted",
                    "interrupted",
                    self.expiry(call["started"]),
                )
                self.audit.append(
                    "appliance",
                    "system",
                    "recording-recovered",
                    call["call_id"],
                    {"chunks": chunks, "lost_bytes": lost},
                )
                recovered.append(call["call_id"])
        finally:
            self.close_writer()
        return recovered

    def _stored_seconds(self, call_id: str) -> float:
        """Length of the audio a call's file holds (for a recording that was never closed)."""
        try:
            plain, _ = self.read_stream(call_id, "audio")
        except VaultError:
            return 0.0
        if len(plain) < 44:
            return 0.0
        channels, rate = struct.unpack_from("<HI", plain, 22)
        return (len(plain) - 44) / max(1, rate * channels * 2)

    # keys and roles -------------------------------------------------------------------------
    def file_key(self, call_id: str, kind: str, rec: Mapping[str, Any]) -> bytes:
        if rec["dek"] is None:
            raise KeyUnavailableError(f"recording {call_id}: its data key was destroyed (shredded)")
        if kind == "quarantine":
            return self.keyring.unwrap_quarantine(bytes(rec["dek"]), call_id)
        return self.keyring.unwrap(bytes(rec["dek"]), call_id)

    def require(self, action: str, actor: str, role: str, target: str = "") -> None:
        if role not in PERMISSIONS[action]:
            self.audit.append(actor, role, "access-denied", target, {"wanted": action})
            raise AccessDenied(f"role {role!r} may not {action} (denial audited)")

    def expiry(self, started: float) -> float:
        return started + float(self.config.get("retention_years", 7.0)) * YEAR_S

    def public_key(self) -> Ed25519PublicKey:
        key = x509.load_pem_x509_certificate(self.keyring.certificate_pem()).public_key()
        assert isinstance(key, Ed25519PublicKey)
        return key

    # reads ----------------------------------------------------------------------------------
    def list_calls(
        self,
        since: float | None = None,
        until: float | None = None,
        agent: str | None = None,
        call_id: str | None = None,
        flagged: bool | None = None,
    ) -> list[dict[str, Any]]:
        """Index rows (metadata only: not audited as a read of content)."""
        return self.index.list_calls(since, until, agent, call_id, flagged)

    def call(self, call_id: str) -> dict[str, Any]:
        row = self.index.get_call(call_id)
        if row is None:
            raise VaultError(f"no recording of call {call_id!r}")
        return row

    def read_stream(self, call_id: str, kind: str) -> tuple[bytes, ChunkReader | None]:
        """Decrypt one stream of a call in memory (no audit: callers audit what they hand out)."""
        self.call(call_id)
        rec = self.index.recordings(call_id).get(kind)
        if rec is None:
            return b"", None
        dek = self.file_key(call_id, kind, rec)
        what = f"recording {call_id} {kind}"
        with (self.data_dir / rec["path"]).open("rb") as f:
            reader = ChunkReader(f, dek, what, KINDS[kind])
            plain = reader.read_all()
        if not reader.complete and rec["state"] not in ("live", "interrupted"):
            raise IntegrityError(what, f"truncated after chunk {reader.chunks - 1} (final chunk missing)")
        return plain, reader

    def audio_wav(self, call_id: str, actor: str, role: str, purpose: str = "get") -> bytes:
        self.require("read", actor, role, call_id)
        plain, reader = self.read_stream(call_id, "audio")
        self.audit.append(
            actor,
            role,
            "recording-exported" if purpose == "export" else "recording-read",
            call_id,
            {"purpose": purpose, "chunks": reader.chunks if reader else 0},
        )
        return finish_wav(plain)

    def event_dicts(self, call_id: str) -> list[dict[str, Any]]:
        plain, _ = self.read_stream(call_id, "events")
        return [json.loads(line) for line in plain.splitlines() if line.strip()]

    def transcript(self, call_id: str, actor: str, role: str) -> list[dict[str, Any]]:
        self.require("read", actor, role, call_id)
        out = [e for e in self.event_dicts(call_id) if e.get("type") == "utterance" and e.get("final", True)]
        self.audit.append(
            actor, role, "recording-read", call_id, {"purpose": "transcript", "utterances": len(out)}
        )
        return out

    def verify_files(self) -> Iterator[tuple[str, str, str]]:
        """Authenticate every stored chunk; yields (call, kind, problem or 'ok')."""
        for call in self.index.list_calls(states=("live", "complete", "interrupted")):
            for kind in self.index.recordings(call["call_id"]):
                try:
                    self.read_stream(call["call_id"], kind)
                    yield call["call_id"], kind, "ok"
                except VaultError as e:
                    yield call["call_id"], kind, str(e)

    def verify_audit(self) -> list[ChainProblem]:
        return self.audit.verify(self.public_key())

    # the facade's verbs (each module holds one job) -----------------------------------------
    def audit_append(
        self, actor: str, role: str, action: str, target: str = "", detail: Mapping[str, Any] | None = None
    ) -> int:
        """Record a security event of another component (login, policy change, update, …)."""
        return self.audit.append(actor, role, action, target, detail)

    def hold(self, call_id: str, reason: str, actor: str, role: str) -> int:
        from ccedge.core.vault import retention

        return retention.hold(self, call_id, reason, actor, role)

    def release(self, call_id: str, actor: str, role: str) -> int:
        from ccedge.core.vault import retention

        return retention.release(self, call_id, actor, role)

    def shred(self, call_id: str, actor: str, role: str, reason: str) -> None:
        from ccedge.core.vault import retention

        retention.shred(self, call_id, actor, role, reason)

    def sweep(self, now: float | None = None, limit: int = -1) -> list[str]:
        from ccedge.core.vault import retention

        return retention.sweep(self, now, limit=limit)

    def rotate(self, actor: str, role: str) -> dict[str, Any]:
        from ccedge.core.vault import retention

        return retention.rotate(self, actor, role)

    def search(self, text: str, actor: str, role: str, **filters: Any) -> list[dict[str, Any]]:
        from ccedge.core.vault import search

        return search.search(self, text, actor, role, **filters)

    def quarantined(self) -> list[dict[str, Any]]:
        from ccedge.core.vault import quarantine

        return quarantine.listing(self)

    def save_score(
        self,
        call_id: str,
        scorecard: str,
        version: str,
        total: float,
        auto_failed: bool,
        criteria: list[Mapping[str, Any]],
        actor: str = "qm",
        role: str = "system",
    ) -> int:
        """Store a QM result (live or re-scored); ``scores`` lists them for ``ccedge qm report``."""
        self.call(call_id)
        score_id = self.index.save_score(
            call_id,
            scorecard,
            version,
            total,
            auto_failed,
            criteria,
            time.time(),
            "live" if role == "system" else actor,
        )
        self.audit.append(actor, role, "score-saved", call_id, {"scorecard": scorecard, "version": version})
        return score_id

    def scores(self, call_id: str | None = None) -> list[dict[str, Any]]:
        return self.index.scores(call_id)


def _policy_years(policy: str) -> float:
    if policy in POLICIES:
        return POLICIES[policy]
    try:
        years = float(policy)
    except ValueError:
        raise VaultError(
            f"unknown retention policy {policy!r} (finance, healthcare, or a number of years)"
        ) from None
    if not 0 < years <= 100:
        raise VaultError("retention years must be between 0 and 100")
    return years


def day_folder(started: float) -> str:
    return dt.datetime.fromtimestamp(started, dt.UTC).strftime("%Y-%m-%d")


__all__ = ["PERMISSIONS", "POLICIES", "Vault", "day_folder", "local_actor"]
