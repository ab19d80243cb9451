"""The vault end to end through the real sink: storage, keys, rotation, roles, search, retention."""

from __future__ import annotations

import io
import shutil
import sqlite3
import wave
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.vault import AccessDenied, KeyUnavailableError, Vault, VaultError
from ccedge.core.vault.errors import IntegrityError

from .conftest import PASSPHRASE, populate


def frames(wav: bytes) -> tuple[int, np.ndarray]:
    with wave.open(io.BytesIO(wav)) as w:
        assert w.getnchannels() == 2 and w.getsampwidth() == 2
        return w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, 2)


def test_recording_round_trip_is_a_playable_two_channel_wav(vault: Vault) -> None:
    sent = populate(vault, calls=1, seconds=3.0)["call-0"]
    rows = vault.list_calls()
    assert [r["call_id"] for r in rows] == ["call-0"]
    assert rows[0]["agent"] == "ext-201" and rows[0]["state"] == "complete" and rows[0]["duration_s"] == 3.0
    rate, pcm = frames(vault.audio_wav("call-0", "alice", "compliance"))
    assert rate == 8000 and len(pcm) == 24000
    assert np.array_equal(pcm[:, 0], sent["callee"]) and np.array_equal(pcm[:, 1], sent["caller"])
    assert [e["text"] for e in vault.transcript("call-0", "alice", "compliance")] == ["thank you for calling"]
    reads = [e for e in vault.index.audit_entries() if e["action"] == "recording-read"]
    assert [(e["actor"], e["target"]) for e in reads] == [("alice", "call-0")] * 2


def test_files_are_owner_only(vault: Vault) -> None:
    populate(vault, calls=1)
    for p in vault.data_dir.rglob("*"):
        mode = p.stat().st_mode & 0o777
        assert mode == (0o700 if p.is_dir() else 0o600), p


def test_wrong_passphrase_is_one_clear_error(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCEDGE_VAULT_PASSPHRASE", "not it")
    with pytest.raises(KeyUnavailableError, match="wrong vault passphrase"):
        Vault.open(vault.data_dir)


def test_init_refuses_an_existing_appliance(vault: Vault) -> None:
    with pytest.raises(VaultError, match="refusing"):
        Vault.init(vault.data_dir)


def test_machine_secret_when_no_passphrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCEDGE_VAULT_PASSPHRASE", raising=False)
    v = Vault.init(tmp_path / "d")
    secret = tmp_path / "d" / "keys" / "machine.secret"
    assert secret.stat().st_mode & 0o777 == 0o600 and v.keyring.source == "machine-secret"
    v.close()
    Vault.open(tmp_path / "d").close()


def test_rotation_rewraps_without_rewriting_audio(vault: Vault) -> None:
    populate(vault, calls=2)
    files = {p: p.read_bytes() for p in vault.data_dir.rglob("*.audio")}
    before = vault.audio_wav("call-1", "a", "compliance")
    result = vault.rotate("admin", "administrator")
    assert result == {"from": 1, "to": 2, "rewrapped": 4}
    assert {p: p.read_bytes() for p in vault.data_dir.rglob("*.audio")} == files
    vault.close()
    v2 = Vault.open(vault.data_dir)
    assert list(v2.keyring.keks) == [2]  # the old KEK is destroyed
    assert v2.audio_wav("call-1", "a", "compliance") == before
    v2.close()


def test_a_data_key_wrapped_by_a_destroyed_kek_does_not_open(vault: Vault) -> None:
    populate(vault, calls=1)
    old_blob = vault.index.recordings("call-0")["audio"]["dek"]
    vault.rotate("admin", "administrator")
    with pytest.raises(KeyUnavailableError, match="destroyed"):
        vault.keyring.unwrap(bytes(old_blob), "call-0")


def test_roles_are_enforced_and_denials_audited(vault: Vault) -> None:
    populate(vault, calls=1)
    with pytest.raises(AccessDenied):
        vault.audio_wav("call-0", "eve", "agent")
    with pytest.raises(AccessDenied):
        vault.hold("call-0", "case 1", "sam", "supervisor")
    denied = [e for e in vault.index.audit_entries() if e["action"] == "access-denied"]
    assert [e["actor"] for e in denied] == ["eve", "sam"]


def test_search_finds_redacted_text_and_audits_without_the_query(vault: Vault) -> None:
    populate(vault, calls=2, text="your balance is [AMOUNT] today")
    hits = vault.search("Balance is", "alice", "compliance")
    assert [h["call_id"] for h in hits] == ["call-0", "call-1"]
    assert vault.search("refund", "alice", "compliance") == []
    last = vault.index.audit_entries()[-1]
    assert last["action"] == "search" and "balance" not in last["detail"].lower()


def test_list_filters(vault: Vault) -> None:
    populate(vault, calls=2, flagged=True)
    assert len(vault.list_calls(agent="ext-201")) == 2
    assert vault.list_calls(agent="ext-999") == []
    assert [r["call_id"] for r in vault.list_calls(call_id="call-1")] == ["call-1"]
    assert len(vault.list_calls(flagged=True)) == 2 and vault.list_calls(flagged=False) == []


def test_truncated_closed_recording_is_an_integrity_error(vault: Vault) -> None:
    populate(vault, calls=1)
    path = vault.data_dir / vault.index.recordings("call-0")["audio"]["path"]
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 20])
    with pytest.raises(IntegrityError, match="call-0 audio"):
        vault.audio_wav("call-0", "a", "compliance")


