"""The vault's verbs through ``ccedge.core.cli.main``: names, flags and outputs of issue 11."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pyrage
import pytest

from ccedge.core.cli import main
from ccedge.core.commands import init as init_cmd
from ccedge.core.vault import Vault

from .conftest import PASSPHRASE, populate


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CCEDGE_VAULT_PASSPHRASE", PASSPHRASE)
    d = tmp_path / "data"
    assert main(["init", "--data-dir", str(d), "--policy", "healthcare"]) == 0
    v = Vault.open(d)
    populate(v, calls=2, seconds=1.0, sealed_at=0.4)
    v.close()
    return d


def test_init_refuses_to_overwrite(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--data-dir", str(data)]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err


def test_init_runs_extension_steps_in_name_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def step(name: str) -> SimpleNamespace:
        return SimpleNamespace(name=name, load=lambda: lambda d, a: seen.append(f"{name}:{d.name}"))

    monkeypatch.setattr(
        init_cmd,
        "entry_points",
        lambda group: [step("b-server-cert"), step("a-ca")] if group == "ccedge.init_steps" else [],
    )
    monkeypatch.delenv("CCEDGE_VAULT_PASSPHRASE", raising=False)
    assert main(["init", "--data-dir", str(tmp_path / "box")]) == 0
    assert seen == ["a-ca:box", "b-server-cert:box"]


def test_data_dir_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CCEDGE_DATA_DIR", str(tmp_path / "env"))
    monkeypatch.setenv("CCEDGE_VAULT_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    assert (tmp_path / "env" / "vault.json").is_file()
    assert main(["recordings", "list", "--json"]) == 0
    assert capsys.readouterr().out.count("{") == 0


def test_list_get_hold_release(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recordings", "list", "--data-dir", str(data), "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["call_id"] for r in rows] == ["call-0", "call-1"]
    assert {"call_id", "started", "duration_s", "agent", "legal_hold", "expires"} <= set(rows[0])
    assert rows[0]["duration_s"] == 1.0 and rows[0]["agent"] == "ext-201" and rows[0]["legal_hold"] is False
    assert int(rows[0]["expires"][:4]) - int(rows[0]["started"][:4]) == 6  # healthcare: six years
    out = tmp_path / "c.wav"
    assert main(["recordings", "get", "call-0", "--out", str(out), "--data-dir", str(data)]) == 0
    assert out.read_bytes()[:4] == b"RIFF" and out.stat().st_mode & 0o777 == 0o600
    assert main(["recordings", "hold", "call-1", "--reason", "case 7", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    main(["recordings", "list", "--data-dir", str(data), "--json"])
    assert [json.loads(x)["legal_hold"] for x in capsys.readouterr().out.splitlines()] == [False, True]
    assert main(["recordings", "release", "call-1", "--data-dir", str(data)]) == 0
    assert main(["recordings", "get", "nope", "--out", str(out), "--data-dir", str(data)]) == 2


def test_search_and_quarantine(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recordings", "search", "thank you", "--data-dir", str(data), "--json"]) == 0
    assert [json.loads(x)["call_id"] for x in capsys.readouterr().out.splitlines()] == ["call-0", "call-1"]
    assert main(["recordings", "quarantine", "--json", "--data-dir", str(data)]) == 0
    q = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["call_id"], r["spans"]) for r in q] == [("call-0", 1), ("call-1", 1)]
    assert main(["recordings", "rescan", "call-0", "--shred", "--data-dir", str(data)]) == 0
    assert "shredded" in capsys.readouterr().out


def test_audit_log_export_verify(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "log", "--verify", "--data-dir", str(data)]) == 0
    assert "vault-created" in capsys.readouterr().out
    ident = pyrage.x25519.Identity.generate()
    key = tmp_path / "officer.key"
    key.write_text(f"# public key: {ident.to_public()}\n{ident}\n")
    bundle = tmp_path / "b.tar"
    assert (
        main(
            [
                "audit",
                "export",
                "--all",
                "--recipient",
                str(ident.to_public()),
                "--out",
                str(bundle),
                "--data-dir",
                str(data),
            ]
        )
        == 0
    )
    assert main(["audit", "verify", str(bundle), "--decrypt", "--identity", str(key)]) == 0
    out = capsys.readouterr().out
    assert "VERIFIED" in out and "call-0.wav" in out
    raw = bytearray(bundle.read_bytes())
    raw[700] ^= 1  # inside the first recording
    bundle.write_bytes(bytes(raw))
    assert main(["audit", "verify", str(bundle)]) == 1
    assert "FAILED  recordings/call-0.wav.age: SHA-256 does not match" in capsys.readouterr().out


def test_export_needs_a_selection(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["audit", "export", "--recipient", "age1x", "--out", "x", "--data-dir", str(data)])
    assert "one of the arguments --all --from is required" in capsys.readouterr().err
