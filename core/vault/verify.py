"""``ccedge audit verify BUNDLE``: check an audit bundle offline, without the appliance.

Checks, in order, and names the first thing that fails: the tar structure (every header's
checksum, every padding byte zero, nothing after the end marker: a flipped byte anywhere in
the file is caught), the certificate (parses, Ed25519, self-signed, its SHA-256 is the one
the manifest names, and optionally the one the officer pinned), the manifest's signature,
every listed file's size and SHA-256, no unlisted file, and the audit slice (hash chain
continuous, checkpoints signed, the last entry covered by a signed checkpoint). With an age
identity it then decrypts recordings and transcripts into a folder.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyrage
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ccedge.core.vault.audit import verify_chain
from ccedge.core.vault.bundle import BUNDLE_FORMAT, CERTIFICATE, MANIFEST, SIGNATURE, manifest_message
from ccedge.core.vault.errors import IntegrityError, VaultError

BLOCK = 512


@dataclass
class BundleReport:
    ok: bool = True
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)
    certificate_sha256: str = ""

    def fail(self, what: str) -> None:
        self.ok = False
        self.problems.append(what)


def _members(f: BinaryIO, size: int) -> dict[str, bytes]:
    """Read every regular member, checking the tar structure byte for byte."""
    try:
        tf = tarfile.open(fileobj=f, mode="r:")
        members = tf.getmembers()
    except tarfile.TarError as e:
        raise IntegrityError("bundle container", f"tar structure is damaged ({e})") from e
    out: dict[str, bytes] = {}
    end = 0
    for m in members:
        if not m.isreg():
            raise IntegrityError(f"bundle member {m.name}", "is not a regular file")
        if m.name in out:
            raise IntegrityError(f"bundle member {m.name}", "appears twice")
        f.seek(m.offset)
        _check_header(f.read(BLOCK), m.name)
        data = tf.extractfile(m)
        assert data is not None
        out[m.name] = data.read()
        end = m.offset_data + m.size
        pad = (-m.size) % BLOCK
        f.seek(end)
        if f.read(pad).strip(b"\0"):
            raise IntegrityError(f"bundle member {m.name}", "padding after its data is not zero")
        end += pad
    tf.close()
    # the end marker is exactly two zero blocks padded to whole 10 KiB records, as written
    expect = -(-(end + 2 * BLOCK) // tarfile.RECORDSIZE) * tarfile.RECORDSIZE
    if size != expect:
        raise IntegrityError(
            "bundle container", f"is {size} bytes, {expect} expected (truncated or extended)"
        )
    f.seek(end)
    if f.read(size - end).strip(b"\0"):
        raise IntegrityError(
            "bundle container", "bytes after the last member are not zero (end marker altered)"
        )
    return out


def _check_header(block: bytes, name: str) -> None:
    """The header checksum must be written exactly as tar writes it (six octal digits, NUL,
    space): the checksum does not cover its own field, so a reader that tolerates other
    terminators would let a flipped byte there pass unseen (POSIX.1-1988 ustar, "chksum")."""
    want = sum(block[:148]) + 8 * 0x20 + sum(block[156:])
    if len(block) < BLOCK or block[148:156] != b"%06o\0 " % want:
        raise IntegrityError(f"bundle member {name}", "tar header checksum field is altered")


def _certificate(pem: bytes, report: BundleReport, pin: str | None) -> Ed25519PublicKey:
    try:
        cert = x509.load_pem_x509_certificate(pem)
        key = cert.public_key()
        if not isinstance(key, Ed25519PublicKey):
            raise IntegrityError(CERTIFICATE, "is not an Ed25519 certificate")
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, InvalidSignature) as e:
        raise IntegrityError(CERTIFICATE, f"does not parse or is not validly self-signed ({e})") from e
    report.certificate_sha256 = hashlib.sha256(pem).hexdigest()
    if pin and pin.lower() not in (
        report.certificate_sha256,
        cert.fingerprint(cert.signature_hash_algorithm or _sha256()).hex(),
    ):
        raise IntegrityError(CERTIFICATE, "is not the appliance certificate you pinned")
    return key


def _sha256() -> Any:
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


def verify_bundle(path: Path, pin: str | None = None) -> BundleReport:
    report = BundleReport()
    try:
        with Path(path).open("rb") as f:
            files = _members(f, Path(path).stat().st_size)
        report.checks.append(f"tar structure: {len(files)} members, headers, padding and end marker intact")
        for name in (MANIFEST, SIGNATURE, CERTIFICATE):
            if name not in files:
                raise IntegrityError(name, "missing from the bundle")
        key = _certificate(files[CERTIFICATE], report, pin)
        try:
            sig = bytes.fromhex(files[SIGNATURE].decode().strip())
            if files[SIGNATURE] != sig.hex().encode() + b"\n":  # one spelling only (hex is case-blind)
                raise ValueError("signature file is not in its canonical form")
            key.verify(sig, manifest_message(files[MANIFEST]))
        except (InvalidSignature, ValueError, UnicodeDecodeError) as e:
            raise IntegrityError(MANIFEST, "signature does not verify with the appliance certificate") from e
        report.checks.append("manifest signature: valid (Ed25519, appliance certificate)")
        manifest = json.loads(files[MANIFEST])
        report.manifest = manifest
        if manifest.get("format") != BUNDLE_FORMAT:
            raise IntegrityError(MANIFEST, f"unknown bundle format {manifest.get('format')!r}")
        if manifest.get("appliance_certificate_sha256") != report.certificate_sha256:
            raise IntegrityError(CERTIFICATE, "is not the certificate the manifest names")
        listed = {e["path"]: e for e in manifest["files"]}
        for name, entry in listed.items():
            if name not in files:
                report.fail(f"{name}: listed in the manifest but missing")
            elif (
                len(files[name]) != entry["bytes"]
                or hashlib.sha256(files[name]).hexdigest() != entry["sha256"]
            ):
                report.fail(f"{name}: SHA-256 does not match the manifest (altered)")
        for name in sorted(set(files) - set(listed) - {MANIFEST, SIGNATURE, CERTIFICATE}):
            report.fail(f"{name}: not listed in the manifest (added)")
        if report.ok:
            report.checks.append(f"files: {len(listed)} SHA-256 hashes match")
        _audit(files, manifest, key, report)
    except IntegrityError as e:
        report.fail(str(e))
    except (ValueError, KeyError, TypeError) as e:
        report.fail(f"{MANIFEST}: malformed ({type(e).__name__})")
    return report


def _audit(
    files: dict[str, bytes], manifest: dict[str, Any], key: Ed25519PublicKey, report: BundleReport
) -> None:
    try:
        entries = [json.loads(line) for line in files["audit/entries.jsonl"].splitlines() if line.strip()]
        cps = json.loads(files["audit/checkpoints.json"])
    except (KeyError, ValueError):
        report.fail("audit slice: missing or unreadable")
        return
    problems = verify_chain(entries, cps, key, anchor=None)
    span = manifest["audit"]
    if entries and (entries[0]["seq"] != span["first_seq"] or entries[-1]["seq"] != span["last_seq"]):
        report.fail("audit slice: does not span the entries the manifest names")
    if not entries or not cps or cps[-1]["seq"] != entries[-1]["seq"]:
        report.fail("audit slice: its last entry is not covered by a signed checkpoint")
    for p in problems:
        report.fail(f"audit slice: {p}")
    if not problems:
        report.checks.append(
            f"audit chain: entries {span['first_seq']}..{span['last_seq']} continuous, "
            f"{len(cps)} signed checkpoint(s)"
        )


def decrypt_bundle(path: Path, identity_file: Path, out_dir: Path) -> list[Path]:
    """Open the age-encrypted members with the officer's identity into ``out_dir`` (0700)."""
    text = Path(identity_file).read_text()
    keys = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("AGE-SECRET-KEY-")]
    if not keys:
        raise VaultError(f"{identity_file} holds no age identity (AGE-SECRET-KEY-…)")
    ident = pyrage.x25519.Identity.from_str(keys[0])
    with Path(path).open("rb") as f:
        files = _members(f, Path(path).stat().st_size)
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for name, data in sorted(files.items()):
        if not name.endswith(".age"):
            continue
        try:
            plain = pyrage.decrypt(data, [ident])
        except Exception as e:  # pyrage.DecryptError
            raise VaultError(f"{name}: does not decrypt with this identity") from e
        target = out_dir / Path(name[: -len(".age")]).name
        target.write_bytes(plain)
        target.chmod(0o600)
        written.append(target)
    return written


__all__ = ["BundleReport", "decrypt_bundle", "verify_bundle"]
