"""Keys of the vault: the box seal, key-encryption keys, data keys and the appliance key.

Hierarchy (ARCHITECTURE.md invariant 2):

- the **box seal** turns a secret that never leaves the box into a 256-bit sealing key:
  scrypt (RFC 7914; N=2^15, r=8, p=1, about 32 MiB) over a passphrase. A site with a TPM 2.0
  would seal to it instead (``tpm2-pytss``); this build has no TPM path, see the README.
- the sealing key wraps the **secrets** in ``keys/keyring.json``: the key-encryption keys
  (KEK, versioned; one is active), the appliance's Ed25519 signing key and the quarantine
  key. Each is AES-256-GCM with its name as associated data.
- a fresh 256-bit **data key** (DEK) per recording, wrapped by the active KEK with the
  recording id as associated data and kept in the index. Rotation makes a new KEK, rewraps
  every DEK and destroys the old KEK: the audio files are not touched.
- quarantined spans get a DEK of their own wrapped by the **quarantine key**, which only the
  compliance role may use (checked and audited by :mod:`ccedge.core.vault.store`).

Destroying a recording's wrapped DEK (crypto-shredding) leaves its files undecryptable.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.x509.oid import NameOID

from ccedge.core.files import atomic_write
from ccedge.core.vault.errors import KeyUnavailableError, VaultError

PASSPHRASE_ENV = "CCEDGE_VAULT_PASSPHRASE"
MACHINE_SECRET = "machine.secret"
KEYRING = "keyring.json"
CERT = "appliance.crt"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


def b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def unb64(s: str) -> bytes:
    return base64.b64decode(s.encode(), validate=True)


def resolve_passphrase(keys_dir: Path, passphrase_file: Path | None = None) -> tuple[bytes, str]:
    """The box secret and where it came from: ``--passphrase-file``, then
    ``$CCEDGE_VAULT_PASSPHRASE``, then the machine secret file written by ``ccedge init``."""
    if passphrase_file is not None:
        try:
            secret = Path(passphrase_file).read_bytes().strip()
        except OSError as e:
            raise VaultError(f"cannot read passphrase file {passphrase_file}: {e.strerror}") from e
        if not secret:
            raise VaultError(f"passphrase file {passphrase_file} is empty")
        return secret, "passphrase-file"
    env = os.environ.get(PASSPHRASE_ENV, "")
    if env:
        return env.encode(), "environment"
    machine = keys_dir / MACHINE_SECRET
    if machine.is_file():
        return machine.read_bytes().strip(), "machine-secret"
    raise KeyUnavailableError(
        f"no vault passphrase: give --passphrase-file or set ${PASSPHRASE_ENV} "
        f"(this vault has no machine secret file)"
    )


def write_machine_secret(keys_dir: Path) -> bytes:
    secret = base64.urlsafe_b64encode(os.urandom(32))
    atomic_write(keys_dir / MACHINE_SECRET, secret + b"\n")
    return secret


def _sealing_key(passphrase: bytes, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase)


def _seal(key: bytes, name: str, secret: bytes) -> str:
    nonce = os.urandom(12)
    return b64(nonce + AESGCM(key).encrypt(nonce, secret, name.encode()))


def _unseal(key: bytes, name: str, blob: str) -> bytes:
    raw = unb64(blob)
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], name.encode())
    except InvalidTag as e:
        raise KeyUnavailableError("wrong vault passphrase (the keyring does not open)") from e


@dataclass
class Keyring:
    """The unsealed secrets of one vault, in memory only."""

    keys_dir: Path
    salt: bytes
    source: str
    keks: dict[int, bytes]
    active: int
    signing: Ed25519PrivateKey
    quarantine: bytes
    _seal_key: bytes

    @classmethod
    def create(cls, keys_dir: Path, passphrase: bytes, source: str) -> Keyring:
        salt = os.urandom(16)
        ring = cls(
            keys_dir,
            salt,
            source,
            {1: AESGCM.generate_key(256)},
            1,
            Ed25519PrivateKey.generate(),
            AESGCM.generate_key(256),
            _sealing_key(passphrase, salt),
        )
        ring.save()
        atomic_write(keys_dir / CERT, self_signed_certificate(ring.signing))
        return ring

    @classmethod
    def open(cls, keys_dir: Path, passphrase: bytes) -> Keyring:
        try:
            doc = json.loads((keys_dir / KEYRING).read_text())
        except FileNotFoundError as e:
            raise VaultError(f"no keyring in {keys_dir} (run ccedge init)") from e
        except ValueError as e:
            raise VaultError(f"keyring {keys_dir / KEYRING} is not valid JSON") from e
        salt = unb64(doc["salt"])
        key = _sealing_key(passphrase, salt)
        keks = {int(v): _unseal(key, f"kek-{v}", blob) for v, blob in doc["keks"].items()}
        signing = Ed25519PrivateKey.from_private_bytes(_unseal(key, "signing", doc["signing"]))
        return cls(
            keys_dir,
            salt,
            doc["source"],
            keks,
            int(doc["active"]),
            signing,
            _unseal(key, "quarantine", doc["quarantine"]),
            key,
        )

    def save(self) -> None:
        raw = self.signing.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        doc = {
            "format": 1,
            "seal": "scrypt",
            "scrypt": {"n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
            "salt": b64(self.salt),
            "source": self.source,
            "active": self.active,
            "keks": {str(v): _seal(self._seal_key, f"kek-{v}", k) for v, k in sorted(self.keks.items())},
            "signing": _seal(self._seal_key, "signing", raw),
            "quarantine": _seal(self._seal_key, "quarantine", self.quarantine),
        }
        atomic_write(self.keys_dir / KEYRING, json.dumps(doc, indent=1).encode())

    # data keys -------------------------------------------------------------------------
    def wrap(self, dek: bytes, recording_id: str) -> bytes:
        return _wrap(self.keks[self.active], self.active, dek, b"dek|" + recording_id.encode())

    def unwrap(self, blob: bytes, recording_id: str) -> bytes:
        (version,) = struct.unpack_from(">I", blob)
        kek = self.keks.get(version)
        if kek is None:
            raise KeyUnavailableError(
                f"recording {recording_id}: its key-encryption key {version} is destroyed"
            )
        return _unwrap(kek, blob, b"dek|" + recording_id.encode(), recording_id)

    def wrap_quarantine(self, dek: bytes, recording_id: str) -> bytes:
        return _wrap(self.quarantine, 0, dek, b"quarantine|" + recording_id.encode())

    def unwrap_quarantine(self, blob: bytes, recording_id: str) -> bytes:
        return _unwrap(self.quarantine, blob, b"quarantine|" + recording_id.encode(), recording_id)

    def new_kek(self) -> int:
        """Add a KEK and make it active (saved at once); the caller rewraps, then :meth:`destroy`."""
        version = max(self.keks) + 1
        self.keks[version] = AESGCM.generate_key(256)
        self.active = version
        self.save()
        return version

    def destroy(self, version: int) -> None:
        if version == self.active:
            raise VaultError("cannot destroy the active key-encryption key")
        self.keks.pop(version, None)
        self.save()

    def public_key_raw(self) -> bytes:
        return self.signing.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    def certificate_pem(self) -> bytes:
        return (self.keys_dir / CERT).read_bytes()


def _wrap(kek: bytes, version: int, dek: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(12)
    return struct.pack(">I", version) + nonce + AESGCM(kek).encrypt(nonce, dek, aad)


def _unwrap(kek: bytes, blob: bytes, aad: bytes, rid: str) -> bytes:
    try:
        return AESGCM(kek).decrypt(blob[4:16], blob[16:], aad)
    except InvalidTag as e:
        raise KeyUnavailableError(f"recording {rid}: its wrapped data key does not open") from e


def new_dek() -> bytes:
    return AESGCM.generate_key(256)


def self_signed_certificate(key: Ed25519PrivateKey, years: int = 20) -> bytes:
    """The appliance's signing certificate (X.509, Ed25519, self-signed): what an auditor
    pins to check a bundle's signature offline."""
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "ccedge appliance audit signing"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ccedge"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, None)
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def tpm_status() -> tuple[bool, str]:
    """Whether a TPM 2.0 could seal the box secret here, and why not."""
    if not any(Path(p).exists() for p in ("/dev/tpmrm0", "/dev/tpm0")):
        return False, "no TPM device (/dev/tpmrm0) on this machine"
    try:
        import tpm2_pytss  # noqa: F401  (optional: only its presence is checked)
    except ImportError:
        return False, "tpm2-pytss is not installed"
    return False, "TPM sealing is not implemented in this build; the passphrase seal is used"


__all__ = [
    "Keyring",
    "new_dek",
    "resolve_passphrase",
    "self_signed_certificate",
    "tpm_status",
    "write_machine_secret",
]
