"""Provisioning through the real command line: init (CA + server certificate), enroll, revoke,
doctor, the service unit; files owner-only, every step audited."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ccedge.core.pki import PkiPaths, fingerprint, identity_of, read_cert
from ccedge.core.vault import Vault
from ccedge.rpc.client import Bundle as ClientBundle

CCEDGE = [sys.executable, "-m", "ccedge.core.cli"]


def ccedge(*args: str, data: Path | None = None, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CCEDGE_DATA_DIR": str(data) if data else os.environ.get("CCEDGE_DATA_DIR", "")}
    proc = subprocess.run([*CCEDGE, *args], capture_output=True, text=True, timeout=120, env=env)
    if ok:
        assert proc.returncode == 0, proc.stderr[-1500:]
    return proc


@pytest.fixture(scope="module")
def appliance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("box") / "data"
    ccedge("init", "--data-dir", str(data))
    return data


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_init_step_creates_ca_and_server_certificate(appliance: Path) -> None:
    paths = PkiPaths.of(appliance)
    assert paths.exists() and mode(paths.root) == 0o700
    for p in (paths.ca_key, paths.ca_cert, paths.server_key, paths.server_cert):
        assert mode(p) == 0o600, p
    cert = read_cert(paths.server_cert)
    from cryptography import x509

    sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in sans.get_values_for_type(x509.DNSName)
    assert any(str(a) == "127.0.0.1" for a in sans.get_values_for_type(x509.IPAddress))


def test_enroll_revoke_and_audit(appliance: Path, tmp_path: Path) -> None:
    out = tmp_path / "ann.json"
    ccedge("enroll", "--role", "compliance", "--name", "ann", "--out", str(out), "--data-dir", str(appliance))
    assert mode(out) == 0o600
    bundle = ClientBundle.load(out)  # the console's reader agrees with the writer
    assert bundle.role == "compliance" and bundle.port == 7443
    assert bundle.fingerprint == fingerprint(read_cert(PkiPaths.of(appliance).server_cert))
    ident = identity_of(bundle.cert_pem.encode())
    assert (ident.name, ident.role) == ("ann", "compliance")
    again = ccedge(
        "enroll",
        "--role",
        "admin",
        "--name",
        "ann",
        "--out",
        str(tmp_path / "x.json"),
        "--data-dir",
        str(appliance),
        ok=False,
    )
    assert (
        again.returncode == 2 and "already enrolled" in again.stderr and len(again.stderr.splitlines()) == 1
    )
    listed = ccedge("enroll", "--list", "--data-dir", str(appliance)).stdout
    assert "ann" in listed and "active" in listed
    ccedge("revoke", "ann", "--reason", "left", "--data-dir", str(appliance))
    revoked = json.loads((PkiPaths.of(appliance).revoked).read_text())
    assert [r["serial"] for r in revoked] == [ident.serial]
    assert "REVOKED" in ccedge("enroll", "--list", "--data-dir", str(appliance)).stdout
    v = Vault.open(appliance)  # the box has a vault: provisioning audits into its signed chain
    try:
        entries = v.index.audit_entries()
        assert not v.verify_audit()
    finally:
        v.close()
    actions = [(e["actor"], e["action"], e["target"]) for e in entries]
    assert actions[-2:] == [("local-admin", "enroll", "user:ann"), ("local-admin", "revoke", "user:ann")]
    assert any(a[1] == "pki-init" for a in actions)
    assert not (appliance / "audit" / "access.jsonl").exists()
    bad = ccedge("revoke", "nobody", "--data-dir", str(appliance), ok=False)
    assert bad.returncode == 2 and "no live enrolment" in bad.stderr


def test_doctor_reports_each_check_with_a_fix(appliance: Path) -> None:
    proc = ccedge("doctor", "--json", "--data-dir", str(appliance), "--port", "1", ok=False)
    report = json.loads(proc.stdout)
    names = [c["name"] for c in report["checks"]]
    assert names == ["cpu", "sizing", "disk", "model", "engine", "capture", "certificates", "clock",
                     "service"]
    for c in report["checks"]:
        assert c["status"] in ("ok", "warn", "fail")
        assert c["status"] == "ok" or c["fix"], c
    by = {c["name"]: c for c in report["checks"]}
    assert by["certificates"]["status"] == "ok"
    assert by["model"]["status"] == "fail" and "ccedge model build" in by["model"]["fix"]
    from ccedge.core.speech.backend import backend  # the build this box runs, as doctor sees it

    assert (by["engine"]["status"] == "ok") == backend().current, by["engine"]
    assert "whisper.cpp" in by["engine"]["detail"]
    assert proc.returncode == (1 if not report["ok"] else 0)
    table = ccedge("doctor", "--data-dir", str(appliance), ok=False).stdout
    assert "certificates" in table and "fix:" in table


def test_service_unit_is_sandboxed(tmp_path: Path) -> None:
    unit = ccedge("service", "unit", "--data-dir", "/var/lib/ccedge").stdout
    for line in (
        "Type=notify",
        "WatchdogSec=30",
        "User=ccedge",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "PrivateTmp=yes",
        "ReadWritePaths=/var/lib/ccedge",
        "AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN",
        "CapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN",
        "CacheDirectory=ccedge",
        "Environment=NUMBA_CACHE_DIR=/var/cache/ccedge/numba",
    ):
        assert line in unit.splitlines(), line
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed")
    path = tmp_path / "ccedge.service"
    path.write_text(unit)
    proc = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = next((x for x in proc.stdout.splitlines() if "Overall exposure level" in x), None)
    if line is None:
        pytest.skip("systemd-analyze has no --offline security mode here")
    score = float(line.split(":")[-1].split()[0])
    assert score <= 2.5, line


def test_compiled_kernels_are_cached_where_the_unit_says(tmp_path: Path) -> None:
    """The unit's read-only system forbids Numba's default cache beside the package; the
    NUMBA_CACHE_DIR it sets must be where the kernels land, so a restart does not compile again."""
    import wave

    import numpy as np

    wav = tmp_path / "tone.wav"
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        t = np.arange(8000) / 8000
        w.writeframes((np.sin(2 * np.pi * 697 * t) * 8000).astype("<i2").tobytes())
    cache = tmp_path / "numba"
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    proc = subprocess.run([sys.executable, "-m", "ccedge.core.cli", "dtmf", str(wav)], capture_output=True,
                          text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert list(cache.rglob("*.nbi")), "no compiled kernel was cached under NUMBA_CACHE_DIR"


def test_doctor_sizes_the_box_for_its_live_model(tmp_path: Path) -> None:
    """Issue 15's ladder: the configured live model decides how many calls a core holds."""
    from ccedge.firmware.doctor import check_sizing, model_rung

    assert model_rung("/var/lib/ccedge/models/ggml-base-q8_0.bin") == "base"
    assert model_rung("ggml-tiny.en-q5_0.bin") == "tiny.en" and model_rung("base:q5_0") == "base"
    assert model_rung("ggml-large-v3.bin") is None
    cores = os.cpu_count() or 1
    calls = 20 * (cores - 1) + 19  # what this box holds with tiny.en, not with base (half its speed)
    assert check_sizing(calls).status == "ok"
    slow = check_sizing(calls, "/models/ggml-base-q8_0.bin")
    assert slow.status == "fail" and "second_pass_model" in slow.fix and "with base" in slow.detail
    assert check_sizing(1, "ggml-large-v3.bin").status == "warn"
    # through the command line: the service's configuration names the model
    config = tmp_path / "ccedge.toml"
    config.write_text('[speech]\nmodel = "/models/ggml-base-q8_0.bin"\n')
    proc = ccedge("doctor", "--json", "--data-dir", str(tmp_path / "data"), "--port", "1",
                  "--calls", str(calls), "--config", str(config), ok=False)
    by = {c["name"]: c for c in json.loads(proc.stdout)["checks"]}
    assert by["sizing"]["status"] == "fail" and "with base" in by["sizing"]["detail"], by["sizing"]
    missing = ccedge("doctor", "--config", str(tmp_path / "none.toml"), ok=False)
    assert missing.returncode == 2 and "no such configuration file" in missing.stderr, missing.stderr
