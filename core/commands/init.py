"""``ccedge init``: first boot of an appliance's data directory.

Creates the directory (0700), the appliance's Ed25519 signing key and certificate, the
key-encryption key sealed by the box secret, and the index; refuses to touch a directory that
already holds an appliance. It also records the appliance's default compliance policy in
``<data dir>/compliance.toml`` (``[guidance] policy`` and ``[qm]``): the guidance pack named like
the retention policy (finance, healthcare) or ``--guidance PACK|FILE|none``; ``ccedge run`` uses
it whenever its configuration has no ``[guidance]`` table, so prompts and scores run by default.
Higher layers add their own first-boot steps (the appliance CA,
the server certificate, the default policy) through the ``ccedge.init_steps`` entry-point
group: each entry is a callable ``(data_dir: Path, args: argparse.Namespace) -> None``, run
after the vault exists, in the order of the entry names.
"""

from __future__ import annotations

import argparse
import hashlib
import tomllib
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from ccedge.core.commands.vaultargs import add_vault_args, resolve_dir
from ccedge.core.errors import CoreError
from ccedge.core.files import atomic_write
from ccedge.core.vault import Vault
from ccedge.core.vault.keys import PASSPHRASE_ENV, tpm_status

INIT_STEPS = "ccedge.init_steps"
COMPLIANCE_FILE = "compliance.toml"
PACKS = ("finance", "healthcare", "service")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "init", help="create the appliance's data directory, keys and vault", description=__doc__
    )
    add_vault_args(p)
    p.add_argument(
        "--policy",
        default="finance",
        help="retention policy: finance (7 years), healthcare (6 years) or a number of years",
    )
    p.add_argument(
        "--guidance",
        default=None,
        help="default compliance policy: a guidance pack (finance, healthcare, service), a policy "
        "file, or none (default: the pack named like --policy, else service)",
    )
    p.set_defaults(func=run)


def default_pack(retention: str, guidance: str | None) -> str:
    """The compliance pack ``ccedge init`` records: ``--guidance`` or the retention policy's name."""
    if guidance:
        return guidance
    return retention if retention in PACKS else "service"


def write_default_compliance(target: Path, pack: str) -> Path:
    """Record the default policy as a TOML file (0600, temp + fsync + rename: never half-written)."""
    path = target / COMPLIANCE_FILE
    if pack == "none":
        body = "[guidance]\nenabled = false\n"
    else:
        body = f"[guidance]\npolicy = {pack!r}\n\n[qm]\nstore = true\n"
    body = f"# written by ccedge init: the default policy, used when the run config has no [guidance]\n{body}"
    atomic_write(path, body.encode())
    return path


def default_compliance(data: Path) -> tuple[dict[str, Any], dict[str, Any], str] | None:
    """``([guidance], [qm], source)`` recorded by ``ccedge init`` in ``data``, or None without one."""
    path = data / COMPLIANCE_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    doc = tomllib.loads(raw.decode("utf-8"))
    guidance, qm = doc.get("guidance", {}), doc.get("qm", {})
    if not isinstance(guidance, dict) or not isinstance(qm, dict):
        raise CoreError(f"{path}: [guidance] and [qm] must be tables")
    return guidance, qm, str(path)


def run(args: argparse.Namespace) -> int:
    target = resolve_dir(args)
    v = Vault.init(target, args.passphrase_file, args.policy)
    try:
        cert = v.keyring.certificate_pem()
        source = v.keyring.source
    finally:
        v.close()
    print(f"vault created in {target}")
    print(f"  retention: {args.policy} ({v.config['retention_years']:g} years)")
    print(f"  appliance certificate SHA-256: {hashlib.sha256(cert).hexdigest()}")
    if source == "machine-secret":
        print(
            f"  key seal: a generated machine secret (keys/machine.secret, 0600). Anyone who copies the "
            f"data directory can open it; give --passphrase-file or ${PASSPHRASE_ENV} on a real site."
        )
    else:
        print(f"  key seal: scrypt over the passphrase ({source})")
    pack = default_pack(str(args.policy), args.guidance)
    write_default_compliance(target, pack)
    print(f"  default policy: {pack} (guidance prompts and QM scores; {COMPLIANCE_FILE})")
    ok, why = tpm_status()
    if not ok:
        print(f"  TPM: not used ({why})")
    for ep in sorted(entry_points(group=INIT_STEPS), key=lambda e: e.name):
        ep.load()(target, args)
        print(f"  {ep.name}: done")
    return 0
