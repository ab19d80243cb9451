"""Provisioning verbs, registered through the ``ccedge.commands`` entry-point group:
``ccedge enroll``, ``ccedge revoke``, ``ccedge doctor`` and ``ccedge service``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ccedge.core.config import data_dir as default_data_dir
from ccedge.core.pki import USER_ROLES
from ccedge.firmware import FirmwareError


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir(create=False)


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data-dir",
        type=Path,
        help="the appliance's data directory (default: $CCEDGE_DATA_DIR, "
        "/var/lib/ccedge, ~/.local/share/ccedge)",
    )


def register_enroll(sub: Any) -> None:
    p = sub.add_parser(
        "enroll",
        help="issue a console identity bundle for one person (audited)",
        description="Issue a client certificate for one person and write it, with its key, "
        "the appliance CA, address and fingerprint, to one 0600 bundle file.",
    )
    p.add_argument("--role", choices=USER_ROLES, help="supervisor, compliance, admin or agent")
    p.add_argument("--agent", default="",
                   help="role agent only: the agent label QM stores for their calls (e.g. 'ext 101')")
    p.add_argument("--name", help="the person's user name (letters, digits, . _ @ -)")
    p.add_argument("--out", type=Path, help="bundle file to write (mode 0600)")
    p.add_argument("--address", help="address consoles use (default: the one `ccedge init` chose)")
    p.add_argument("--port", type=int, help="API port (default 7443)")
    p.add_argument("--days", type=int, default=365, help="certificate lifetime in days (default 365)")
    p.add_argument("--list", action="store_true", help="list enrolled users instead")
    _add_data_dir(p)
    p.set_defaults(func=_enroll)


def _enroll(args: argparse.Namespace) -> int:
    from ccedge.firmware.provision import enroll, users

    data = _data_dir(args)
    if args.list:
        for u in users(data):
            until = dt.datetime.fromtimestamp(u["not_after"], dt.UTC).strftime("%Y-%m-%d")
            print(
                f"{u['name']:<24} {u['role']:<11} until {until}  "
                f"{'REVOKED' if u.get('revoked') else 'active'}"
            )
        return 0
    if not (args.role and args.name and args.out):
        raise FirmwareError("enroll needs --role, --name and --out (or --list)")
    if not 1 <= args.days <= 825:
        raise FirmwareError("--days must be 1..825")
    bundle = enroll(
        data, args.name, args.role, args.out, address=args.address, port=args.port, days=args.days,
        agent=args.agent,
    )
    as_agent = f" ({args.agent})" if args.agent else ""
    print(
        f"enrolled {bundle.name} as {bundle.role}{as_agent}: {args.out} (0600; holds a private key, "
        f"hand it over in person); appliance {bundle.address}:{bundle.port} "
        f"fingerprint {bundle.fingerprint[:16]}…"
    )
    return 0


def register_revoke(sub: Any) -> None:
    p = sub.add_parser(
        "revoke",
        help="revoke a person's console identity (audited)",
        description="Add every live certificate of NAME to the revocation list the API checks on every call.",
    )
    p.add_argument("name")
    p.add_argument("--reason", default="revoked", help="one line for the audit trail")
    _add_data_dir(p)
    p.set_defaults(func=_revoke)


def _revoke(args: argparse.Namespace) -> int:
    from ccedge.firmware.provision import revoke

    serials = revoke(_data_dir(args), args.name, args.reason)
    print(f"revoked {args.name}: {len(serials)} certificate(s); the API refuses them from the next call")
    return 0


def register_doctor(sub: Any) -> None:
    p = sub.add_parser("doctor", help="check the box and the install; say how to fix what is wrong")
    _add_data_dir(p)
    p.add_argument("--calls", type=int, default=20, help="live calls the box must hold (sizing check)")
    p.add_argument("--config", type=Path,
                   help="the service's configuration: sizing for its [speech] model (default tiny.en)")
    p.add_argument("--port", type=int, default=7443, help="API port to probe")
    p.add_argument("--json", action="store_true", help="one JSON document instead of a table")
    p.set_defaults(func=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    from ccedge.firmware.doctor import render, run_checks

    model = ""
    if args.config is not None:
        from ccedge.core.runtime import load_config

        model = load_config(args.config).speech.model
    checks = run_checks(_data_dir(args), args.calls, args.port, model)
    print(render(checks, args.json))
    return 1 if any(c.status == "fail" for c in checks) else 0


def register_service(sub: Any) -> None:
    p = sub.add_parser("service", help="the systemd unit: print it, install it (root), or score it")
    p.add_argument("action", choices=("unit", "install", "security"))
    p.add_argument("--data-dir", type=Path, default=Path("/var/lib/ccedge"))
    p.add_argument("--user", default="ccedge", help="the dedicated system user (created if missing)")
    p.add_argument("--config", type=Path, help="TOML configuration the service runs with")
    p.add_argument("--sound", action="store_true", help="allow the sound card (line-tap source)")
    p.add_argument("--no-start", action="store_true", help="enable but do not start")
    p.set_defaults(func=_service)


def _service(args: argparse.Namespace) -> int:
    import tempfile

    from ccedge.firmware.service import UNIT_NAME, ccedge_executable, install, render_unit, security_score

    text = render_unit(ccedge_executable(), args.data_dir, args.user, args.config, args.sound)
    if args.action == "unit":
        sys.stdout.write(text)
    elif args.action == "install":
        unit = install(
            args.data_dir, args.user, config=args.config, sound=args.sound, start=not args.no_start
        )
        print(f"installed {unit}; `systemctl status {UNIT_NAME}`")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / UNIT_NAME
            path.write_text(text)
            score = security_score(path)
        print(
            f"systemd-analyze security: {score}"
            if score
            else "systemd-analyze is not available (or too old for --offline)"
        )
    return 0


def register_certs(sub: Any) -> None:
    p = sub.add_parser("certs", help="the appliance's CA and server certificate: show or renew")
    p.add_argument("action", choices=("show", "renew"))
    p.add_argument("--site", help="site name (renew: keep the recorded one when omitted)")
    _add_data_dir(p)
    p.set_defaults(func=_certs)


def _certs(args: argparse.Namespace) -> int:
    from ccedge.core.pki import PkiPaths, days_left, fingerprint, read_cert
    from ccedge.firmware.provision import appliance_info, init_pki

    data = _data_dir(args)
    paths = PkiPaths.of(data)
    if args.action == "renew":
        site = args.site or (appliance_info(paths).site if (paths.root / "appliance.json").exists() else "")
        init_pki(data, argparse.Namespace(renew_server_cert=True, site=site))
    server = read_cert(paths.server_cert)
    print(f"server certificate: {days_left(server):.0f} days left, SHA-256 {fingerprint(server)}")
    print(f"CA: {days_left(read_cert(paths.ca_cert)):.0f} days left")
    if args.action == "renew":
        print("consoles enrolled before must be re-enrolled or told the new fingerprint (discovery pins it)")
    return 0


__all__ = ["register_certs", "register_doctor", "register_enroll", "register_revoke", "register_service"]
