"""Audit export: signed bundle verifies offline; any flipped byte fails, naming what broke;
the officer opens recordings with the stock age tool."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pyrage
import pytest

from ccedge.core.vault import Vault, VaultError, decrypt_bundle, export_bundle, verify_bundle

from .conftest import populate


@pytest.fixture
def officer(tmp_path: Path) -> tuple[str, Path]:
    ident = pyrage.x25519.Identity.generate()
    key = tmp_path / "officer.key"
    key.write_text(f"# public key: {ident.to_public()}\n{ident}\n")
    return str(ident.to_public()), key


@pytest.fixture
def bundle(vault: Vault, officer: tuple[str, Path], tmp_path: Path) -> Path:
    populate(vault, calls=2, seconds=2.0)
    vault.save_score("call-1", "service", "1", 90.0, False, [])
    vault.audio_wav("call-0", "sam", "supervisor")
    out = tmp_path / "bundle.tar"
    r = export_bundle(vault, out, officer[0], "carol", "compliance")
    assert r["calls"] == 2
    return out


def test_export_verifies_offline(bundle: Path, vault: Vault) -> None:
    report = verify_bundle(bundle)
    assert report.ok, report.problems
    names = set(tarfile.open(bundle).getnames())
    assert {
        "recordings/call-0.wav.age",
        "transcripts/call-1.jsonl.age",
        "receipts/call-0.json",
        "qm/call-1.json",
        "audit/entries.jsonl",
        "manifest.json",
        "manifest.sig",
        "appliance.crt",
    } <= names
    assert report.manifest["audit"]["first_seq"] == 1
    cert = (vault.data_dir / "keys" / "appliance.crt").read_bytes()
    import hashlib

    assert verify_bundle(bundle, pin=hashlib.sha256(cert).hexdigest()).ok
    assert not verify_bundle(bundle, pin="00" * 32).ok
    exported = [e for e in vault.index.audit_entries() if e["action"] in ("export", "recording-exported")]
    assert [e["actor"] for e in exported] == ["carol"] * 3


def test_officer_decrypts_with_pyrage_and_stock_age(
    bundle: Path, officer: tuple[str, Path], tmp_path: Path, vault: Vault
) -> None:
    files = decrypt_bundle(bundle, officer[1], tmp_path / "out")
    wav = (tmp_path / "out" / "call-0.wav").read_bytes()
    assert wav == vault.audio_wav("call-0", "x", "compliance") and len(files) == 4
    age = shutil.which("age")
    if age is None:
        pytest.skip("the stock age CLI is not installed (apt-get install age)")
    with tarfile.open(bundle) as tf:
        tf.extract("recordings/call-1.wav.age", tmp_path, filter="data")
    subprocess.run(
        [
            age,
            "-d",
            "-i",
            str(officer[1]),
            "-o",
            str(tmp_path / "stock.wav"),
            str(tmp_path / "recordings" / "call-1.wav.age"),
        ],
        check=True,
    )
    assert (tmp_path / "stock.wav").read_bytes() == vault.audio_wav("call-1", "x", "compliance")
    sox = shutil.which("soxi")
    if sox:  # a stock audio tool reads it as two-channel 8 kHz audio
        out = subprocess.run(
            [sox, str(tmp_path / "stock.wav")], capture_output=True, text=True, check=True
        ).stdout
        assert "Channels       : 2" in out and "8000" in out


def test_wrong_identity_is_refused(bundle: Path, tmp_path: Path) -> None:
    other = pyrage.x25519.Identity.generate()
    key = tmp_path / "other.key"
    key.write_text(f"{other}\n")
    with pytest.raises(VaultError, match="does not decrypt"):
        decrypt_bundle(bundle, key, tmp_path / "o")


def _flip(src: Path, dst: Path, pos: int) -> None:
    data = bytearray(src.read_bytes())
    data[pos] ^= 0x20
    dst.write_bytes(bytes(data))


def test_one_flipped_byte_anywhere_fails_and_names_what_broke(bundle: Path, tmp_path: Path) -> None:
    size = bundle.stat().st_size
    with tarfile.open(bundle) as tf:
        members = {m.name: m for m in tf.getmembers()}
    targeted = {name: m.offset_data + m.size // 2 for name, m in members.items() if m.size}
    header_of = {name: m.offset + 10 for name, m in members.items()}
    positions = sorted(
        {
            *targeted.values(),
            *header_of.values(),
            *range(0, size, max(1, size // 97)),
            size - 1,
            members["manifest.sig"].offset_data + members["manifest.sig"].size + 3,
        }
    )
    bad = tmp_path / "bad.tar"
    for pos in positions:
        _flip(bundle, bad, pos)
        report = verify_bundle(bad)
        assert not report.ok, f"flip at {pos} of {size} went unnoticed"
        assert report.problems[0]
    # a flip inside a member's data names that member
    for name, pos in targeted.items():
        _flip(bundle, bad, pos)
        problems = " ".join(verify_bundle(bad).problems)
        expect = "manifest.json" if name in ("manifest.sig", "appliance.crt") else name
        assert expect in problems or (name == "appliance.crt" and "appliance.crt" in problems), (
            name,
            problems,
        )


def test_added_member_is_named(bundle: Path, tmp_path: Path) -> None:
    import io

    extra = tmp_path / "plus.tar"
    shutil.copy(bundle, extra)
    with tarfile.open(extra, "a") as tf:
        info = tarfile.TarInfo("recordings/evil.wav.age")
        info.size = 3
        tf.addfile(info, io.BytesIO(b"abc"))
    report = verify_bundle(extra)
    assert not report.ok and any("evil" in p and "not listed" in p for p in report.problems)


def test_selection_by_time_and_call(vault: Vault, officer: tuple[str, Path], tmp_path: Path) -> None:
    populate(vault, calls=3, seconds=1.0)
    r = export_bundle(vault, tmp_path / "one.tar", officer[0], "carol", "compliance", call_id="call-2")
    assert r["calls"] == 1 and verify_bundle(tmp_path / "one.tar").ok
    later = vault.list_calls()[-1]["started"] + 10
    r = export_bundle(vault, tmp_path / "none.tar", officer[0], "carol", "compliance", since=later)
    assert r["calls"] == 0 and verify_bundle(tmp_path / "none.tar").ok
    with pytest.raises(VaultError, match="age public key"):
        export_bundle(vault, tmp_path / "x.tar", "not-a-key", "carol", "compliance")
    assert not (tmp_path / "x.tar").exists()


def test_fuzz_verify_never_raises_and_never_accepts_a_change(bundle: Path, tmp_path: Path) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    data = bundle.read_bytes()
    bad = tmp_path / "fuzz.tar"

    @settings(max_examples=150, deadline=None)
    @given(
        st.lists(
            st.tuples(st.integers(0, len(data) - 1), st.integers(1, 255)),
            min_size=1,
            max_size=4,
            unique_by=lambda e: e[0],  # two flips of one byte could cancel out
        ),
        st.sampled_from(["flip", "truncate", "append"]),
    )
    def check(edits: list[tuple[int, int]], how: str) -> None:
        out = bytearray(data)
        if how == "flip":
            for pos, x in edits:
                out[pos] ^= x
        elif how == "truncate":
            del out[edits[0][0] :]
        else:
            out += bytes(x for _p, x in edits)
        bad.write_bytes(bytes(out))
        report = verify_bundle(bad)  # never raises: a malformed bundle is a report, not a crash
        assert not report.ok and report.problems

    check()