def test_legal_hold_blocks_retention_and_shredding(vault: Vault) -> None:
    populate(vault, calls=2)
    vault.hold("call-0", "matter 42", "carol", "compliance")
    far = vault.list_calls()[0]["expires"] + 1
    assert vault.sweep(now=far) == ["call-1"]
    assert [r["call_id"] for r in vault.list_calls()] == ["call-0"]
    with pytest.raises(VaultError, match="legal hold"):
        vault.shred("call-0", "carol", "compliance", "test")
    vault.release("call-0", "carol", "compliance")
    assert vault.sweep(now=far) == ["call-0"]
    actions = [e["action"] for e in vault.index.audit_entries()]
    assert actions.count("recording-shredded") == 2 and "legal-hold-released" in actions
    assert vault.sweep(now=far - 86400 * 365) == []


def test_shredded_recording_cannot_be_decrypted_from_a_copy_taken_before(
    vault: Vault, tmp_path: Path
) -> None:
    populate(vault, calls=1)
    recs = vault.index.recordings("call-0")
    copy = tmp_path / "copy"
    copy.mkdir()
    for rec in recs.values():
        shutil.copy(vault.data_dir / rec["path"], copy / Path(rec["path"]).name)
    wrapped = bytes(recs["audio"]["dek"])
    vault.shred("call-0", "carol", "compliance", "customer request")
    assert not any((vault.data_dir / r["path"]).exists() for r in recs.values())
    # the wrapped key is gone from the index files (secure_delete + WAL checkpoint)
    for f in vault.data_dir.glob("index.sqlite*"):
        assert wrapped not in f.read_bytes(), f.name
    # put the copied files back where they were: the vault has no key for them any more
    for rec in recs.values():
        shutil.copy(copy / Path(rec["path"]).name, vault.data_dir / rec["path"])
    with pytest.raises(KeyUnavailableError, match="shredded"):
        vault.read_stream("call-0", "audio")
    assert vault.list_calls() == []


def test_audit_chain_verifies_and_names_the_altered_entry(vault: Vault) -> None:
    populate(vault, calls=2)
    vault.audio_wav("call-0", "alice", "compliance")
    vault.audit.checkpoint()
    assert vault.verify_audit() == []
    db = sqlite3.connect(vault.data_dir / "index.sqlite")
    db.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 4")
    db.commit()
    problems = vault.verify_audit()
    assert problems and problems[0].seq == 4 and "altered" in str(problems[0])


def test_audit_chain_rewritten_from_an_entry_on_breaks_the_signed_checkpoint(vault: Vault) -> None:
    from ccedge.core.vault.audit import entry_hash

    populate(vault, calls=1)
    vault.audit.checkpoint()
    entries = vault.index.audit_entries()
    db = sqlite3.connect(vault.data_dir / "index.sqlite")
    prev = entries[1]["hash"]
    for e in entries[2:]:  # an attacker recomputes every hash after altering entry 3
        e = dict(e, prev=prev, actor="mallory" if e["seq"] == 3 else e["actor"])
        e["hash"] = entry_hash(e)
        db.execute(
            "UPDATE audit SET actor = ?, prev = ?, hash = ? WHERE seq = ?",
            (e["actor"], e["prev"], e["hash"], e["seq"]),
        )
        prev = e["hash"]
    db.commit()
    problems = vault.verify_audit()
    assert problems and "checkpoint" in str(problems[-1])


def test_scores_are_stored_for_qm(vault: Vault) -> None:
    populate(vault, calls=1)
    sid = vault.save_score("call-0", "service", "1", 87.5, False, [{"id": "greeting", "points": 10}])
    rows = vault.scores("call-0")
    assert rows[0]["id"] == sid and rows[0]["total"] == 87.5 and rows[0]["criteria"][0]["id"] == "greeting"
    with pytest.raises(VaultError):
        vault.save_score("nope", "service", "1", 1.0, False, [])


def test_index_migrations_are_idempotent(vault: Vault) -> None:
    from ccedge.core.vault.index import MIGRATIONS, SqliteIndex

    idx = SqliteIndex(vault.data_dir / "index.sqlite")
    assert idx.migrate() == len(MIGRATIONS)
    fk = idx.transaction
    with fk() as db:
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    idx.close()


def test_passphrase_is_the_seal(vault: Vault) -> None:
    assert PASSPHRASE.encode() not in b"".join(
        p.read_bytes() for p in vault.data_dir.rglob("*") if p.is_file()
    )


def test_a_call_id_seen_twice_is_stored_once_and_leaves_no_stray_files(vault: Vault) -> None:
    import asyncio

    from ccedge.core.vault import VaultSink

    from .conftest import record_call

    async def go() -> VaultSink:
        sink = VaultSink(vault)
        await record_call(sink, "dup", seconds=0.4)
        await record_call(sink, "dup", seconds=0.4)
        await sink.aclose()
        return sink

    sink = asyncio.run(go())
    assert sink.calls_stored == 1 and sink.calls_not_stored == 1 and sink.faults == 0 and sink.storage_ok
    assert len(list(vault.data_dir.rglob("*.audio"))) == 1


def test_the_sink_runs_the_retention_scheduler(vault: Vault) -> None:
    import time

    eight_years_ago = time.time() - 8 * 365.25 * 86400
    populate(vault, calls=1, wall=eight_years_ago)  # finance: seven years, so already expired
    assert [r["call_id"] for r in vault.list_calls()] == ["call-0"]
    populate(vault, calls=1)  # the next sink sweeps when its first call starts (call-0 again: refused)
    assert vault.list_calls() == [] and vault.index.get_call("call-0")["state"] == "shredded"
    assert any(e["action"] == "retention-sweep" for e in vault.index.audit_entries())
