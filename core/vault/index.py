"""The vault's index: calls, legs, agents, recordings, transcripts, receipts, scores, holds,
quarantine and the audit chain, in SQLite (WAL, foreign keys, numbered migrations).

Everything above this module talks to :class:`ccedge.core.vault.repository.Index` so that a larger site can
serve the same methods from PostgreSQL. Nothing sensitive is kept here: transcripts live in
the encrypted event files, the index holds their counts; data keys are stored wrapped.
``secure_delete`` is on and a shred checkpoints the WAL, so a destroyed wrapped key does not
linger in free pages or in the log.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ccedge.core.vault.errors import VaultError

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE agents (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);
    CREATE TABLE calls (
        call_id TEXT PRIMARY KEY, started REAL NOT NULL, ended REAL, duration_s REAL,
        agent_id INTEGER REFERENCES agents(id), source TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '', policy TEXT NOT NULL, expires REAL,
        state TEXT NOT NULL CHECK (state IN ('live', 'complete', 'interrupted', 'shredded')));
    CREATE INDEX calls_started ON calls(started);
    CREATE TABLE legs (
        call_id TEXT NOT NULL REFERENCES calls(call_id) ON DELETE CASCADE, leg TEXT NOT NULL,
        role TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', codec TEXT NOT NULL DEFAULT '',
        channel INTEGER, PRIMARY KEY (call_id, leg));
    CREATE TABLE recordings (
        call_id TEXT NOT NULL REFERENCES calls(call_id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('audio', 'events', 'quarantine')),
        path TEXT NOT NULL, dek BLOB, rate INTEGER, channels INTEGER,
        bytes INTEGER NOT NULL DEFAULT 0, chunks INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL, PRIMARY KEY (call_id, kind));
    CREATE TABLE transcripts (
        call_id TEXT PRIMARY KEY REFERENCES calls(call_id) ON DELETE CASCADE,
        utterances INTEGER NOT NULL DEFAULT 0, words INTEGER NOT NULL DEFAULT 0,
        model TEXT NOT NULL DEFAULT '');
    CREATE TABLE receipts (
        call_id TEXT PRIMARY KEY REFERENCES calls(call_id) ON DELETE CASCADE,
        flagged INTEGER NOT NULL, flags TEXT NOT NULL, receipt TEXT NOT NULL);
    CREATE TABLE scores (
        id INTEGER PRIMARY KEY, call_id TEXT NOT NULL REFERENCES calls(call_id) ON DELETE CASCADE,
        scorecard TEXT NOT NULL, version TEXT NOT NULL, total REAL NOT NULL,
        auto_failed INTEGER NOT NULL DEFAULT 0, criteria TEXT NOT NULL DEFAULT '[]',
        created REAL NOT NULL, source TEXT NOT NULL DEFAULT 'live');
    CREATE TABLE holds (
        id INTEGER PRIMARY KEY, call_id TEXT NOT NULL REFERENCES calls(call_id) ON DELETE CASCADE,
        reason TEXT NOT NULL, actor TEXT NOT NULL, created REAL NOT NULL,
        released REAL, released_by TEXT);
    CREATE TABLE quarantine (
        call_id TEXT PRIMARY KEY REFERENCES calls(call_id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('open', 'released', 'shredded')),
        flags TEXT NOT NULL DEFAULT '[]', spans INTEGER NOT NULL DEFAULT 0,
        seconds REAL NOT NULL DEFAULT 0, created REAL NOT NULL, resolved REAL);
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY, ts REAL NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
        action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL,
        prev TEXT NOT NULL, hash TEXT NOT NULL);
    CREATE TABLE checkpoints (
        seq INTEGER PRIMARY KEY REFERENCES audit(seq), hash TEXT NOT NULL, ts REAL NOT NULL,
        signature TEXT NOT NULL);
    """,
)

CALL_COLUMNS = (
    "call_id",
    "started",
    "ended",
    "duration_s",
    "agent",
    "source",
    "reason",
    "policy",
    "expires",
    "state",
)


