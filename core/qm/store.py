"""Where scores, call facts and disputes are kept: one SQLite file (WAL), owner-only.

Nothing is ever overwritten: a score row is keyed by (call, scorecard, version) and a second
score for the same key is refused, so re-scoring with a new scorecard version (calibration)
adds rows beside the old ones. Disputes keep every step (opened, accepted, rejected) in an
append-only history with who, their role and when; an accepted dispute adds a re-score row
(version ``<v>+d<id>``) with the contested criterion's status set by the reviewer.

This is the one place to swap for the vault's index (issue: vault) when it offers a scores
repository; the rest of QM talks to this class only.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from ccedge.core.qm.errors import QmError
from ccedge.core.qm.facts import CallFacts
from ccedge.core.qm.scorecard import Scorecard
from ccedge.core.qm.scoring import ScoreResult, score_call, totals

_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (call_id TEXT PRIMARY KEY, started REAL, agent TEXT, team TEXT,
    caller_key TEXT, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scores (call_id TEXT NOT NULL, scorecard TEXT NOT NULL, version TEXT NOT NULL,
    scored_at REAL NOT NULL, started REAL, agent TEXT, team TEXT, caller_key TEXT, total REAL NOT NULL,
    auto_failed INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (call_id, scorecard, version));
CREATE INDEX IF NOT EXISTS scores_by_time ON scores (started);
CREATE INDEX IF NOT EXISTS scores_by_agent ON scores (agent, started);
CREATE INDEX IF NOT EXISTS scores_by_team ON scores (team, started);
CREATE INDEX IF NOT EXISTS facts_by_agent ON facts (agent, started);
CREATE INDEX IF NOT EXISTS facts_by_team ON facts (team, started);
CREATE INDEX IF NOT EXISTS facts_by_caller ON facts (caller_key, started);
CREATE TABLE IF NOT EXISTS disputes (id INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL,
    scorecard TEXT NOT NULL, version TEXT NOT NULL, criterion TEXT NOT NULL, state TEXT NOT NULL,
    opened_by TEXT NOT NULL, opened_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS dispute_history (id INTEGER PRIMARY KEY AUTOINCREMENT, dispute INTEGER NOT NULL,
    at REAL NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, comment TEXT NOT NULL);
"""
DISPUTE_ROLES = ("agent", "supervisor", "reviewer", "compliance")


