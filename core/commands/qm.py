"""``ccedge qm``: quality-management reports, re-scoring and disputes over stored scores.

    ccedge qm report [--data-dir DIR] [--from DATE --to DATE] [--json]
    ccedge qm rescore --scorecard NAME|FILE [--data-dir DIR]
    ccedge qm dispute open CALL CRITERION --by NAME --role agent|supervisor --comment TEXT
                      [--scorecard ID --version V]
    ccedge qm dispute accept|reject ID --by NAME --comment TEXT
    ccedge qm dispute history ID

``report`` prints per agent and per team the average score, auto-fails, trend and failure
rate of each criterion; the first-contact-resolution proxy (same caller, by salted key,
within 7 days); complaint topics per day; and the outcome alignment of each criterion
(repeat-call and sentiment-recovery rates of calls that met it against calls that missed it).
Scores are kept in ``<data-dir>/qm.sqlite`` (``ccedge score --store`` or the live QM stage).
Dates are ``YYYY-MM-DD`` (UTC) or epoch seconds.
"""

from __future__ import annotations

import argparse
import calendar
import json
import time
from pathlib import Path
from typing import Any

from ccedge.core.errors import CoreError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "qm",
        help="QM reports, re-scoring and disputes",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verbs = p.add_subparsers(dest="qm_verb", metavar="ACTION", required=True)
    r = verbs.add_parser("report", help="per-agent, per-team and outcome-alignment aggregates")
    r.add_argument("--data-dir", type=Path)
    r.add_argument("--from", dest="since", help="first day (YYYY-MM-DD, UTC) or epoch seconds")
    r.add_argument("--to", dest="until", help="day after the last (YYYY-MM-DD, UTC) or epoch seconds")
    r.add_argument("--scorecard", help="only scores of this scorecard id")
    r.add_argument("--agent", help="self-view: only this agent's calls, with evidence")
    r.add_argument("--team", help="a supervisor's view: only the calls of this team")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=_report)
    s = verbs.add_parser("rescore", help="score stored calls with another scorecard version (keeps the old)")
    s.add_argument("--scorecard", required=True)
    s.add_argument("--data-dir", type=Path)
    s.set_defaults(func=_rescore)
    d = verbs.add_parser("dispute", help="contest a criterion, review a dispute, show its history")
    d.add_argument("action", choices=("open", "accept", "reject", "history"))
    d.add_argument("target", help="call id (open) or dispute id")
    d.add_argument("criterion", nargs="?", help="with open: the criterion contested")
    d.add_argument("--by", default="", help="who (agent, supervisor or reviewer name)")
    d.add_argument("--role", default="agent", help="with open: agent or supervisor")
    d.add_argument("--comment", default="")
    d.add_argument("--scorecard", help="with open: scorecard id (default: the call's newest score)")
    d.add_argument("--version", help="with open: scorecard version")
    d.add_argument("--data-dir", type=Path)
    d.set_defaults(func=_dispute)


def _store(args: argparse.Namespace) -> Any:
    from ccedge.core.config import data_dir
    from ccedge.core.qm import QmStore

    folder = args.data_dir or data_dir()
    path = folder / "qm.sqlite"
    if not path.is_file():
        raise CoreError(f"no QM store in {folder} (score calls first: ccedge score --store)")
    return QmStore(path)


def _when(s: str | None) -> float | None:
    if s is None:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    try:
        return float(calendar.timegm(time.strptime(s, "%Y-%m-%d")))
    except ValueError as e:
        raise CoreError(f"not a date (YYYY-MM-DD) or epoch seconds: {s!r}") from e


