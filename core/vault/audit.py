"""The audit trail: an append-only hash chain, checkpointed with Ed25519 signatures.

Entry ``n`` stores ``hash = SHA-256(canonical JSON of (seq, ts, actor, role, action, target,
detail, prev))`` with ``prev`` the hash of entry ``n-1`` (64 zeros for the first), so
altering, inserting or deleting an entry breaks the link at that entry. Every
``CHECKPOINT_EVERY`` entries, and whenever a caller asks (an export, the end of a command),
the appliance key signs ``(seq, hash)``: an attacker who rewrites the chain from some entry on
cannot re-sign the checkpoints after it without the sealed key. :func:`verify_chain` names
the first entry or checkpoint that does not hold; it needs only the entries, the
checkpoints and the public key, so it runs offline on an exported slice too.

The detail of an entry is metadata only (ids, counts, reasons), never call content.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ccedge.core.vault.repository import Index

GENESIS = "0" * 64
CHECKPOINT_EVERY = 64

# The actions the appliance writes (a policy or update component may add its own names).
ACTIONS = (
    "vault-created",
    "recording-created",
    "recording-closed",
    "recording-recovered",
    "recording-read",
    "recording-exported",
    "recording-shredded",
    "key-rotated",
    "legal-hold",
    "legal-hold-released",
    "quarantine-opened",
    "quarantine-released",
    "quarantine-shredded",
    "quarantine-read",
    "retention-sweep",
    "access-denied",
    "login",
    "policy-changed",
    "software-update",
    "search",
    "export",
    "storage-unavailable",
    "storage-resumed",
    "score-saved",
)


def entry_hash(e: Mapping[str, Any]) -> str:
    body = {k: e[k] for k in ("seq", "ts", "actor", "role", "action", "target", "prev")}
    body["detail"] = json.loads(e["detail"]) if isinstance(e["detail"], str) else e["detail"]
    canon = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canon.encode()).hexdigest()


def checkpoint_message(seq: int, hash_: str) -> bytes:
    return f"ccedge-audit-checkpoint|{seq}|{hash_}".encode()


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    what: str

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.what}"


class AuditLog:
    """Appends to and checkpoints the chain kept by an :class:`Index`."""

    def __init__(
        self, index: Index, signer: Ed25519PrivateKey | None, clock: Callable[[], float] = time.time
    ) -> None:
        self.index = index
        self.signer = signer
        self.clock = clock

    def append(
        self, actor: str, role: str, action: str, target: str = "", detail: Mapping[str, Any] | None = None
    ) -> int:
        with self.index.transaction():
            last = self.index.audit_last()
            seq = 1 if last is None else int(last["seq"]) + 1
            row: dict[str, Any] = {
                "seq": seq,
                "ts": round(self.clock(), 6),
                "actor": actor,
                "role": role,
                "action": action,
                "target": target,
                "detail": json.dumps(dict(detail or {}), sort_keys=True),
                "prev": GENESIS if last is None else last["hash"],
            }
            row["hash"] = entry_hash(row)
            self.index.audit_append(row)
            if seq % CHECKPOINT_EVERY == 0:
                self._sign(seq, row["hash"])
        return seq

    def checkpoint(self) -> int:
        """Sign the chain's head now (no-op when it is already signed). Returns its seq."""
        last = self.index.audit_last()
        if last is None:
            return 0
        cps = self.index.checkpoints()
        if not cps or cps[-1]["seq"] != last["seq"]:
            self._sign(int(last["seq"]), str(last["hash"]))
        return int(last["seq"])

    def _sign(self, seq: int, hash_: str) -> None:
        if self.signer is None:
            return  # a read-only opening cannot sign; the next keyed opening will
        sig = self.signer.sign(checkpoint_message(seq, hash_)).hex()
        self.index.add_checkpoint(seq, hash_, round(self.clock(), 6), sig)

    def verify(self, public: Ed25519PublicKey) -> list[ChainProblem]:
        return verify_chain(self.index.audit_entries(), self.index.checkpoints(), public)


def verify_chain(
    entries: Sequence[Mapping[str, Any]],
    checkpoints: Sequence[Mapping[str, Any]],
    public: Ed25519PublicKey,
    anchor: str | None = GENESIS,
) -> list[ChainProblem]:
    """Check hashes, links and checkpoint signatures; the first problem is where it broke.

    ``anchor`` is the ``prev`` the first entry must have (``None`` accepts any: an exported
    slice starts wherever the officer's selection starts, and its checkpoints prove it)."""
    problems: list[ChainProblem] = []
    by_seq: dict[int, str] = {}
    prev = anchor
    expect_seq = int(entries[0]["seq"]) if entries else 1
    for e in entries:
        seq = int(e["seq"])
        if seq != expect_seq:
            problems.append(ChainProblem(expect_seq, f"missing (next entry is {seq})"))
        if prev is not None and e["prev"] != prev:
            problems.append(
                ChainProblem(seq, "does not link to the entry before it (altered, inserted or removed)")
            )
        if entry_hash(e) != e["hash"]:
            problems.append(ChainProblem(seq, "content does not match its hash (altered)"))
        by_seq[seq] = str(e["hash"])
        prev = str(e["hash"])
        expect_seq = seq + 1
    for cp in checkpoints:
        seq = int(cp["seq"])
        try:
            public.verify(bytes.fromhex(cp["signature"]), checkpoint_message(seq, cp["hash"]))
        except (InvalidSignature, ValueError):
            problems.append(ChainProblem(seq, "checkpoint signature is invalid"))
            continue
        if seq in by_seq and by_seq[seq] != cp["hash"]:
            problems.append(ChainProblem(seq, "differs from its signed checkpoint (chain rewritten)"))
    if entries and not any(int(cp["seq"]) == int(entries[-1]["seq"]) for cp in checkpoints):
        tail = [int(cp["seq"]) for cp in checkpoints if int(cp["seq"]) in by_seq]
        if not tail:
            problems.append(ChainProblem(int(entries[-1]["seq"]), "no signed checkpoint covers this chain"))
    problems.sort(key=lambda p: p.seq)
    return problems


__all__ = [
    "ACTIONS",
    "CHECKPOINT_EVERY",
    "GENESIS",
    "AuditLog",
    "ChainProblem",
    "checkpoint_message",
    "entry_hash",
    "verify_chain",
]
