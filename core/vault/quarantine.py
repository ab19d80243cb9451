"""Quarantine: audio redaction could not clear in time, sealed under the quarantine key.

The hold-back buffer releases such audio masked (that is what the recording holds) and
hands the vault the original in ``ReleasedAudio.sealed``; the vault keeps it in the call's
``.quarantine`` stream, under a data key wrapped by the quarantine key, and lists the call
when its redaction receipt is flagged or any span was sealed. Only the compliance role may
open it. A rescan runs redaction again over each sealed span (the caller supplies it, e.g.
with a larger model): when every span clears, the masked result replaces the silence in the
recording (rewritten under a fresh data key) and the quarantine stream is shredded; when any
span does not clear, the quarantine stream is shredded and the recording stays masked.
"""

from __future__ import annotations

import io
import time
import wave
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ccedge.core.files import shred_file
from ccedge.core.vault.errors import VaultError
from ccedge.core.vault.format import KIND_AUDIO, ChunkWriter
from ccedge.core.vault.keys import new_dek
from ccedge.core.vault.recording import parse_quarantine, wav_header

if TYPE_CHECKING:
    from ccedge.core.vault.store import Vault

# (span metadata {leg, role, t0, rate, n}, original samples) -> masked samples, or None
# when redaction still cannot clear the span.
Clearer = Callable[[Mapping[str, Any], npt.NDArray[np.int16]], "npt.NDArray[np.int16] | None"]


def listing(v: Vault) -> list[dict[str, Any]]:
    out = []
    for q in v.index.quarantined("open"):
        call = v.index.get_call(q["call_id"]) or {}
        out.append(
            {
                "call_id": q["call_id"],
                "started": call.get("started"),
                "agent": call.get("agent", ""),
                "flags": q["flags"],
                "spans": q["spans"],
                "sealed_s": round(q["seconds"], 3),
                "state": q["state"],
            }
        )
    return out


def read_spans(
    v: Vault, call_id: str, actor: str, role: str
) -> list[tuple[dict[str, Any], npt.NDArray[np.int16]]]:
    """The sealed originals of a call (compliance only; audited)."""
    v.require("quarantine", actor, role, call_id)
    plain, reader = v.read_stream(call_id, "quarantine")
    spans = parse_quarantine(plain) if reader is not None else []
    v.audit.append(actor, role, "quarantine-read", call_id, {"spans": len(spans)})
    return spans


def rescan(v: Vault, call_id: str, clearer: Clearer, actor: str, role: str) -> dict[str, Any]:
    spans = read_spans(v, call_id, actor, role)
    if not any(q["call_id"] == call_id for q in v.index.quarantined("open")):
        raise VaultError(f"call {call_id} has no open quarantine")
    cleared = [(meta, clearer(meta, samples)) for meta, samples in spans]
    if spans and all(masked is not None for _meta, masked in cleared):
        _overlay(v, call_id, [(m, s) for m, s in cleared if s is not None])
        outcome = "released"
    else:
        outcome = "shredded"
    recs = v.index.recordings(call_id)
    if "quarantine" in recs:
        v.index.update_recording(call_id, "quarantine", dek=None, state="shredded")
        v.index.forget_keys()
        shred_file(v.data_dir / recs["quarantine"]["path"])
    v.index.set_quarantine(call_id, outcome, [], 0, 0.0, time.time())
    v.audit.append(
        actor,
        role,
        f"quarantine-{outcome}",
        call_id,
        {"spans": len(spans), "cleared": sum(s is not None for _m, s in cleared)},
    )
    return {"call_id": call_id, "outcome": outcome, "spans": len(spans)}


def _overlay(v: Vault, call_id: str, parts: list[tuple[Mapping[str, Any], npt.NDArray[np.int16]]]) -> None:
    """Rewrite the call's audio with the released spans in place, under a fresh data key."""
    plain, _ = v.read_stream(call_id, "audio")
    from ccedge.core.vault.recording import finish_wav

    with wave.open(io.BytesIO(finish_wav(plain))) as w:
        rate, channels = w.getframerate(), w.getnchannels()
        frames = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, channels).copy()
    legs = {leg["leg"]: leg["channel"] for leg in v.index.legs(call_id)}
    for meta, samples in parts:
        ch = legs.get(str(meta["leg"]), 1 if meta.get("role") == "customer" else 0)
        if int(meta["rate"]) != rate:
            from ccedge.dsp.resample import resample

            samples = resample(samples, int(meta["rate"]), rate, "QQ")
        start = round(float(meta["t0"]) * rate)
        n = max(0, min(len(samples), len(frames) - start))
        frames[start : start + n, ch] = samples[:n]
    old = v.index.recordings(call_id)["audio"]
    new_rel = str(old["path"]) + ".r"
    dek = new_dek()
    w2 = ChunkWriter(v.data_dir / new_rel, dek, KIND_AUDIO)
    w2.write(wav_header(rate, channels) + frames.astype("<i2").tobytes())
    w2.close()
    v.index.update_recording(
        call_id, "audio", path=new_rel, dek=v.keyring.wrap(dek, call_id), chunks=w2.index, bytes=w2.size
    )
    v.index.forget_keys()
    shred_file(v.data_dir / old["path"])


__all__ = ["Clearer", "listing", "read_spans", "rescan"]
