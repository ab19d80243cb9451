"""``ccedge doctor``: is this box fit to run the appliance, and what to do when it is not.

Each check returns a status (``ok``, ``warn``, ``fail``), one line of detail and, when not ok,
one line saying how to fix it. Sizing rules of thumb come from the appliance benchmark
(README "The live appliance"): about one core per 20 live calls plus one for the rest, and
1 GiB plus 60 MiB per call, with the live default model (tiny.en). Another model scales the calls
per core by its measured speed (README "The model ladder", issue 15): ``[speech] model`` in the
service's configuration (``--config``) says which.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ccedge.core.pki import PkiError, PkiPaths, days_left, read_cert

GIB = 1 << 30
CAP_NET_RAW, CAP_NET_ADMIN = 13, 12


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: str  # ok | warn | fail
    detail: str
    fix: str = ""


def _cpu_flags() -> set[str]:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def check_cpu() -> Check:
    flags = _cpu_flags()
    have = [f for f in ("avx2", "avx512f", "avx512_vnni", "f16c", "fma") if f in flags]
    if "avx2" not in flags:
        return Check(
            "cpu",
            "warn",
            f"no AVX2 (has: {', '.join(have) or 'none'})",
            "whisper.cpp runs 3-5x slower without AVX2: lower [speech] workers and the call count",
        )
    return Check(
        "cpu", "ok", f"{', '.join(have)}; {'AVX-512 present' if 'avx512f' in flags else 'no AVX-512'}"
    )


CALLS_PER_CORE = 20  # live calls one core holds with tiny.en q8_0 (the appliance benchmark)
# Audio seconds per CPU second of each rung relative to tiny.en q8_0, measured in one run of
# ``benchmarks/speech_ladder.py``: 0.52 on 5 December (tiny.en q8_0 16.8, base q8_0 8.8, base q5_0 9.0,
# loaded box); 6 December 08:53 on a quiet box, tiny.en q8_0 38.2, base q8_0 18.5 (0.48), base q5_0
# 17.2 (0.45). The slower quantisation's ratio is used: sizing must not promise calls the box can't hold.
MODEL_SPEED = {"tiny.en": 1.0, "base": 0.45}


def model_rung(model: str) -> str | None:
    """The ladder rung of a model file or name ("ggml-base-q8_0.bin", "base:q5_0"), if known."""
    name = Path(model).name
    for rung in sorted(MODEL_SPEED, key=len, reverse=True):
        if name == rung or name.startswith((f"{rung}:", f"ggml-{rung}-", f"ggml-{rung}.")):
            return rung
    return None


def check_sizing(calls: int, model: str = "") -> Check:
    """Cores and memory for ``calls`` live calls with the live ``model`` ("": the default tiny.en)."""
    cores = os.cpu_count() or 1
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    rung = model_rung(model) if model else "tiny.en"
    speed = MODEL_SPEED[rung] if rung else 1.0
    per_core = max(1, int(CALLS_PER_CORE * speed))
    need_cores = calls // per_core + 1
    need_mem = GIB + calls * 60 * (1 << 20)
    detail = (
        f"{cores} cores, {mem / GIB:.1f} GiB for {calls} calls with {rung or Path(model).name} "
        f"(~{per_core} calls per core: needs ~{need_cores} cores, {need_mem / GIB:.1f} GiB)"
    )
    if cores < need_cores or mem < need_mem:
        fix = f"lower the expected call count or add cores/memory ({calls} calls)"
        if rung != "tiny.en":
            fix += "; or run the live pass on tiny.en and this model as `[speech] second_pass_model`"
        return Check("sizing", "fail", detail, fix)
    if rung is None:
        return Check("sizing", "warn", detail + ": model not on the measured ladder, sized as tiny.en",
                     "measure it: `python benchmarks/appliance.py` with this [speech] model")
    return Check("sizing", "ok", detail)


def _fstype(path: Path) -> str:
    best, fstype = "", "?"
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3 and str(path).startswith(parts[1]) and len(parts[1]) > len(best):
                best, fstype = parts[1], parts[2]
    except OSError:
        pass
    return fstype


def check_disk(data_dir: Path) -> Check:
    probe = data_dir if data_dir.exists() else data_dir.parent
    usage = shutil.disk_usage(probe)
    fs = _fstype(probe.resolve())
    detail = f"{usage.free / GIB:.1f} GiB free of {usage.total / GIB:.1f} GiB on {fs}"
    if fs in ("tmpfs", "ramfs"):
        return Check(
            "disk",
            "fail",
            detail,
            "put the data directory on persistent storage (recordings vanish on reboot)",
        )
    if usage.free < 10 * GIB:
        return Check(
            "disk", "warn", detail, "free space or move --data-dir: the vault needs ~1 GiB per 150 call-hours"
        )
    if fs in ("nfs", "nfs4", "cifs", "fuse.sshfs", "overlay"):
        return Check("disk", "warn", detail, f"{fs} may not honour fsync: prefer a local ext4/xfs")
    return Check("disk", "ok", detail)


def check_model(data_dir: Path) -> Check:
    models = data_dir / "models"
    records = sorted(models.glob("*.json")) if models.is_dir() else []
    if not records:
        return Check("model", "fail", "no transcription model", "run `ccedge model build`")
    rec = json.loads(records[-1].read_text())
    binary = models / str(rec.get("file", records[-1].with_suffix(".bin").name))
    if not binary.exists():
        return Check("model", "fail", f"{binary.name} missing", "run `ccedge model build`")
    from ccedge.core.speech.build import sha256_file

    if sha256_file(binary) != rec.get("sha256"):
        return Check(
            "model",
            "fail",
            f"{binary.name} does not match its recorded SHA-256",
            "the model file is damaged or replaced: run `ccedge model build --force`",
        )
    return Check("model", "ok", f"{binary.name} ({binary.stat().st_size / 1e6:.0f} MB), SHA-256 matches")


def check_engine() -> Check:
    """The whisper.cpp build: the install's patched source build, or the slower PyPI wheel."""
    from ccedge.core.speech.backend import backend

    b = backend()
    detail = b.summary()
    fix = "re-run the install's whisper.cpp build (`bash .ci/setup`: a compiler and OpenBLAS)"
    if not b.encoder_flash:
        return Check("engine", "warn", detail + ": about half the live call count or less", fix)
    if not b.current:
        return Check("engine", "warn", detail + ": an older patched build, up to a third slower", fix)
    return Check("engine", "ok", detail)


