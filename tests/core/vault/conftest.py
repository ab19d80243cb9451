"""Vault fixtures: a fresh vault per test, and calls recorded through the real storing sink."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.events import CallEnded, CallStarted, Party, RedactedText, UtteranceRedacted
from ccedge.core.sink import ReleasedAudio
from ccedge.core.vault import Vault, VaultSink

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Vault]:
    monkeypatch.setenv("CCEDGE_VAULT_PASSPHRASE", PASSPHRASE)
    v = Vault.init(tmp_path / "data")
    yield v
    v.close()


def tone(n: int, seed: int) -> np.ndarray:
    """Speech-like test audio: a mix of tones with a slow envelope (not silence, not noise)."""
    t = np.arange(n) / 8000.0
    f0 = 180 + 40 * (seed % 5)
    x = np.sin(2 * np.pi * f0 * t) + 0.5 * np.sin(2 * np.pi * 3.1 * f0 * t + seed)
    env = 0.6 + 0.4 * np.sin(2 * np.pi * 2.0 * t)
    return (x * env * 6000).astype(np.int16)


async def record_call(
    sink: VaultSink,
    call_id: str,
    seconds: float = 3.0,
    text: str = "thank you for calling",
    sealed_at: float | None = None,
    flagged: bool = False,
    wall: float | None = None,
    agent: str = "ext-201",
    block_s: float = 0.2,
) -> dict[str, np.ndarray]:
    """One two-leg call through the sink; returns what each leg sent (the masked samples)."""
    parties = (Party("caller", "customer", "…1234"), Party("callee", "agent", agent))
    await sink.open_call(
        CallStarted(
            call_id=call_id,
            t=0.0,
            wall=wall or time.time(),
            parties=parties,
            codecs={"caller": "PCMU", "callee": "PCMU"},
        )
    )
    n = int(block_s * 8000)
    sent: dict[str, list[np.ndarray]] = {"caller": [], "callee": []}
    for i in range(int(seconds / block_s)):
        for j, (leg, role) in enumerate((("caller", "customer"), ("callee", "agent"))):
            x = tone(n, i * 2 + j)
            t0 = i * block_s
            if sealed_at is not None and leg == "caller" and abs(t0 - sealed_at) < 1e-6:
                frame = ReleasedAudio(call_id, leg, role, t0, 8000, np.zeros(n, np.int16), "sealed", x)
                sent[leg].append(np.zeros(n, np.int16))
            else:
                frame = ReleasedAudio(call_id, leg, role, t0, 8000, x)
                sent[leg].append(x)
            await sink.audio(call_id, leg, [frame])
        if i == 2:
            await sink.event(
                UtteranceRedacted(
                    call_id=call_id,
                    t=0.4,
                    leg="caller",
                    role="customer",
                    start_s=0.4,
                    end_s=1.0,
                    text=RedactedText(text),
                )
            )
    receipt = {
        "flagged": flagged,
        "flags": ["low-coverage"] if flagged else [],
        "coverage": 0.5 if flagged else 1,
    }
    await sink.close_call(
        CallEnded(call_id=call_id, t=seconds, reason="bye-caller", duration_s=seconds, receipt=receipt)
    )
    return {leg: np.concatenate(parts) for leg, parts in sent.items()}


def populate(v: Vault, calls: int = 2, **kw: object) -> dict[str, dict[str, np.ndarray]]:
    async def go() -> dict[str, dict[str, np.ndarray]]:
        sink = VaultSink(v)
        out = {}
        for i in range(calls):
            out[f"call-{i}"] = await record_call(sink, f"call-{i}", **kw)  # type: ignore[arg-type]
        await sink.aclose()
        return out

    result = asyncio.run(go())
    v.close_writer()
    return result
