"""The vault: encrypted recordings, their index, the audit trail, retention and exports.

The public face (used by the CLI, QM and the gRPC servicers)::

    v = Vault.open(data_dir)                       # keys unsealed, index opened, crashes recovered
    v.list(since=..., agent=...)                   # index rows (metadata)
    v.audio_wav(call_id, actor, role)              # a playable WAV (audited)
    v.transcript(call_id, actor, role)             # redacted utterances (audited)
    v.search(text, actor, role)                    # transcript search, decrypting in memory (audited)
    v.hold / v.release / v.shred / v.sweep / v.rotate
    v.quarantined(); quarantine_rescan(v, call_id, clearer, actor, role)
    export_bundle(v, out, recipient, actor, role, ...); verify_bundle(path)
    v.audit_append(actor, role, action, target, detail); v.verify_audit()
    VaultSink(v)                                   # the live pipeline's storing sink

Every read, export and denial is an audit entry naming the actor and role.
"""

from ccedge.core.vault.errors import (
    AccessDenied,
    IntegrityError,
    KeyUnavailableError,
    StorageUnavailable,
    VaultError,
)
from ccedge.core.vault.export import export as export_bundle
from ccedge.core.vault.quarantine import Clearer
from ccedge.core.vault.quarantine import read_spans as quarantine_spans
from ccedge.core.vault.quarantine import rescan as quarantine_rescan
from ccedge.core.vault.sink import VaultSink
from ccedge.core.vault.store import PERMISSIONS, POLICIES, Vault, local_actor
from ccedge.core.vault.verify import BundleReport, decrypt_bundle, verify_bundle

__all__ = [
    "PERMISSIONS",
    "POLICIES",
    "AccessDenied",
    "BundleReport",
    "Clearer",
    "IntegrityError",
    "KeyUnavailableError",
    "StorageUnavailable",
    "Vault",
    "VaultError",
    "VaultSink",
    "decrypt_bundle",
    "export_bundle",
    "local_actor",
    "quarantine_rescan",
    "quarantine_spans",
    "verify_bundle",
]