class QmStore:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)  # owner-only from the first byte
        os.close(fd)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    # -- facts and scores ------------------------------------------------------------------------
    def put_facts(self, f: CallFacts) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?, ?)",
                (f.call_id, f.started, f.agent, f.team, f.caller_key, json.dumps(f.to_json())),
            )

    def facts(self, call_id: str) -> CallFacts:
        row = self._db.execute("SELECT body FROM facts WHERE call_id = ?", (call_id,)).fetchone()
        if row is None:
            raise QmError(f"no facts stored for call {call_id!r}")
        return CallFacts.from_json(json.loads(row[0]))

    def all_facts(self, since: float | None = None, until: float | None = None, agent: str | None = None,
                  team: str | None = None) -> list[CallFacts]:
        """Facts of the calls in the period (of one agent or team: an index, not a scan)."""
        q, args = _period("SELECT body FROM facts", since, until, agent, team)
        return [
            CallFacts.from_json(json.loads(r[0])) for r in self._db.execute(q + " ORDER BY started", args)
        ]

    def callers_again(self, facts: list[CallFacts], within_s: float) -> list[CallFacts]:
        """Other calls of the same callers (salted keys) up to ``within_s`` after ``facts``: what
        tells a repeat call when a view holds one agent's calls only (the caller may have called
        someone else the next day)."""
        keys = sorted({f.caller_key for f in facts if f.caller_key})
        if not keys:
            return []
        mine = {f.call_id for f in facts}
        lo = min(f.started for f in facts)
        hi = max(f.started for f in facts) + within_s
        out: list[CallFacts] = []
        for i in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            part = keys[i : i + 500]
            q = (f"SELECT call_id, body FROM facts WHERE caller_key IN ({','.join('?' * len(part))}) "
                 "AND started >= ? AND started <= ?")
            out += [CallFacts.from_json(json.loads(b)) for cid, b in self._db.execute(q, [*part, lo, hi])
                    if cid not in mine]
        return out

    def put_score(self, r: ScoreResult, f: CallFacts) -> bool:
        """Store a score; ``False`` (and nothing changed) when that version is already stored."""
        with self._lock:
            try:
                self._db.execute(
                    "INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        r.call_id,
                        r.scorecard,
                        r.version,
                        time.time(),
                        f.started,
                        f.agent,
                        f.team,
                        f.caller_key,
                        r.total,
                        int(r.auto_failed),
                        json.dumps(r.to_json()),
                    ),
                )
            except sqlite3.IntegrityError:
                return False
        return True

    def score(self, call_id: str, scorecard: str, version: str) -> ScoreResult:
        row = self._db.execute(
            "SELECT body FROM scores WHERE call_id=? AND scorecard=? AND version=?",
            (call_id, scorecard, version),
        ).fetchone()
        if row is None:
            raise QmError(f"no score for call {call_id!r} on {scorecard} {version}")
        d = json.loads(row[0])
        return ScoreResult(
            d["call_id"],
            d["scorecard"],
            d["version"],
            d["total"],
            d["auto_failed"],
            tuple(d["criteria"]),
            tuple(d["sections"]),
        )

    def versions(self, call_id: str) -> list[tuple[str, str, float]]:
        """Every stored score of a call: (scorecard, version, total), oldest first."""
        return [
            (a, b, c)
            for a, b, c in self._db.execute(
                "SELECT scorecard, version, total FROM scores WHERE call_id=? ORDER BY scored_at", (call_id,)
            )
        ]

    def scores(
        self, since: float | None = None, until: float | None = None, scorecard: str | None = None,
        agent: str | None = None, team: str | None = None,
    ) -> list[dict[str, Any]]:
        """The newest score of each call (per scorecard) in the period, with its facts' keys; of
        one agent (their self-view) or one team (a supervisor's) through an index."""
        q, args = _period(
            "SELECT call_id, scorecard, body, agent, team, caller_key, started, scored_at FROM scores",
            since,
            until,
            agent,
            team,
        )
        if scorecard:
            q += (" AND" if "WHERE" in q else " WHERE") + " scorecard = ?"
            args.append(scorecard)
        newest: dict[tuple[str, str], dict[str, Any]] = {}
        for cid, card, body, agent, team, key, started, _at in self._db.execute(
            q + " ORDER BY scored_at", args
        ):
            d = json.loads(body)
            d.update(agent=agent, team=team, caller_key=key, started=started)
            newest[(cid, card)] = d
        return list(newest.values())

    def rescore(self, card: Scorecard, call_ids: list[str] | None = None) -> list[ScoreResult]:
        """Score stored calls with ``card`` (a new version), keeping every older score."""
        out = []
        ids = call_ids or [r[0] for r in self._db.execute("SELECT call_id FROM facts ORDER BY started")]
        for cid in ids:
            f = self.facts(cid)
            r = score_call(card, f)
            if self.put_score(r, f):
                out.append(r)
        return out

    # -- disputes --------------------------------------------------------------------------------
    def open_dispute(
        self, call_id: str, scorecard: str, version: str, criterion: str, by: str, role: str, comment: str
    ) -> int:
        if role not in DISPUTE_ROLES:
            raise QmError(f"dispute role must be one of {', '.join(DISPUTE_ROLES)}")
        result = self.score(call_id, scorecard, version)
        if criterion not in {c["id"] for c in result.criteria}:
            raise QmError(f"scorecard {scorecard} {version} has no criterion {criterion!r}")
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO disputes (call_id, scorecard, version, criterion, state, opened_by, opened_at) "
                "VALUES (?, ?, ?, ?, 'open', ?, ?)",
                (call_id, scorecard, version, criterion, by, time.time()),
            )
            did = int(cur.lastrowid or 0)
            self._history(did, by, role, "opened", comment)
        return did

    def resolve_dispute(
        self, dispute: int, reviewer: str, accept: bool, comment: str, status: str = "met"
    ) -> ScoreResult | None:
        """Accept (re-score with the criterion set to ``status``) or reject; both are kept."""
        row = self._db.execute(
            "SELECT call_id, scorecard, version, criterion, state FROM disputes WHERE id=?", (dispute,)
        ).fetchone()
        if row is None:
            raise QmError(f"no dispute {dispute}")
        cid, card_id, version, criterion, state = row
        if state != "open":
            raise QmError(f"dispute {dispute} is already {state}")
        with self._lock:
            self._db.execute(
                "UPDATE disputes SET state=? WHERE id=?", ("accepted" if accept else "rejected", dispute)
            )
            self._history(dispute, reviewer, "reviewer", "accepted" if accept else "rejected", comment)
        if not accept:
            return None
        old = self.score(cid, card_id, version)
        rows = [dict(c) for c in old.criteria]
        for c in rows:
            if c["id"] == criterion:
                c["status"] = status
                c["points"] = c["weight"] if status == "met" else 0.0
                c["evidence"] = [*c["evidence"], {"matched": f"dispute {dispute} accepted: {status}"}]
        new = totals(
            cid,
            card_id,
            f"{version}+d{dispute}",
            rows,
            [{k: v for k, v in x.items() if k != "score"} for x in old.sections],
        )
        self.put_score(new, self.facts(cid))
        return new

    def dispute_history(self, dispute: int) -> list[dict[str, Any]]:
        return [
            {"at": at, "actor": a, "role": r, "action": act, "comment": c}
            for at, a, r, act, c in self._db.execute(
                "SELECT at, actor, role, action, comment FROM dispute_history WHERE dispute=? ORDER BY id",
                (dispute,),
            )
        ]

    def _history(self, dispute: int, actor: str, role: str, action: str, comment: str) -> None:
        self._db.execute(
            "INSERT INTO dispute_history (dispute, at, actor, role, action, comment) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (dispute, time.time(), actor, role, action, comment),
        )


def _period(q: str, since: float | None, until: float | None, agent: str | None = None,
            team: str | None = None) -> tuple[str, list[Any]]:
    conds: list[str] = []
    args: list[Any] = []
    for col, value in (("agent", agent), ("team", team)):
        if value is not None:
            conds.append(f"{col} = ?")
            args.append(value)
    if since is not None:
        conds.append("started >= ?")
        args.append(since)
    if until is not None:
        conds.append("started < ?")
        args.append(until)
    return (q + (" WHERE " + " AND ".join(conds) if conds else "")), args
