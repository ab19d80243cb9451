"""``ccedge audit export``: selected recordings re-encrypted to an officer, signed and audited.

Recordings and transcripts are decrypted in memory and encrypted again to the officer's
age X25519 public key (age v1, https://age-encryption.org/v1, through ``pyrage``), so the
officer opens them with the stock ``age`` tool. Everything is hashed into a manifest that
the appliance key signs; the audit slice ends with this export's own entry and a fresh
signed checkpoint. The tar is written to a temporary name and renamed when complete.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyrage

from ccedge.core.files import fsync_dir
from ccedge.core.vault.bundle import (
    BUNDLE_FORMAT,
    CERTIFICATE,
    MANIFEST,
    SIGNATURE,
    manifest_message,
    safe_stem,
)
from ccedge.core.vault.errors import VaultError

if TYPE_CHECKING:
    from ccedge.core.vault.store import Vault

Progress = Callable[[int, int, str], None]


def parse_recipient(text: str) -> Any:
    """An age X25519 recipient (``age1…``), given as the key or as a file that holds it."""
    value = text.strip()
    path = Path(value)
    if not value.startswith("age1") and path.is_file():
        # a recipients file (one age1… per line), or an identity file (its "# public key:" line)
        lines = [ln.strip() for ln in path.read_text().splitlines() if ln.strip()]
        keys = [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("# public key:")]
        keys += [ln for ln in lines if ln.startswith("age1")]
        value = keys[0] if keys else ""
    try:
        return pyrage.x25519.Recipient.from_str(value)
    except Exception as e:  # pyrage raises its own RecipientError (not exported as a type)
        raise VaultError("recipient is not an age public key (age1…)") from e


class _Tar:
    def __init__(self, tar: tarfile.TarFile) -> None:
        self.tar = tar
        self.files: list[dict[str, Any]] = []

    def add(self, name: str, data: bytes, listed: bool = True) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
        self.tar.addfile(info, io.BytesIO(data))
        if listed:
            self.files.append({"path": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})


def export(
    v: Vault,
    out: Path,
    recipient: str,
    actor: str,
    role: str,
    since: float | None = None,
    until: float | None = None,
    agent: str | None = None,
    call_id: str | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    v.require("export", actor, role, "bundle")
    rcpt = parse_recipient(recipient)
    calls = [c for c in v.index.list_calls(since, until, agent, call_id, states=("complete", "interrupted"))]
    if call_id is not None and not calls:
        raise VaultError(f"no stored recording of call {call_id!r} to export")
    out = Path(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    first_seq = _first_seq(v, since)
    try:
        with tarfile.open(tmp, "w", format=tarfile.USTAR_FORMAT) as tf:
            os.chmod(tmp, 0o600)
            t = _Tar(tf)
            rows = []
            for i, call in enumerate(calls):
                if progress:
                    progress(i, len(calls), call["call_id"])
                stem = safe_stem(call["call_id"])
                wav = v.audio_wav(call["call_id"], actor, role, purpose="export")
                t.add(f"recordings/{stem}.wav.age", pyrage.encrypt(wav, [rcpt]))
                lines = [
                    json.dumps(e, ensure_ascii=False)
                    for e in v.event_dicts(call["call_id"])
                    if e.get("type") == "utterance" and e.get("final", True)
                ]
                t.add(
                    f"transcripts/{stem}.jsonl.age", pyrage.encrypt("\n".join(lines).encode() + b"\n", [rcpt])
                )
                receipt = v.index.receipt(call["call_id"])
                if receipt is not None:
                    t.add(f"receipts/{stem}.json", json.dumps(receipt, indent=1, sort_keys=True).encode())
                scores = v.index.scores(call["call_id"])
                if scores:
                    t.add(f"qm/{stem}.json", json.dumps(scores, indent=1, sort_keys=True).encode())
                rows.append({**call, "files": stem, "legs": v.index.legs(call["call_id"])})
            t.add("calls.json", json.dumps(rows, indent=1, sort_keys=True).encode())
            seq = v.audit.append(
                actor,
                role,
                "export",
                "bundle",
                {"calls": len(calls), "recipient": str(rcpt)[:16], "out": out.name},
            )
            v.audit.checkpoint()
            entries = v.index.audit_entries(first_seq, seq)
            cps = [c for c in v.index.checkpoints() if first_seq <= c["seq"] <= seq]
            t.add(
                "audit/entries.jsonl", "".join(json.dumps(e, sort_keys=True) + "\n" for e in entries).encode()
            )
            t.add("audit/checkpoints.json", json.dumps(cps, indent=1).encode())
            cert = v.keyring.certificate_pem()
            t.add(CERTIFICATE, cert, listed=False)
            manifest = json.dumps(
                {
                    "format": BUNDLE_FORMAT,
                    "created": time.time(),
                    "appliance_certificate_sha256": hashlib.sha256(cert).hexdigest(),
                    "recipient": str(rcpt),
                    "selection": {
                        "from": since,
                        "to": until,
                        "agent": agent,
                        "call": call_id,
                        "calls": len(calls),
                    },
                    "audit": {"first_seq": first_seq, "last_seq": seq},
                    "files": t.files,
                },
                indent=1,
                sort_keys=True,
            ).encode()
            t.add(MANIFEST, manifest, listed=False)
            t.add(
                SIGNATURE,
                v.keyring.signing.sign(manifest_message(manifest)).hex().encode() + b"\n",
                listed=False,
            )
            if progress:
                progress(len(calls), len(calls), "signed")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, out)
        fsync_dir(out.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return {"calls": len(calls), "files": len(t.files) + 3, "audit_entries": len(entries), "out": str(out)}


def _first_seq(v: Vault, since: float | None) -> int:
    if since is None:
        return 1
    for e in v.index.audit_entries():
        if e["ts"] >= since:
            return int(e["seq"])
    last = v.index.audit_last()
    return int(last["seq"]) + 1 if last else 1


__all__ = ["export", "parse_recipient"]
