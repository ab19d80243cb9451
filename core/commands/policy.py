"""``ccedge policy check FILE``: validate a guidance policy or a QM scorecard.

    ccedge policy check FILE      # exit 0 when it loads; else one line per fault, exit 1
    ccedge policy list            # the shipped packs and scorecards

A file with a ``[scorecard]`` table is a scorecard; its criteria are checked against the
rules of the policy it names (a shipped pack, or a file beside it). Each fault is printed as
``FILE:LINE: rule ID: what is wrong``.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

from ccedge.core.errors import CoreError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "policy",
        help="check guidance policies and QM scorecards",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verbs = p.add_subparsers(dest="policy_verb", metavar="ACTION", required=True)
    c = verbs.add_parser("check", help="validate a policy or scorecard file")
    c.add_argument("file", type=Path, metavar="FILE")
    c.set_defaults(func=_check)
    ls = verbs.add_parser("list", help="shipped policy packs and scorecards")
    ls.set_defaults(func=_list)


def _check(args: argparse.Namespace) -> int:
    from ccedge.core.guidance import check_policy, load_policy
    from ccedge.core.qm import check_scorecard

    path: Path = args.file
    if not path.is_file():
        raise CoreError(f"no such file: {path}")
    source = path.read_text(encoding="utf-8")
    try:
        is_card = "scorecard" in tomllib.loads(source)
    except tomllib.TOMLDecodeError:
        is_card = False
    if is_card:
        policy_ref = tomllib.loads(source)["scorecard"].get("policy", "")
        rule_ids = None
        if isinstance(policy_ref, str) and policy_ref:
            beside = path.parent / policy_ref
            try:
                rule_ids = {r.id for r in load_policy(beside if beside.is_file() else policy_ref).rules}
            except CoreError as e:
                print(f"{path}: policy {policy_ref!r} cannot be loaded: {e}", file=sys.stderr)
                return 1
        problems = check_scorecard(source, str(path), rule_ids)
    else:
        problems = check_policy(source, str(path))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"{path}: ok ({'scorecard' if is_card else 'policy'})")
    return 0


def _list(args: argparse.Namespace) -> int:
    from ccedge.core.guidance import load_policy, pack_names
    from ccedge.core.qm import card_names, load_scorecard

    for name in pack_names():
        p = load_policy(name)
        print(f"policy    {name:12} {p.version:12} {len(p.rules)} rules: {', '.join(r.id for r in p.rules)}")
    for name in card_names():
        c = load_scorecard(name)
        print(f"scorecard {name:12} {c.version:12} {len(c.criteria)} criteria (policy {c.policy})")
    return 0