class SqliteIndex:
    """The repository over one SQLite file; safe to share between the loop and executor threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.closed = False
        if not path.exists():  # created 0600 first: SQLite gives its -wal and -shm files the same mode
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        except sqlite3.Error as e:
            raise VaultError(f"cannot open index {path.name}: {e}") from e
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "secure_delete=ON"):
            self._db.execute(f"PRAGMA {pragma}")
        self.migrate()

    def migrate(self) -> int:
        with self.transaction():
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            if version > len(MIGRATIONS):
                raise VaultError(f"index schema {version} is newer than this software ({len(MIGRATIONS)})")
            for n in range(version, len(MIGRATIONS)):
                for stmt in filter(str.strip, MIGRATIONS[n].split(";")):
                    self._db.execute(stmt)
                self._db.execute(f"PRAGMA user_version = {n + 1}")
        return len(MIGRATIONS)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._db.in_transaction:  # nested: join the outer one
                yield self._db
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _all(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self._db.execute(sql, args).fetchall()]

    def _one(self, sql: str, args: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._all(sql, args)
        return rows[0] if rows else None

    # calls -------------------------------------------------------------------------------
    def add_call(
        self,
        call_id: str,
        started: float,
        agent: str,
        source: str,
        policy: str,
        legs: Sequence[Mapping[str, Any]],
    ) -> None:
        with self.transaction() as db:
            agent_id = None
            if agent:
                db.execute("INSERT OR IGNORE INTO agents(label) VALUES (?)", (agent,))
                agent_id = db.execute("SELECT id FROM agents WHERE label = ?", (agent,)).fetchone()[0]
            db.execute(
                "INSERT INTO calls(call_id, started, agent_id, source, policy, state) "
                "VALUES (?, ?, ?, ?, ?, 'live')",
                (call_id, started, agent_id, source, policy),
            )
            for leg in legs:
                db.execute(
                    "INSERT INTO legs(call_id, leg, role, label, codec, channel) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        call_id,
                        leg["leg"],
                        leg["role"],
                        leg.get("label", ""),
                        leg.get("codec", ""),
                        leg.get("channel"),
                    ),
                )

    def finish_call(
        self, call_id: str, ended: float, duration_s: float, reason: str, state: str, expires: float | None
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE calls SET ended = ?, duration_s = ?, reason = ?, state = ?, expires = ? "
                "WHERE call_id = ?",
                (ended, duration_s, reason, state, expires, call_id),
            )

    _CALLS = (
        "SELECT c.call_id, c.started, c.ended, c.duration_s, COALESCE(a.label, '') AS agent, c.source, "
        "c.reason, c.policy, c.expires, c.state, "
        "EXISTS(SELECT 1 FROM holds h WHERE h.call_id = c.call_id AND h.released IS NULL) AS legal_hold, "
        "COALESCE(r.flagged, 0) AS flagged, COALESCE(r.flags, '[]') AS flags, "
        "EXISTS(SELECT 1 FROM quarantine q WHERE q.call_id = c.call_id AND q.state = 'open') AS quarantined "
        "FROM calls c LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN receipts r ON r.call_id = c.call_id"
    )

    def get_call(self, call_id: str) -> dict[str, Any] | None:
        return _call_row(self._one(self._CALLS + " WHERE c.call_id = ?", (call_id,)))

    def list_calls(
        self,
        since: float | None = None,
        until: float | None = None,
        agent: str | None = None,
        call_id: str | None = None,
        flagged: bool | None = None,
        states: Sequence[str] = ("live", "complete", "interrupted"),
    ) -> list[dict[str, Any]]:
        where = [f"c.state IN ({','.join('?' * len(states))})"]
        args: list[Any] = list(states)
        for cond, value in (
            ("c.started >= ?", since),
            ("c.started < ?", until),
            ("a.label = ?", agent),
            ("c.call_id = ?", call_id),
        ):
            if value is not None:
                where.append(cond)
                args.append(value)
        if flagged is not None:
            where.append("COALESCE(r.flagged, 0) = ?")
            args.append(int(flagged))
        rows = self._all(
            self._CALLS + " WHERE " + " AND ".join(where) + " ORDER BY c.started, c.call_id", args
        )
        return [r for r in map(_call_row, rows) if r is not None]

    def legs(self, call_id: str) -> list[dict[str, Any]]:
        return self._all(
            "SELECT leg, role, label, codec, channel FROM legs WHERE call_id = ? ORDER BY channel", (call_id,)
        )

    # recordings --------------------------------------------------------------------------
    def add_recording(
        self, call_id: str, kind: str, path: str, dek: bytes, rate: int | None, channels: int | None
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO recordings(call_id, kind, path, dek, rate, channels, state) "
                "VALUES (?, ?, ?, ?, ?, ?, 'live')",
                (call_id, kind, path, dek, rate, channels),
            )

    def update_recording(self, call_id: str, kind: str, **fields: Any) -> None:
        allowed = {"dek", "rate", "channels", "bytes", "chunks", "state", "path"}
        if not fields or not set(fields) <= allowed:
            raise VaultError(f"bad recording fields {sorted(fields)}")
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction() as db:
            db.execute(
                f"UPDATE recordings SET {sets} WHERE call_id = ? AND kind = ?",
                (*fields.values(), call_id, kind),
            )

    def recordings(self, call_id: str) -> dict[str, dict[str, Any]]:
        rows = self._all("SELECT * FROM recordings WHERE call_id = ?", (call_id,))
        return {r["kind"]: r for r in rows}

    def wrapped_keys(self) -> list[tuple[str, str, bytes]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT call_id, kind, dek FROM recordings WHERE dek IS NOT NULL"
            ).fetchall()
        return [(r[0], r[1], bytes(r[2])) for r in rows]

    def forget_keys(self) -> None:
        """Push destroyed keys out of the write-ahead log (after a shred or a rotation)."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # transcripts, receipts, scores --------------------------------------------------------
    def set_transcript(self, call_id: str, utterances: int, words: int, model: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO transcripts VALUES (?, ?, ?, ?)", (call_id, utterances, words, model)
            )

    def set_receipt(self, call_id: str, receipt: Mapping[str, Any]) -> None:
        flags = list(receipt.get("flags", []))
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO receipts VALUES (?, ?, ?, ?)",
                (
                    call_id,
                    int(bool(receipt.get("flagged", False))),
                    json.dumps(flags),
                    json.dumps(receipt, sort_keys=True),
                ),
            )

    def receipt(self, call_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT receipt FROM receipts WHERE call_id = ?", (call_id,))
        return None if row is None else dict(json.loads(row["receipt"]))

    def save_score(
        self,
        call_id: str,
        scorecard: str,
        version: str,
        total: float,
        auto_failed: bool,
        criteria: Sequence[Mapping[str, Any]],
        created: float,
        source: str = "live",
    ) -> int:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO scores(call_id, scorecard, version, total, auto_failed, criteria, "
                "created, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    call_id,
                    scorecard,
                    version,
                    total,
                    int(auto_failed),
                    json.dumps(list(criteria), sort_keys=True),
                    created,
                    source,
                ),
            )
            return int(cur.lastrowid or 0)

    def scores(self, call_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM scores" + (" WHERE call_id = ?" if call_id else "") + " ORDER BY created, id"
        rows = self._all(sql, (call_id,) if call_id else ())
        for r in rows:
            r["criteria"] = json.loads(r["criteria"])
            r["auto_failed"] = bool(r["auto_failed"])
        return rows

    # holds, retention, quarantine ---------------------------------------------------------
    def add_hold(self, call_id: str, reason: str, actor: str, created: float) -> int:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO holds(call_id, reason, actor, created) VALUES (?, ?, ?, ?)",
                (call_id, reason, actor, created),
            )
            return int(cur.lastrowid or 0)

    def release_holds(self, call_id: str, actor: str, when: float) -> int:
        with self.transaction() as db:
            cur = db.execute(
                "UPDATE holds SET released = ?, released_by = ? WHERE call_id = ? AND released IS NULL",
                (when, actor, call_id),
            )
            return cur.rowcount

    def holds(self, call_id: str, active_only: bool = True) -> list[dict[str, Any]]:
        return self._all(
            "SELECT * FROM holds WHERE call_id = ?" + (" AND released IS NULL" if active_only else ""),
            (call_id,),
        )

    def expired(self, now: float, limit: int = -1) -> list[str]:
        rows = self._all(
            "SELECT call_id FROM calls c WHERE c.state != 'shredded' AND c.expires IS NOT NULL "
            "AND c.expires <= ? AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.call_id = c.call_id "
            "AND h.released IS NULL) ORDER BY c.expires LIMIT ?",
            (now, limit),
        )
        return [r["call_id"] for r in rows]

    def set_quarantine(
        self, call_id: str, state: str, flags: Sequence[str], spans: int, seconds: float, when: float
    ) -> None:
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM quarantine WHERE call_id = ?", (call_id,)).fetchone():
                db.execute(
                    "UPDATE quarantine SET state = ?, resolved = ? WHERE call_id = ?",
                    (state, None if state == "open" else when, call_id),
                )
            else:
                db.execute(
                    "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?, NULL)",
                    (call_id, state, json.dumps(list(flags)), spans, seconds, when),
                )

    def quarantined(self, state: str | None = "open") -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT * FROM quarantine" + (" WHERE state = ?" if state else "") + " ORDER BY created",
            (state,) if state else (),
        )
        for r in rows:
            r["flags"] = json.loads(r["flags"])
        return rows

    # audit -------------------------------------------------------------------------------
    def audit_append(self, row: Mapping[str, Any]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO audit(seq, ts, actor, role, action, target, detail, prev, hash) "
                "VALUES (:seq, :ts, :actor, :role, :action, :target, :detail, :prev, :hash)",
                dict(row),
            )

    def audit_entries(self, since: int = 0, until: int | None = None) -> list[dict[str, Any]]:
        if until is None:
            return self._all("SELECT * FROM audit WHERE seq >= ? ORDER BY seq", (since,))
        return self._all("SELECT * FROM audit WHERE seq >= ? AND seq <= ? ORDER BY seq", (since, until))

    def audit_last(self) -> dict[str, Any] | None:
        return self._one("SELECT * FROM audit ORDER BY seq DESC LIMIT 1")

    def add_checkpoint(self, seq: int, hash_: str, ts: float, signature: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO checkpoints VALUES (?, ?, ?, ?)", (seq, hash_, ts, signature))

    def checkpoints(self) -> list[dict[str, Any]]:
        return self._all("SELECT * FROM checkpoints ORDER BY seq")

    def close(self) -> None:
        with self._lock:
            self.closed = True
            self._db.close()


def _call_row(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    row["legal_hold"] = bool(row["legal_hold"])
    row["flagged"] = bool(row["flagged"])
    row["quarantined"] = bool(row["quarantined"])
    row["flags"] = json.loads(row["flags"])
    return row


__all__ = ["MIGRATIONS", "SqliteIndex"]
