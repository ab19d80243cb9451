"""Who touched what: the access trail of the API and of provisioning (ARCHITECTURE invariant 5).

Every recording read, every export, every denied call, every enrolment and revocation is one
record: ``seq``, ``wall``, ``action``, ``actor``, ``role``, ``target``, ``outcome``, ``reason``
and ``prev`` — the SHA-256 of the previous line, so that removing or editing a record breaks
the chain (:func:`verify_chain`). Records never carry call content: targets are ids, reasons
one-line codes.

The vault keeps the appliance's signed audit trail: :func:`open_access_audit` writes there
(:class:`VaultAudit`) when the data directory holds a vault that opens, and otherwise to this
file-backed log under ``<data dir>/audit/access.jsonl`` (0600, each record fsync'd before
``record`` returns), e.g. on a box provisioned before its vault.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from ccedge.core.errors import CoreError

GENESIS = "0" * 64


class AuditError(CoreError):
    """The access trail cannot be written or does not verify."""


class AccessAudit(Protocol):
    def record(self, action: str, actor: str, role: str, target: str, outcome: str,
               reason: str = "") -> None: ...


class AccessLog:
    """Append-only, hash-chained JSON lines; safe to call from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._seq, self._prev = _tail(path)

    @classmethod
    def under(cls, data_dir: Path) -> AccessLog:
        return cls(data_dir / "audit" / "access.jsonl")

    def record(self, action: str, actor: str, role: str, target: str, outcome: str,
               reason: str = "") -> None:
        with self._lock:
            rec: dict[str, Any] = {
                "seq": self._seq + 1, "wall": round(time.time(), 3), "action": action, "actor": actor,
                "role": role, "target": target, "outcome": outcome, "reason": reason, "prev": self._prev,
            }
            line = json.dumps(rec, sort_keys=True, separators=(",", ":"))
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, (line + "\n").encode())
                os.fsync(fd)
            except OSError as e:
                raise AuditError(f"cannot write the access trail: {e.strerror}") from e
            finally:
                os.close(fd)
            self._seq += 1
            self._prev = hashlib.sha256(line.encode()).hexdigest()

    def records(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line]


# The API's roles as the vault names them (core.vault.store.PERMISSIONS).
VAULT_ROLE = {"admin": "administrator", "supervisor": "supervisor", "compliance": "compliance"}


class VaultAudit:
    """The vault's signed hash chain behind the ``record`` interface."""

    def __init__(self, vault: Any) -> None:
        self.vault = vault

    def record(self, action: str, actor: str, role: str, target: str, outcome: str,
               reason: str = "") -> None:
        self.vault.audit_append(actor, VAULT_ROLE.get(role, role), action, target,
                                {"outcome": outcome, "reason": reason})


def open_access_audit(data_dir: Path, vault: Any = None) -> AccessAudit:
    """The vault's trail when there is one (``vault`` given, or one opens here); else the file log."""
    if vault is None:
        from ccedge.core.vault import Vault, VaultError

        if Vault.exists(data_dir):
            try:
                vault = Vault.open(data_dir)
            except VaultError:
                vault = None
    return VaultAudit(vault) if vault is not None else AccessLog.under(data_dir)


def _tail(path: Path) -> tuple[int, str]:
    if not path.exists():
        return 0, GENESIS
    lines = [ln for ln in path.read_bytes().splitlines() if ln]
    if not lines:
        return 0, GENESIS
    last = lines[-1]
    return int(json.loads(last)["seq"]), hashlib.sha256(last).hexdigest()


def verify_chain(path: Path) -> int:
    """The number of records when the chain holds; AuditError naming the first broken seq."""
    prev, count = GENESIS, 0
    for raw in path.read_bytes().splitlines() if path.exists() else []:
        if not raw:
            continue
        rec = json.loads(raw)
        if rec.get("prev") != prev or rec.get("seq") != count + 1:
            raise AuditError(f"access trail broken at record {count + 1}")
        prev, count = hashlib.sha256(raw).hexdigest(), count + 1
    return count


__all__ = ["VAULT_ROLE", "AccessAudit", "AccessLog", "AuditError", "VaultAudit", "open_access_audit",
           "verify_chain"]
