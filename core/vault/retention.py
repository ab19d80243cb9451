"""Retention, legal hold, crypto-shredding and key rotation; every step audited.

Shredding destroys a recording's wrapped data keys in the index first (``secure_delete`` and a
WAL checkpoint so no copy of them remains in the database files), then overwrites and
removes its files: from that moment the files, and any copy of them taken before, are
ciphertext without a key. A legal hold blocks shredding, by the scheduler or by hand.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ccedge.core.files import shred_file
from ccedge.core.vault.errors import VaultError

if TYPE_CHECKING:
    from ccedge.core.vault.store import Vault


def hold(v: Vault, call_id: str, reason: str, actor: str, role: str) -> int:
    v.require("hold", actor, role, call_id)
    call = v.call(call_id)
    if call["state"] == "shredded":
        raise VaultError(f"call {call_id} is already shredded")
    if not reason.strip():
        raise VaultError("a legal hold needs a reason (case or matter reference)")
    hold_id = v.index.add_hold(call_id, reason.strip(), actor, time.time())
    v.audit.append(actor, role, "legal-hold", call_id, {"hold": hold_id, "reason": reason.strip()})
    return hold_id


def release(v: Vault, call_id: str, actor: str, role: str) -> int:
    v.require("hold", actor, role, call_id)
    v.call(call_id)
    n = v.index.release_holds(call_id, actor, time.time())
    v.audit.append(actor, role, "legal-hold-released", call_id, {"released": n})
    return n


def shred(v: Vault, call_id: str, actor: str, role: str, reason: str) -> None:
    """Destroy a call's data keys, then its files. Refused while a legal hold is active."""
    v.require("shred", actor, role, call_id)
    call = v.call(call_id)
    if call["state"] == "shredded":
        return
    if v.index.holds(call_id):
        v.audit.append(actor, role, "access-denied", call_id, {"wanted": "shred", "why": "legal-hold"})
        raise VaultError(f"call {call_id} is under legal hold; release it first")
    recs = v.index.recordings(call_id)
    with v.index.transaction():
        for kind in recs:
            v.index.update_recording(call_id, kind, dek=None, state="shredded")
        v.index.finish_call(
            call_id,
            call["ended"] or time.time(),
            call["duration_s"] or 0.0,
            call["reason"],
            "shredded",
            call["expires"],
        )
        if "quarantine" in recs:
            v.index.set_quarantine(call_id, "shredded", [], 0, 0.0, time.time())
    v.index.forget_keys()
    for rec in recs.values():
        shred_file(v.data_dir / rec["path"])
    v.audit.append(actor, role, "recording-shredded", call_id, {"reason": reason, "files": sorted(recs)})


def sweep(
    v: Vault, now: float | None = None, actor: str = "retention-scheduler", limit: int = -1
) -> list[str]:
    """Shred every recording past its retention date that no legal hold protects (at most
    ``limit`` per pass, oldest first, so a scheduler's pass stays short)."""
    now = time.time() if now is None else now
    due = v.index.expired(now, limit)
    held = [
        c["call_id"]
        for c in v.index.list_calls(until=None)
        if c["legal_hold"] and c["expires"] is not None and c["expires"] <= now
    ]
    for call_id in due:
        shred(v, call_id, actor, "system", "retention expired")
    v.audit.append(actor, "system", "retention-sweep", "", {"shredded": len(due), "held": len(held)})
    return due


def rotate(v: Vault, actor: str, role: str) -> dict[str, Any]:
    """New KEK, every data key rewrapped, old KEK destroyed; audio files are not rewritten."""
    v.require("rotate", actor, role, "keyring")
    old = v.keyring.active
    keys = v.index.wrapped_keys()
    plain = {(c, k): v.keyring.unwrap(blob, c) for c, k, blob in keys if k != "quarantine"}
    new = v.keyring.new_kek()
    with v.index.transaction():
        for (call_id, kind), dek in plain.items():
            v.index.update_recording(call_id, kind, dek=v.keyring.wrap(dek, call_id))
    v.index.forget_keys()
    for version in [x for x in v.keyring.keks if x != new]:
        v.keyring.destroy(version)
    v.audit.append(actor, role, "key-rotated", "kek", {"from": old, "to": new, "rewrapped": len(plain)})
    return {"from": old, "to": new, "rewrapped": len(plain)}


__all__ = ["hold", "release", "rotate", "shred", "sweep"]
