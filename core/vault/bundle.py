"""What an audit bundle holds and how its manifest is signed (shared by export and verify).

A bundle is a POSIX tar file (stock ``tar`` lists it) with::

    manifest.json          every other file's path, size and SHA-256, the selection, the audit range
    manifest.sig           Ed25519 signature over manifest.json by the appliance key (hex)
    appliance.crt          the appliance's signing certificate (X.509 PEM)
    calls.json             the selected calls' index rows (metadata only)
    recordings/<n>.wav.age     the redacted two-channel WAV, encrypted to the officer (age)
    transcripts/<n>.jsonl.age  the redacted transcript lines, encrypted to the officer (age)
    receipts/<n>.json      redaction receipts (kinds and counts, never values)
    qm/<n>.json            QM results, when present
    audit/entries.jsonl    the audit-log slice, ending with the export's own entry
    audit/checkpoints.json the signed checkpoints inside the slice (the last signs its end)
"""

from __future__ import annotations

import re

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CERTIFICATE = "appliance.crt"
BUNDLE_FORMAT = "ccedge-audit-bundle/1"


def manifest_message(manifest: bytes) -> bytes:
    return b"ccedge-audit-bundle-manifest\n" + manifest


def safe_stem(call_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", call_id)[:120] or "call"


__all__ = ["BUNDLE_FORMAT", "CERTIFICATE", "MANIFEST", "SIGNATURE", "manifest_message", "safe_stem"]
