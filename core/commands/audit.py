"""``ccedge audit``: the audit trail, and exports that an auditor verifies without the appliance.

``audit log`` shows the hash chain (``--verify`` checks it and every stored chunk);
``audit export`` writes a signed bundle with the selected recordings re-encrypted to the
officer's age public key; ``audit verify BUNDLE`` checks a bundle offline and says exactly
what failed, and with ``--decrypt --identity KEY`` opens it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ccedge.core.commands.vaultargs import actor, add_vault_args, iso, open_vault, parse_time
from ccedge.core.errors import CoreError
from ccedge.core.vault import decrypt_bundle, export_bundle, verify_bundle


def register(sub: Any) -> None:
    p = sub.add_parser(
        "audit", help="the audit trail; signed exports for compliance officers", description=__doc__
    )
    verbs = p.add_subparsers(dest="audit_verb", metavar="VERB", required=True)

    log = verbs.add_parser("log", help="show the audit trail (hash chain)")
    add_vault_args(log)
    log.add_argument("--json", action="store_true")
    log.add_argument("--limit", type=int, default=0, help="only the last N entries")
    log.add_argument(
        "--verify", action="store_true", help="check the chain, its signatures and every stored chunk"
    )
    log.set_defaults(func=run_log)

    ex = verbs.add_parser("export", help="signed bundle of recordings for an officer (age-encrypted)")
    add_vault_args(ex)
    sel = ex.add_mutually_exclusive_group(required=True)
    sel.add_argument("--all", action="store_true", help="every stored recording")
    sel.add_argument(
        "--from", dest="since", type=parse_time, help="calls started at or after (ISO 8601 or epoch)"
    )
    ex.add_argument("--to", dest="until", type=parse_time, help="calls started before")
    ex.add_argument("--agent")
    ex.add_argument("--call", help="one call id")
    ex.add_argument(
        "--recipient", required=True, help="the officer's age public key (age1…) or a file holding it"
    )
    ex.add_argument("--out", type=Path, required=True, help="bundle file to write (a tar)")
    ex.set_defaults(func=run_export)

    ve = verbs.add_parser("verify", help="check a bundle offline (signature, certificate, hashes, chain)")
    ve.add_argument("bundle", type=Path)
    ve.add_argument("--pin", help="expected SHA-256 of the appliance certificate (from `ccedge init`)")
    ve.add_argument("--decrypt", action="store_true", help="also decrypt recordings and transcripts")
    ve.add_argument("--identity", type=Path, help="the officer's age identity file (with --decrypt)")
    ve.add_argument("--out", type=Path, help="folder for decrypted files (default: BUNDLE.d)")
    ve.add_argument("--json", action="store_true")
    ve.set_defaults(func=run_verify)


def run_log(args: argparse.Namespace) -> int:
    with open_vault(args) as v:
        entries = v.index.audit_entries()
        if args.limit:
            entries = entries[-args.limit :]
        for e in entries:
            if args.json:
                print(json.dumps(e, sort_keys=True))
            else:
                print(
                    f"{e['seq']:>6} {iso(e['ts'])} {e['actor']:<20} {e['role']:<12} {e['action']:<22} "
                    f"{e['target']} {e['detail'] if e['detail'] != '{}' else ''}"
                )
        if not args.verify:
            return 0
        problems = [str(p) for p in v.verify_audit()]
        problems += [f"recording {c} {k}: {msg}" for c, k, msg in v.verify_files() if msg != "ok"]
    for p in problems:
        print(f"FAILED: {p}", file=sys.stderr)
    print(
        "audit chain and recordings: " + ("OK" if not problems else f"{len(problems)} problem(s)"),
        file=sys.stderr,
    )
    return 1 if problems else 0


def run_export(args: argparse.Namespace) -> int:
    who, role = actor()
    bar: tqdm[Any] | None = None

    def progress(done: int, total: int, _what: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="call", desc="export", file=sys.stderr, disable=None)
        bar.update(done - bar.n)

    with open_vault(args) as v:
        r = export_bundle(
            v,
            args.out,
            args.recipient,
            who,
            role,
            since=None if args.all else args.since,
            until=args.until,
            agent=args.agent,
            call_id=args.call,
            progress=progress,
        )
    if bar is not None:
        bar.close()
    print(f"wrote {r['out']}: {r['calls']} call(s), {r['files']} files, {r['audit_entries']} audit entries")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    report = verify_bundle(args.bundle, args.pin)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "checks": report.checks,
                    "problems": report.problems,
                    "certificate_sha256": report.certificate_sha256,
                }
            )
        )
    else:
        for c in report.checks:
            print(f"ok      {c}")
        for p in report.problems:
            print(f"FAILED  {p}")
        print(f"appliance certificate SHA-256: {report.certificate_sha256 or '-'}")
        print("bundle: " + ("VERIFIED" if report.ok else "NOT VERIFIED"))
    if not report.ok:
        return 1
    if args.decrypt:
        if args.identity is None:
            raise CoreError("--decrypt needs --identity KEYFILE")
        out = args.out or args.bundle.with_name(args.bundle.name + ".d")
        for path in decrypt_bundle(args.bundle, args.identity, out):
            print(f"decrypted {path}")
    return 0
