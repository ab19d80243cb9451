"""Vault throughput: concurrent live recordings through the storing sink, and encryption MB/s
per core, beside the stock ``age`` tool and ``openssl enc`` on the same data.

    .venv/bin/python benchmarks/vault.py            # 1,000 concurrent calls x 10 s; 256 MB encryption
    .venv/bin/python benchmarks/vault.py --smoke    # tiny run for CI (tests/benchmarks/test_vault_bench.py)

**Recordings.** N calls are live at once: each sends 100 ms blocks of G.711-decoded audio
(int16, 8 kHz) on both legs, round-robin over all calls, through the real ``VaultSink``
(timeline, two-channel WAV, chunked AES-256-GCM, one I/O thread, SQLite index, audit), with a
redacted utterance every 5 s per call. The workload runs in a child pinned to one core
(``taskset``); its CPU time (all threads) gives the number of concurrent real-time
recordings one core sustains (= seconds of call audio stored per CPU second). The peer is the
same workload appended to plain files (what ``--wav-dir`` did: no encryption, no index).
The live phase (all calls streaming) is timed apart from opening and closing the calls,
which a real site spreads over time; their cost per call is reported beside it.

**Encryption.** The same random buffer is encrypted by our chunk writer (64 KiB chunks, to
/dev/shm), by ``age -r`` (the stock tool: ChaCha20-Poly1305 STREAM), by pyrage in process,
and by ``openssl enc -aes-256-ctr`` (unauthenticated, the raw cipher floor). Each runs
pinned to one core; MB/s per CPU second. Results: a table and ``benchmarks/results/vault.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
BLOCK_S = 0.1
RATE = 8000


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _pinned(cmd: list[str], core: str) -> list[str]:
    return ["taskset", "-c", core, *cmd] if shutil.which("taskset") else cmd


# --- recordings ---------------------------------------------------------------------------
def _blocks(seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    from ccedge.dsp.g711 import ulaw_decode, ulaw_encode

    n = int(BLOCK_S * RATE)
    speech = (np.sin(np.arange(n * 8) * 0.07) * 6000 + rng.normal(0, 800, n * 8)).astype(np.int16)
    pcm = ulaw_decode(ulaw_encode(speech))  # what a G.711 leg decodes to
    return [pcm[i * n : (i + 1) * n].copy() for i in range(8)]


async def _record(data_dir: Path, calls: int, seconds: float) -> dict[str, Any]:
    from ccedge.core.events import CallEnded, CallStarted, Party, RedactedText, UtteranceRedacted
    from ccedge.core.sink import ReleasedAudio
    from ccedge.core.vault import Vault, VaultSink

    v = Vault.open(data_dir)
    sink = VaultSink(v)
    blocks = _blocks(1)
    wall = time.time()
    legs = (("caller", "customer"), ("callee", "agent"))
    c0, t0 = time.process_time(), time.perf_counter()
    for c in range(calls):
        parties = (Party("caller", "customer", "…0000"), Party("callee", "agent", f"ext-{c % 50}"))
        await sink.open_call(CallStarted(call_id=f"b{c}", t=0.0, wall=wall, parties=parties))
    c1, t1 = time.process_time(), time.perf_counter()
    steps = int(seconds / BLOCK_S)
    for i in range(steps):
        for c in range(calls):
            cid = f"b{c}"
            for j, (leg, role) in enumerate(legs):
                await sink.audio(
                    cid, leg, [ReleasedAudio(cid, leg, role, i * BLOCK_S, RATE, blocks[(i + j + c) % 8])]
                )
            if i % 50 == 25:
                await sink.event(
                    UtteranceRedacted(
                        call_id=cid,
                        t=i * BLOCK_S,
                        leg="caller",
                        role="customer",
                        start_s=i * BLOCK_S - 2,
                        end_s=i * BLOCK_S,
                        text=RedactedText("yes my card number is [PAN] thanks"),
                    )
                )
    c2, t2 = time.process_time(), time.perf_counter()
    for c in range(calls):
        await sink.close_call(
            CallEnded(
                call_id=f"b{c}",
                t=seconds,
                reason="bye-caller",
                duration_s=seconds,
                receipt={"flagged": False, "flags": []},
            )
        )
    await sink.aclose()
    c3, t3 = time.process_time(), time.perf_counter()
    cpu, wall_s = c2 - c1, t2 - t1  # the live phase: every call streaming at once
    phases = {
        "open_ms_per_call": 1000 * (t1 - t0) / calls,
        "open_cpu_ms_per_call": 1000 * (c1 - c0) / calls,
        "close_ms_per_call": 1000 * (t3 - t2) / calls,
        "close_cpu_ms_per_call": 1000 * (c3 - c2) / calls,
    }
    stored = sum(p.stat().st_size for p in (data_dir / "recordings").rglob("*") if p.is_file())
    ok = sum(1 for _c, _k, msg in v.verify_files() if msg == "ok")
    v.close()
    return {
        "cpu_s": cpu,
        "wall_s": wall_s,
        "bytes": stored,
        "verified_streams": ok,
        "calls_stored": sink.calls_stored,
        "faults": sink.faults,
        **phases,
    }


def _record_plain(folder: Path, calls: int, seconds: float) -> dict[str, Any]:
    blocks = _blocks(1)
    files = [open(folder / f"b{c}-{leg}.raw", "ab") for c in range(calls) for leg in (0, 1)]
    c0, t0 = time.process_time(), time.perf_counter()
    for i in range(int(seconds / BLOCK_S)):
        for k, f in enumerate(files):
            f.write(blocks[(i + k) % 8].tobytes())
    for f in files:
        f.close()
    return {"cpu_s": time.process_time() - c0, "wall_s": time.perf_counter() - t0}


def _child_record(args: argparse.Namespace) -> int:
    if args.peer:
        print(json.dumps(_record_plain(Path(args.child), args.calls, args.seconds)))
    else:
        print(json.dumps(asyncio.run(_record(Path(args.child), args.calls, args.seconds))))
    return 0


def recordings(calls: int, seconds: float, core: str, peer: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(dir=os.environ.get("CCEDGE_BENCH_DIR")) as tmp:
        if not peer:
            from ccedge.core.vault import Vault

            os.environ.setdefault("CCEDGE_VAULT_PASSPHRASE", "benchmark passphrase")
            Vault.init(Path(tmp) / "data").close()
        target = Path(tmp) / ("data" if not peer else "")
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            str(target),
            "--calls",
            str(calls),
            "--seconds",
            str(seconds),
        ] + (["--peer"] if peer else [])
        proc = subprocess.run(_pinned(cmd, core), capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr)
        r: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    audio_s = calls * seconds
    r.update(
        calls=calls,
        seconds=seconds,
        audio_s=audio_s,
        realtime_per_core=audio_s / r["cpu_s"],
        realtime_on_one_core_wall=audio_s / r["wall_s"],
    )
    return r


# --- encryption ----------------------------------------------------------------------------
def _ours_encrypt(src: Path, dst: Path) -> float:
    from ccedge.core.vault.format import KIND_AUDIO, ChunkWriter

    data = src.read_bytes()
    c0 = time.process_time()
    w = ChunkWriter(dst, os.urandom(32), KIND_AUDIO)
    step = 1 << 20
    for i in range(0, len(data), step):
        w.write(memoryview(data)[i : i + step])
    w.close()
    return time.process_time() - c0


def _pyrage_encrypt(src: Path, dst: Path) -> float:
    import pyrage

    rcpt = pyrage.x25519.Identity.generate().to_public()
    data = src.read_bytes()
    c0 = time.process_time()
    dst.write_bytes(pyrage.encrypt(data, [rcpt]))
    return time.process_time() - c0


def _tool(cmd: list[str], core: str) -> float | None:
    if shutil.which(cmd[0]) is None:
        return None
    before = _cpu_children()
    subprocess.run(_pinned(cmd, core), check=True, capture_output=True)
    return _cpu_children() - before


def encryption(mb: int, core: str, repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {"mb": mb}
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        src, dst = Path(tmp) / "plain", Path(tmp) / "enc"
        src.write_bytes(os.urandom(mb << 20))
        ident = (
            subprocess.run(["age-keygen"], capture_output=True, text=True).stdout
            if shutil.which("age-keygen")
            else ""
        )
        rcpt = next((ln.split(": ")[1] for ln in ident.splitlines() if "public key" in ln), "")
        runs: dict[str, list[float]] = {}
        for _ in range(repeat):
            for name, fn in (
                ("ccedge (AES-256-GCM chunks)", lambda: _child_encrypt(src, dst, core, "ours")),
                ("pyrage (age in process)", lambda: _child_encrypt(src, dst, core, "pyrage")),
                (
                    "age CLI (stock tool)",
                    lambda: _tool(["age", "-r", rcpt, "-o", str(dst), str(src)], core) if rcpt else None,
                ),
                (
                    "openssl enc -aes-256-ctr (no MAC)",
                    lambda: _tool(
                        [
                            "openssl",
                            "enc",
                            "-aes-256-ctr",
                            "-pass",
                            "pass:x",
                            "-pbkdf2",
                            "-in",
                            str(src),
                            "-out",
                            str(dst),
                        ],
                        core,
                    ),
                ),
            ):
                dst.unlink(missing_ok=True)
                cpu = fn()
                if cpu is not None:
                    runs.setdefault(name, []).append(cpu)
        for name, cpus in runs.items():
            best = min(cpus)
            out[name] = {"cpu_s": best, "mb_per_cpu_s": mb / best if best > 0 else float("inf")}
    return out


def _child_encrypt(src: Path, dst: Path, core: str, which: str) -> float:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--encrypt", which, str(src), str(dst)]
    proc = subprocess.run(_pinned(cmd, core), capture_output=True, text=True, check=True)
    return float(proc.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--mb", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--core", default="0")
    ap.add_argument("--smoke", action="store_true", help="20 calls x 2 s, 8 MB; for CI")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "vault.json")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--peer", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--encrypt", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return _child_record(args)
    if args.encrypt:
        which, src, dst = args.encrypt
        print(
            _ours_encrypt(Path(src), Path(dst)) if which == "ours" else _pyrage_encrypt(Path(src), Path(dst))
        )
        return 0
    if args.smoke:
        args.calls, args.seconds, args.mb, args.repeat = 20, 2.0, 8, 1
    rec = recordings(args.calls, args.seconds, args.core, peer=False)
    plain = recordings(args.calls, args.seconds, args.core, peer=True)
    enc = encryption(args.mb, args.core, args.repeat)
    result = {
        "recordings": {"ccedge vault sink": rec, "plain file append (no crypto, no index)": plain},
        "encryption": enc,
        "smoke": args.smoke,
        "host": os.uname().nodename,
        "cpus": os.cpu_count(),
    }
    print(
        f"\nConcurrent live recordings: {args.calls} calls x {args.seconds:g} s, "
        f"{BLOCK_S * 1000:.0f} ms blocks, one core (taskset -c {args.core})"
    )
    print(
        f"{'writer (live phase)':<42} {'CPU s':>8} {'wall s':>8} {'calls/core (CPU)':>17} "
        f"{'calls (wall)':>13}"
    )
    for name, r in result["recordings"].items():
        print(
            f"{name:<42} {r['cpu_s']:8.2f} {r['wall_s']:8.2f} {r['realtime_per_core']:17.0f} "
            f"{r['realtime_on_one_core_wall']:13.0f}"
        )
    print(
        f"  stored {rec['bytes'] / 1e6:.1f} MB; {rec['verified_streams']} streams re-read and authenticated; "
        f"per call: open {rec['open_ms_per_call']:.2f} ms, close {rec['close_ms_per_call']:.2f} ms (fsync)"
    )
    print(f"\nEncryption of {args.mb} MB on one core (best of {args.repeat})")
    print(f"{'encryptor':<42} {'CPU s':>8} {'MB/s per core':>14}")
    for name, r in enc.items():
        if isinstance(r, dict):
            print(f"{name:<42} {r['cpu_s']:8.3f} {r['mb_per_cpu_s']:14.0f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