def _caps() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("CapEff:"):
            return int(line.split()[1], 16)
    return 0


def check_capture() -> Check:
    nics = (
        sorted(p.name for p in Path("/sys/class/net").iterdir() if p.name != "lo")
        if Path("/sys/class/net").is_dir()
        else []
    )
    caps = _caps()
    raw, admin = bool(caps >> CAP_NET_RAW & 1), bool(caps >> CAP_NET_ADMIN & 1)
    detail = (
        f"interfaces: {', '.join(nics) or 'none'}; CAP_NET_RAW {'yes' if raw else 'no'}, "
        f"CAP_NET_ADMIN {'yes' if admin else 'no'}"
    )
    if not nics:
        return Check("capture", "fail", detail, "connect the SPAN/mirror port; only loopback is present")
    if not raw:
        return Check(
            "capture",
            "warn",
            detail,
            "live capture needs CAP_NET_RAW: run as the service (`ccedge service install` grants it)",
        )
    return Check("capture", "ok", detail)


def check_certificates(data_dir: Path) -> Check:
    paths = PkiPaths.of(data_dir)
    if not paths.exists():
        return Check("certificates", "fail", "no appliance CA or server certificate", "run `ccedge init`")
    try:
        server, ca = read_cert(paths.server_cert), read_cert(paths.ca_cert)
    except PkiError as e:
        return Check("certificates", "fail", str(e), "run `ccedge certs renew`")
    left = min(days_left(server), days_left(ca))
    detail = f"server certificate {days_left(server):.0f} days left, CA {days_left(ca):.0f} days left"
    if left < 0:
        return Check("certificates", "fail", detail, "expired: run `ccedge certs renew`")
    if left < 30:
        return Check("certificates", "warn", detail, "renew soon: `ccedge certs renew`")
    return Check("certificates", "ok", detail)


def check_clock(data_dir: Path) -> Check:
    now = dt.datetime.now(dt.UTC)
    problems = []
    if now.year < 2025:
        problems.append(f"clock reads {now:%Y-%m-%d}")
    paths = PkiPaths.of(data_dir)
    if paths.server_cert.exists():
        try:
            if read_cert(paths.server_cert).not_valid_before_utc > now:
                problems.append("clock is earlier than the server certificate's start")
        except PkiError:
            pass
    synced = "unknown"
    if shutil.which("timedatectl"):
        out = subprocess.run(
            ["timedatectl", "show", "-p", "NTPSynchronized", "--value"],
            capture_output=True,
            text=True,
            timeout=5,
        )
        synced = out.stdout.strip() or "unknown"
    detail = f"{now:%Y-%m-%d %H:%M:%S} UTC, NTP synchronised: {synced}"
    if problems:
        return Check(
            "clock",
            "fail",
            f"{detail}; {'; '.join(problems)}",
            "set the time and enable NTP (`timedatectl set-ntp true`): audit and certificates depend on it",
        )
    if synced == "no":
        return Check("clock", "warn", detail, "enable NTP (`timedatectl set-ntp true`)")
    return Check("clock", "ok", detail)


def check_service(port: int = 7443) -> Check:
    state = "unknown"
    if shutil.which("systemctl"):
        out = subprocess.run(
            ["systemctl", "is-active", "ccedge.service"], capture_output=True, text=True, timeout=5
        )
        state = out.stdout.strip() or "unknown"
    listening = False
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            listening = True
    except OSError:
        pass
    detail = f"systemd: {state}; API port {port}: {'listening' if listening else 'closed'}"
    if state == "active" or listening:
        return Check("service", "ok", detail)
    return Check("service", "warn", detail, "install and start it: `sudo ccedge service install`")


def run_checks(data_dir: Path, calls: int = 20, port: int = 7443, model: str = "") -> list[Check]:
    checks: list[Callable[[], Check]] = [
        check_cpu,
        lambda: check_sizing(calls, model),
        lambda: check_disk(data_dir),
        lambda: check_model(data_dir),
        check_engine,
        check_capture,
        lambda: check_certificates(data_dir),
        lambda: check_clock(data_dir),
        lambda: check_service(port),
    ]
    out = []
    for check in checks:
        try:
            out.append(check())
        except Exception as e:  # a broken probe is a finding, not a crash of the doctor
            out.append(
                Check(getattr(check, "__name__", "check"), "warn", f"could not check: {type(e).__name__}")
            )
    return out


def render(checks: list[Check], as_json: bool) -> str:
    if as_json:
        return json.dumps(
            {"ok": all(c.status != "fail" for c in checks), "checks": [asdict(c) for c in checks]}, indent=1
        )
    lines = []
    for c in checks:
        lines.append(f"{c.status.upper():<5} {c.name:<13} {c.detail}")
        if c.fix:
            lines.append(f"{'':<5} {'':<13} fix: {c.fix}")
    return "\n".join(lines)


__all__ = ["Check", "render", "run_checks"]
