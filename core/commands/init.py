"""``ccedge init``: first boot of an appliance's data directory.

Creates the directory (0700), the appliance's Ed25519 signing key and certificate, the
key-encryption key sealed by the box secret, and the index; refuses to touch a directory that
already holds an appliance. Higher layers add their own first-boot steps (the appliance CA,
the server certificate, the default policy) through the ``ccedge.init_steps`` entry-point
group: each entry is a callable ``(data_dir: Path, args: argparse.Namespace) -> None``, run
after the vault exists, in the order of the entry names.
"""

from __future__ import annotations

import argparse
import hashlib
from importlib.metadata import entry_points
from typing import Any

from ccedge.core.commands.vaultargs import add_vault_args, resolve_dir
from ccedge.core.vault import Vault
from ccedge.core.vault.keys import PASSPHRASE_ENV, tpm_status

INIT_STEPS = "ccedge.init_steps"


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
    p.set_defaults(func=run)


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
    ok, why = tpm_status()
    if not ok:
        print(f"  TPM: not used ({why})")
    for ep in sorted(entry_points(group=INIT_STEPS), key=lambda e: e.name):
        ep.load()(target, args)
        print(f"  {ep.name}: done")
    return 0
