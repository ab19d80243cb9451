"""What every vault verb shares: ``--data-dir``, ``--passphrase-file``, time arguments."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from ccedge.core.config import data_dir
from ccedge.core.vault import Vault, VaultError, local_actor
from ccedge.core.vault.keys import PASSPHRASE_ENV

# The local operator who holds the vault passphrase acts as the compliance officer; over
# gRPC the role comes from the client certificate instead.
LOCAL_ROLE = "compliance"


def add_vault_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="appliance data directory (default: $CCEDGE_DATA_DIR, /var/lib/ccedge, "
        "or ~/.local/share/ccedge)",
    )
    p.add_argument(
        "--passphrase-file",
        type=Path,
        default=None,
        help=f"file holding the vault passphrase (else ${PASSPHRASE_ENV}, else the machine secret)",
    )


def resolve_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir is not None else data_dir(create=False)


def open_vault(args: argparse.Namespace) -> Vault:
    return Vault.open(resolve_dir(args), args.passphrase_file)


def actor() -> tuple[str, str]:
    return local_actor(), LOCAL_ROLE


def parse_time(text: str) -> float:
    """Epoch seconds, or an ISO 8601 date/time (UTC when no offset is given)."""
    try:
        return float(text)
    except ValueError:
        pass
    try:
        t = dt.datetime.fromisoformat(text)
    except ValueError:
        raise VaultError(
            f"not a time: {text!r} (use 2026-03-01, 2026-03-01T09:30 or epoch seconds)"
        ) from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.timestamp()


def iso(t: float | None) -> str:
    if t is None:
        return "-"
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def recording_json(row: dict[str, Any]) -> dict[str, Any]:
    """One ``recordings list --json`` object (the contract of issue 11, plus state and flags)."""
    return {
        "call_id": row["call_id"],
        "started": iso(row["started"]),
        "duration_s": round(float(row["duration_s"] or 0.0), 3),
        "agent": row["agent"],
        "legal_hold": row["legal_hold"],
        "expires": iso(row["expires"]),
        "state": row["state"],
        "flagged": row["flagged"],
        "flags": row["flags"],
        "quarantined": row["quarantined"],
    }


__all__ = [
    "LOCAL_ROLE",
    "actor",
    "add_vault_args",
    "iso",
    "open_vault",
    "parse_time",
    "recording_json",
    "resolve_dir",
]