def _report(args: argparse.Namespace) -> int:
    from ccedge.core.qm import report
    from ccedge.core.qm.aggregates import REPEAT_DAYS

    store = _store(args)
    since, until = _when(args.since), _when(args.until)
    # an agent's self-view / a team's view: filtered in SQL (indexed), not after loading the site
    scores = store.scores(since, until, args.scorecard, agent=args.agent, team=args.team)
    facts = store.all_facts(since, until, agent=args.agent, team=args.team)
    context = store.callers_again(facts, REPEAT_DAYS * 86400) if args.agent or args.team else []
    rep = report(scores, facts, context)
    if args.agent:
        rep["calls_detail"] = sorted(scores, key=lambda s: s.get("started") or 0.0)
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
        return 0
    fcr = "n/a" if rep["fcr_proxy"] is None else f"{100 * rep['fcr_proxy']:.0f} %"
    avg = "n/a" if rep["average"] is None else f"{rep['average']:.1f}"
    print(f"{rep['calls']} scored calls, average {avg}, first-contact resolution (proxy) {fcr}")
    for key in ("agent", "team"):
        print(f"\nper {key}:")
        print(f"  {key:16} {'calls':>5} {'avg':>6} {'trend':>6} {'auto-fail':>9}  worst criteria")
        for g in rep[f"{key}s"]:
            worst = sorted(g["failure_rates"].items(), key=lambda kv: -kv[1])[:3]
            w = ", ".join(f"{k} {100 * v:.0f}%" for k, v in worst if v > 0) or "-"
            name = g[key]
            figures = f"{g['calls']:5d} {g['average']:6.1f} {g['trend']:+6.1f} {g['auto_failed']:9d}"
            print(f"  {name:16} {figures}  {w}")
    print("\noutcome alignment (met vs missed: calls, repeat-call rate, sentiment recovery):")
    for a in rep["alignment"]:
        m, x = a["met"], a["missed"]
        print(
            f"  {a['criterion']:28} met {m['calls']:3d} {_pct(m['repeat_rate'])} {_pct(m['recovery_rate'])}"
            f"  missed {x['calls']:3d} {_pct(x['repeat_rate'])} {_pct(x['recovery_rate'])}  {a['verdict']}"
        )
    for s in rep.get("calls_detail", []):
        day = time.strftime("%Y-%m-%d %H:%M", time.gmtime(s.get("started") or 0.0))
        print(f"\ncall {s['call_id']} ({day}) {s['scorecard']} v{s['version']}: {s['total']:.1f}")
        for c in s["criteria"]:
            ev = c["evidence"][0] if c["evidence"] else {}
            said = f"  @{ev['t0']:.1f} s \"{ev.get('text') or ev.get('matched', '')}\"" if "t0" in ev else ""
            print(f"  {c['status']:15} {c['id']}{said}")
    if rep["complaint_topics"]:
        print("\ncomplaint topics per day:")
        for d in rep["complaint_topics"]:
            print(f"  {d['day']}  " + ", ".join(f"{k} {v}" for k, v in d["topics"].items()))
    return 0


def _pct(v: float | None) -> str:
    return "  n/a" if v is None else f"{100 * v:4.0f}%"


def _rescore(args: argparse.Namespace) -> int:
    from ccedge.core.qm import load_scorecard

    card = load_scorecard(args.scorecard)
    done = _store(args).rescore(card)
    print(f"re-scored {len(done)} call(s) with {card.id} v{card.version} (older scores kept)")
    return 0


def _dispute(args: argparse.Namespace) -> int:
    store = _store(args)
    if args.action == "open":
        if not args.criterion or not args.by:
            raise CoreError("dispute open needs CALL CRITERION and --by")
        versions = store.versions(args.target)
        if not versions:
            raise CoreError(f"no score stored for call {args.target!r}")
        card, version, _ = next(
            (
                (c, v, t)
                for c, v, t in reversed(versions)
                if (args.scorecard in (None, c)) and (args.version in (None, v))
            ),
            versions[-1],
        )
        did = store.open_dispute(args.target, card, version, args.criterion, args.by, args.role, args.comment)
        print(f"dispute {did} opened on {args.target} {card} v{version} {args.criterion}")
        return 0
    try:
        did = int(args.target)
    except ValueError as e:
        raise CoreError(f"not a dispute id: {args.target!r}") from e
    if args.action == "history":
        for h in store.dispute_history(did):
            at = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(h["at"]))
            print(f"{at}  {h['action']:9} {h['actor']} ({h['role']}): {h['comment']}")
        return 0
    if not args.by:
        raise CoreError(f"dispute {args.action} needs --by")
    new = store.resolve_dispute(did, args.by, args.action == "accept", args.comment)
    print(f"dispute {did} {args.action}ed" + (f"; new score {new.version}: {new.total:.1f}" if new else ""))
    return 0
